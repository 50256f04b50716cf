"""Every URL pattern of the project, tried by someone who does not own the journal.

See withness/hardening/sweep.py for how the ids are found and what counts as "learned nothing".
"""

import pytest

from withness.api.models import Scope
from withness.api.services import token_create
from withness.growth.models import NudgeSettings
from withness.hardening.sweep import EXEMPT, PUBLIC, Actor, Sweep, routes
from withness.testing.world import build_world, owned_models


@pytest.fixture
def actors(owner, outsider):
    _, owner_secret = token_create(user=owner, name="sweep", scope=Scope.WRITE)
    _, outsider_secret = token_create(user=outsider, name="sweep", scope=Scope.WRITE)
    return Actor(owner, owner_secret), Actor(outsider, outsider_secret)


def sweep_with(actors, only=lambda route: True):
    owner, outsider = actors
    sweep = Sweep(owner=owner, outsider=outsider, only=only)
    sweep.remember_outsider_pages()
    world = build_world(owner.user)
    return sweep, sweep.run(world)


def test_an_outsider_gets_nothing_from_any_route(actors):
    sweep, problems = sweep_with(actors)
    assert not problems, "\n".join(problems)
    assert sweep.checked > 300  # the sweep really tried the routes


def test_the_sweep_sees_every_app_and_every_owned_model():
    patterns = [r.pattern for r in routes()]
    for prefix in ("people/", "growth/", "account/", "data/", "api/v1/", "insights/"):
        assert any(p.startswith(prefix) for p in patterns), prefix
    labels = {m._meta.label for m in owned_models()}
    assert {"people.Person", "journal.Interaction", "api.ApiToken", "accounts.Invite"} <= labels


def test_every_exemption_names_a_route_that_exists():
    names = {r.name for r in routes()}
    assert set(EXEMPT) <= names
    assert set(PUBLIC) <= names


def test_the_calendar_feed_needs_the_exact_token(client, owner):
    NudgeSettings.objects.create(owner=owner, feed_token="a" * 43)
    assert client.get("/growth/calendar/" + "a" * 43 + ".ics").status_code == 200
    assert client.get("/growth/calendar/" + "a" * 42 + "b.ics").status_code == 404
    assert client.get("/growth/calendar/.ics").status_code == 404


# --- The sweep must fail when a view forgets its owner ----------------------------------------
# withness/hardening/tests/leaky_urls.py adds three deliberately unscoped views to the real URLs.


def only_leaky(route):
    return route.name.startswith("leaky")


@pytest.mark.urls("withness.hardening.tests.leaky_urls")
def test_the_sweep_catches_a_detail_view_without_an_owner_check(actors):
    _, problems = sweep_with(actors, only_leaky)
    found = [p for p in problems if p.startswith("leaky_detail:")]
    assert any("outsider GET /leaky/people/" in p and "got 200" in p for p in found), problems


@pytest.mark.urls("withness.hardening.tests.leaky_urls")
def test_the_sweep_catches_a_list_that_shows_everyones_rows(actors):
    _, problems = sweep_with(actors, only_leaky)
    found = [p for p in problems if p.startswith("leaky_list:")]
    assert any("showed the owner's text" in p for p in found), problems
    assert any("changed once the owner had a journal" in p for p in found), problems


@pytest.mark.urls("withness.hardening.tests.leaky_urls")
def test_the_sweep_catches_a_count_of_everyones_rows(actors):
    _, problems = sweep_with(actors, only_leaky)
    assert any(p.startswith("leaky_count:") and "changed once" in p for p in problems), problems


@pytest.mark.urls("withness.hardening.tests.leaky_urls")
def test_the_sweep_catches_an_unscoped_delete(actors):
    _, problems = sweep_with(actors, only_leaky)
    assert any(p.startswith("leaky_forget:") and "POST" in p for p in problems), problems
    assert "the owner's rows changed while others tried their addresses" in problems


@pytest.mark.urls("withness.hardening.tests.leaky_urls")
def test_the_sweep_reports_a_route_it_cannot_fill_with_real_ids(actors):
    _, problems = sweep_with(actors, only_leaky)
    assert any(p.startswith("leaky_unknown") and "proves nothing" in p for p in problems)
