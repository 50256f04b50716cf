import html

import pytest
from django.urls import reverse
from django.utils import timezone

from withness.journal.models import Interaction, Participation
from withness.people.models import Person
from withness.people.services import MergeRefused, person_merge
from withness.testing.factories import InteractionFactory, PersonFactory


def merge_url(person):
    return reverse("people:merge", args=[person.pk])


@pytest.fixture
def pair(owner):
    keep = PersonFactory(owner=owner, name="Sam", notes="Met at the allotment.")
    merge = PersonFactory(
        owner=owner,
        name="Samuel",
        relationship="neighbour",
        felt_safety=4,
        is_safe_person=True,
        notes="Calls on Sundays.",
    )
    return keep, merge


def test_merging_moves_every_interaction_over_and_removes_the_merged_person(owner, pair):
    keep, merge = pair
    only_merge = InteractionFactory(owner=owner, people=[merge])
    deleted = InteractionFactory(owner=owner, people=[merge], deleted_at=timezone.now())
    only_keep = InteractionFactory(owner=owner, people=[keep])
    person_merge(user=owner, keep=keep, merge=merge)
    assert not Person.objects.filter(pk=merge.pk).exists()
    for interaction in (only_merge, deleted, only_keep):
        assert list(interaction.people.all()) == [keep]
    assert Interaction.objects.count() == 3


def test_an_interaction_with_both_people_keeps_one_participation(owner, pair):
    keep, merge = pair
    other = PersonFactory(owner=owner, name="Alex")
    both = InteractionFactory(owner=owner, people=[keep, merge, other])
    person_merge(user=owner, keep=keep, merge=merge)
    assert Participation.objects.filter(interaction=both, person=keep).count() == 1
    assert set(both.people.all()) == {keep, other}
    assert Participation.objects.filter(interaction=both).count() == 2


def test_notes_are_joined_and_empty_details_filled_without_overwriting(owner, pair):
    keep, merge = pair
    keep.felt_safety = 2
    keep.save()
    person_merge(user=owner, keep=keep, merge=merge)
    keep.refresh_from_db()
    assert keep.notes.startswith("Met at the allotment.\n\nFrom Samuel (merged ")
    assert keep.notes.endswith("):\nCalls on Sundays.")
    assert keep.name == "Sam"
    assert keep.felt_safety == 2  # the kept person's own sense stays
    assert keep.relationship == "neighbour"  # was empty, so taken over
    assert keep.is_safe_person


def test_merging_keeps_notes_as_they_are_when_the_merged_person_has_none(owner, pair):
    keep, merge = pair
    merge.notes = "  "
    merge.save()
    person_merge(user=owner, keep=keep, merge=merge)
    keep.refresh_from_db()
    assert keep.notes == "Met at the allotment."


def test_the_service_refuses_a_person_into_themselves(owner, pair):
    keep, _ = pair
    with pytest.raises(MergeRefused):
        person_merge(user=owner, keep=keep, merge=keep)
    assert Person.objects.filter(pk=keep.pk).exists()


def test_the_service_refuses_someone_elses_or_a_deleted_person(owner, outsider, pair):
    keep, merge = pair
    theirs = PersonFactory(owner=outsider)
    InteractionFactory(owner=outsider, people=[theirs])
    with pytest.raises(MergeRefused):
        person_merge(user=owner, keep=keep, merge=theirs)
    with pytest.raises(MergeRefused):
        person_merge(user=outsider, keep=theirs, merge=merge)
    merge.soft_delete()
    with pytest.raises(MergeRefused):
        person_merge(user=owner, keep=keep, merge=merge)
    assert Person.objects.count() == 3
    assert theirs.interactions.count() == 1


def test_the_merge_page_offers_the_owners_other_people(owner_client, owner, outsider, pair):
    keep, merge = pair
    PersonFactory(owner=outsider, name="Stranger")
    response = owner_client.get(merge_url(keep))
    choices = [label for value, label in response.context["form"].fields["merge"].choices if value]
    assert choices == ["Samuel (Neighbour, no entries yet)"]


def test_with_no_one_else_there_is_nothing_to_merge(owner_client, owner):
    alone = PersonFactory(owner=owner, name="Sam")
    text = html.unescape(owner_client.get(merge_url(alone)).content.decode())
    assert "there's nothing to merge" in text


