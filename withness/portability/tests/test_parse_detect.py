"""The importers package as a whole: detection, dispatch, report, purity."""

import inspect
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from withness.portability import importers
from withness.portability.importers import ImportFormatError, detect

from .journals import SAMPLE_SOURCES, SAMPLES

TZ = ZoneInfo("UTC")


@pytest.mark.parametrize(("path", "source"), SAMPLE_SOURCES)
def test_detect_each_sample(path, source):
    head = (SAMPLES / path).read_bytes()[:2048]
    assert detect(path, head) == source
    if source:
        result = importers.parse(source, (SAMPLES / path).read_bytes(), tz=TZ)
        assert result.source == source
        assert result.moods or result.people


def test_detect_odd_inputs():
    assert detect("backup.daylio", b"PK\x03\x04rest") is None
    assert detect("", b"") is None
    assert detect("contacts.vcf", b"") == "vcard"
    assert detect("my.journal", b"") == "jrnl"
    assert detect("", "\ufeffDate,Mood,Tags (People)\n".encode()) == "howwefeel"
    assert detect("", "full_date,time,mood\n".encode("utf-16")) == "daylio"


def test_dispatch_and_unknown_source():
    assert set(importers.PARSERS) == set(importers.TITLES)
    with pytest.raises(ImportFormatError, match="choose one of: daylio, jrnl"):
        importers.parse("moodflow", "", tz=TZ)


def test_every_parser_takes_the_same_keywords():
    for parse in importers.PARSERS.values():
        params = inspect.signature(parse).parameters
        assert list(params)[:3] == ["stream", "tz", "on_progress"]
        assert params["tz"].kind is inspect.Parameter.KEYWORD_ONLY


def test_report_reads_plainly():
    data = (SAMPLES / "daylio/michaelcurrin_sample.csv").read_bytes()
    report = importers.parse("daylio", data, tz=TZ).report()
    assert report.splitlines()[0] == (
        "daylio: read 3 records; 3 entries and 0 people to import; 0 problems."
    )
    assert "'sad' (1), 'average' (2)" in report


def test_the_parsers_import_no_django():
    code = (
        "import sys, withness.portability.importers as i; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    root = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
