"""An outsider learns nothing of the owner's growth tools, even with the right ids."""

import pytest
from django.urls import reverse

from withness.growth.models import Belief, Evidence, Reflection, Share
from withness.testing.factories import PersonFactory

from .factories import BeliefFactory, ReflectionFactory, ShareFactory


@pytest.fixture
def owned(owner):
    sam = PersonFactory(owner=owner, name="Secret Sam", is_safe_person=True)
    share = ShareFactory(owner=owner, person=sam, what="zqx words")
    belief = BeliefFactory(owner=owner, belief="zqx belief")
    evidence = Evidence.objects.create(owner=owner, belief=belief, leaning="against", share=share)
    reflection = ReflectionFactory(owner=owner, answer="zqx answer")
    return {
        "person": sam,
        "share": share,
        "belief": belief,
        "evidence": evidence,
        "reflection": reflection,
    }


def urls_for(o):
    p, b = o["person"].pk, o["belief"].pk
    return [
        ("get", reverse("growth:person", args=[p])),
        ("post", reverse("growth:person_unmark", args=[p])),
        ("post", reverse("growth:person_cadence", args=[p])),
        ("post", reverse("growth:nudge_rest", args=[p, 0])),
        ("post", reverse("growth:nudge_rest", args=[p, 7])),
        ("get", reverse("growth:share_edit", args=[o["share"].pk])),
        ("post", reverse("growth:share_edit", args=[o["share"].pk])),
        ("get", reverse("growth:belief", args=[b])),
        ("get", reverse("growth:belief_edit", args=[b])),
        ("post", reverse("growth:belief_edit", args=[b])),
        ("post", reverse("growth:belief_rate", args=[b])),
        ("get", reverse("growth:belief_chart", args=[b])),
        ("post", reverse("growth:evidence_add", args=[b])),
        ("post", reverse("growth:evidence_remove", args=[b, o["evidence"].pk])),
        ("get", reverse("growth:reflection_edit", args=[o["reflection"].pk])),
        ("post", reverse("growth:reflection_edit", args=[o["reflection"].pk])),
    ]


def test_an_outsider_gets_404_on_every_growth_url_with_the_owners_ids(outsider_client, owned):
    for method, url in urls_for(owned):
        response = getattr(outsider_client, method)(url, {"every_days": "3", "answer": "x"})
        assert response.status_code == 404, (method, url)
        assert b"zqx" not in response.content
    owned["person"].refresh_from_db()
    assert owned["person"].is_safe_person and owned["person"].checkin_every_days is None
    assert Evidence.objects.filter(deleted_at__isnull=True).count() == 1
    assert Reflection.objects.get().answer == "zqx answer"
    assert Belief.objects.get().belief == "zqx belief"


def test_an_outsider_cannot_use_the_owners_people_or_entries_in_forms(outsider_client, owned):
    response = outsider_client.post(
        reverse("growth:share_new"),
        {
            "person": owned["person"].pk,
            "step": 1,
            "response": "warm",
            "shared_on": "2026-01-02",
        },
    )
    assert response.status_code == 200
    assert "That person is not in your list" in response.content.decode()
    response = outsider_client.post(
        reverse("growth:safe_person_new"),
        {
            "person": owned["person"].pk,
            "reasons": ["kind"],
        },
    )
    assert "That person is not in your list" in response.content.decode()
    assert Share.objects.count() == 1


def test_an_outsider_sees_none_of_it_in_lists(outsider_client, owned):
    for name in (
        "growth:index",
        "growth:beliefs",
        "growth:reflections",
        "growth:nudges",
        "journal:home",
    ):
        body = outsider_client.get(reverse(name)).content.decode()
        assert "Secret Sam" not in body and "zqx" not in body, name


def test_evidence_of_one_belief_cannot_be_removed_through_another(owner_client, owner, owned):
    other = BeliefFactory(owner=owner)
    url = reverse("growth:evidence_remove", args=[other.pk, owned["evidence"].pk])
    assert owner_client.post(url).status_code == 404
    assert Evidence.objects.filter(deleted_at__isnull=True).count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(client, owned):
    for method, url in urls_for(owned) + [("get", reverse("growth:index"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"], url


def test_every_growth_page_renders_for_the_owner(owner_client, owned):
    for method, url in urls_for(owned):
        if method == "get":
            assert owner_client.get(url).status_code == 200, url
    for name in (
        "growth:index",
        "growth:beliefs",
        "growth:belief_new",
        "growth:reflections",
        "growth:nudges",
        "growth:share_new",
        "growth:support_new",
        "growth:safe_person_new",
        "journal:home",
    ):
        response = owner_client.get(reverse(name))
        assert response.status_code == 200, name
        assert response.content.decode().count("<h1") == 1, name
