"""Benchmark: deadlines computed per second by the pure engine (issue 4).

Run: .venv/bin/python benchmarks/deadlines_engine.py [--seconds N]
A plain script: no assertions, it only prints figures to quote.
"""

import argparse
import random
import time
from datetime import date, timedelta

from jit.deadlines import compute

CASES = [
    ("eio.recognition", None),
    ("eio.execution", None),
    ("eaw.surrender", None),
    ("epoc.emergency", None),
    ("national", "10d"),
    ("national", "2w"),
    ("national", "3m"),
]
COUNTRIES = ["RO", "FR", "DE", "IT", "AT", "ES", "HU", "NL"]


def run(seconds: float) -> tuple[int, float]:
    rng = random.Random(4)
    base = date(2026, 1, 1)
    inputs = [
        (*rng.choice(CASES), rng.choice(COUNTRIES), base + timedelta(days=rng.randrange(3650)))
        for _ in range(5000)
    ]
    # Warm the caches (holiday tables are built once per country and year).
    for rule, length, country, start in inputs[:500]:
        compute(rule, start, country, length=length)
    done, began = 0, time.perf_counter()
    while time.perf_counter() - began < seconds:
        for rule, length, country, start in inputs:
            compute(rule, start, country, length=length)
        done += len(inputs)
    return done, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    done, elapsed = run(args.seconds)
    print(f"{done} deadlines in {elapsed:.2f} s: {done / elapsed:,.0f} deadlines/second")


if __name__ == "__main__":
    main()
