"""The event store. It holds documents, events, their actors and their mentions, and never
imports NLP code: it reads and writes event records (plain dicts, docs/schema.md)."""

from .base import Store, open_store

__all__ = ["Store", "open_store"]
