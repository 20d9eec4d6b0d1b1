"""The one place that decides "may this actor do this action on this object".

Used by web views, the API and the CLI alike. Pure: no Flask, no database.
Deny by default: an action missing from POLICY is refused to everybody.
"""

from __future__ import annotations

import enum

from jit.accounts.models import TeamRole
from jit.security.actor import Actor

ALL_ROLES = frozenset(TeamRole)


class Action(enum.StrEnum):
    TEAM_VIEW = "team.view"
    TEAM_MEMBERS_VIEW = "team.members.view"
    AUDIT_READ = "audit.read"
    AUDIT_VERIFY = "audit.verify"


# Declarative policy: which team roles may perform each action on an object of that team.
# docs/access-policy.md is generated from this table, so code and documentation share it.
POLICY: dict[Action, frozenset[TeamRole]] = {
    Action.TEAM_VIEW: ALL_ROLES,
    Action.TEAM_MEMBERS_VIEW: ALL_ROLES,
    # LED Art. 25 logs are for the data protection officer (and the JIT lead who answers for the
    # team), not for every member: the log itself tells who looked at which victim.
    Action.AUDIT_READ: frozenset({TeamRole.DATA_PROTECTION_OFFICER}),
    Action.AUDIT_VERIFY: frozenset({TeamRole.DATA_PROTECTION_OFFICER}),
}


class AccessDenied(Exception):
    """The actor may not act. `hidden` means the object must look absent (404), so that
    members of one JIT cannot even learn that another JIT's object exists."""

    def __init__(self, action: Action, team_id: int | None, *, hidden: bool) -> None:
        super().__init__(f"{action} denied")
        self.action = action
        self.team_id = team_id
        self.hidden = hidden


def may(actor: Actor, action: Action, team_id: int | None) -> bool:
    if actor.is_system:
        return True
    allowed = POLICY.get(action, frozenset())
    if team_id is None:
        # Actions without a team object: allowed when the role is held in any team.
        return any(roles & allowed for roles in actor.roles.values())
    return bool(actor.roles_in(team_id) & allowed)


def require(actor: Actor, action: Action, team_id: int | None) -> None:
    if may(actor, action, team_id):
        return
    hidden = team_id is not None and team_id not in actor.team_ids
    raise AccessDenied(action, team_id, hidden=hidden)


def visible_team_ids(actor: Actor, action: Action) -> frozenset[int]:
    allowed = POLICY.get(action, frozenset())
    return frozenset(tid for tid, roles in actor.roles.items() if roles & allowed)
