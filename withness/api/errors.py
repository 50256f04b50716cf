"""Every error the API returns is JSON a person can act on.

Problems with what was sent (bad JSON, the wrong content type, wrong types, values off the
scale, unknown people) come back as `{"detail": [{"field": ..., "message": ...}]}`, one item
per problem, with the field named. Everything else (no token, the wrong scope, not found, a
stale edit) comes back as `{"detail": "..."}`.
"""

import json

from django.http import Http404
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from withness.journal.forms import StaleEdit

BODY = "body"
CONTENT_TYPE = "Content-Type"

MESSAGES = {
    "missing": "This field is required.",
    "extra_forbidden": "withness doesn't know this field. Check its spelling.",
    "model_attributes_type": 'Send a JSON object, like {"name": "Sam"}.',
    "dict_type": 'Send a JSON object, like {"name": "Sam"}.',
    "model_type": 'Send a JSON object, like {"name": "Sam"}.',
}
UNAUTHORIZED = (
    "Send a valid API token in the header 'Authorization: Bearer <token>'. "
    "You can make and revoke tokens in Settings."
)
NOT_FOUND = "Not found. There is nothing with that id in your journal."


class WrongContentType(ValueError):
    pass


class FieldErrors(Exception):
    """What was sent doesn't fit: a list of {"field", "message"} items."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__(errors)


def problem(field: str, message: str) -> dict:
    return {"field": field, "message": message}


class JsonParser(Parser):
    """JSON only, and only when the request says it is JSON."""

    def parse_body(self, request):
        content_type = request.content_type or ""
        if content_type != "application/json" and not content_type.endswith("+json"):
            raise WrongContentType(content_type)
        return json.loads(request.body)


def _field(loc) -> str:
    """("body", "payload", "people", 0) → "people.0"; ("query", "limit") → "limit"."""
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[2:]
    elif parts:
        parts = parts[1:]
    return ".".join(parts) or BODY


def _message(error: dict) -> str:
    if error.get("type") == "missing" and len(error.get("loc", ())) <= 2:
        return "Send the details as a JSON object in the request body."
    return MESSAGES.get(error.get("type"), error.get("msg", "This value isn't valid."))


def install(api) -> None:
    def validation_error(request, exc):
        errors = [problem(_field(e.get("loc", ())), _message(e)) for e in exc.errors]
        return api.create_response(request, {"detail": errors}, status=422)

    def field_errors(request, exc):
        return api.create_response(request, {"detail": exc.errors}, status=422)

    def http_error(request, exc):
        cause = exc.__cause__
        if isinstance(cause, WrongContentType):
            message = "Send JSON, with the header 'Content-Type: application/json'."
            detail = [problem(CONTENT_TYPE, message)]
            return api.create_response(request, {"detail": detail}, status=415)
        if exc.status_code == 400 and cause is not None:
            message = f"The body isn't valid JSON ({_json_problem(cause)})."
            return api.create_response(request, {"detail": [problem(BODY, message)]}, status=400)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    def unauthorized(request, exc):
        response = api.create_response(request, {"detail": UNAUTHORIZED}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="withness"'
        return response

    def not_found(request, exc):
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)

    def stale(request, exc):
        message = (
            "This entry changed after you read it. Fetch it again, then send your change "
            "with the new revision."
        )
        return api.create_response(request, {"detail": message}, status=409)

    api.add_exception_handler(NinjaValidationError, validation_error)
    api.add_exception_handler(FieldErrors, field_errors)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(AuthenticationError, unauthorized)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(StaleEdit, stale)


def _json_problem(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"line {error.lineno}, column {error.colno}: {error.msg}"
    if isinstance(error, UnicodeDecodeError):
        return "it isn't UTF-8 text"
    return "it couldn't be read"
