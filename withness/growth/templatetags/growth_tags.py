from django import template
from django.utils import timezone

from .. import selectors, services

register = template.Library()


@register.inclusion_tag("growth/_home.html", takes_context=True)
def growth_home(context, request):
    """Growth's part of home: a welcome back, people due a gentle check-in, follow-ups, a prompt."""
    user = request.user
    if not user.is_authenticated:
        return {"show": False}
    today = user.today()
    settings = services.nudges_visit(user=user, today=today)
    home = selectors.home_nudges(user, settings, today, timezone.now())
    return {
        "show": True,
        "home": home,
        "prompt": selectors.prompt_for_today(user, today),
        "has_safe_person": selectors.people_for(user).filter(is_safe_person=True).exists(),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def step_label(value):
    from ..models import Step

    try:
        return Step(int(value)).label
    except (TypeError, ValueError):
        return ""


@register.inclusion_tag("growth/_undo.html", takes_context=True)
def growth_undo(context, request):
    """Offer to bring back what was just deleted, once."""
    return {
        "undo": request.session.pop("growth_undo", None),
        "csrf_token": context.get("csrf_token"),
    }
