import json

import pytest

from withness.journal.models import CheckIn, Interaction, Participation
from withness.people.models import Person
from withness.portability.exports import export_document, export_json
from withness.portability.services import ImportRefused, document_import, read_document

from .journals import comparable, fresh_user, rich_journal, row_counts

pytestmark = pytest.mark.django_db


def round_trip(document, user=None):
    user = user or fresh_user()
    report = document_import(user=user, document=read_document(json.dumps(document)))
    return user, report


def test_it_exports_the_documented_envelope(owner):
    rich_journal(owner)
    document = export_document(owner)
    assert document["format"] == "withness"
    assert document["version"] == 1
    assert document["exported_at"].endswith("+00:00")
    assert document["user"]["time_zone"] == "Europe/London"
    assert document["user"]["country"] == "GB"
    assert "password" not in document["user"]
    assert row_counts(document)["people.person"] == 4
    assert row_counts(document)["journal.participation"] == 3


def test_links_travel_as_export_ids_not_database_ids(owner):
    made = rich_journal(owner)
    document = export_document(owner)
    people = {row["id"]: row for row in document["tables"]["people.person"]}
    links = document["tables"]["journal.participation"]
    assert {people[p["person"]]["name"] for p in links} == {"Sam", "Alex"}
    assert all(isinstance(p["person"], str) and len(p["person"]) == 36 for p in links)
    assert made["sam"].pk not in [p["person"] for p in links]


def test_a_round_trip_into_an_empty_account_gives_the_same_document(owner):
    rich_journal(owner)
    first = export_document(owner)
    user, report = round_trip(first)
    assert report.added == sum(row_counts(first).values())
    assert report.settings_applied
    assert comparable(export_document(user)) == comparable(first)


def test_the_two_people_called_sam_stay_two_people_with_their_own_entries(owner):
    rich_journal(owner)
    user, _ = round_trip(export_document(owner))
    sams = Person.objects.for_user(user).filter(name="Sam")
    assert sams.count() == 2
    assert sorted(s.relationship for s in sams) == ["", "colleague"]
    talk = Interaction.objects.for_user(user).get(mode="call")
    assert len(talk.note) == len("مرحبا — a long note ") + 20000
    assert set(talk.people.all()) == set(sams)


def test_soft_deleted_records_stay_in_recently_deleted(owner):
    rich_journal(owner)
    user, _ = round_trip(export_document(owner))
    assert Person.objects.deleted_for(user).get().name == "Old friend"
    assert CheckIn.objects.deleted_for(user).count() == 1


def test_importing_the_same_file_twice_adds_nothing_the_second_time(owner):
    rich_journal(owner)
    document = export_document(owner)
    user, _ = round_trip(document)
    before = comparable(export_document(user))
    _, again = round_trip(document, user)
    assert again.added == 0
    assert again.already_here == sum(row_counts(document).values())
    assert comparable(export_document(user)) == before


def test_importing_into_the_same_account_adds_nothing(owner):
    rich_journal(owner)
    document = export_document(owner)
    _, report = round_trip(document, owner)
    assert report.added == 0
    assert Person.objects.filter(owner=owner).count() == 4


def test_a_merge_keeps_what_is_there_and_adds_the_rest(owner, outsider):
    rich_journal(owner)
    Person.objects.create(owner=outsider, name="Robin")
    outsider.time_zone = "Asia/Tokyo"
    outsider.save()
    _, report = round_trip(export_document(owner), outsider)
    outsider.refresh_from_db()
    assert outsider.time_zone == "Asia/Tokyo"  # an account in use keeps its own settings
    assert not report.settings_applied
    assert Person.objects.filter(owner=outsider).count() == 5
    # The owner's rows are untouched and the new rows belong to the outsider only.
    assert Participation.objects.filter(owner=outsider).count() == 3
    assert Person.objects.filter(owner=owner).count() == 4


def test_a_clashing_check_in_is_skipped_and_reported(owner, outsider):
    rich_journal(owner)
    CheckIn.objects.create(owner=outsider, day="2026-03-29", pleasant=3, energy=3)
    _, report = round_trip(export_document(owner), outsider)
    assert report.tables["journal.checkin"].skipped == 1
    assert "second check-in" in report.problems[0]
    assert CheckIn.objects.for_user(outsider).get().pleasant == 3


def test_a_secret_feed_token_is_not_copied_onto_another_account(owner, outsider):
    from withness.growth.models import NudgeSettings

    rich_journal(owner)
    NudgeSettings.objects.filter(owner=owner).update(feed_token="secret-feed-token")
    round_trip(export_document(owner), outsider)

    assert NudgeSettings.objects.get(owner=outsider).feed_token is None
    assert NudgeSettings.objects.get(owner=outsider).paused


def test_a_bad_row_imports_nothing_and_says_where(owner):
    rich_journal(owner)
    document = export_document(owner)
    document["tables"]["journal.interaction"][1]["before_pleasant"] = 9
    user = fresh_user()
    with pytest.raises(ImportRefused) as error:
        round_trip(document, user)
    assert "Interactions (journal.interaction), row 2" in error.value.message
    assert "before_pleasant" in error.value.message
    assert not Person.objects.filter(owner=user).exists()


def test_a_link_to_a_missing_record_is_refused(owner):
    rich_journal(owner)
    document = export_document(owner)
    document["tables"]["journal.participation"][0]["person"] = "no-such-id"
    with pytest.raises(ImportRefused, match="points to a record not in the file"):
        round_trip(document)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00garbage", "not text in UTF-8"),
        (b'{"format": "withness", "version": 1, "tables": {', "not valid JSON"),
        (b'{"entries": []}', "not a withness export"),
        (b'{"format": "withness", "version": 7, "tables": {}}', "version 7"),
        (b'{"format": "withness", "version": 1}', "no tables"),
        (b'{"format": "withness", "version": 1, "tables": {"n": "\\ud800"}}', "half a char"),
    ],
)
def test_it_explains_why_a_file_is_not_an_export(content, message):
    with pytest.raises(ImportRefused, match=message):
        read_document(content)


def test_an_unknown_table_is_reported_not_fatal(owner):
    document = export_document(owner)
    document["tables"]["future.thing"] = [{"id": "x"}]
    _, report = round_trip(document)
    assert "future.thing" in report.problems[0]


def test_an_older_export_without_a_column_takes_the_default(owner):
    Person.objects.create(owner=owner, name="Kim", is_safe_person=True)
    document = export_document(owner)
    del document["tables"]["people.person"][0]["is_safe_person"]
    user, _ = round_trip(document)
    assert Person.objects.get(owner=user).is_safe_person is False


def test_the_json_text_keeps_unicode_readable(owner):
    Person.objects.create(owner=owner, name="Zoë 🌸")
    assert "Zoë 🌸" in export_json(owner)


def test_the_streamed_json_text_is_the_same_document(owner):
    rich_journal(owner)
    streamed = json.loads(export_json(owner))
    assert comparable(streamed) == comparable(export_document(owner))
    assert export_json(owner).count("\n") > 20  # a row a line, easy to diff


def test_an_empty_journal_exports_and_imports(owner):
    document = json.loads(export_json(owner))
    assert all(rows == [] for rows in document["tables"].values())
    _, report = round_trip(document)
    assert report.added == 0


def test_the_fast_path_reads_the_same_values_as_the_orm(owner, monkeypatch):
    from withness.portability import exports

    rich_journal(owner)
    fast = export_document(owner)
    monkeypatch.setattr(exports, "raw_encoder_for", lambda field: None)
    slow = export_document(owner)
    assert comparable(fast) == comparable(slow)
