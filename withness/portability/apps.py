from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "withness.portability"
