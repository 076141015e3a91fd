"""The event store. It holds documents, events, their actors and their mentions, and the
merging of reports of one event across documents. It never imports NLP code: it reads and
writes event records (plain dicts, docs/schema.md)."""

from .base import CANONICAL, Store, open_store

__all__ = ["CANONICAL", "Store", "open_store"]
