from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "withness.accounts"

    def ready(self):
        from . import (
            reauth,  # noqa: F401 - stamps the session at every sign-in
            session_keys,  # noqa: F401 - keeps the data key for the session
        )
