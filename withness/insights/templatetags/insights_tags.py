from django import template

from withness.journal.templatetags.journal_tags import minutes

from .. import findings
from ..services import insights_for

register = template.Library()


@register.inclusion_tag("insights/_person.html")
def person_insight(person, times=None):
    """What the log shows about one person, for their page:
    `{% person_insight person summary.times %}`.

    The person is already the viewer's own (the people page fetched it with an owner
    check), so the insights read are the owner's. ``times`` is how often time with them
    was logged: a finding rests only on the times with how the person felt both before
    and after, and when that is fewer the section says so, so the two counts on the page
    never seem to disagree.
    """
    document = insights_for(person.owner).document
    key = str(person.pk)
    item = findings.find_effect(document, "people", key)
    return {
        "person": person,
        "item": item,
        "times": times,
        "entries_url": findings.entries_url("people", key),
        "chart_alt": findings.chart_alt(item) if item else "",
    }


@register.filter
def week_time(value):
    """Minutes in a week as "7 h 26 min" ("0 h" for none), breaking a narrow cell only
    between the hours and the minutes."""
    return (minutes(value) or "0 h").replace(" h", "\u00a0h").replace(" min", "\u00a0min")
