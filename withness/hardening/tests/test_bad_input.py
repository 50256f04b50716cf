"""Bad input gets a clear 4xx or a form that names the field; never a crash, never a half-save."""

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from withness.journal.forms import CheckInForm, InteractionForm, SolitudeForm
from withness.people.forms import PersonForm
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)
from withness.testing.world import snapshot

# --- bodies the server should refuse outright ---------------------------------------------------


def test_an_oversized_body_gets_a_400(owner_client):
    huge = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = owner_client.post("/log/interaction/", {"note": huge})
    assert response.status_code == 400


def test_malformed_multipart_is_refused_and_saves_nothing(owner):
    from django.test import Client

    from withness.journal.models import Interaction

    # As a browser-facing server sees it: CSRF checks on. Django reads a body whose parts never
    # match the boundary as an empty form, so the CSRF token is missing: a 403, before any view.
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.generic(
        "POST",
        "/log/interaction/",
        b"--nope\r\nnot really multipart",
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 403
    assert not Interaction.objects.exists()


def test_a_multipart_body_without_a_boundary_gets_a_400(owner_client):
    response = owner_client.generic(
        "POST", "/people/add/", b"name=Sam", content_type="multipart/form-data"
    )
    assert response.status_code == 400


def test_the_api_refuses_a_body_that_is_not_json(owner):
    from django.test import Client

    from withness.api.models import Scope
    from withness.api.services import token_create

    _, secret = token_create(user=owner, name="t", scope=Scope.WRITE)
    client = Client()
    for content_type, data in (("text/plain", "name=Sam"), ("application/json", "{not json")):
        response = client.generic(
            "POST",
            "/api/v1/people",
            data,
            content_type=content_type,
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        assert 400 <= response.status_code < 500, (content_type, response.status_code)


# --- every form, fed anything -------------------------------------------------------------------

ODD_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
VALUES = st.one_of(
    st.just(""),
    ODD_TEXT,
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["2026-02-30T25:61", "1900-01-01", "9999-12-31T23:59", "-1", "1e309"]),
)

PAGES = {
    "interaction": ("/entries/interaction/{pk}/edit/", InteractionForm),
    "solitude": ("/entries/solitude/{pk}/edit/", SolitudeForm),
    "checkin": ("/check-in/{pk}/", CheckInForm),
    "person": ("/people/{pk}/edit/", PersonForm),
}


def field_names(form_class, owner):
    kwargs = {"user": owner}
    return list(form_class(**kwargs).fields)


@pytest.fixture
def journal(owner):
    person = PersonFactory(owner=owner, name="Sam")
    return {
        "interaction": InteractionFactory(owner=owner, people=[person]),
        "solitude": SolitudeFactory(owner=owner),
        "checkin": CheckInFactory(owner=owner),
        "person": person,
    }


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_input_crashes_a_form_or_changes_anything_it_rejects(kind, owner, journal, client):
    client.force_login(owner)
    address, form_class = PAGES[kind]
    url = address.format(pk=journal[kind].pk)
    names = [n for n in field_names(form_class, owner) if n != "revision"]

    @hypothesis_settings(
        max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(names, VALUES)))
    def check(data):
        before = snapshot(owner)
        form = client.get(url).context["form"]
        data["revision"] = form["revision"].value() if "revision" in form.fields else ""
        response = client.post(url, data)
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            errors = response.context["form"].errors
            assert errors, "re-shown without saying why"
            assert set(errors) <= set(response.context["form"].fields), errors
            assert snapshot(owner) == before, "a rejected submission changed something"

    check()


def test_no_filter_crashes_history_and_every_complaint_names_its_field(owner, journal, client):
    """The history filters are a GET form: anything in the address bar gets a page back."""
    from django.utils.html import escape

    from withness.journal.entries import TimelineFilterForm

    client.force_login(owner)
    names = [*TimelineFilterForm(user=owner).fields, "page"]
    texts = st.one_of(VALUES, st.text(max_size=120), st.just("x" * 101), st.just("a\x00b"))

    @hypothesis_settings(
        max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(names, texts)))
    def check(data):
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get("/history/", data, headers=headers)
            assert response.status_code == 200, response.status_code
            form = response.context["form"]
            page = response.content.decode()
            for name, errors in form.errors.items():
                label = form.fields[name].label
                assert all(escape(f"{label}: {error}") in page for error in errors), errors

    check()
