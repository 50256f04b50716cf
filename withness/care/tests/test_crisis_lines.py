import copy
import json
import re
from datetime import date

import pytest

from withness.accounts.countries import COUNTRIES
from withness.care import crisis_lines

RAW = json.loads(crisis_lines.DATA_FILE.read_text(encoding="utf-8"))
PHONE_SHAPE = re.compile(r"^[*+]?[0-9][0-9 -]*[0-9]$")


def every_line():
    for code, country in RAW["countries"].items():
        for line in country["lines"]:
            yield code, line


def test_the_file_loads_and_passes_its_own_checks():
    data = crisis_lines.load()

    assert len(data.countries) >= 25


def test_every_country_is_a_real_iso_code_with_a_name_and_an_emergency_number():
    for code, country in RAW["countries"].items():
        assert code in COUNTRIES, code
        assert country["name"].strip(), code
        assert PHONE_SHAPE.match(country["emergency"]), code


def test_every_country_has_at_least_one_line():
    for code, country in RAW["countries"].items():
        assert len(country["lines"]) >= 1, code


def test_every_line_has_a_name_a_purpose_a_number_a_source_and_a_checked_date():
    for code, line in every_line():
        where = f"{code}: {line.get('name')}"
        assert line["name"].strip() and line["for"].strip(), where
        assert line.get("call") or line.get("text"), where
        assert line["source"].startswith("https://"), where
        assert date.fromisoformat(line["checked"]) == date(2026, 11, 23), where


def test_every_number_looks_like_a_phone_number():
    for code, line in every_line():
        for key in ("call", "text"):
            if key in line:
                number = line[key]
                digits = sum(ch.isdigit() for ch in number)
                assert PHONE_SHAPE.match(number) and 3 <= digits <= 15, f"{code}: {number}"


def test_the_international_directory_is_find_a_helpline():
    directory = crisis_lines.load().international

    assert directory.url == "https://findahelpline.com"
    assert directory.description
    assert directory.checked == date(2026, 11, 23)


def test_well_known_lines_are_where_people_expect_them():
    calls = {
        code: {line.call for line in country.lines}
        for code, country in crisis_lines.load().countries.items()
    }
    assert "988" in calls["US"] and "988" in calls["CA"]
    assert "116 123" in calls["GB"] and "116 123" in calls["IE"]
    assert "13 11 14" in calls["AU"]
    assert "1737" in calls["NZ"]


def test_lines_for_a_country_bring_its_emergency_number_and_the_directory():
    help_now = crisis_lines.lines_for("gb")

    assert help_now.country.name == "United Kingdom"
    assert help_now.emergency == "999"
    assert help_now.lines[0].tel == "tel:116123"
    assert help_now.international.name == "Find A Helpline"
    assert not help_now.notice


def test_lines_for_no_country_give_only_the_directory():
    help_now = crisis_lines.lines_for("")

    assert help_now.country is None and help_now.lines == ()
    assert help_now.international.url == "https://findahelpline.com"
    assert not help_now.notice


def test_lines_for_a_country_without_data_say_so_by_name():
    help_now = crisis_lines.lines_for("PE")

    assert help_now.country is None
    assert help_now.notice == "We don’t have lines for Peru in withness yet."


@pytest.mark.parametrize("code", ["ZZ", "<script>", "1", "GBR", "ü"])
def test_lines_for_nonsense_say_the_country_was_not_recognised(code):
    assert crisis_lines.lines_for(code).notice == "We didn’t recognise that country."


def test_text_lines_become_sms_links_with_their_keyword():
    [shout] = [line for line in crisis_lines.lines_for("GB").lines if line.name == "Shout"]

    assert shout.sms == "sms:85258?body=SHOUT"
    assert shout.tel == ""


def test_a_saved_country_is_used_unless_the_request_asks_for_another():
    assert crisis_lines.help_for(None, "NZ").country.code == "NZ"
    assert crisis_lines.help_for(None, "NZ").from_settings
    assert crisis_lines.help_for("AU", "NZ").country.code == "AU"
    assert crisis_lines.help_for("", "NZ").country is None


def broken(change):
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda raw: raw["countries"]["GB"].pop("emergency"), "countries.GB: 'emergency'"),
        (lambda raw: raw["countries"]["GB"].update(lines=[]), "needs at least one line"),
        (lambda raw: raw["countries"]["GB"]["lines"][0].pop("source"), "'source'"),
        (lambda raw: raw["countries"]["GB"]["lines"][0].update(checked="soon"), "'checked'"),
        (lambda raw: raw["countries"]["GB"]["lines"][0].update(call="call us"), "phone number"),
        (lambda raw: raw["countries"]["US"]["lines"][1].pop("text"), "'call' or a 'text'"),
        (lambda raw: raw["countries"].update(gb=raw["countries"]["GB"]), "alpha-2"),
        (lambda raw: raw.pop("international"), "'international'"),
        (lambda raw: raw["international"].update(url="http://x"), "https://"),
    ],
)
def test_a_broken_file_is_refused_with_a_message_naming_the_problem(change, problem):
    with pytest.raises(crisis_lines.CrisisLinesError, match=re.escape(problem)):
        crisis_lines.parse(broken(change))


def test_an_unreadable_file_is_refused(tmp_path):
    bad = tmp_path / "lines.json"
    bad.write_text("{not json")

    with pytest.raises(crisis_lines.CrisisLinesError, match="Cannot read"):
        crisis_lines.load(bad)


def test_the_system_check_reports_a_broken_file(monkeypatch):
    from withness.care import checks

    def refuse(*args):
        raise crisis_lines.CrisisLinesError("The crisis lines file has problems")

    monkeypatch.setattr(crisis_lines, "load", refuse)

    [error] = checks.crisis_lines_file(None)
    assert error.id == "care.E001"
