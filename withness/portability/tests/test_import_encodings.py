"""A file's encoding, end to end: what the import page says, and what is saved."""

import json

import pytest
from django.urls import reverse

from withness.portability.models import ImportedEntry, ImportRun

from .test_imports import run_import
from .test_parse_encodings import FILES, damaged
from .test_views import upload

pytestmark = pytest.mark.django_db

SOURCE, NAME, DAYLIO = FILES["daylio"]
NOTES = {"a café, with Zoë", "it’s fine\nreally", "Lunch — late"}


def bring_in(client, run):
    client.post(run.get_absolute_url(), {"label_0": "4", "label_1": "3", "label_2": "5"})
    client.post(reverse("portability:import_step", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "done"


def saved_notes(owner):
    return set(ImportedEntry.objects.filter(owner=owner).values_list("note", flat=True))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_without_a_byte_order_mark_is_recognised_and_imported(
    owner_client, owner, encoding
):
    response = upload(owner_client, "export.csv", DAYLIO.encode(encoding))
    run = ImportRun.objects.get(owner=owner)
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert run.source == "daylio" and run.notes == [] and run.problems == []

    bring_in(owner_client, run)
    assert saved_notes(owner) == NOTES


def test_a_damaged_file_says_where_imports_the_rest_and_saves_no_garbled_text(owner_client, owner):
    page = upload(owner_client, "export.csv", damaged(DAYLIO), follow=True).content.decode()
    assert "couldn’t tell" not in page
    assert "Line 5 of the file has a character that can’t be read (shown as �)" in page
    assert "row 4: a character in this row can’t be read" in page
    assert "2 to bring in, 1 to skip" in page

    bring_in(owner_client, ImportRun.objects.get(owner=owner))
    assert saved_notes(owner) == NOTES - {"Lunch — late"}


def test_a_windows_1252_file_shows_how_it_was_read_and_imports_its_accents(owner_client, owner):
    data = DAYLIO.replace("\n", "\r\n").encode("cp1252")  # as Excel on Windows saves it
    page = upload(owner_client, "export.csv", data, follow=True).content.decode()
    assert "it was read as Windows-1252" in page
    assert "for example, reads &#x27;café&#x27;" in page

    bring_in(owner_client, ImportRun.objects.get(owner=owner))
    assert saved_notes(owner) == NOTES


@pytest.mark.parametrize(
    "case", ["daylio", "howwefeel", "bearable", "jrnl plain", "jrnl json", "vcard", "contacts csv"]
)
def test_every_importer_saves_the_same_text_whatever_the_encoding(owner, case):
    source, _, text = FILES[case]

    def saved():
        return sorted(
            ImportedEntry.objects.filter(owner=owner).values_list(
                "source_key", "label", "title", "note"
            )
        )

    run_import(owner, source, text.encode())
    expected = saved()
    for data in (text.encode("utf-16-le"), text.encode("utf-16-be"), text.encode("cp1252")):
        ImportedEntry.objects.all().delete()
        assert run_import(owner, source, data).status == "done"
        assert saved() == expected

    ImportedEntry.objects.all().delete()
    run_import(owner, source, damaged(text))
    kept = saved()
    assert len(kept) == len(expected) - 1 and set(kept) < set(expected)


def test_half_a_character_in_a_jrnl_json_escape_is_skipped_not_a_failed_import(owner):
    entries = [
        {"date": "2021-09-28", "time": "18:52", "title": "A café.", "body": ""},
        {"date": "2021-09-27", "time": "10:00", "title": "Half \ud83d a face.", "body": ""},
    ]
    run = run_import(owner, "jrnl", json.dumps({"entries": entries}).encode())
    assert run.status == "done" and len(run.problems) == 1
    assert list(ImportedEntry.objects.values_list("title", flat=True)) == ["A café."]
