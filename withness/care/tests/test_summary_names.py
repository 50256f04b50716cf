"""People's names inside the person's own words: a summary shown by initials or labels must
not give a name away in a picked note, a belief or the safety plan."""

import io
import unicodedata
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st
from pypdf import PdfReader

from withness.care import services
from withness.care.summary import initials, name_hider, name_swaps
from withness.growth import services as growth_services
from withness.testing.factories import InteractionFactory, PersonFactory

from .test_summary import form_data, journal, make

LABEL = "⟨someone⟩"
REGEX_CHARACTERS = ".^$*+?{}[]\\|()"
# Letters of scripts that put spaces between words, and the characters that mean something
# in a regular expression.
name_letters = st.characters(categories=("Lu", "Ll"), max_codepoint=0x2FFF)
names = st.text(st.one_of(name_letters, st.sampled_from(REGEX_CHARACTERS)), min_size=1)
other_words = st.text("0123456789 ", max_size=20)


def names_hidden(text: str, swaps: dict[str, str]) -> str:
    return name_hider(swaps)(text)


def person(name, pk=1):
    return SimpleNamespace(name=name, pk=pk)


def hidden(text, *people):
    return names_hidden(text, name_swaps([person(n, pk) for pk, n in enumerate(people)], _label))


def _label(p):
    return initials(p.name)


# The plain function


def test_a_first_name_becomes_the_initials_of_the_whole_name():
    assert hidden("Walked by the canal with Samira", "Samira Okafor") == (
        "Walked by the canal with S.O."
    )


def test_the_longest_name_goes_first():
    assert hidden("Sam Lee, then Sam, then Lee", "Sam", "Sam Lee") == "S.L., then S., then S.L."


def test_names_are_found_in_any_case_and_across_any_spaces():
    assert hidden("SAMIRA  okafor and samira", "Samira Okafor") == "S.O. and S.O."


def test_a_name_inside_another_word_is_left_alone():
    assert hidden("Samantha, Samsung, Sam's", "Sam") == "Samantha, Samsung, S.'s"


def test_a_lower_case_name_counts_only_as_a_whole():
    assert hidden("my sister and my cat", "my sister") == "M.S. and my cat"


def test_a_label_is_never_swapped_again():
    swaps = name_swaps([person("Jo")], lambda p: "Jo’s friend Jo")
    assert names_hidden("Jo came", swaps) == "Jo’s friend Jo came"


def test_accents_match_however_the_device_wrote_them():
    composed, decomposed = "Zoë", unicodedata.normalize("NFD", "Zoë")
    assert hidden(f"tea with {decomposed}", composed) == "tea with Z."
    assert hidden("Łukasz and ŁUKASZ", "Łukasz") == "Ł. and Ł."


def test_names_in_scripts_without_spaces_are_still_found():
    assert hidden("和李明散步", "李明") == "和李.散步"


def test_the_first_person_keeps_a_part_two_people_share():
    swaps = name_swaps([person("Sam Lee", 1), person("Sam Ortiz", 2)], _label)
    assert names_hidden("Sam", swaps) == "S.L."
    assert names_hidden("Ortiz", swaps) == "S.O."


def test_no_names_leave_the_text_as_it_is():
    assert names_hidden("A quiet day", {}) == "A quiet day"


@given(name=names, before=other_words, after=other_words)
@example(name="(Jo)", before="", after="")
@example(name="a.b*", before="12", after="")
@example(name="\\", before="", after="")
def test_any_name_standing_on_its_own_is_replaced_exactly(name, before, after):
    text = f"{before} {name}, {after}"

    assert names_hidden(text, {name: LABEL}) == f"{before} {LABEL}, {after}"


@given(
    name=st.text(name_letters, min_size=1),
    prefix=st.text(name_letters, min_size=1),
    suffix=st.text(name_letters, min_size=1),
)
@example(name="Sam", prefix="", suffix="antha")
@example(name="Ann", prefix="Jo", suffix="")
def test_a_name_inside_a_longer_word_is_never_replaced(name, prefix, suffix):
    word = prefix + name + suffix

    assert names_hidden(word, {name: LABEL}) == unicodedata.normalize("NFC", word)


# Every place the summary is shown


def note_key(client, words):
    choices = client.get(reverse("care:summary_new")).context["form"].fields["notes"].choices
    return next(key for key, label in choices if words in label)


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
def test_a_picked_note_shows_the_label_not_the_name_in_preview_link_and_pdf(owner_client, owner):
    sam = journal(owner)
    summary = make(
        owner_client,
        owner,
        notes=[note_key(owner_client, "canal")],
        **{f"label_{sam.pk}": "my friend"},
    )
    link = services.share_link_create(user=owner, summary=summary, days=1)

    preview = owner_client.get(reverse("care:summary", args=[summary.pk])).content.decode()
    shared = Client().get(reverse("care:shared", args=[link.token])).content.decode()
    pdf = pdf_text(owner_client.get(reverse("care:summary_pdf", args=[summary.pk])).content)

    article = preview.split("<article")[1].split("</article>")[0]
    assert "Walked by the canal with my friend" in article
    assert "Walked by the canal with my friend" in shared
    assert "Walked by the canal with my friend" in pdf
    for page in (article, shared, pdf):
        assert "Samira" not in page and "Okafor" not in page


@pytest.mark.django_db
def test_a_deleted_persons_name_is_hidden_too(owner_client, owner):
    journal(owner)
    gone = PersonFactory(owner=owner, name="Jo Bright")
    InteractionFactory(owner=owner, people=[], note="Jo Bright rang, then jo texted")
    gone.soft_delete()

    summary = make(owner_client, owner, notes=[note_key(owner_client, "rang")])

    assert "J.B. rang, then J.B. texted" in str(summary.snapshot)
    assert "Bright" not in str(summary.snapshot)


@pytest.mark.django_db
def test_names_stay_when_full_names_are_chosen(owner_client, owner):
    journal(owner)

    summary = make(owner_client, owner, show_names="on", notes=[note_key(owner_client, "canal")])

    assert "Walked by the canal with Samira" in str(summary.snapshot)


@pytest.mark.django_db
def test_the_safety_plan_and_beliefs_show_people_by_label_too(owner_client, owner):
    sam = journal(owner)
    services.safety_plan_save(user=owner, settle_alone="Text Samira a photo", help_people=[sam])
    growth_services.belief_create(
        user=owner,
        data={"belief": "Samira will tire of me", "counter": "", "belief_true": 70},
    )

    snapshot = str(make(owner_client, owner).snapshot)

    assert "Text S.O. a photo" in snapshot
    assert "S.O. will tire of me" in snapshot
    assert "Samira" not in snapshot


@pytest.mark.django_db
def test_the_form_says_what_happens_to_names_in_notes(owner_client, owner):
    journal(owner)

    html = owner_client.get(reverse("care:summary_new"), form_data(owner)).content.decode()

    assert "Their names in the notes you pick change the same way." in html
    assert "names included" not in html
