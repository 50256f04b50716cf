def undo(request):
    """The entry just deleted, offered back once on the next page."""
    if not hasattr(request, "session"):
        return {}
    return {"undo": request.session.pop("undo", None)}
