"""Every row belongs to one person, so tables can be distributed by owner (Citus) unchanged."""

import re

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from withness.testing.world import build_world, owned_models, user_model

from .test_site_guards import owner_pages

# Tables that belong to the instance, not to one person. Each with its reason.
GLOBAL_TABLES = {
    "accounts.Invite": "made by the instance's owner for a newcomer; belongs to no one's journal",
    "auth.Permission": "Django's catalogue of permissions",
    "auth.Group": "Django's permission groups (unused)",
    "contenttypes.ContentType": "Django's catalogue of models",
    "sessions.Session": "sign-in sessions, keyed by a random id; a reference table on Citus",
    "axes.AccessAttempt": "failed sign-ins by username and address, before anyone is known",
    "axes.AccessFailureLog": "same",
    "axes.AccessLog": "same (switched off: AXES_DISABLE_ACCESS_LOG)",
    "axes.AccessAttemptExpiration": "same",
    # django-otp's tables are one person's, but the library names the column user_id and reads
    # only by it (or by a device's id); on Citus they would be distributed by user_id.
    "otp_totp.TOTPDevice": "two-step sign-in device, keyed by user_id (django-otp's column)",
    "otp_static.StaticDevice": "recovery codes' device, keyed by user_id (same)",
    "otp_static.StaticToken": "one recovery code, read through its device",
}


def test_every_per_person_table_carries_the_owner_key():
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        if model is user_model() or label in GLOBAL_TABLES or model._meta.proxy:
            continue
        field = next((f for f in model._meta.concrete_fields if f.name == "owner"), None)
        if field is None or field.related_model is not user_model():
            missing.append(label)
    assert not missing, f"tables without an owner key (add one, or say why it is global): {missing}"


def test_every_global_table_exemption_is_still_a_table():
    labels = {m._meta.label for m in apps.get_models()}
    assert set(GLOBAL_TABLES) <= labels


def test_no_page_reads_another_persons_rows_without_the_owner_key(owner, outsider):
    """Every query that reads a per-person table names owner_id, so on Citus it goes to one
    shard and cannot join one person's rows to another's."""
    build_world(owner)
    build_world(outsider, prefix="Xo", pk_base=100_000)
    tables = {m._meta.db_table for m in owned_models() if m._meta.label not in GLOBAL_TABLES}
    offenders, reads = {}, 0
    with CaptureQueriesContext(connection) as captured:
        pages = sum(1 for _ in owner_pages(owner))
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        read = {t for t in tables if re.search(rf'\b(FROM|JOIN)\s+"?{t}"?', sql)}
        reads += bool(read)
        if read and "owner_id" not in sql:
            offenders.setdefault(sql[:160], 0)
            offenders[sql[:160]] += 1
    assert pages > 20 and reads > 100
    assert not offenders, "\n".join(offenders)
