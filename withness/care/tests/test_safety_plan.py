import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from withness.care.models import MAX_ITEM_LENGTH, MAX_ITEMS, PlanPart, SafetyPlan
from withness.care.services import safety_plan_save
from withness.care.summary import Section, summary_build
from withness.people.services import person_delete, person_restore
from withness.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

PLAN = reverse("care:safety_plan")
EDIT = reverse("care:safety_plan_edit")
PRINT = reverse("care:safety_plan_print")
PDF = reverse("care:safety_plan_pdf")

FILLED = {
    "warning_signs": "Not answering messages\nSleeping past noon",
    "settle_alone": "Cold water on my face\nWalk round the block",
    "distractions": "The library",
    "ask_for_help": "My sister",
    "professionals": "Dr Okafor 020 7946 0000",
    "safer_surroundings": "Give the spare pills to Jo",
    "reasons_for_living": "My cat, Ferdinand",
}


def text_of(pdf_bytes: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


def test_every_plan_page_needs_a_login(client):
    for url in (PLAN, EDIT, PRINT, PDF):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_an_empty_plan_invites_rather_than_scolds(owner_client):
    html = owner_client.get(PLAN).content.decode()

    assert "Start your plan" in html
    assert html.count("<h1") == 1
    assert "If you are in danger now" in html


def test_the_editor_follows_the_six_parts_in_order(owner_client):
    html = owner_client.get(EDIT).content.decode()

    positions = [html.index(part.label) for part in PlanPart]
    assert positions == sorted(positions)
    assert "Reasons for living (if you like)" in html


def test_saving_the_plan_keeps_each_part_in_the_users_words(owner_client, owner):
    response = owner_client.post(EDIT, {**FILLED, "warning_signs": "  Not answering messages\n\n"})

    assert response.status_code == 302
    plan = SafetyPlan.objects.for_user(owner).get()
    assert plan.warning_signs == "Not answering messages"
    html = owner_client.get(PLAN).content.decode()
    assert "Cold water on my face" in html
    assert "My cat, Ferdinand" in html
    assert "Nobody is contacted from here" in html


def test_saving_twice_keeps_one_plan(owner_client, owner):
    owner_client.post(EDIT, FILLED)
    owner_client.post(EDIT, {**FILLED, "distractions": "The park"})

    assert SafetyPlan.objects.filter(owner=owner).count() == 1
    assert SafetyPlan.objects.get(owner=owner).distractions == "The park"


def test_people_can_be_picked_from_the_journal(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    ana = PersonFactory(owner=owner, name="Ana")

    owner_client.post(EDIT, {**FILLED, "help_people": [sam.pk], "distraction_people": [ana.pk]})

    plan = SafetyPlan.objects.get(owner=owner)
    assert plan.people_in(PlanPart.ASK_FOR_HELP) == [sam]
    assert plan.people_in(PlanPart.DISTRACTIONS) == [ana]
    edit = owner_client.get(EDIT).content.decode()
    assert f'value="{sam.pk}"' in edit and "checked" in edit


def test_someone_elses_person_cannot_be_picked(owner_client, owner, outsider):
    theirs = PersonFactory(owner=outsider, name="Not yours")
    PersonFactory(owner=owner, name="Sam")

    response = owner_client.post(EDIT, {**FILLED, "help_people": [theirs.pk]})

    assert response.status_code == 200
    assert "One of those people is not in your list" in response.content.decode()
    assert not SafetyPlan.objects.filter(owner=owner).exists()


def test_too_many_lines_get_a_clear_message_and_keep_what_was_typed(owner_client, owner):
    many = "\n".join(f"step {n}" for n in range(MAX_ITEMS + 1))

    response = owner_client.post(EDIT, {**FILLED, "settle_alone": many})

    html = response.content.decode()
    assert response.status_code == 200
    assert f"A part holds up to {MAX_ITEMS} lines; this one has {MAX_ITEMS + 1}." in html
    assert "Nothing was saved yet." in html
    assert "step 3" in html


def test_a_very_long_line_gets_a_clear_message(owner_client):
    response = owner_client.post(EDIT, {**FILLED, "warning_signs": "a\n" + "x" * 250})

    assert f"Line 2 is longer than {MAX_ITEM_LENGTH} characters." in response.content.decode()


def test_one_persons_plan_is_never_shown_to_another(owner, outsider_client):
    safety_plan_save(user=owner, **FILLED)

    html = outsider_client.get(PLAN).content.decode()

    assert "Cold water on my face" not in html
    assert outsider_client.get(PRINT).status_code == 302
    assert outsider_client.get(PDF).status_code == 302


def test_a_deleted_person_drops_out_of_the_plan(owner):
    sam = PersonFactory(owner=owner, name="Sam")
    plan = safety_plan_save(user=owner, help_people=[sam], **FILLED)

    sam.soft_delete()

    assert plan.people_in(PlanPart.ASK_FOR_HELP) == []


def test_saving_the_plan_keeps_a_deleted_person_for_when_they_are_restored(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam Ōtake")
    jo = PersonFactory(owner=owner, name="Jo Achebe")
    safety_plan_save(user=owner, help_people=[sam, jo], **FILLED)
    person_delete(person=sam)

    # Sam is not on the form any more, so a save sends only Jo.
    response = owner_client.post(EDIT, {**FILLED, "help_people": [jo.pk]})
    assert response.status_code == 302

    plan = SafetyPlan.objects.for_user(owner).get()
    assert plan.people_in(PlanPart.ASK_FOR_HELP) == [jo]
    assert "Sam" not in owner_client.get(PLAN).content.decode()
    assert "Sam" not in text_of(owner_client.get(PDF).content)
    today = owner.today()
    snapshot = summary_build(
        user=owner, start=today, end=today, sections=[Section.SAFETY_PLAN], show_names=True
    )
    assert "Jo Achebe" in str(snapshot) and "Sam" not in str(snapshot)

    person_restore(person=sam)

    assert plan.people_in(PlanPart.ASK_FOR_HELP) == [jo, sam]
    assert "Sam Ōtake" in owner_client.get(PLAN).content.decode()


def test_help_now_opens_the_plan_in_one_tap_for_a_signed_in_person(owner_client):
    from django.test import Client

    signed_in = owner_client.get(reverse("care:help_now")).content.decode()
    anonymous = Client().get(reverse("care:help_now")).content.decode()
    assert f'<a class="button button-quiet" href="{PLAN}">Open your safety plan</a>' in signed_in
    assert f'href="{PLAN}"' not in anonymous


def test_the_print_view_has_the_plan_and_no_site_chrome(owner_client, owner):
    owner.country = "GB"
    owner.save()
    safety_plan_save(user=owner, **FILLED)

    html = owner_client.get(PRINT).content.decode()

    assert html.count("<h1") == 1
    assert "Walk round the block" in html
    assert 'call <strong><a href="tel:999">999</a></strong>, your local emergency number' in html
    assert "site-nav" not in html
    assert "style=" not in html and "<script>" not in html


def test_the_pdf_holds_the_plan_on_one_page(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam Ōtake")
    safety_plan_save(user=owner, help_people=[sam], **FILLED)

    response = owner_client.get(PDF)

    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = text_of(response.content)
    assert "My safety plan" in text
    assert "Cold water on my face" in text
    assert "Sam Ōtake" in text
    assert "My cat, Ferdinand" in text
    assert "Emergency number: 999" in text


def test_a_full_plan_still_fits_one_pdf_page(owner):
    full = {part.value: "\n".join(f"{part.label} {n}" for n in range(6)) for part in PlanPart}
    plan = safety_plan_save(user=owner, reasons_for_living="Ferdinand\nThe sea", **full)

    from withness.care.pdf import safety_plan_pdf

    content = safety_plan_pdf(plan, emergency="999")
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    assert "Making my surroundings safer 5" in text_of(content)


def test_the_print_and_pdf_of_a_plan_not_yet_written_lead_back_to_it(owner_client):
    assert owner_client.get(PRINT)["Location"] == PLAN
    assert owner_client.get(PDF)["Location"] == PLAN


PDF_NOTE = "The PDF can’t show some of the writing here as typed"


@pytest.mark.parametrize(
    "typed",
    [
        {"settle_alone": "Cold water on my face\nSit with the plant 🌱"},  # an emoji
        {"ask_for_help": "我的姐姐"},  # Chinese
        {"reasons_for_living": "My cat\nשבת with family"},  # right to left
    ],
)
def test_the_plan_page_says_so_when_its_pdf_cannot_show_some_writing(owner_client, owner, typed):
    safety_plan_save(user=owner, **{**FILLED, **typed})

    html = owner_client.get(PLAN).content.decode()

    assert html.count(PDF_NOTE) == 1
    assert "it marks what it leaves out. The print view shows it all." in html
    assert 'href="/care/safety-plan.pdf" aria-describedby="pdf-note"' in html
    assert '<p class="small muted" id="pdf-note">' in html


def test_a_persons_name_in_the_plan_counts_too(owner_client, owner):
    safety_plan_save(user=owner, help_people=[PersonFactory(owner=owner, name="奶奶")], **FILLED)

    html = owner_client.get(PLAN).content.decode()

    assert PDF_NOTE in html
    assert "[characters this PDF can’t show]" in text_of(owner_client.get(PDF).content)


@pytest.mark.parametrize(
    "typed",
    [
        {"settle_alone": "Café au lait, crème brûlée"},  # accented Latin
        {"ask_for_help": "Zoë, Ана, Łukasz ❤️"},  # Cyrillic, Polish and a heart the font has
        {"reasons_for_living": "Ferdinand — “the best cat”"},  # dashes and curly quotes
    ],
)
def test_a_plan_its_pdf_shows_whole_has_no_such_note(owner_client, owner, typed):
    safety_plan_save(user=owner, **{**FILLED, **typed})

    html = owner_client.get(PLAN).content.decode()

    assert PDF_NOTE not in html
    assert 'aria-describedby="pdf-note"' not in html
    assert "[characters this PDF can’t show]" not in text_of(owner_client.get(PDF).content)


def test_an_empty_plan_has_no_word_about_the_pdf(owner_client):
    assert PDF_NOTE not in owner_client.get(PLAN).content.decode()


def test_the_plan_and_the_summary_share_one_check_and_one_note(owner):
    """Both pages ask pdf.py (a summary's words may be set in bold, a plan's never are) and
    say it with the same template, so their wording can't drift apart."""
    from withness.care import pdf

    plan = safety_plan_save(user=owner, **{**FILLED, "settle_alone": "Coffee with 𝖲𝖺𝗆"})

    # The regular font, which sets a plan's lines, has these letters; the bold hasn't.
    assert pdf.plan_draws_all(plan) is True
    assert pdf.draws_all({"sections": [{"entries": ["Coffee with 𝖲𝖺𝗆"]}]}) is False
    plan = safety_plan_save(user=owner, **{**FILLED, "settle_alone": "Tea 🍵"})
    assert pdf.plan_draws_all(plan) is False
