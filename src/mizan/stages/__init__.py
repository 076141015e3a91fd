"""Pipeline stages that work on a spaCy ``Doc``; each is a registered spaCy component.

All of them read and write their results as ``Doc`` extension attributes (``doc._.mizan_*``),
which are plain, picklable Python objects, so documents can cross process boundaries.
"""

from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = {
    "mizan_date": None,  # datetime.date: the publication date (input)
    "mizan_doc_id": None,  # str: the document id (input)
    "mizan_actors": None,  # list[ActorMention]
    "mizan_focus": None,  # str | None: the document's focus country
    "mizan_events": None,  # list[EventMention]
    "mizan_records": None,  # list[dict]: event records (the contract)
}


def register_extensions() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
