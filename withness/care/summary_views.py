"""The summary for a therapist: build, preview, print, PDF, and share links."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import dateformat
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_GET, require_POST

from withness.accounts import reauth, vault
from withness.ownership import get_object_for_user

from . import pdf, services
from .forms import MAX_SUMMARY_DAYS, ShareLinkForm, SummaryForm
from .models import ShareLink, TherapistSummary
from .summary import Section, notes_in_range, people_in_range

NAV = "care"
DEFAULT_WEEKS = 4


def _range(user, data) -> tuple[date, date, list[str]]:
    """The days a summary can cover (up to today, a year at most) nearest to the dates asked
    for, and a sentence for each change made to them, so none is made without a word."""
    today = user.today()
    end = parse_date(data.get("end") or "") if data.get("end") else None
    start = parse_date(data.get("start") or "") if data.get("start") else None
    end = end or today
    start = start or end - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1)
    moved = []
    if start > end:
        start, end = end, start
        moved.append("The last day came before the first, so they are swapped round.")
    if end > today:
        end = today
        moved.append(f"A summary ends today at the latest, so it now ends on {_day(end)}.")
    earliest = end - timedelta(days=MAX_SUMMARY_DAYS - 1)
    if start > end:
        start = end
        moved.append(f"The first day can be today at the latest, so it is now {_day(start)}.")
    elif start < earliest:
        start = earliest
        moved.append(f"A summary covers up to a year, so it now starts on {_day(start)}.")
    return start, end, moved


def _day(day: date) -> str:
    return dateformat.format(day, "j M Y")


@login_required
def summaries(request):
    rows = TherapistSummary.objects.for_user(request.user)
    return render(request, "care/summaries.html", {"nav": NAV, "summaries": rows})


@login_required
def summary_new(request):
    user = request.user
    data = request.POST if request.method == "POST" else request.GET
    # "Show people and notes for these dates" sends the whole form by POST (labels such as
    # "my sister" stay out of the address, the history and the server's logs): the page
    # comes back for the new dates with every other choice kept, nothing checked or saved.
    refresh = request.method == "POST" and "refresh" in request.POST
    try:
        start, end, moved = _range(user, data)
    except (ValueError, OverflowError):  # no such day, or one too near the ends of the calendar
        start, end, _ = _range(user, {})
        moved = ["Those dates can’t be used, so the summary covers the last four weeks."]
    if refresh:
        for sentence in moved:
            messages.info(request, sentence)
    people, notes = people_in_range(user, start, end), notes_in_range(user, start, end)
    initial = {
        "start": start,
        "end": end,
        "sections": [s for s in Section.values if s != Section.NOTES],
    }
    bound = request.method == "POST" and not refresh
    form = SummaryForm(
        request.POST if bound else None, user=user, people=people, notes=notes, initial=initial
    )
    if refresh:
        form.keep_choices(request.POST)
    if bound and form.is_valid():
        data = form.cleaned_data
        summary = services.summary_create(
            user=user, start=data["start"], end=data["end"], sections=data["sections"],
            show_names=data["show_names"], labels=data["labels"], notes=data["notes"],
        )  # fmt: skip
        return redirect("care:summary", summary.pk)
    return render(request, "care/summary_form.html", {"nav": NAV, "form": form})


@login_required
def summary(request, pk):
    summary = get_object_for_user(TherapistSummary, request, pk)
    links = list(summary.links.filter(deleted_at__isnull=True).prefetch_related("views"))
    return render(request, "care/summary.html", {
        "nav": NAV, "summary": summary, "snapshot": summary.snapshot, "links": links,
        "link_form": ShareLinkForm(), "pdf_draws_all": pdf.draws_all(summary.snapshot),
    })  # fmt: skip


@login_required
@require_GET
def summary_pdf(request, pk):
    summary = get_object_for_user(TherapistSummary, request, pk)
    response = HttpResponse(pdf.summary_pdf(summary.snapshot), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="withness-summary-{summary.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def summary_delete(request, pk):
    summary = get_object_for_user(TherapistSummary, request, pk)
    for link in summary.links.all():
        services.share_link_revoke(link=link)
    summary.soft_delete()
    messages.success(request, "The summary is deleted, and its links no longer open.")
    return redirect("care:summaries")


@login_required
@require_POST
def link_create(request, pk):
    summary = get_object_for_user(TherapistSummary, request, pk)
    form = ShareLinkForm(request.POST)
    if form.is_valid():
        services.share_link_create(
            user=request.user, summary=summary, days=form.cleaned_data["days"]
        )
        messages.success(request, "Your link is ready. Only people you give it to can open it.")
    else:
        messages.error(request, " ".join(form.errors["days"]))
    return redirect("care:summary", summary.pk)


@login_required
@require_POST
def link_revoke(request, pk, link_pk):
    summary = get_object_for_user(TherapistSummary, request, pk)
    link = get_object_for_user(ShareLink, request, link_pk)
    if link.summary_id != summary.pk:
        raise Http404
    if (asked := reauth.required(request)) is not None:
        return asked
    services.share_link_revoke(link=link)
    messages.success(request, "The link is revoked. It no longer opens.")
    return redirect("care:summary", summary.pk)


@require_GET
def shared(request, token):
    """What someone with the link sees: the snapshot, read-only, and nothing else."""
    link = services.shared_link(token)
    if link is None:
        raise Http404
    # A link closes with its summary, and with its owner's account when the host switches it off.
    if not link.is_open or link.summary.deleted_at is not None or not link.owner.is_active:
        response = render(request, "care/shared_gone.html", status=410)
    else:
        try:
            snapshot = services.shared_snapshot(link, token)
        except vault.WrongSecret:  # a damaged copy: as if the link were not there
            raise Http404 from None
        services.share_link_open(link=link, user_agent=request.headers.get("User-Agent", ""))
        response = render(request, "care/shared.html", {"snapshot": snapshot})
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
