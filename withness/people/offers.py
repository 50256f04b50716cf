"""Someone in recently deleted offered back once, on the next page (templates/messages.html),
when their name was just typed as someone new: never linked silently, since they may have
been deleted on purpose."""

SESSION_KEY = "deleted_namesakes"


def offer_back(request, people, *, with_entry: bool) -> None:
    """Offer these people back; ``with_entry`` when the name was typed into an entry."""
    if people:
        request.session[SESSION_KEY] = [
            {"pk": p.pk, "name": p.name, "with_entry": with_entry} for p in people
        ]


def offered_back(request) -> list[dict] | None:
    return request.session.pop(SESSION_KEY, None)
