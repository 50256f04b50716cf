"""The recovery code: shown once after it is made, and used when a password is forgotten."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from . import session_keys, vault
from .forms import SWITCHED_OFF, RecoverForm
from .models import DataKey
from .reauth import recent_auth_required

BACKEND = "django.contrib.auth.backends.ModelBackend"
RETURN_TO = "vault_code_return_to"

WRONG_CODE = (
    "That username and recovery code don’t open a journal here. Check each character; "
    "dashes and spaces don’t matter."
)


@never_cache
def recovery_code(request):
    """Shown once, right after a recovery code is made. Nothing else opens until it is kept."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    code = session_keys.pending_code(request)
    if request.method == "POST" or code is None:
        session_keys.forget_code(request)
        return redirect(request.session.pop(RETURN_TO, reverse("journal:home")))
    return render(request, "accounts/recovery_code.html", {"code": code})


@sensitive_post_parameters("code", "new_password1", "new_password2")
@never_cache
def recover(request):
    form = RecoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, data = form.user, form.cleaned_data
        try:
            if user is None:
                raise vault.WrongSecret
            key = vault.recovery_key(user.data_key, data["code"])  # changes nothing yet
        except (vault.WrongSecret, DataKey.DoesNotExist):
            form.add_error("code", WRONG_CODE)
        else:
            if not user.is_active:
                # Before anything changes: a new password and code would only lock them out
                # of their own journal. Told, as at sign-in, only to whoever has the right code.
                form.add_error(None, SWITCHED_OFF)
                return render(request, "accounts/recover.html", {"form": form})
            request.vault_new_code = vault.recover(
                user, data["code"], data["new_password1"], key=key
            )
            login(request, user, backend=BACKEND)
            messages.success(request, "Your journal is open again, with your new password.")
            return redirect("accounts:recovery_code")
    return render(request, "accounts/recover.html", {"form": form})


@never_cache
@login_required
@require_POST
@recent_auth_required
def new_recovery_code(request):
    """A lost or seen recovery code is replaced; the old one stops working at once."""
    code = vault.new_recovery_code_for(request.user)  # VaultMiddleware opened the key
    session_keys.remember_code(request, code)
    request.session[RETURN_TO] = reverse("accounts:settings") + "#recovery-code"
    messages.success(request, "Here is your new recovery code. The old one no longer works.")
    return redirect("accounts:recovery_code")
