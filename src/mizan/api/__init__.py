"""mizan's REST API (FastAPI): thin routes over the library functions the CLI uses, one
module per resource group. ``create_app`` builds the app; ``mizan serve`` runs it."""

from .app import create_app

__all__ = ["create_app"]
