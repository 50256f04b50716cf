"""An import whose kept file is empty or gone stops, saying why, instead of failing."""

import pytest
from django.urls import reverse

from withness.portability import imports
from withness.portability.models import ImportRun, ImportStatus

pytestmark = pytest.mark.django_db


def run_with(owner, payload, status=ImportStatus.REVIEW):
    return ImportRun.objects.create(
        owner=owner, source="daylio", filename="daylio.csv", time_zone="UTC",
        payload=payload, status=status,
    )  # fmt: skip


@pytest.mark.parametrize("payload", [None, b""], ids=["gone", "empty"])
def test_reviewing_an_empty_stored_file_stops_the_run(owner, payload):
    run = run_with(owner, payload)

    assert imports.label_review(run) == []

    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED
    assert run.error == imports.GONE


@pytest.mark.parametrize("payload", [None, b""], ids=["gone", "empty"])
def test_a_step_over_an_empty_stored_file_stops_the_run(owner, payload):
    run = run_with(owner, payload, status=ImportStatus.RUNNING)

    run = imports.import_run_step(run=run)

    assert run.status == ImportStatus.FAILED
    assert run.error == imports.GONE
    assert imports.import_run_finish(run=run).status == ImportStatus.FAILED


def test_mapping_an_empty_stored_file_is_a_problem_to_show(owner):
    with pytest.raises(imports.ImportProblem):
        imports.import_run_map(run=run_with(owner, b""), mapping={})


@pytest.mark.parametrize("payload", [None, b""], ids=["gone", "empty"])
def test_the_pages_of_an_empty_stored_file_say_so(owner_client, owner, payload):
    review = run_with(owner, payload)
    running = run_with(owner, payload, status=ImportStatus.RUNNING)

    page = owner_client.get(reverse("portability:import_review", args=[review.pk]))
    step = owner_client.post(
        reverse("portability:import_step", args=[running.pk]), headers={"HX-Request": "true"}
    )

    assert page.status_code == 200 and "no longer here" in page.content.decode()
    assert step.status_code == 200 and "no longer here" in step.content.decode()
