from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from withness.svg_policy import svg_policy

from . import charts, crisis_lines, pdf, selectors, services
from .forms import CarePreferencesForm, QuestionnaireForm, SafetyPlanForm
from .models import PlanPart
from .questionnaires import QUESTIONNAIRES

NAV = "care"


def help_now(request):
    """Crisis lines, for anyone: no login, no JavaScript, one tap from every page."""
    saved = request.user.country if request.user.is_authenticated else ""
    return render(request, "care/help_now.html", {
        "help": crisis_lines.help_for(request.GET.get("country"), saved),
        "countries": crisis_lines.countries(),
    })  # fmt: skip


def _emergency_for(user) -> dict[str, str]:
    """The emergency number of the person's country as written, and its tel: link; both ""
    when there is no country, or none we have lines for."""
    country = crisis_lines.help_for(None, user.country).country
    if country is None:
        return {"emergency": "", "emergency_tel": ""}
    return {"emergency": country.emergency, "emergency_tel": country.emergency_tel}


@login_required
def safety_plan(request):
    plan = services.safety_plan_for(request.user)
    emergency = _emergency_for(request.user)
    # As on a summary's page: a word when the PDF can't show some of the plan as typed.
    draws_all = plan is None or pdf.plan_draws_all(plan, emergency=emergency["emergency"])
    return render(request, "care/safety_plan.html", {
        "nav": NAV, "plan": plan, "pdf_draws_all": draws_all, **emergency,
    })  # fmt: skip


@login_required
def safety_plan_edit(request):
    plan = services.safety_plan_for(request.user)
    initial = {}
    if plan:
        initial = {name: getattr(plan, name) for name in SafetyPlanForm.LIST_FIELDS}
        initial["distraction_people"] = plan.people_in(PlanPart.DISTRACTIONS)
        initial["help_people"] = plan.people_in(PlanPart.ASK_FOR_HELP)
    form = SafetyPlanForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.safety_plan_save(user=request.user, **form.cleaned_data)
        messages.success(request, "Your safety plan is saved.")
        return redirect("care:safety_plan")
    return render(request, "care/safety_plan_form.html", {"nav": NAV, "form": form})


@login_required
def safety_plan_print(request):
    plan = services.safety_plan_for(request.user)
    if plan is None:
        return redirect("care:safety_plan")
    return render(request, "care/safety_plan_print.html", {
        "plan": plan, **_emergency_for(request.user),
    })  # fmt: skip


@login_required
def safety_plan_pdf(request):
    plan = services.safety_plan_for(request.user)
    if plan is None:
        return redirect("care:safety_plan")
    response = HttpResponse(
        pdf.safety_plan_pdf(plan, emergency=_emergency_for(request.user)["emergency"]),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = 'attachment; filename="my-safety-plan.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the gentle note and preferences ----------------------------------------------------------


@login_required
@require_POST
def drift_note_quiet(request):
    services.drift_note_quiet(user=request.user)
    messages.success(request, "The note is set aside for a week. Help now is always at the top.")
    return redirect("journal:home")


@login_required
@require_POST
def preferences(request):
    form = CarePreferencesForm(request.POST)
    if form.is_valid():
        services.preferences_save(user=request.user, **form.cleaned_data)
        messages.success(request, "Your care settings are saved.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("/account/settings/#care")


# --- questionnaires ---------------------------------------------------------------------------


def _questionnaire(key):
    try:
        return QUESTIONNAIRES[key]
    except KeyError:
        raise Http404 from None


@login_required
def questionnaires(request):
    rows = [
        {"questionnaire": q, "answers": list(selectors.answers_for(request.user, q.key))}
        for q in QUESTIONNAIRES.values()
    ]
    return render(request, "care/questionnaires.html", {
        "nav": NAV, "rows": rows, "preferences": services.preferences_for(request.user),
    })  # fmt: skip


@login_required
def questionnaire(request, key):
    questionnaire = _questionnaire(key)
    form = QuestionnaireForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        answer = services.questionnaire_answer(
            user=request.user, questionnaire=questionnaire, answers=form.answers()
        )
        messages.success(request, f"Thank you. Your score today: {answer.score}.")
        return redirect(f"/care/questionnaires/#{questionnaire.key}")
    return render(request, "care/questionnaire_form.html", {
        "nav": NAV, "form": form, "questionnaire": questionnaire,
    })  # fmt: skip


@login_required
@require_GET
@svg_policy
def questionnaire_chart(request, key):
    questionnaire = _questionnaire(key)
    answers = list(selectors.answers_for(request.user, key))
    response = HttpResponse(
        charts.score_chart(questionnaire, answers), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, no-store"
    return response
