import json

from typer.testing import CliRunner

from withness.accounts.models import User
from withness.analysis.csvio import write_journal
from withness.analysis.synthetic import demo_journal
from withness.cli import app
from withness.insights.models import InsightCard
from withness.journal.models import Interaction
from withness.testing.factories import InteractionFactory, PersonFactory, UserFactory

runner = CliRunner()


def test_insights_reads_csv_files_and_prints_the_json_document(tmp_path):
    journal = demo_journal(3, days=200)
    write_journal(tmp_path, journal.interactions, journal.solitude, journal.checkins)
    result = runner.invoke(app, ["insights", "--input", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    for key in ("people", "modes", "drift", "weekly_balance"):
        assert key in document
    sam = next(p for p in document["people"] if p["name"] == "Sam")
    assert (sam["label"], sam["key"], sam["person_id"]) == ("Sam", "Sam", None)
    assert sam["verdict"] == "lifts"
    assert set(sam["pleasant"]) == {"estimate", "low", "high", "p_positive"}
    assert set(document["drift"]) >= {"flagged", "since", "signals"}


def test_insights_explains_a_missing_folder_without_a_traceback(tmp_path):
    result = runner.invoke(app, ["insights", "--input", str(tmp_path / "nope"), "--json"])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_insights_reads_a_users_own_journal_with_names(db, owner, outsider):
    sam = PersonFactory(owner=owner, name="Sam")
    for _ in range(5):
        InteractionFactory(owner=owner, people=[sam])
    InteractionFactory(owner=outsider, people=[PersonFactory(owner=outsider, name="Theirs")])
    result = runner.invoke(app, ["insights", "--json", "--user", "robin"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [
        (p["name"], p["label"], p["person_id"], p["key"], p["n"]) for p in document["people"]
    ] == [("Sam", "Sam", sam.pk, str(sam.pk), 5)]
    assert document["counts"]["interactions"] == 5


def test_insights_asks_whose_journal_when_there_are_several(db, owner, outsider):
    result = runner.invoke(app, ["insights", "--json"])

    assert result.exit_code == 1
    assert "This withness has more than one account; say whose journal with --user NAME." in (
        result.output
    )


def test_insights_names_an_unknown_account_as_the_other_commands_do(db, owner):
    result = runner.invoke(app, ["insights", "--json", "--user", "nobody"])

    assert result.exit_code == 1
    assert "There is no account called 'nobody' here. Usernames are case-sensitive." in (
        result.output
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_insights_before_any_account_says_how_to_make_one(db):
    result = runner.invoke(app, ["insights"])

    assert result.exit_code == 1
    assert "There are no accounts yet. Make one with: withness createuser NAME" in result.output


def test_insights_reads_a_switched_off_persons_own_journal_like_the_journal_commands(db, owner):
    UserFactory(username="kit", is_active=False)

    result = runner.invoke(app, ["insights", "--json", "--user", "kit"])

    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["counts"]["interactions"] == 0


def test_demo_creates_an_account_with_a_year_and_prints_its_password_once(db):
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    password = result.output.split("shown only this once): ")[1].split()[0]
    demo = User.objects.get(username="demo")
    assert demo.check_password(password)
    assert Interaction.objects.for_user(demo).count() > 300
    assert "Sam" in result.output and InsightCard.objects.filter(owner=demo).count() >= 3


def test_demo_resets_the_account_with_a_given_password(db):
    runner.invoke(app, ["demo", "--password", "first-calm-harbour-1"])
    first = User.objects.get(username="demo")
    extra = InteractionFactory(owner=first)
    result = runner.invoke(app, ["demo", "--password", "second-calm-harbour-2"])
    assert result.exit_code == 0, result.output
    assert "shown only this once" not in result.output
    demo = User.objects.get(username="demo")
    assert demo.check_password("second-calm-harbour-2")
    assert not Interaction.objects.filter(pk=extra.pk).exists()
    assert User.objects.filter(username="demo").count() == 1


def test_demo_leaves_a_real_account_of_the_same_name_alone(db):
    robin = UserFactory(username="Robin")
    InteractionFactory(owner=robin, people=[PersonFactory(owner=robin, name="Sam")])
    result = runner.invoke(app, ["demo", "--username", "robin"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "already an account called 'robin' that is not a demo" in result.output
    assert User.objects.get(pk=robin.pk).username == "Robin"
    assert Interaction.objects.for_user(robin).count() == 1
    assert not User.objects.filter(username="robin").exists()


def test_demo_refuses_a_weak_password_without_a_traceback(db):
    result = runner.invoke(app, ["demo", "--password", "123"])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_insights_without_json_prints_the_cards_in_words(tmp_path):
    journal = demo_journal(3, days=200)
    write_journal(tmp_path, journal.interactions, journal.solitude, journal.checkins)
    result = runner.invoke(app, ["insights", "--input", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "In your log, time with Sam has tended to leave you more settled" in result.output
    assert "{" not in result.output


def test_insights_on_an_empty_journal_says_there_is_no_rush(db, owner):
    result = runner.invoke(app, ["insights", "--user", "robin"])
    assert result.exit_code == 0, result.output
    assert "No clear pattern yet" in result.output and "no rush" in result.output


def test_a_seed_out_of_range_is_refused_before_anything_is_made(db):
    for seed in ("-1", str(2**32)):
        result = runner.invoke(app, ["demo", "--seed", seed])
        assert result.exit_code == 2 and "--seed" in result.output
    assert not User.objects.filter(username="demo").exists()
