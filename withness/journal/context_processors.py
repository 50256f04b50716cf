from withness.people.offers import offered_back


def undo(request):
    """What can be brought back, offered once on the next page: the entry just deleted, and
    anyone in recently deleted whose name was just typed as someone new."""
    if not hasattr(request, "session"):
        return {}
    return {
        "undo": request.session.pop("undo", None),
        "deleted_namesakes": offered_back(request),
    }
