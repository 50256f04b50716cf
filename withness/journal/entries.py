"""What differs between kinds of entry, so one set of views serves them all."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, QueryDict

from withness.people.models import Person
from withness.people.selectors import person_in_query

from . import services
from .fields import local_now_value
from .forms import InteractionForm, SolitudeForm
from .models import Interaction, Solitude
from .selectors import KINDS, TimelineFilters

# This form stays on the revision it was opened on, so saving it again is refused again.
STALE_MESSAGE = (
    "This entry was changed somewhere else (another tab or device) after you opened it. "
    "Nothing was overwritten: what you typed is still below, but this form can't be saved "
    "now. Copy anything you want to keep, open the entry again to see what is saved, then "
    "make your change there."
)


@dataclass(frozen=True)
class EntrySpec:
    kind: str
    model: Any
    form: Any
    template: str
    title: str
    saved_message: str
    log: Any
    update_service: Any
    fields: list

    def update(self, entry, data):
        return self.update_service(**{self.kind: entry, "data": data})

    def initial(self, entry) -> dict:
        data = {name: getattr(entry, name) for name in self.fields}
        data["started_at"] = local_now_value(entry.started_at)
        data["revision"] = entry.revision
        data["after_later"] = entry.after_pleasant is None
        if self.kind == "interaction":
            data["people"] = [p.pk for p in entry.live_people()]
        if self.kind == "solitude":
            data["chosen"] = "yes" if entry.chosen else "no"
            data["restorative"] = {True: "yes", False: "no", None: ""}[entry.restorative]
        return data


SPECS = {
    "interaction": EntrySpec(
        kind="interaction",
        model=Interaction,
        form=InteractionForm,
        template="journal/interaction_form.html",
        title="Time with others",
        saved_message="Saved. Thank you for noticing how that felt.",
        log=services.interaction_log,
        update_service=services.interaction_update,
        fields=services.INTERACTION_FIELDS,
    ),
    "solitude": EntrySpec(
        kind="solitude",
        model=Solitude,
        form=SolitudeForm,
        template="journal/solitude_form.html",
        title="Time alone",
        saved_message="Saved. Time alone counts too.",
        log=services.solitude_log,
        update_service=services.solitude_update,
        fields=services.SOLITUDE_FIELDS,
    ),
}


def spec_for(kind: str) -> EntrySpec:
    try:
        return SPECS[kind]
    except KeyError:
        raise Http404 from None


def initial_for_new(request) -> dict:
    """Pre-fill who it was with when the page was opened from a person's page."""
    person = person_in_query(request)
    return {"people": [person.pk]} if person else {}


def model_for(kind: str):
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404 from None


class TimelineFilterForm(forms.Form):
    words = forms.CharField(
        label="Words",
        required=False,
        max_length=100,
        help_text="Found in notes, names, groups and body signals.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"max_length": "Search for up to 100 characters at a time."},
    )
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[
            ("", "Everything"),
            ("interaction", "Time with others"),
            ("solitude", "Time alone"),
            ("checkin", "Check-ins"),
        ],
    )
    person = forms.ModelChoiceField(
        label="With",
        required=False,
        queryset=Person.objects.none(),
        empty_label="Anyone",
        error_messages={"invalid_choice": "That person isn't in your list."},
    )
    start = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give a date, like 2026-03-01."},
    )
    end = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give a date, like 2026-03-31."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.for_user(user)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end date is before the start date.")
        return data


def timeline_filters(request):
    form = TimelineFilterForm(request.GET or None, user=request.user)
    if not form.is_bound or not form.is_valid():
        return TimelineFilters(), form
    data = form.cleaned_data
    kind = data["kind"] if data["kind"] in KINDS else ""
    return TimelineFilters(
        kind=kind, person=data["person"], start=data["start"], end=data["end"], words=data["words"]
    ), form


def query_without_page(request) -> str:
    query = QueryDict(mutable=True)
    query.update(request.GET)
    query.pop("page", None)
    return query.urlencode()
