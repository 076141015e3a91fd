"""mizan's command line: thin shells over library functions, one module per command group."""

from __future__ import annotations

import sys

import typer

from ..errors import MizanError

app = typer.Typer(
    name="mizan",
    help="Political event data you can trust: PLOVER/CAMEO events with actors, dates, places, "
    "modality and evidence, from news and analysts' reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from . import actors as _actors  # noqa: E402,F401
from . import analysis as _analysis  # noqa: E402,F401
from . import brief as _brief  # noqa: E402,F401
from . import eval as _eval  # noqa: E402,F401  (registers commands)
from . import export as _export  # noqa: E402,F401
from . import extract as _extract  # noqa: E402,F401
from . import ingest as _ingest  # noqa: E402,F401
from . import review as _review  # noqa: E402,F401
from . import serve as _serve  # noqa: E402,F401
from . import token as _token  # noqa: E402,F401


def main() -> None:
    try:
        app()
    except MizanError as exc:
        print(f"mizan: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:  # `mizan extract ... | head`
        sys.exit(0)
