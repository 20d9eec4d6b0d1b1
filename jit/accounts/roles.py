"""Display names of roles, organisation kinds and team states (translated when shown only)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from jit.accounts.models import OrganisationKind, TeamRole, TeamStatus

ROLE_LABELS = {
    TeamRole.PROSECUTOR: _l("Prosecutor"),
    TeamRole.LIAISON_OFFICER: _l("Police liaison officer"),
    TeamRole.NGO_COORDINATOR: _l("NGO coordinator"),
    TeamRole.JIT_LEAD: _l("JIT lead"),
    TeamRole.DATA_PROTECTION_OFFICER: _l("Data protection officer"),
}

KIND_LABELS = {
    OrganisationKind.PROSECUTION: _l("Prosecution service"),
    OrganisationKind.POLICE: _l("Police"),
    OrganisationKind.COURT: _l("Court"),
    OrganisationKind.CHILD_PROTECTION: _l("Child protection"),
    OrganisationKind.NGO: _l("Non-governmental organisation"),
    OrganisationKind.EU_AGENCY: _l("Eurojust / Europol"),
    OrganisationKind.OTHER: _l("Other"),
}

STATUS_LABELS = {
    TeamStatus.PREPARATION: _l("In preparation"),
    TeamStatus.ACTIVE: _l("Active"),
    TeamStatus.EXTENDED: _l("Extended"),
    TeamStatus.CLOSED: _l("Closed"),
}


def role_label(role: TeamRole) -> LazyString:
    return ROLE_LABELS[role]
