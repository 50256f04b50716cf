"""Writing a safety plan and printing it, in a real browser at phone size."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from withness.testing.browser import shoot, sign_in
from withness.testing.factories import PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_writes_a_safety_plan_from_help_now_and_prints_it(page, live_server):
    user = UserFactory(username="planner", country="GB")
    PersonFactory(owner=user, name="Sam")
    sign_in(page, live_server, user)

    page.goto("/")
    page.get_by_role("link", name="Help now").first.click()
    page.get_by_role("link", name="Open your safety plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your safety plan")
    shoot(page, "care-safety-plan-empty")
    page.get_by_role("link", name="Start your plan").click()

    page.get_by_label("Warning signs I notice").fill("Not answering messages\nSkipping meals")
    page.get_by_label("What I can do on my own to settle").fill("Cold water on my face")
    page.get_by_label("People and places that take my mind off things").fill("The library")
    page.get_by_label("People I can ask for help").fill("My sister")
    page.locator("fieldset, div").filter(
        has_text="People from your journal you could ask"
    ).get_by_label("Sam").last.check()
    page.get_by_label("Professionals and crisis lines").fill("Dr Okafor 020 7946 0000")
    page.get_by_label("Making my surroundings safer").fill("Keep the spare key with Jo")
    page.get_by_label("Reasons for living (if you like)").fill("Ferdinand the cat")
    shoot(page, "care-safety-plan-form")
    page.get_by_role("button", name="Save your plan").click()

    expect(page.get_by_text("Your safety plan is saved.")).to_be_visible()
    expect(page.get_by_text("Cold water on my face")).to_be_visible()
    expect(page.locator(".plan-part").nth(3)).to_contain_text("Sam")
    expect(page.get_by_role("link", name="020 7946 0000")).to_have_attribute(
        "href", "tel:02079460000"
    )
    shoot(page, "care-safety-plan")

    page.get_by_role("link", name="Print view").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My safety plan")
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    shoot(page, "care-safety-plan-print")
    page.emulate_media(media="print")
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(printed.pages) == 1
    assert "Ferdinand the cat" in printed.pages[0].extract_text()
    assert "Back to your plan" not in printed.pages[0].extract_text()


def test_a_long_plan_still_prints_on_one_page(page, live_server):
    user = UserFactory(username="longplan", country="US")
    sign_in(page, live_server, user)
    from withness.care.models import PlanPart
    from withness.care.services import safety_plan_save

    safety_plan_save(
        user=user,
        reasons_for_living="Ferdinand\nThe sea\nMy niece",
        **{part.value: "\n".join(f"{part.label}, item {n}" for n in range(5)) for part in PlanPart},
    )
    page.goto("/care/safety-plan/print/")
    page.emulate_media(media="print")
    printed = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    assert len(printed.pages) == 1
    assert "My niece" in printed.pages[0].extract_text()


def test_a_plan_with_writing_the_pdf_cannot_show_says_so_beside_the_download(page, live_server):
    user = UserFactory(username="seedling", country="GB")
    PersonFactory(owner=user, name="奶奶")
    from withness.care.services import safety_plan_save
    from withness.people.models import Person

    safety_plan_save(
        user=user,
        settle_alone="Water the seedlings 🌱\nCold water on my face",
        ask_for_help="My sister",
        help_people=list(Person.objects.filter(owner=user)),
        reasons_for_living="Ferdinand the cat",
    )
    sign_in(page, live_server, user)
    page.goto("/care/safety-plan/")
    download = page.get_by_role("link", name="Download a PDF")
    expect(download).to_have_accessible_description(
        "The PDF can’t show some of the writing here as typed (such as Chinese, Japanese or "
        "Korean, emoji, or right-to-left scripts); it marks what it leaves out. "
        "The print view shows it all."
    )
    shoot(page, "care-safety-plan-pdf-note")
