"""A summary for a therapist: built once from the journal, then frozen as a snapshot.

The snapshot is plain JSON (text, tables, and charts as SVG for screens and PNG for the
PDF), so the preview, the print view, the PDF and a share link all show exactly the same
thing, and nothing in the journal can leak into a shared summary after it was previewed.
People appear by initials or the label the person chose, unless they chose names; their
names inside the person's own words (picked notes, beliefs, the safety plan) are swapped too.
"""

import base64
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import timezone

from withness.analysis.states import REGION_WORDS, region_of
from withness.growth.models import Belief, Share
from withness.journal.models import CheckIn, Interaction, Solitude
from withness.people.models import Person

from . import charts
from .models import Instrument, QuestionnaireAnswer
from .questionnaires import QUESTIONNAIRES
from .services import safety_plan_for


class Section(models.TextChoices):
    STATES = "states", "States over time"
    PEOPLE = "people", "Who and what tends to settle or drain me"
    SOLITUDE = "solitude", "Time alone and time with others"
    QUESTIONNAIRES = "questionnaires", "Questionnaire scores"
    GROWTH = "growth", "Opening up, and beliefs about connection"
    NOTES = "notes", "Notes I picked"
    SAFETY_PLAN = "safety_plan", "My safety plan"


MIN_TO_SAY = 5  # fewer entries than this about someone: too few to say anything
CLEAR_CHANGE = 0.5  # average change in pleasantness (points on −5..5) that reads as a tendency


def initials(name: str) -> str:
    letters = [part[0] for part in name.replace("-", " ").split() if part and part[0].isalnum()]
    return ".".join(letters[:3]).upper() + "." if letters else "?"


# Scripts written without spaces between words (Thai, Japanese kana, Chinese characters): a
# name there has no word edge to find, so a neighbour in them counts as an edge. Hiding a
# little too much beats leaving a name in a summary someone else reads.
UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_BEFORE = rf"(?<![^\W{UNSPACED}])"
WORD_AFTER = rf"(?![^\W{UNSPACED}])"


def _words(name: str) -> list[str]:
    return unicodedata.normalize("NFC", name).split()


def name_swaps(people, label) -> dict[str, str]:
    """Each way the person may have written someone's name, with what the summary shows instead.

    The whole name, and each part of it on its own ("Samira" of "Samira Okafor"), so long as
    the part has two letters or more and was not written in lower case: "my sister" stays a
    name only as a whole, so "my" elsewhere is left alone. Earlier people win a shared part.
    """
    swaps: dict[str, str] = {}
    seen: set[str] = set()
    people = list(people)
    wholes = [(_words(p.name), label(p)) for p in people]
    parts = [
        ([part], label(p))
        for p in people
        for part in _words(p.name)
        if len(part) >= 2 and not part[0].islower()
    ]
    for words, shown in wholes + parts:
        key = " ".join(words).casefold()
        if words and key not in seen:
            seen.add(key)
            swaps[" ".join(words)] = shown
    return swaps


def name_hider(swaps: dict[str, str]) -> Callable[[str], str]:
    """What turns a text into the text with every name in `swaps` replaced by what it maps
    to: whole words only, in any case, the longest name first (so "Samira Okafor" goes
    before "Samira"), in one pass (so a label is never swapped again).

    The pattern is built once here, for all the notes, beliefs and plan lines of a summary.
    With no names to hide, a text comes back exactly as it was.
    """
    names = sorted((n for n in swaps if n.strip()), key=lambda n: (-len(n), n))
    if not names:
        return lambda text: text
    shown = [swaps[name] for name in names]
    alternatives = "|".join(
        "(" + r"\s+".join(re.escape(word) for word in _words(name)) + ")" for name in names
    )
    pattern = re.compile(f"{WORD_BEFORE}(?:{alternatives}){WORD_AFTER}", re.IGNORECASE)

    def hide(text: str) -> str:
        return pattern.sub(
            lambda match: shown[match.lastindex - 1], unicodedata.normalize("NFC", text)
        )

    return hide


