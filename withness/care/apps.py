from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "withness.care"

    def ready(self):
        from . import checks  # noqa: F401  (registers the crisis lines check)
