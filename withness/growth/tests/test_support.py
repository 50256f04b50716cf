from datetime import date

import pytest
from django.urls import reverse

from withness.growth.models import Support
from withness.testing.factories import PersonFactory

from .factories import SupportFactory

NOTE = "took more than you had"


def test_support_given_and_received_show_on_the_persons_page(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    for data in (
        {"direction": "given", "what": "helped with the move", "capacity": "2"},
        {"direction": "received", "what": "brought soup"},
    ):
        response = owner_client.post(
            reverse("growth:support_new"),
            {"person": sam.pk, "happened_on": date.today().isoformat(), **data},
        )
        assert response.status_code == 302
    body = owner_client.get(reverse("growth:person", args=[sam.pk])).content.decode()
    assert "helped with the move" in body and "brought soup" in body
    assert "You gave" in body and "You received" in body
    assert Support.objects.get(direction="received").capacity is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"direction": ""}, "direction", "Say whether you gave or received support."),
        ({"what": ""}, "what", "A few words about what it was"),
        ({"capacity": ""}, "capacity", "Say roughly how much it took."),
        ({"capacity": "7"}, "capacity", "Choose one of the listed answers."),
        ({"person": ""}, "person", "Choose who this was with."),
        ({"happened_on": "2999-01-01"}, "happened_on", "That date is still to come."),
    ],
)
def test_bad_support_gets_a_specific_message_and_nothing_is_saved(
    owner_client, owner, change, field, message
):
    sam = PersonFactory(owner=owner)
    data = {
        "person": sam.pk,
        "direction": "given",
        "what": "listened",
        "capacity": "1",
        "happened_on": date.today().isoformat(),
    }
    response = owner_client.post(reverse("growth:support_new"), {**data, **change})
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    assert not Support.objects.exists()


def test_a_gentle_note_appears_after_giving_beyond_limits_several_times_in_a_row(
    owner_client, owner
):
    for _ in range(2):
        SupportFactory(owner=owner, capacity=3)
    assert NOTE not in owner_client.get(reverse("growth:index")).content.decode()
    SupportFactory(owner=owner, capacity=3)
    assert NOTE in owner_client.get(reverse("growth:index")).content.decode()


def test_one_time_within_limits_breaks_the_run(owner_client, owner):
    for capacity in (3, 3, 1, 3, 3):
        SupportFactory(owner=owner, capacity=capacity, happened_on=date(2026, 1, 1))
    assert NOTE not in owner_client.get(reverse("growth:index")).content.decode()
