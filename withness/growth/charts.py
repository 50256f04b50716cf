"""How true a belief and its counter-belief have felt over time, drawn on the server as SVG."""

import io
from datetime import timedelta

import matplotlib

matplotlib.use("Agg")

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

BELIEF_COLOUR = "#8a5a44"
COUNTER_COLOUR = "#3f6f58"
MIN_SPAN = timedelta(days=4)


def belief_chart_svg(ratings, *, zone) -> bytes:
    """ratings: BeliefRating rows, oldest first. The page shows the same numbers in a table."""
    figure = Figure(figsize=(4.8, 2.8), dpi=100)
    axes = figure.subplots()
    times = [r.rated_at.astimezone(zone).replace(tzinfo=None) for r in ratings]
    axes.plot(
        times, [r.belief_true for r in ratings], marker="o", color=BELIEF_COLOUR, label="The belief"
    )
    counter = [
        (t, r.counter_true)
        for t, r in zip(times, ratings, strict=True)
        if r.counter_true is not None
    ]
    if counter:
        axes.plot(
            [t for t, _ in counter],
            [v for _, v in counter],
            marker="s",
            linestyle="--",
            color=COUNTER_COLOUR,
            label="The counter-belief",
        )
    if times and max(times) - min(times) < MIN_SPAN:
        # Ratings on one day would otherwise get an axis measured in seconds.
        middle = min(times) + (max(times) - min(times)) / 2
        axes.set_xlim(middle - MIN_SPAN / 2, middle + MIN_SPAN / 2)
    axes.set_ylim(-5, 105)
    axes.set_ylabel("How true it feels (0–100)")
    locator = AutoDateLocator(minticks=2, maxticks=6)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(axis="y", alpha=0.3)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
