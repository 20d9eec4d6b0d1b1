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
    DEADLINE_VIEW = "deadline.view"
    DEADLINE_VIEW_SUPPORT = "deadline.view.support"
    DEADLINE_MANAGE = "deadline.manage"
    VICTIM_LIST = "victims.list"
    VICTIM_VIEW = "victims.view"
    VICTIM_FILE = "victims.file"
    VICTIM_MANAGE = "victims.manage"
    VICTIM_REVEAL = "victims.reveal"
    VICTIM_DISCLOSE = "victims.disclose"
    DISCLOSURE_REGISTER = "victims.register"
    DISCLOSURE_EXPORT = "victims.register.export"
    DISCLOSURE_RECEIVE = "victims.receive"
    REQUEST_VIEW = "requests.view"
    REQUEST_EDIT = "requests.edit"
    TRANSLATION_USE = "translation.use"
    TRANSLATION_REVIEW = "translation.review"
    TRANSLATION_GLOSSARY_EDIT = "translation.glossary.edit"
    TRANSLATION_MODELS_MANAGE = "translation.models.manage"


# Declarative policy: which team roles may perform each action on an object of that team.
# docs/access-policy.md is generated from this table, so code and documentation share it.
POLICY: dict[Action, frozenset[TeamRole]] = {
    Action.TEAM_VIEW: ALL_ROLES,
    Action.TEAM_MEMBERS_VIEW: ALL_ROLES,
    # LED Art. 25 logs are for the data protection officer (and the JIT lead who answers for the
    # team), not for every member: the log itself tells who looked at which victim.
    Action.AUDIT_READ: frozenset({TeamRole.DATA_PROTECTION_OFFICER}),
    Action.AUDIT_VERIFY: frozenset({TeamRole.DATA_PROTECTION_OFFICER}),
    # Procedural deadlines (EIO, EAW, e-evidence) reveal where an operation stands; an NGO
    # coordinator sees only what victim support needs: reflection periods and the agreement end.
    Action.DEADLINE_VIEW: ALL_ROLES - {TeamRole.NGO_COORDINATOR},
    Action.DEADLINE_VIEW_SUPPORT: frozenset({TeamRole.NGO_COORDINATOR}),
    # Those who answer for a request's deadlines start, meet and extend them.
    Action.DEADLINE_MANAGE: frozenset(
        {TeamRole.PROSECUTOR, TeamRole.LIAISON_OFFICER, TeamRole.JIT_LEAD}
    ),
    # Victims (issue 6). Everyone in the team sees pseudonyms; NGO users see nothing more than
    # the pseudonym and what was disclosed to their organisation (L-14, GDPR Art. 10).
    Action.VICTIM_LIST: ALL_ROLES,
    Action.VICTIM_VIEW: ALL_ROLES,
    # The pseudonymised file (flags, consents, statements' metadata): case roles only.
    Action.VICTIM_FILE: frozenset(
        {TeamRole.PROSECUTOR, TeamRole.LIAISON_OFFICER, TeamRole.JIT_LEAD}
    ),
    Action.VICTIM_MANAGE: frozenset(
        {TeamRole.PROSECUTOR, TeamRole.LIAISON_OFFICER, TeamRole.JIT_LEAD}
    ),
    # Identity: also needs a written justification and a fresh re-authentication (service).
    Action.VICTIM_REVEAL: frozenset(
        {TeamRole.PROSECUTOR, TeamRole.LIAISON_OFFICER, TeamRole.JIT_LEAD}
    ),
    # Disclosure is a decision of the judicial authority leading the case.
    Action.VICTIM_DISCLOSE: frozenset({TeamRole.PROSECUTOR, TeamRole.JIT_LEAD}),
    Action.DISCLOSURE_REGISTER: frozenset(
        {
            TeamRole.PROSECUTOR,
            TeamRole.LIAISON_OFFICER,
            TeamRole.JIT_LEAD,
            TeamRole.DATA_PROTECTION_OFFICER,
        }
    ),
    Action.DISCLOSURE_EXPORT: frozenset({TeamRole.DATA_PROTECTION_OFFICER, TeamRole.JIT_LEAD}),
    # Downloading is further limited to disclosures made to the user's own organisation.
    Action.DISCLOSURE_RECEIVE: frozenset({TeamRole.NGO_COORDINATOR}),
    # Requests (issue 3) carry the case evidence: never NGO coordinators (DESIGN §3.3). The DPO
    # supervises through the audit log (every document generated is recorded there) and needs
    # no access to the content of the case.
    Action.REQUEST_VIEW: frozenset(
        {TeamRole.PROSECUTOR, TeamRole.LIAISON_OFFICER, TeamRole.JIT_LEAD}
    ),
    # Drafting, issuing and following a request is the judicial authority's act.
    Action.REQUEST_EDIT: frozenset({TeamRole.PROSECUTOR, TeamRole.JIT_LEAD}),
    # Translation (issue 5) is a tool without a team object: any member of any team may use it.
    Action.TRANSLATION_USE: ALL_ROLES,
    # A reviewed segment is reused for everybody (translation memory): case roles only.
    Action.TRANSLATION_REVIEW: frozenset(
        {TeamRole.PROSECUTOR, TeamRole.LIAISON_OFFICER, TeamRole.JIT_LEAD}
    ),
    # Locked glossary terms are forced into every translation of every team: the judicial
    # authorities and the JIT lead decide them.
    Action.TRANSLATION_GLOSSARY_EDIT: frozenset({TeamRole.PROSECUTOR, TeamRole.JIT_LEAD}),
    # Installing a model changes the server's software for every team: the JIT lead only
    # (operators also have `jit models install`).
    Action.TRANSLATION_MODELS_MANAGE: frozenset({TeamRole.JIT_LEAD}),
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
