"""Someone in recently deleted drops out of the entries they were in, everywhere it's shown."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from withness.testing.factories import InteractionFactory, PersonFactory


def test_the_edit_form_leaves_out_someone_in_recently_deleted(owner_client, owner):
    sam, gone = PersonFactory(owner=owner), PersonFactory(owner=owner)
    entry = InteractionFactory(owner=owner, people=[sam, gone])
    gone.soft_delete()
    url = reverse("journal:entry_edit", args=["interaction", entry.pk])
    assert owner_client.get(url).context["form"].initial["people"] == [sam.pk]


def detail_queries(client, person) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    return len(queries), page


def test_also_with_leaves_them_out_without_a_query_per_entry(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    gone = PersonFactory(owner=owner, name="Noor")
    InteractionFactory(owner=owner, people=[sam, PersonFactory(owner=owner, name="Ana")])
    one_entry, _ = detail_queries(owner_client, sam)
    for _ in range(4):
        InteractionFactory(owner=owner, people=[sam, gone])
    gone.soft_delete()
    five_entries, page = detail_queries(owner_client, sam)
    assert five_entries == one_entry
    assert "Also with Ana" in page and "Noor" not in page
