from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from withness.analysis.report import METHOD
from withness.journal import selectors as journal
from withness.ownership import get_object_for_user
from withness.people.models import Person
from withness.svg_policy import svg_policy

from . import charts, findings
from .models import InsightsChart
from .services import insights_for


@login_required
@require_GET
def index(request):
    user = request.user
    snapshot = insights_for(user)
    document = snapshot.document
    entries = document["counts"].get("entries", 0)
    context = {"nav": "insights", "document": document, "entries": entries, "method": METHOD}
    if entries < findings.MIN_ENTRIES:
        context["recent"] = journal.recent_entries(user, limit=findings.MIN_ENTRIES)
        return render(request, "insights/not_enough.html", context)
    forest = charts.forest_rows(document)
    new, earlier = findings.page_cards(user, document, user.today())
    context.update(
        new_cards=new,
        earlier_cards=earlier,
        waiting=findings.waiting_cards(user, document),
        forest=forest,
        forest_height=round(100 * charts.forest_height(forest)),
        weeks=charts.balance_weeks(document),
        isolation=charts.isolation_weeks(charts.isolation_points(document)),
        lags=findings.lag_sentences(document),
        drift_since=findings.drift_since(document),
    )
    return render(request, "insights/index.html", context)


@login_required
@require_GET
def effect_entries(request, factor, key):
    """Exactly the entries behind one finding, newest first."""
    document = insights_for(request.user).document
    item = _effect_or_404(request, document, factor, key)
    kind = findings.entry_kind(factor)
    ids = journal.KINDS[kind].objects.for_user(request.user).filter(pk__in=item["entry_ids"])
    ids = ids.order_by("-started_at", "-pk").values_list("pk", flat=True)
    page = Paginator(ids, 20).get_page(request.GET.get("page"))
    context = {
        "nav": "insights",
        "item": item,
        "page": page,
        "entries": journal.load_entries(request.user, [(kind, pk, None) for pk in page]),
        "chart_alt": findings.chart_alt(item),
        "factor": factor,
        "key": key,
    }
    return render(request, "insights/entries.html", context)


def _effect_or_404(request, document, factor, key):
    if factor == "people":
        get_object_for_user(Person, request, key)
    item = findings.find_effect(document, factor, key)
    if item is None:
        raise Http404
    return item


CHARTS = {
    "forest": lambda d: charts.forest_svg(charts.forest_rows(d)),
    "balance": lambda d: charts.balance_svg(charts.balance_weeks(d)),
    "isolation": lambda d: charts.isolation_svg(
        charts.isolation_points(d), d["drift"]["baseline"], d["drift"]["threshold"]
    ),
}


def _cached_svg(user, snapshot, name, draw) -> HttpResponse:
    chart = InsightsChart.objects.filter(
        snapshot=snapshot, source_stamp=snapshot.source_stamp, name=name
    ).first()
    if chart is None:
        chart, _ = InsightsChart.objects.get_or_create(
            owner=user,
            snapshot=snapshot,
            source_stamp=snapshot.source_stamp,
            name=name,
            defaults={"svg": draw()},
        )
    response = HttpResponse(chart.svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_GET
@svg_policy
def chart(request, name):
    if name not in CHARTS:
        raise Http404
    snapshot = insights_for(request.user)
    return _cached_svg(request.user, snapshot, name, lambda: CHARTS[name](snapshot.document))


@login_required
@require_GET
@svg_policy
def effect_chart(request, factor, key):
    snapshot = insights_for(request.user)
    item = _effect_or_404(request, snapshot.document, factor, key)
    if item["pleasant"]["estimate"] is None:
        raise Http404
    return _cached_svg(
        request.user, snapshot, f"effect:{factor}:{key}", lambda: charts.effect_svg(item)
    )
