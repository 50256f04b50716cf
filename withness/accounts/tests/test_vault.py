"""Encryption at rest: the words are sealed with the person's own key, and only they open it."""

import base64
import json
import os
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from withness.accounts import session_keys, vault
from withness.accounts.models import DataKey, User
from withness.journal.models import Interaction
from withness.portability.models import ImportedEntry
from withness.testing.at_rest import stored
from withness.testing.factories import PASSWORD, InteractionFactory, PersonFactory
from withness.testing.fixtures import (
    confirm_long_ago,
    confirm_recently,
    forget_every_key,
    unlock_session,
)

pytestmark = pytest.mark.django_db

PHRASE = "lighthouse-tangerine-whisper"
NEW_PASSWORD = "slow-river-morning-7"


def test_a_note_is_stored_sealed_and_reads_back_as_written(owner):
    interaction = InteractionFactory(owner=owner, note=f"We talked about the {PHRASE}.")

    assert interaction.note == f"We talked about the {PHRASE}."  # the instance keeps plaintext
    raw = stored(Interaction, interaction.pk)
    assert raw.startswith(vault.PREFIX) and PHRASE not in raw
    assert Interaction.objects.get(pk=interaction.pk).note == f"We talked about the {PHRASE}."
    assert list(Interaction.objects.values_list("note", flat=True)) == [interaction.note]


def test_the_same_words_seal_differently_each_time(owner):
    one = InteractionFactory(owner=owner, note=PHRASE)
    two = InteractionFactory(owner=owner, note=PHRASE)

    assert stored(Interaction, one.pk) != stored(Interaction, two.pk)


def test_empty_text_stays_empty(owner):
    interaction = InteractionFactory(owner=owner, note="")

    assert stored(Interaction, interaction.pk) == ""


def test_a_wrong_password_does_not_open_the_key(owner):
    with pytest.raises(vault.WrongSecret):
        vault.unwrap_with_password(owner, "not-the-password")

    assert len(vault.unwrap_with_password(owner, PASSWORD)) == 32


def test_without_the_key_a_note_reads_as_locked_and_saving_keeps_the_seal(owner, keyring):
    interaction = InteractionFactory(owner=owner, note=PHRASE)
    sealed = stored(Interaction, interaction.pk)
    forget_every_key(keyring)

    locked = Interaction.objects.get(pk=interaction.pk)

    assert isinstance(locked.note, vault.LockedText)
    assert PHRASE not in locked.note and "locked" in locked.note
    locked.duration_min = 50
    locked.save()
    assert stored(Interaction, interaction.pk) == sealed


def test_writing_without_the_key_is_refused_never_stored_plain(owner, keyring):
    forget_every_key(keyring)

    with pytest.raises(vault.VaultLocked), transaction.atomic():
        InteractionFactory(owner=owner, note=PHRASE)
    assert not Interaction.objects.filter(owner=owner).exists()


def test_a_bulk_update_cannot_slip_plaintext_past_the_seal(owner):
    interaction = InteractionFactory(owner=owner, note="first words")

    with pytest.raises(vault.VaultLocked), transaction.atomic():
        Interaction.objects.filter(pk=interaction.pk).update(note=PHRASE)


def test_each_person_has_their_own_key(owner, outsider):
    mine = InteractionFactory(owner=owner, note="mine")
    theirs = InteractionFactory(owner=outsider, note="theirs")

    assert owner.data_key.key_id != outsider.data_key.key_id
    assert stored(Interaction, mine.pk)[:16] != stored(Interaction, theirs.pk)[:16]


def test_a_password_change_rewraps_the_key_and_leaves_every_note_alone(owner_client, owner):
    notes = [InteractionFactory(owner=owner, note=f"{PHRASE} {n}") for n in range(3)]
    before = [stored(Interaction, n.pk) for n in notes]
    wrap_before = owner.data_key.by_password

    response = owner_client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
    })  # fmt: skip

    assert response.status_code == 302
    assert [stored(Interaction, n.pk) for n in notes] == before
    owner.refresh_from_db()
    data_key = DataKey.objects.get(owner=owner)
    assert data_key.by_password != wrap_before
    with pytest.raises(vault.WrongSecret):
        vault.unwrap_password_wrap(data_key.by_password, data_key.key_id, PASSWORD)
    assert vault.unwrap_with_password(owner, NEW_PASSWORD)


