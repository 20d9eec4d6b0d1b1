"""Every table of the application, imported in one place for Alembic and the test setup."""

from jit.accounts.models import Membership, Organisation, Team, User
from jit.audit.models import AuditEntry
from jit.security.models import BrowserSession, LoginThrottle, RevokedToken

__all__ = [
    "AuditEntry",
    "BrowserSession",
    "LoginThrottle",
    "Membership",
    "Organisation",
    "RevokedToken",
    "Team",
    "User",
]
