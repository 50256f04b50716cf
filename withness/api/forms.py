from django import forms

from .models import ApiToken, Scope

SCOPE_HELP = {
    Scope.READ: "Can see your journal, never change it. For a dashboard or a backup script.",
    Scope.WRITE: "Can see and change everything, like you can here.",
    Scope.APPEND: "Can only add new entries and never read any back. For a phone shortcut "
    "or a shared device.",
}


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text="Something to recognise it by, like “phone shortcut”.",
        error_messages={
            "required": "Give the token a name, so you know it again later.",
            "max_length": "Keep the name to 80 characters or fewer.",
        },
    )
    scope = forms.ChoiceField(
        label="What it can do",
        choices=[(value, f"{label} — {SCOPE_HELP[value]}") for value, label in Scope.choices],
        initial=Scope.APPEND,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the three kinds of access."},
    )
