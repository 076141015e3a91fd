"""``python -m mizan`` runs the command line."""

from .cli import main

main()
