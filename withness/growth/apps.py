from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "withness.growth"
