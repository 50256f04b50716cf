from ninja import Query, Router, Status

from withness.ownership import get_object_for_user
from withness.people.forms import PersonForm
from withness.people.models import Person
from withness.people.services import person_create, person_delete, person_update

from ..schemas import PageParams, PeoplePage, PersonIn, PersonOut, Receipt
from ..selectors import page_of
from ..validation import clean, merged, person_data, person_values
from . import created

router = Router(tags=["people"])


@router.get("", response=PeoplePage, summary="List your people")
def list_people(request, params: Query[PageParams]):
    return page_of(Person.objects.for_user(request.user), params)


@router.get("/{pk}", response=PersonOut, summary="One person")
def get_person(request, pk: int):
    return get_object_for_user(Person, request, pk)


@router.post("", response={201: PersonOut | Receipt}, summary="Add someone")
def create_person(request, payload: PersonIn):
    form = PersonForm(person_data(merged(payload, None)), user=request.user)
    person = person_create(user=request.user, data=clean(form, user=request.user))
    return created(request, person, PersonOut)


@router.patch("/{pk}", response=PersonOut, summary="Change someone's details")
def update_person(request, pk: int, payload: PersonIn):
    person = get_object_for_user(Person, request, pk)
    values = merged(payload, person_values(person))
    form = PersonForm(person_data(values), user=request.user, person=person)
    return person_update(person=person, data=clean(form, user=request.user))


@router.delete("/{pk}", response={204: None}, summary="Move someone to recently deleted")
def delete_person(request, pk: int):
    person_delete(person=get_object_for_user(Person, request, pk))
    return Status(204, None)
