"""A summary's snapshot is stored once and read for years: an older or damaged one (with no
title, say) still makes a PDF instead of a server error."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from withness.care.models import TherapistSummary
from withness.care.pdf import DEFAULT_SUMMARY_TITLE, summary_pdf

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize(
    "snapshot",
    [
        {},
        {"sections": []},
        {"range": "1 May 2026 to 14 May 2026", "sections": [{"paragraphs": ["Kept words"]}]},
        {"sections": [{"title": "Safety plan", "lists": [{"items": ["Cold water"]}]}]},
    ],
    ids=["empty", "no-title", "untitled-section", "untitled-list"],
)
def test_a_snapshot_missing_parts_still_makes_a_pdf(snapshot):
    text = text_of(summary_pdf(snapshot))

    assert DEFAULT_SUMMARY_TITLE in text
    for section in snapshot.get("sections", []):
        for words in section.get("paragraphs", []):
            assert words in text


def test_the_pdf_of_a_stored_summary_without_a_title_opens(owner_client, owner):
    summary = TherapistSummary.objects.create(
        owner=owner,
        start=owner.today(),
        end=owner.today(),
        snapshot={"range": "today", "sections": [{"title": "Notes", "entries": ["A note"]}]},
    )

    response = owner_client.get(reverse("care:summary_pdf", args=[summary.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert DEFAULT_SUMMARY_TITLE in text and "A note" in text
