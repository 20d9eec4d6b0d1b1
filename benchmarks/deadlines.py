"""Benchmark (issue 4): deadlines computed per second by the pure engine, and the server time of
the deadlines dashboard with 10,000 open deadlines.

Run: .venv/bin/python benchmarks/deadlines.py [--seconds N] [--open 10000] [--requests 30]
A plain script: no assertions, it only prints figures to quote in README.md ("## Deadlines").
The dashboard part seeds a temporary SQLite database (migrations + demo), signs in as the demo
liaison officer and times GET /deadlines/ through the Flask test client.
"""

import argparse
import json
import random
import secrets
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from jit import database
from jit.accounts.models import Team
from jit.app import create_app
from jit.db import make_engine, transaction
from jit.deadlines import compute
from jit.deadlines.models import DeadlineSource, DeadlineStatus, TrackedDeadline
from jit.demo import load as demo
from jit.settings import Settings

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
PASSWORD = "benchmark-password-1"  # noqa: S105 - the temporary demo database only


def engine_rate(seconds: float) -> tuple[int, float]:
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


def _settings(url: str) -> Settings:
    keys = {n: secrets.token_hex(32) for n in ("secret_key", "audit_key", "token_key")}
    return Settings(
        env="testing",
        identity_key=secrets.token_hex(32),
        database_url=url,
        demo_password=PASSWORD,
        fast_password_hashing=True,
        **keys,
    ).validate()


def _seed(settings: Settings, count: int, today: date) -> None:
    engine = make_engine(settings.sqlalchemy_url)
    database.upgrade(engine)
    with transaction(engine) as session:
        demo.load(session, settings, today=today)
    rng = random.Random(7)
    template = compute("eio.recognition", today, "FR")
    with transaction(engine) as session:
        team = session.exec(select(Team).where(Team.reference == "JIT-RO-FR-2026-01")).one()
        created = datetime.now(UTC)
        for number in range(count):
            # Due dates spread from 60 days ago to 300 days ahead: every bucket is large.
            due = datetime.combine(today, datetime.min.time(), UTC) + timedelta(
                days=rng.randrange(-60, 300), hours=21
            )
            session.add(
                TrackedDeadline(
                    team_id=team.id or 0,
                    rule=template.rule,
                    jurisdiction="FR",
                    length=template.length,
                    method=template.method,
                    legal_source=template.source,
                    verification=template.verification,
                    start_input=today.isoformat(),
                    start=due - timedelta(days=30),
                    due=due,
                    due_date=due.date(),
                    timezone=template.timezone,
                    status=DeadlineStatus.OPEN,
                    owed_by=rng.choice(["RO", "FR"]),
                    source=DeadlineSource.MANUAL,
                    title=f"Benchmark deadline {number}",
                    created_at=created,
                    steps=json.dumps(list(template.steps)),
                )
            )
    engine.dispose()


def dashboard_times(open_deadlines: int, requests: int) -> list[float]:
    with tempfile.TemporaryDirectory() as directory:
        settings = _settings(f"sqlite:///{Path(directory) / 'bench.sqlite'}")
        _seed(settings, open_deadlines, datetime.now(UTC).date())
        app = create_app(settings)
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        client.post(
            "/login", data={"username": "ro.liaison", "password": PASSWORD, "csrf_token": token}
        )
        client.get("/deadlines/")  # warm-up: templates compiled, catalogs loaded
        times = []
        for _ in range(requests):
            began = time.perf_counter()
            response = client.get("/deadlines/")
            times.append(time.perf_counter() - began)
            assert response.status_code == 200
        app.extensions["jit.engine"].dispose()
        return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--open", type=int, default=10_000, help="open deadlines to seed")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    done, elapsed = engine_rate(args.seconds)
    print(f"engine: {done} deadlines in {elapsed:.2f} s: {done / elapsed:,.0f} deadlines/second")
    times = sorted(dashboard_times(args.open, args.requests))
    median = statistics.median(times) * 1000
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000
    print(
        f"dashboard with {args.open:,} open deadlines (SQLite, {args.requests} requests): "
        f"median {median:.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