@dataclass(frozen=True)
class NoteChoice:
    key: str  # "interaction-12", "solitude-4", "checkin-9"
    day: date
    kind: str
    text: str


def _window(user, start: date, end: date) -> tuple[datetime, datetime]:
    zone = user.zone
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone),
    )


def notes_in_range(user, start: date, end: date) -> list[NoteChoice]:
    """Every note the person wrote in the range, for them to pick from one by one."""
    since, until = _window(user, start, end)
    zone = user.zone
    found = []
    for model, kind in ((Interaction, "Time with others"), (Solitude, "Time alone")):
        rows = model.objects.for_user(user).filter(started_at__gte=since, started_at__lt=until)
        for row in rows.exclude(note=""):
            day = row.started_at.astimezone(zone).date()
            found.append(NoteChoice(f"{model.__name__.lower()}-{row.pk}", day, kind, row.note))
    checkins = CheckIn.objects.for_user(user).filter(day__gte=start, day__lte=end)
    for row in checkins.exclude(note=""):
        found.append(NoteChoice(f"checkin-{row.pk}", row.day, "Check-in", row.note))
    return sorted(found, key=lambda n: (n.day, n.key))


def people_in_range(user, start: date, end: date) -> list[Person]:
    since, until = _window(user, start, end)
    ids = set(
        Interaction.objects.for_user(user)
        .filter(started_at__gte=since, started_at__lt=until)
        .values_list("people", flat=True)
    )
    ids |= set(
        Share.objects.for_user(user)
        .filter(shared_on__gte=start, shared_on__lte=end)
        .values_list("person", flat=True)
    )
    return list(Person.objects.for_user(user).filter(pk__in=ids - {None}))


def _chart(svg: bytes, png: bytes, alt: str) -> dict:
    return {"alt": alt, "svg": svg.decode(), "png": base64.b64encode(png).decode()}


def _table(caption, headers, rows) -> dict:
    return {"caption": caption, "headers": headers, "rows": [[str(c) for c in r] for r in rows]}


def _states(user, start, end) -> dict:
    rows = list(
        CheckIn.objects.for_user(user)
        .filter(day__gte=start, day__lte=end)
        .order_by("day", "recorded_at")
        .values_list("day", "pleasant", "energy")
    )
    if not rows:
        return {"paragraphs": ["No check-ins in these dates."]}
    regions = Counter(REGION_WORDS[region_of(p, e)] for _, p, e in rows)
    days = [d for d, _, _ in rows]
    pleasant = [p for _, p, _ in rows]
    energy = [e for _, _, e in rows]
    alt = (
        f"How pleasant (−5 to 5) and how much energy (0 to 10) at {len(rows)} check-ins "
        "over these dates; the table has the states in words."
    )
    return {
        "paragraphs": [
            f"{len(rows)} check-ins. Most often: {regions.most_common(1)[0][0]}. "
            "These are my own quick readings of how I felt, not measurements."
        ],
        "charts": [
            _chart(
                charts.states_chart(days, pleasant, energy),
                charts.states_chart(days, pleasant, energy, format="png"),
                alt,
            )
        ],
        "tables": [
            _table(
                "How the check-ins felt",
                ["State", "Check-ins"],
                regions.most_common(),
            )
        ],
    }


def _tendency(changes: list[float]) -> tuple[str, str]:
    if len(changes) < MIN_TO_SAY:
        return "too few entries to say", "—"
    mean = sum(changes) / len(changes)
    if mean >= CLEAR_CHANGE:
        words = "tends to leave me more settled"
    elif mean <= -CLEAR_CHANGE:
        words = "tends to cost me more than it gives"
    else:
        words = "no clear pattern"
    return words, f"{mean:+.1f}"


