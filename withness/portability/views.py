from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from withness.accounts import selectors as account_selectors
from withness.accounts.forms import ReauthForm
from withness.accounts.reauth import recent_auth_required
from withness.journal.entries import query_without_page

from . import exports, imports, selectors, services
from .forms import DETECT, WITHNESS, ImportedFilterForm, ImportForm, MappingForm
from .mapping import reviews
from .models import ImportRun, ImportStatus


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@recent_auth_required(downloads=True)
def export_json(request):
    # Streamed a row at a time, so a journal of years never sits in memory as one string.
    chunks = (chunk.encode() for chunk in exports.export_json_chunks(request.user))
    response = StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
    filename = exports.export_filename(request.user, "json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@recent_auth_required(downloads=True)
def export_csv(request):
    return _download(
        exports.export_csv_zip(request.user),
        "application/zip",
        exports.export_filename(request.user, "zip"),
    )


def _run_for(request, pk) -> ImportRun:
    try:
        return ImportRun.objects.get(owner=request.user, pk=int(pk))
    except (ImportRun.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None


def _redirect(request, url):
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
def import_start(request):
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None, request.FILES if posted else None, user=request.user
    )
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        source = form.cleaned_data["source"]
        try:
            if source == DETECT:
                source = imports.source_of(upload.name, data)
            if source == WITHNESS:
                document = services.read_document(data)
                report = services.document_import(user=request.user, document=document)
                return render(request, "portability/import_done.html", {"report": report})
            run = imports.import_run_create(
                user=request.user,
                source=source,
                filename=upload.name,
                data=data,
                time_zone=form.cleaned_data["time_zone"],
            )
            return _redirect(request, run.get_absolute_url())
        except (services.ImportRefused, imports.ImportProblem) as error:
            form.add_error("file", error.message)
    runs = ImportRun.objects.filter(owner=request.user)[:10]
    return render(request, "portability/import.html", {"form": form, "runs": runs})


@login_required
def import_review(request, pk):
    run = _run_for(request, pk)
    context = {"run": run, "title": imports.SOURCES.get(run.source, run.source)}
    if run.status == ImportStatus.REVIEW:
        items = reviews(imports.label_review(run))
        form = MappingForm(request.POST if request.method == "POST" else None, labels=items)
        if request.method == "POST" and form.is_valid():
            try:
                imports.import_run_map(run=run, mapping=form.mapping())
                return redirect(run.get_absolute_url())
            except imports.ImportProblem as error:
                form.add_error(None, error.message)
        context |= {"form": form, "items": items}
    return render(request, "portability/import_review.html", context)


@login_required
@require_POST
def import_step(request, pk):
    run = imports.import_run_step(run=_run_for(request, pk))
    if request.htmx:
        return render(request, "portability/import_progress.html", {"run": run})
    return redirect(run.get_absolute_url())


@login_required
@require_POST
def import_cancel(request, pk):
    run = _run_for(request, pk)
    if imports.import_run_cancel(run=run):
        messages.success(request, "That import was called off; nothing from it was written.")
        if request.POST.get("then") == "settings":
            return redirect(reverse("accounts:settings") + "#your-data")
        return redirect("portability:import")  # to choose another file
    # Still "review" here when a step began it meanwhile: that reads as "running".
    too_late = TOO_LATE_TO_CANCEL.get(run.status, TOO_LATE_TO_CANCEL[ImportStatus.RUNNING])
    messages.info(request, too_late)
    return redirect(run.get_absolute_url())


TOO_LATE_TO_CANCEL = {
    ImportStatus.RUNNING: "That import had begun already, so it goes on here to the end.",
    ImportStatus.DONE: "That import has finished already: what it brought in is in your journal.",
    ImportStatus.FAILED: "That import stopped with a problem already: it is described below.",
}


@login_required
def imported_list(request):
    sources = selectors.imported_sources(request.user)
    form = ImportedFilterForm(request.GET, sources=sources)
    chosen = form.cleaned_data if form.is_valid() else {}
    entries = selectors.imported_entries(
        request.user, source=chosen.get("source", ""), month=chosen.get("month")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "portability/imported.html", {
        "page": page, "form": form, "sources": sources, "query": query_without_page(request),
        "filtered": bool(chosen.get("source") or chosen.get("month")),
    })  # fmt: skip


@login_required
def account_delete(request):
    # Always the password (and a code, with two-step sign-in), however recent the last one:
    # this can't be undone. The same confirm form as every other such action.
    form = ReauthForm(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, "Your account and everything in it are deleted.")
        return redirect("/")
    return render(request, "portability/delete_account.html", {
        "form": form, "leaves_no_owner": account_selectors.leaves_no_owner(request.user),
    })  # fmt: skip
