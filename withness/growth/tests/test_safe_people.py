import pytest
from django.urls import reverse

from withness.growth.models import SafePersonNote
from withness.people.models import Person
from withness.testing.factories import PersonFactory, SolitudeFactory


def test_marking_someone_in_the_list_as_a_safe_person_keeps_what_makes_them_safe(
    owner_client, owner
):
    sam = PersonFactory(owner=owner, name="Sam")
    response = owner_client.post(
        reverse("growth:safe_person_new"),
        {
            "person": sam.pk,
            "reasons": ["consistent", "listens"],
            "own_words": "never rushes me",
        },
    )
    assert response.status_code == 302
    sam.refresh_from_db()
    assert sam.is_safe_person
    note = SafePersonNote.objects.get(person=sam)
    assert note.owner == owner and note.reasons == ["consistent", "listens"]
    body = owner_client.get(reverse("growth:person", args=[sam.pk])).content.decode()
    assert "Listens without fixing" in body and "never rushes me" in body


def test_a_safe_person_can_be_added_by_nickname_alone(owner_client, owner):
    owner_client.post(
        reverse("growth:safe_person_new"), {"new_name": "  Auntie  M ", "reasons": ["kind"]}
    )
    person = Person.objects.get(owner=owner)
    assert person.name == "Auntie M" and person.is_safe_person


def test_unmarking_keeps_the_person_and_their_reasons_for_later(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam", is_safe_person=True)
    SafePersonNote.objects.create(owner=owner, person=sam, reasons=["kind"])
    response = owner_client.post(reverse("growth:person_unmark", args=[sam.pk]))
    assert response.status_code == 302
    sam.refresh_from_db()
    assert not sam.is_safe_person and sam.deleted_at is None
    assert SafePersonNote.objects.get(person=sam).reasons == ["kind"]
    owner_client.post(reverse("growth:safe_person_new"), {"person": sam.pk, "reasons": ["calm"]})
    assert SafePersonNote.objects.get(person=sam).reasons == ["calm"]


def test_unmarking_only_accepts_post(owner_client, owner):
    sam = PersonFactory(owner=owner, is_safe_person=True)
    assert owner_client.get(reverse("growth:person_unmark", args=[sam.pk])).status_code == 405
    sam.refresh_from_db()
    assert sam.is_safe_person


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"reasons": ["kind"]}, "person", "Choose someone, or add a new name below."),
        (
            {"new_name": "Sam", "reasons": ["kind"]},
            "new_name",
            "You already have someone called Sam.",
        ),
        ({"new_name": "Jo"}, "reasons", "Pick at least one, or say it in your own words."),
        (
            {"new_name": "Jo", "reasons": ["brave"]},
            "reasons",
            "“brave” is not one of the listed reasons.",
        ),
        ({"new_name": "J" * 81, "reasons": ["kind"]}, "new_name", "80 characters or fewer"),
        ({"person": "99999", "reasons": ["kind"]}, "person", "That person is not in your list."),
    ],
)
def test_bad_input_gets_a_specific_message_and_nothing_changes(
    owner_client, owner, data, field, message
):
    sam = PersonFactory(owner=owner, name="Sam")
    response = owner_client.post(reverse("growth:safe_person_new"), data)
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    assert not Person.objects.filter(is_safe_person=True).exists()
    assert list(Person.objects.all()) == [sam]
    assert not SafePersonNote.objects.exists()


def test_choosing_a_listed_person_and_a_new_name_at_once_is_refused(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    response = owner_client.post(
        reverse("growth:safe_person_new"),
        {
            "person": sam.pk,
            "new_name": "Jo",
            "reasons": ["kind"],
        },
    )
    assert "not both" in str(response.context["form"].errors["new_name"])
    assert Person.objects.count() == 1


def test_the_flow_is_offered_on_home_until_there_is_a_safe_person(owner_client, owner):
    SolitudeFactory.create_batch(3, owner=owner)  # home offers these once a journal is under way
    assert "Is there someone who feels steady to you?" in owner_client.get("/").content.decode()
    PersonFactory(owner=owner, is_safe_person=True)
    assert "Is there someone who feels steady to you?" not in owner_client.get("/").content.decode()


def test_changing_what_makes_someone_safe_starts_from_what_was_said(owner_client, owner, outsider):
    sam = PersonFactory(owner=owner, name="Sam", is_safe_person=True)
    SafePersonNote.objects.create(owner=owner, person=sam, reasons=["kind"], own_words="steady")
    url = reverse("growth:safe_person_new")
    initial = owner_client.get(url, {"person": sam.pk}).context["form"].initial
    assert initial == {"person": sam.pk, "reasons": ["kind"], "own_words": "steady"}
    theirs = PersonFactory(owner=outsider)
    assert owner_client.get(url, {"person": theirs.pk}).context["form"].initial == {}


@pytest.mark.parametrize("value", ["²", "abc", "-1", ""])
def test_an_odd_person_in_the_address_starts_the_flow_empty(owner_client, value):
    response = owner_client.get(reverse("growth:safe_person_new"), {"person": value})
    assert response.status_code == 200 and response.context["form"].initial == {}
