"""The insights charts, drawn on the server as SVG (the page shows the same numbers in tables).

Each function takes plain data from the stored insights document, so a chart never
re-runs the analysis.
"""

import io
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

SETTLED = "#3f6f58"
DRAINING = "#8a5a44"
UNCLEAR = "#6b6760"
ALONE_CHOSEN = "#7fa7c9"
ALONE_UNCHOSEN = "#b88a5a"
VERDICT_COLOUR = {"lifts": SETTLED, "drains": DRAINING}
BALANCE_WEEKS = 26
ISOLATION_DAYS = 180


def _svg(figure: Figure) -> str:
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue().decode()


def _quiet(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


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
    return 1.2 + 0.32 * max(len(rows), 1)


def forest_svg(rows: list[dict]) -> str:
    figure = Figure(figsize=(4.8, forest_height(rows)), dpi=100)
    axes = figure.subplots()
    labels = []
    for i, row in enumerate(rows):
        y = len(rows) - 1 - i
        p = row["pleasant"]
        colour = VERDICT_COLOUR.get(row["verdict"], UNCLEAR)
        axes.plot([p["low"], p["high"]], [y, y], color=colour, linewidth=2)
        axes.plot([p["estimate"]], [y], marker="o", color=colour)
        label = row["name"] if row["factor"] == "people" else row["label"]
        labels.append(" ".join(label.split()))  # one line per row, whatever was typed
    axes.axvline(0, color="#999999", linewidth=1)
    # Names are people's own words: a "$" in one is a dollar, never the start of mathtext
    # (which would set it in italics, or fail to draw the chart at all).
    axes.set_yticks(range(len(rows)), list(reversed(labels)), parse_math=False)
    axes.set_xlabel("← more drained     more settled →")
    axes.grid(axis="x", alpha=0.3)
    _quiet(axes)
    return _svg(figure)


def effect_svg(item: dict) -> str:
    """A small chart for one card: the estimate and its 90% range, pleasantness and energy."""
    figure = Figure(figsize=(3.6, 1.3), dpi=100)
    axes = figure.subplots()
    shown = [("Pleasantness", item["pleasant"], VERDICT_COLOUR.get(item["verdict"], UNCLEAR))]
    if item["energy"]["estimate"] is not None:
        shown.append(("Energy (exploratory)", item["energy"], UNCLEAR))
    for i, (_, e, colour) in enumerate(shown):
        if e["estimate"] is None:
            continue
        y = len(shown) - 1 - i
        axes.plot([e["low"], e["high"]], [y, y], color=colour, linewidth=3)
        axes.plot([e["estimate"]], [y], marker="o", color=colour)
    axes.axvline(0, color="#999999", linewidth=1)
    axes.set_yticks(range(len(shown)), [label for label, _, _ in reversed(shown)])
    axes.set_ylim(-0.6, len(shown) - 0.4)
    axes.grid(axis="x", alpha=0.3)
    _quiet(axes)
    return _svg(figure)


def balance_weeks(document: dict) -> list[dict]:
    weeks = document.get("weekly_balance", [])[-BALANCE_WEEKS:]
    return [{**w, "week": date.fromisoformat(w["week_start"])} for w in weeks]


def balance_svg(weeks: list[dict]) -> str:
    figure = Figure(figsize=(4.8, 2.8), dpi=100)
    axes = figure.subplots()
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
    _dates(axes)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, frameon=False, fontsize=8)
    _quiet(axes)
    return _svg(figure)


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
    figure = Figure(figsize=(4.8, 2.6), dpi=100)
    axes = figure.subplots()
    days = [date.fromisoformat(p["date"]) for p in points]
    axes.plot(days, [p["smoothed"] for p in points], color=DRAINING, label="Isolation index")
    if baseline is not None:
        axes.axhline(baseline, color=SETTLED, linestyle="--", linewidth=1, label="Your usual")
    if threshold is not None:
        axes.axhline(threshold, color=UNCLEAR, linestyle=":", linewidth=1, label="Clearly above")
    axes.set_ylabel("Index (smoothed)")
    _dates(axes)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, frameon=False, fontsize=8)
    _quiet(axes)
    return _svg(figure)


def _dates(axes) -> None:
    locator = AutoDateLocator(minticks=3, maxticks=6)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(axis="y", alpha=0.3)
