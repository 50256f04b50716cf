"""The insights charts, drawn on the server as SVG (the page shows the same numbers in tables).

Each function takes plain data from the stored insights document, so a chart never
re-runs the analysis.
"""

import textwrap
from datetime import date, timedelta

from withness.charts import (
    BROWN,
    GREEN,
    SCREEN,
    TEXT_COLOUR,
    date_axis,
    drawn,
    figure,
    legend_below,
    quiet,
)

SETTLED = GREEN
DRAINING = BROWN
UNCLEAR = "#6b6760"
ALONE_CHOSEN = "#7fa7c9"
ALONE_UNCHOSEN = "#b88a5a"
VERDICT_COLOUR = {"lifts": SETTLED, "drains": DRAINING}
BALANCE_WEEKS = 26
ISOLATION_DAYS = 180
LABEL_WIDTH = 18  # characters on a line of a row's label


def forest_rows(document: dict) -> list[dict]:
    """People and modes with an estimate, each a row of the forest chart and its table."""
    rows = []
    for factor, title in (("people", "People"), ("modes", "Kinds of contact")):
        for item in document.get(factor, []):
            if item["pleasant"]["estimate"] is None or item["verdict"] == "not_enough":
                continue
            rows.append({"group": title, "factor": factor, **item})
    return rows


def forest_height(rows: list[dict]) -> float:
    """In inches at 100 dpi; the page uses it for the image's size."""
    return 1.0 + 0.32 * max(len(rows), 1)


def row_label(name: str) -> str:
    """At most two short lines, whatever was typed, so a long name leaves room for its line.

    The table under the chart has the name in full. A word is never split, so a name
    without spaces stays whole (and may crowd the chart) rather than becoming a puzzle.
    """
    lines = textwrap.wrap(
        " ".join(name.split()), LABEL_WIDTH, max_lines=2, placeholder=" …", break_long_words=False
    )
    return "\n".join(lines)


def forest_svg(rows: list[dict]) -> str:
    chart = figure(forest_height(rows))
    axes = chart.subplots()
    labels = []
    for i, row in enumerate(rows):
        y = len(rows) - 1 - i
        p = row["pleasant"]
        colour = VERDICT_COLOUR.get(row["verdict"], UNCLEAR)
        axes.plot([p["low"], p["high"]], [y, y], color=colour, linewidth=2)
        axes.plot([p["estimate"]], [y], marker="o", color=colour)
        label = row["name"] if row["factor"] == "people" else row["label"]
        labels.append(row_label(label))
    axes.axvline(0, color="#999999", linewidth=1)
    # Names are people's own words: a "$" in one is a dollar, never the start of mathtext
    # (which would set it in italics, or fail to draw the chart at all).
    axes.set_yticks(range(len(rows)), list(reversed(labels)), parse_math=False)
    quiet(axes, grid="x")
    # Under the whole figure, not the axes: names can leave the axes too narrow for it.
    chart.supxlabel("← more drained     more settled →", size=SCREEN.text, color=TEXT_COLOUR)
    return drawn(chart).decode()


def effect_svg(item: dict) -> str:
    """A small chart for one card: the estimate and its likely (90%) range, pleasantness and
    energy; energy is a rougher measure, and its label says so in everyday words."""
    chart = figure(1.35)
    axes = chart.subplots()
    shown = [("Pleasantness", item["pleasant"], VERDICT_COLOUR.get(item["verdict"], UNCLEAR))]
    if item["energy"]["estimate"] is not None:
        shown.append(("Energy\n(a rougher measure)", item["energy"], UNCLEAR))
    for i, (_, e, colour) in enumerate(shown):
        if e["estimate"] is None:
            continue
        y = len(shown) - 1 - i
        axes.plot([e["low"], e["high"]], [y, y], color=colour, linewidth=3)
        axes.plot([e["estimate"]], [y], marker="o", color=colour)
    axes.axvline(0, color="#999999", linewidth=1)
    axes.set_yticks(range(len(shown)), [label for label, _, _ in reversed(shown)])
    axes.set_ylim(-0.6, len(shown) - 0.4)
    quiet(axes, grid="x")
    return drawn(chart).decode()


def balance_weeks(document: dict) -> list[dict]:
    weeks = document.get("weekly_balance", [])[-BALANCE_WEEKS:]
    return [{**w, "week": date.fromisoformat(w["week_start"])} for w in weeks]


def balance_svg(weeks: list[dict]) -> str:
    chart = figure(3.0)
    axes = chart.subplots()
    starts = [date.fromisoformat(w["week_start"]) for w in weeks]
    others = [w["with_others_min"] / 60 for w in weeks]
    chosen = [w["alone_chosen_min"] / 60 for w in weeks]
    unchosen = [w["alone_unchosen_min"] / 60 for w in weeks]
    width = 5
    axes.bar(starts, others, width=width, color=SETTLED, label="With others")
    axes.bar(starts, chosen, width=width, bottom=others, color=ALONE_CHOSEN, label="Alone, chosen")
    axes.bar(
        starts,
        unchosen,
        width=width,
        bottom=[a + b for a, b in zip(others, chosen, strict=True)],
        color=ALONE_UNCHOSEN,
        hatch="//",
        label="Alone, not chosen",
    )
    axes.set_ylabel("Hours in the week")
    # A bar is drawn over its week's start, three days either side.
    date_axis(axes, starts, min_days=28, pad=3.5)
    quiet(axes)
    legend_below(chart, SCREEN)
    return drawn(chart).decode()


def isolation_points(document: dict) -> list[dict]:
    return [p for p in document["drift"]["series"][-ISOLATION_DAYS:] if p["smoothed"] is not None]


def isolation_weeks(points: list[dict], weeks: int = 12) -> list[dict]:
    """The smoothed index averaged over each of the last weeks, for the table under the chart."""
    by_week: dict[date, list[float]] = {}
    for p in points:
        day = date.fromisoformat(p["date"])
        by_week.setdefault(day - timedelta(days=day.weekday()), []).append(p["smoothed"])
    rows = [{"week": w, "index": sum(v) / len(v)} for w, v in sorted(by_week.items())]
    return rows[-weeks:]


def isolation_svg(points: list[dict], baseline: float | None, threshold: float | None) -> str:
    chart = figure(2.9)
    axes = chart.subplots()
    days = [date.fromisoformat(p["date"]) for p in points]
    axes.plot(
        days,
        [p["smoothed"] for p in points],
        color=DRAINING,
        label="Signs of isolation",
    )
    if baseline is not None:
        axes.axhline(baseline, color=SETTLED, linestyle="--", linewidth=1, label="Your usual")
    if threshold is not None:
        axes.axhline(threshold, color=UNCLEAR, linestyle=":", linewidth=1, label="Clearly above")
    # Two short lines: the chart is narrow on a phone, and the page says more above it.
    axes.set_ylabel("Signs of isolation\n(a few days' average)")
    date_axis(axes, days, min_days=28)
    quiet(axes)
    legend_below(chart, SCREEN)
    return drawn(chart).decode()
