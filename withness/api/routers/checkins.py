from django.db import IntegrityError
from ninja import Query, Router, Status

from withness.journal.forms import CheckInForm
from withness.journal.models import CheckIn
from withness.journal.services import checkin_save, entry_delete
from withness.ownership import get_object_for_user

from ..errors import FieldErrors, problem
from ..schemas import CheckInIn, CheckInOut, CheckInPage, DateFilters, Receipt
from ..selectors import checkins_for, page_of
from ..validation import checkin_data, checkin_values, clean, day_taken, merged
from . import created

router = Router(tags=["check-ins"])


def _save(request, form):
    clean(form, user=request.user)
    try:
        return checkin_save(user=request.user, form=form)
    except IntegrityError:
        # Two check-ins for one day sent at the same moment: the second one loses, politely.
        day = form.cleaned_data["day"].isoformat()
        raise FieldErrors([problem("day", day_taken(day))]) from None


@router.get("", response=CheckInPage, summary="List daily check-ins, newest day first")
def list_checkins(request, filters: Query[DateFilters]):
    return page_of(checkins_for(request.user, filters), filters)


@router.get("/{pk}", response=CheckInOut, summary="One check-in")
def get_checkin(request, pk: int):
    return get_object_for_user(CheckIn, request, pk)


@router.post("", response={201: CheckInOut | Receipt}, summary="Check in for a day")
def create_checkin(request, payload: CheckInIn):
    form = CheckInForm(checkin_data(merged(payload, None)), user=request.user)
    return created(request, _save(request, form), CheckInOut)


@router.patch("/{pk}", response=CheckInOut, summary="Change a check-in")
def update_checkin(request, pk: int, payload: CheckInIn):
    checkin = get_object_for_user(CheckIn, request, pk)
    values = merged(payload, checkin_values(checkin))
    form = CheckInForm(checkin_data(values), instance=checkin, user=request.user)
    return _save(request, form)


@router.delete("/{pk}", response={204: None}, summary="Move a check-in to recently deleted")
def delete_checkin(request, pk: int):
    entry_delete(get_object_for_user(CheckIn, request, pk))
    return Status(204, None)