def _people(user, start, end, label) -> dict:
    since, until = _window(user, start, end)
    changes: dict[int, list[float]] = {}
    counts: Counter = Counter()
    interactions = (
        Interaction.objects.for_user(user)
        .filter(started_at__gte=since, started_at__lt=until)
        .prefetch_related("people")
    )
    modes: dict[str, list[float]] = {}
    for row in interactions:
        change = row.state_change()
        for person in row.people.all():
            if person.deleted_at is not None:
                continue
            counts[person.pk] += 1
            if change is not None:
                changes.setdefault(person.pk, []).append(change)
        if change is not None:
            modes.setdefault(row.get_mode_display(), []).append(change)
    people = {p.pk: p for p in Person.objects.for_user(user).filter(pk__in=counts)}
    rows = []
    for pk, times in counts.most_common():
        words, mean = _tendency(changes.get(pk, []))
        rows.append([label(people[pk]), times, mean, words])
    mode_rows = [[mode, len(c), *reversed(_tendency(c))] for mode, c in sorted(modes.items())]
    if not rows and not mode_rows:
        return {"paragraphs": ["No time with others logged in these dates."]}
    return {
        "paragraphs": [
            "Average change is how much more (+) or less (−) pleasant I felt after than "
            f"before, on a scale from −5 to 5. With fewer than {MIN_TO_SAY} entries I leave "
            "it unsaid; even then these are tendencies in a few weeks of my journal, not verdicts."
        ],
        "tables": [
            _table("People", ["Who", "Times", "Average change", "In words"], rows),
            _table("Kinds of contact", ["How", "Times", "Average change", "In words"], mode_rows),
        ],
    }


def _solitude(user, start, end) -> dict:
    since, until = _window(user, start, end)
    alone = Solitude.objects.for_user(user).filter(started_at__gte=since, started_at__lt=until)
    together = Interaction.objects.for_user(user).filter(
        started_at__gte=since, started_at__lt=until
    )
    chosen = sum(r.duration_min for r in alone if r.chosen)
    unchosen = sum(r.duration_min for r in alone if not r.chosen)
    rated = [r.restorative for r in alone if r.restorative is not None]
    others = sum(r.duration_min for r in together)
    weeks = max(1, ((end - start).days + 1) / 7)
    rows = [
        ["With others", f"{others / 60:.1f}", f"{others / 60 / weeks:.1f}"],
        ["Alone, by choice", f"{chosen / 60:.1f}", f"{chosen / 60 / weeks:.1f}"],
        ["Alone, not by choice", f"{unchosen / 60:.1f}", f"{unchosen / 60 / weeks:.1f}"],
    ]
    paragraphs = []
    if rated:
        restful = sum(rated)
        paragraphs.append(f"{restful} of {len(rated)} rated times alone felt restorative.")
    if not (others or chosen or unchosen):
        return {"paragraphs": ["No time alone or with others logged in these dates."]}
    return {
        "paragraphs": paragraphs,
        "tables": [_table("Hours logged", ["", "Hours", "Hours a week"], rows)],
    }


def _questionnaires(user, start, end) -> dict:
    charts_out, tables = [], []
    for key in (Instrument.WHO5, Instrument.UCLA3):
        questionnaire = QUESTIONNAIRES[key]
        answers = list(
            QuestionnaireAnswer.objects.for_user(user).filter(
                instrument=key, answered_on__gte=start, answered_on__lte=end
            )
        )
        if not answers:
            continue
        charts_out.append(
            _chart(
                charts.score_chart(questionnaire, answers),
                charts.score_chart(questionnaire, answers, format="png"),
                f"{questionnaire.name} scores over these dates "
                f"({questionnaire.low}–{questionnaire.high}; {questionnaire.higher_means}).",
            )
        )
        tables.append(
            _table(
                f"{questionnaire.name} ({questionnaire.low}–{questionnaire.high}; "
                f"{questionnaire.higher_means})",
                ["Date", "Score"],
                [[a.answered_on.strftime("%-d %b %Y"), a.score] for a in answers],
            )
        )
    if not tables:
        return {"paragraphs": ["No questionnaires answered in these dates."]}
    return {
        "paragraphs": ["Scores describe how the last while felt; they are not a diagnosis."],
        "charts": charts_out,
        "tables": tables,
    }


