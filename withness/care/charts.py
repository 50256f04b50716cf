"""Questionnaire scores over time, drawn on the server as SVG (and as PNG for the PDF).

The same approach as growth's belief chart (the shared look is in withness.charts):
matplotlib's object API (no pyplot state), a fixed y-range per questionnaire so one
fortnight's dip is not stretched into a cliff, and every page that shows a chart also
shows its numbers in a table.
"""

from withness.charts import (
    BROWN,
    GREEN,
    PRINT,
    SCREEN,
    date_axis,
    drawn,
    figure,
    quiet,
    ratings_by_day,
)

LINE = GREEN
ENERGY = BROWN
MIN_DAYS = 14


def score_chart(questionnaire, answers, *, format: str = "svg") -> bytes:
    """answers: QuestionnaireAnswer rows. The PNG is for the PDF, sized for print."""
    look = SCREEN if format == "svg" else PRINT
    chart = figure(2.5, look)
    axes = chart.subplots()
    days = [a.answered_on for a in answers]
    ratings_by_day(axes, days, [a.score for a in answers], colour=LINE, look=look)
    pad = (questionnaire.high - questionnaire.low) * 0.05
    axes.set_ylim(questionnaire.low - pad, questionnaire.high + pad)
    axes.set_ylabel(f"Score ({questionnaire.low}–{questionnaire.high})")
    date_axis(axes, days, min_days=MIN_DAYS)
    quiet(axes, look)
    return drawn(chart, format)


def states_chart(days, pleasant, energy, *, format: str = "svg") -> bytes:
    """Check-in states over a date range: how pleasant (−5 to 5) and how much energy (0 to 10)."""
    look = SCREEN if format == "svg" else PRINT
    chart = figure(3.4 if format == "svg" else 3.2, look)
    top, bottom = chart.subplots(2, 1, sharex=True)
    ratings_by_day(top, days, pleasant, colour=LINE, look=look)
    top.set_ylim(-5.5, 5.5)
    top.set_yticks([-5, 0, 5])
    top.set_ylabel("Pleasant")
    top.axhline(0, color="#999999", linewidth=0.6)
    ratings_by_day(bottom, days, energy, colour=ENERGY, look=look)
    bottom.set_ylim(-0.5, 10.5)
    bottom.set_yticks([0, 5, 10])
    bottom.set_ylabel("Energy")
    date_axis(bottom, days, min_days=MIN_DAYS)
    for axes in (top, bottom):
        quiet(axes, look)
    return drawn(chart, format)
