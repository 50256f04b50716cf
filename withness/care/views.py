from django.shortcuts import render

from . import crisis_lines


def help_now(request):
    """Crisis lines, for anyone: no login, no JavaScript, one tap from every page."""
    saved = request.user.country if request.user.is_authenticated else ""
    return render(request, "care/help_now.html", {
        "help": crisis_lines.help_for(request.GET.get("country"), saved),
        "countries": crisis_lines.countries(),
    })  # fmt: skip
