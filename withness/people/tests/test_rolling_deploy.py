"""During a deploy the release before still runs, and must go on working on the new tables."""

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from withness.people.models import Person


def test_the_release_before_can_still_add_someone(owner):
    # The release before knew people as they were before they had a revision.
    before = MigrationLoader(connection).project_state(("people", "0002_sealed_text")).apps
    old_server_person = before.get_model("people", "Person")
    added = old_server_person.objects.create(owner_id=owner.pk, name="Sam")
    assert Person.objects.get(pk=added.pk).revision == 1
