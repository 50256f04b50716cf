from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "withness.people"
