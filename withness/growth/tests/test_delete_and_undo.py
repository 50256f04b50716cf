import pytest
from django.urls import reverse

from withness.growth.models import Belief, Reflection, Share, Support
from withness.people.services import person_delete
from withness.testing.factories import PersonFactory

from .factories import BeliefFactory, ReflectionFactory, ShareFactory, SupportFactory

KINDS = {
    "share": (ShareFactory, Share),
    "support": (SupportFactory, Support),
    "belief": (BeliefFactory, Belief),
    "reflection": (ReflectionFactory, Reflection),
}


@pytest.mark.parametrize("kind", KINDS)
def test_deleting_offers_an_undo_that_brings_it_back(owner_client, owner, kind):
    factory, model = KINDS[kind]
    entry = factory(owner=owner)
    response = owner_client.post(
        reverse("growth:entry_delete", args=[kind, entry.pk]), {"next": reverse("growth:index")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("growth:index")
    assert not model.objects.for_user(owner).exists()
    page = owner_client.get(reverse("growth:index")).content.decode()
    assert reverse("growth:entry_restore", args=[kind, entry.pk]) in page
    assert (
        owner_client.post(reverse("growth:entry_restore", args=[kind, entry.pk])).status_code == 302
    )
    assert model.objects.for_user(owner).get() == entry


@pytest.mark.parametrize("kind", KINDS)
def test_an_outsider_can_neither_delete_nor_restore(outsider_client, owner, kind):
    factory, model = KINDS[kind]
    entry = factory(owner=owner)
    assert (
        outsider_client.post(reverse("growth:entry_delete", args=[kind, entry.pk])).status_code
        == 404
    )
    entry.soft_delete()
    url = reverse("growth:entry_restore", args=[kind, entry.pk])
    assert outsider_client.post(url).status_code == 404
    assert model.objects.deleted_for(owner).get() == entry


@pytest.mark.parametrize("kind", ["share", "support"])
def test_restoring_an_entry_whose_person_was_deleted_since_lands_somewhere_real(
    owner_client, owner, kind
):
    factory, model = KINDS[kind]
    entry = factory(owner=owner, person=PersonFactory(owner=owner, name="Ana"))
    owner_client.post(reverse("growth:entry_delete", args=[kind, entry.pk]))
    person_delete(person=entry.person)

    response = owner_client.post(
        reverse("growth:entry_restore", args=[kind, entry.pk]), follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("journal:deleted")
    assert model.objects.for_user(owner).get() == entry
    said = [str(m) for m in response.context["messages"]]
    assert said == [
        f"“{entry}” is back. It lives on Ana’s page, and Ana is in recently deleted:"
        " bring them back below to see it there."
    ]
    assert reverse("people:restore", args=[entry.person.pk]) in response.content.decode()


def test_only_growth_entries_can_be_deleted_here(owner_client, owner):
    assert owner_client.post(reverse("growth:entry_delete", args=["person", 1])).status_code == 404


def test_deleted_shares_no_longer_count_as_evidence_of_warmth(owner_client, owner):
    share = ShareFactory(owner=owner, response="warm")
    ShareFactory(owner=owner, person=share.person, response="neutral")
    owner_client.post(reverse("growth:entry_delete", args=["share", share.pk]))
    body = owner_client.get(reverse("growth:person", args=[share.person.pk])).content.decode()
    assert "0 of 1 share with" in body
