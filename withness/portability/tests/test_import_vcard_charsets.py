"""Contacts whose quoted-printable names are not in the charset they say, end to end."""

import pytest
from django.urls import reverse

from withness.people.models import Person
from withness.portability.models import ImportRun

from .test_views import upload

pytestmark = pytest.mark.django_db

CONTACTS = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=EB Mart=EDn\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    b"FN;CHARSET=x-mac-nonsense;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    b"FN;CHARSET=base64;ENCODING=QUOTED-PRINTABLE:Zo=81\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam\r\nEND:VCARD\r\n"
)


def test_contacts_in_a_wrong_or_unknown_charset_are_read_as_written_or_skipped_saying_why(
    owner_client, owner
):
    response = upload(owner_client, "contacts.vcf", CONTACTS, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 to bring in, 1 to skip" in page
    assert "Card 1 says its letters are in UTF-8, but they aren’t" in page
    assert "it reads &#x27;Zoë Martín&#x27;" in page
    assert "which withness can’t read a contact in" in page
    assert "card 3: the name in this contact can’t be read" in page

    run = ImportRun.objects.get(owner=owner)
    owner_client.post(run.get_absolute_url(), {})
    owner_client.post(reverse("portability:import_step", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "done"
    assert sorted(Person.objects.filter(owner=owner).values_list("name", flat=True)) == [
        "Renée",
        "Sam",
        "Zoë Martín",
    ]
