from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from withness.ownership import StaleEdit, get_object_for_user

from . import selectors, services
from .forms import MergeForm, PersonForm
from .models import Person
from .offers import offer_back

INTERACTIONS_PER_PAGE = 10


@login_required
def person_list(request):
    undo = request.session.pop("person_undo", None)
    people = selectors.people_for(request.user)
    return render(
        request, "people/list.html", {"people": people, "person_undo": undo, "nav": "people"}
    )


@login_required
def person_add(request):
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = services.person_create(user=request.user, data=form.cleaned_data)
        messages.success(request, f"{person.name} is in your people now.")
        _hint_namesakes(request, form)
        offer_back(request, form.deleted_namesakes, with_entry=False)
        return redirect(person)
    return render(request, "people/form.html", {"form": form, "nav": "people"})


@login_required
def person_detail(request, pk):
    person = get_object_for_user(Person, request, pk)
    interactions = selectors.interactions_with(request.user, person)
    page = Paginator(interactions, INTERACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    template = "people/_interactions.html" if request.htmx else "people/detail.html"
    return render(
        request,
        template,
        {
            "person": person,
            "page": page,
            "summary": selectors.summary_for(request.user, person),
            "nav": "people",
        },
    )


@login_required
def person_edit(request, pk):
    person = get_object_for_user(Person, request, pk)
    old_name = person.name
    form = PersonForm(request.POST or None, user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_update(person=person, data=form.cleaned_data)
        except StaleEdit:
            person.refresh_from_db()
            form.changed_elsewhere(person)
        else:
            if person.name != old_name:
                messages.success(
                    request, f"Renamed to {person.name}. Their history stays with them."
                )
            else:
                messages.success(request, "Changes saved.")
            _hint_namesakes(request, form)
            return redirect(person)
    return render(request, "people/form.html", {"form": form, "person": person, "nav": "people"})


@login_required
def person_merge(request, pk):
    """Choose someone (GET), see what merging will do (GET ?merge=), then merge (POST)."""
    keep = get_object_for_user(Person, request, pk)
    data = (
        request.POST
        if request.method == "POST"
        else (request.GET if "merge" in request.GET else None)
    )
    form = MergeForm(data, user=request.user, keep=keep)
    if form.is_bound and form.has_error("merge", "invalid_choice"):
        raise Http404  # someone else's person, a deleted one or a made-up id: nothing to hint at
    context = {"form": form, "keep": keep, "nav": "people"}
    if not (form.is_bound and form.is_valid()):
        return render(request, "people/merge.html", context)
    merge = form.cleaned_data["merge"]
    if request.method != "POST":
        preview = selectors.merge_preview(keep, merge)
        return render(
            request, "people/merge_confirm.html", {**context, "merge": merge, "preview": preview}
        )
    try:
        services.person_merge(user=request.user, keep=keep, merge=merge)
    except services.MergeRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            f"{merge.name} is merged into {keep.name}. Everything logged with either is here now.",
        )
    return redirect(keep)


@login_required
@require_POST
def person_delete(request, pk):
    person = get_object_for_user(Person, request, pk)
    services.person_delete(person=person)
    request.session["person_undo"] = {"pk": person.pk, "name": person.name}
    return redirect("people:list")


@login_required
@require_POST
def person_restore(request, pk):
    person = get_object_for_user(Person, request, pk, deleted=True)
    services.person_restore(person=person)
    request.session.pop("person_undo", None)
    messages.success(request, f"{person.name} is back, with everything logged with them.")
    if selectors.namesakes(request.user, person.name, exclude=person):
        messages.info(
            request,
            f"There is more than one {person.name} in your people now. If they are the same "
            "person, you can merge them: the link is under More, at the bottom of this page.",
        )
    return redirect(person)


@login_required
@require_GET
def name_check(request):
    """The gentle same-name hint, as the name is typed (htmx). Adding someone, it also offers
    back a person in recently deleted who has the name, as PersonForm does on the full page."""
    person = None
    if request.GET.get("person"):
        person = get_object_for_user(Person, request, request.GET["person"])
    name = " ".join(request.GET.get("name", "")[:200].split())  # as PersonForm saves it
    namesakes, set_aside = selectors.name_hints(request.user, name, person=person)
    return render(
        request, "people/_name_hint.html", {"namesakes": namesakes, "set_aside": set_aside}
    )


def _hint_namesakes(request, form) -> None:
    if form.namesakes:
        messages.info(
            request,
            f"You have more than one {form.cleaned_data['name']} now. That's "
            "fine; a relationship or a note can help tell them apart, and if they turn "
            "out to be the same person you can merge them.",
        )