def test_choosing_someone_shows_what_will_happen_before_anything_changes(owner_client, owner, pair):
    keep, merge = pair
    InteractionFactory(owner=owner, people=[merge])
    InteractionFactory(owner=owner, people=[merge])
    InteractionFactory(owner=owner, people=[keep, merge])
    response = owner_client.get(merge_url(keep), {"merge": merge.pk})
    text = html.unescape(response.content.decode())
    assert "Merge Samuel into Sam?" in text
    assert "2 entries with Samuel will show Sam instead." in text
    assert "1 entry already includes both" in text
    assert "Samuel's notes will be added below Sam's" in text
    assert "can't be undone" in text
    assert f'name="merge" value="{merge.pk}"' in text
    assert Person.objects.filter(pk=merge.pk).exists()
    assert merge.interactions.count() == 3


def test_the_confirmation_warns_when_the_joined_notes_will_be_too_long(owner_client, owner, pair):
    keep, merge = pair
    keep.notes, merge.notes = "a" * 15000, "b" * 6000
    keep.save()
    merge.save()
    text = owner_client.get(merge_url(keep), {"merge": merge.pk}).content.decode()
    assert "Nothing will be cut" in text


def test_confirming_merges_and_returns_to_the_kept_person(owner_client, owner, pair):
    keep, merge = pair
    interaction = InteractionFactory(owner=owner, people=[merge])
    response = owner_client.post(merge_url(keep), {"merge": merge.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[keep.pk])
    assert list(interaction.people.all()) == [keep]
    assert not Person.objects.filter(pk=merge.pk).exists()
    page = owner_client.get(response["Location"])
    assert "Samuel is merged into Sam." in page.content.decode()
    assert list(page.context["page"].object_list) == [interaction]


@pytest.mark.parametrize("method", ["get", "post"])
def test_merging_a_person_into_themselves_is_refused_with_a_message(
    owner_client, owner, pair, method
):
    keep, _ = pair
    response = getattr(owner_client, method)(merge_url(keep), {"merge": keep.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["merge"] == [
        "That's Sam already. Choose someone else to merge in."
    ]
    assert Person.objects.filter(owner=owner).count() == 2


def test_merging_without_choosing_asks_to_choose(owner_client, owner, pair):
    keep, _ = pair
    response = owner_client.post(merge_url(keep), {"merge": ""})
    assert response.context["form"].errors["merge"] == ["Choose who to merge into Sam."]
    assert Person.objects.filter(owner=owner).count() == 2


@pytest.mark.parametrize("method", ["get", "post"])
def test_merging_another_users_person_is_not_found(owner_client, owner, outsider, pair, method):
    keep, _ = pair
    theirs = PersonFactory(owner=outsider, name="Theirs")
    InteractionFactory(owner=outsider, people=[theirs])
    response = getattr(owner_client, method)(merge_url(keep), {"merge": theirs.pk})
    assert response.status_code == 404
    assert Person.objects.filter(pk=theirs.pk).exists()
    assert theirs.interactions.count() == 1


@pytest.mark.parametrize("bad", ["abc", "999999", "-1", "1e9", "99999999999999999999999"])
def test_a_made_up_merge_id_is_not_found(owner_client, pair, bad):
    keep, _ = pair
    assert owner_client.post(merge_url(keep), {"merge": bad}).status_code == 404


def test_merging_a_deleted_person_is_not_found(owner_client, pair):
    keep, merge = pair
    merge.soft_delete()
    assert owner_client.post(merge_url(keep), {"merge": merge.pk}).status_code == 404
    assert Person.objects.filter(pk=merge.pk).exists()


def test_rows_allowed_once_per_person_are_set_aside_not_destroyed_when_both_have_one(
    owner, outsider
):
    # The same rule other areas use (one live safety note per person), shown with check-ins:
    # one live check-in per owner and day. The mover's clashing row is soft-deleted, not lost.
    from withness.journal.models import CheckIn
    from withness.people.services import _move_rows
    from withness.testing.factories import CheckInFactory

    kept = CheckInFactory(owner=owner, note="kept")
    clashing = CheckInFactory(owner=outsider, day=kept.day, note="moved")
    _move_rows(CheckIn, "owner", owner, outsider)
    kept.refresh_from_db()
    clashing.refresh_from_db()
    assert (kept.owner, kept.deleted_at) == (owner, None)
    assert clashing.owner == owner and clashing.deleted_at is not None


def test_a_clash_that_cannot_be_set_aside_refuses_the_whole_merge(owner, pair):
    keep, merge = pair
    shared = InteractionFactory(owner=owner, people=[keep, merge])
    from withness.people.services import _move_rows

    with pytest.raises(MergeRefused):
        _move_rows(Participation, "person", keep, merge)
    assert Participation.objects.filter(interaction=shared).count() == 2
