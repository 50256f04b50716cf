"""Two-step sign-in: the code step after the password, and turning it on and off in settings."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import reauth, two_factor
from .forms import TwoFactorCodeForm, TwoFactorTurnOnForm
from .reauth import recent_auth_required


def _back_to_settings():
    return redirect(reverse("accounts:settings") + "#two-step")


@never_cache
@login_required
def verify(request):
    """After a correct password: the code from the app, or a backup code."""
    home = resolve_url(settings.LOGIN_REDIRECT_URL)
    next_url = reauth.safe_next(request, request.POST.get("next") or request.GET.get("next"), home)
    if request.user.is_verified() or not two_factor.is_on(request.user):
        return redirect(next_url)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verified = two_factor.code_verify(user=request.user, code=form.cleaned_data["code"])
        except two_factor.CodeRefused as refused:
            form.add_error("code", refused.message)
        else:
            request.session.cycle_key()
            two_factor.session_verify(request, verified)
            reauth.mark_recent(request)
            if verified.used_backup_code:
                messages.info(request, _codes_left_note(verified.codes_left))
            return redirect(next_url)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


def _codes_left_note(left: int) -> str:
    note = f"You used a backup code; it won’t work again. {left} left."
    if left <= 3:
        note += " You can make a fresh set in Settings, under Two-step sign-in."
    return note


@never_cache
@login_required
@recent_auth_required
def turn_on(request):
    if two_factor.is_on(request.user):
        return _back_to_settings()
    key = two_factor.setup_key(request.session)
    form = TwoFactorTurnOnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.two_factor_turn_on(
                user=request.user, hex_key=key, code=form.cleaned_data["code"]
            )
        except two_factor.CodeRefused as refused:
            form.add_error("code", refused.message)
        else:
            request.session.pop(two_factor.SETUP_KEY, None)
            two_factor.session_verify(request, two_factor.Verified(device, False, len(codes)))
            return _show_codes(request, codes, "Two-step sign-in is on.")
    return render(request, "accounts/two_factor_turn_on.html", {
        "form": form,
        "qr": two_factor.qr_svg(request.user, key),
        "key": two_factor.readable_key(key),
    })  # fmt: skip


def _show_codes(request, codes, heading):
    # Shown in this response and kept nowhere readable afterwards: the page says so.
    return render(request, "accounts/two_factor_codes.html", {
        "codes": codes, "heading": heading,
    })  # fmt: skip


@never_cache
@login_required
@require_POST
@recent_auth_required
def codes_renew(request):
    if not two_factor.is_on(request.user):
        return _back_to_settings()
    codes = two_factor.backup_codes_renew(user=request.user)
    return _show_codes(request, codes, "Your new backup codes")


@login_required
@require_POST
@recent_auth_required
def turn_off(request):
    two_factor.two_factor_turn_off(user=request.user)
    messages.success(request, "Two-step sign-in is off. Signing in needs only your password now.")
    return _back_to_settings()
