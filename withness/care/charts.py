"""Questionnaire scores over time, drawn on the server as SVG (and as PNG for the PDF).

The same approach as growth's belief chart: matplotlib's object API (no pyplot state),
a fixed y-range per questionnaire so one fortnight's dip is not stretched into a cliff,
and every page that shows a chart also shows its numbers in a table.
"""

import io
from datetime import timedelta

import matplotlib

matplotlib.use("Agg")

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

LINE = "#3f6f58"
MIN_SPAN = timedelta(days=14)


def _figure(questionnaire, answers):
    figure = Figure(figsize=(4.8, 2.6), dpi=100)
    axes = figure.subplots()
    days = [a.answered_on for a in answers]
    axes.plot(days, [a.score for a in answers], marker="o", color=LINE)
    if days and max(days) - min(days) < MIN_SPAN:
        middle = min(days) + (max(days) - min(days)) / 2
        axes.set_xlim(middle - MIN_SPAN / 2, middle + MIN_SPAN / 2)
    pad = (questionnaire.high - questionnaire.low) * 0.05
    axes.set_ylim(questionnaire.low - pad, questionnaire.high + pad)
    axes.set_ylabel(f"Score ({questionnaire.low}–{questionnaire.high})")
    locator = AutoDateLocator(minticks=2, maxticks=6)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(axis="y", alpha=0.3)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    return figure


def score_chart(questionnaire, answers, *, format: str = "svg") -> bytes:
    """answers: QuestionnaireAnswer rows, oldest first."""
    out = io.BytesIO()
    metadata = {"Date": None} if format == "svg" else None
    dpi = 150 if format == "png" else None
    _figure(questionnaire, answers).savefig(out, format=format, metadata=metadata, dpi=dpi)
    return out.getvalue()


def states_chart(days, pleasant, energy, *, format: str = "svg") -> bytes:
    """Check-in states over a date range: how pleasant (−5 to 5) and how much energy (0 to 10)."""
    figure = Figure(figsize=(4.8, 3.2), dpi=100)
    top, bottom = figure.subplots(2, 1, sharex=True)
    top.plot(days, pleasant, marker=".", color=LINE)
    top.set_ylim(-5.5, 5.5)
    top.set_ylabel("Pleasant")
    top.axhline(0, color="#999999", linewidth=0.6)
    bottom.plot(days, energy, marker=".", color="#8a5a44")
    bottom.set_ylim(-0.5, 10.5)
    bottom.set_ylabel("Energy")
    locator = AutoDateLocator(minticks=2, maxticks=6)
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    for axes in (top, bottom):
        axes.grid(axis="y", alpha=0.3)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    metadata = {"Date": None} if format == "svg" else None
    figure.savefig(out, format=format, metadata=metadata, dpi=150 if format == "png" else None)
    return out.getvalue()
