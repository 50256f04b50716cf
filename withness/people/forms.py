from django import forms

from withness.journal.fields import ChipRadio

from . import selectors
from .models import FeltSafety, Person, Relationship

MAX_NAME = Person._meta.get_field("name").max_length
MAX_NOTES = Person._meta.get_field("notes").max_length
MAX_CHECKIN_DAYS = 365
# The form moves on to the saved revision (changed_elsewhere), so the next save goes through.
STALE_MESSAGE = (
    "Their details were changed somewhere else (another tab or device) after you opened this "
    "page. Nothing was overwritten: what is saved now is shown below, and what you typed is "
    "still in the form. Saving again puts every field as the form has it in place of what is "
    "saved now."
)


class PersonForm(forms.Form):
    name = forms.CharField(
        label="Name or nickname",
        max_length=MAX_NAME,
        help_text="Whatever you call them. An initial is fine too.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
        error_messages={
            "required": "Give them a name. A nickname or an initial is enough.",
            "max_length": f"Keep the name to {MAX_NAME} characters or fewer; "
            "this one has %(show_value)s.",
        },
    )
    relationship = forms.ChoiceField(
        label="Who they are to you",
        required=False,
        choices=[("", "Rather not say")] + Relationship.choices,
        error_messages={"invalid_choice": "Choose one of the relationships in the list."},
    )
    felt_safety = forms.TypedChoiceField(
        label="How safe do they feel to you?",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Not sure yet")] + FeltSafety.choices,
        widget=ChipRadio,
        help_text="Your own sense of it, today. It can change, and you can change it here.",
        error_messages={
            "invalid_choice": "Choose one of the five steps, from “Not safe” to “Safe”, "
            "or “Not sure yet”.",
        },
    )
    is_safe_person = forms.BooleanField(
        label="A safe person for me",
        required=False,
        help_text="Someone you could turn to when things are hard.",
    )
    checkin_every_days = forms.IntegerField(
        label="Remind me after this many days without contact",
        required=False,
        min_value=1,
        max_value=MAX_CHECKIN_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": MAX_CHECKIN_DAYS}),
        help_text="Only if you'd like a gentle nudge. Leave it empty for none.",
        error_messages={
            "invalid": "Give a whole number of days, like 7 or 14.",
            "min_value": "Give at least 1 day, or leave it empty for no reminder.",
            "max_value": f"Give {MAX_CHECKIN_DAYS} days (a year) or fewer, "
            "or leave it empty for no reminder.",
        },
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=MAX_NOTES,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Anything you'd like to remember about them. Only you can see it.",
        error_messages={
            "max_length": f"Notes can be up to {MAX_NOTES:,} characters; this has %(show_value)s. "
            "Nothing is lost: shorten it and save again.",
        },
    )

    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, person: Person | None = None, **kwargs):
        if person is not None:
            kwargs.setdefault("initial", {name: getattr(person, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        self.user, self.person = user, person
        self.namesakes: list[Person] = []
        self.deleted_namesakes: list[Person] = []  # only when adding someone
        self.saved_now: Person | None = None

    def changed_elsewhere(self, saved: Person) -> None:
        """Another tab saved first. Say so and keep what was typed; show what is saved now, and
        let the next save, made having seen both, go through."""
        self.saved_now = saved
        self.data = self.data.copy()
        self.data["revision"] = saved.revision
        self.add_error(None, STALE_MESSAGE)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        # Hints only (_name_hint.html): this never blocks saving.
        self.namesakes, self.deleted_namesakes = selectors.name_hints(
            self.user, name, person=self.person
        )
        return name


class MergeForm(forms.Form):
    """Choose someone to fold into `keep`. Only the user's live people are valid choices."""

    merge = forms.ModelChoiceField(
        label="Who should be merged in?",
        queryset=Person.objects.none(),
        empty_label="Choose someone",
        error_messages={"invalid_choice": "That person isn't in your list."},
    )

    def __init__(self, *args, user, keep: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep = keep
        field = self.fields["merge"]
        field.queryset = Person.objects.for_user(user)
        field.error_messages["required"] = f"Choose who to merge into {keep.name}."
        others = selectors.people_for(user).exclude(pk=keep.pk)
        field.choices = [("", field.empty_label)] + [(p.pk, _label(p)) for p in others]

    def clean_merge(self):
        merge = self.cleaned_data["merge"]
        if merge.pk == self.keep.pk:
            raise forms.ValidationError(
                f"That's {self.keep.name} already. Choose someone else to merge in.",
                code="same_person",
            )
        return merge


def _label(person) -> str:
    """Enough to tell two people called Sam apart in a list."""
    details = [person.get_relationship_display()] if person.relationship else []
    details.append(
        "no entries yet"
        if not person.times
        else "1 entry"
        if person.times == 1
        else f"{person.times} entries"
    )
    return f"{person.name} ({', '.join(details)})"
