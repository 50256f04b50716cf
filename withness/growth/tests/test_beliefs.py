from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from withness.growth.models import Belief, BeliefRating, Evidence
from withness.testing.factories import InteractionFactory

from .factories import BeliefFactory, BeliefRatingFactory, ShareFactory, SupportFactory


def test_a_belief_is_saved_with_a_counter_belief_and_a_first_rating(owner_client, owner):
    response = owner_client.post(
        reverse("growth:belief_new"),
        {
            "belief": "If I lean on people I'll be too much",
            "counter": "Some people are glad to be leaned on a little",
            "belief_true": "85",
            "counter_true": "20",
        },
    )
    belief = Belief.objects.get()
    assert response.status_code == 302 and response["Location"] == belief.get_absolute_url()
    rating = BeliefRating.objects.get()
    assert (rating.owner, rating.belief_true, rating.counter_true) == (owner, 85, 20)


def test_a_belief_can_start_without_ratings_or_a_counter(owner_client):
    owner_client.post(reverse("growth:belief_new"), {"belief": "People leave"})
    assert Belief.objects.get().counter == "" and not BeliefRating.objects.exists()


def test_a_starter_example_fills_in_the_belief(owner_client):
    response = owner_client.get(reverse("growth:belief_new"), {"starter": "1"})
    assert response.context["form"].initial["belief"] == "Sooner or later, people leave."


@pytest.mark.parametrize("starter", ["²", "6", "-1", "x"])
def test_an_unknown_starter_leaves_the_belief_empty(owner_client, starter):
    response = owner_client.get(reverse("growth:belief_new"), {"starter": starter})
    assert response.status_code == 200 and "belief" not in response.context["form"].initial


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"belief": ""}, "belief", "Write the belief in a few words"),
        ({"belief": "x" * 301}, "belief", "Keep the belief to 300 characters."),
        (
            {"belief": "I'm a burden", "counter": "i'm a burden"},
            "counter",
            "the same as the belief",
        ),
        (
            {"belief": "People leave", "belief_true": "101"},
            "belief_true",
            "from 0 (not at all true)",
        ),
        (
            {"belief": "People leave", "belief_true": "-1"},
            "belief_true",
            "from 0 (not at all true)",
        ),
        (
            {"belief": "People leave", "belief_true": "lots"},
            "belief_true",
            "from 0 (not at all true)",
        ),
        (
            {"belief": "People leave", "belief_true": "50", "counter_true": "40"},
            "counter_true",
            "Write a counter-belief above to rate it",
        ),
        (
            {"belief": "People leave", "counter": "Some stay", "counter_true": "40"},
            "belief_true",
            "Rate the belief too",
        ),
    ],
)
def test_a_bad_belief_gets_a_specific_message_and_nothing_is_saved(
    owner_client, data, field, message
):
    response = owner_client.post(reverse("growth:belief_new"), data)
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    assert not Belief.objects.exists() and not BeliefRating.objects.exists()


def test_ratings_over_time_appear_in_a_table_and_an_svg_chart(owner_client, owner):
    belief = BeliefFactory(owner=owner)
    with time_machine.travel("2026-02-01 12:00Z", tick=False) as clock:
        for belief_true, counter_true in ((90, 10), (70, 35), (55, 50)):
            response = owner_client.post(
                reverse("growth:belief_rate", args=[belief.pk]),
                {"belief_true": belief_true, "counter_true": counter_true},
            )
            assert response.status_code == 302
            clock.shift(timedelta(days=7))
    body = owner_client.get(belief.get_absolute_url()).content.decode()
    assert "<td>90</td><td>10</td>" in body and "<td>55</td><td>50</td>" in body
    assert reverse("growth:belief_chart", args=[belief.pk]) in body
    chart = owner_client.get(reverse("growth:belief_chart", args=[belief.pk]))
    assert chart["Content-Type"] == "image/svg+xml"
    assert chart.content.lstrip().startswith(b"<?xml") and b"<svg" in chart.content
    assert b"counter-belief" in chart.content


def test_the_sliders_start_where_the_last_rating_left_them(owner_client, owner):
    belief = BeliefFactory(owner=owner)
    rate = reverse("growth:belief_rate", args=[belief.pk])
    body = owner_client.get(belief.get_absolute_url()).content.decode()
    assert 'name="belief_true" value' not in body  # no rating yet: the middle
    owner_client.post(rate, {"belief_true": 80, "counter_true": 20})
    body = owner_client.get(belief.get_absolute_url()).content.decode()
    assert 'name="belief_true" value="80"' in body and 'name="counter_true" value="20"' in body


def test_a_rating_needs_both_sides_when_there_is_a_counter_belief(owner_client, owner):
    belief = BeliefFactory(owner=owner)
    response = owner_client.post(
        reverse("growth:belief_rate", args=[belief.pk]), {"belief_true": "40"}
    )
    assert response.status_code == 200
    assert "Move the slider" in " ".join(response.context["form"].errors["counter_true"])
    assert not BeliefRating.objects.exists()


def test_without_a_counter_belief_only_the_belief_is_rated(owner_client, owner):
    belief = BeliefFactory(owner=owner, counter="")
    owner_client.post(
        reverse("growth:belief_rate", args=[belief.pk]), {"belief_true": "40", "counter_true": "90"}
    )
    assert BeliefRating.objects.get().counter_true is None


def test_editing_a_belief_keeps_its_ratings(owner_client, owner):
    rating = BeliefRatingFactory(belief=BeliefFactory(owner=owner))
    owner_client.post(
        reverse("growth:belief_edit", args=[rating.belief.pk]),
        {"belief": "New words", "counter": "Kinder words"},
    )
    rating.belief.refresh_from_db()
    assert rating.belief.belief == "New words" and rating.belief.ratings.count() == 1


