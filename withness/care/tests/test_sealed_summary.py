"""A summary holds picked notes and the safety plan: at rest, neither it nor its links read."""

import hashlib
import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from withness.accounts import vault
from withness.care import services
from withness.care.models import ShareLink, TherapistSummary
from withness.care.summary import Section
from withness.testing.at_rest import stored
from withness.testing.fixtures import forget_every_key

pytestmark = pytest.mark.django_db

PHRASE = "juniper-stairwell-overture"


def shared_summary(owner):
    services.safety_plan_save(user=owner, settle_alone=f"Cold water, then the {PHRASE}")
    today = owner.today()
    summary = services.summary_create(
        user=owner, start=today, end=today, sections=[Section.SAFETY_PLAN], show_names=False,
        labels={}, notes=[],
    )  # fmt: skip
    return summary, services.share_link_create(user=owner, summary=summary, days=14)


def test_the_summary_its_token_and_its_shared_copy_are_sealed_at_rest(owner):
    summary, link = shared_summary(owner)

    assert PHRASE in str(TherapistSummary.objects.get(pk=summary.pk).snapshot)
    assert PHRASE not in stored(TherapistSummary, summary.pk, "snapshot")
    assert stored(ShareLink, link.pk, "token").startswith(vault.PREFIX)
    assert link.token not in stored(ShareLink, link.pk, "token")
    digest = hashlib.sha256(link.token.encode()).hexdigest()
    assert stored(ShareLink, link.pk, "token_hash") == digest
    assert PHRASE not in stored(ShareLink, link.pk, "sealed_snapshot")


def test_the_link_opens_for_its_reader_without_anyone_s_key(owner, keyring):
    _, link = shared_summary(owner)
    forget_every_key(keyring)

    page = Client().get(reverse("care:shared", args=[link.token]))

    assert page.status_code == 200
    assert PHRASE in page.content.decode()


def test_a_token_one_character_off_opens_nothing(owner):
    _, link = shared_summary(owner)
    wrong = link.token[:-1] + ("A" if link.token[-1] != "A" else "B")

    assert Client().get(reverse("care:shared", args=[wrong])).status_code == 404


def test_a_link_made_before_sealing_gets_its_hash_and_copy_in_the_upgrade(owner, keyring):
    _, link = shared_summary(owner)
    ShareLink.objects.filter(pk=link.pk).update(token_hash=f"old-{link.pk}", sealed_snapshot="")
    upgrade = importlib.import_module("withness.care.migrations.0003_share_links_sealed")

    upgrade.seal_open_links(apps, None)
    forget_every_key(keyring)

    page = Client().get(reverse("care:shared", args=[link.token]))
    assert page.status_code == 200 and PHRASE in page.content.decode()
