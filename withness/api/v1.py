"""Version 1 of the JSON API, mounted at /api/v1/."""

from . import errors
from .auth import TokenAuth
from .routers import checkins, insights, interactions, people, solitude

DESCRIPTION = (
    "Your journal, as JSON. Send a personal access token from Settings in the header "
    "`Authorization: Bearer <token>`. A read token can only read; a write token can do "
    "everything; an add-only token can log new entries and never read anything back."
)

api = errors.DocumentedErrorsAPI(
    title="withness API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    auth=TokenAuth(),
    parser=errors.JsonParser(),
    openapi_url="/openapi.json",
    # Ninja's docs page loads Swagger UI from a CDN, which our no-third-party-requests rule
    # and Content-Security-Policy forbid; views.docs renders our own page from the schema.
    docs_url=None,
)
errors.install(api)
api.add_router("/people", people.router)
api.add_router("/interactions", interactions.router)
api.add_router("/solitude", solitude.router)
api.add_router("/checkins", checkins.router)
api.add_router("/insights", insights.router)
