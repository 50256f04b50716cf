from ninja import Query, Router, Status

from withness.journal.forms import SolitudeForm
from withness.journal.models import Solitude
from withness.journal.services import entry_delete, solitude_log, solitude_update
from withness.ownership import get_object_for_user

from ..schemas import DateFilters, Receipt, SolitudeIn, SolitudeOut, SolitudePage
from ..selectors import page_of, solitude_for
from ..validation import clean, merged, solitude_data, solitude_values
from . import created

router = Router(tags=["solitude"])


@router.get("", response=SolitudePage, summary="List time alone, newest first")
def list_solitude(request, filters: Query[DateFilters]):
    return page_of(solitude_for(request.user, filters), filters)


@router.get("/{pk}", response=SolitudeOut, summary="One time alone")
def get_solitude(request, pk: int):
    return get_object_for_user(Solitude, request, pk)


@router.post("", response={201: SolitudeOut | Receipt}, summary="Log time alone")
def create_solitude(request, payload: SolitudeIn):
    form = SolitudeForm(solitude_data(merged(payload, None), creating=True), user=request.user)
    solitude = solitude_log(user=request.user, data=clean(form, user=request.user))
    return created(request, solitude, SolitudeOut)


@router.patch("/{pk}", response=SolitudeOut, summary="Change a time alone")
def update_solitude(request, pk: int, payload: SolitudeIn):
    solitude = get_object_for_user(Solitude, request, pk)
    values = merged(payload, solitude_values(solitude))
    form = SolitudeForm(solitude_data(values, creating=False), user=request.user)
    return solitude_update(solitude=solitude, data=clean(form, user=request.user))


@router.delete("/{pk}", response={204: None}, summary="Move a time alone to recently deleted")
def delete_solitude(request, pk: int):
    entry_delete(get_object_for_user(Solitude, request, pk))
    return Status(204, None)
