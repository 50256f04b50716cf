from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

from .models import Invite


def instance_has_owner() -> bool:
    return get_user_model().objects.exists()


@dataclass(frozen=True)
class SignupGate:
    """Whether the sign-up form is shown, and if not, why not (closed, no_code, bad_code)."""

    mode: str
    reason: str = ""
    code: str = ""

    @property
    def is_open(self) -> bool:
        return not self.reason


def signup_gate(code: str | None) -> SignupGate:
    mode = settings.SIGNUP
    if mode == "closed":
        return SignupGate(mode, "closed")
    if mode == "open":
        return SignupGate(mode)
    code = (code or "").strip()[:64]
    if not code:
        return SignupGate(mode, "no_code")
    if not Invite.objects.usable().filter(code=code).exists():
        return SignupGate(mode, "bad_code", code)
    return SignupGate(mode, code=code)


def signup_possible_without_invite() -> bool:
    """The login page links to sign-up only when a stranger could actually sign up."""
    return settings.SIGNUP == "open"


def invites_for(owner, limit: int = 50) -> list[Invite]:
    invites = Invite.objects.filter(created_by=owner).select_related("created_by", "used_by")
    return list(invites[:limit])


@dataclass(frozen=True)
class OwnerPanel:
    """What only the owner sees in settings: the sign-up rule and their invite links."""

    signup_mode: str
    invites: list


def owner_panel(user, signup_url: str) -> OwnerPanel | None:
    if not user.is_superuser:
        return None
    invites = invites_for(user) if settings.SIGNUP == "invite" else []
    for invite in invites:
        invite.link = f"{signup_url}?code={invite.code}"
    return OwnerPanel(settings.SIGNUP, invites)


def leaves_no_owner(user) -> bool:
    """Whether deleting this account would leave other people here with no owner to invite
    anyone (only owners make invite links; with open or closed sign-up nobody invites)."""
    others = get_user_model().objects.exclude(pk=user.pk)
    return (
        settings.SIGNUP == "invite"
        and user.is_superuser
        and not others.filter(is_superuser=True, is_active=True).exists()
        and others.exists()
    )
