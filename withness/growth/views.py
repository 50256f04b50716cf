from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from withness.accounts.reauth import recent_auth_required, safe_next
from withness.ownership import get_object_for_user
from withness.people.models import Person
from withness.people.selectors import person_in_query
from withness.svg_policy import svg_policy

from . import calendar, charts, selectors, services
from .forms import (
    BeliefForm,
    BeliefNewForm,
    CadenceForm,
    EvidenceForm,
    PauseForm,
    RatingForm,
    ReflectionForm,
    SafePersonForm,
    ShareForm,
    SupportForm,
)
from .models import Belief, Evidence, NudgeSettings, Reflection, Share, Support
from .prompts import PROMPTS

NAV = "growth"
SEARCH_FROM = 5  # answers before the reflections page offers a search box
PROMPTS_SHOWN = 5  # prompts in view; the rest wait, folded, so the page is not a wall of links
PROMPT_ITEMS = list(PROMPTS.items())


def _render(request, template, context):
    return render(request, f"growth/{template}", {"nav": NAV, **context})


def _back(request, fallback="growth:index"):
    return redirect(safe_next(request, request.POST.get("next"), reverse(fallback)))


@login_required
def index(request):
    user = request.user
    return _render(
        request,
        "index.html",
        {
            "safe_people": selectors.safe_people(user),
            "ladders": selectors.ladders_for(user)[:5],
            "beliefs": selectors.beliefs_for(user)[:5],
            "support": selectors.support_for(user)[:5],
            "beyond_limits": selectors.giving_beyond_limits(user),
            "reflections": selectors.reflections_for(user)[:3],
        },
    )


# --- safe people ----------------------------------------------------------------------------------


@login_required
def safe_person_new(request):
    initial = selectors.safe_person_initial(request.user, request.GET.get("person", ""))
    form = SafePersonForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = services.safe_person_mark(user=request.user, **form.cleaned_data)
        messages.success(request, f"{person.name} is one of your safe people now.")
        return redirect("growth:person", person.pk)
    return _render(request, "safe_person_form.html", {"form": form})


@login_required
def person(request, pk):
    person = get_object_for_user(Person, request, pk)
    return _render(
        request,
        "person.html",
        {
            "person": person,
            "note": selectors.safety_note_for(request.user, person),
            "ladder": selectors.ladder_for(request.user, person),
            "support": selectors.support_for(request.user, person),
            "cadence_form": CadenceForm(initial={"every_days": person.checkin_every_days}),
        },
    )


@login_required
@require_POST
def person_unmark(request, pk):
    person = get_object_for_user(Person, request, pk)
    services.safe_person_unmark(person=person)
    messages.success(
        request, f"{person.name} is no longer marked as a safe person. That is your call to make."
    )
    return redirect("growth:person", person.pk)


@login_required
@require_POST
def person_cadence(request, pk):
    person = get_object_for_user(Person, request, pk)
    form = CadenceForm(request.POST)
    if form.is_valid():
        services.cadence_set(person=person, every_days=form.cleaned_data["every_days"])
        messages.success(
            request, "Reminder saved." if person.checkin_every_days else "No reminders for them."
        )
        return redirect("growth:person", person.pk)
    return _render(request, "cadence_form.html", {"person": person, "form": form})


# --- ladder and support ---------------------------------------------------------------------------


def _person_initial(request) -> dict:
    person = person_in_query(request)
    return {"person": person.pk} if person else {}


@login_required
def share_new(request):
    initial = _person_initial(request)
    form = ShareForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        share = services.share_log(user=request.user, data=form.cleaned_data)
        messages.success(request, "Share saved. Thank you for noticing how it went.")
        return redirect(share)
    return _render(request, "share_form.html", {"form": form})


@login_required
def share_edit(request, pk):
    share = get_object_for_user(Share, request, pk)
    initial = {f: getattr(share, f) for f in services.SHARE_FIELDS}
    form = ShareForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.share_update(share=share, data=form.cleaned_data)
        messages.success(request, "Changes saved.")
        return redirect(share)
    return _render(request, "share_form.html", {"form": form, "share": share})


