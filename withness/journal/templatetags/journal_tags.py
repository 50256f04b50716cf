from datetime import datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html

from ..excerpts import around
from ..titles import change_words, state_words

register = template.Library()


@register.inclusion_tag("journal/widgets/state_input.html")
def state_input(form, prefix, legend, help=""):
    names = (f"{prefix}_pleasant", f"{prefix}_energy") if prefix else ("pleasant", "energy")
    pleasant, energy = form[names[0]], form[names[1]]
    p, e = pleasant.value(), energy.value()
    try:
        words = state_words(float(p), float(e))
    except (TypeError, ValueError):
        words = ""
    return {
        "prefix": prefix or "now",
        "legend": legend,
        "help": help,
        "pleasant": pleasant,
        "energy": energy,
        "words": words,
    }


@register.simple_tag
def state_journey(entry):
    """How it felt before and after, and whether it grew more or less pleasant, in words.

    The words alone can hide a change ("settled and open" both times, yet much more pleasant)
    and a bare "(+3)" explains nothing, so the change is said: "…, a little more pleasant after".
    """
    # Both callers show this only when there are after-words.
    before, after = entry.before_words, entry.after_words
    change = entry.state_change()
    if not before:
        return f"after: {after}"
    if before == after:
        if not change:
            return f"{after}, before and after"
        return f"{after}, and {change_words(change)}"
    arrow = format_html(
        '{} <span aria-hidden="true">→</span><span class="visually-hidden">then</span> {}',
        before,
        after,
    )
    if not change:
        return arrow
    return format_html("{}, {}", arrow, change_words(change))


@register.filter
def signed(value, decimals=None):
    """+1.5 / −2 / 0 for state changes, with a true minus and zero unsigned.

    With decimals, to that many places: `{{ v|signed:1 }}` gives +1.6, −0.8 or 0.0.
    """
    if value is None:
        return ""
    if decimals is None:
        number = f"{abs(value):g}"
    else:
        # The sign follows the number as shown, so a value that rounds to nothing is 0.0.
        value = round(value, int(decimals))
        number = f"{abs(value):.{int(decimals)}f}"
    return f"+{number}" if value > 0 else (f"−{number}" if value < 0 else number)


@register.filter
def minutes(value):
    if not value:
        return ""
    # Rounded, not cut: 59.6 minutes reads "1 h"; and any time at all reads at least "1 min".
    hours, mins = divmod(max(round(float(value)), 1), 60)
    if not hours:
        return f"{mins} min"
    return f"{hours} h {mins} min" if mins else f"{hours} h"


@register.filter
def found_in(text, words):
    """The part of a note that holds the searched words, the words marked."""
    piece = around(text or "", words) if words else None
    if piece is None:
        return ""
    return format_html("{}<mark>{}</mark>{}", *piece)


def day_in_year(value, this_year: str, other_year: str) -> str:
    """The day in the first pattern in this year, the second (with the year) in another."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    pattern = this_year if value.year == timezone.localdate().year else other_year
    return dateformat.format(value, pattern)


@register.filter
def entry_day(value, with_time=False):
    """ "Sat 30 May" in this year, "Sat 30 May 2020" in another; with_time adds ", 18:30"."""
    if with_time:
        return day_in_year(value, "D j M, H:i", "D j M Y, H:i")
    return day_in_year(value, "D j M", "D j M Y")


@register.filter
def long_day(value):
    """ "Saturday 30 May" in this year, "Saturday 30 May 2020" in another, for headings."""
    return day_in_year(value, "l j F", "l j F Y")
