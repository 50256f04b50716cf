from django import template

from .. import two_factor as two_factor_state_

register = template.Library()


@register.simple_tag
def two_factor_state(user):
    """Whether two-step sign-in is on, and how many backup codes are left."""
    return two_factor_state_.state_for(user)
