"""Time to compute the full insights report with the analysis core alone.

Journals of 1, 3 and 10 years at about 4 entries a day (interactions,
solitude and a daily check-in), made by the synthetic generator. Times the
whole ``analyse`` call and turning its result into JSON; reading rows from the
database is the app's part (bench/insights).

    .venv/bin/python bench/insights_core.py [--repeat 5]
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from withness.analysis.report import analyse, report_to_dict
from withness.analysis.synthetic import generate

YEARS = (1, 3, 10)


def timed(call, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("withness analysis core: time for the full insights report (median of "
          f"{args.repeat} runs)\n")  # fmt: skip
    print(f"  {'journal':<10} {'entries':>8} {'per day':>8} {'analyse':>10} {'to JSON':>10}")
    for years in YEARS:
        journal = generate(years, days=365 * years, interactions_per_day=2.25, n_people=30)
        entries = len(journal.interactions) + len(journal.solitude) + len(journal.checkins)
        records = (journal.interactions, journal.solitude, journal.checkins)
        safe = journal.planted.safe_people
        report = analyse(*records, safe_people=safe)
        seconds = timed(lambda r=records, s=safe: analyse(*r, safe_people=s), args.repeat)
        to_json = timed(lambda r=report: json.dumps(report_to_dict(r)), args.repeat)
        print(
            f"  {f'{years} year' + ('s' if years > 1 else ''):<10} {entries:>8} "
            f"{entries / (365 * years):>8.1f} {seconds * 1000:>8.0f} ms {to_json * 1000:>7.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
