"""API tokens with roles (``read``, ``review``, ``admin``). Only a salted digest of each token
is stored (HMAC-SHA256 keyed by a per-token salt); the token itself is shown once.

A token reads ``mizan_<id>_<secret>``: the id finds the row, the secret is checked against the
digest in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import UnknownChoiceError
from ..store import Store

ROLES = ("read", "review", "admin")
RANK = {role: i for i, role in enumerate(ROLES)}
PREFIX = "mizan_"


@dataclass(frozen=True)
class TokenInfo:
    token_id: str
    role: str
    name: str | None

    @property
    def who(self) -> str:
        return self.name or f"token:{self.token_id}"

    def allows(self, role: str) -> bool:
        """Whether this token's role includes ``role`` (admin > review > read)."""
        return RANK[self.role] >= RANK[role]


def _digest(salt: str, secret: str) -> str:
    return hmac.new(salt.encode(), secret.encode(), hashlib.sha256).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def create_token(store: Store, role: str, name: str | None = None) -> str:
    """Make a token with ``role``, store its digest, and return the token (shown only once)."""
    if role not in ROLES:
        raise UnknownChoiceError("token role", role, ROLES)
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(24)
    salt = secrets.token_hex(16)
    store.execute(
        "INSERT INTO api_tokens (token_id, role, name, salt, digest, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (token_id, role, name, salt, _digest(salt, secret), _now()),
    )
    return f"{PREFIX}{token_id}_{secret}"


def verify_token(store: Store, token: str) -> TokenInfo | None:
    """The token's id, role and name, or None if it is malformed, unknown or revoked."""
    if not token.startswith(PREFIX):
        return None
    token_id, sep, secret = token[len(PREFIX):].partition("_")
    if not sep or not secret or not token_id.isalnum():
        return None
    rows = store.query(
        "SELECT role, name, salt, digest FROM api_tokens WHERE token_id = ? AND revoked_at IS NULL",
        (token_id,),
    )
    if not rows:
        return None
    role, name, salt, digest = rows[0]
    if not hmac.compare_digest(_digest(salt, secret), digest):
        return None
    return TokenInfo(token_id, role, name)


def list_tokens(store: Store) -> list[dict[str, Any]]:
    """Every token's id, role, name and dates (never the digest)."""
    cols = ("token_id", "role", "name", "created_at", "revoked_at")
    return [
        dict(zip(cols, r, strict=True))
        for r in store.query(f"SELECT {', '.join(cols)} FROM api_tokens ORDER BY created_at, token_id")
    ]


def revoke_token(store: Store, token_id: str) -> None:
    if not store.query("SELECT 1 FROM api_tokens WHERE token_id = ?", (token_id,)):
        known = [t["token_id"] for t in list_tokens(store)]
        raise UnknownChoiceError("token id", token_id, known or ["(no tokens)"])
    store.execute("UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL",
                  (_now(), token_id))  # fmt: skip