@login_required
def support_new(request):
    initial = _person_initial(request)
    form = SupportForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        support = services.support_log(user=request.user, data=form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("growth:person", support.person_id)
    return _render(request, "support_form.html", {"form": form})


# --- beliefs --------------------------------------------------------------------------------------

STARTERS = [
    "If I lean on people, I'll be too much for them.",
    "Sooner or later, people leave.",
    "Needing someone means I'm weak.",
    "Nobody could really understand what I've been through.",
    "If I let my guard down, I'll get hurt.",
    "I don't deserve to be looked after.",
]


@login_required
def beliefs(request):
    return _render(request, "beliefs.html", {"beliefs": selectors.beliefs_for(request.user)})


@login_required
def belief_new(request):
    starter = request.GET.get("starter", "")
    initial = (
        {"belief": STARTERS[int(starter)]}
        if starter.isdecimal() and int(starter) < len(STARTERS)
        else {}
    )
    form = BeliefNewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        belief = services.belief_create(user=request.user, data=form.cleaned_data)
        return redirect(belief)
    return _render(request, "belief_form.html", {"form": form, "starters": STARTERS})


@login_required
def belief(request, pk):
    belief = get_object_for_user(Belief, request, pk)
    ratings = selectors.ratings_for(request.user, belief)
    return _render(
        request,
        "belief.html",
        {
            "belief": belief,
            "ratings": ratings,
            "rating_form": RatingForm(belief=belief, latest=ratings[-1] if ratings else None),
            "evidence": selectors.evidence_for(request.user, belief),
            "evidence_form": EvidenceForm(user=request.user, belief=belief),
            "warm_shares": selectors.warm_shares_to_offer(request.user, belief),
        },
    )


@login_required
def belief_edit(request, pk):
    belief = get_object_for_user(Belief, request, pk)
    form = BeliefForm(
        request.POST or None, initial={"belief": belief.belief, "counter": belief.counter}
    )
    if request.method == "POST" and form.is_valid():
        services.belief_update(belief=belief, data=form.cleaned_data)
        messages.success(request, "Changes saved.")
        return redirect(belief)
    return _render(request, "belief_form.html", {"form": form, "belief": belief})


@login_required
@require_POST
def belief_rate(request, pk):
    belief = get_object_for_user(Belief, request, pk)
    form = RatingForm(request.POST, belief=belief)
    if form.is_valid():
        services.belief_rate(user=request.user, belief=belief, data=form.cleaned_data)
        messages.success(request, "Noted. Ratings move slowly, and that's fine.")
        return redirect(belief)
    return _render(request, "belief_rate.html", {"belief": belief, "form": form})


@login_required
@require_POST
def evidence_add(request, pk):
    belief = get_object_for_user(Belief, request, pk)
    form = EvidenceForm(request.POST, user=request.user, belief=belief)
    if form.is_valid():
        services.evidence_add(user=request.user, belief=belief, data=form.cleaned_data)
        messages.success(request, "Linked as evidence.")
        return redirect(belief)
    return _render(request, "evidence_form.html", {"belief": belief, "form": form})


@login_required
@require_POST
def evidence_remove(request, pk, evidence_pk):
    belief = get_object_for_user(Belief, request, pk)
    evidence = get_object_for_user(Evidence, request, evidence_pk)
    if evidence.belief_id != belief.pk:
        raise Http404
    services.evidence_remove(evidence=evidence)
    messages.success(request, "Unlinked. The entry itself is still in your journal.")
    return redirect(belief)


@login_required
@require_GET
@svg_policy
def belief_chart(request, pk):
    belief = get_object_for_user(Belief, request, pk)
    svg = charts.belief_chart_svg(
        selectors.ratings_for(request.user, belief),
        zone=request.user.zone,
        with_counter=bool(belief.counter),
    )
    return HttpResponse(svg, content_type="image/svg+xml")


# --- reflections ----------------------------------------------------------------------------------


@login_required
def reflections(request):
    query = request.GET.get("q", "").strip()[:100]
    # Without a query this is every answer, so its length is the count of answers.
    found = list(selectors.reflections_for(request.user, query))
    return _render(
        request,
        "reflections.html",
        {
            "reflections": found,
            "query": query,
            # A search box over one or two answers is only clutter; a search in progress keeps it.
            "show_search": bool(query) or len(found) >= SEARCH_FROM,
            "prompts_first": PROMPT_ITEMS[:PROMPTS_SHOWN],
            "prompts_more": PROMPT_ITEMS[PROMPTS_SHOWN:],
        },
    )


@login_required
def reflection_new(request, key):
    if key not in PROMPTS:
        raise Http404
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reflection_save(
            user=request.user,
            prompt_key=key,
            answer=form.cleaned_data["answer"],
            today=request.user.today(),
        )
        messages.success(request, "Saved with today's date. You can come back to it any time.")
        return redirect("growth:reflections")
    return _render(request, "reflection_form.html", {"form": form, "prompt": PROMPTS[key]})


@login_required
def reflection_edit(request, pk):
    reflection = get_object_for_user(Reflection, request, pk)
    form = ReflectionForm(request.POST or None, initial={"answer": reflection.answer})
    if request.method == "POST" and form.is_valid():
        services.reflection_update(reflection=reflection, answer=form.cleaned_data["answer"])
        messages.success(request, "Changes saved.")
        return redirect("growth:reflections")
    return _render(
        request,
        "reflection_form.html",
        {"form": form, "prompt": reflection.prompt_text, "reflection": reflection},
    )


@login_required
@require_POST
def prompt_set_aside(request, key):
    if key not in PROMPTS:
        raise Http404
    services.prompt_set_aside(user=request.user, prompt_key=key, today=request.user.today())
    return _back(request, "journal:home")


# --- nudges ---------------------------------------------------------------------------------------


@login_required
def nudges(request):
    today = request.user.today()
    settings = selectors.nudge_settings(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("growth:feed", args=[settings.feed_token]))
        if settings.feed_token
        else ""
    )
    return _render(
        request,
        "nudges.html",
        {
            "settings": settings,
            "paused": settings.is_paused(today),
            "checkins": selectors.checkins_for(request.user, today),
            "pause_form": PauseForm(),
            "feed_url": feed_url,
        },
    )


