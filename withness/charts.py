"""What every chart drawn on the server shares: a size that reads on a phone, and plain dates.

Pages show a chart at the width of its column, about 330 px on a phone, and no wider than
about 480 px on a desktop (the CSS caps it), so text is sized against the figure's width:
10 pt on a 3.75 in figure (360 CSS px) is 12–13 px on a phone and 17–18 px at its widest.
Larger, and a phone fits too little; smaller, and the labels are the first thing a tired
reader loses. The PDF places charts 150 mm wide beside 10 pt
text, so its PNGs are drawn that wide with print-sized text.

Dates are labelled the way people write them, "3 Dec" or "Jul", with the year once, on the
first label and where a new year starts, never as a separate offset under the axis.
"""

import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

import matplotlib

matplotlib.use("Agg")

from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import NullLocator

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Every day, every other day, Mondays, every other Monday; then months, then years.
DAY_STEPS = (1, 2, 7, 14)
MONTH_STEPS = (1, 2, 3, 6)
MAX_TICKS = 5
LEGEND_COLUMNS = 2
TEXT_COLOUR = "#2b2a27"  # the page's text colour
GREEN = "#3f6f58"  # the page's accent: settled, counter-beliefs
BROWN = "#8a5a44"  # its warm second colour: draining, beliefs, energy
# A fixed salt so the same data draws the same SVG, byte for byte (ids are salted hashes).
SVG_RC = {"svg.hashsalt": "withness"}


@dataclass(frozen=True)
class Look:
    width: float  # inches
    text: float  # points
    line: float  # points
    marker: float  # points


SCREEN = Look(width=3.75, text=10, line=1.8, marker=5.5)
PRINT = Look(width=5.9, text=9, line=1.4, marker=4.5)


def figure(height: float, look: Look = SCREEN) -> Figure:
    """A blank figure, laid out as it draws (so labels and a legend below never clip)."""
    return Figure(figsize=(look.width, height), dpi=100, layout="constrained")


def quiet(axes, look: Look = SCREEN, *, grid: str = "y") -> None:
    """No box, faint grid lines, and text at the look's size in the page's text colour."""
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=look.text, colors=TEXT_COLOUR)
    axes.xaxis.label.set(size=look.text, color=TEXT_COLOUR)
    axes.yaxis.label.set(size=look.text, color=TEXT_COLOUR)
    if grid:
        axes.grid(axis=grid, alpha=0.3)


def legend_below(figure: Figure, look: Look = SCREEN, *, handles=None) -> None:
    if handles is None:
        handles = [h for axes in figure.axes for h in axes.get_legend_handles_labels()[0]]
    # Matplotlib fills a legend column by column; this order makes it read in rows.
    handles = [h for c in range(LEGEND_COLUMNS) for h in handles[c::LEGEND_COLUMNS]]
    figure.legend(
        handles=handles,
        loc="outside lower center",
        ncols=LEGEND_COLUMNS,
        frameon=False,
        fontsize=look.text,
        labelcolor=TEXT_COLOUR,
        handlelength=1.8,
        columnspacing=1.2,
    )


def ratings_by_day(
    axes, days, values, *, colour, marker="o", linestyle="-", label=None, look=SCREEN
):
    """Each rating as a point; a line joins the days, through each day's average.

    Two ratings on one day are two points one above the other, not a vertical stroke.
    Returns a legend handle showing both the point and the line.
    """
    by_day = defaultdict(list)
    for day, value in zip(days, values, strict=True):
        by_day[day].append(value)
    joined = sorted(by_day)
    axes.plot(
        joined,
        [sum(by_day[d]) / len(by_day[d]) for d in joined],
        color=colour,
        linestyle=linestyle,
        linewidth=look.line,
    )
    axes.plot(
        list(days),
        list(values),
        linestyle="none",
        marker=marker,
        markersize=look.marker,
        color=colour,
    )
    return Line2D(
        [],
        [],
        color=colour,
        linestyle=linestyle,
        linewidth=look.line,
        marker=marker,
        markersize=look.marker,
        label=label,
    )


def date_axis(axes, days, *, min_days: int = 4, pad: float = 0.6) -> None:
    """Fit the x-axis to these days (at least min_days wide) and label it with plain dates.

    pad: at least this many days of room beyond the first and last day. With no days there
    is nothing to fit, and the axis is left as it is.
    """
    if not days:
        return
    first, last = min(days), max(days)
    short = timedelta(days=min_days) - (last - first)
    if short > timedelta(0):
        # One day of ratings would otherwise get an axis measured in hours.
        first -= timedelta(days=short.days // 2)
        last += timedelta(days=short.days - short.days // 2)
    # Room beyond the first and last day, so a point or bar there is not cut in half.
    pad = max(pad, 0.025 * (last - first).days)
    axes.set_xlim(date2num(first) - pad, date2num(last) + pad)
    ticks = date_ticks(first, last, marked=days)
    axes.set_xticks([date2num(day) for day, _ in ticks], [label for _, label in ticks])
    axes.xaxis.set_minor_locator(NullLocator())


def date_ticks(first: date, last: date, *, marked=()) -> list[tuple[date, str]]:
    """At most MAX_TICKS dates from first to last, each with its label.

    A few marked days (the days of the data), far enough apart to be labelled side by side,
    are the ticks themselves: "1 Dec" under a single day's points says more than a grid.
    Otherwise the ticks are evenly spaced days, weeks, months or years.
    """
    marked = sorted(set(marked))
    apart = (last - first) / MAX_TICKS
    if 0 < len(marked) <= MAX_TICKS and all(b - a >= apart for a, b in pairwise(marked)):
        return _labelled(marked, _day)
    every_day = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    for step in DAY_STEPS:
        # Steps of a week fall on Mondays (ordinal 1 is a Monday); shorter ones on any day.
        ticks = [d for d in every_day if (d.toordinal() - 1) % step == 0]
        if len(ticks) <= MAX_TICKS:
            return _labelled(ticks, _day)
    starts = [d for d in every_day if d.day == 1]
    for step in MONTH_STEPS:
        ticks = [d for d in starts if (d.month - 1) % step == 0]
        if len(ticks) <= MAX_TICKS:
            return _labelled(ticks, lambda d: MONTHS[d.month - 1])
    years = [d for d in starts if d.month == 1]
    step = -(-len(years) // MAX_TICKS)
    return [(d, str(d.year)) for d in years[::step]]


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]}"


def _labelled(ticks: list[date], label) -> list[tuple[date, str]]:
    """The year goes under the first label, and under the first label of each new year."""
    out, year = [], None
    for d in ticks:
        out.append((d, label(d) if d.year == year else f"{label(d)}\n{d.year}"))
        year = d.year
    return out


def drawn(figure: Figure, format: str = "svg") -> bytes:
    """The figure as SVG (no timestamp, the same bytes for the same data) or as a 150 dpi PNG."""
    out = io.BytesIO()
    with matplotlib.rc_context(SVG_RC):
        if format == "svg":
            figure.savefig(out, format="svg", metadata={"Date": None})
        else:
            figure.savefig(out, format=format, dpi=150)
    return out.getvalue()
