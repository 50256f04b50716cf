import pytest
from django.urls import reverse

from withness.people.models import Person
from withness.testing.factories import InteractionFactory, PersonFactory

# Every people URL that takes an id, with the method that would change something.
BY_ID = [
    ("people:detail", "get"),
    ("people:edit", "get"),
    ("people:edit", "post"),
    ("people:merge", "get"),
    ("people:merge", "post"),
    ("people:delete", "post"),
    ("people:restore", "post"),
]


@pytest.fixture
def owners_person(owner):
    sam = PersonFactory(owner=owner, name="Sam", notes="private")
    InteractionFactory(owner=owner, people=[sam])
    return sam


@pytest.mark.parametrize(("name", "method"), BY_ID)
def test_an_outsider_gets_404_on_every_view_of_the_owners_person(
    outsider_client, outsider, owners_person, name, method
):
    mine = PersonFactory(owner=outsider, name="Mine")
    if name == "people:restore":
        owners_person.soft_delete()
    url = reverse(name, args=[owners_person.pk])
    response = getattr(outsider_client, method)(url, {"name": "Hacked", "merge": mine.pk})
    assert response.status_code == 404
    owners_person.refresh_from_db()
    assert owners_person.name == "Sam"
    assert owners_person.interactions.count() == 1
    assert Person.objects.filter(pk=mine.pk).exists()


def test_an_outsider_cannot_merge_their_person_into_the_owners(
    outsider_client, outsider, owners_person
):
    mine = PersonFactory(owner=outsider, name="Mine")
    url = reverse("people:merge", args=[mine.pk])
    assert outsider_client.post(url, {"merge": owners_person.pk}).status_code == 404
    assert Person.objects.filter(pk=owners_person.pk).exists()


def test_the_name_check_will_not_take_someone_elses_person(outsider_client, owners_person):
    url = reverse("people:name_check")
    response = outsider_client.get(url, {"name": "Sam", "person": owners_person.pk})
    assert response.status_code == 404


def test_the_list_shows_an_outsider_nothing_of_the_owners(outsider_client, owners_person):
    text = outsider_client.get(reverse("people:list")).content.decode()
    assert "Sam" not in text and "private" not in text


@pytest.mark.parametrize("name", ["people:list", "people:add", "people:name_check"])
def test_signed_out_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(("name", "method"), BY_ID)
def test_signed_out_visitors_are_sent_to_sign_in_for_any_person(
    client, owners_person, name, method
):
    response = getattr(client, method)(reverse(name, args=[owners_person.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
