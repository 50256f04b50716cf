"""Small hand-made journals for known-answer tests."""

from datetime import date, datetime, timedelta, timezone

from withness.analysis.records import CheckInRecord, InteractionRecord, SolitudeRecord

TZ = timezone(timedelta(hours=2))
START = date(2025, 1, 6)  # a Monday


def at(day: int, hour: int = 12) -> datetime:
    return datetime(START.year, START.month, START.day, hour, tzinfo=TZ) + timedelta(days=day)


def visit(
    day: int,
    people: tuple[str, ...],
    before: float,
    after: float | None,
    *,
    hour: int = 12,
    minutes: float = 30,
    mode: str = "in_person",
    energy: tuple[float, float | None] = (5.0, 5.0),
    felt_safe: int | None = 7,
    entry_id: int | None = None,
    setting: str = "",
) -> InteractionRecord:
    return InteractionRecord(
        started_at=at(day, hour),
        duration_min=minutes,
        people=people,
        mode=mode,
        initiated_by="me",
        depth=2,
        felt_safe=felt_safe,
        before_pleasant=before,
        before_energy=energy[0],
        after_pleasant=after,
        after_energy=energy[1],
        setting=setting,
        entry_id=entry_id,
    )


def alone(
    day: int, minutes: float, *, chosen: bool, restorative: bool | None = None
) -> SolitudeRecord:
    return SolitudeRecord(
        started_at=at(day, 15),
        duration_min=minutes,
        chosen=chosen,
        activity="rest",
        restorative=restorative,
        before_pleasant=0.0,
        before_energy=5.0,
        after_pleasant=0.5,
        after_energy=5.0,
    )


def checkin(
    day: int,
    pleasant: float = 0.0,
    energy: float = 5.0,
    signs: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0),
    sleep: float | None = 7.5,
    capacity: int | None = 6,
) -> CheckInRecord:
    return CheckInRecord(START + timedelta(days=day), pleasant, energy, *signs, sleep, capacity)
