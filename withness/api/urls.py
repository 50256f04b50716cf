from django.urls import path
from django.views.generic import RedirectView

from . import views
from .v1 import api

app_name = "api"

urlpatterns = [
    path("tokens/", views.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("v1/docs", views.docs, name="docs"),
    # Before ninja's own root view, which only answers 404.
    path("v1/", RedirectView.as_view(pattern_name="api:docs"), name="home"),
    path("v1/", api.urls),
]
