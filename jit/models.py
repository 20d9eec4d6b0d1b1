"""Every table of the application, imported in one place for Alembic and the test setup."""

from jit.accounts.models import Membership, Organisation, Team, User
from jit.audit.models import AuditEntry
from jit.deadlines.models import CalendarFeed, DeadlineNotification, TrackedDeadline
from jit.jobs.models import Job
from jit.requests.models import (
    EvidenceRequest,
    RequestStep,
    RequestVersion,
    ReviewedTranslation,
)
from jit.security.models import BrowserSession, LoginThrottle, RevokedToken
from jit.translation.models import ApiKey, GlossaryTerm, MemorySegment
from jit.victims.models import (
    Consent,
    Disclosure,
    Statement,
    StatementReview,
    TeamTokenMap,
    Victim,
    VictimRelation,
)

__all__ = [
    "ApiKey",
    "AuditEntry",
    "BrowserSession",
    "CalendarFeed",
    "Consent",
    "DeadlineNotification",
    "Disclosure",
    "EvidenceRequest",
    "GlossaryTerm",
    "Job",
    "LoginThrottle",
    "Membership",
    "MemorySegment",
    "Organisation",
    "RequestStep",
    "RequestVersion",
    "ReviewedTranslation",
    "RevokedToken",
    "Statement",
    "StatementReview",
    "Team",
    "TeamTokenMap",
    "TrackedDeadline",
    "User",
    "Victim",
    "VictimRelation",
]
