"""``mizan token``: API tokens with roles (read, review, admin)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..config import get_settings
from ..review.tokens import ROLES, create_token, list_tokens, revoke_token
from ..store import open_store
from . import app
from .common import DbOption, err

token_app = typer.Typer(help="API tokens for `mizan serve` (only their digests are stored).",
                        no_args_is_help=True)  # fmt: skip
app.add_typer(token_app, name="token")


@token_app.command("create")
def create_cmd(
    role: Annotated[str, typer.Option("--role", help=f"{', '.join(ROLES)}: read may only read; "
                                      "review may also upload and correct; admin may also manage tokens.")],
    name: Annotated[str | None, typer.Option("--name", help="Who holds it (recorded on corrections).")] = None,
    db: DbOption = None,
) -> None:  # fmt: skip
    """Make a token; it is printed once, on the last line."""
    settings = get_settings(db=db)
    with open_store(settings.db) as store:
        token = create_token(store, role, name)
    typer.echo(f"mizan: {role} token{' for ' + name if name else ''} in {settings.db}; "
               "it is shown only now, on the next line:")
    typer.echo(token)


@token_app.command("list")
def list_cmd(db: DbOption = None) -> None:
    """The tokens: id, role, name, created, revoked."""
    settings = get_settings(db=db)
    with open_store(settings.db, read_only=True) as store:
        for t in list_tokens(store):
            typer.echo(f"{t['token_id']}  {t['role']:<6}  {t['name'] or '-'}  created {t['created_at']}"
                       + (f"  REVOKED {t['revoked_at']}" if t["revoked_at"] else ""))  # fmt: skip


@token_app.command("revoke")
def revoke_cmd(token_id: Annotated[str, typer.Argument(help="The token's id (from `mizan token list`).")],
               db: DbOption = None) -> None:  # fmt: skip
    """Revoke a token (a running server stops accepting it within 10 seconds)."""
    settings = get_settings(db=db)
    with open_store(settings.db) as store:
        revoke_token(store, token_id)
    err(f"mizan: token {token_id} revoked")
