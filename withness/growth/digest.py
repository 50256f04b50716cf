"""The optional e-mail digest: who the user asked to be reminded about, and follow-ups due.

Off unless the user turns it on; sent at most once a day, and only when there is something
to say. It goes through Django's e-mail settings (the console backend by default).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from . import selectors

SUBJECT = "withness: a gentle note for today"


def digest_send(*, user, base_url: str) -> bool:
    """Send today's digest if it is wanted and has something in it. True when one was sent."""
    today = user.today()
    nudge_settings = selectors.nudge_settings(user)
    if not nudge_settings.email_digest or not user.email or nudge_settings.digest_sent_on == today:
        return False
    paused = nudge_settings.is_paused(today)
    due = [] if paused else selectors.nudges_due(user, today)[: selectors.HOME_NUDGES]
    follow_ups = list(selectors.follow_ups_due(user, timezone.now())[: selectors.HOME_FOLLOW_UPS])
    if not due and not follow_ups:
        return False
    body = render_to_string(
        "growth/digest.txt",
        {"user": user, "due": due, "follow_ups": follow_ups, "base_url": base_url},
    )
    send_mail(SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    nudge_settings.digest_sent_on = today
    nudge_settings.save(update_fields=["digest_sent_on", "updated_at"])
    return True
