from django import forms
from django.utils import timezone

from withness.accounts.forms import TimeZoneField

from .imports import SOURCES
from .mapping import KEEP_WITHOUT_STATE, LEVEL_CHOICES

MAX_UPLOAD = 50 * 1024 * 1024
WITHNESS = "withness"
DETECT = "detect"


class ImportForm(forms.Form):
    source = forms.ChoiceField(
        label="Where is the file from?",
        choices=[
            (DETECT, "Find out from the file"),
            (WITHNESS, "withness (a JSON export)"),
            *SOURCES.items(),
        ],
        initial=DETECT,
    )
    file = forms.FileField(
        label="File",
        help_text="A withness JSON export, a Daylio or How We Feel or Bearable CSV, "
        "a jrnl JSON export or journal file, or contacts as a vCard (.vcf).",
        error_messages={
            "required": "Choose a file to import.",
            "empty": "That file is empty.",
        },
    )
    time_zone = TimeZoneField(
        label="Time zone of the times in the file",
        help_text="Most apps write times without a zone; we read them as local times here.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].initial = user.time_zone

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                "That file is larger than 50 MB. Split it, or import it with the command line."
            )
        return upload


class MappingForm(forms.Form):
    """One choice per mood label in the file: which state it stands for."""

    def __init__(self, *args, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = labels
        for index, review in enumerate(labels):
            self.fields[f"label_{index}"] = forms.ChoiceField(
                label=f"“{review.label}” ({review.count} "
                f"{'entry' if review.count == 1 else 'entries'})",
                choices=LEVEL_CHOICES,
                required=False,
                initial=review.suggested,
            )

    def rows(self):
        return [(review, self[f"label_{i}"]) for i, review in enumerate(self.labels)]

    def mapping(self) -> dict:
        chosen = {}
        for index, review in enumerate(self.labels):
            value = self.cleaned_data.get(f"label_{index}") or ""
            if value == KEEP_WITHOUT_STATE or value == "":
                continue
            chosen[review.label] = int(value)
        return chosen


class ImportedFilterForm(forms.Form):
    """Narrow the entries brought in from other apps to one app, or one month."""

    source = forms.ChoiceField(label="From which app", required=False)
    month = forms.DateField(
        label="Month",
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": "Month: give it as year and month, like 2026-03."},
    )

    def __init__(self, *args, sources: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "Every app")] + [
            (source, SOURCES.get(source, source)) for source in sources
        ]

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month and not 1900 <= month.year <= timezone.now().year + 1:
            raise forms.ValidationError("Month: choose one between 1900 and next year.")
        return month
