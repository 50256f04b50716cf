from datetime import timedelta

import pytest
from django.templatetags.static import static
from django.urls import reverse

from withness.care import services
from withness.care.drift_note import SIGNAL_WORDS, drift_note_for, noticed_in_words
from withness.people.models import FeltSafety, Person
from withness.testing.factories import PersonFactory

from .journals import plant

pytestmark = pytest.mark.django_db

HOME = reverse("journal:home")
QUIET = reverse("care:drift_note_quiet")
NEVER = ("risk", "crisis score", "symptoms of", "disorder", "diagnos", "streak", "failed")


def note_of(client):
    html = client.get(HOME).content.decode()
    if 'id="drift-note"' not in html:
        return ""
    return html.split('id="drift-note"')[1].split("</section>")[0]


def test_a_planted_slide_shows_a_quiet_note_in_plain_words(owner_client, owner):
    journal = plant(owner, slide=True)

    note = note_of(owner_client)

    assert "A gentle note" in note
    assert "the last few days have had more time alone than you wanted" in note
    assert reverse("care:safety_plan") in note
    safe = sorted(journal.planted.safe_people)
    assert any(f"a quick call to {name}, who you marked as a safe person" in note for name in safe)
    for word in NEVER:
        assert word not in note.lower()


def test_the_notes_first_step_is_the_one_its_words_suggest(owner_client, owner):
    plant(owner, slide=True)
    suggested = drift_note_for(owner, preferences=services.preferences_for(owner)).person

    note = note_of(owner_client)

    log = reverse("journal:entry_new", args=["interaction"])
    first = note.split('<div class="actions">')[1].split("</a>")[0]
    assert f'href="{log}?person={suggested.pk}">Log a text or call with {suggested.name}' in first
    assert note.index(log) < note.index(reverse("care:safety_plan"))
    assert note.count('class="button') == note.count("button-small")  # home's small buttons


def test_with_no_one_to_suggest_the_first_step_is_logging_a_text_or_call(owner_client, owner):
    plant(owner, slide=True)
    Person.objects.for_user(owner).update(is_safe_person=False, felt_safety=None)

    note = note_of(owner_client)

    log = reverse("journal:entry_new", args=["interaction"])
    assert f'href="{log}">Log a text or call</a>' in note


def test_home_loads_the_care_stylesheet_for_the_note(owner_client, owner):
    plant(owner, slide=True)

    html = owner_client.get(HOME).content.decode()

    assert f'<link rel="stylesheet" href="{static("css/care.css")}">' in html


def test_restful_solitude_shows_no_note(owner_client, owner):
    plant(owner, slide=False)

    assert note_of(owner_client) == ""


def test_an_empty_journal_shows_no_note(owner_client):
    assert note_of(owner_client) == ""


def test_setting_the_note_aside_hides_it_for_a_week(owner_client, owner):
    plant(owner, slide=True)

    response = owner_client.post(QUIET)

    assert response.status_code == 302
    assert note_of(owner_client) == ""
    preferences = services.preferences_for(owner)
    assert preferences.drift_note_quiet_until == owner.today() + timedelta(days=7)
    preferences.drift_note_quiet_until = owner.today()
    preferences.save()
    assert "A gentle note" in note_of(owner_client)


def test_setting_it_aside_needs_a_post(owner_client):
    assert owner_client.get(QUIET).status_code == 405


def test_the_note_can_be_turned_off_in_settings(owner_client, owner):
    plant(owner, slide=True)
    settings_page = owner_client.get(reverse("accounts:settings")).content.decode()
    assert "Show a gentle note on home" in settings_page

    owner_client.post(
        reverse("care:preferences"), {"questionnaire_every_days": "14"}
    )  # the checkbox left unticked

    assert services.preferences_for(owner).drift_note_on is False
    assert note_of(owner_client) == ""


def test_the_safest_step_is_a_marked_safe_person_over_someone_merely_liked(owner):
    plant(owner, slide=True)
    Person.objects.for_user(owner).update(is_safe_person=False)
    PersonFactory(owner=owner, name="Liked", felt_safety=FeltSafety.SAFE)
    marked = PersonFactory(owner=owner, name="Marked", is_safe_person=True)

    note = drift_note_for(owner, preferences=services.preferences_for(owner))

    assert note.person == marked
    assert note.person_is_marked_safe


def test_without_anyone_marked_it_suggests_someone_who_feels_safe(owner_client, owner):
    plant(owner, slide=True)
    Person.objects.for_user(owner).update(is_safe_person=False, felt_safety=None)

    note = note_of(owner_client)

    assert "a short text to someone who feels safe to you" in note


def test_the_note_is_never_shown_to_someone_else(owner, outsider_client):
    plant(owner, slide=True)

    assert note_of(outsider_client) == ""


def test_signals_read_as_one_plain_sentence():
    assert noticed_in_words(["racing_thoughts", "unchosen_alone"]) == (
        "more time alone than you wanted and more racing thoughts"
    )
    assert noticed_in_words(["anxiety"]) == "more anxious moments"
    for words in SIGNAL_WORDS.values():
        for word in NEVER:
            assert word not in words
