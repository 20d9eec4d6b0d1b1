"""Demo data of the concept packages, loaded after the teams and users exist.

Each concept adds one line to LOADERS (explicit, no discovery). A loader receives the session,
the settings, the load date, the teams by reference and the users by username, and must be
idempotent: `jit demo load` can run again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlmodel import Session

from jit.accounts.models import Team, User
from jit.deadlines import demo as deadlines_demo
from jit.requests import demo as requests_demo
from jit.settings import Settings
from jit.victims import demo as victims_demo

Loader = Callable[[Session, Settings, date, dict[str, Team], dict[str, User]], None]

LOADERS: list[Loader] = [
    victims_demo.load,
    deadlines_demo.load_demo_deadlines,
    requests_demo.load,
]
