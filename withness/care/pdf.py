"""PDFs made with fpdf2 (pure Python, installs with pip alone), in DejaVu Sans.

DejaVu Sans ships inside matplotlib, which the charts already need, so there is no extra font
to vendor. It covers Latin with its accents, Greek, Cyrillic, curly quotes and a few symbols,
and those print as typed. It has no Chinese, Japanese or Korean and few emoji; without text
shaping, Arabic and Hebrew print letter by letter, left to right, and Arabic unjoined. Where a
note holds characters the font has no glyph for, the PDF prints a short marker (MISSING) in
their place rather than dropping them without a trace; the page, printed from the browser,
shows them all.
"""

import base64
import functools
import io
import json
import unicodedata
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont
from fpdf import FPDF

from withness.charts import GREEN

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
INK = (40, 40, 40)
MUTED = (100, 100, 100)
ACCENT = tuple(bytes.fromhex(GREEN.removeprefix("#")))  # the charts' and the page's green
MISSING = "[characters this PDF can’t show]"
INVISIBLE = {"Mn", "Cf"}  # marks, joiners and emoji variation selectors: nothing of their own
RIGHT_TO_LEFT = ("R", "AL")  # Hebrew, Arabic and their kin (unicodedata.bidirectional)


def drawable(text: str, cmap) -> str:
    """text with each run of characters the font can't draw (spaces within it too) as MISSING."""
    out, held, missing = [], "", False
    for char in text:
        lacks = _lacks(char, cmap)
        invisible = unicodedata.category(char) in INVISIBLE
        if lacks and not invisible:
            if not missing:
                out.append(MISSING)
            held, missing = "", True
        elif missing and (char == " " or invisible):
            held += char  # inside the run or just after it: what comes next decides
        elif not lacks:
            out += [_spaces(held), char]
            held, missing = "", False
    return "".join([*out, _spaces(held)])


def _lacks(char: str, cmap) -> bool:
    """Whether the font has no glyph for a character that needs one (line breaks and tabs
    are layout, not glyphs)."""
    return ord(char) not in cmap and char not in "\n\r\t"


def _spaces(held: str) -> str:
    """What was held when a run ends: its spaces stand, its marks belonged to the run
    ("नमस्ते" is one marker, not a marker and a vowel sign the font has no glyph for)."""
    return "".join(char for char in held if char == " ")


@functools.cache
def _regular_cmap() -> frozenset[int]:
    return frozenset(TTFont(FONT_DIR / "DejaVuSans.ttf").getBestCmap())


@functools.cache
def _shared_cmap() -> frozenset[int]:
    """What both the regular and the bold font can draw: titles and names are set in bold,
    which lacks some of the regular's glyphs."""
    return _regular_cmap() & frozenset(TTFont(FONT_DIR / "DejaVuSans-Bold.ttf").getBestCmap())


def _draws_as_typed(text: str, cmap) -> bool:
    """Whether a font with this cmap shows every character of text as typed.

    Not when the font lacks one, and not for right-to-left writing (Hebrew, Arabic): without
    text shaping the PDF prints it letter by letter, left to right, and Arabic unjoined.
    """
    return all(
        (not _lacks(char, cmap) or unicodedata.category(char) in INVISIBLE)
        and unicodedata.bidirectional(char) not in RIGHT_TO_LEFT
        for char in set(text)
    )


def draws_all(snapshot) -> bool:
    """Whether the PDF of this summary shows every character in it as typed (in bold or not:
    a person's words can be a title or a name, set in bold)."""
    text = json.dumps(snapshot, ensure_ascii=False) if isinstance(snapshot, dict) else ""
    return _draws_as_typed(text, _shared_cmap())


def plan_draws_all(plan, *, emergency: str = "") -> bool:
    """Whether the PDF of this safety plan shows all of the person's writing as typed: their
    lines, the names of the people in it and their reasons, each set in the regular font."""
    words = [emergency, *plan.reasons]
    for part in plan.parts():
        words += _plan_items(part)
    return _draws_as_typed("\n".join(words), _regular_cmap())


class Document(FPDF):
    def __init__(self, *, title: str, footer: str = ""):
        super().__init__(format="A4")
        self.footer_text = footer
        self.add_font("DejaVu", "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font("DejaVu", "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_title(title)
        self.set_creator("withness")
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(True, margin=16)

    def normalize_text(self, text: str) -> str:
        # fpdf2 calls this for every string it lays out or draws, in the font then in use.
        return drawable(super().normalize_text(text), self.current_font.cmap)

    def footer(self):
        if self.footer_text:
            self.set_y(-12)
            self.set_font("DejaVu", "", 7.5)
            self.set_text_color(*MUTED)
            self.cell(0, 5, self.footer_text, align="C")

    def heading(self, text: str, size: float):
        self.set_font("DejaVu", "B", size)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)

    def paragraph(self, text: str, size: float, *, muted=False):
        self.set_font("DejaVu", "", size)
        self.set_text_color(*(MUTED if muted else INK))
        self.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)

    def bullets(self, items: list[str], size: float):
        self.set_font("DejaVu", "", size)
        for item in items:
            self.set_x(self.l_margin + 2)
            self.multi_cell(0, size * 0.48, f"•  {item}", new_x="LMARGIN", new_y="NEXT")


