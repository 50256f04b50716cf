from typer.testing import CliRunner

from withness.accounts.models import User
from withness.cli import app

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
