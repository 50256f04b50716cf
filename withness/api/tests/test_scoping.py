"""Every route is scoped to the token's owner: someone else's id is simply not found."""

import pytest

from withness.api.models import Scope
from withness.journal.models import CheckIn, Interaction, Solitude
from withness.people.models import Person

from .helpers import COLLECTIONS, PRIVATE, call, fields, routes


def untouched(journal):
    """The owner's journal exactly as the fixture made it."""
    return (
        Person.objects.get(pk=journal["people"].pk).notes == "private person notes"
        and Interaction.objects.get(pk=journal["interactions"].pk).note == "private words"
        and Solitude.objects.get(pk=journal["solitude"].pk).note == "private quiet"
        and CheckIn.objects.get(pk=journal["checkins"].pk).note == "private day"
        and not any(
            model.objects.filter(deleted_at__isnull=False).exists()
            for model in (Person, Interaction, Solitude, CheckIn)
        )
    )


@pytest.mark.parametrize("scope", [Scope.WRITE, Scope.READ])
def test_an_outsider_gets_404_for_every_route_with_the_owners_ids(api_as, outsider, journal, scope):
    api = api_as(outsider, scope)
    for method, path, body in routes(journal):
        if path.count("/") < 2:  # the collection routes are covered below
            continue
        if scope == Scope.READ and method != "get":
            continue
        response = call(api, method, path, body, outsider)
        assert response.status_code == 404, (method, path)
        assert not any(word in response.content for word in PRIVATE)
    assert untouched(journal)


def test_an_outsider_lists_none_of_the_owners_journal(api_as, outsider, journal):
    api = api_as(outsider, Scope.READ)
    for collection in COLLECTIONS:
        response = api.get(f"/{collection}")
        assert response.status_code == 200
        assert response.json()["count"] == 0 and response.json()["items"] == []
        assert not any(word in response.content for word in PRIVATE)


def test_an_outsider_cannot_filter_by_the_owners_person(api_as, outsider, journal):
    api = api_as(outsider, Scope.READ)
    response = api.get("/interactions", {"person": journal["people"].pk})
    assert response.status_code == 422 and fields(response) == ["person"]
    assert b"Secret Sam" not in response.content


def test_an_outsider_cannot_link_the_owners_person_to_an_entry(api_as, outsider, journal):
    api = api_as(outsider, Scope.WRITE)
    payload = {
        "people": [journal["people"].pk],
        "duration_min": 10,
        "before_pleasant": 0,
        "before_energy": 5,
        "after_later": True,
    }
    response = api.post("/interactions", payload)
    assert response.status_code == 422 and fields(response) == ["people"]
    assert not Interaction.objects.filter(owner=outsider).exists()


def test_a_new_entry_by_name_never_links_to_someone_elses_person(api_as, outsider, journal):
    api = api_as(outsider, Scope.WRITE)
    payload = {"new_people": ["Secret Sam"], "duration_min": 10, "before_pleasant": 0}
    payload |= {"before_energy": 5, "after_later": True}
    response = api.post("/interactions", payload)
    assert response.status_code == 201
    person = Interaction.objects.get(owner=outsider).people.get()
    assert person.owner == outsider and person != journal["people"]


def test_what_an_outsider_adds_stays_theirs(api_as, owner, outsider, journal):
    api_as(outsider, Scope.WRITE).post("/people", {"name": "Outsider's friend"})
    response = api_as(owner, Scope.READ).get("/people")
    assert [p["name"] for p in response.json()["items"]] == ["Secret Sam"]
