from django import template

from withness.journal.templatetags.journal_tags import day_in_year

register = template.Library()


@register.filter
def day_words(value):
    """“3 March”, or “3 March 2024” when it wasn't this year, in the user's time zone."""
    return day_in_year(value, "j F", "j F Y")


@register.filter
def times(count):
    """once, twice, 3 times."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


@register.filter
def also_with(entry, person):
    """Who else was there besides this person (from the prefetched live people), and any group."""
    names = [p.name for p in entry.live_people() if p.pk != person.pk]
    if entry.group:
        names.append(entry.group)
    return ", ".join(names)
