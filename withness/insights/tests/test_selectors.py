from datetime import UTC, date, datetime

from withness.insights import selectors
from withness.insights.services import journal_document
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)


def test_interactions_become_records_keyed_by_person_id_in_the_users_time(owner):
    sam = PersonFactory(owner=owner, name="Sam", is_safe_person=True)
    kit = PersonFactory(owner=owner, name="Kit")
    late = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)  # already 2 July in London (summer time)
    entry = InteractionFactory(
        owner=owner,
        people=[sam, kit],
        started_at=late,
        duration_min=50,
        mode="call",
        setting="home",
        initiated_by="them",
        depth=2,
        felt_safe=8,
        group_size=2,
    )
    records = selectors.journal_records(owner)
    (record,) = records.interactions
    assert record.people == tuple(sorted((str(sam.pk), str(kit.pk))))
    assert record.entry_id == entry.pk
    assert record.started_at == late and record.started_at.date() == date(2026, 7, 2)
    assert (record.mode, record.setting, record.initiated_by, record.depth) == (
        "call",
        "home",
        "them",
        2,
    )
    assert (record.felt_safe, record.group_size, record.duration_min) == (8, 2, 50.0)
    assert (record.before_pleasant, record.after_pleasant) == (-1.0, 2.0)
    assert records.safe_people == frozenset({str(sam.pk)})
    assert records.names == {str(sam.pk): "Sam", str(kit.pk): "Kit"}


def test_solitude_and_checkins_become_records(owner):
    alone = SolitudeFactory(owner=owner, chosen=False, activity="screens", restorative=False)
    day = CheckInFactory(owner=owner, anxiety=2, tension=1, sleep_hours=6.5, social_capacity=3)
    records = selectors.journal_records(owner)
    (s,) = records.solitude
    assert (s.entry_id, s.chosen, s.activity, s.restorative) == (alone.pk, False, "screens", False)
    (c,) = records.checkins
    assert (c.entry_id, c.day) == (day.pk, day.day)
    assert (c.anxiety, c.tension, c.racing_thoughts) == (2, 1, 0)
    assert (c.sleep_hours, c.social_capacity) == (6.5, 3)


def journal_with_deleted_rows(owner):
    """Sam and one entry with him stay; a person, an entry of each kind are deleted."""
    sam = PersonFactory(owner=owner, name="Sam", is_safe_person=True)
    gone = PersonFactory(owner=owner, name="Gone", is_safe_person=True)
    kept = InteractionFactory(owner=owner, people=[sam, gone])
    InteractionFactory(owner=owner, people=[sam]).soft_delete()
    SolitudeFactory(owner=owner).soft_delete()
    CheckInFactory(owner=owner).soft_delete()
    gone.soft_delete()
    return sam, gone, kept


def someone_elses_journal(outsider):
    theirs = PersonFactory(owner=outsider, name="Theirs")
    InteractionFactory(owner=outsider, people=[theirs])
    SolitudeFactory(owner=outsider)
    CheckInFactory(owner=outsider)


def test_deleted_entries_and_people_are_left_out(owner):
    sam, gone, kept = journal_with_deleted_rows(owner)
    records = selectors.journal_records(owner)
    assert [r.entry_id for r in records.interactions] == [kept.pk]
    assert records.interactions[0].people == (str(sam.pk),)
    assert records.solitude == [] and records.checkins == []
    assert str(gone.pk) not in records.names


def test_cards_about_someone_deleted_are_left_out_of_the_live_cards(owner):
    from withness.insights.models import InsightCard

    sam, gone, _ = journal_with_deleted_rows(owner)
    for key in (str(sam.pk), str(gone.pk)):
        InsightCard.objects.create(
            owner=owner, factor="people", key=key, verdict="lifts", text="…",
            released_on=date(2026, 3, 2),
        )  # fmt: skip

    assert selectors.live_person_keys(owner) == {str(sam.pk)}
    assert [card.key for card in selectors.live_cards(owner)] == [str(sam.pk)]


def test_another_users_rows_never_reach_the_records(owner, outsider):
    someone_elses_journal(outsider)
    records = selectors.journal_records(owner)
    assert records.entries == 0 and records.names == {}


def test_the_columns_leave_out_deleted_entries_and_people_too(owner):
    sam, _, kept = journal_with_deleted_rows(owner)
    journal = selectors.journal_columns(owner)
    assert journal.interactions.entry_id.tolist() == [kept.pk]
    assert journal.interactions.people == (str(sam.pk),)
    assert journal.interactions.person.tolist() == [0]
    assert len(journal.solitude) == 0 and len(journal.checkins) == 0
    assert journal.names == {str(sam.pk): "Sam"} and journal.safe_people == {str(sam.pk)}


def test_another_users_rows_never_reach_the_columns(owner, outsider):
    someone_elses_journal(outsider)
    journal = selectors.journal_columns(owner)
    assert journal.entries == 0 and journal.names == {}
    assert journal.interactions.people == ()


def test_renaming_a_person_changes_only_the_name_shown(demo_user):
    from withness.people.models import Person

    before = journal_document(demo_user)
    sam = Person.objects.get(owner=demo_user, name="Sam")
    sam.name = "Samira"
    sam.save()
    after = journal_document(demo_user)
    strip = lambda people: [  # noqa: E731
        {k: v for k, v in p.items() if k not in ("name", "label", "text", "energy_text")}
        for p in people
    ]
    assert strip(after["people"]) == strip(before["people"])
    row = next(p for p in after["people"] if p["person_id"] == sam.pk)
    assert row["name"] == "Samira" and "Samira" in row["text"]
    assert not any("Sam " in c["text"] or "Sam," in c["text"] for c in after["cards"])


def test_the_columns_the_insights_read_give_the_same_report_as_the_records(demo_user):
    from withness.analysis.report import analyse, analyse_columns, report_to_dict

    today = demo_user.today()
    records = selectors.journal_records(demo_user)
    columns = selectors.journal_columns(demo_user)
    assert columns.names == records.names and columns.safe_people == records.safe_people
    assert columns.entries == records.entries
    from_records = analyse(
        records.interactions,
        records.solitude,
        records.checkins,
        safe_people=records.safe_people,
        today=today,
    )
    from_columns = analyse_columns(
        columns.interactions,
        columns.solitude,
        columns.checkins,
        safe_people=columns.safe_people,
        today=today,
    )
    assert report_to_dict(from_columns) == report_to_dict(from_records)


def test_an_entry_late_at_night_counts_for_the_local_day_in_the_columns(owner):
    late = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)  # already 2 July in London (summer time)
    winter = datetime(2026, 1, 1, 23, 30, tzinfo=UTC)  # still 1 January there
    InteractionFactory(owner=owner, started_at=late)
    InteractionFactory(owner=owner, started_at=winter)
    SolitudeFactory(owner=owner, started_at=late)
    days = selectors.journal_columns(owner).interactions.day.tolist()
    assert days == [date(2026, 1, 1).toordinal(), date(2026, 7, 2).toordinal()]
    assert selectors.journal_columns(owner).solitude.day.tolist() == [date(2026, 7, 2).toordinal()]
