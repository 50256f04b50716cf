"""The private calendar feed: gentle check-ins and after-state follow-ups as iCalendar."""

from datetime import datetime, timedelta

import icalendar
from django.urls import reverse
from django.utils import timezone

from . import selectors

FOLLOW_UP_LENGTH = timedelta(minutes=15)
FOLLOW_UPS_SINCE = timedelta(days=14)


def feed_for(user, *, base_url: str, now: datetime | None = None) -> bytes:
    now = now or timezone.now()
    today = timezone.localtime(now, user.zone).date()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//withness//growth//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "withness: gentle check-ins")
    if not selectors.nudge_settings(user).is_paused(today):
        for nudge in selectors.checkins_for(user, today):
            day = max(nudge.due_on, today)
            event = icalendar.Event()
            event.add("uid", f"checkin-{nudge.person.pk}-{day:%Y%m%d}@withness")
            event.add("dtstamp", now)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("summary", f"You might check in with {nudge.person.name}")
            event.add("description", f"Only if it feels right. An idea: {nudge.idea}.")
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    for interaction in selectors.follow_ups_open(user).filter(
        after_due_at__gte=now - FOLLOW_UPS_SINCE
    ):
        event = icalendar.Event()
        event.add("uid", f"after-{interaction.pk}@withness")
        event.add("dtstamp", now)
        event.add("dtstart", interaction.after_due_at)
        event.add("dtend", interaction.after_due_at + FOLLOW_UP_LENGTH)
        event.add("summary", f"How do you feel after time with {interaction.who()}?")
        event.add(
            "url", base_url + reverse("journal:entry_edit", args=["interaction", interaction.pk])
        )
        cal.add_component(event)
    return cal.to_ical()
