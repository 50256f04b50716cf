from django.urls import path

from . import views

app_name = "growth"

urlpatterns = [
    path("", views.index, name="index"),
    path("safe-people/new/", views.safe_person_new, name="safe_person_new"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/unmark/", views.person_unmark, name="person_unmark"),
    path("people/<int:pk>/reminder/", views.person_cadence, name="person_cadence"),
    path("shares/new/", views.share_new, name="share_new"),
    path("shares/<int:pk>/edit/", views.share_edit, name="share_edit"),
    path("support/new/", views.support_new, name="support_new"),
    path("beliefs/", views.beliefs, name="beliefs"),
    path("beliefs/new/", views.belief_new, name="belief_new"),
    path("beliefs/<int:pk>/", views.belief, name="belief"),
    path("beliefs/<int:pk>/edit/", views.belief_edit, name="belief_edit"),
    path("beliefs/<int:pk>/rate/", views.belief_rate, name="belief_rate"),
    path("beliefs/<int:pk>/chart.svg", views.belief_chart, name="belief_chart"),
    path("beliefs/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path(
        "beliefs/<int:pk>/evidence/<int:evidence_pk>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path("reflections/", views.reflections, name="reflections"),
    path("reflections/<int:pk>/edit/", views.reflection_edit, name="reflection_edit"),
    path("prompts/<slug:key>/", views.reflection_new, name="reflection_new"),
    path("prompts/<slug:key>/set-aside/", views.prompt_set_aside, name="prompt_set_aside"),
    path("reminders/", views.nudges, name="nudges"),
    path("reminders/<int:pk>/rest/<int:days>/", views.nudge_rest, name="nudge_rest"),
    path("reminders/pause/", views.nudges_pause, name="nudges_pause"),
    path("reminders/resume/", views.nudges_resume, name="nudges_resume"),
    path("reminders/email/", views.digest_toggle, name="digest_toggle"),
    path("calendar/new/", views.feed_create, name="feed_create"),
    path("calendar/revoke/", views.feed_revoke, name="feed_revoke"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("<slug:kind>/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("<slug:kind>/<int:pk>/restore/", views.entry_restore, name="entry_restore"),
]
