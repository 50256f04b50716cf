"""The crisis lines behind Help now: loaded once from data/crisis_lines.json, and checked.

The file is the one place numbers live; docs/crisis-lines.md says how it is kept.
A broken file fails loudly (a system check at start-up, and CrisisLinesError here)
rather than leaving someone in need with a half-empty page.
"""

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from withness.accounts.countries import country_name, sort_key

DATA_FILE = Path(__file__).resolve().parent / "data" / "crisis_lines.json"
# Digits with spaces or dashes, an optional leading + or * (Chile's *4141), 3 to 15 digits.
PHONE = re.compile(r"^[*+]?[0-9](?:[0-9 -]*[0-9])?$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
KEYWORD = re.compile(r"^[A-Za-z0-9]{1,20}$")


class CrisisLinesError(ValueError):
    """The data file is missing, malformed, or has an entry we would not show."""


def is_phone_number(value: str) -> bool:
    digits = sum(ch.isdigit() for ch in value)
    return bool(PHONE.match(value)) and 3 <= digits <= 15


def dial(number: str) -> str:
    """What goes after tel: or sms: — the number without spaces or dashes."""
    return re.sub(r"[ -]", "", number)


@dataclass(frozen=True)
class Line:
    name: str
    for_whom: str
    source: str
    checked: date
    call: str = ""
    text: str = ""
    text_keyword: str = ""
    hours: str = ""

    @property
    def tel(self) -> str:
        return f"tel:{dial(self.call)}" if self.call else ""

    @property
    def source_label(self) -> str:
        host = urlsplit(self.source).netloc
        return host.removeprefix("www.")

    @property
    def sms(self) -> str:
        if not self.text:
            return ""
        body = f"?body={self.text_keyword}" if self.text_keyword else ""
        return f"sms:{dial(self.text)}{body}"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str
    lines: tuple[Line, ...]
    emergency_note: str = ""
    # "the United Kingdom": how the name reads after "in", when that differs.
    name_in_sentence: str = ""

    @property
    def in_sentence(self) -> str:
        return self.name_in_sentence or self.name

    @property
    def emergency_tel(self) -> str:
        return f"tel:{dial(self.emergency)}"


@dataclass(frozen=True)
class Directory:
    name: str
    url: str
    description: str
    source: str
    checked: date


@dataclass(frozen=True)
class CrisisLines:
    countries: dict[str, Country]
    international: Directory


@dataclass(frozen=True)
class HelpNow:
    """What Help now shows: one country's lines (or none), always the directory."""

    international: Directory
    country: Country | None = None
    emergency: str = ""
    lines: tuple[Line, ...] = field(default_factory=tuple)
    notice: str = ""
    from_settings: bool = False


def _text(entry: dict, key: str, where: str, problems: list, *, required=True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(f"{where}: '{key}' must be {'a non-empty' if required else 'a'} string.")
        return ""
    return value.strip()


def _url(entry: dict, key: str, where: str, problems: list) -> str:
    value = _text(entry, key, where, problems)
    if value and not value.startswith("https://"):
        problems.append(f"{where}: '{key}' must be an https:// address, not {value!r}.")
    return value


def _date(entry: dict, where: str, problems: list) -> date:
    value = _text(entry, "checked", where, problems)
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{where}: 'checked' must be a date like 2026-11-23, not {value!r}.")
        return date.min


def _number(entry: dict, key: str, where: str, problems: list, *, required=False) -> str:
    value = _text(entry, key, where, problems, required=required)
    if value and not is_phone_number(value):
        problems.append(f"{where}: '{key}' {value!r} does not look like a phone number.")
    return value


def _line(entry: dict, where: str, problems: list) -> Line:
    if not isinstance(entry, dict):
        problems.append(f"{where}: each line must be an object.")
        return Line("", "", "", date.min)
    line = Line(
        name=_text(entry, "name", where, problems),
        for_whom=_text(entry, "for", where, problems),
        source=_url(entry, "source", where, problems),
        checked=_date(entry, where, problems),
        call=_number(entry, "call", where, problems),
        text=_number(entry, "text", where, problems),
        text_keyword=_text(entry, "text_keyword", where, problems, required=False),
        hours=_text(entry, "hours", where, problems, required=False),
    )
    if not line.call and not line.text:
        problems.append(f"{where}: a line needs a 'call' or a 'text' number.")
    if line.text_keyword and not (line.text and KEYWORD.match(line.text_keyword)):
        problems.append(f"{where}: 'text_keyword' needs a 'text' number and plain letters.")
    return line


def _country(code: str, entry: dict, problems: list) -> Country:
    where = f"countries.{code}"
    if not COUNTRY_CODE.match(code):
        problems.append(f"{where}: keys must be ISO 3166-1 alpha-2 codes, like 'GB'.")
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be an object.")
        return Country(code, "", "", ())
    lines = entry.get("lines")
    if not isinstance(lines, list) or not lines:
        problems.append(f"{where}: needs at least one line.")
        lines = []
    return Country(
        code=code,
        name=_text(entry, "name", where, problems),
        emergency=_number(entry, "emergency", where, problems, required=True),
        emergency_note=_text(entry, "emergency_note", where, problems, required=False),
        name_in_sentence=_text(entry, "name_in_sentence", where, problems, required=False),
        lines=tuple(_line(line, f"{where}.lines[{i}]", problems) for i, line in enumerate(lines)),
    )


def parse(raw: dict) -> CrisisLines:
    """Check every entry and build the lines; raise CrisisLinesError listing each problem."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise CrisisLinesError("The crisis lines file must hold one JSON object.")
    directory = raw.get("international")
    if not isinstance(directory, dict):
        problems.append("'international' must be an object.")
        directory = {}
    international = Directory(
        name=_text(directory, "name", "international", problems),
        url=_url(directory, "url", "international", problems),
        description=_text(directory, "description", "international", problems),
        source=_url(directory, "source", "international", problems),
        checked=_date(directory, "international", problems),
    )
    countries = raw.get("countries")
    if not isinstance(countries, dict) or not countries:
        problems.append("'countries' must be an object with at least one country.")
        countries = {}
    parsed = {code: _country(code, entry, problems) for code, entry in countries.items()}
    if problems:
        raise CrisisLinesError("The crisis lines file has problems:\n" + "\n".join(problems))
    return CrisisLines(countries=parsed, international=international)


@cache
def load(path: Path = DATA_FILE) -> CrisisLines:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CrisisLinesError(f"Cannot read the crisis lines file {path}: {error}") from error
    return parse(raw)


def countries() -> list[Country]:
    """Every country with lines, by name, for the chooser."""
    return sorted(load().countries.values(), key=lambda country: sort_key(country.name))


def lines_for(country_code: str | None) -> HelpNow:
    """The lines, emergency number and directory for a country code (any case).

    An empty code gives just the directory; a code we have no lines for gives the
    directory and a notice saying so, never an error.
    """
    data = load()
    code = (country_code or "").strip().upper()
    if not code:
        return HelpNow(international=data.international)
    country = data.countries.get(code)
    if country is None:
        return HelpNow(international=data.international, notice=_no_lines_notice(code))
    return HelpNow(
        international=data.international,
        country=country,
        emergency=country.emergency,
        lines=country.lines,
    )


def help_for(requested: str | None, saved: str = "") -> HelpNow:
    """Help now for a request: ?country= when given (even empty, to choose again), else the
    country saved in the person's settings."""
    if requested is not None:
        return lines_for(requested[:8])
    return replace(lines_for(saved), from_settings=bool(saved))


def _no_lines_notice(code: str) -> str:
    name = country_name(code) if COUNTRY_CODE.match(code) else ""
    if name:
        return f"We don’t have lines for {name} in withness yet."
    return "We didn’t recognise that country."
