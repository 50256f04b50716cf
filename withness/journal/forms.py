from datetime import timedelta
from functools import cache, partial

from django import forms
from django.utils import timezone
from django.utils.functional import lazy

from withness.people.models import Person

from . import body
from .fields import (
    ChipCheckboxes,
    ChipRadio,
    DateInput,
    DateTimeLocalInput,
    LocalDateTimeField,
    OwnRowsChoiceField,
    local_now_value,
    note_field,
    state_field,
    zero_to_ten_field,
)
from .models import (
    MAX_DURATION_MIN,
    MAX_NOTE,
    Activity,
    CheckIn,
    Depth,
    EnergyAfter,
    InitiatedBy,
    Level,
    Mode,
    Setting,
    SleepQuality,
)

FUTURE_SLACK = timedelta(days=2)
EARLIEST_YEAR = 1900
MAX_OWN_SIGNALS = 10


def check_when(value):
    if value is None:
        return value
    if value > timezone.now() + FUTURE_SLACK:
        raise forms.ValidationError(
            "That is more than two days ahead. Log things once they are happening or about to."
        )
    if value.year < EARLIEST_YEAR:
        raise forms.ValidationError(f"Choose a date after {EARLIEST_YEAR}.")
    return value


class EntryForm(forms.Form):
    """What interactions and solitude share: when, how long, the states, a note."""

    started_at = LocalDateTimeField(
        label="When did it start?",
        widget=DateTimeLocalInput(),
        error_messages={"invalid": "Give a date and time, like 2026-03-14 18:30."},
    )
    duration_min = forms.IntegerField(
        label="How long, in minutes",
        required=False,
        min_value=1,
        max_value=MAX_DURATION_MIN,
        widget=forms.NumberInput(
            attrs={
                "inputmode": "numeric",
                "min": 1,
                "max": MAX_DURATION_MIN,
                "placeholder": "e.g. 30",
            }
        ),
        error_messages={
            "invalid": "Give the length as a whole number of minutes.",
            "min_value": "The length needs to be at least 1 minute.",
            "max_value": "That is longer than a day (1,440 minutes). Split it into days.",
        },
    )
    ended_at = LocalDateTimeField(
        label="Or: when did it end?",
        required=False,
        widget=DateTimeLocalInput(),
        error_messages={"invalid": "Give a date and time, like 2026-03-14 19:15."},
    )
    before_pleasant = state_field("pleasant")
    before_energy = state_field("energy")
    after_pleasant = state_field("pleasant", required=False)
    after_energy = state_field("energy", required=False)
    after_later = forms.BooleanField(label="I'll add how I feel afterwards later", required=False)
    note = note_field(MAX_NOTE)
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, entry=None, **kwargs):
        self.user, self.entry = user, entry  # the entry being changed, None for a new one
        super().__init__(*args, **kwargs)
        if not self.is_bound and "started_at" not in self.initial:
            self.initial["started_at"] = local_now_value()

    def clean_started_at(self):
        stored = self.entry.started_at if self.entry else None
        return check_when(self._as_stored("started_at", stored))

    def clean_ended_at(self):
        stored = self.entry and self.entry.started_at + timedelta(minutes=self.entry.duration_min)
        return self._as_stored("ended_at", stored)

    def _as_stored(self, name, stored):
        """The stored moment when the form sends back the very time it showed for it.

        The form shows a time as the clock read it, to the minute, which can't tell the two
        passes of the hour that repeats when the clocks go back apart: read back, 01:30 would
        be the first pass, and a note-only save would move an entry of the second an hour
        earlier. (Only for a time typed on a page: the API sends moments, exact already.)
        """
        value = self.cleaned_data.get(name)
        if value is None or stored is None or not isinstance(self.data.get(name), str):
            return value
        return stored if local_now_value(value) == local_now_value(stored) else value

    def clean(self):
        data = super().clean()
        self._clean_duration(data)
        self._clean_after(data)
        return data

    def _clean_duration(self, data):
        start, end = data.get("started_at"), data.get("ended_at")
        if "duration_min" in self.errors or "ended_at" in self.errors or start is None:
            return
        if end is not None and data.get("duration_min") is None:
            if end <= start:
                self.add_error("ended_at", "The end is before the start. Check the two times.")
                return
            minutes = round((end - start).total_seconds() / 60)
            if minutes > MAX_DURATION_MIN:
                self.add_error("ended_at", "That is longer than a day. Split it into days.")
                return
            data["duration_min"] = max(1, minutes)
        if data.get("duration_min") is None:
            self.add_error("duration_min", "Say roughly how long, in minutes, or when it ended.")

    def _clean_after(self, data):
        if data.get("after_later"):
            data["after_pleasant"] = data["after_energy"] = None
            return
        for axis in ("after_pleasant", "after_energy"):
            if data.get(axis) is None and axis not in self.errors:
                self.add_error(
                    axis, "Choose a point, or tick “I'll add how I feel afterwards later”."
                )


