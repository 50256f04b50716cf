"""Site-wide guards: every table a user owns is exported (or says why not) and deleted."""

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models

from withness.portability.exports import export_csv_zip, export_document
from withness.portability.services import account_delete
from withness.portability.tables import (
    NOT_EXPORTED,
    exported_tables,
    is_owned,
    label_of,
    not_exported,
    owned_models,
    unsupported_links,
    user_model,
)

from .journals import rich_journal

pytestmark = pytest.mark.django_db


def test_discovery_finds_the_tables_of_every_area():
    labels = {label_of(m) for m in owned_models()}
    assert {
        "people.person",
        "journal.interaction",
        "journal.participation",
        "journal.solitude",
        "journal.checkin",
        "growth.share",
        "portability.importedentry",
    } <= labels


def test_every_owned_table_is_in_the_export_or_says_why_not(owner):
    tables = export_document(owner)["tables"]
    for model in owned_models():
        label = label_of(model)
        if model in not_exported():
            reason = NOT_EXPORTED.get(label) or model.exported is False
            assert reason, f"{label} is left out of exports without a reason"
        else:
            assert label in tables, f"{label} is owned by a user but missing from the export"


def test_every_link_of_an_exported_table_can_travel():
    assert unsupported_links() == [], (
        "these links point at a table no user owns: give it an owner, or mark the model "
        "exported = False"
    )


def test_every_model_pointing_at_a_user_is_owned_or_deleted_with_the_account():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model():
                on_delete = field.remote_field.on_delete
                assert on_delete in (models.CASCADE, models.SET_NULL), (
                    f"{label_of(model)}.{field.name} would keep or block a deleted account"
                )


def test_exported_tables_come_after_the_tables_they_point_to():
    seen = set()
    for table in exported_tables():
        for target in table.links.values():
            assert target in seen or target is table.model
        seen.add(table.model)


def test_the_csv_zip_has_one_file_per_table_with_headers(owner):
    import csv
    import io
    import zipfile

    rich_journal(owner)
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(owner)))
    names = set(archive.namelist())
    assert {f"{t.label}.csv" for t in exported_tables()} <= names
    assert {"account.csv", "README.txt"} <= names
    people = list(csv.DictReader(io.StringIO(archive.read("people.person.csv").decode("utf-8"))))
    assert sorted(p["name"] for p in people) == ["Alex", "Old friend", "Sam", "Sam"]
    interactions = list(
        csv.DictReader(io.StringIO(archive.read("journal.interaction.csv").decode("utf-8")))
    )
    assert interactions[0]["body_signals"] == '["shoulders_softened", "hands warm"]'
    assert interactions[0]["note"].startswith("مرحبا")


def _rows_pointing_at(user_id):
    left = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model():
                count = model._base_manager.filter(**{field.attname: user_id}).count()
                if count:
                    left[f"{label_of(model)}.{field.name}"] = count
    return left


def test_deleting_an_account_leaves_nothing_of_it_in_any_table(owner, outsider, client):
    from withness.portability.imports import import_run_create

    rich_journal(owner)
    rich_journal(outsider)
    export_document(owner)  # makes the export ids too
    import_run_create(user=owner, source="vcard", filename="a.vcf", data=VCARD)
    token = apps.get_model("api", "ApiToken")
    token.objects.create(
        owner=owner, name="phone", scope="append", token_hash="h" * 64, prefix="wtn_"
    )
    client.force_login(owner)
    other = type(client)()
    other.force_login(outsider)
    owned_before = {
        label_of(m): m._base_manager.filter(owner=owner).count() for m in owned_models()
    }
    assert sum(owned_before.values()) > 20
    user_id = owner.pk

    account_delete(user=owner)

    assert not user_model().objects.filter(pk=user_id).exists()
    assert _rows_pointing_at(user_id) == {}
    for model in owned_models():
        assert is_owned(model)
        assert not model._base_manager.filter(owner_id=user_id).exists(), label_of(model)
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(user_id) not in sessions
    assert str(outsider.pk) in sessions
    # The other account is untouched.
    assert export_document(outsider)["tables"]["people.person"]


VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\nEND:VCARD\r\n"