def test_removing_the_counter_belief_takes_it_out_of_the_chart_too(owner_client, owner):
    belief = BeliefFactory(owner=owner)
    BeliefRatingFactory(belief=belief, belief_true=80, counter_true=20)
    BeliefRatingFactory(belief=belief, belief_true=60, counter_true=45)
    chart = reverse("growth:belief_chart", args=[belief.pk])
    assert b"counter-belief" in owner_client.get(chart).content

    owner_client.post(
        reverse("growth:belief_edit", args=[belief.pk]), {"belief": belief.belief, "counter": ""}
    )

    page = owner_client.get(belief.get_absolute_url()).content.decode()
    assert "Counter-belief</th>" not in page and "and the counter-belief" not in page
    svg = owner_client.get(chart).content
    assert b"The belief" in svg and b"counter-belief" not in svg


@pytest.mark.parametrize("kind", ["interaction", "share", "support"])
def test_entries_of_each_kind_can_be_linked_as_evidence(owner_client, owner, kind):
    belief = BeliefFactory(owner=owner)
    entry = {"interaction": InteractionFactory, "share": ShareFactory, "support": SupportFactory}[
        kind
    ](owner=owner)
    response = owner_client.post(
        reverse("growth:evidence_add", args=[belief.pk]),
        {"entry": f"{kind}:{entry.pk}", "leaning": "against", "note": "kind"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert getattr(evidence, kind) == entry and evidence.leaning == "against"
    assert evidence.owner == owner


def test_warm_shares_are_offered_as_evidence_but_never_added_without_a_choice(owner_client, owner):
    belief = BeliefFactory(owner=owner)
    warm = ShareFactory(owner=owner, response="warm")
    ShareFactory(owner=owner, response="dismissive")
    response = owner_client.get(belief.get_absolute_url())
    assert response.context["warm_shares"] == [warm]
    assert not Evidence.objects.exists()
    owner_client.post(
        reverse("growth:evidence_add", args=[belief.pk]),
        {"entry": f"share:{warm.pk}", "leaning": "against"},
    )
    assert owner_client.get(belief.get_absolute_url()).context["warm_shares"] == []


def test_an_older_warm_share_offered_on_the_page_can_be_linked(owner_client, owner):
    belief = BeliefFactory(owner=owner)
    old = ShareFactory(owner=owner, response="warm", shared_on=date(2025, 1, 5))
    ShareFactory.create_batch(31, owner=owner, response="dismissive")
    assert owner_client.get(belief.get_absolute_url()).context["warm_shares"] == [old]
    response = owner_client.post(
        reverse("growth:evidence_add", args=[belief.pk]),
        {"entry": f"share:{old.pk}", "leaning": "against"},
    )
    assert response.status_code == 302
    assert Evidence.objects.get(belief=belief).share == old


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"leaning": "against"}, "entry", "Choose an entry from your journal."),
        ({"entry": "share:999999", "leaning": "against"}, "entry", "not in your journal any more"),
        ({"entry": "belief:1", "leaning": "against"}, "entry", "not in your journal any more"),
        ({"entry": f"share:{10**30}", "leaning": "against"}, "entry", "not in your journal"),
        ({"entry": "share:-1", "leaning": "against"}, "entry", "not in your journal any more"),
        ({"entry": "share:²", "leaning": "against"}, "entry", "not in your journal any more"),
        ({"entry": "SHARE", "leaning": ""}, "leaning", "supports the belief or speaks against it"),
    ],
)
def test_bad_evidence_gets_a_specific_message_and_nothing_is_linked(
    owner_client, owner, data, field, message
):
    belief = BeliefFactory(owner=owner)
    share = ShareFactory(owner=owner)
    data = {k: (f"share:{share.pk}" if v == "SHARE" else v) for k, v in data.items()}
    response = owner_client.post(reverse("growth:evidence_add", args=[belief.pk]), data)
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    assert not Evidence.objects.exists()


def test_removing_evidence_leaves_the_entry_in_the_journal(owner_client, owner):
    belief = BeliefFactory(owner=owner)
    share = ShareFactory(owner=owner)
    evidence = Evidence.objects.create(owner=owner, belief=belief, leaning="for", share=share)
    owner_client.post(reverse("growth:evidence_remove", args=[belief.pk, evidence.pk]))
    assert owner_client.get(belief.get_absolute_url()).context["evidence"] == []
    share.refresh_from_db()
    assert share.deleted_at is None


def test_the_same_entry_cannot_be_linked_twice_to_one_belief(owner_client, owner):
    belief = BeliefFactory(owner=owner)
    share = ShareFactory(owner=owner)
    Evidence.objects.create(owner=owner, belief=belief, leaning="for", share=share)
    response = owner_client.post(
        reverse("growth:evidence_add", args=[belief.pk]),
        {"entry": f"share:{share.pk}", "leaning": "against"},
    )
    assert "already linked to this belief" in " ".join(response.context["form"].errors["entry"])
    assert Evidence.objects.count() == 1


def test_linked_and_linkable_shares_are_labelled_apart(owner_client, owner):
    belief = BeliefFactory(owner=owner)
    linked = ShareFactory(owner=owner, response="warm", what="Asked for a lift")
    ShareFactory(owner=owner, response="warm", what="Said I was tired")
    Evidence.objects.create(owner=owner, belief=belief, share=linked, leaning="against")
    body = owner_client.get(belief.get_absolute_url()).content.decode()
    linked_part, linkable_part = body.split("Not linked yet: warm responses you might count")
    assert "Linked to this belief" in linked_part and "Linked: against the belief" in linked_part
    assert "“Asked for a lift”" in linked_part and "Unlink" in linked_part
    assert "“Said I was tired”" in linkable_part and "Asked for a lift" not in linkable_part
