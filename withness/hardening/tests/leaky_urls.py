"""The real URLs plus deliberately unscoped views, to prove the sweep notices them.

Never part of the project's URLs: only test_owner_sweep loads this, through pytest's
`urls` marker.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from withness.people.models import Person
from withness.urls import urlpatterns as real_urlpatterns


def leaky_detail(request, pk):
    # The bug under test: no owner in the lookup.
    try:
        return HttpResponse(Person.objects.get(pk=pk).name)
    except Person.DoesNotExist:
        raise Http404 from None


def leaky_list(request):
    return HttpResponse(", ".join(Person.objects.values_list("name", flat=True)))


def leaky_count(request):
    return HttpResponse(f"{Person.objects.count()} people")


@require_POST
def leaky_forget(request, pk):
    Person.objects.filter(pk=pk).delete()
    return redirect("/")


def leaky_unknown(request, code):
    raise Http404


urlpatterns = [
    *real_urlpatterns,
    path("leaky/people/<int:pk>/", leaky_detail, name="leaky_detail"),
    path("leaky/people/", leaky_list, name="leaky_list"),
    path("leaky/count/", leaky_count, name="leaky_count"),
    path("leaky/people/<int:pk>/forget/", leaky_forget, name="leaky_forget"),
    path("leaky/unknown/<int:code>/", leaky_unknown, name="leaky_unknown"),
]
