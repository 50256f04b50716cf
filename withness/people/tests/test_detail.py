from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from withness.people.tests.helpers import local_day
from withness.testing.factories import InteractionFactory, PersonFactory


def detail(person):
    return reverse("people:detail", args=[person.pk])


def test_it_shows_the_persons_details_in_words(owner_client, owner):
    sam = PersonFactory(
        owner=owner,
        name="Sam",
        relationship="friend",
        felt_safety=2,
        is_safe_person=True,
        notes="Likes long walks.\nHates phone calls.",
    )
    text = owner_client.get(detail(sam)).content.decode()
    assert "<h1>Sam</h1>" in text
    assert "Friend" in text
    assert "Guarded" in text
    assert "someone to turn to" in text
    assert "Likes long walks.<br>Hates phone calls." in text


def test_an_unrated_person_is_not_rated_yet(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    assert "Not rated yet" in owner_client.get(detail(sam)).content.decode()


def test_a_rating_not_given_and_the_safe_people_list_never_read_as_a_contradiction(
    owner_client, owner
):
    sam = PersonFactory(owner=owner, name="Sam", is_safe_person=True)
    text = owner_client.get(detail(sam)).content.decode()
    assert '<dt>How safe they feel</dt><dd><span class="muted">Not rated yet</span>' in text
    assert "<dt>On your safe-people list</dt><dd>Yes, someone to turn to</dd>" in text
    assert "Not sure yet" not in text and "<dt>Safe person</dt>" not in text
    sam.felt_safety = 4
    sam.save()
    assert 'Mostly safe <span class="muted">(your rating)</span>' in (
        owner_client.get(detail(sam)).content.decode()
    )


def test_the_finding_says_how_many_of_the_times_it_rests_on(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    for before, after in [(0, 1), (1, 2), (-1, 0), (0, 1), (2, 3), (-2, -1)]:
        InteractionFactory(owner=owner, people=[sam], before_pleasant=before, after_pleasant=after)
    InteractionFactory(owner=owner, people=[sam], before_pleasant=1, after_pleasant=None)
    text = owner_client.get(detail(sam)).content.decode()
    assert "You've logged time with Sam 7 times" in text
    assert "Based on 6 of your 7 times with Sam: the ones with how you felt both before" in text


def test_it_lists_their_interactions_newest_first_with_state_and_links(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    alex = PersonFactory(owner=owner, name="Alex")
    now = timezone.now()
    older = InteractionFactory(
        owner=owner, people=[sam], started_at=now - timedelta(days=3), mode="call", duration_min=90
    )
    newer = InteractionFactory(
        owner=owner,
        people=[sam, alex],
        started_at=now - timedelta(days=1),
        before_pleasant=-3,
        before_energy=8,
        after_pleasant=2,
        after_energy=5,
    )
    InteractionFactory(owner=owner, people=[alex])  # not with Sam
    response = owner_client.get(detail(sam))
    text = response.content.decode()
    assert [e.pk for e in response.context["page"].object_list] == [newer.pk, older.pk]
    assert text.index(f"/entries/interaction/{newer.pk}/") < text.index(
        f"/entries/interaction/{older.pk}/"
    )
    assert "Call · 1 h 30 min" in text
    assert "Revved up / on guard" in text and "settled and open, much more pleasant after" in text
    assert "(+5)" not in text
    assert "Also with Alex" in text
    assert f"{reverse('journal:history')}?person={sam.pk}" in text


def test_it_sums_up_how_often_and_when_last(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    when = timezone.now() - timedelta(days=2)
    for days in (5, 9):
        InteractionFactory(owner=owner, people=[sam], started_at=when - timedelta(days=days))
    InteractionFactory(owner=owner, people=[sam], started_at=when)
    text = owner_client.get(detail(sam)).content.decode()
    assert f"3 times, most recently on {local_day(owner, when)}." in text


def test_deleted_interactions_are_left_out(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    InteractionFactory(owner=owner, people=[sam], deleted_at=timezone.now())
    response = owner_client.get(detail(sam))
    assert list(response.context["page"].object_list) == []
    assert "Nothing logged with Sam yet" in response.content.decode()


def test_interactions_are_paginated_and_htmx_gets_just_the_list(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    for hours in range(12):
        InteractionFactory(
            owner=owner, people=[sam], started_at=timezone.now() - timedelta(hours=hours + 1)
        )
    first = owner_client.get(detail(sam))
    assert len(first.context["page"].object_list) == 10
    assert "Page 1 of 2" in first.content.decode()
    second = owner_client.get(detail(sam) + "?page=2", headers={"HX-Request": "true"})
    assert len(second.context["page"].object_list) == 2
    assert "<h1" not in second.content.decode()
    assert 'id="person-interactions"' in second.content.decode()


def test_a_nonsense_page_number_shows_a_page_rather_than_an_error(owner_client, owner):
    sam = PersonFactory(owner=owner)
    for page in ("abc", "-1", "99999999999999999999"):
        assert owner_client.get(detail(sam) + f"?page={page}").status_code == 200


def test_a_deleted_person_has_no_page(owner_client, owner):
    sam = PersonFactory(owner=owner, deleted_at=timezone.now())
    assert owner_client.get(detail(sam)).status_code == 404
