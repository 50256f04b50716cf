import re

import pytest

from withness.insights.demo import demo_account_reset
from withness.people.models import Person
from withness.testing.browser import shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_demo_journal_reads_as_cards_and_a_card_leads_to_its_entries(page, live_server):
    user = demo_account_reset(username="demo", password="calm-harbour-42-demo")
    sign_in(page, live_server, user)

    page.goto("/insights/")
    page.get_by_role("heading", level=1, name="Insights").wait_for()
    sam_card = page.locator(".insight-card", has_text="time with Sam has tended")
    assert sam_card.count() == 1
    for details in page.locator("details").all():
        details.locator("summary").click()
    sources = page.eval_on_selector_all("main img", "images => images.map(i => i.src)")
    assert len(sources) >= 4
    for src in sources:
        response = page.request.get(src)
        assert response.ok and response.headers["content-type"] == "image/svg+xml", src
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    shoot(page, "insights demo")

    sam_card.get_by_role("link", name=re.compile("entries behind this")).click()
    page.wait_for_url(re.compile(r"/history/\?person=\d+&kind=interaction"))
    assert page.locator(".entry").count() > 5
    assert "Sam" in page.locator(".entry").first.inner_text()

    page.goto("/insights/")
    other = page.locator(".insight-card a[href*='/insights/effects/']").first
    other.click()
    page.get_by_role("heading", level=1, name="The entries behind it").wait_for()
    assert page.locator(".entry").count() >= 6
    shoot(page, "insights entries behind a finding")


def test_a_persons_page_shows_what_the_log_says_about_them(page, live_server):
    user = demo_account_reset(username="demo", password="calm-harbour-42-demo", days=120)
    sign_in(page, live_server, user)
    sam = Person.objects.get(owner=user, name="Sam")
    page.goto(f"/people/{sam.pk}/")
    section = page.locator(".insight-person")
    section.wait_for(timeout=2000)
    assert "time with Sam" in section.inner_text()
    shoot(page, "insights on a persons page")


def test_a_new_journal_is_invited_to_log_a_little_more(page, live_server):
    from withness.testing.factories import InteractionFactory, PersonFactory, UserFactory

    user = UserFactory(username="newcomer")
    InteractionFactory(owner=user, people=[PersonFactory(owner=user, name="Sam")])
    sign_in(page, live_server, user)
    page.goto("/insights/")
    page.get_by_text("Not enough yet").wait_for()
    assert page.locator(".entry").count() == 1
    shoot(page, "insights not enough yet")
