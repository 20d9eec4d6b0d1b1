"""Audit integrity on the configured backend (SQLite or PostgreSQL): triggers, tampering by an
intruder with direct SQL access, and concurrent writers (issue 2; data-protection.md T-E2..E4)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from jit.audit import rules, service
from jit.db import transaction
from jit.security.actor import SYSTEM


@pytest.fixture
def engine(app: Flask) -> Engine:
    value: Engine = app.extensions["jit.engine"]
    return value


@pytest.fixture
def key(app: Flask) -> bytes:
    return bytes.fromhex(app.extensions["jit.settings"].audit_key)


def _append(engine: Engine, key: bytes, count: int) -> None:
    for i in range(count):
        with transaction(engine) as session:
            service.record(
                session,
                SYSTEM,
                "test.event",
                audit_key=key,
                object_type="thing",
                object_id=i,
                details={"n": i},
            )


def _verify(app: Flask) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    return result.exit_code, result.output


def _drop_guards(engine: Engine) -> None:
    """What an intruder with file or superuser access does first."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
            connection.exec_driver_sql("DROP TRIGGER audit_entry_no_delete")
        else:
            connection.exec_driver_sql("DROP TRIGGER audit_entry_no_update_delete ON audit_entry")


def _rows(engine: Engine) -> list[dict[str, object]]:
    with Session(engine) as session:
        return list(service.iter_rows(session))


@pytest.fixture
def chain(app: Flask, engine: Engine, key: bytes) -> Iterator[Engine]:
    _append(engine, key, 12)
    return engine


def test_untouched_log_verifies(app: Flask, chain: Engine) -> None:
    code, output = _verify(app)
    assert code == 0, output
    assert "intact" in output


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entry SET actor = 'someone' WHERE seq = 3",
        "DELETE FROM audit_entry WHERE seq = 3",
    ],
)
def test_triggers_reject_update_and_delete(chain: Engine, statement: str) -> None:
    with pytest.raises(DBAPIError, match="append-only"), chain.begin() as connection:
        connection.exec_driver_sql(statement)


def test_changed_entry_is_named(app: Flask, chain: Engine) -> None:
    _drop_guards(chain)
    with chain.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE audit_entry SET justification = 'nothing to see' WHERE seq = 5"
        )
    code, output = _verify(app)
    assert code == 1
    assert "entry 5" in output
    assert "changed" in output


def test_deleted_entry_is_named(app: Flask, chain: Engine) -> None:
    _drop_guards(chain)
    with chain.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit_entry WHERE seq = 7")
    code, output = _verify(app)
    assert code == 1
    assert "entry 7" in output
    assert "deleted" in output


def test_swapped_entries_are_named(app: Flask, chain: Engine) -> None:
    _drop_guards(chain)
    with chain.begin() as connection:
        # Swap the contents of 4 and 6 while keeping their seq numbers.
        connection.exec_driver_sql("UPDATE audit_entry SET seq = -1 WHERE seq = 4")
        connection.exec_driver_sql("UPDATE audit_entry SET seq = 4 WHERE seq = 6")
        connection.exec_driver_sql("UPDATE audit_entry SET seq = 6 WHERE seq = -1")
    code, output = _verify(app)
    assert code == 1
    assert "entry 4" in output


def test_recomputed_hashes_are_still_caught_by_the_mac(app: Flask, chain: Engine) -> None:
    """The intruder rewrites entry 5 and recomputes the hash of 5 and every later entry."""
    _drop_guards(chain)
    rows = [dict(row) for row in _rows(chain)]
    rows[4]["justification"] = "rewritten"
    prev = str(rows[3]["entry_hash"])
    for row in rows[4:]:
        row["prev_hash"] = prev
        row["entry_hash"] = prev = rules.entry_hash(prev, row)
    update = text(
        "UPDATE audit_entry SET justification = :j, prev_hash = :p, entry_hash = :h WHERE seq = :s"
    )
    with chain.begin() as connection:
        # Two passes: the unique fork guard forbids even a transient duplicate hash.
        for row in rows[4:]:
            connection.execute(
                update,
                {
                    "j": row["justification"],
                    "p": f"p{row['seq']}",
                    "h": f"h{row['seq']}",
                    "s": row["seq"],
                },
            )
        for row in rows[4:]:
            connection.execute(
                update,
                {
                    "j": row["justification"],
                    "p": row["prev_hash"],
                    "h": row["entry_hash"],
                    "s": row["seq"],
                },
            )
    code, output = _verify(app)
    assert code == 1
    assert "entry 5" in output
    assert "forged" in output


def test_eight_concurrent_writers_give_one_contiguous_chain(
    app: Flask, engine: Engine, key: bytes
) -> None:
    with Session(engine) as session:
        start = len(list(service.iter_rows(session)))
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            _append(engine, key, 250)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = _rows(engine)
    assert [r["seq"] for r in rows] == list(range(1, start + 2000 + 1))
    assert len({r["prev_hash"] for r in rows}) == len(rows)  # no fork
    verdict = rules.verify_chain(rows, key)
    assert verdict.intact
    assert verdict.checked == start + 2000
