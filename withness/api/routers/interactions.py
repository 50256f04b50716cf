from ninja import Query, Router, Status

from withness.journal.forms import InteractionForm
from withness.journal.models import Interaction
from withness.journal.services import entry_delete, interaction_log, interaction_update
from withness.ownership import get_object_for_user

from ..schemas import InteractionFilters, InteractionIn, InteractionOut, InteractionPage, Receipt
from ..selectors import interactions_for, page_of
from ..validation import clean, interaction_data, interaction_values, merged
from . import created

router = Router(tags=["interactions"])


@router.get("", response=InteractionPage, summary="List time with others, newest first")
def list_interactions(request, filters: Query[InteractionFilters]):
    return page_of(interactions_for(request.user, filters), filters)


@router.get("/{pk}", response=InteractionOut, summary="One interaction")
def get_interaction(request, pk: int):
    return get_object_for_user(Interaction, request, pk)


@router.post("", response={201: InteractionOut | Receipt}, summary="Log time with others")
def create_interaction(request, payload: InteractionIn):
    data = interaction_data(merged(payload, None), creating=True)
    form = InteractionForm(data, user=request.user)
    interaction = interaction_log(user=request.user, data=clean(form, user=request.user))
    return created(request, interaction, InteractionOut)


@router.patch("/{pk}", response=InteractionOut, summary="Change an interaction")
def update_interaction(request, pk: int, payload: InteractionIn):
    interaction = get_object_for_user(Interaction, request, pk)
    data = interaction_data(merged(payload, interaction_values(interaction)), creating=False)
    form = InteractionForm(data, user=request.user, entry=interaction)
    return interaction_update(interaction=interaction, data=clean(form, user=request.user))


@router.delete("/{pk}", response={204: None}, summary="Move an interaction to recently deleted")
def delete_interaction(request, pk: int):
    entry_delete(get_object_for_user(Interaction, request, pk))
    return Status(204, None)
