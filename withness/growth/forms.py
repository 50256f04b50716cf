from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone

from withness.journal.fields import (
    LARGEST_ID,
    ChipCheckboxes,
    ChipRadio,
    DateInput,
    Slider,
    note_field,
)
from withness.journal.models import Interaction
from withness.people.models import Person

from . import selectors
from .models import (
    MAX_TEXT,
    Capacity,
    Direction,
    Leaning,
    Response,
    SafetyReason,
    Step,
)

EARLIEST_YEAR = 1900
MAX_CADENCE_DAYS = 365
LINKABLE_FOR = timedelta(days=90)
PERCENT_MESSAGE = "Give a number from 0 (not at all true) to 100 (completely true)."


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def person_field(label, *, required=True, widget=None):
    return PersonField(
        label=label,
        queryset=Person.objects.none(),
        required=required,
        widget=widget,
        empty_label="Choose someone" if widget is None else None,
        error_messages={
            "required": "Choose who this was with.",
            "invalid_choice": "That person is not in your list. Choose someone from it.",
        },
    )


def day_field(label):
    return forms.DateField(
        label=label,
        widget=DateInput(),
        error_messages={
            "required": "Give the date, like 2026-03-14.",
            "invalid": "Give the date as year-month-day, like 2026-03-14.",
        },
    )


def check_day(value, user):
    if value is None:
        return value
    if value > user.today():
        raise forms.ValidationError(
            "That date is still to come. You can log it once it has happened."
        )
    if value.year < EARLIEST_YEAR:
        raise forms.ValidationError(f"Choose a date after {EARLIEST_YEAR}.")
    return value


def percent_field(label, *, required=True, slider=True):
    widget = Slider if slider else forms.NumberInput
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=100,
        widget=widget(
            attrs={"min": 0, "max": 100, "step": 1 if not slider else 5, "inputmode": "numeric"}
        ),
        error_messages={
            "required": "Move the slider to say how true it feels, 0 to 100.",
            "invalid": PERCENT_MESSAGE,
            "min_value": PERCENT_MESSAGE,
            "max_value": PERCENT_MESSAGE,
        },
    )


class OwnedForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, PersonField):
                field.queryset = selectors.people_for(user)


# --- safe people ------------------------------------------------------------------------


class SafePersonForm(OwnedForm):
    person = person_field("Someone already in your people", required=False, widget=ChipRadio)
    new_name = forms.CharField(
        label="Or someone new: a name or nickname",
        required=False,
        max_length=80,
        help_text="A nickname is plenty. withness never asks for contact details.",
        error_messages={"max_length": "Keep the name to 80 characters or fewer."},
    )
    reasons = forms.MultipleChoiceField(
        label="What makes them feel safe?",
        choices=SafetyReason.choices,
        required=False,
        widget=ChipCheckboxes,
        error_messages={"invalid_choice": "“%(value)s” is not one of the listed reasons."},
    )
    own_words = note_field(MAX_TEXT, label="In your own words", rows=3)

    def clean_new_name(self):
        return " ".join(self.cleaned_data["new_name"].split())

    def clean(self):
        data = super().clean()
        person, name = data.get("person"), data.get("new_name")
        if "person" in self.errors:
            return data
        if person and name:
            self.add_error("new_name", "Choose someone from your list or add a new name, not both.")
        elif not person and not name:
            self.add_error("person", "Choose someone, or add a new name below.")
        elif name and selectors.people_for(self.user).filter(name__iexact=name).exists():
            self.add_error(
                "new_name",
                f"You already have someone called {name}. Choose them from the list above.",
            )
        if (
            not data.get("reasons")
            and not (data.get("own_words") or "").strip()
            and "reasons" not in self.errors
        ):
            self.add_error("reasons", "Pick at least one, or say it in your own words.")
        return data


class CadenceForm(forms.Form):
    every_days = forms.IntegerField(
        label="Remind me after this many days without contact",
        required=False,
        min_value=1,
        max_value=MAX_CADENCE_DAYS,
        help_text="For example 14 for every two weeks. Leave empty for no reminders.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": MAX_CADENCE_DAYS}),
        error_messages={
            "invalid": "Give a whole number of days, like 7 or 14.",
            "min_value": "Use at least 1 day, or leave it empty for no reminders.",
            "max_value": "Up to 365 days. Leave it empty for no reminders.",
        },
    )


# --- micro-sharing ladder ---------------------------------------------------------------


class InteractionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{timezone.localtime(obj.started_at):%-d %b}, {obj.who()}"


