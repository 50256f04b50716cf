from django.http import HttpResponse
from django.urls import path

from withness.urls import urlpatterns as real_urlpatterns


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [*real_urlpatterns, path("bench-floor/", floor)]
