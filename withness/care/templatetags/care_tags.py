from django import template

from .. import selectors, services
from ..drift_note import drift_note_for
from ..phone_numbers import phone_pieces

register = template.Library()


@register.inclusion_tag("care/_home.html", takes_context=True)
def care_home(context, request):
    """Care's part of home: the gentle note when the journal shows a slide, and questionnaires
    the person asked to be offered."""
    user = request.user
    if not user.is_authenticated:
        return {"show": False}
    preferences = services.preferences_for(user)
    return {
        "show": True,
        "note": drift_note_for(user, preferences=preferences),
        "due": selectors.questionnaires_due(user, preferences, user.today()),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("care/_settings_form.html", takes_context=True)
def care_settings(context, request):
    from ..forms import CarePreferencesForm

    preferences = services.preferences_for(request.user)
    form = CarePreferencesForm(
        initial={
            "drift_note_on": preferences.drift_note_on,
            "questionnaires_on": preferences.questionnaires_on,
            "questionnaire_every_days": preferences.questionnaire_every_days,
        }
    )
    return {"form": form, "csrf_token": context.get("csrf_token")}


@register.filter
def svg_data_uri(svg: str) -> str:
    """A chart kept in a snapshot, as an <img> source (CSP allows data: images, not inline SVG
    styles)."""
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@register.filter
def phone_links(text: str) -> list[tuple[str, str]]:
    """The text as (words, tel: address or "") pieces: the template links each number and
    escapes every word as usual, so nothing here is marked safe."""
    return phone_pieces(str(text))
