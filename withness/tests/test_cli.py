import pytest
from typer.testing import CliRunner

from withness.accounts.models import User
from withness.cli import app
from withness.testing.factories import UserFactory

runner = CliRunner()


def test_createuser_makes_the_first_account_the_owner(db):
    result = runner.invoke(
        app,
        ["createuser", "robin", "--time-zone", "Europe/Berlin"],
        input="calm-harbour-42\ncalm-harbour-42\n",
    )
    assert result.exit_code == 0, result.output
    robin = User.objects.get(username="robin")
    assert robin.is_superuser and robin.time_zone == "Europe/Berlin"
    assert robin.check_password("calm-harbour-42")


def test_createuser_explains_a_weak_password_without_a_traceback(db):
    result = runner.invoke(app, ["createuser", "kit"], input="123\n123\n")
    assert result.exit_code == 1
    assert "too short" in result.output and "Traceback" not in result.output
    assert not User.objects.exists()


def test_createuser_refuses_an_unknown_time_zone(db):
    result = runner.invoke(
        app,
        ["createuser", "kit", "--time-zone", "Mars/Olympus"],
        input="calm-harbour-42\ncalm-harbour-42\n",
    )
    assert result.exit_code == 1 and "time zone" in result.output


def test_two_step_off_lets_someone_who_lost_their_phone_and_codes_back_in(
    owner_two_factor, client, password
):
    from django.contrib.sessions.models import Session
    from django.urls import reverse
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    owner_two_factor.sign_in(client)  # a session left open on the lost phone
    other = UserFactory(username="kit")
    TOTPDevice.objects.create(user=other, name="Authenticator app")

    result = runner.invoke(app, ["two-step-off", "robin"], input="y\n")

    assert result.exit_code == 0, result.output
    assert "Two-step sign-in is off for robin" in result.output
    assert "Settings" in result.output and "password" in result.output
    robin = owner_two_factor.user
    assert not TOTPDevice.objects.filter(user=robin).exists()
    assert not StaticDevice.objects.filter(user=robin).exists()
    assert not Session.objects.exists()
    assert TOTPDevice.objects.filter(user=other).exists()
    # The password alone now signs in: no code step.
    response = client.post(reverse("accounts:login"), {"username": "robin", "password": password})
    assert client.get(response.url).status_code == 200


def test_two_step_off_changes_nothing_unless_confirmed(owner_two_factor):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    result = runner.invoke(app, ["two-step-off", "robin"], input="n\n")

    assert result.exit_code == 1
    assert TOTPDevice.objects.filter(user=owner_two_factor.user).exists()


def test_two_step_off_with_yes_asks_nothing_and_says_when_it_was_off_already(owner):
    result = runner.invoke(app, ["two-step-off", "robin", "--yes"])

    assert result.exit_code == 0, result.output
    assert "already off" in result.output


@pytest.mark.parametrize("command", [["two-step-off", "--yes"], ["make-owner"]])
def test_an_unknown_username_is_named_without_a_traceback(owner, command):
    result = runner.invoke(app, [*command, "nobody"])

    assert result.exit_code == 1
    assert "no account called 'nobody'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_make_owner_names_a_new_owner_who_can_then_invite(owner, client):
    from django.urls import reverse

    kit = UserFactory(username="kit")

    result = runner.invoke(app, ["make-owner", "kit"])

    assert result.exit_code == 0, result.output
    assert "kit is now an owner" in result.output
    kit.refresh_from_db()
    assert kit.is_superuser
    client.force_login(kit)
    response = client.post(reverse("accounts:invite_create"), {"note": "for Sam"})
    assert response.status_code == 302
    assert kit.invites_made.exists()


def test_make_owner_says_so_when_they_already_are(owner):
    result = runner.invoke(app, ["make-owner", "robin"])

    assert result.exit_code == 0 and "already" in result.output


def _sessions_of(user) -> int:
    from django.contrib.sessions.models import Session

    return sum(
        str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
        for session in Session.objects.all()
    )


def test_switch_off_and_on_again_closes_and_reopens_an_account(owner, client):
    from django.urls import reverse

    kit = UserFactory(username="kit")
    client.force_login(kit)
    assert runner.invoke(app, ["switch-off", "kit"], input="n\n").exit_code == 1
    kit.refresh_from_db()
    assert kit.is_active
    assert _sessions_of(kit) == 1

    result = runner.invoke(app, ["switch-off", "kit", "--yes"])
    assert result.exit_code == 0, result.output
    assert "switched off" in result.output and "Nothing in it was deleted" in result.output
    kit.refresh_from_db()
    assert not kit.is_active
    assert _sessions_of(kit) == 0  # signed out everywhere, not only refused while off
    assert client.get(reverse("journal:home")).status_code == 302
    assert "already" in runner.invoke(app, ["switch-off", "kit"]).output

    result = runner.invoke(app, ["switch-on", "kit"])
    assert result.exit_code == 0 and "on again" in result.output
    kit.refresh_from_db()
    assert kit.is_active
    assert "already" in runner.invoke(app, ["switch-on", "kit"]).output
    assert runner.invoke(app, ["switch-on", "nobody"]).exit_code == 1


def test_unlock_and_lock_pass_over_a_switched_off_account_the_host_commands_find_it(owner):
    UserFactory(username="kit", is_active=False)

    named = runner.invoke(app, ["lock", "--user", "kit"])
    assert named.exit_code == 1 and "no account called 'kit'" in named.output
    assert runner.invoke(app, ["lock"]).exit_code == 0  # robin: the only one switched on
    assert runner.invoke(app, ["switch-on", "kit"]).exit_code == 0