class BodySignalsField(forms.MultipleChoiceField):
    def valid_value(self, value):
        # A built-in signal is always a choice: no need to list the user's own words.
        return value in body.LABELS or super().valid_value(value)


class PersonChoiceField(OwnRowsChoiceField):
    def clean(self, value):
        # Nobody chosen is the usual case: an empty list, not an empty queryset that the form
        # and the service would each build and compile again just to find it empty.
        if not value and not self.required:
            return []
        return super().clean(value)

    def label_from_instance(self, obj):
        return obj.name


class InteractionForm(EntryForm):
    people = PersonChoiceField(
        label="Who",
        queryset=Person.objects.none(),
        required=False,
        widget=ChipCheckboxes,
        error_messages={
            "invalid_choice": "One of the people chosen is not in your list any more.",
            "invalid_pk_value": "One of the people chosen is not in your list.",
        },
    )
    new_people = forms.CharField(
        label="Someone new?",
        required=False,
        max_length=400,
        help_text="Names or nicknames, separated by commas. They are added to your people.",
    )
    group = forms.CharField(
        label="Or a group, setting or strangers",
        required=False,
        max_length=80,
        help_text="For example “support group” or “people at the market”.",
    )
    group_size = forms.IntegerField(
        label="About how many people were there?",
        required=False,
        min_value=1,
        max_value=10000,
        error_messages={"min_value": "At least 1.", "max_value": "Up to 10,000, please."},
    )
    mode = forms.ChoiceField(
        label="How", choices=Mode.choices, initial=Mode.IN_PERSON, widget=ChipRadio
    )
    setting = forms.ChoiceField(
        label="Where", choices=[("", "—")] + Setting.choices, required=False
    )
    initiated_by = forms.ChoiceField(
        label="Who reached out?", choices=InitiatedBy.choices, required=False, widget=ChipRadio
    )
    depth = forms.TypedChoiceField(
        label="How deep did the sharing go?",
        choices=Depth.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=ChipRadio,
    )
    felt_safe = zero_to_ten_field("How safe did it feel? 0 not at all, 10 completely")
    body_signals = BodySignalsField(
        label="Anything you noticed in your body?",
        required=False,
        widget=ChipCheckboxes,
        error_messages={"invalid_choice": "“%(value)s” is not one of the listed body signals."},
    )
    own_signals = forms.CharField(
        label="In your own words",
        required=False,
        max_length=400,
        help_text="Separate with commas, e.g. “hands warm, tears close”.",
    )
    energy_after = forms.TypedChoiceField(
        label="Energy afterwards",
        choices=EnergyAfter.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=ChipRadio,
    )

    field_order = [
        "people",
        "new_people",
        "group",
        "mode",
        "started_at",
        "duration_min",
        "ended_at",
        "before_pleasant",
        "before_energy",
        "after_pleasant",
        "after_energy",
        "after_later",
        "felt_safe",
        "initiated_by",
        "depth",
        "energy_after",
        "body_signals",
        "own_signals",
        "setting",
        "group_size",
        "note",
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        people = Person.objects.for_user(user)
        self.fields["people"].queryset = people
        # Both read the journal only when the form is drawn (or an own word is submitted),
        # so saving an entry does not pay for what only the page shows.
        self.fields["new_people"].label = lazy(
            cache(lambda: "Someone new?" if people.exists() else "Who was it with?"), str
        )()
        self.fields["body_signals"].choices = partial(body_signal_choices, user, self.initial)

    def clean_new_people(self):
        names = split_list(self.cleaned_data["new_people"])
        for name in names:
            if len(name) > 80:
                raise forms.ValidationError(
                    f"“{name[:20]}…” is too long for a name (80 characters at most)."
                )
        return names

    def clean_own_signals(self):
        signals = split_list(self.cleaned_data["own_signals"])
        if len(signals) > MAX_OWN_SIGNALS:
            raise forms.ValidationError(f"Up to {MAX_OWN_SIGNALS} of your own words at a time.")
        for signal in signals:
            if len(signal) > body.MAX_OWN_LENGTH:
                raise forms.ValidationError(
                    f"Keep each one under {body.MAX_OWN_LENGTH} characters; "
                    f"“{signal[:20]}…” is longer."
                )
        return signals

    def clean(self):
        data = super().clean()
        who = ("people", "new_people", "group")
        if (
            not any(data.get(name) for name in who)
            and not set(who) & set(self.errors)
            and not self._keeps_deleted_people()
        ):
            self.add_error(
                "people", "Choose who it was with, add someone new, or describe the group."
            )
        signals = list(data.get("body_signals") or [])
        for signal in map(body.code_for, data.get("own_signals") or []):
            if signal not in signals:
                signals.append(signal)
        data["body_signals"] = signals
        return data

    def _keeps_deleted_people(self) -> bool:
        """Whether the entry being changed is with someone now in recently deleted. They aren't
        on the form but stay with the entry (to come back with it if restored), so it still
        says who it was with."""
        return (
            self.entry is not None and self.entry.people.filter(deleted_at__isnull=False).exists()
        )


class SolitudeForm(EntryForm):
    chosen = forms.TypedChoiceField(
        label="Did you choose this time alone?",
        choices=[("yes", "Yes, I chose it"), ("no", "Not really")],
        coerce=lambda v: v == "yes",
        initial="yes",
        widget=ChipRadio,
    )
    activity = forms.ChoiceField(
        label="What was it?", choices=Activity.choices, initial=Activity.REST, widget=ChipRadio
    )
    restorative = forms.TypedChoiceField(
        label="Did it restore you?",
        choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        required=False,
        empty_value=None,
        widget=ChipRadio,
    )

    field_order = [
        "chosen",
        "activity",
        "started_at",
        "duration_min",
        "ended_at",
        "before_pleasant",
        "before_energy",
        "after_pleasant",
        "after_energy",
        "after_later",
        "restorative",
        "note",
    ]


LEVEL_WIDGET = ChipRadio


class CheckInForm(forms.ModelForm):
    pleasant = state_field("pleasant")
    energy = state_field("energy")
    day = forms.DateField(
        label="Day",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Give a date, like 2026-03-14."},
    )
    sleep_hours = forms.FloatField(
        label="Hours of sleep",
        required=False,
        min_value=0,
        max_value=24,
        step_size=0.5,
        widget=forms.NumberInput(attrs={"step": 0.5, "min": 0, "max": 24, "inputmode": "decimal"}),
        error_messages={
            "min_value": "Hours of sleep can't be below 0.",
            "max_value": "A day has 24 hours at most.",
            "step_size": "Use half hours, like 6.5.",
            "invalid": "Give the hours as a number, like 7 or 6.5.",
        },
    )
    social_capacity = zero_to_ten_field("Room for people today: 0 none, 10 plenty")
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = CheckIn
        fields = [
            "day",
            "pleasant",
            "energy",
            "racing_thoughts",
            "anxiety",
            "irritability",
            "tension",
            "poor_sleep",
            "sleep_hours",
            "sleep_quality",
            "social_capacity",
            "note",
        ]
        widgets = {
            name: ChipRadio(choices=Level.choices)
            for name in ["racing_thoughts", "anxiety", "irritability", "tension", "poor_sleep"]
        } | {
            "sleep_quality": ChipRadio(choices=SleepQuality.choices),
            "note": forms.TextInput(),
        }
        labels = {"note": "A line about today", "sleep_quality": "How was the sleep?"}
        error_messages = {
            "note": {"max_length": "Keep the line under 500 characters (it has %(show_value)s)."},
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.pk and not self.initial.get("day"):
            # The new CheckIn's own day (None) is in the initial data already.
            self.initial["day"] = user.today()
        for name in CheckIn.SIGNS:
            self.fields[name].required = False
        self.fields["sleep_quality"].required = False
        # The model's blank choice would show as Django's "---------" chip.
        self.fields["sleep_quality"].choices = [("", "Not noted"), *SleepQuality.choices]

    def clean_day(self):
        day = self.cleaned_data["day"] or self.instance.day or self.user.today()
        if day > self.user.today() + timedelta(days=1):
            raise forms.ValidationError(
                "That day hasn't come yet. Check in for today or a past day."
            )
        if day.year < EARLIEST_YEAR:
            raise forms.ValidationError(f"Choose a date after {EARLIEST_YEAR}.")
        taken = CheckIn.objects.for_user(self.user).filter(day=day).exclude(pk=self.instance.pk)
        if taken.exists():
            # The API words this its own way, by the code (api/validation.py).
            raise forms.ValidationError(
                "You already checked in for that day. Open it from History to change it.",
                code="day_taken",
                params={"day": day.isoformat()},
            )
        return day

    def clean(self):
        data = super().clean()
        for name in CheckIn.SIGNS:
            if data.get(name) is None and name not in self.errors:
                data[name] = Level.NONE
        return data


def split_list(text: str) -> list[str]:
    seen = []
    for part in text.split(","):
        part = " ".join(part.split())
        if part and part not in seen:
            seen.append(part)
    return seen


def body_signal_choices(user, initial):
    """Built-in signals, then the user's own words from earlier entries."""
    from .selectors import own_body_signals

    choices = [(code, label) for code, label, _ in body.BUILT_IN]
    own = own_body_signals(user)
    for signal in initial.get("body_signals") or []:
        if signal not in body.LABELS and signal not in own:
            own.append(signal)
    return choices + [(signal, signal) for signal in own]
