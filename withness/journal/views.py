from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from withness.accounts.reauth import safe_next
from withness.accounts.selectors import instance_has_owner
from withness.ownership import StaleEdit, get_object_for_user
from withness.people.offers import offer_back
from withness.people.selectors import deleted_namesakes

from . import entries, selectors, services
from .forms import CheckInForm
from .models import CheckIn


def home(request):
    """The front door: set-up on a new instance, sign-in, or today at a glance."""
    if not instance_has_owner():
        return redirect("accounts:setup")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    recent = selectors.recent_entries(user, 5)
    return render(
        request,
        "journal/home.html",
        {
            "nav": "home",
            "checkin": selectors.checkin_for_day(user, user.today()),
            "recent": recent,
            "journal_has_begun": selectors.journal_has_begun(user, recent),
        },
    )


@login_required
def log(request):
    return render(request, "journal/log.html", {"nav": "log"})


@login_required
def entry_new(request, kind):
    spec = entries.spec_for(kind)
    initial = entries.initial_for_new(request)
    form = spec.form(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        namesakes = deleted_namesakes(request.user, form.cleaned_data.get("new_people"))
        entry = spec.log(user=request.user, data=form.cleaned_data)
        messages.success(request, spec.saved_message)
        offer_back(request, namesakes, with_entry=True)
        return redirect(entry_url(entry))
    return render(request, spec.template, {"form": form, "spec": spec, "nav": "log"})


@login_required
def entry_edit(request, kind, pk):
    spec = entries.spec_for(kind)
    entry = get_object_for_user(spec.model, request, pk)
    form = spec.form(
        request.POST or None, user=request.user, entry=entry, initial=spec.initial(entry)
    )
    if request.method == "POST" and form.is_valid():
        namesakes = deleted_namesakes(request.user, form.cleaned_data.get("new_people"))
        try:
            spec.update(entry, form.cleaned_data)
        except StaleEdit:
            form.add_error(None, entries.STALE_MESSAGE)
        else:
            messages.success(request, "Changes saved.")
            offer_back(request, namesakes, with_entry=True)
            return redirect(entry_url(entry))
    return render(
        request, spec.template, {"form": form, "spec": spec, "entry": entry, "nav": "history"}
    )


@login_required
def entry_detail(request, kind, pk):
    entry = get_object_for_user(entries.spec_for(kind).model, request, pk)
    if kind == "interaction":
        prefetch_related_objects([entry], "people")  # the title and the Who row both list them
    return render(request, f"journal/{kind}_detail.html", {"entry": entry, "nav": "history"})


@login_required
def checkin(request, pk=None):
    user = request.user
    if pk is not None:
        instance = get_object_for_user(CheckIn, request, pk)
    else:
        instance = selectors.checkin_for_day(user, user.today()) or CheckIn()
    initial = {"revision": instance.revision} if instance.pk else {}
    form = CheckInForm(request.POST or None, user=user, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_save(user=user, form=form)
        except StaleEdit:
            form.add_error(None, entries.STALE_MESSAGE)
        else:
            messages.success(request, "Check-in saved. Thank you for pausing to notice.")
            return redirect("journal:home")
    return render(request, "journal/checkin_form.html", {"form": form, "nav": "log"})


@login_required
@require_POST
def entry_delete(request, kind, pk):
    entry = get_object_for_user(entries.model_for(kind), request, pk)
    services.entry_delete(entry)
    request.session["undo"] = {"kind": kind, "pk": entry.pk, "label": str(entry)}
    return redirect(safe_next(request, request.POST.get("next"), reverse("journal:history")))


@login_required
@require_POST
def entry_restore(request, kind, pk):
    entry = get_object_for_user(entries.model_for(kind), request, pk, deleted=True)
    request.session.pop("undo", None)
    if services.entry_restore(entry):
        messages.success(request, f"“{entry}” is back.")
        return redirect(entry_url(entry))
    messages.error(
        request,
        "There is already a check-in for that day, so this one can't come back. "
        "You can edit the one that is there.",
    )
    return redirect("journal:deleted")


@login_required
def history(request):
    filters, form = entries.timeline_filters(request)
    keys = selectors.timeline_keys(request.user, filters)
    page = Paginator(keys, 20).get_page(request.GET.get("page"))
    context = {
        "nav": "history",
        "form": form,
        "page": page,
        "entries": selectors.load_entries(request.user, list(page.object_list)),
        "query": entries.query_without_page(request),
        "words": filters.words,
        "narrowed": bool(filters.kind or filters.person or filters.start or filters.end),
    }
    template = "journal/timeline.html" if request.htmx else "journal/history.html"
    return render(request, template, context)


@login_required
def deleted(request):
    services.purge_deleted(user=request.user)
    return render(
        request,
        "journal/deleted.html",
        {
            "nav": "history",
            "entries": selectors.recently_deleted(request.user),
        },
    )


def entry_url(entry) -> str:
    if entry.kind == "checkin":
        return reverse("journal:checkin_edit", args=[entry.pk])
    return reverse("journal:entry_detail", args=[entry.kind, entry.pk])
