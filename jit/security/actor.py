"""Who is acting: a user (loaded fresh from the database on every request) or the system."""

from __future__ import annotations

from dataclasses import dataclass, field

from jit.accounts.models import TeamRole


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    organisation_id: int | None = None
    organisation: str = ""
    country: str = ""
    # team id -> roles in that team. Read from the database per request, never from token
    # claims, so removing a membership takes effect on the next request (ASVS 8.3.2).
    roles: dict[int, frozenset[TeamRole]] = field(default_factory=dict)
    preferred_language: str = "en"
    timezone: str = "Europe/Bucharest"
    is_system: bool = False

    @property
    def team_ids(self) -> frozenset[int]:
        return frozenset(self.roles)

    def roles_in(self, team_id: int) -> frozenset[TeamRole]:
        return self.roles.get(team_id, frozenset())

    def has_role_anywhere(self, role: TeamRole) -> bool:
        return any(role in roles for roles in self.roles.values())


SYSTEM = Actor(user_id=None, username="system", is_system=True)
