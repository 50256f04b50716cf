from django import forms

from withness.journal.fields import ChipCheckboxes, ChipRadio, OwnRowsChoiceField
from withness.journal.forms import EARLIEST_YEAR
from withness.people.models import Person

from .models import MAX_ITEM_LENGTH, MAX_ITEMS, PART_HINTS, PlanPart, lines_of


class PersonChoices(OwnRowsChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def list_field(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=f"{help_text} One on each line.",
        required=False,
        max_length=MAX_ITEMS * (MAX_ITEM_LENGTH + 2),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": "This part is longer than a plan can hold. Try shorter lines.",
        },
    )


def people_field(label: str) -> PersonChoices:
    return PersonChoices(
        label=label,
        queryset=Person.objects.none(),
        required=False,
        widget=ChipCheckboxes(),
        error_messages={
            "invalid_choice": "One of those people is not in your list. Choose from it.",
            "invalid_pk_value": "One of those people is not in your list. Choose from it.",
        },
    )


class SafetyPlanForm(forms.Form):
    warning_signs = list_field(PlanPart.WARNING_SIGNS.label, PART_HINTS[PlanPart.WARNING_SIGNS])
    settle_alone = list_field(PlanPart.SETTLE_ALONE.label, PART_HINTS[PlanPart.SETTLE_ALONE])
    distractions = list_field(PlanPart.DISTRACTIONS.label, PART_HINTS[PlanPart.DISTRACTIONS])
    distraction_people = people_field("People from your journal who take your mind off things")
    ask_for_help = list_field(PlanPart.ASK_FOR_HELP.label, PART_HINTS[PlanPart.ASK_FOR_HELP])
    help_people = people_field("People from your journal you could ask")
    professionals = list_field(PlanPart.PROFESSIONALS.label, PART_HINTS[PlanPart.PROFESSIONALS])
    safer_surroundings = list_field(
        PlanPart.SAFER_SURROUNDINGS.label, PART_HINTS[PlanPart.SAFER_SURROUNDINGS]
    )
    reasons_for_living = list_field(
        "Reasons for living (if you like)",
        "What matters to you and keeps you going. You can leave this empty.",
    )

    LIST_FIELDS = [*(part.value for part in PlanPart), "reasons_for_living"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.for_user(user)
        self.fields["distraction_people"].queryset = people
        self.fields["help_people"].queryset = people
        if not people.exists():
            del self.fields["distraction_people"]
            del self.fields["help_people"]

    def _clean_list(self, name: str) -> str:
        items = lines_of(self.cleaned_data.get(name, ""))
        if len(items) > MAX_ITEMS:
            raise forms.ValidationError(
                f"A part holds up to {MAX_ITEMS} lines; this one has {len(items)}. "
                "Keep the ones that help most."
            )
        long = [i for i, item in enumerate(items, 1) if len(item) > MAX_ITEM_LENGTH]
        if long:
            raise forms.ValidationError(
                f"Line {long[0]} is longer than {MAX_ITEM_LENGTH} characters. "
                "Try splitting it into two lines."
            )
        return "\n".join(items)

    def clean(self):
        cleaned = super().clean()
        for name in self.LIST_FIELDS:
            if name in self.errors:
                continue
            try:
                cleaned[name] = self._clean_list(name)
            except forms.ValidationError as error:
                self.add_error(name, error)
        return cleaned


CADENCE_CHOICES = [(7, "Every week"), (14, "Every two weeks"), (28, "Every four weeks")]


class CarePreferencesForm(forms.Form):
    drift_note_on = forms.BooleanField(
        label="Show a gentle note on home when my journal shows a slide into isolation",
        required=False,
    )
    questionnaires_on = forms.BooleanField(
        label="Offer me the short questionnaires now and then", required=False
    )
    questionnaire_every_days = forms.TypedChoiceField(
        label="How often",
        choices=CADENCE_CHOICES,
        coerce=int,
        widget=ChipRadio,
        error_messages={"invalid_choice": "Choose every week, two weeks or four weeks."},
    )


class QuestionnaireForm(forms.Form):
    """One radio group per item; every item needs an answer for the score to mean anything."""

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        for number, item in enumerate(questionnaire.items, 1):
            self.fields[f"item_{number}"] = forms.TypedChoiceField(
                label=f"{questionnaire.lead_in.rstrip('…')} {item}"
                if questionnaire.lead_in.startswith("How often")
                else item,
                choices=questionnaire.choices,
                coerce=int,
                widget=ChipRadio,
                error_messages={
                    "required": "Choose the answer that fits best, even roughly.",
                    "invalid_choice": "Choose one of the answers listed.",
                },
            )

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"item_{n}"] for n in range(1, len(self.fields) + 1)]


