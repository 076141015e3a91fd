"""Who is asking: a bearer token with a role (read < review < admin), or nobody."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request

from ..review.tokens import RANK, TokenInfo
from .errors import ApiError

LOCAL = TokenInfo("local", "admin", "local")
"""The caller when the server runs with --no-auth (bound to 127.0.0.1 only)."""


async def caller(request: Request) -> TokenInfo:
    """The caller (async: run on the event loop, not a worker thread; the token is checked
    against the store only every TOKEN_TTL seconds)."""
    return _caller(request)


def _caller(request: Request) -> TokenInfo:
    state = request.app.state.mizan
    if not state.auth:
        return LOCAL
    header = request.headers.get("authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise ApiError(401, "a token is required: send 'Authorization: Bearer <token>' "
                       "(make one with `mizan token create --role read`)",
                       headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
    info = state.token(raw.strip())
    if info is None:
        raise ApiError(401, "unknown or revoked token", headers={"WWW-Authenticate": "Bearer"})
    return info


def require(role: str) -> Callable[[Request], Awaitable[TokenInfo]]:
    """A dependency that lets through callers whose role includes ``role``."""

    async def check(request: Request) -> TokenInfo:
        who = _caller(request)
        if RANK[who.role] < RANK[role]:
            raise ApiError(403, f"this needs a {role!r} token; yours is {who.role!r}",
                           {"needed": role, "role": who.role})  # fmt: skip
        return who

    check.__name__ = f"require_{role}"
    return check
