"""The API's payloads go through the same Django forms as the web, so the rules are shared.

Each `*_data` function turns a validated payload (merged over the current values when
changing something) into what the form expects; `clean` runs the form and turns its
errors into the API's `{"field", "message"}` items.
"""

from django import forms
from django.utils import timezone

from withness.journal import body
from withness.journal.forms import CheckInForm
from withness.journal.models import Activity, CheckIn, Level, Mode
from withness.journal.services import ENTRY_FIELDS, INTERACTION_FIELDS, SOLITUDE_FIELDS
from withness.people.services import PERSON_FIELDS

from .errors import BODY, FieldErrors, problem

# Form fields that exist only for the web's widgets, and the API field they stand for.
API_NAMES = {"own_signals": "body_signals", "__all__": BODY}


def day_taken(day: str) -> str:
    # No id of the check-in there: an add-only token must learn nothing it could not read.
    return (
        f"There is already a check-in for {day}. To change it, with a token that can read "
        f"and change entries, find it with GET /api/v1/checkins?since={day}&until={day}, "
        "then PATCH /api/v1/checkins/{id}."
    )


# Form messages that speak of the web's pages, by their code, as an API client needs them.
API_MESSAGES = {"day_taken": day_taken}

# The same field lists the services and forms use, so a field added there reaches the API.
CHECKIN_FIELDS = CheckInForm._meta.fields


def clean(form: forms.BaseForm, *, user) -> dict:
    """The form's cleaned data, or FieldErrors naming each field that doesn't fit."""
    # A time sent without an offset means the person's own clock, as in the web form.
    with timezone.override(user.zone):
        valid = form.is_valid()
    if valid:
        return form.cleaned_data
    errors = []
    for name, items in form.errors.as_data().items():
        for error in items:
            wording = API_MESSAGES.get(error.code)
            message = wording(**error.params) if wording else next(iter(error))
            errors.append(problem(API_NAMES.get(name, name), message))
    raise FieldErrors(errors)


COMMA = (
    "Leave out the comma: the journal reads a comma as the start of another one. "
    "Send each as its own item in the list."
)


def _commas_refused(values: dict, *names: str) -> None:
    """The form takes these lists as one comma-separated text, so an item with a comma in it
    ("Smith, Jo") would quietly become two. Refused instead, naming the item."""
    errors = [
        problem(f"{name}.{index}", COMMA)
        for name in names
        for index, item in enumerate(values.get(name) or [])
        if "," in item
    ]
    if errors:
        raise FieldErrors(errors)


def merged(payload, current: dict | None) -> dict:
    """What was sent, over the current values when changing something (PATCH semantics)."""
    sent = payload.dict(exclude_unset=True)
    _commas_refused(sent, "new_people", "body_signals")  # what was sent, not what is stored
    values = {**(current or {}), **sent}
    if "ended_at" in sent and "duration_min" not in sent:
        # A new end time replaces the stored length rather than losing to it.
        values.pop("duration_min", None)
    return values


def _current(obj, names) -> dict:
    return {name: getattr(obj, name) for name in names}


def person_values(person) -> dict:
    return _current(person, PERSON_FIELDS)


def solitude_values(solitude) -> dict:
    return _current(solitude, SOLITUDE_FIELDS)


def checkin_values(checkin) -> dict:
    return _current(checkin, CHECKIN_FIELDS)


def person_data(values: dict) -> dict:
    return {name: values.get(name) for name in PERSON_FIELDS}


def _entry_data(values: dict, *, creating: bool) -> dict:
    data = {name: values.get(name) for name in ENTRY_FIELDS + ["ended_at", "revision"]}
    if creating and data["started_at"] is None:
        data["started_at"] = timezone.now()
    after_later = values.get("after_later")
    if after_later is None:
        # An entry still waiting for its after-state stays waiting while other things change.
        after_later = not creating and (
            values.get("after_pleasant") is None and values.get("after_energy") is None
        )
    data["after_later"] = after_later
    return data


def interaction_data(values: dict, *, creating: bool) -> dict:
    data = _entry_data(values, creating=creating)
    signals = values.get("body_signals") or []
    data.update(
        people=list(values.get("people") or []),
        new_people=", ".join(values.get("new_people") or []),
        group=values.get("group"),
        group_size=values.get("group_size"),
        mode=values.get("mode") or Mode.IN_PERSON,
        setting=values.get("setting"),
        initiated_by=values.get("initiated_by"),
        depth=values.get("depth"),
        felt_safe=values.get("felt_safe"),
        energy_after=values.get("energy_after"),
        body_signals=[s for s in signals if s in body.LABELS],
        own_signals=", ".join(s for s in signals if s not in body.LABELS),
    )
    return data


def solitude_data(values: dict, *, creating: bool) -> dict:
    data = _entry_data(values, creating=creating)
    chosen, restorative = values.get("chosen"), values.get("restorative")
    data.update(
        chosen="no" if chosen is False else "yes",
        activity=values.get("activity") or Activity.REST,
        restorative={True: "yes", False: "no"}.get(restorative, ""),
    )
    return data


def checkin_data(values: dict) -> dict:
    data = {name: values.get(name) for name in CHECKIN_FIELDS + ["revision"]}
    for name in CheckIn.SIGNS:
        # Not mentioned means not present, as when no chip is chosen on the web.
        if data[name] is None:
            data[name] = Level.NONE
    return data


def interaction_values(interaction) -> dict:
    values = _current(interaction, INTERACTION_FIELDS)
    values["people"] = [p.pk for p in interaction.live_people()]
    return values
