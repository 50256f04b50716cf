"""Form fields and widgets shared by the journal's forms."""

from datetime import UTC

from django import forms
from django.utils import timezone

STEP_MESSAGE = "Use steps of 0.5 (for example 1.5 or 2)."


class RangeInput(forms.NumberInput):
    input_type = "range"


class Slider(RangeInput):
    """A slider that shows the number it is at (js/slider-value.js keeps it up to date)."""

    template_name = "journal/widgets/slider.html"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class LocalDateTimeField(forms.DateTimeField):
    """A time as the person's own clock showed it, even on the nights the clocks change: in the
    hour that repeats it is the first time round, and a time the clocks skipped is taken an hour
    on (01:30 as 02:30), instead of refusing a time someone really lived through."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "ambiguous_timezone":
                raise
        with timezone.override(UTC):
            on_the_clock = super().to_python(value)
        return on_the_clock.replace(tzinfo=timezone.get_current_timezone())


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ChipRadio(forms.RadioSelect):
    template_name = "journal/widgets/chips.html"
    option_template_name = "django/forms/widgets/radio_option.html"


class ChipCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "journal/widgets/chips.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"


def state_field(axis: str, *, required: bool = True) -> forms.FloatField:
    """One axis of the two-axis state, with messages that say what the scale is."""
    low, high, start = (-5, 5, 0) if axis == "pleasant" else (0, 10, 5)
    scale = (
        "from −5 (unpleasant) to +5 (pleasant)"
        if axis == "pleasant"
        else "from 0 (low) to 10 (high)"
    )
    return forms.FloatField(
        required=required,
        min_value=low,
        max_value=high,
        step_size=0.5,
        initial=start,
        widget=RangeInput(attrs={"min": low, "max": high, "step": 0.5}),
        error_messages={
            "required": "Choose a point on this scale, or leave it in the middle.",
            "invalid": f"Give a number {scale}.",
            "min_value": f"This scale runs {scale}.",
            "max_value": f"This scale runs {scale}.",
            "step_size": STEP_MESSAGE,
        },
    )


def local_now_value(moment=None) -> str:
    """A moment (now, if none) as the form's date-and-time box shows it, to the minute."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def note_field(max_length: int, *, label: str = "Note", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "max_length": f"A note can be up to {max_length:,} characters; "
            "this one has %(show_value)s. Nothing is lost: shorten it and save again."
        },
    )


# The largest id a database column holds. SQLite refuses a bigger number outright
# (OverflowError) in the "id IN (…)" lookup a multiple choice runs.
LARGEST_ID = 2**63 - 1


class OwnRowsChoiceField(forms.ModelMultipleChoiceField):
    """A choice of the person's own rows; an id no row could have is simply not a choice."""

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = abs(int(pk)) > LARGEST_ID
            except (TypeError, ValueError):
                continue  # the parent names it as an invalid value
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


def zero_to_ten_field(label: str) -> forms.TypedChoiceField:
    """An optional 0–10 answer, as chips: "Not noted" until the person picks a number.

    A slider always sends the number it rests on, so an untouched one would record a 5
    the person never chose."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "Not noted"), *((n, str(n)) for n in range(11))],
        coerce=int,
        required=False,
        empty_value=None,
        widget=ChipRadio,
        error_messages={"invalid_choice": "Choose a number from 0 to 10, or Not noted."},
    )