MAX_SUMMARY_DAYS = 366
LINK_DAYS_DEFAULT = 14
LINK_DAYS_MAX = 90


class SummaryForm(forms.Form):
    """Dates, sections, how people are named, and the notes picked one by one.

    The people and notes on offer depend on the dates, so the view passes them in."""

    start = forms.DateField(
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Give the first day, like 2026-03-01.",
            "invalid": "Give the first day as year-month-day, like 2026-03-01.",
        },
    )
    end = forms.DateField(
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Give the last day, like 2026-03-28.",
            "invalid": "Give the last day as year-month-day, like 2026-03-28.",
        },
    )
    # Notes are not a part to tick here: ticking a note is what includes it, so the page
    # never shows "notes" unticked while a note below is ticked.
    sections = forms.MultipleChoiceField(
        label="What to include",
        required=False,
        choices=[],
        widget=ChipCheckboxes(),
        error_messages={"invalid_choice": "Choose parts from the list."},
    )
    notes = forms.MultipleChoiceField(
        label="Notes from these dates",
        help_text="Only the notes you tick go in. Tick none, and the summary has no notes.",
        required=False,
        choices=[],
        widget=ChipCheckboxes(),
        error_messages={"invalid_choice": "That note is not in these dates. Choose from the list."},
    )
    show_names = forms.BooleanField(label="Show people’s full names instead", required=False)

    def __init__(self, *args, user, people=(), notes=(), **kwargs):
        from .summary import Section, initials

        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["sections"].choices = [c for c in Section.choices if c[0] != Section.NOTES]
        self.fields["notes"].choices = [
            (n.key, f"{n.day:%-d %b} · {n.kind}: {n.text[:120]}") for n in notes
        ]
        self.people = list(people)
        for person in self.people:
            self.fields[f"label_{person.pk}"] = forms.CharField(
                label=f"Label for {person.name}",
                required=False,
                max_length=30,
                help_text=f"Shown as {initials(person.name)} if left empty.",
                error_messages={"max_length": "Keep a label to 30 characters or fewer."},
            )

    def label_fields(self):
        return [self[f"label_{p.pk}"] for p in self.people]

    def keep_choices(self, data):
        """After new dates are asked for (the whole form sent, unchecked and unsaved), start
        from every other choice as it was, so a part left out is not quietly put back in."""
        for name, field in self.fields.items():
            if name not in ("start", "end"):
                self.initial[name] = field.widget.value_from_datadict(data, None, name)

    def clean(self):
        from .summary import Section

        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The last day comes before the first. Swap them around?")
            elif end > self.user.today():
                self.add_error("end", "The last day can be today at the latest.")
            elif (end - start).days >= MAX_SUMMARY_DAYS:
                self.add_error("start", "A summary can cover up to a year. Choose a later start.")
            elif start.year < EARLIEST_YEAR:
                self.add_error("start", f"Choose a first day in {EARLIEST_YEAR} or later.")
        if "sections" in cleaned and "notes" in cleaned:
            if cleaned["notes"]:
                cleaned["sections"] = [*cleaned["sections"], Section.NOTES.value]
            elif not cleaned["sections"]:
                self.add_error("sections", "Choose at least one part to include, or a note.")
        cleaned["labels"] = {p.pk: cleaned.get(f"label_{p.pk}", "").strip() for p in self.people}
        return cleaned


class ShareLinkForm(forms.Form):
    days = forms.IntegerField(
        label="Open for how many days",
        initial=LINK_DAYS_DEFAULT,
        min_value=1,
        max_value=LINK_DAYS_MAX,
        error_messages={
            "required": f"Give a number of days, from 1 to {LINK_DAYS_MAX}.",
            "invalid": f"Give a whole number of days, from 1 to {LINK_DAYS_MAX}.",
            "min_value": "A link needs to stay open for at least one day.",
            "max_value": f"A link can stay open for up to {LINK_DAYS_MAX} days.",
        },
    )
