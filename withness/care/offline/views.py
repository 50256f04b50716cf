"""The installable app: its manifest and its service worker, both served from the site root.

A service worker only controls pages at or below its own address, so /sw.js is served by
Django rather than from /static/; it must never be cached long, or a fix could not reach people.
"""

from functools import cache
from pathlib import Path

from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.views.decorators.http import require_GET

SERVICE_WORKER = Path(__file__).resolve().parent / "sw.js"
THEME = "#3f6f58"
BACKGROUND = "#f7f4ee"


@cache
def _service_worker() -> bytes:
    return SERVICE_WORKER.read_bytes()


@require_GET
def manifest(request):
    icons = [
        {"src": static("care/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        {"src": static("care/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("care/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("care/icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    response = JsonResponse(
        {
            "name": "withness",
            "short_name": "withness",
            "description": "A private connection journal.",
            "id": "/",
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "background_color": BACKGROUND,
            "theme_color": THEME,
            "icons": icons,
            "shortcuts": [{"name": "Help now", "url": "/help-now/"}],
        },
        content_type="application/manifest+json",
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def service_worker(request):
    response = HttpResponse(_service_worker(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
