from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
    path("charts/<str:name>.svg", views.chart, name="chart"),
    path("effects/<str:factor>/<str:key>/entries/", views.effect_entries, name="entries"),
    path("effects/<str:factor>/<str:key>/chart.svg", views.effect_chart, name="effect_chart"),
]
