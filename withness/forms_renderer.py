"""The project's form renderer: every field group gets the app's own wrapper and hint style."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Renders through the project's TEMPLATES, so withness/templates/forms/ is found.

    Django's own widget templates come from the "django.forms" app in INSTALLED_APPS.
    """

    field_template_name = "forms/field.html"
