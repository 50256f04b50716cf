"""One router per kind of thing in the journal. Each view is a few lines: fetch with an owner
check, validate with the web's form, call the service, return."""

from django.http import JsonResponse

from ..models import Scope
from ..schemas import Receipt


def created(request, obj, schema) -> JsonResponse:
    """201 with the new entry, or only its id for an add-only token, which must read nothing.

    Built here rather than left to ninja: the declared response is a union of the two
    shapes, and pydantic should not be the one choosing which of them a token may see.
    """
    append_only = request.auth.scope == Scope.APPEND
    body = Receipt(id=obj.pk) if append_only else schema.from_orm(obj)
    # DjangoJSONEncoder, like the rest of the API, so times read the same everywhere.
    return JsonResponse(body.model_dump(), status=201)