def _growth(user, start, end, label, hide) -> dict:
    shares = Share.objects.for_user(user).filter(shared_on__gte=start, shared_on__lte=end)
    share_rows = [
        [s.shared_on.strftime("%-d %b %Y"), label(s.person), s.get_response_display()]
        for s in shares.select_related("person").order_by("shared_on", "pk")
        if s.person.deleted_at is None
    ]
    since, until = _window(user, start, end)
    belief_rows = []
    for belief in Belief.objects.for_user(user).order_by("pk"):
        ratings = list(
            belief.ratings.filter(
                deleted_at__isnull=True, rated_at__gte=since, rated_at__lt=until
            ).order_by("rated_at", "pk")
        )
        if ratings:
            first, last = ratings[0], ratings[-1]
            belief_rows.append([hide(belief.belief), f"{first.belief_true} → {last.belief_true}"])
    if not share_rows and not belief_rows:
        return {
            "paragraphs": ["Nothing about opening up, or beliefs about connection, in these dates."]
        }
    tables = []
    if share_rows:
        tables.append(
            _table(
                "Times I let someone see a little more of me, and how they met it",
                ["Date", "With", "How they met it"],
                share_rows,
            )
        )
    if belief_rows:
        tables.append(
            _table(
                "Beliefs about connection: how true they felt (0–100), first → latest",
                ["Belief", "How true"],
                belief_rows,
            )
        )
    return {"tables": tables}


def _notes(user, start, end, picked: list[str], hide) -> dict:
    chosen = [n for n in notes_in_range(user, start, end) if n.key in set(picked)]
    if not chosen:
        return {"paragraphs": ["No notes picked."]}
    return {"entries": [f"{n.day:%-d %b %Y} · {n.kind}: {hide(n.text)}" for n in chosen]}


def _safety_plan(user, label, hide) -> dict:
    plan = safety_plan_for(user)
    if plan is None or plan.is_empty:
        return {"paragraphs": ["No safety plan written yet."]}
    lists = [
        {
            "title": part["title"],
            "items": [hide(item) for item in part["items"]] + [label(p) for p in part["people"]],
        }
        for part in plan.parts()
    ]
    if plan.reasons:
        lists.append({"title": "Reasons for living", "items": [hide(r) for r in plan.reasons]})
    # A part left empty is simply not there: a reader needs what is written, not the gaps.
    return {"lists": [part for part in lists if part["items"]]}


def summary_build(
    *, user, start: date, end: date, sections: list[str], show_names: bool = False,
    labels: dict[int, str] | None = None, notes: list[str] = (),
) -> dict:  # fmt: skip
    """The snapshot: everything a preview, print, PDF or share link will ever show."""
    labels = labels or {}

    def label(person: Person) -> str:
        if show_names:
            return person.name
        return labels.get(person.pk) or initials(person.name)

    swaps: dict[str, str] = {}
    if not show_names:
        # Everyone the person ever named, deleted people too: an old note may still name them.
        everyone = [*Person.objects.for_user(user), *Person.objects.deleted_for(user)]
        swaps = name_swaps(everyone, label)
    hide = name_hider(swaps)

    builders = {
        Section.STATES: lambda: _states(user, start, end),
        Section.PEOPLE: lambda: _people(user, start, end, label),
        Section.SOLITUDE: lambda: _solitude(user, start, end),
        Section.QUESTIONNAIRES: lambda: _questionnaires(user, start, end),
        Section.GROWTH: lambda: _growth(user, start, end, label, hide),
        Section.NOTES: lambda: _notes(user, start, end, list(notes), hide),
        Section.SAFETY_PLAN: lambda: _safety_plan(user, label, hide),
    }
    return {
        "title": "A summary from my withness journal",
        "range": f"{start:%-d %B %Y} to {end:%-d %B %Y}",
        "made_on": f"{user.today():%-d %B %Y}",
        "people_as": "names" if show_names else "initials or labels",
        "sections": [
            {"key": key, "title": Section(key).label, **builders[Section(key)]()}
            for key in Section.values
            if key in sections
        ],
    }
