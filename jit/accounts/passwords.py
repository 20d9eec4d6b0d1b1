"""Password hashing with Argon2id (OWASP password storage cheat sheet; ASVS 6.2)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_STRONG = PasswordHasher()  # argon2-cffi defaults: RFC 9106 low-memory profile
# Tests only (refused in production by Settings.validate): keeps the suite fast.
_FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
# Verified against when the account does not exist, so both paths cost the same time
# (ASVS 6.3.8: no user enumeration through timing).
_DUMMY_HASHES = {True: _FAST.hash("dummy-password"), False: _STRONG.hash("dummy-password")}


def hash_password(password: str, *, fast: bool = False) -> str:
    return (_FAST if fast else _STRONG).hash(password)


def verify_password(stored: str | None, password: str, *, fast: bool = False) -> bool:
    hasher = _FAST if fast else _STRONG
    try:
        return hasher.verify(stored or _DUMMY_HASHES[fast], password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False