NOT_AN_EMERGENCY_SERVICE = (
    "withness is a journal, not an emergency service. "
    "If you are in danger, call your local emergency number."
)


def _plan_items(part: dict) -> list[str]:
    """One part's lines as the PDF lists them: the person's own, then the people picked."""
    return part["items"] + [person.name for person in part["people"]]


def _plan_document(plan, *, size: float, emergency: str) -> FPDF:
    pdf = Document(title="My safety plan", footer=NOT_AN_EMERGENCY_SERVICE)
    pdf.add_page()
    pdf.heading("My safety plan", size + 7)
    if emergency:
        pdf.paragraph(f"Emergency number: {emergency}", size)
    pdf.ln(size * 0.2)
    for number, part in enumerate(plan.parts(), 1):
        pdf.heading(f"{number}. {part['title']}", size + 1.5)
        if items := _plan_items(part):
            pdf.bullets(items, size)
        else:
            pdf.paragraph("Nothing here yet.", size, muted=True)
        pdf.ln(size * 0.25)
    if plan.reasons:
        pdf.heading("My reasons for living", size + 1.5)
        pdf.bullets(plan.reasons, size)
    return pdf


def safety_plan_pdf(plan, *, emergency: str = "") -> bytes:
    """The plan on one A4 page where it can fit: the type shrinks a little before a second page."""
    for size in (11, 10, 9, 8, 7.5):
        pdf = _plan_document(plan, size=size, emergency=emergency)
        if pdf.page_no() == 1:
            break
    return bytes(pdf.output())


def _table(pdf: FPDF, table: dict, size: float):
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.5, table["caption"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", size - 1)
    with pdf.table(
        text_align="LEFT", line_height=(size - 1) * 0.5, first_row_as_headings=True
    ) as grid:
        for row in [table["headers"], *table["rows"]]:
            cells = grid.row()
            for cell in row:
                cells.cell(str(cell))
    pdf.ln(2)


DEFAULT_SUMMARY_TITLE = "A summary from my withness journal"


def _about(snapshot: dict) -> str:
    """The line under the title, from whichever of its parts the snapshot kept."""
    parts = []
    if snapshot.get("range"):
        parts.append(f"{snapshot['range']}.")
    if snapshot.get("made_on"):
        parts.append(f"Made on {snapshot['made_on']}.")
    if snapshot.get("people_as"):
        parts.append(f"People are shown by {snapshot['people_as']}.")
    return " ".join(parts)


def summary_pdf(snapshot: dict) -> bytes:
    """The frozen summary as a PDF, charts included, in the order the preview shows them.

    A snapshot is stored once and read for years, so a part it lacks (an older or damaged
    one, without a title say) is left out or given its default rather than failing.
    """
    size = 10
    snapshot = snapshot if isinstance(snapshot, dict) else {}
    title = snapshot.get("title") or DEFAULT_SUMMARY_TITLE
    pdf = Document(title=title, footer=NOT_AN_EMERGENCY_SERVICE)
    pdf.add_page()
    pdf.heading(title, 16)
    if about := _about(snapshot):
        pdf.paragraph(about, size, muted=True)
    pdf.paragraph(
        "Written by the person in their own journal. It describes their own entries; "
        "it is not a clinical assessment.",
        size,
        muted=True,
    )
    pdf.ln(3)
    for section in snapshot.get("sections") or []:
        if section.get("title"):
            pdf.heading(section["title"], 13)
        pdf.ln(1)
        for paragraph in section.get("paragraphs", []):
            pdf.paragraph(paragraph, size)
        for chart in section.get("charts", []):
            pdf.image(io.BytesIO(base64.b64decode(chart["png"])), w=150, alt_text=chart["alt"])
        for table in section.get("tables", []):
            _table(pdf, table, size)
        if section.get("entries"):
            pdf.bullets(section["entries"], size)
        for part in section.get("lists", []):
            if not part.get("items"):  # older snapshots kept empty parts: still left out
                continue
            pdf.set_font("DejaVu", "B", size)
            pdf.multi_cell(0, size * 0.5, part.get("title", ""), new_x="LMARGIN", new_y="NEXT")
            pdf.bullets(part["items"], size)
        pdf.ln(3)
    return bytes(pdf.output())
