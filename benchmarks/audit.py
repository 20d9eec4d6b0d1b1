"""Audit log throughput: appends per second (1 and 8 writers) and verification speed.

Run: .venv/bin/python benchmarks/audit.py [--url postgresql+psycopg://...] [--appends 2000]
Prints figures only; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from jit import database
from jit.audit import service
from jit.db import make_engine, transaction
from jit.security.actor import SYSTEM


def append(engine: Engine, key: bytes, count: int) -> None:
    for i in range(count):
        with transaction(engine) as session:
            service.record(
                session, SYSTEM, "bench.event", audit_key=key, object_id=i, details={"n": i}
            )


def timed_writers(engine: Engine, key: bytes, writers: int, total: int) -> float:
    threads = [
        threading.Thread(target=append, args=(engine, key, total // writers))
        for _ in range(writers)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return total / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="")
    parser.add_argument("--appends", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        engine = make_engine(url)
        database.upgrade(engine)
        key = secrets.token_bytes(32)
        with Session(engine) as session:
            if next(service.iter_rows(session), None) is not None:
                raise SystemExit("the audit log is not empty: point --url at an empty database")
        print(f"backend: {engine.dialect.name}")
        print(f"1 writer : {timed_writers(engine, key, 1, args.appends):8.0f} appends/s")
        print(f"8 writers: {timed_writers(engine, key, 8, args.appends):8.0f} appends/s")
        with Session(engine) as session:
            start = time.perf_counter()
            verdict = service.verify(session, key)
            elapsed = time.perf_counter() - start
        print(
            f"verify   : {verdict.checked / elapsed:8.0f} entries/s "
            f"({verdict.checked} entries, intact={verdict.intact})"
        )
        engine.dispose()


if __name__ == "__main__":
    main()
