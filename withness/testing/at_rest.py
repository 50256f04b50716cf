"""A column as the database holds it, before any decryption: for tests of what is sealed."""

from django.db import connection


def stored(model, pk, column: str = "note") -> str:
    """The value as text (PostgreSQL gives a JSON column as a dict: this is its repr)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])
        return str(cursor.fetchone()[0])
