from django.urls import path

from . import summary_views as summaries
from . import views
from .offline import views as offline

app_name = "care"

urlpatterns = [
    path("help-now/", views.help_now, name="help_now"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("care/safety-plan/", views.safety_plan, name="safety_plan"),
    path("care/safety-plan/edit/", views.safety_plan_edit, name="safety_plan_edit"),
    path("care/safety-plan/print/", views.safety_plan_print, name="safety_plan_print"),
    path("care/safety-plan.pdf", views.safety_plan_pdf, name="safety_plan_pdf"),
    path("care/note/quiet/", views.drift_note_quiet, name="drift_note_quiet"),
    path("care/settings/", views.preferences, name="preferences"),
    path("care/questionnaires/", views.questionnaires, name="questionnaires"),
    path("care/questionnaires/<slug:key>/", views.questionnaire, name="questionnaire"),
    path("care/summaries/", summaries.summaries, name="summaries"),
    path("care/summaries/new/", summaries.summary_new, name="summary_new"),
    path("care/summaries/<int:pk>/", summaries.summary, name="summary"),
    path("care/summaries/<int:pk>.pdf", summaries.summary_pdf, name="summary_pdf"),
    path("care/summaries/<int:pk>/delete/", summaries.summary_delete, name="summary_delete"),
    path("care/summaries/<int:pk>/links/", summaries.link_create, name="link_create"),
    path(
        "care/summaries/<int:pk>/links/<int:link_pk>/revoke/",
        summaries.link_revoke,
        name="link_revoke",
    ),
    path("care/shared/<str:token>/", summaries.shared, name="shared"),
    path(
        "care/questionnaires/<slug:key>/chart.svg",
        views.questionnaire_chart,
        name="questionnaire_chart",
    ),
]
