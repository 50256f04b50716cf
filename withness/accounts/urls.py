from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("setup/", views.setup, name="setup"),
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("settings/invites/", views.invite_create, name="invite_create"),
    path("settings/invites/<int:pk>/revoke/", views.invite_revoke, name="invite_revoke"),
]
