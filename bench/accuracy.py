"""How well the pattern-finder recovers planted truths, against the naive mean.

Simulates many synthetic journals (withness/analysis/synthetic.py documents
what is planted), runs the analysis core on each, and compares, in the same
run, with the per-person mean of after − before that mood apps show today.

    .venv/bin/python bench/accuracy.py [--journals N] [--workers 2]

Targets (issue 4): RMSE ≤ 0.7 × naive; 90 % intervals cover the truth 85–95 %
of the time; "lifts"/"drains" said of a zero-effect person ≤ 5 %; drift flagged
within 7 days on ≥ 90 % of planted slides and on ≤ 5 % of journals whose only
solitude is chosen and restful.
"""

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from withness.analysis.drift import isolation_drift
from withness.analysis.effects import MIN_FOR_VERDICT, MIN_SIZE, Z90, estimate_effects
from withness.analysis.synthetic import generate

N_BANDS = (
    (1, 3, "seen 1–3 times"),
    (4, 9, "seen 4–9 times"),
    (10, 29, "10–29"),
    (30, 10**9, "30+"),
)


def naive_rule(changes: list[float]) -> str:
    """The same verdict rule applied to the raw mean change, for comparison."""
    n = len(changes)
    if n < MIN_FOR_VERDICT:
        return "unclear"
    mean = float(np.mean(changes))
    half = Z90 * float(np.std(changes, ddof=1)) / np.sqrt(n)
    if abs(mean) >= MIN_SIZE and mean - half > 0:
        return "lifts"
    if abs(mean) >= MIN_SIZE and mean + half < 0:
        return "drains"
    return "unclear"


def people_rows(seed: int, without_checkins: bool = False) -> list[tuple]:
    """One row per person: n, truth, planted, ours (estimate, low, high, verdict), naive."""
    journal = generate(seed)
    checkins = () if without_checkins else journal.checkins
    effects = estimate_effects(journal.interactions, journal.solitude, checkins)
    truth = journal.person_truth()
    changes: dict[str, list[float]] = {}
    for r in journal.interactions:
        if r.after_pleasant is not None and r.before_pleasant is not None:
            for person in r.people:
                changes.setdefault(person, []).append(r.after_pleasant - r.before_pleasant)
    rows = []
    for e in effects.by_factor["people"]:
        p = e.pleasant
        rows.append(
            (
                e.n,
                truth[e.name],
                journal.planted.person_pleasant[e.name],
                p.estimate,
                p.low,
                p.high,
                e.verdict,
                float(np.mean(changes[e.name])),
                naive_rule(changes[e.name]),
            )
        )
    return rows


def people_rows_without_checkins(seed: int) -> list[tuple]:
    return people_rows(seed, without_checkins=True)


def first_flag(journal, days) -> int | None:
    """The first of ``days`` on which the analysis, run that day, flags a drift."""
    args = (journal.checkins, journal.solitude, journal.interactions)
    for i, day in enumerate(days):
        if isolation_drift(*args, safe_people=journal.planted.safe_people, today=day).flagged:
            return i
    return None


def drift_outcome(seed: int) -> tuple[int | None, bool]:
    """(days from the start of a planted slide to the first flag, if within 7; false alarm
    on any of the 7 days before it began)."""
    rng = np.random.default_rng(seed)
    journal = generate(seed, drift_day=int(rng.integers(120, 330)))
    start = journal.planted.drift_start
    found = first_flag(journal, [start + timedelta(days=k) for k in range(8)])
    early = first_flag(journal, [start - timedelta(days=k) for k in range(7, 0, -1)])
    return found, early is not None


def quiet_outcome(seed: int, restful: bool) -> bool:
    """Flagged on any of the last 7 days (for restful journals: the last week of a retreat)."""
    journal = generate(seed, restful_only=restful)
    return (
        first_flag(journal, [journal.end - timedelta(days=k) for k in range(6, -1, -1)]) is not None
    )


def restful_outcome(seed: int) -> bool:
    return quiet_outcome(seed, True)


def ordinary_outcome(seed: int) -> bool:
    return quiet_outcome(seed, False)


def rmse(errors: np.ndarray) -> float:
    return float(np.sqrt(np.mean(errors**2))) if len(errors) else float("nan")


def summarise(rows: list[tuple]) -> dict:
    a = np.array([r[:6] + (r[7],) for r in rows], dtype=float)
    n, truth, planted, est, low, high, naive = a.T
    ours_v = np.array([r[6] for r in rows])
    naive_v = np.array([r[8] for r in rows])
    zero = (planted == 0) & (n >= MIN_FOR_VERDICT)
    clear = (np.abs(truth) >= MIN_SIZE) & (n >= MIN_FOR_VERDICT)
    right = np.where(truth > 0, ours_v == "lifts", ours_v == "drains")
    out = {
        "people": len(rows),
        "rmse_ours": rmse(est - truth),
        "rmse_naive": rmse(naive - truth),
        "coverage": float(np.mean((low <= truth) & (truth <= high))),
        "false_ours": float(np.mean(np.isin(ours_v[zero], ["lifts", "drains"]))),
        "false_naive": float(np.mean(np.isin(naive_v[zero], ["lifts", "drains"]))),
        "zero_people": int(zero.sum()),
        "power": float(np.mean(right[clear])) if clear.any() else float("nan"),
        "bands": [],
    }
    for lo, hi, words in N_BANDS:
        m = (n >= lo) & (n <= hi)
        out["bands"].append(
            (
                words,
                int(m.sum()),
                rmse(est[m] - truth[m]),
                rmse(naive[m] - truth[m]),
                float(np.mean((low[m] <= truth[m]) & (truth[m] <= high[m]))),
            )
        )
    return out


def mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journals", type=int, default=400, help="journals for effects")
    parser.add_argument("--drift-journals", type=int, default=None, help="default: as journals")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    n_drift = args.drift_journals if args.drift_journals is not None else args.journals
    base = args.seed * 1_000_000
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        chunk = max(1, args.journals // (8 * args.workers))
        people = pool.map(people_rows, range(base, base + args.journals), chunksize=chunk)
        no_checkins = pool.map(
            people_rows_without_checkins,
            range(base, base + max(args.journals // 4, 1)),
            chunksize=chunk,
        )
        drifts = pool.map(drift_outcome, range(base + 200_000, base + 200_000 + n_drift))
        restful = pool.map(restful_outcome, range(base + 400_000, base + 400_000 + n_drift))
        ordinary = pool.map(ordinary_outcome, range(base + 600_000, base + 600_000 + n_drift))
        people = [row for rows in people for row in rows]
        no_checkins = [row for rows in no_checkins for row in rows]
        drifts, restful, ordinary = list(drifts), list(restful), list(ordinary)
    elapsed = time.perf_counter() - started

    s = summarise(people)
    w = summarise(no_checkins)
    ratio = s["rmse_ours"] / s["rmse_naive"]
    found = [d[0] for d in drifts if d[0] is not None]
    detected = len(found) / len(drifts)
    early = float(np.mean([d[1] for d in drifts]))
    false_restful = float(np.mean(restful))
    false_ordinary = float(np.mean(ordinary))

    print(
        f"withness analysis accuracy: {args.journals} one-year journals ({s['people']} people), "
        f"{n_drift} each of planted slides, restful-only and ordinary journals; "
        f"seed {args.seed}; {elapsed:.0f} s on {args.workers} workers\n"
    )
    table = [
        ("Per-person pleasantness effect", "ours", "naive", "target", ""),
        ("RMSE against the truth", f"{s['rmse_ours']:.3f}", f"{s['rmse_naive']:.3f}", "", ""),
        ("RMSE ratio ours / naive", f"{ratio:.2f}", "", "≤ 0.70", mark(ratio <= 0.7)),
        ("90% interval coverage", f"{s['coverage']:.1%}", "", "85–95%",
         mark(0.85 <= s["coverage"] <= 0.95)),
        (f"lifts/drains on zero-effect people (n≥6, {s['zero_people']})",
         f"{s['false_ours']:.1%}", f"{s['false_naive']:.1%}", "≤ 5%",
         mark(s["false_ours"] <= 0.05)),
        ("right verdict when |effect| ≥ 0.5 and n≥6", f"{s['power']:.0%}", "", "", "(power)"),
        ("", "", "", "", ""),
        ("Isolation drift", "", "", "", ""),
        ("flagged within 7 days of a planted slide", f"{detected:.1%}", "", "≥ 90%",
         mark(detected >= 0.9)),
        ("days from the start of a slide to the first flag",
         f"{np.median(found):.0f}" if found else "-", "", "", "(median)"),
        ("flagged in the week before a slide began", f"{early:.1%}", "", "", "(false alarm)"),
        ("flagged in a restful-only journal's last week", f"{false_restful:.1%}", "", "≤ 5%",
         mark(false_restful <= 0.05)),
        ("flagged in an ordinary journal's last week", f"{false_ordinary:.1%}", "", "",
         "(false alarm)"),
    ]  # fmt: skip
    for row in table:
        print(f"  {row[0]:<52} {row[1]:>7} {row[2]:>7}  {row[3]:<8} {row[4]}")
    print("\n  By how often a person was seen     people   RMSE ours  naive   coverage")
    for words, count, ours, naive, cover in s["bands"]:
        print(f"  {words:<34} {count:>6}   {ours:>9.3f} {naive:>6.3f}   {cover:>7.1%}")
    print(
        f"\n  Without check-ins ({len(no_checkins)} people; the usual state then comes from "
        f"before-states, pulled low by hard-day logging):\n"
        f"  RMSE ratio {w['rmse_ours'] / w['rmse_naive']:.2f}, coverage {w['coverage']:.1%}, "
        f"lifts/drains on zero-effect people {w['false_ours']:.1%}"
    )
    met = (
        ratio <= 0.7
        and 0.85 <= s["coverage"] <= 0.95
        and s["false_ours"] <= 0.05
        and detected >= 0.9
        and false_restful <= 0.05
    )
    print(f"\nAll targets {'met' if met else 'NOT met'}.")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
