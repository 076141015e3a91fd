"""Helpers for the actor-stage tables (our own sentences, the real model)."""

from __future__ import annotations

from datetime import date
from typing import Any

from mizan.documents import Document
from mizan.pipeline import make_doc


def actors(nlp: Any, text: str, on: str = "2020-08-28") -> list[Any]:
    """The actor mentions the pipeline finds in ``text`` published on ``on``."""
    doc = nlp(make_doc(nlp, Document(text=text, date=date.fromisoformat(on))))
    return list(doc._.mizan_actors)


def find(mentions: list[Any], surface: str) -> Any:
    """The first mention whose text is ``surface`` (or, failing that, contains it); None."""
    hits = [m for m in mentions if m.text == surface] or [m for m in mentions if surface in m.text]
    return hits[0] if hits else None
