"""Phone numbers in the safety plan become links to call, with the words kept as written."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from withness.care.phone_numbers import phone_pieces, tel_href
from withness.care.services import safety_plan_save

PLAN = reverse("care:safety_plan")
PRINT = reverse("care:safety_plan_print")


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("999", [("999", "tel:999")]),
        (
            "Dr Okafor 020 7946 0000",
            [("Dr Okafor ", ""), ("020 7946 0000", "tel:02079460000")],
        ),
        ("+44 (0)20 7946-0000", [("+44 (0)20 7946-0000", "tel:+4402079460000")]),
        ("Call 116 123 (free)", [("Call ", ""), ("116 123", "tel:116123"), (" (free)", "")]),
        ("Open 9-17, then 0800 111", [("Open 9-17, then ", ""), ("0800 111", "tel:0800111")]),
        ("Room 12", [("Room 12", "")]),
        ("code A1234567", [("code A1234567", "")]),
        ("The library", [("The library", "")]),
    ],
)
def test_numbers_are_found_and_everything_else_stays_words(text, pieces):
    assert phone_pieces(text) == pieces


def test_the_address_holds_only_digits_and_a_leading_plus():
    assert tel_href("+1 (800) 273-8255") == "tel:+18002738255"
    assert tel_href("٠٢٠ ٧٩٤٦") == "tel:0207946"


@given(st.text(max_size=80))
def test_the_pieces_always_join_back_into_the_text_and_link_only_digits(text):
    pieces = phone_pieces(text)

    assert "".join(words for words, _ in pieces) == text
    for _, href in pieces:
        assert not href or (href.startswith("tel:") and href[4:].lstrip("+").isascii())
        assert not href or href[4:].lstrip("+").isdigit()


@pytest.mark.django_db
def test_the_danger_box_comes_first_and_its_number_is_a_link(owner_client, owner):
    owner.country = "GB"
    owner.save()
    safety_plan_save(user=owner, warning_signs="Not answering messages")

    html = owner_client.get(PLAN).content.decode()

    assert html.index("If you are in danger now") < html.index("Warning signs I notice")
    assert '<a href="tel:999">999</a>, your local emergency number' in html


@pytest.mark.django_db
def test_the_danger_box_comes_first_on_an_empty_plan_too(owner_client):
    html = owner_client.get(PLAN).content.decode()

    assert html.index("If you are in danger now") < html.index("Start your plan")


@pytest.mark.django_db
def test_numbers_in_the_plans_contacts_can_be_tapped_in_the_page_and_print(owner_client, owner):
    owner.country = "GB"
    owner.save()
    safety_plan_save(
        user=owner,
        professionals="Dr Okafor 020 7946 0000",
        ask_for_help="My sister <b>+44 7700 900123</b>",
        settle_alone="Walk 1000 steps",
    )

    for url in (PLAN, PRINT):
        html = owner_client.get(url).content.decode()
        assert 'Dr Okafor <a href="tel:02079460000">020 7946 0000</a>' in html
        assert '&lt;b&gt;<a href="tel:+447700900123">+44 7700 900123</a>&lt;/b&gt;' in html
        assert "<li>Walk 1000 steps</li>" in html  # a count, not someone to ring
    printed = owner_client.get(PRINT).content.decode()
    assert 'If you are in danger now, call <strong><a href="tel:999">999</a></strong>' in printed