class ShareForm(OwnedForm):
    person = person_field("Who did you share with?")
    step = forms.TypedChoiceField(
        label="How big a step was it?",
        choices=Step.choices,
        coerce=int,
        widget=ChipRadio,
        error_messages={
            "required": "Choose the step that fits best. Any of them is fine.",
            "invalid_choice": "Choose one of the listed steps.",
        },
    )
    what = forms.CharField(
        label="What you shared (optional)",
        required=False,
        max_length=300,
        help_text="In your own words; a few are enough, like “I'd rather walk than sit”.",
        error_messages={
            "max_length": "Keep this to 300 characters; the journal has room for more."
        },
    )
    response = forms.ChoiceField(
        label="How did they respond?",
        choices=Response.choices,
        widget=ChipRadio,
        error_messages={
            "required": "Choose how they responded. “No reply (yet)” is a fine answer.",
            "invalid_choice": "Choose one of the listed responses.",
        },
    )
    body_felt = forms.CharField(
        label="How did it feel in your body?",
        required=False,
        max_length=300,
        help_text="For example “shoulders dropped” or “stomach tight”.",
        error_messages={"max_length": "Keep this to 300 characters."},
    )
    shared_on = day_field("When")
    interaction = InteractionField(
        label="Part of a time you logged? (optional)",
        queryset=Interaction.objects.none(),
        required=False,
        empty_label="Not linked",
        error_messages={
            "invalid_choice": "That entry is not in your journal. Choose another or leave it empty."
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linkable = Q(started_at__gte=timezone.now() - LINKABLE_FOR)
        # Editing keeps the share's own link choosable, however long ago that time was.
        if (linked := self.initial.get("interaction")) is not None:
            linkable |= Q(pk=getattr(linked, "pk", linked))
        self.fields["interaction"].queryset = (
            Interaction.objects.for_user(self.user).filter(linkable).prefetch_related("people")
        )
        if not self.is_bound and "shared_on" not in self.initial:
            self.initial["shared_on"] = self.user.today()

    def clean_shared_on(self):
        return check_day(self.cleaned_data.get("shared_on"), self.user)

    def clean(self):
        data = super().clean()
        person, interaction = data.get("person"), data.get("interaction")
        if person and interaction and not interaction.people.filter(pk=person.pk).exists():
            self.add_error(
                "interaction",
                f"{person.name} isn't in that entry. Choose another or leave it empty.",
            )
        return data


# --- support ----------------------------------------------------------------------------


class SupportForm(OwnedForm):
    direction = forms.ChoiceField(
        label="Which way did it go?",
        choices=Direction.choices,
        widget=ChipRadio,
        error_messages={"required": "Say whether you gave or received support."},
    )
    person = person_field("Who")
    what = forms.CharField(
        label="What was it?",
        max_length=300,
        help_text="For example “listened on the phone” or “they brought soup”.",
        error_messages={
            "required": "A few words about what it was, so you can find it later.",
            "max_length": "Keep this to 300 characters.",
        },
    )
    happened_on = day_field("When")
    capacity = forms.TypedChoiceField(
        label="If you gave: how much did it take from you?",
        choices=Capacity.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=ChipRadio,
        error_messages={"invalid_choice": "Choose one of the listed answers."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and "happened_on" not in self.initial:
            self.initial["happened_on"] = self.user.today()

    def clean_happened_on(self):
        return check_day(self.cleaned_data.get("happened_on"), self.user)

    def clean(self):
        data = super().clean()
        if (
            data.get("direction") == Direction.GIVEN
            and data.get("capacity") is None
            and "capacity" not in self.errors
        ):
            self.add_error(
                "capacity", "Say roughly how much it took. It helps you notice your own limits."
            )
        return data


# --- beliefs ----------------------------------------------------------------------------


class BeliefForm(forms.Form):
    belief = forms.CharField(
        label="The belief, in your words",
        max_length=300,
        error_messages={
            "required": "Write the belief in a few words, or pick an example above.",
            "max_length": "Keep the belief to 300 characters.",
        },
    )
    counter = forms.CharField(
        label="A realistic counter-belief, in your words (optional for now)",
        required=False,
        max_length=300,
        help_text="Not the opposite, just something a little kinder that could also be true.",
        error_messages={"max_length": "Keep the counter-belief to 300 characters."},
    )

    def clean(self):
        data = super().clean()
        belief, counter = data.get("belief"), data.get("counter")
        if belief and counter and belief.strip().casefold() == counter.strip().casefold():
            self.add_error(
                "counter", "The counter-belief is the same as the belief. Try a gentler version."
            )
        return data


class BeliefNewForm(BeliefForm):
    belief_true = percent_field("The belief, 0 to 100", required=False, slider=False)
    counter_true = percent_field("The counter-belief, 0 to 100", required=False, slider=False)

    def clean(self):
        data = super().clean()
        if (
            data.get("counter_true") is not None
            and not data.get("counter")
            and "counter" not in self.errors
        ):
            self.add_error(
                "counter_true", "Write a counter-belief above to rate it, or leave this out."
            )
        if data.get("counter_true") is not None and data.get("belief_true") is None:
            self.add_error("belief_true", "Rate the belief too, so the two can be compared.")
        return data


class RatingForm(forms.Form):
    belief_true = percent_field("The belief")
    counter_true = percent_field("The counter-belief", required=False)

    def __init__(self, *args, belief, latest=None, **kwargs):
        self.belief = belief
        super().__init__(*args, **kwargs)
        if latest is not None:
            # The sliders start where the last rating left them, so a change is a small move.
            self.initial.setdefault("belief_true", latest.belief_true)
            self.initial.setdefault("counter_true", latest.counter_true)
        if belief.counter:
            self.fields["counter_true"].required = True
        else:
            del self.fields["counter_true"]


class EntryChoiceField(forms.ChoiceField):
    """Lists the recent entries, and takes any of the user's own: the belief page offers older
    warm shares too. EvidenceForm.clean_entry looks the chosen one up."""

    def valid_value(self, value):
        return True


class EvidenceForm(forms.Form):
    entry = EntryChoiceField(
        label="Which entry?",
        error_messages={
            "required": "Choose an entry from your journal.",
            "invalid_choice": "That entry is not in your journal any more. Choose another.",
        },
    )
    leaning = forms.ChoiceField(
        label="How does it bear on the belief?",
        choices=Leaning.choices,
        widget=ChipRadio,
        error_messages={"required": "Say whether it supports the belief or speaks against it."},
    )
    note = forms.CharField(
        label="A word on why (optional)",
        required=False,
        max_length=300,
        error_messages={"max_length": "Keep this to 300 characters."},
    )

    LABELS = {"interaction": "Time with others", "share": "Shares", "support": "Support"}

    def __init__(self, *args, user, belief, **kwargs):
        self.user, self.belief = user, belief
        super().__init__(*args, **kwargs)
        # Built only when the form is drawn: clean_entry looks the chosen entry up itself.
        self.fields["entry"].choices = lambda: (
            [("", "Choose an entry")]
            + [
                (self.LABELS[kind], [(f"{kind}:{row.pk}", self._label(kind, row)) for row in rows])
                for kind, rows in selectors.evidence_choices(user).items()
                if rows
            ]
        )

    @staticmethod
    def _label(kind, row):
        if kind == "interaction":
            return f"{timezone.localtime(row.started_at):%-d %b}: time with {row.who()}"
        if kind == "share":
            response = row.get_response_display().lower()
            return f"{row.shared_on:%-d %b}: shared with {row.person.name} ({response})"
        return f"{row.happened_on:%-d %b}: {row}"

    def clean_entry(self):
        kind, _, pk = self.cleaned_data["entry"].partition(":")
        row = None
        if pk.isdecimal() and int(pk) <= LARGEST_ID:
            row = selectors.evidence_entry(self.user, kind, int(pk))
        if row is None:
            raise forms.ValidationError(self.fields["entry"].error_messages["invalid_choice"])
        if selectors.evidence_for(self.user, self.belief, **{kind: row}):
            raise forms.ValidationError("That entry is already linked to this belief.")
        self.cleaned_data[kind] = row
        return row


# --- reflections and nudges -------------------------------------------------------------


class ReflectionForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Write a few words, or come back to this prompt another time.",
            "max_length": f"Answers can be up to {MAX_TEXT:,} characters; "
            "this one has %(show_value)s. "
            "Nothing is lost: shorten it and save again.",
        },
    )

    def clean_answer(self):
        answer = self.cleaned_data["answer"]
        if not answer.strip():
            raise forms.ValidationError(
                "Write a few words, or come back to this prompt another time."
            )
        return answer


PAUSE_CHOICES = [
    ("7", "A quiet week"),
    ("14", "Two weeks"),
    ("30", "A month"),
    ("open", "Until I turn them back on"),
]


class PauseForm(forms.Form):
    length = forms.ChoiceField(
        label="Pause reminders for",
        choices=PAUSE_CHOICES,
        widget=ChipRadio,
        error_messages={
            "required": "Choose how long to pause for.",
            "invalid_choice": "Choose one of the listed lengths.",
        },
    )

    def until(self, today):
        length = self.cleaned_data["length"]
        return None if length == "open" else today + timedelta(days=int(length))
