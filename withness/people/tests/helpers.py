from django.utils import timezone

from withness.people.templatetags.people_tags import day_words


def local_day(user, when) -> str:
    """A date as the people pages show it to this user, in their time zone."""
    with timezone.override(user.zone):
        return day_words(when)
