import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from withness.journal.models import CheckIn
from withness.people.models import Person
from withness.portability.exports import export_document
from withness.portability.models import ImportedEntry, ImportRun

from .journals import comparable, fresh_user, rich_journal

pytestmark = pytest.mark.django_db

DAYLIO = (
    b"full_date,date,weekday,time,mood,activities,note_title,note\n"
    b"2026-03-02,2 March,Monday,9:00 am,meh,work,,\n"
    b'2026-03-01,1 March,Sunday,10:00 pm,average,friends | walk,,"a calm day, really"\n'
    b"2026-03-01,1 March,Sunday,18:52,rad,,,\n"
)


def upload(client, name, content, source="detect", time_zone="Europe/London", **extra):
    return client.post(
        reverse("portability:import"),
        {"source": source, "time_zone": time_zone, "file": SimpleUploadedFile(name, content)},
        **extra,
    )


def test_the_import_page_names_the_apps_before_the_file_formats(owner_client):
    page = owner_client.get(reverse("portability:import")).content.decode()

    apps = page.index(
        "From withness, Daylio, How We Feel, Bearable or jrnl, or contacts from your phone."
    )
    assert apps < page.index('class="file-formats"') < page.index("a vCard (.vcf)")
    assert 'aria-describedby="id_file_helptext"' in page
    assert "portability/import.css" in page


def test_the_settings_page_offers_export_import_and_deletion(owner_client):
    page = owner_client.get(reverse("accounts:settings")).content.decode()
    assert 'id="your-data"' in page
    assert reverse("portability:export_json") in page
    assert reverse("portability:delete_account") in page


def test_the_json_download_is_the_users_export(owner_client, owner):
    rich_journal(owner)
    response = owner_client.get(reverse("portability:export_json"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment;" in response["Content-Disposition"]
    document = json.loads(b"".join(response.streaming_content))
    assert comparable(document) == comparable(export_document(owner))


def test_the_csv_download_is_a_zip(owner_client, owner):
    response = owner_client.get(reverse("portability:export_csv"))
    assert response["Content-Type"] == "application/zip"
    assert "people.person.csv" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for name in ("export_json", "export_csv", "import", "delete_account"):
        response = client.get(reverse(f"portability:{name}"))
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]


def test_a_withness_export_uploads_back_in_one_go(owner_client, owner):
    source = fresh_user()
    rich_journal(source)
    content = json.dumps(export_document(source)).encode()
    response = upload(owner_client, "backup.json", content)
    assert response.status_code == 200
    assert "Your export is back in" in response.content.decode()
    assert Person.objects.filter(owner=owner).count() == 4
    upload(owner_client, "backup.json", content)
    assert Person.objects.filter(owner=owner).count() == 4


def test_a_broken_file_says_why_and_imports_nothing(owner_client, owner):
    response = upload(
        owner_client, "x.json", b'{"format": "withness", "version": 1, "tab', source="withness"
    )
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "not valid JSON" in page
    assert not Person.objects.filter(owner=owner).exists()


def test_an_unrecognised_file_asks_which_app_it_is_from(owner_client):
    page = upload(owner_client, "notes.txt", b"just some words").content.decode()
    assert "couldn’t tell which app notes.txt is from" in page


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (DAYLIO.splitlines(keepends=True)[0], "The file has 0 rows, and nothing in it"),
        (
            DAYLIO.splitlines(keepends=True)[0] + b"yesterday,1 March,Sunday,9:00 am,meh,,,\n",
            "The file has 1 row, and nothing in it can be brought in: why is listed below.",
        ),
    ],
)
def test_a_file_with_nothing_to_bring_in_offers_no_button_to_bring_it_in(
    owner_client, content, said
):
    response = upload(owner_client, "daylio_export.csv", content, follow=True)
    page = response.content.decode()
    assert said in page and "Nothing was written." in page
    assert "Bring in" not in page and "Choose another file" in page
    assert not ImportedEntry.objects.exists()


@pytest.mark.parametrize(
    ("button", "lands_on"),
    [
        ({}, reverse("portability:import")),
        ({"then": "settings"}, reverse("accounts:settings") + "#your-data"),
    ],
)
def test_leaving_a_file_with_nothing_to_bring_in_closes_its_import(
    owner_client, owner, button, lands_on
):
    header = DAYLIO.splitlines(keepends=True)[0]
    run_page = upload(owner_client, "daylio_export.csv", header, follow=True).content.decode()
    run = ImportRun.objects.get(owner=owner)
    cancel = reverse("portability:import_cancel", args=[run.pk])
    assert f'action="{cancel}"' in run_page and ">Choose another file</button>" in run_page
    assert 'name="then" value="settings"' in run_page

    response = owner_client.post(cancel, button)

    assert response.url == lands_on
    assert not ImportRun.objects.exists()  # nor the file it kept


