from django import template

from .. import findings
from ..services import insights_for

register = template.Library()


@register.inclusion_tag("insights/_person.html")
def person_insight(person):
    """What the log shows about one person, for their page: `{% person_insight person %}`.

    The person is already the viewer's own (the people page fetched it with an owner
    check), so the insights read are the owner's.
    """
    document = insights_for(person.owner).document
    key = str(person.pk)
    item = findings.find_effect(document, "people", key)
    return {
        "person": person,
        "item": item,
        "entries_url": findings.entries_url("people", key),
        "chart_alt": findings.chart_alt(item) if item else "",
    }
