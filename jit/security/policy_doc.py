"""Render the policy table as Markdown (docs/access-policy.md), so the documentation and the code
share one source (ASVS 8.1.1). A test fails when the committed page is out of date."""

from __future__ import annotations

from jit.accounts.models import TeamRole
from jit.security.policy import POLICY


def render() -> str:
    roles = list(TeamRole)
    lines = [
        "# Access policy",
        "",
        "Generated from `jit/security/policy.py` (`POLICY`); do not edit by hand. Regenerate with",
        "`JIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/security`. An action missing here is",
        "refused to everybody. Objects of a team the user does not belong to answer 404.",
        "",
        "| action | " + " | ".join(role.value for role in roles) + " |",
        "| --- | " + " | ".join("---" for _ in roles) + " |",
    ]
    for action in sorted(POLICY, key=str):
        allowed = POLICY[action]
        cells = ["yes" if role in allowed else "—" for role in roles]
        lines.append(f"| `{action}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
