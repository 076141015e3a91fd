"""Tokens (admin only), who am I, the vocabularies the page offers, and health."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from ..ontology import MODALITIES, PLOVER_EVENTS, SECTORS, load_ontology
from ..review.tokens import ROLES, TokenInfo, create_token, list_tokens, revoke_token
from ..review.values import FIELDS
from .security import caller, require

router = APIRouter(tags=["access"])


class NewToken(BaseModel):
    role: str = Field(description=f"One of {', '.join(ROLES)}.", max_length=10)
    name: str | None = Field(default=None, max_length=200, description="Who holds it (shown on corrections).")


@router.post("/tokens", status_code=201, dependencies=[Depends(require("admin"))],
             summary="Make a token (shown once; only its digest is stored)")  # fmt: skip
def post_token(request: Request, body: NewToken) -> dict[str, Any]:
    with request.app.state.mizan.writing() as store:
        token = create_token(store, body.role, body.name)
    return {"token": token, "role": body.role, "name": body.name}


@router.get("/tokens", dependencies=[Depends(require("admin"))], summary="Tokens (never their secrets)")
def get_tokens(request: Request) -> dict[str, Any]:
    return {"tokens": list_tokens(request.app.state.mizan.store())}


@router.delete("/tokens/{token_id}", dependencies=[Depends(require("admin"))], summary="Revoke a token")
def delete_token(request: Request, token_id: str) -> dict[str, Any]:
    with request.app.state.mizan.writing() as store:
        revoke_token(store, token_id)
    request.app.state.mizan._tokens.clear()
    return {"revoked": token_id}


@router.get("/me", summary="The caller's role")
def me(who: Annotated[TokenInfo, Depends(caller)], request: Request) -> dict[str, Any]:
    return {"who": who.who, "role": who.role, "auth": request.app.state.mizan.auth}


@router.get("/ontology", dependencies=[Depends(require("read"))],
            summary="PLOVER types, CAMEO codes, modalities, sectors and correction fields")  # fmt: skip
def ontology() -> dict[str, Any]:
    codes = load_ontology().codes.values()
    return {"events": list(PLOVER_EVENTS), "modalities": list(MODALITIES), "sectors": list(SECTORS),
            "fields": list(FIELDS),
            "cameo": [{"cameo": c.cameo, "event": c.event, "description": c.description}
                      for c in sorted(codes, key=lambda c: c.cameo) if c.event]}  # fmt: skip


@router.get("/health", summary="Whether the server is up (no token needed)")
def health() -> dict[str, Any]:
    return {"status": "ok"}
