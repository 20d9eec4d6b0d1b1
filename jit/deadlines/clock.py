"""The only reader of the system clock in the deadlines concept (views, API, CLI call it).

Services and pure modules take `now` as an argument, so tests and the demo fix the moment.
"""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)
