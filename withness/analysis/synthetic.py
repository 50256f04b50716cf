"""Synthetic journals with planted, documented patterns.

Used by the accuracy bench (which needs the truth) and by ``withness demo``
(which needs a year that reads like a life). Deterministic for a given seed.

How a journal is made
---------------------
* A usual state per user (pleasantness around +0.5, energy around 5). Each
  day's state wanders around it with day-to-day autocorrelation 0.3.
* People are seen between 1 and 60 times a year (log-uniform), more often on
  hard days: the chance of an entry on a day grows as the day's state falls,
  which is exactly what makes raw after − before flatter everything.
* An entry's before-state is the day's state plus the moment's noise. The
  after-state regresses toward the usual state (before/after correlation
  about 0.6) and then moves by the entry's *planted effect*: the average of
  its people's effects (1/k each), plus, when ``context_effects`` is on, a
  mode effect (in person +0.1, online groups −0.1) and a duration gain of
  0.5 · (1 − exp(−minutes / 30)) − 0.1, which levels off after about an hour.
* Person effects: 30 % exactly zero, 55 % small (sd 0.35), 15 % large
  (0.7 to 1.6 points either way). Energy effects follow pleasantness loosely.
* Solitude: chosen and restful time alone adds +0.4 pleasantness, unchosen
  time alone −0.4. ``restful_only`` journals have only chosen, restful
  solitude and end with a three-week retreat: much more time alone, far
  fewer people, and no change in how the user feels.
* Check-ins on about 85 % of days, unrelated to how the day went. Isolation
  signs rise on hard days and fall a little after a day with more time with
  people (0.15 on the sign scale per hour, up to three hours).
* ``drift_day``: from that day a slide into isolation ramps up over four
  days: state 1.6 points less pleasant and 1.8 lower in energy, isolation
  signs up by about one step each, social capacity down 2.5, 60 % fewer
  interactions, most time alone unchosen and longer.
* ``trend_per_year`` lets the usual state drift slowly (a journal of healing).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import numpy as np

from .records import ACTIVITIES, MODES, CheckInRecord, InteractionRecord, SolitudeRecord

NAMES = (
    "Sam", "Alex", "Priya", "Jordan", "Mia", "Omar", "Lena", "Chen", "Grace", "Tomás",
    "Aisha", "Ben", "Nora", "Kofi", "Ines", "Yuki", "Marta", "Leo", "Hana", "Dev",
    "Ruth", "Felix", "Amara", "Jonas", "Sofia", "Ravi", "Elif", "Noah", "Zara", "Ivan",
    "Clara", "Malik", "Eva", "Luca", "Ada", "Kai", "Rosa", "Theo", "Mei", "Idris",
)  # fmt: skip

TZ = timezone(timedelta(hours=1))
DEFAULT_END = date(2025, 6, 30)

RHO = 0.6  # after regresses 40 % of the way back to the usual state
SD_DAY = 1.2
SD_MOMENT = 0.8
SD_AFTER = 1.15  # with the above, before/after correlation is about 0.6
SD_DAY_ENERGY = 1.1
SD_AFTER_ENERGY = 1.0
PHI = 0.3  # day-to-day autocorrelation
HARD_DAY_LOGGING = 0.5  # entries per day scale with exp(−0.5 · standardised state)

MODE_SHARE = np.array([0.42, 0.16, 0.1, 0.24, 0.05, 0.03])
MODE_MEDIAN_MIN = {
    "in_person": 75,
    "call": 25,
    "video": 40,
    "messages": 8,
    "online": 30,
    "other": 20,
}
MODE_EFFECT = {
    "in_person": 0.1,
    "call": 0.05,
    "video": 0.0,
    "messages": 0.0,
    "online": -0.1,
    "other": 0.0,
}
IN_PERSON_SETTINGS = ("home", "their_place", "work", "outdoors", "public")
SOLITUDE_EFFECT = {"chosen_restful": (0.4, 0.6), "chosen": (0.0, 0.0), "unchosen": (-0.4, -0.3)}
# gain = 0.5 · (1 − exp(−minutes / 30)) − 0.1: most of it by an hour
DURATION_GAIN, DURATION_OFFSET = 0.5, 0.1
LAG_SIGNS_PER_HOUR = 0.15
RAMP_DAYS = 4
RETREAT_DAYS = 21


@dataclass(frozen=True)
class Planted:
    person_pleasant: dict[str, float]
    person_energy: dict[str, float]
    safe_people: frozenset[str]
    context_effects: bool
    drift_start: date | None
    retreat_start: date | None
    # per interaction, aligned with SyntheticJournal.interactions
    interaction_pleasant: tuple[float, ...] = field(repr=False)
    interaction_energy: tuple[float, ...] = field(repr=False)


@dataclass(frozen=True)
class SyntheticJournal:
    interactions: tuple[InteractionRecord, ...]
    solitude: tuple[SolitudeRecord, ...]
    checkins: tuple[CheckInRecord, ...]
    planted: Planted
    start: date
    end: date

    def person_truth(self, outcome: str = "pleasant") -> dict[str, float]:
        """Each person's true effect as the analysis defines it.

        That is the 1/k-weighted average of the planted effects of the entries
        they were part of (entries with a before and after state), so a person
        often seen with someone draining shares a little of it.
        """
        effects = getattr(self.planted, f"interaction_{outcome}")
        total: dict[str, float] = {}
        weight: dict[str, float] = {}
        for r, effect in zip(self.interactions, effects, strict=True):
            if getattr(r, f"before_{outcome}") is None or getattr(r, f"after_{outcome}") is None:
                continue
            for person in r.people:
                total[person] = total.get(person, 0.0) + effect / len(r.people)
                weight[person] = weight.get(person, 0.0) + 1.0 / len(r.people)
        return {p: total[p] / weight[p] for p in total}


def _ar1(rng: np.random.Generator, n: int) -> np.ndarray:
    """Stationary AR(1) with unit variance."""
    eps = rng.standard_normal(n)
    eps[1:] *= np.sqrt(1 - PHI**2)
    out = np.empty(n)
    level = 0.0
    for i, e in enumerate(eps.tolist()):
        level = PHI * level + e
        out[i] = level
    return out


def _half_steps(values: np.ndarray, low: float, high: float) -> np.ndarray:
    return np.clip(np.round(values * 2) / 2, low, high)


def _person_effects(
    rng: np.random.Generator, n: int, zero_share: float
) -> tuple[np.ndarray, np.ndarray]:
    large_share = 0.15 * (1 - zero_share) / 0.7  # 15 % when 30 % are zero
    kind = rng.choice(3, size=n, p=[zero_share, 1 - zero_share - large_share, large_share])
    small = rng.normal(0, 0.35, n)
    large = rng.choice([-1, 1], n) * rng.uniform(0.7, 1.6, n)
    pleasant = np.where(kind == 0, 0.0, np.where(kind == 1, small, large))
    energy = np.where(kind == 0, 0.0, 0.5 * pleasant + rng.normal(0, 0.25, n))
    return pleasant, energy


def generate(
    seed: int,
    *,
    days: int = 365,
    end: date = DEFAULT_END,
    n_people: int = 20,
    max_visits: int = 60,
    strangers_per_day: float = 0.15,
    interactions_per_day: float | None = None,
    solitude_per_day: float = 0.9,
    checkin_rate: float = 0.85,
    zero_share: float = 0.3,
    context_effects: bool = False,
    mode_effects: Mapping[str, float] | None = None,
    setting_effects: Mapping[str, float] | None = None,
    drift_day: int | None = None,
    restful_only: bool = False,
    trend_per_year: float = 0.0,
    people: Mapping[str, tuple[float, float, int]] | None = None,
) -> SyntheticJournal:
    """Make a journal of ``days`` days ending on ``end``.

    ``drift_day`` (days after the start) plants a slide into isolation;
    ``interactions_per_day`` scales everyone's visits to reach that rate;
    ``people`` fixes some people as name → (pleasant effect, energy effect,
    visits a year); the rest are drawn at random. With ``context_effects``,
    ``mode_effects`` replaces the modes' planted effects and ``setting_effects``
    adds effects of settings (neither draws a random number, so the same seed
    gives the same entries).
    """
    rng = np.random.default_rng(seed)
    start = end - timedelta(days=days - 1)
    t = np.arange(days)
    years = days / 365.0

    usual_p = float(np.clip(rng.normal(0.5, 0.8), -1.5, 2.5)) + trend_per_year * (t / 365.0)
    usual_e = float(np.clip(rng.normal(5.0, 0.7), 3.5, 6.5)) + 0.0 * t
    ramp = np.zeros(days)
    if drift_day is not None:
        ramp = np.clip((t - drift_day + 1) / RAMP_DAYS, 0.0, 1.0)
    retreat = np.zeros(days)
    if restful_only:
        retreat = (t >= days - RETREAT_DAYS).astype(float)
    usual_p = usual_p - 1.6 * ramp
    usual_e = usual_e - 1.8 * ramp
    z = _ar1(rng, days)
    z_energy = 0.4 * z + np.sqrt(1 - 0.16) * _ar1(rng, days)
    day_p = usual_p + SD_DAY * z
    day_e = usual_e + SD_DAY_ENERGY * z_energy
    logging = np.exp(-HARD_DAY_LOGGING * z) * (1 - 0.6 * ramp) * (1 - 0.6 * retreat)
    day_weight = logging / logging.sum()

    # People and how often each is seen
    fixed = dict(people or {})
    names = [n for n in NAMES if n not in fixed]
    rng.shuffle(names)
    extra = max(n_people - len(fixed), 0)
    names = list(fixed) + [names[i] if i < len(names) else f"Person {i + 1}" for i in range(extra)]
    pleasant_eff, energy_eff = _person_effects(rng, len(names), zero_share)
    visits = np.round(np.exp(rng.uniform(0, np.log(max_visits), len(names)))).astype(int)
    for i, name in enumerate(fixed):
        pleasant_eff[i], energy_eff[i], visits[i] = fixed[name]
    visits = np.maximum(1, np.round(visits * years)).astype(int)
    if interactions_per_day is not None:
        want = interactions_per_day * days - strangers_per_day * days
        visits = np.maximum(1, np.round(visits * max(want, 1) / visits.sum())).astype(int)
    order = np.argsort(-visits, kind="stable")
    safe = [i for i in order if pleasant_eff[i] > 0.2][:2]
    felt_safe_mean = np.clip(6 + 2.5 * pleasant_eff + rng.normal(0, 1.2, len(names)), 1, 10)
    felt_safe_mean[safe] = np.maximum(felt_safe_mean[safe], 8.5)
    mode_pref = rng.dirichlet(MODE_SHARE * 6, len(names))

    who = np.repeat(np.arange(len(names)), visits)
    when = rng.choice(days, size=len(who), p=day_weight)
    anon_day = np.repeat(t, rng.poisson(strangers_per_day * days * day_weight))
    cast = _Cast(names, pleasant_eff, energy_eff, felt_safe_mean, mode_pref, visits)
    records, true_p, true_e, minutes_by_day = _interactions(
        rng, start, cast, who, when, anon_day, day_p, day_e, usual_p, usual_e, context_effects,
        {**MODE_EFFECT, **(mode_effects or {})}, dict(setting_effects or {}),
    )  # fmt: skip

    solitude = _solitude(
        rng, start, solitude_per_day, day_p, day_e, usual_p, usual_e, ramp, retreat, restful_only
    )
    checkins = _checkins(rng, start, z, day_p, day_e, ramp, minutes_by_day, checkin_rate)
    planted = Planted(
        person_pleasant={names[i]: float(pleasant_eff[i]) for i in range(len(names))},
        person_energy={names[i]: float(energy_eff[i]) for i in range(len(names))},
        safe_people=frozenset(names[i] for i in safe),
        context_effects=context_effects,
        drift_start=None if drift_day is None else start + timedelta(days=drift_day),
        retreat_start=end - timedelta(days=RETREAT_DAYS - 1) if restful_only else None,
        interaction_pleasant=tuple(true_p.tolist()),
        interaction_energy=tuple(true_e.tolist()),
    )
    return SyntheticJournal(tuple(records), solitude, checkins, planted, start, end)


@dataclass(frozen=True)
class _Cast:
    names: list[str]
    pleasant: np.ndarray
    energy: np.ndarray
    felt_safe: np.ndarray
    mode_pref: np.ndarray
    visits: np.ndarray


def _stamp(start: date, day: int, minute: int) -> datetime:
    return datetime.combine(start + timedelta(days=day), time(minute // 60, minute % 60), TZ)


def _interactions(
    rng: np.random.Generator,
    start: date,
    cast: _Cast,
    who: np.ndarray,
    when: np.ndarray,
    anon_day: np.ndarray,
    day_p: np.ndarray,
    day_e: np.ndarray,
    usual_p: np.ndarray,
    usual_e: np.ndarray,
    context_effects: bool,
    mode_effect: Mapping[str, float],
    setting_effect: Mapping[str, float],
) -> tuple[tuple[InteractionRecord, ...], np.ndarray, np.ndarray, np.ndarray]:
    n_named = len(who)
    n = n_named + len(anon_day)
    day = np.concatenate([when, anon_day])
    minute = rng.integers(8 * 60, 22 * 60, n)
    order = np.lexsort((minute, day))
    named = np.arange(n) < n_named
    main = np.concatenate([who, np.zeros(len(anon_day), dtype=int)])

    # Who was there: mostly one person, sometimes one or two more.
    groups: list[list[int]] = [[int(m)] for m in main]
    if len(cast.names) >= 3:
        visit_weight = cast.visits / cast.visits.sum()
        for j in np.flatnonzero(named & (rng.random(n) < 0.12)):
            others = rng.choice(len(cast.names), size=int(rng.integers(1, 3)), p=visit_weight)
            groups[j] = list(dict.fromkeys([groups[j][0], *map(int, others)]))
    eff_p = cast.pleasant[main].copy()
    eff_e = cast.energy[main].copy()
    felt = cast.felt_safe[main].copy()
    for j in np.flatnonzero([len(g) > 1 for g in groups]):
        eff_p[j] = cast.pleasant[groups[j]].mean()
        eff_e[j] = cast.energy[groups[j]].mean()
        felt[j] = cast.felt_safe[groups[j]].mean()
    eff_p[~named], eff_e[~named], felt[~named] = 0.0, 0.0, 5.0

    # How, how long, where
    cum = np.cumsum(cast.mode_pref[main], axis=1)
    mode = np.minimum((rng.random(n)[:, None] > cum).sum(axis=1), len(MODES) - 1)
    mode[~named] = np.where(rng.random((~named).sum()) < 0.5, 0, MODES.index("online"))
    median = np.array([MODE_MEDIAN_MIN[m] for m in MODES], dtype=float)[mode]
    minutes = median * np.exp(rng.normal(0, 0.6, n))
    is_messages = mode == MODES.index("messages")
    minutes = np.maximum(1.0, np.where(is_messages, np.round(minutes), 5 * np.round(minutes / 5)))
    place = rng.integers(0, len(IN_PERSON_SETTINGS), n)
    at_home = rng.random(n) < 0.3
    if context_effects:
        eff_p += np.array([mode_effect[m] for m in MODES])[mode]
        eff_p += DURATION_GAIN * (1 - np.exp(-minutes / 30.0)) - DURATION_OFFSET
        eff_e -= np.where((minutes >= 120) & (mode == 0), 0.4, 0.0)
        if setting_effect:
            call_at_home = np.isin(mode, [MODES.index("call"), MODES.index("video")]) & at_home
            where = np.where(
                mode == MODES.index("in_person"),
                np.array(IN_PERSON_SETTINGS, dtype=object)[place],
                np.where(
                    mode == MODES.index("online"), "online", np.where(call_at_home, "home", "")
                ),
            )
            eff_p += np.array([setting_effect.get(w, 0.0) for w in where.tolist()])

    before_p = day_p[day] + rng.normal(0, SD_MOMENT, n)
    before_e = day_e[day] + rng.normal(0, SD_MOMENT, n)
    after_p = usual_p[day] + RHO * (before_p - usual_p[day]) + eff_p + rng.normal(0, SD_AFTER, n)
    after_e = (
        usual_e[day] + RHO * (before_e - usual_e[day]) + eff_e + rng.normal(0, SD_AFTER_ENERGY, n)
    )
    missing_after = rng.random(n) < 0.05
    initiated = rng.choice(3, size=n, p=(0.4, 0.4, 0.2))
    depth = rng.choice(5, size=n, p=(0.2, 0.3, 0.25, 0.17, 0.08))
    felt_safe = np.clip(np.round(felt + rng.normal(0, 1.2, n)), 0, 10).astype(int)
    size = rng.integers(3, 12, n)
    columns = {
        "bp": _half_steps(before_p, -5, 5).tolist(),
        "be": _half_steps(before_e, 0, 10).tolist(),
        "ap": _half_steps(after_p, -5, 5).tolist(),
        "ae": _half_steps(after_e, 0, 10).tolist(),
    }
    records = []
    for j in order.tolist():
        m = MODES[mode[j]]
        if m == "in_person":
            setting = IN_PERSON_SETTINGS[place[j]]
        elif m == "online":
            setting = "online"
        else:
            setting = "home" if m in ("call", "video") and at_home[j] else ""
        gone = bool(missing_after[j])
        records.append(
            InteractionRecord(
                started_at=_stamp(start, int(day[j]), int(minute[j])),
                duration_min=float(minutes[j]),
                people=tuple(cast.names[g] for g in groups[j]) if named[j] else (),
                mode=m,
                initiated_by=("me", "them", "both")[initiated[j]],
                depth=int(depth[j]),
                felt_safe=int(felt_safe[j]),
                before_pleasant=columns["bp"][j],
                before_energy=columns["be"][j],
                after_pleasant=None if gone else columns["ap"][j],
                after_energy=None if gone else columns["ae"][j],
                setting=setting,
                group_size=None if named[j] else int(size[j]),
                entry_id=len(records) + 1,
            )
        )
    minutes_by_day = np.bincount(day, minutes, minlength=len(day_p))
    return tuple(records), eff_p[order], eff_e[order], minutes_by_day


def _solitude(
    rng: np.random.Generator,
    start: date,
    per_day: float,
    day_p: np.ndarray,
    day_e: np.ndarray,
    usual_p: np.ndarray,
    usual_e: np.ndarray,
    ramp: np.ndarray,
    retreat: np.ndarray,
    restful_only: bool,
) -> tuple[SolitudeRecord, ...]:
    day = np.repeat(np.arange(len(day_p)), rng.poisson(per_day * (1 + ramp) * (1 + 1.5 * retreat)))
    n = len(day)
    if restful_only:
        chosen = np.ones(n, dtype=bool)
        restorative: list[bool | None] = [True] * n
        activity = rng.choice(("rest", "nature", "meditation", "creative"), n).tolist()
    else:
        chosen = rng.random(n) < 0.75 - 0.55 * ramp[day]
        u = rng.random(n)
        restorative = [
            (True if x < 0.7 else (None if x < 0.8 else False))
            if c
            else (None if x < 0.5 else False)
            for c, x in zip(chosen.tolist(), u.tolist(), strict=True)
        ]
        activity = rng.choice(ACTIVITIES, n).tolist()
    kinds = ["unchosen" if not c else ("chosen_restful" if r else "chosen")
             for c, r in zip(chosen.tolist(), restorative, strict=True)]  # fmt: skip
    eff_p = np.array([SOLITUDE_EFFECT[k][0] for k in kinds])
    eff_e = np.array([SOLITUDE_EFFECT[k][1] for k in kinds])
    minutes = 60 * np.exp(rng.normal(0, 0.6, n)) * np.where(chosen, 1.0, 1 + 2 * ramp[day])
    minutes = np.clip(5 * np.round(minutes / 5), 5, 600)
    bp = day_p[day] + rng.normal(0, SD_MOMENT, n)
    be = day_e[day] + rng.normal(0, SD_MOMENT, n)
    ap = usual_p[day] + RHO * (bp - usual_p[day]) + eff_p + rng.normal(0, SD_AFTER, n)
    ae = usual_e[day] + RHO * (be - usual_e[day]) + eff_e + rng.normal(0, SD_AFTER_ENERGY, n)
    minute = rng.integers(7 * 60, 23 * 60, n)
    order = np.lexsort((minute, day)).tolist()
    values = [
        _half_steps(v, lo, hi).tolist()
        for v, lo, hi in ((bp, -5, 5), (be, 0, 10), (ap, -5, 5), (ae, 0, 10))
    ]
    return tuple(
        SolitudeRecord(
            started_at=_stamp(start, int(day[j]), int(minute[j])),
            duration_min=float(minutes[j]),
            chosen=bool(chosen[j]),
            activity=activity[j],
            restorative=restorative[j],
            before_pleasant=values[0][j],
            before_energy=values[1][j],
            after_pleasant=values[2][j],
            after_energy=values[3][j],
            entry_id=i + 1,
        )
        for i, j in enumerate(order)
    )


def _checkins(
    rng: np.random.Generator,
    start: date,
    z: np.ndarray,
    day_p: np.ndarray,
    day_e: np.ndarray,
    ramp: np.ndarray,
    minutes_by_day: np.ndarray,
    rate: float,
) -> tuple[CheckInRecord, ...]:
    days = len(z)
    hours_before = np.concatenate([[0.0], np.minimum(minutes_by_day[:-1] / 60, 3.0)])
    load = (
        rng.normal(0.3, 0.3)
        - 0.45 * z
        + 0.4 * _ar1(rng, days)
        + 1.3 * ramp
        - LAG_SIGNS_PER_HOUR * hours_before
    )
    offsets = rng.normal(0, 0.3, 5)
    latent = load[:, None] + offsets[None, :] + rng.normal(0, 0.6, (days, 5))
    signs = np.digitize(latent, [0.9, 1.9])
    sleep = _half_steps(
        7.2 + rng.normal(0, 0.7, days) - 0.5 * signs[:, 4] + 0.2 * hours_before, 3, 11
    )
    capacity = np.clip(np.round(5 + 1.3 * z - 2.5 * ramp + rng.normal(0, 1.2, days)), 0, 10)
    pleasant = _half_steps(day_p + rng.normal(0, 0.4, days), -5, 5)
    energy = _half_steps(day_e + rng.normal(0, 0.5, days), 0, 10)
    present = np.flatnonzero(rng.random(days) < rate).tolist()
    values = [pleasant.tolist(), energy.tolist(), sleep.tolist(), capacity.astype(int).tolist()]
    sign_rows = signs.tolist()
    return tuple(
        CheckInRecord(
            start + timedelta(days=d),
            values[0][d],
            values[1][d],
            *sign_rows[d],
            sleep_hours=values[2][d],
            social_capacity=values[3][d],
            entry_id=i + 1,
        )
        for i, d in enumerate(present)
    )


DEMO_MODE_EFFECTS = {"online": -0.6}
DEMO_SETTING_EFFECTS = {"outdoors": 0.6}
DEMO_PEOPLE = {
    # name: (pleasantness effect, energy effect, visits a year); nobody else is drawn.
    "Sam": (1.0, 0.5, 45),
    "Priya": (0.7, 0.2, 25),
    "Alex": (-1.3, -0.6, 22),
    "Jordan": (0.0, 0.0, 30),
    "Lena": (0.0, 0.0, 14),
    "Chen": (0.0, 0.0, 9),
    "Mia": (0.3, 0.3, 1),
    "Omar": (0.0, -0.3, 1),
}


@dataclass(frozen=True)
class DemoPattern:
    """A planted pattern, in words, and what the insights page shows for it.

    ``shows`` lists (factor, name, verdicts the page may give): the demo's test checks
    every one of them on the default seed, and that no other card appears.
    """

    text: str
    shows: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


_QUIET = ("unclear", "not_enough")
DEMO_PATTERNS = (
    DemoPattern(
        "Time with Sam adds about one point of pleasantness; Sam is one of the safe people."
        " The page: Sam tends to leave you more settled.",
        (("people", "Sam", ("lifts",)),),
    ),
    DemoPattern(
        "Time with Priya adds about two thirds of a point. The page: more settled.",
        (("people", "Priya", ("lifts",)),),
    ),
    DemoPattern(
        "Time with Alex takes away more than a point, and some energy. The page: you tend"
        " to feel less settled after time with Alex.",
        (("people", "Alex", ("drains",)),),
    ),
    DemoPattern(
        "Jordan (seen often), Lena and Chen add nothing of their own; time with them still"
        " gains a little from contact in general. The page: no clear pattern.",
        tuple(("people", name, ("unclear",)) for name in ("Jordan", "Lena", "Chen")),
    ),
    DemoPattern(
        "Mia and Omar are seen only a handful of times. The page: not enough entries yet,"
        " or no clear pattern.",
        (("people", "Mia", _QUIET), ("people", "Omar", _QUIET)),
    ),
    DemoPattern(
        "Time with people outdoors adds over half a point. The page: outdoors tends to leave"
        " you more settled than your time with people on average.",
        (("settings", "outdoors", ("lifts",)),),
    ),
    DemoPattern(
        "Online communities take away over half a point (and the big groups of the journal"
        " are mostly online). The page: online communities, time online and time with four"
        " or more others tend to leave you less settled than your time with people on"
        " average.",
        (
            ("modes", "online", ("drains",)),
            ("settings", "online", ("drains",)),
            ("group_sizes", "4+", ("drains",)),
        ),
    ),
    DemoPattern(
        "Longer time together adds a little more (from about 0 for a few minutes to +0.4"
        " for two hours, most of it within the first hour), and in-person time a little"
        " (+0.1): too small for a card, it shows in the tables.",
        tuple(("durations", band, ("unclear",)) for band in ("0-15", "15-45", "45-90", "90+"))
        + (("modes", "in_person", ("unclear",)),),
    ),
    DemoPattern(
        "Chosen, restful time alone adds a little; unchosen time alone takes a little."
        " The page: time alone you did not choose tends to leave you less settled than your"
        " time alone on average.",
        (("solitude", "unchosen", ("drains",)), ("solitude", "chosen_restful", _QUIET)),
    ),
    DemoPattern(
        "A day with more time with people is followed by slightly fewer isolation signs."
        " The page says so under the charts."
    ),
)


def demo_journal(seed: int = 7, *, days: int = 365, end: date = DEFAULT_END) -> SyntheticJournal:
    """A year for the demo account, with the patterns in ``DEMO_PATTERNS``."""
    return generate(
        seed,
        days=days,
        end=end,
        n_people=len(DEMO_PEOPLE),
        context_effects=True,
        mode_effects=DEMO_MODE_EFFECTS,
        setting_effects=DEMO_SETTING_EFFECTS,
        people=DEMO_PEOPLE,
        interactions_per_day=1.6,
    )
