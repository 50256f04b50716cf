from django.urls import path

from . import views

app_name = "portability"

urlpatterns = [
    path("export.json", views.export_json, name="export_json"),
    path("export.zip", views.export_csv, name="export_csv"),
    path("import/", views.import_start, name="import"),
    path("import/<int:pk>/", views.import_review, name="import_review"),
    path("import/<int:pk>/step/", views.import_step, name="import_step"),
    path("import/<int:pk>/cancel/", views.import_cancel, name="import_cancel"),
    path("imported/", views.imported_list, name="imported"),
    path("delete-account/", views.account_delete, name="delete_account"),
]
