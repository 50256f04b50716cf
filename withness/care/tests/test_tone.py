"""The tone check: words that must never reach a person, across every app.

withness speaks to people who may be tired, ashamed or frightened. These words judge,
pressure or diagnose, so no template and no user-facing string may contain them. The
check reads every template under withness/ and the string literals (not docstrings, not
identifiers) of each app's forms, views, services, selectors and models (choice labels), and care's
own modules of words; it fails with the file and line.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the withness package

# Each word or phrase, as a regular expression, with the reason it must not appear.
FORBIDDEN = {
    r"\bstreaks?\b": "Streaks turn rest into a broken chain; the brief rules them out.",
    r"\bfail(s|ed|ing|ure)?\b": "Missing a day or a step is not a failure; the word shames.",
    r"\bmiss(ed|ing out)\b": "‘You missed…’ scolds; say what is there instead.",
    r"\byou must\b": "We invite (‘you might’), never command.",
    r"\byou should\b": "We invite, never prescribe.",
    r"\byou need to\b": "We invite, never prescribe.",
    r"\bdiagnos\w*": "withness does not diagnose, and says so; it never names a condition.",
    r"\bdisorders?\b": "Clinical labels are for clinicians, not a journal.",
    r"\brisk scores?\b": "We do not predict crises or score people.",
    r"\bcrisis scores?\b": "We do not predict crises or score people.",
    r"\bat[- ]risk\b": "We do not predict crises or label people.",
    r"\bsymptoms? of\b": "Reads as a diagnosis; describe the experience instead.",
    r"\bsuffer(s|ing)? from\b": "Reads as a diagnosis; describe the experience instead.",
    r"\bpatients?\b": "The person using withness is a person, not a patient.",
    r"\bnon-?complian\w*": "Clinical blame; there is nothing to comply with.",
    r"\bbehind schedule\b": "There is no schedule to fall behind; healing follows its own pace.",
    r"\boverdue\b": "Reminders are gentle; nothing is ever overdue.",
    r"\blazy\b": "Shaming.",
    r"\bweak(ness)?\b": "Shaming.",
    r"\bgive up\b": "Frames rest as defeat.",
    r"\bno excuses?\b": "Pressure.",
    r"\bbroken\b": "People are not broken.",
}
PATTERNS = [(re.compile(p, re.IGNORECASE), p, why) for p, why in FORBIDDEN.items()]

# Saying what withness is *not* is the point ("not a diagnosis", "nothing is ever overdue"),
# so a word shortly after a negation in the same clause is allowed.
NEGATION = re.compile(
    r"\b(not|never|nothing|no|nor|without|don['’]t|doesn['’]t)\b[^.;:!?]{0,30}$", re.I
)

# Legitimate uses, each with its reason: (path relative to withness/, the stripped line).
ALLOWED = {
    ("growth/views.py", '"Needing someone means I\'m weak.",'): (
        "a limiting belief offered as a starter for the person to reframe, in their voice"
    ),
}

PYTHON_FILES = ("forms.py", "views.py", "services.py", "selectors.py", "models.py")
# Strings that are code, not words for people: URL names, field names, CSS classes, keys.
IDENTIFIER = re.compile(r"^[\w.:/-]*$")


def template_files():
    return sorted(
        path
        for path in ROOT.glob("**/templates/**/*")
        if path.is_file() and path.suffix in {".html", ".txt", ".ics", ".xml"}
    )


# Care's own modules that hold words for people (the note, questionnaires, summaries, PDFs).
CARE_FILES = ("drift_note.py", "questionnaires.py", "summary.py", "summary_views.py", "pdf.py")


def python_files():
    found = {
        path
        for name in PYTHON_FILES
        for path in ROOT.glob(f"**/{name}")
        if "tests" not in path.parts and "migrations" not in path.parts
    }
    found |= {ROOT / "care" / name for name in CARE_FILES}
    return sorted(found)


TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)
TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}", re.DOTALL)
QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")
# Attribute values that hold code (classes, ids, names, URLs), not words a person reads.
CODE_ATTRIBUTE = re.compile(
    r"\b(class|id|name|for|href|src|action|method|type|rel|value|hx-[\w-]+|data-[\w-]+|"
    r"loading|decoding|autocomplete|inputmode|aria-(?:labelledby|describedby|controls))=\"[^\"]*\""
)


def _blank(match: re.Match) -> str:
    """Keep line numbers: replace a match with its newlines only."""
    return "\n" * match.group(0).count("\n")


def _words_in_template_code(match: re.Match) -> str:
    """Template tags keep only their quoted strings (labels passed to includes), not names."""
    strings = [a or b for a, b in QUOTED.findall(match.group(0))]
    kept = " ".join(s for s in strings if not IDENTIFIER.match(s))
    return kept + "\n" * match.group(0).count("\n")


def template_lines(path: Path):
    text = path.read_text(encoding="utf-8")
    text = TEMPLATE_COMMENT.sub(_blank, text)
    text = TEMPLATE_CODE.sub(_words_in_template_code, text)
    text = CODE_ATTRIBUTE.sub(_blank, text)
    original = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line, original[number - 1] if number <= len(original) else line


def _docstrings(tree) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def python_lines(path: Path):
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    skip = _docstrings(tree)
    lines = source.splitlines()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if id(node) in skip or IDENTIFIER.match(node.value):
            continue
        yield node.lineno, node.value, lines[node.lineno - 1].strip()


def findings(lines, relative: str):
    for number, text, shown in lines:
        for pattern, raw, why in PATTERNS:
            if (relative, shown.strip()) in ALLOWED:
                continue
            if any(not NEGATION.search(text[: m.start()]) for m in pattern.finditer(text)):
                yield f"withness/{relative}:{number}: {raw!r} in {shown.strip()[:120]!r} — {why}"


def all_findings():
    found = []
    for path in template_files():
        found += findings(template_lines(path), path.relative_to(ROOT).as_posix())
    for path in python_files():
        found += findings(python_lines(path), path.relative_to(ROOT).as_posix())
    return found


def test_no_template_or_user_facing_string_uses_a_word_that_judges_or_diagnoses():
    found = all_findings()
    assert not found, "Words we never say to a person:\n" + "\n".join(found)


# The check itself must be able to fail: each of these would be caught.
@pytest.mark.parametrize(
    "line",
    [
        "<p>You missed three days.</p>",
        "<p>Keep your streak going!</p>",
        "<p>This may be a sign of a disorder.</p>",
        "<p>You must log every day.</p>",
        "<p>Your risk score is high.</p>",
        "<p>Symptoms of loneliness</p>",
        "<p>This looks like a diagnosis.</p>",
        '{% include "x.html" with label="You failed today" %}',
    ],
)
def test_the_check_catches_a_forbidden_word_in_a_template(tmp_path, line):
    page = tmp_path / "page.html"
    page.write_text(f"<main>\n{line}\n</main>\n")

    found = list(findings(template_lines(page), "care/templates/care/page.html"))

    assert found
    assert found[0].startswith("withness/care/templates/care/page.html:2:")


@pytest.mark.parametrize(
    "line",
    [
        '<p class="missed-day" id="streak">Some rest</p>',
        "{% if missed %}<p>Welcome back.</p>{% endif %}",
        "{# we never say streak #}<p>Hello</p>",
        "<p>A way of noticing, not a diagnosis.</p>",
        "<p>Nothing is ever overdue.</p>",
    ],
)
def test_the_check_ignores_code_that_no_one_reads(tmp_path, line):
    page = tmp_path / "page.html"
    page.write_text(f"<main>\n{line}\n</main>\n")

    assert not list(findings(template_lines(page), "care/templates/care/page.html"))


def test_the_check_reads_python_strings_but_not_docstrings_or_identifiers(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        '"""Never mentions a streak to anyone."""\n'
        'KEY = "missed_days"\n'
        'MESSAGE = f"You failed {KEY}"\n'
    )

    found = list(findings(python_lines(module), "x/views.py"))

    assert len(found) == 1
    assert found[0].startswith("withness/x/views.py:3:")


def test_the_check_covers_every_app():
    apps = {path.relative_to(ROOT).parts[0] for path in template_files()}
    assert {"care", "journal", "people", "growth", "insights", "accounts"} <= apps
    assert any(p.name == "forms.py" and "journal" in p.parts for p in python_files())