def test_signing_in_opens_the_key_through_the_session_and_its_own_cookie(owner, keyring):
    interaction = InteractionFactory(owner=owner, note=PHRASE)
    forget_every_key(keyring)  # as on a real server: nothing unlocked outside the request
    client = Client()

    client.post(reverse("accounts:login"), {"username": "robin", "password": PASSWORD})

    cookie = client.cookies[settings.VAULT_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not vault.is_unlocked(owner.pk)  # the request's keyring is gone with it
    page = client.get(reverse("journal:entry_detail", args=["interaction", interaction.pk]))
    assert PHRASE in page.content.decode()
    # The sessions table alone holds only a wrap that the cookie's secret opens.
    session = Session.objects.get().get_decoded()
    key = vault.unwrap_with_password(owner, PASSWORD)
    assert base64.b64encode(key).decode() not in json.dumps(session)
    assert cookie.value not in json.dumps(session)


def test_without_the_key_cookie_the_person_is_asked_to_sign_in_again(owner, keyring):
    forget_every_key(keyring)
    client = Client()
    client.post(reverse("accounts:login"), {"username": "robin", "password": PASSWORD})
    del client.cookies[settings.VAULT_COOKIE_NAME]

    response = client.get(reverse("journal:home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_signing_out_drops_the_key(owner, keyring):
    forget_every_key(keyring)
    client = Client()
    client.post(reverse("accounts:login"), {"username": "robin", "password": PASSWORD})

    response = client.post(reverse("accounts:logout"))

    assert response.cookies[settings.VAULT_COOKIE_NAME].value == ""
    assert not Session.objects.filter(session_data__contains="vault").exists()


def test_the_recovery_code_is_shown_once_after_sign_up(client):
    client.post(reverse("accounts:setup"), {
        "username": "robin", "password1": PASSWORD, "password2": PASSWORD,
        "time_zone": "Europe/Berlin", "country": "DE",
    })  # fmt: skip

    page = client.get(reverse("accounts:recovery_code")).content.decode()
    assert "somewhere safe" in page
    assert client.get(reverse("journal:home")).url == reverse("accounts:recovery_code")
    client.post(reverse("accounts:recovery_code"))
    assert client.get(reverse("journal:home")).status_code == 200
    assert client.get(reverse("accounts:recovery_code")).url == reverse("journal:home")


def test_the_recovery_code_sets_a_new_password_and_the_old_code_stops_working(db, keyring):
    user = User.objects.create_user(username="kit", password=PASSWORD)
    code = vault.create_vault(user, PASSWORD)
    interaction = InteractionFactory(owner=user, note=PHRASE)
    forget_every_key(keyring)
    client = Client()
    recover = reverse("accounts:recover")
    form = {"username": "kit", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}

    response = client.post(recover, {**form, "code": code.lower().replace("-", " ")})

    assert response.url == reverse("accounts:recovery_code")
    new_code = session_keys.pending_code(_request_for(client))
    assert new_code and new_code != code
    client.post(reverse("accounts:recovery_code"))  # "I've kept it"
    page = client.get(reverse("journal:entry_detail", args=["interaction", interaction.pk]))
    assert PHRASE in page.content.decode()
    assert Client().post(recover, {**form, "code": code}).status_code == 200  # refused
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert vault.recover(user, new_code, PASSWORD)


def test_a_switched_off_account_is_told_so_by_the_recovery_code_and_nothing_changes(db, keyring):
    user = User.objects.create_user(username="kit", password=PASSWORD, is_active=False)
    code = vault.create_vault(user, PASSWORD)
    wraps = DataKey.objects.filter(owner=user).values("by_password", "by_recovery").get()
    form = {"username": "kit", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    client = Client()

    right = client.post(reverse("accounts:recover"), {**form, "code": code})
    wrong = client.post(reverse("accounts:recover"), {**form, "code": vault.new_recovery_code()})

    assert right.status_code == 200
    assert "This account is switched off." in right.content.decode()
    assert session_keys.pending_code(_request_for(client)) is None
    assert "switched off" not in wrong.content.decode()
    assert "don’t open a journal here" in wrong.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert DataKey.objects.filter(owner=user).values("by_password", "by_recovery").get() == wraps
    assert vault.recovery_key(user.data_key, code)  # the kept code still works


def test_a_new_recovery_code_from_settings_replaces_the_old_one(owner, client, keyring):
    old_code = vault.new_recovery_code_for(owner)
    client.force_login(owner)
    unlock_session(client, owner)
    confirm_recently(client)
    assert "Make a new recovery code" in client.get(reverse("accounts:settings")).content.decode()

    response = client.post(reverse("accounts:new_recovery_code"))

    assert response.url == reverse("accounts:recovery_code")
    page = client.get(response.url).content.decode()
    new_code = session_keys.pending_code(_request_for(client))
    assert new_code and new_code != old_code and new_code in page
    kept = client.post(reverse("accounts:recovery_code"))
    assert kept.url == reverse("accounts:settings") + "#recovery-code"
    owner.refresh_from_db()
    with pytest.raises(vault.WrongSecret):
        vault.recover(owner, old_code, NEW_PASSWORD)
    assert vault.recover(owner, new_code, NEW_PASSWORD)


def test_a_new_recovery_code_asks_for_the_password_when_the_last_was_long_ago(owner, client):
    before = DataKey.objects.get(owner=owner).by_recovery
    client.force_login(owner)
    confirm_long_ago(client)

    response = client.post(reverse("accounts:new_recovery_code"))

    assert response.status_code in (200, 302)
    assert reverse("accounts:recovery_code") != response.get("Location")
    assert DataKey.objects.get(owner=owner).by_recovery == before


def test_a_new_recovery_code_without_the_key_open_asks_to_sign_in_again(owner, client, keyring):
    before = DataKey.objects.get(owner=owner).by_recovery
    client.force_login(owner)
    confirm_recently(client)
    forget_every_key(keyring)

    response = client.post(reverse("accounts:new_recovery_code"))

    assert response.url == reverse("accounts:login")
    assert DataKey.objects.get(owner=owner).by_recovery == before


def test_a_wrong_recovery_code_changes_nothing(owner, client):
    response = client.post(reverse("accounts:recover"), {
        "username": "robin", "code": vault.new_recovery_code(),
        "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
    })  # fmt: skip

    assert "don’t open a journal here" in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_a_backup_code_typed_for_the_recovery_code_is_named_as_such(owner, client):
    response = client.post(reverse("accounts:recover"), {
        "username": "robin", "code": "12345 67890",
        "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
    })  # fmt: skip

    html = response.content.decode()
    assert "That looks like a backup code from two-step sign-in" in html
    assert "recovery code: 30 letters and numbers" in html
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_an_account_from_before_encryption_is_sealed_at_its_next_sign_in(db, keyring):
    user = User.objects.create_user(username="kit", password=PASSWORD)
    person = PersonFactory(owner=user, notes=PHRASE)  # no vault yet: stored as it was
    assert stored(type(person), person.pk, "notes") == PHRASE
    row = ImportedEntry.objects.create(
        owner=user, source="daylio", source_key="1", kind="mood", source_row={"note": PHRASE}
    )
    client = Client()

    response = client.post(reverse("accounts:login"), {"username": "kit", "password": PASSWORD})

    assert response.status_code == 302
    assert DataKey.objects.filter(owner=user).exists()
    assert stored(type(person), person.pk, "notes").startswith(vault.PREFIX)
    assert PHRASE not in stored(ImportedEntry, row.pk, "source_row")
    vault.unwrap_with_password(user, PASSWORD)
    assert ImportedEntry.objects.get(pk=row.pk).source_row == {"note": PHRASE}
    assert client.get(reverse("journal:home")).url == reverse("accounts:recovery_code")


def test_search_still_finds_words_in_a_sealed_note(owner):
    from withness.portability.selectors import search_journal

    InteractionFactory(owner=owner, note=f"Walked past the {PHRASE.upper()} again")
    InteractionFactory(owner=owner, note="something else")

    hits = search_journal(owner, PHRASE)

    assert len(hits) == 1 and PHRASE.upper() in hits[0].excerpt


@pytest.mark.django_db(transaction=True)
def test_the_database_file_reveals_no_note_upload_report_or_shared_summary(owner_client, owner):
    from withness.care import services as care
    from withness.portability.imports import import_run_create

    interaction = InteractionFactory(owner=owner, note=f"Only I know about the {PHRASE}.")
    page = owner_client.get(reverse("journal:entry_detail", args=["interaction", interaction.pk]))
    assert PHRASE in page.content.decode()
    vcard = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\nNOTE:{PHRASE}\r\nEND:VCARD\r\n"
    import_run_create(user=owner, source="vcard", filename="a.vcf", data=vcard.encode())
    daylio = (
        f"full_date,date,weekday,time,mood,activities,note_title,note\n{PHRASE},,,9:00,good,,,\n"
    )
    import_run_create(user=owner, source="daylio", filename="b.csv", data=daylio.encode())
    care.safety_plan_save(user=owner, settle_alone=f"The {PHRASE} helps.")
    today = owner.today()
    summary = care.summary_create(
        user=owner, start=today, end=today, sections=["safety_plan"], show_names=False,
        labels={}, notes=[],
    )  # fmt: skip
    care.share_link_create(user=owner, summary=summary, days=7)

    if connection.vendor == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "copy.sqlite3"
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(copy)])
            data = copy.read_bytes()
    elif connection.vendor == "postgresql":
        data = _pg_dump()
    else:
        pytest.skip(f"No file check for {connection.vendor}")

    assert b"robin" in data  # the copy is real: the username is there
    assert PHRASE.encode() not in data


def _pg_dump() -> bytes:
    params = connection.get_connection_params()
    env = {**os.environ, "PGPASSWORD": params.get("password") or ""}
    command = ["pg_dump", "-h", params.get("host") or "127.0.0.1", "-p", str(params.get("port"))]
    command += ["-U", params.get("user") or "postgres", params["dbname"]]
    return subprocess.run(command, capture_output=True, check=True, env=env).stdout


def test_an_api_token_reads_and_writes_sealed_notes_without_a_session(owner, keyring):
    from withness.api.models import ApiToken, Scope
    from withness.api.services import token_create, token_revoke

    interaction = InteractionFactory(owner=owner, note=PHRASE)
    token, secret = token_create(user=owner, name="shortcut", scope=Scope.WRITE)
    forget_every_key(keyring)
    headers = {"Authorization": f"Bearer {secret}"}
    client = Client(enforce_csrf_checks=True)

    got = client.get(f"/api/v1/interactions/{interaction.pk}", headers=headers)

    assert got.status_code == 200, got.content
    assert got.json()["note"] == PHRASE
    token_revoke(token=token)
    assert ApiToken.objects.get(pk=token.pk).key_wrap is None


def test_an_old_token_without_a_key_gets_a_clear_403_for_sealed_words(owner, keyring):
    from withness.api.models import ApiToken, Scope
    from withness.api.services import token_create

    interaction = InteractionFactory(owner=owner, note=PHRASE)
    token, secret = token_create(user=owner, name="old", scope=Scope.READ)
    ApiToken.objects.filter(pk=token.pk).update(key_wrap=None)
    forget_every_key(keyring)
    headers = {"Authorization": f"Bearer {secret}"}

    got = Client().get(f"/api/v1/interactions/{interaction.pk}", headers=headers)

    assert got.status_code == 403
    assert "new token" in got.json()["detail"]


def test_cli_unlock_keeps_the_key_in_a_private_file_until_lock(owner, keyring, settings, tmp_path):
    from withness.accounts import cli_keys
    from withness.accounts.commands import ensure_unlocked
    from withness.cli import app

    settings.RUNTIME_DIR = str(tmp_path)
    runner = CliRunner()
    forget_every_key(keyring)

    result = runner.invoke(app, ["unlock", "--user", "robin"], env={"WITHNESS_PASSWORD": PASSWORD})

    assert result.exit_code == 0, result.output
    path = cli_keys.key_file(owner)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    forget_every_key(keyring)
    ensure_unlocked(owner)  # reads the file: no password, no key derivation
    assert vault.is_unlocked(owner.pk)

    assert runner.invoke(app, ["lock", "--user", "robin"]).exit_code == 0
    assert not path.exists()
    forget_every_key(keyring)
    result = runner.invoke(app, ["history", "--user", "robin"])
    assert result.exit_code == 1 and "Unlock first: withness unlock" in result.output


def test_cli_unlock_refuses_a_wrong_password(owner, settings, tmp_path):
    from withness.cli import app

    settings.RUNTIME_DIR = str(tmp_path)
    result = CliRunner().invoke(app, ["unlock"], env={"WITHNESS_PASSWORD": "nope"})

    assert result.exit_code == 1 and "doesn’t match" in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("hours", ["-1", "0", "nan", "inf", "1e300", "169"])
def test_cli_unlock_keeps_the_key_a_week_at_most(owner, settings, tmp_path, hours):
    from withness.cli import app

    settings.RUNTIME_DIR = str(tmp_path)
    env = {"WITHNESS_PASSWORD": PASSWORD}
    result = CliRunner().invoke(app, ["unlock", "--hours", hours], env=env)

    assert result.exit_code == 2 and "--hours" in result.output
    assert not list(tmp_path.iterdir())


def test_a_key_file_whose_expiry_is_not_a_time_counts_as_expired(owner, tmp_path):
    from withness.accounts import key_file

    path = tmp_path / "key.json"
    key = base64.b64encode(bytes(32)).decode()
    path.write_text(json.dumps({"user": owner.pk, "key_id": "00", "key": key, "expires": "NaN"}))
    path.write_text(path.read_text().replace('"NaN"', "NaN"))  # as json.dump writes float("nan")

    assert key_file.read(path, owner.pk) is None
    assert not path.exists()


def test_a_calendar_feed_and_digest_never_need_the_key(owner, keyring):
    from withness.growth.calendar import feed_for

    InteractionFactory(owner=owner, note=PHRASE, after_pleasant=None, after_energy=None)
    forget_every_key(keyring)

    feed = feed_for(owner, base_url="https://example.test")

    assert PHRASE.encode() not in feed and b"locked" not in feed


def _request_for(client):
    """A request carrying the client's session and cookies, to read what the session holds."""
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    request.COOKIES = {k: v.value for k, v in client.cookies.items()}
    return request
