"""The time zones people pick from, grouped by region so the list stays findable."""

import zoneinfo
from functools import cache

REGIONS = (
    "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
    "Australia", "Europe", "Indian", "Pacific",
)  # fmt: skip
# Names tzdata ships that are not places: never offered, never accepted.
NOT_PLACES = {"Factory", "localtime", "posixrules"}


@cache
def known_time_zones() -> frozenset[str]:
    """Every name zoneinfo can load. Legacy aliases (US/Pacific) are accepted, just not listed."""
    return frozenset(zoneinfo.available_timezones() - NOT_PLACES)


def is_time_zone(name: str) -> bool:
    return name in known_time_zones()


@cache
def time_zone_choices() -> list:
    """UTC first, then one group per region, each city labelled without its region."""
    groups: dict[str, list[tuple[str, str]]] = {region: [] for region in REGIONS}
    for name in sorted(known_time_zones()):
        region, _, place = name.partition("/")
        if region in groups and place:
            groups[region].append((name, place.replace("_", " ").replace("/", " / ")))
    return [("UTC", "UTC"), *((region, zones) for region, zones in groups.items())]
