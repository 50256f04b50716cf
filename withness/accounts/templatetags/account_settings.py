from django import template
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from ..sections import SETTINGS_SECTIONS

register = template.Library()


@register.inclusion_tag("accounts/settings_sections.html", takes_context=True)
def settings_sections(context):
    """Every section template in SETTINGS_SECTIONS that exists, in order."""
    found = []
    for name in SETTINGS_SECTIONS:
        try:
            found.append(get_template(name))
        except TemplateDoesNotExist:
            # Only the section itself may be missing; an error inside one still surfaces.
            continue
    return {**context.flatten(), "sections": found}
