from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from withness import charts
from withness.care.charts import score_chart, states_chart
from withness.growth.charts import belief_chart_svg


def labels(first, last, **kwargs):
    return [label for _, label in charts.date_ticks(first, last, **kwargs)]


def test_a_few_days_are_labelled_day_and_month_with_the_year_once():
    assert labels(date(2026, 11, 29), date(2026, 12, 3)) == [
        "29 Nov\n2026",
        "30 Nov",
        "1 Dec",
        "2 Dec",
        "3 Dec",
    ]


def test_a_new_year_is_named_where_it_starts():
    assert labels(date(2025, 12, 20), date(2026, 1, 8)) == ["22 Dec\n2025", "29 Dec", "5 Jan\n2026"]


def test_a_few_weeks_are_labelled_on_mondays():
    ticks = charts.date_ticks(date(2026, 11, 4), date(2026, 12, 1))
    assert all(day.weekday() == 0 for day, _ in ticks)
    assert [label for _, label in ticks] == ["9 Nov\n2026", "16 Nov", "23 Nov", "30 Nov"]


def test_months_are_labelled_by_name():
    assert labels(date(2026, 7, 1), date(2026, 11, 2)) == ["Jul\n2026", "Aug", "Sep", "Oct", "Nov"]
    assert labels(date(2026, 6, 4), date(2027, 1, 10)) == ["Jul\n2026", "Sep", "Nov", "Jan\n2027"]


def test_there_are_never_more_than_five_ticks():
    start = date(2020, 1, 1)
    for span in (1, 5, 9, 15, 40, 71, 100, 200, 400, 800, 2000, 4000):
        assert 1 <= len(charts.date_ticks(start, start + timedelta(days=span))) <= 5


def test_a_few_days_of_data_are_the_ticks_themselves():
    marked = [date(2026, 12, 1)]
    assert labels(date(2026, 11, 24), date(2026, 12, 8), marked=marked) == ["1 Dec\n2026"]
    close = [date(2026, 12, 1), date(2026, 12, 2)]
    assert "1 Dec" not in labels(date(2026, 11, 24), date(2026, 12, 8), marked=close)


def test_two_ratings_on_one_day_are_two_points_not_a_line():
    figure = charts.figure(2.5)
    axes = figure.subplots()
    day = date(2026, 12, 1)
    charts.ratings_by_day(axes, [day, day, day + timedelta(days=1)], [60, 80, 40], colour="#000")
    line, points = axes.get_lines()
    assert list(line.get_ydata()) == [70, 40]  # through each day's average
    assert list(points.get_ydata()) == [60, 80, 40] and points.get_linestyle() == "None"


def test_the_axis_has_no_floating_offset_under_it():
    figure = charts.figure(2.5)
    axes = figure.subplots()
    days = [date(2026, 12, 1) + timedelta(days=n) for n in range(40)]
    axes.plot(days, range(40))
    charts.date_axis(axes, days)
    charts.drawn(figure)
    assert axes.xaxis.get_offset_text().get_text() == ""
    assert [t.get_text() for t in axes.get_xticklabels()][0].endswith("\n2026")


def test_the_same_data_draw_the_same_bytes():
    at = datetime(2026, 12, 1, 9, tzinfo=UTC)
    ratings = [
        SimpleNamespace(rated_at=at, belief_true=80, counter_true=20),
        SimpleNamespace(rated_at=at, belief_true=60, counter_true=None),
    ]
    assert belief_chart_svg(ratings, zone=UTC) == belief_chart_svg(ratings, zone=UTC)
    days = [date(2026, 11, 26) + timedelta(days=n) for n in range(6)]
    for format in ("svg", "png"):
        first = states_chart(days, [1] * 6, [5] * 6, format=format)
        assert first == states_chart(days, [1] * 6, [5] * 6, format=format)


def test_the_pdf_chart_is_drawn_for_a_page_and_the_screen_chart_for_a_phone():
    questionnaire = SimpleNamespace(low=0, high=100)
    answers = [SimpleNamespace(answered_on=date(2026, 12, 1), score=60)]
    svg = score_chart(questionnaire, answers).decode()
    assert 'width="270pt"' in svg  # 3.75 in: 360 CSS px, about a phone's column
    png = score_chart(questionnaire, answers, format="png")
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20]) == 885  # 5.9 in at 150 dpi
