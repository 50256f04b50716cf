from django.urls import include, path

urlpatterns = [
    path("", include("withness.journal.urls")),
    path("account/", include("withness.accounts.urls")),
    path("people/", include("withness.people.urls")),
    path("insights/", include("withness.insights.urls")),
    path("growth/", include("withness.growth.urls")),
    path("", include("withness.care.urls")),
    path("data/", include("withness.portability.urls")),
    path("api/", include("withness.api.urls")),
]
