from django.urls import path

from . import views

app_name = "journal"

urlpatterns = [
    path("", views.home, name="home"),
    path("log/", views.log, name="log"),
    path("log/<str:kind>/", views.entry_new, name="entry_new"),
    path("check-in/", views.checkin, name="checkin"),
    path("check-in/<int:pk>/", views.checkin, name="checkin_edit"),
    path("history/", views.history, name="history"),
    path("history/deleted/", views.deleted, name="deleted"),
    path("entries/<str:kind>/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<str:kind>/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<str:kind>/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("entries/<str:kind>/<int:pk>/restore/", views.entry_restore, name="entry_restore"),
]
