"""Guess which app a file came from, from its name and first bytes."""

from __future__ import annotations

import csv
import re

from .base import _norm_header
from .text import NEWLINE, decode_text

#: Source names the importers use, with the name people know the app by.
TITLES = {
    "daylio": "Daylio",
    "jrnl": "jrnl",
    "howwefeel": "How We Feel",
    "bearable": "Bearable",
    "vcard": "vCard contacts",
}

_JRNL_HEADER = re.compile(r"^\[?\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}")
_JRNL_BRACKET = re.compile(r"^\[[^\]\n]*\d[^\]\n]*\] ")


def _header_cells(line: str) -> set[str]:
    cells: set[str] = set()
    for delimiter in (",", ";", "\t"):
        try:
            row = next(csv.reader([line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        cells |= {_norm_header(c) for c in row}
    return cells


def detect(filename: str, head_bytes: bytes) -> str | None:
    """Return ``"daylio"``, ``"jrnl"``, ``"howwefeel"``, ``"bearable"``, ``"vcard"``
    or ``None`` when the file is none of them (or cannot be told)."""
    name = (filename or "").casefold()
    if head_bytes.startswith(b"PK\x03\x04"):
        return None
    text = decode_text(head_bytes[:65536])
    stripped = text.lstrip()
    first = next((line for line in NEWLINE.split(text) if line.strip()), "")
    if first.strip().upper() == "BEGIN:VCARD":
        return "vcard"
    if stripped.startswith("{") and '"entries"' in text:
        return "jrnl"
    cells = _header_cells(first)
    if "mood" in cells and "time" in cells and ("full date" in cells or "year" in cells):
        return "daylio"
    if "date" in cells and "mood" in cells and "tags (people)" in cells:
        return "howwefeel"
    if "category" in cells and "time of day" in cells:
        return "bearable"
    if cells & {"first name", "last name", "nickname"} and cells & {"first name", "last name"}:
        return "vcard"
    if _JRNL_HEADER.match(stripped) or _JRNL_BRACKET.match(stripped):
        return "jrnl"
    if name.endswith((".vcf", ".vcard")):
        return "vcard"
    if name.endswith(".journal"):
        return "jrnl"
    return None
