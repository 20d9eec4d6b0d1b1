"""Pure audit rules: canonical encoding, entry hashing, keyed MAC and chain verification.

No Flask, no database, no clock: callers pass rows in and get verdicts out.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64
HASH_VERSION = b"\x01"
# The header fields that are chained, in a fixed order. Hash only what is stored, as stored
# (a verifier that hashes something else "always fails": data-protection.md §3.3).
HEADER_FIELDS = (
    "seq",
    "ts",
    "actor_id",
    "actor",
    "organisation",
    "country",
    "action",
    "object_type",
    "object_id",
    "team_id",
    "outcome",
    "justification",
    "details",
)


class CanonicalEncodingError(ValueError):
    """A value that has no canonical form (floats, unknown types)."""


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, Mapping):
        return {_normalise_key(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    # Floats are refused: their text form is not canonical across platforms.
    raise CanonicalEncodingError(f"cannot encode {type(value).__name__} canonically")


def _normalise_key(key: Any) -> str:
    if not isinstance(key, str):
        raise CanonicalEncodingError("mapping keys must be strings")
    return unicodedata.normalize("NFC", key)


def canonical(value: Any) -> bytes:
    """JSON with sorted keys, no whitespace, UTF-8, NFC strings, integers only."""
    return json.dumps(
        _normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def entry_hash(prev_hash: str, header: Mapping[str, Any]) -> str:
    """SHA-256(0x00 || version || prev_hash || canonical(header)); length-free thanks to JSON."""
    body = {name: header[name] for name in HEADER_FIELDS}
    digest = hashlib.sha256()
    digest.update(b"\x00" + HASH_VERSION + bytes.fromhex(prev_hash) + canonical(body))
    return digest.hexdigest()


def entry_mac(key: bytes, entry_hash_hex: str) -> str:
    """Keyed MAC of an entry hash. The key lives outside the database, so an intruder who
    rewrites an entry and recomputes every later hash still cannot produce valid MACs."""
    return hmac.new(
        key, b"jit-audit-v1" + bytes.fromhex(entry_hash_hex), hashlib.sha256
    ).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    kind: str  # "changed", "deleted", "inserted-or-reordered", "forged"
    detail: str


@dataclass(frozen=True)
class Verdict:
    intact: bool
    checked: int
    head_seq: int
    head_hash: str
    problem: ChainProblem | None = None


def verify_chain(rows: Iterable[Mapping[str, Any]], key: bytes) -> Verdict:
    """Walk the rows in seq order and report the first bad entry.

    - changed: the stored hash no longer matches the stored fields;
    - forged: the hash matches but the MAC does not (hashes were recomputed without the key);
    - deleted: a seq number is missing;
    - inserted-or-reordered: the entry does not point at its predecessor.
    """
    expected_seq = 1
    prev = GENESIS_HASH
    checked = 0
    for row in rows:
        seq = int(row["seq"])
        if seq != expected_seq:
            kind = "deleted" if seq > expected_seq else "inserted-or-reordered"
            return Verdict(
                False,
                checked,
                expected_seq - 1,
                prev,
                ChainProblem(
                    expected_seq if kind == "deleted" else seq,
                    kind,
                    f"expected entry {expected_seq}, found {seq}",
                ),
            )
        if row["prev_hash"] != prev:
            return Verdict(
                False,
                checked,
                seq - 1,
                prev,
                ChainProblem(
                    seq, "inserted-or-reordered", "entry does not point at the previous entry"
                ),
            )
        recomputed = entry_hash(row["prev_hash"], row)
        if recomputed != row["entry_hash"]:
            return Verdict(
                False,
                checked,
                seq - 1,
                prev,
                ChainProblem(seq, "changed", "stored fields do not match the entry hash"),
            )
        if not hmac.compare_digest(entry_mac(key, recomputed), str(row["mac"])):
            return Verdict(
                False,
                checked,
                seq - 1,
                prev,
                ChainProblem(seq, "forged", "entry hash is not signed with the audit key"),
            )
        prev = recomputed
        expected_seq += 1
        checked += 1
    return Verdict(True, checked, expected_seq - 1, prev)
