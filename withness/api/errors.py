"""Every error the API returns is JSON a person can act on.

Problems with what was sent (bad JSON, the wrong content type, wrong types, values off the
scale, unknown people) come back as `{"detail": [{"field": ..., "message": ...}]}`, one item
per problem, with the field named. Everything else (no token, the wrong scope, not found, a
stale edit, a method the address doesn't take) comes back as `{"detail": "..."}`.
"""

import functools
import json
from inspect import iscoroutinefunction

from django.http import Http404, HttpResponseNotAllowed
from django.urls import URLPattern
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from withness.accounts.vault import VaultLocked
from withness.ownership import StaleEdit

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
TOKEN_WITHOUT_KEY = (
    "This token was made before your journal's words were encrypted, so it cannot read or "
    "write them. Make a new token in Settings (and revoke this one); it will work everywhere."
)


class WrongContentType(ValueError):
    pass


class HalfCharacter(ValueError):
    """A string with a lone surrogate ("\\ud800"): valid JSON, but not text anyone can store."""


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
        data = json.loads(request.body)
        # Half a character comes only from a \u escape, so only such a body pays for writing
        # it out again. A 400 now, rather than a 500 when it reaches the database.
        if b"\\u" in request.body:
            try:
                json.dumps(data, ensure_ascii=False).encode()
            except UnicodeEncodeError:
                raise HalfCharacter from None
        return data


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

    def locked(request, exc):
        return api.create_response(request, {"detail": TOKEN_WITHOUT_KEY}, status=403)

    api.add_exception_handler(VaultLocked, locked)


def _json_problem(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"line {error.lineno}, column {error.colno}: {error.msg}"
    if isinstance(error, UnicodeDecodeError):
        return "it isn't UTF-8 text"
    if isinstance(error, HalfCharacter):
        return "a \\u escape in it stands for half a character, which no text can hold"
    return "it couldn't be read"


# The two error shapes, for the OpenAPI schema. Ninja documents only the answers a route
# declares, so without these a client (or a contract test) would meet undocumented statuses.
REFUSAL = "Refusal"
PROBLEMS = "FieldProblems"
ERROR_SCHEMAS = {
    REFUSAL: {
        "title": REFUSAL,
        "type": "object",
        "properties": {"detail": {"title": "Detail", "type": "string"}},
        "required": ["detail"],
    },
    PROBLEMS: {
        "title": PROBLEMS,
        "type": "object",
        "properties": {
            "detail": {
                "title": "Detail",
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "field": {"title": "Field", "type": "string"},
                        "message": {"title": "Message", "type": "string"},
                    },
                    "required": ["field", "message"],
                },
            }
        },
        "required": ["detail"],
    },
}
ERROR_DESCRIPTIONS = {
    400: "The body isn't valid JSON.",
    401: "No token, or one that doesn't work.",
    403: "The token's scope doesn't allow this.",
    404: "Nothing with that id in your journal.",
    409: "The entry changed after you read it.",
    415: "The body isn't sent as JSON.",
    422: "What was sent doesn't fit; each problem names its field.",
}


def error_responses(method: str, path: str, operation: dict) -> dict[int, str]:
    """{status: error shape} for every error this operation can answer with."""
    errors = {401: REFUSAL, 403: REFUSAL}
    has_body = "requestBody" in operation
    if "{" in path:
        errors[404] = REFUSAL
    if has_body:
        errors |= {400: PROBLEMS, 415: PROBLEMS}
    if has_body or operation.get("parameters"):
        errors[422] = PROBLEMS
    if method in ("patch", "put"):
        errors[409] = REFUSAL
    return errors


# The order methods are listed in, in the Allow header and the message.
METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _in_order(methods) -> list[str]:
    last = len(METHOD_ORDER)
    return sorted(methods, key=lambda m: METHOD_ORDER.index(m) if m in METHOD_ORDER else last)


def _either(methods: list[str]) -> str:
    """["GET"] → "GET"; ["GET", "PATCH", "DELETE"] → "GET, PATCH or DELETE"."""
    return methods[0] if len(methods) == 1 else f"{', '.join(methods[:-1])} or {methods[-1]}"


def json_when_not_allowed(api, view):
    """The view, with ninja's plain-text 405 (a method the address doesn't take) as JSON.

    Ninja answers it itself, before any exception handler could, so the view is wrapped.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = _in_order(m.strip() for m in response["Allow"].split(",") if m.strip())
        message = f"This address doesn't take {request.method} requests. Send {_either(allowed)}."
        answer = api.create_response(request, {"detail": message}, status=405)
        answer["Allow"] = ", ".join(allowed)
        return answer

    return wrapped


class DocumentedErrorsAPI(NinjaAPI):
    """A NinjaAPI whose schema also documents the errors above, for every route at once, and
    whose 405s are JSON like its other errors."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            # Only plain views: an async one would need an async wrapper (none exist yet).
            if isinstance(pattern, URLPattern) and not iscoroutinefunction(pattern.callback):
                pattern.callback = json_when_not_allowed(self, pattern.callback)
        return patterns, app_name, namespace

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("schemas", {}).update(ERROR_SCHEMAS)
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status, shape in error_responses(method, path, operation).items():
                    responses.setdefault(status, {
                        "description": ERROR_DESCRIPTIONS[status],
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{shape}"}
                            }
                        },
                    })  # fmt: skip
        return schema