def test_a_daylio_file_waits_for_review_then_imports_with_progress(owner_client, owner):
    response = upload(owner_client, "daylio_export.csv", DAYLIO)
    run = ImportRun.objects.get(owner=owner)
    assert response["Location"] == run.get_absolute_url()
    assert not ImportedEntry.objects.exists()

    page = owner_client.get(run.get_absolute_url()).content.decode()
    assert page.count("<h1") == 1
    assert "“average” (1 entry)" in page
    assert "not on the scale yet. Perhaps “3 · neither”?" in page

    owner_client.post(run.get_absolute_url(), {"label_0": "3", "label_1": "5", "label_2": "3"})
    run.refresh_from_db()
    assert run.status == "running"
    page = owner_client.get(run.get_absolute_url()).content.decode()
    assert "<progress" in page and 'hx-trigger="load' in page

    response = owner_client.post(
        reverse("portability:import_step", args=[run.pk]), HTTP_HX_REQUEST="true"
    )
    done = response.content.decode()
    assert "Import finished" in done and "3 entries came in." in done
    assert "They made 2 daily check-ins: the moods of one day make one check-in" in done
    run.refresh_from_db()
    assert run.status == "done" and run.payload is None
    assert ImportedEntry.objects.filter(owner=owner).count() == 3
    assert CheckIn.objects.filter(owner=owner).count() == 2


def test_an_outsider_cannot_see_or_advance_someone_elses_import(
    owner_client, owner, outsider_client
):
    upload(owner_client, "daylio_export.csv", DAYLIO)
    run = ImportRun.objects.get(owner=owner)
    assert outsider_client.get(run.get_absolute_url()).status_code == 404
    assert (
        outsider_client.post(reverse("portability:import_step", args=[run.pk])).status_code == 404
    )


def test_an_htmx_upload_is_sent_on_to_the_review_page(owner_client, owner):
    response = upload(owner_client, "daylio_export.csv", DAYLIO, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == ImportRun.objects.get(owner=owner).get_absolute_url()


def test_deleting_the_account_needs_the_password(owner_client, owner, password):
    rich_journal(owner)
    response = owner_client.post(reverse("portability:delete_account"), {"password": "nope"})
    assert "not your password" in response.content.decode()
    assert get_user_model().objects.filter(pk=owner.pk).exists()

    response = owner_client.post(reverse("portability:delete_account"), {"password": password})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=owner.pk).exists()
    assert not Person.objects.filter(owner_id=owner.pk).exists()
    assert owner_client.get(reverse("portability:export_json")).status_code == 302


def test_every_page_has_one_heading(owner_client):
    for name in ("import", "delete_account"):
        assert owner_client.get(reverse(f"portability:{name}")).content.decode().count("<h1") == 1


def test_imported_entries_are_listed_for_their_owner_only(owner_client, owner, outsider_client):
    upload(owner_client, "daylio_export.csv", DAYLIO)
    run = ImportRun.objects.get(owner=owner)
    owner_client.post(run.get_absolute_url(), {})
    owner_client.post(reverse("portability:import_step", args=[run.pk]))
    page = owner_client.get(reverse("portability:imported")).content.decode()
    assert "a calm day, really" in page and page.count("<h1") == 1
    assert "a calm day" not in outsider_client.get(reverse("portability:imported")).content.decode()


def test_an_import_waiting_for_review_can_be_called_off(owner_client, owner):
    upload(owner_client, "daylio_export.csv", DAYLIO)
    run = ImportRun.objects.get(owner=owner)
    response = owner_client.post(reverse("portability:import_cancel", args=[run.pk]))
    assert response.status_code == 302
    assert not ImportRun.objects.exists()
    assert not ImportedEntry.objects.exists()


def test_an_import_under_way_is_not_said_to_be_called_off(owner_client, owner):
    upload(owner_client, "daylio_export.csv", DAYLIO)
    run = ImportRun.objects.get(owner=owner)
    owner_client.post(run.get_absolute_url(), {"label_0": "3", "label_1": "5", "label_2": "3"})
    response = owner_client.post(reverse("portability:import_cancel", args=[run.pk]), follow=True)
    page = response.content.decode()
    assert "called off" not in page and "That import had begun already" in page
    assert response.redirect_chain[-1][0] == run.get_absolute_url()
    assert ImportRun.objects.get().status == "running"
