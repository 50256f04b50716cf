"""What the pattern-finder last said about a journal, kept so the page does not re-compute it.

The analysis is pure and fast, but a ten-year journal still takes a moment; a snapshot
keyed by a cheap "journal stamp" lets every page view after the first one read JSON
instead. Nothing here is a source of truth: delete every row and it is rebuilt.
"""

import orjson
from django.conf import settings
from django.db import models


class DocumentField(models.TextField):
    """A JSON document kept as text, encoded and decoded by orjson.

    The snapshot is only ever read and written whole, never queried inside, and
    orjson does it about ten times faster than the json module JSONField uses:
    for a ten-year journal that is most of the cost of storing and opening it.
    """

    def from_db_value(self, value, expression, connection):
        return None if value is None else orjson.loads(value)

    def get_prep_value(self, value):
        return None if value is None else orjson.dumps(value).decode()


class InsightsSnapshot(models.Model):
    """The report for one journal, as of the stamp it was computed from."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    computed_at = models.DateTimeField()
    source_stamp = models.CharField(max_length=64)
    document = DocumentField()

    def __str__(self):
        return f"Insights for {self.owner} ({self.computed_at:%Y-%m-%d %H:%M})"


class InsightsChart(models.Model):
    """One chart drawn from a snapshot; goes with it when the snapshot is replaced."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    snapshot = models.ForeignKey(InsightsSnapshot, on_delete=models.CASCADE, related_name="charts")
    source_stamp = models.CharField(max_length=64)
    name = models.CharField(max_length=120)
    svg = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "source_stamp", "name"], name="one_chart_per_stamp"
            )
        ]

    def __str__(self):
        return self.name


class InsightCard(models.Model):
    """A card shown to the person, and the week it first appeared.

    At most three new cards a week (the rest wait their turn), so the page never
    floods someone with findings; cards already shown stay browsable.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    factor = models.CharField(max_length=30)
    key = models.CharField(max_length=80)  # the group's name; a person's id for people
    verdict = models.CharField(max_length=20)
    text = models.CharField(max_length=300)  # as it read when it first appeared
    released_on = models.DateField()

    class Meta:
        ordering = ["-released_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "factor", "key", "verdict"], name="one_card_per_finding"
            )
        ]

    def __str__(self):
        return self.text
