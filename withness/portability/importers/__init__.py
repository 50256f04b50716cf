"""Parsers for the exports of the apps people come from (no Django here).

Each parser turns one file into a :class:`ParseResult`: plain dataclasses
(:class:`ImportedMood`, :class:`ImportedPerson`) and a per-row report
(:class:`RowProblem`, ``notes_about_file``, ``unmapped_labels``). Writing them
to the database is a separate step.

Usage::

    from zoneinfo import ZoneInfo
    from withness.portability import importers

    source = importers.detect(filename, head_bytes) or "daylio"
    result = importers.parse(source, open(path, "rb"), tz=ZoneInfo("Europe/Berlin"))
    # show result.unmapped_labels to the person; then
    result = importers.apply_label_mapping(result, {"average": 3, "sad": (-2.5, 2.5)})

Every parser has the signature
``parse(stream, *, tz, on_progress=None, **options)`` where ``stream`` is text,
bytes or a file object, ``tz`` is the zone naive times are in, and
``on_progress(rows_done)`` is called every few hundred rows and at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from . import bearable, daylio, howwefeel, jrnl, vcard
from .base import (
    ImportedMood,
    ImportedPerson,
    ImportFormatError,
    ParseResult,
    ProgressCallback,
    RowProblem,
)
from .detect import TITLES, detect
from .moods import LabelReview, apply_label_mapping, label_review
from .text import (
    Stream,
)

#: Source name → parser. Options beyond ``tz``/``on_progress``: jrnl takes
#: ``timeformat`` and ``people_prefix``; bearable takes ``mood_scale`` and
#: ``energy_scale``.
PARSERS: dict[str, Callable[..., ParseResult]] = {
    "daylio": daylio.parse,
    "jrnl": jrnl.parse,
    "howwefeel": howwefeel.parse,
    "bearable": bearable.parse,
    "vcard": vcard.parse,
}


def parse(
    source: str,
    stream: Stream,
    *,
    tz: ZoneInfo,
    on_progress: ProgressCallback = None,
    **options: Any,
) -> ParseResult:
    """Parse ``stream`` with the parser for ``source`` (a key of :data:`PARSERS`)."""
    try:
        parser = PARSERS[source]
    except KeyError:
        known = ", ".join(PARSERS)
        raise ImportFormatError(
            f"There is no importer called {source!r}; choose one of: {known}."
        ) from None
    return parser(stream, tz=tz, on_progress=on_progress, **options)


__all__ = [
    "PARSERS",
    "TITLES",
    "ImportFormatError",
    "ImportedMood",
    "ImportedPerson",
    "LabelReview",
    "ParseResult",
    "RowProblem",
    "apply_label_mapping",
    "detect",
    "label_review",
    "parse",
]
