from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from . import selectors, services, session_keys, vault
from .forms import AccountForm, InviteForm, LoginForm, PasswordChangeForm, PlaceForm
from .models import Invite

# Named, so adding a second backend later (say, login rate-limiting) cannot break log-in here.
BACKEND = "django.contrib.auth.backends.ModelBackend"


def setup(request):
    """The very first visit: whoever makes the first account owns this instance."""
    if selectors.instance_has_owner():
        return redirect("accounts:login")
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.owner_create(**form.account_fields())
        except services.OwnerExists:
            return redirect("accounts:login")
        return _welcome(request, user, "Welcome. This withness is yours, and so is your journal.")
    return render(request, "accounts/setup.html", {"form": form})


def signup(request):
    if not selectors.instance_has_owner():
        return redirect("accounts:setup")
    if request.user.is_authenticated:
        return redirect("journal:home")
    gate = selectors.signup_gate(request.GET.get("code"))
    form = AccountForm(request.POST or None) if gate.is_open else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            user = services.account_create(**form.account_fields(), invite_code=gate.code)
        except services.SignupRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            return _welcome(request, user, "Welcome. Your journal is ready, and it is yours alone.")
    return render(request, "accounts/signup.html", {"gate": gate, "form": form})


def _welcome(request, user, message):
    request.vault_new_code = user.recovery_code  # shown once, next
    login(request, user, backend=BACKEND)
    messages.success(request, message)
    return redirect("accounts:recovery_code")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        if not selectors.instance_has_owner():
            return redirect("accounts:setup")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        signup_open = selectors.signup_possible_without_invite()
        return super().get_context_data(signup_open=signup_open, **kwargs)


class LogoutView(auth_views.LogoutView):
    """POST logs out. GET shows the button instead of a bare 'method not allowed'."""

    http_method_names = ["get", "post", "options"]
    template_name = "accounts/logout.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view keeps this session signed in and signs out every other one."""

    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):
        # The new password and the data key wrapped again for it (no note is touched) are
        # saved together: if the wrap fails, the old password still opens the journal.
        with transaction.atomic():
            form.save()
            code = vault.password_changed(self.request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, "Your password is changed. You’re still logged in here.")
        if code:
            session_keys.remember_code(self.request, code)
            return redirect("accounts:recovery_code")
        return redirect(self.get_success_url())


@login_required
def settings_page(request):
    form = PlaceForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved. Times now show in your time zone.")
        return redirect("accounts:settings")
    signup_url = request.build_absolute_uri(reverse("accounts:signup"))
    return render(request, "accounts/settings.html", {
        "form": form,
        "invite_form": InviteForm(),
        "owner": selectors.owner_panel(request.user, signup_url),
    })  # fmt: skip


@login_required
@require_POST
def invite_create(request):
    if not request.user.is_superuser:
        raise Http404
    form = InviteForm(request.POST)
    if form.is_valid():
        services.invite_create(owner=request.user, note=form.cleaned_data["note"])
        messages.success(request, "Your new invite link is ready below.")
    else:
        messages.error(request, "Keep the note to 80 characters or fewer, then try again.")
    return redirect(reverse("accounts:settings") + "#invites")


@login_required
@require_POST
def invite_revoke(request, pk):
    invite = get_object_or_404(Invite, pk=pk, created_by=request.user)
    if services.invite_revoke(invite=invite):
        messages.success(request, "That invite link no longer works.")
    return redirect(reverse("accounts:settings") + "#invites")
