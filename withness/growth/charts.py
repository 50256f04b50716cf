"""How true a belief and its counter-belief have felt over time, drawn on the server as SVG."""

from withness.charts import (
    BROWN,
    GREEN,
    SCREEN,
    date_axis,
    drawn,
    figure,
    legend_below,
    quiet,
    ratings_by_day,
)

BELIEF_COLOUR = BROWN
COUNTER_COLOUR = GREEN


def belief_chart_svg(ratings, *, zone, with_counter: bool = True) -> bytes:
    """ratings: BeliefRating rows, oldest first. The page shows the same numbers in a table.

    with_counter: whether the belief has a counter-belief now. Its old ratings stay stored,
    but once the counter-belief is removed the table leaves them out, and so does the chart.
    """
    chart = figure(2.9)
    axes = chart.subplots()
    days = [r.rated_at.astimezone(zone).date() for r in ratings]
    handles = [
        ratings_by_day(
            axes, days, [r.belief_true for r in ratings], colour=BELIEF_COLOUR, label="The belief"
        )
    ]
    counter = [
        (d, r.counter_true)
        for d, r in zip(days, ratings, strict=True)
        if with_counter and r.counter_true is not None
    ]
    if counter:
        handles.append(
            ratings_by_day(
                axes,
                [d for d, _ in counter],
                [v for _, v in counter],
                colour=COUNTER_COLOUR,
                marker="s",
                linestyle="--",
                label="The counter-belief",
            )
        )
    axes.set_ylim(-5, 105)
    axes.set_yticks([0, 25, 50, 75, 100])
    axes.set_ylabel("How true (0–100)")
    date_axis(axes, days)
    quiet(axes)
    legend_below(chart, SCREEN, handles=handles)
    return drawn(chart)
