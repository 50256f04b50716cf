"""The recovery code: shown once after it is made, and used when a password is forgotten."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import session_keys, vault
from .forms import RecoverForm
from .models import DataKey

BACKEND = "django.contrib.auth.backends.ModelBackend"
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
        return redirect("journal:home")
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
            code = vault.recover(user, data["code"], data["new_password1"])
        except (vault.WrongSecret, DataKey.DoesNotExist):
            form.add_error("code", WRONG_CODE)
        else:
            request.vault_new_code = code
            login(request, user, backend=BACKEND)
            messages.success(request, "Your journal is open again, with your new password.")
            return redirect("accounts:recovery_code")
    return render(request, "accounts/recover.html", {"form": form})