@login_required
@require_POST
def nudge_rest(request, pk, days):
    person = get_object_for_user(Person, request, pk)
    if days not in (0, 7):
        raise Http404
    services.nudge_rest(user=request.user, person=person, today=request.user.today(), days=days)
    return _back(request, "journal:home")


@login_required
@require_POST
def nudges_pause(request):
    form = PauseForm(request.POST)
    if form.is_valid():
        services.nudges_pause(user=request.user, until=form.until(request.user.today()))
        messages.success(request, "Reminders are resting. Take the quiet you need.")
        return redirect("growth:nudges")
    return _render(request, "pause_form.html", {"form": form})


@login_required
@require_POST
def nudges_resume(request):
    services.nudges_resume(user=request.user)
    messages.success(request, "Reminders are back on.")
    return redirect("growth:nudges")


@login_required
@require_POST
def digest_toggle(request):
    on = request.POST.get("on") == "1"
    services.digest_set(user=request.user, on=on)
    messages.success(request, "The e-mail digest is on." if on else "No more e-mails.")
    return redirect("growth:nudges")


@login_required
@require_POST
def feed_create(request):
    services.feed_create(user=request.user)
    messages.success(request, "Your private calendar address is ready.")
    return redirect("growth:nudges")


@login_required
@require_POST
@recent_auth_required
def feed_revoke(request):
    services.feed_revoke(user=request.user)
    messages.success(request, "That calendar address no longer works.")
    return redirect("growth:nudges")


@require_GET
def feed(request, token):
    """No sign-in here: calendar apps can't sign in. The long secret in the address is the key."""
    settings = NudgeSettings.objects.filter(
        feed_token=token, deleted_at__isnull=True, owner__is_active=True
    ).select_related("owner")
    settings = settings.first() if token else None
    if settings is None:
        raise Http404
    body = calendar.feed_for(settings.owner, base_url=request.build_absolute_uri("/").rstrip("/"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- delete and undo ------------------------------------------------------------------------------

DELETABLE = {"share": Share, "support": Support, "belief": Belief, "reflection": Reflection}


def _deletable(kind):
    if kind not in DELETABLE:
        raise Http404
    return DELETABLE[kind]


@login_required
@require_POST
def entry_delete(request, kind, pk):
    entry = get_object_for_user(_deletable(kind), request, pk)
    services.entry_delete(entry=entry)
    request.session["growth_undo"] = {"kind": kind, "pk": entry.pk, "label": str(entry)}
    return _back(request)


@login_required
@require_POST
def entry_restore(request, kind, pk):
    entry = get_object_for_user(_deletable(kind), request, pk, deleted=True)
    services.entry_restore(entry=entry)
    request.session.pop("growth_undo", None)
    url, where = _after_restore(entry)
    messages.success(request, f"“{entry}” is back.{where}")
    return redirect(url)


def _after_restore(entry) -> tuple[str, str]:
    """Where to land after a restore, and any word on where the entry is."""
    if isinstance(entry, Belief):
        return entry.get_absolute_url(), ""
    if isinstance(entry, Reflection):
        return reverse("growth:reflections"), ""
    person = entry.person
    if person.deleted_at is not None:  # their page is gone for now: land where they come back
        return reverse("journal:deleted"), (
            f" It lives on {person}’s page, and {person} is in recently deleted:"
            " bring them back below to see it there."
        )
    return reverse("growth:person", args=[person.pk]), ""
