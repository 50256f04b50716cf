"""When an upgrade seals another column, what a person wrote there before is sealed the
next time their key opens (a sign-in, `withness unlock`, the recovery code), once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from withness.accounts import vault
from withness.accounts.models import DataKey
from withness.care import services as care
from withness.care.models import ShareLink, TherapistSummary
from withness.portability.models import ImportRun
from withness.testing.at_rest import stored
from withness.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db

PHRASE = "saffron-quay-murmur"


def write_plain(model, pk, column, text) -> None:
    """Put plaintext straight into a sealed text column, as it was before the upgrade."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {model._meta.db_table} SET {column} = %s WHERE id = %s", [text, pk])


def rows_from_before_the_upgrade(owner):
    """A summary, its link and an import report, stored plain as they were before, and the
    owner's key made before those columns were sealed (the migration leaves it unswept)."""
    today = owner.today()
    summary = care.summary_create(
        user=owner, start=today, end=today, sections=[], show_names=False, labels={}, notes=[]
    )
    link = care.share_link_create(user=owner, summary=summary, days=7)
    run = ImportRun.objects.create(owner=owner, source="daylio", time_zone="UTC")
    TherapistSummary.objects.filter(pk=summary.pk).update(snapshot={"note": PHRASE})
    ImportRun.objects.filter(pk=run.pk).update(problems=[f"row 2: the date '{PHRASE}'"])
    write_plain(ShareLink, link.pk, "token", f"{PHRASE}-token")
    write_plain(ImportRun, run.pk, "error", f"{PHRASE} would not read")
    DataKey.objects.filter(owner=owner).update(swept_columns=[])
    return summary, link, run


def sign_in(owner) -> Client:
    vault.lock(owner.pk)
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": owner.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def test_a_new_key_knows_every_sealed_column_is_already_sealed(owner):
    swept = DataKey.objects.get(owner=owner).swept_columns

    assert swept == vault.sealed_columns()
    assert {"care.sharelink.token", "portability.importrun.problems"} <= set(swept)


def test_rows_from_before_are_sealed_at_the_next_sign_in_and_read_as_written(owner, keyring):
    summary, link, run = rows_from_before_the_upgrade(owner)
    assert PHRASE in stored(TherapistSummary, summary.pk, "snapshot")

    sign_in(owner)

    raw = [
        stored(TherapistSummary, summary.pk, "snapshot"),
        stored(ShareLink, link.pk, "token"),
        stored(ImportRun, run.pk, "problems"),
        stored(ImportRun, run.pk, "error"),
    ]
    assert not any(PHRASE in value for value in raw)
    assert DataKey.objects.get(owner=owner).swept_columns == vault.sealed_columns()
    vault.unwrap_with_password(owner, PASSWORD)
    assert TherapistSummary.objects.get(pk=summary.pk).snapshot == {"note": PHRASE}
    assert ShareLink.objects.get(pk=link.pk).token == f"{PHRASE}-token"
    run = ImportRun.objects.get(pk=run.pk)
    assert run.problems == [f"row 2: the date '{PHRASE}'"]
    assert run.error == f"{PHRASE} would not read"


def test_the_cli_unlock_seals_them_too(owner, keyring, settings, tmp_path):
    from typer.testing import CliRunner

    from withness.cli import app

    settings.RUNTIME_DIR = str(tmp_path)
    summary, _, _ = rows_from_before_the_upgrade(owner)
    vault.lock(owner.pk)

    result = CliRunner().invoke(app, ["unlock"], env={"WITHNESS_PASSWORD": PASSWORD})

    assert result.exit_code == 0, result.output
    assert PHRASE not in stored(TherapistSummary, summary.pk, "snapshot")


def test_the_sweep_is_done_once_not_at_every_sign_in(owner, keyring):
    rows_from_before_the_upgrade(owner)
    sign_in(owner)

    with CaptureQueriesContext(connection) as queries:
        sign_in(owner)

    swept_tables = ("care_therapistsummary", "portability_importrun", "journal_interaction")
    assert not [q for q in queries if any(table in q["sql"] for table in swept_tables)]


def test_a_long_journal_from_before_encryption_is_sealed_whole(db, keyring):
    from withness.accounts.models import User
    from withness.journal.models import Interaction
    from withness.testing.factories import InteractionFactory

    user = User.objects.create_user(username="kit", password=PASSWORD)  # no key yet
    first = InteractionFactory(owner=user, note=PHRASE)
    copies = [Interaction(owner=user, started_at=first.started_at, duration_min=30,
                          before_pleasant=0, before_energy=5, note=f"{PHRASE} {i}")
              for i in range(1200)]  # fmt: skip
    Interaction.objects.bulk_create(copies)  # plain: the account has no key yet

    sign_in(user)

    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM journal_interaction WHERE owner_id = %s", [user.pk])
        notes = [row[0] for row in cursor.fetchall()]
    assert len(notes) == 1201 and all(note.startswith(vault.PREFIX) for note in notes)
    vault.unwrap_with_password(user, PASSWORD)
    assert Interaction.objects.filter(owner=user).order_by("pk").last().note == f"{PHRASE} 1199"
