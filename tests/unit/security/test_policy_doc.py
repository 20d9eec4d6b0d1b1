"""docs/access-policy.md is the policy table of the code, not a copy that drifts."""

from __future__ import annotations

import os
from pathlib import Path

from jit.security import policy_doc

PAGE = Path(__file__).resolve().parents[3] / "docs" / "access-policy.md"


def test_access_policy_page_is_current() -> None:
    rendered = policy_doc.render()
    if os.environ.get("JIT_UPDATE_GOLDEN") == "1":
        PAGE.write_text(rendered, encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == rendered


def test_deny_by_default_for_unknown_actions() -> None:
    from jit.accounts.models import TeamRole
    from jit.security.actor import Actor
    from jit.security.policy import may

    member = Actor(user_id=1, username="x", roles={1: frozenset(TeamRole)})
    assert may(member, "no.such.action", 1) is False  # type: ignore[arg-type]
