"""What an import did, in sentences: the counts an import keeps (imports._Writer.count)."""


def _n(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def outcome_lines(counts: dict[str, int]) -> list[str]:
    """The counts of a finished import as short sentences, the most important first."""
    counts = {name: n for name, n in counts.items() if name != "read" and n}
    lines = []
    entries = counts.pop("entries imported", 0)
    checkins = counts.pop("check-ins added", 0)
    unstated = counts.pop("entries kept without a state", 0)
    had = counts.pop("days that already had a check-in", 0)
    if entries:
        lines.append(f"{_n(entries, 'entry', 'entries')} came in.")
    if checkins:
        if checkins + had < entries - unstated:
            line = (
                f"They made {_n(checkins, 'daily check-in', 'daily check-ins')}: "
                "the moods of one day make one check-in, with their average."
            )
        elif had:  # the rest fell on days that had a check-in already (said below)
            one, many = "of them became a new daily check-in", "of them became new daily check-ins"
            line = f"{_n(checkins, one, many)}."
        else:
            line = f"Each became a daily check-in ({checkins:,})."
        lines.append(line)
    if had:
        lines.append(
            f"{_n(had, 'day', 'days')} already had a check-in here, kept as it was; "
            "the entries of those days are kept beside it."
        )
    if unstated:
        lines.append(
            f"{_n(unstated, 'entry has', 'entries have')} no mood on a scale: "
            "kept with the rest, without a check-in."
        )
    if people := counts.pop("people added", 0):
        lines.append(f"{_n(people, 'person', 'people')} added to your people.")
    if known := counts.pop("people already in your list", 0):
        lines.append(f"{_n(known, 'person was', 'people were')} already in your people.")
    if again := counts.pop("already imported", 0):
        lines.append(f"{_n(again, 'row was', 'rows were')} here from an earlier import: skipped.")
    lines += [f"{name[:1].upper()}{name[1:]}: {n:,}." for name, n in counts.items()]
    return lines or ["Nothing new was in this file."]
