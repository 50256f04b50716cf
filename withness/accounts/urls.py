from django.urls import path

from . import reauth, two_factor_views, vault_views, views

app_name = "accounts"

urlpatterns = [
    path("setup/", views.setup, name="setup"),
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("login/recover/", vault_views.recover, name="recover"),
    path("recovery-code/", vault_views.recovery_code, name="recovery_code"),
    path("recovery-code/new/", vault_views.new_recovery_code, name="new_recovery_code"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("login/code/", two_factor_views.verify, name="two_factor_verify"),
    path("confirm/", reauth.confirm, name="reauth"),
    path("settings/two-step/on/", two_factor_views.turn_on, name="two_factor_turn_on"),
    path("settings/two-step/codes/", two_factor_views.codes_renew, name="two_factor_codes"),
    path("settings/two-step/off/", two_factor_views.turn_off, name="two_factor_turn_off"),
    path("settings/invites/", views.invite_create, name="invite_create"),
    path("settings/invites/<int:pk>/revoke/", views.invite_revoke, name="invite_revoke"),
]
