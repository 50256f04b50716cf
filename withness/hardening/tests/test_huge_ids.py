"""An id bigger than any database column holds is a wrong choice, never a server error.

SQLite refuses such a number outright, so a hand-made form post with one used to crash.
"""

import pytest
from django.urls import reverse

from withness.testing.factories import InteractionFactory, PersonFactory

pytestmark = pytest.mark.django_db

HUGE = str(10**20)


@pytest.fixture
def sam(owner):
    return PersonFactory(owner=owner, name="Sam")


def posts(sam):
    return [
        (reverse("journal:entry_new", args=["interaction"]), "people"),
        (reverse("care:safety_plan_edit"), "distraction_people"),
        (reverse("care:safety_plan_edit"), "help_people"),
        (reverse("growth:safe_person_new"), "person"),
        (reverse("growth:share_new"), "person"),
        (reverse("growth:share_new"), "interaction"),
        (reverse("growth:support_new"), "person"),
    ]


@pytest.mark.parametrize("sign", ["", "-"])
def test_a_huge_id_in_a_form_is_a_wrong_choice(owner_client, owner, sam, sign):
    InteractionFactory(owner=owner, people=[sam])
    for url, field in posts(sam):
        response = owner_client.post(url, {field: sign + HUGE})
        assert response.status_code == 200, (url, field, response.status_code)
        assert field in response.context["form"].errors, (url, field)


def test_a_huge_id_to_merge_is_not_found_like_any_made_up_id(owner_client, sam):
    response = owner_client.post(reverse("people:merge", args=[sam.pk]), {"merge": HUGE})
    assert response.status_code == 404


def test_a_huge_id_in_a_filter_shows_nothing_and_no_error(owner_client, owner, sam):
    InteractionFactory(owner=owner, people=[sam])
    response = owner_client.get(reverse("journal:history"), {"person": HUGE})
    assert response.status_code == 200
