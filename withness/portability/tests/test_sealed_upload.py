"""A file waiting for its import review is sealed with its owner's key, like their notes."""

import pytest
from django.db import connection

from withness.accounts import vault
from withness.people.models import Person
from withness.portability.imports import (
    import_run_create,
    import_run_finish,
    import_run_map,
    stored_file,
)
from withness.portability.models import ImportRun, ImportStatus

pytestmark = pytest.mark.django_db

PHRASE = "marmalade-harbour-lantern"
VCARD = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\nNOTE:{PHRASE}\r\nEND:VCARD\r\n".encode()


def stored_payload(run) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload FROM portability_importrun WHERE id = %s", [run.pk])
        return bytes(cursor.fetchone()[0])


def test_the_kept_file_is_sealed_and_reads_back_as_uploaded(owner):
    run = import_run_create(user=owner, source="vcard", filename="a.vcf", data=VCARD)

    raw = stored_payload(run)
    assert raw.startswith(vault.FILE_PREFIX) and PHRASE.encode() not in raw
    assert stored_file(ImportRun.objects.get(pk=run.pk)) == VCARD


def test_without_the_key_the_run_waits_and_keeps_its_file(owner, keyring):
    run = import_run_create(user=owner, source="vcard", filename="a.vcf", data=VCARD)
    key = vault.key_for(owner.pk)
    vault.lock(owner.pk)

    locked = ImportRun.objects.get(pk=run.pk)
    with pytest.raises(vault.VaultLocked, match="Sign in again"):
        stored_file(locked)
    locked.save()  # saving it without the key writes the same sealed file back

    vault.unlock(owner.pk, *key)
    again = ImportRun.objects.get(pk=run.pk)
    assert again.status == ImportStatus.REVIEW and stored_file(again) == VCARD


def test_the_file_goes_once_the_import_is_done(owner):
    run = import_run_create(user=owner, source="vcard", filename="a.vcf", data=VCARD)

    run = import_run_finish(run=import_run_map(run=run, mapping={}))

    assert run.status == ImportStatus.DONE
    assert ImportRun.objects.get(pk=run.pk).payload is None
    assert Person.objects.for_user(owner).filter(name="Dana").exists()


def test_the_report_of_what_was_skipped_is_sealed_too(owner, client):
    # A row whose date cell holds someone's words: the report quotes it.
    daylio = (
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "2021-03-01,,,09:00,good,,,\n"
        f"{PHRASE},,,09:00,good,,,\n"
    )
    run = import_run_create(
        user=owner, source="daylio", filename=f"{PHRASE}.csv", data=daylio.encode()
    )

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT filename, problems FROM portability_importrun WHERE id = %s", [run.pk]
        )
        filename, problems = (str(value) for value in cursor.fetchone())
    assert PHRASE not in filename and PHRASE not in problems
    again = ImportRun.objects.get(pk=run.pk)
    assert again.filename == f"{PHRASE}.csv"
    assert again.problems == [f"row 3: the date '{PHRASE}' is not in the form YYYY-MM-DD"]
    client.force_login(owner)
    page = client.get(again.get_absolute_url()).content.decode()
    assert f"{PHRASE}.csv" in page and f"the date &#x27;{PHRASE}&#x27;" in page
