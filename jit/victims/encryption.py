"""Sealing of identity fields and statements: AES-256-GCM with the key from the environment.

No Flask, no database. The key is ``settings.identity_key`` (JIT_IDENTITY_KEY, 32 bytes hex),
separate from the session, token and audit keys: a leaked database or a leaked session secret
alone reveals no identity (data-protection.md §2.1 key separation). Each sealed value carries
its own random 96-bit nonce; the associated data binds it to its row and purpose, so a
ciphertext copied into another victim's row, or a statement blob moved into an identity
column, fails to open instead of showing the wrong person (docs/decisions/victims-encryption.md).
"""

from __future__ import annotations

import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# Format byte: lets a later key rotation or algorithm change tell old blobs from new ones.
_VERSION = b"\x01"
_NONCE_BYTES = 12


class SealBroken(ValueError):
    """The blob does not open with this key and this associated data (tampered, moved, or
    sealed under another key)."""


def _aesgcm(key_hex: str) -> AESGCM:
    key = bytes.fromhex(key_hex)
    if len(key) != 32:
        # AES-256 exactly: settings.validate() accepts "at least 32"; use the first 32 only
        # if a longer key was configured would silently weaken the contract, so refuse.
        raise ValueError("the identity key must be exactly 32 bytes (64 hex characters)")
    return AESGCM(key)


def associated_data(table: str, row_id: int, purpose: str) -> bytes:
    return f"jit:v1:{table}:{row_id}:{purpose}".encode()


def seal(key_hex: str, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    return _VERSION + nonce + _aesgcm(key_hex).encrypt(nonce, plaintext, aad)


def open_sealed(key_hex: str, blob: bytes, aad: bytes) -> bytes:
    if len(blob) < 1 + _NONCE_BYTES + 16 or blob[:1] != _VERSION:
        raise SealBroken("not a sealed value of a known version")
    nonce = blob[1 : 1 + _NONCE_BYTES]
    try:
        return _aesgcm(key_hex).decrypt(nonce, blob[1 + _NONCE_BYTES :], aad)
    except InvalidTag:
        raise SealBroken("sealed value does not authenticate") from None


def seal_json(key_hex: str, value: Any, aad: bytes) -> bytes:
    return seal(key_hex, json.dumps(value, ensure_ascii=False, sort_keys=True).encode(), aad)


def open_json(key_hex: str, blob: bytes, aad: bytes) -> Any:
    return json.loads(open_sealed(key_hex, blob, aad).decode("utf-8"))
