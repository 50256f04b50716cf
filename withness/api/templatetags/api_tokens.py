from django import template

from ..forms import TokenForm
from ..models import ApiToken

register = template.Library()


@register.simple_tag
def api_tokens_for(user):
    """The user's working tokens, for the settings section (it only gets the page's context)."""
    return list(ApiToken.objects.for_user(user))


@register.simple_tag
def api_token_form():
    # Its own ids, so they can't clash with another section's "name" field on the same page.
    return TokenForm(auto_id="api_token_%s")
