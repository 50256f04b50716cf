"""Guards over the whole site: migrations, one heading and a plain title per page, the CSP,
inert user text."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from withness.hardening.sweep import Actor, Sweep, body, routes
from withness.testing.world import XSS_PAYLOAD, build_world

PROJECT = Path(__file__).resolve().parents[2]
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def test_no_model_change_lacks_a_migration(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"missing migrations (exit {exit_.code}):\n{out.getvalue()}")


def owner_pages(owner):
    """Every page the owner can reach: pages without ids, and every address their pages link to."""
    actor = Actor(owner)
    sweep = Sweep(owner=actor, outsider=actor)
    sweep.crawl()
    urls = {r.url({}) for r in routes() if not r.params}
    by_pattern = {r.pattern: r for r in routes()}
    for pattern, found in sweep.crawled.items():
        urls |= {by_pattern[pattern].url(kwargs) for kwargs in found}
    for url in sorted(urls):
        yield url, actor.request("get", url)


@pytest.fixture
def full_journal(owner):
    build_world(owner)
    return owner


def test_every_page_has_exactly_one_h1(full_journal):
    problems, pages = [], 0
    for url, response in owner_pages(full_journal):
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = body(response)
        if "<html" not in html:  # an htmx fragment, swapped into a page that has its heading
            continue
        pages += 1
        count = len(re.findall(r"<h1[\s>]", html))
        if count != 1:
            problems.append(f"{url}: {count} <h1>")
    assert pages > 20
    assert not problems, "\n".join(problems)


def test_every_page_has_a_title_in_plain_words(full_journal):
    # A template that leaves its title block open puts a whole section into the tab's name.
    titles = {}
    for url, response in owner_pages(full_journal):
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = body(response)
        if "<html" in html:  # a whole page, not an htmx fragment
            title = TITLE.search(html)
            titles[url] = title.group(1) if title else ""
    assert len(titles) > 30
    for page, title in titles.items():
        assert title.endswith(" · withness"), page
        assert "<" not in title and "\n" not in title.strip() and len(title) < 120, page


def test_every_page_sends_a_strict_content_security_policy(full_journal):
    problems, pages = [], 0
    for url, response in owner_pages(full_journal):
        if response.status_code >= 400 or response.streaming:
            continue
        pages += 1
        policy = response.get("Content-Security-Policy", "")
        if response["Content-Type"].startswith("image/svg+xml"):
            problems += svg_policy_problems(url, policy)
            continue
        if "default-src 'self'" not in policy or "script-src 'self'" not in policy:
            problems.append(f"{url}: no strict policy ({policy!r})")
        if "unsafe-inline" in policy or "unsafe-eval" in policy:
            problems.append(f"{url}: {policy!r}")
    assert pages > 20
    assert not problems, "\n".join(problems)


def svg_policy_problems(url, policy):
    """A chart opened on its own may keep matplotlib's inline styles, and nothing else."""
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    expected = {
        "default-src": "'none'",
        "style-src": "'unsafe-inline'",
        "frame-ancestors": "'none'",
    }
    return [] if directives == expected else [f"{url}: chart policy {policy!r}"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)


def templates():
    return [p for p in PROJECT.rglob("templates/**/*") if p.is_file() and ".venv" not in p.parts]


def test_no_template_has_inline_script_style_or_event_handlers():
    found = templates()
    assert len(found) > 30
    problems = []
    for path in found:
        text = path.read_text(errors="replace")
        for name, pattern in (
            ("inline <script>", INLINE_SCRIPT),
            ("style= attribute", STYLE_ATTRIBUTE),
            ("on*= handler", HANDLER),
            ("<style> element", STYLE_ELEMENT),
        ):
            if pattern.search(text) and path.suffix != ".svg":
                problems.append(f"{path.relative_to(PROJECT)}: {name}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<p style="color:red">',
        '<button onclick="go()">',
        "<style>p{}</style>",
    ],
)
def test_the_template_scan_notices_each_kind_of_inline_code(snippet):
    patterns = (INLINE_SCRIPT, STYLE_ATTRIBUTE, HANDLER, STYLE_ELEMENT)
    assert any(p.search(snippet) for p in patterns)
    assert not any(p.search('<script src="/static/app.js"></script>') for p in patterns)


def test_scripts_and_html_in_every_free_text_field_render_inert(owner):
    world = build_world(owner, xss=True)
    assert world.texts and XSS_PAYLOAD in world.texts
    problems, pages, shown = [], 0, 0
    for url, response in owner_pages(owner):
        kind = response.get("Content-Type", "")
        if response.status_code >= 400 or not kind.startswith(("text/html", "image/svg")):
            continue  # JSON, CSV and ICS are never parsed as HTML (nosniff is on)
        pages += 1
        html = body(response)
        shown += "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        for raw in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>x</b>"):
            if raw in html:
                problems.append(f"{url}: {raw!r} unescaped")
    assert pages > 20
    assert shown > 5  # the texts really reached the pages, escaped
    assert not problems, "\n".join(problems)
