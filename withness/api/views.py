from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from withness.accounts import reauth

from . import services
from .docs import endpoints
from .forms import TokenForm
from .models import ApiToken
from .v1 import api


def _back_to_settings():
    return redirect(reverse("accounts:settings") + "#api-tokens")


@never_cache
@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_to_settings()
    token, secret = services.token_create(user=request.user, **form.cleaned_data)
    # The secret is shown in this response and kept nowhere, not even in the session, so
    # it can never be shown again: the page says so.
    return render(request, "api/token_created.html", {
        "token": token, "secret": secret,
    })  # fmt: skip


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)
    doing = f"revoke the token “{token.name}”, so whatever uses it stops working"
    if (asked := reauth.required(request, action=doing)) is not None:
        return asked
    services.token_revoke(token=token)
    messages.success(request, f"“{token.name}” no longer works.")
    return _back_to_settings()


def docs(request):
    """How to use the API, built from the OpenAPI schema so it never drifts from the code."""
    schema = api.get_openapi_schema()
    return render(request, "api/docs.html", {
        "schema_url": reverse("api:v1:openapi-json"),
        "groups": endpoints(schema),
        "base_url": request.build_absolute_uri(reverse("api:v1:api-root")).rstrip("/"),
    })  # fmt: skip
