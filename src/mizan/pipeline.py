"""Extraction: documents in, event records out. The CLI, API and workers all call this."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .documents import Document
from .errors import InputError
from .stages.doccache import remember_text


@dataclass
class DocResult:
    """The outcome for one input: its records, or the error that stopped it."""

    document: Document | None
    records: list[dict[str, Any]] = field(default_factory=list)
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def make_doc(nlp: Language, document: Document) -> Doc:
    doc = nlp.make_doc(document.text)
    remember_text(doc, document.text)
    doc._.mizan_date = document.date
    doc._.mizan_doc_id = document.id
    return doc


def _run_batch(nlp: Language, batch: list[Document], n_process: int = 1) -> Iterator[DocResult]:
    """Code a batch; if the batch fails, retry its documents one at a time. (spaCy's
    components raise by default; ``nlp.set_error_handler`` must not be called here: on
    spaCy 3.8 the parser has no ``error_handler`` attribute and it raises, which sent every
    batch down the slow one-at-a-time path.)"""
    try:
        docs = list(
            nlp.pipe((make_doc(nlp, d) for d in batch), batch_size=len(batch), n_process=n_process)
        )
    except Exception:  # noqa: BLE001 - a poisoned document must not stop the batch
        for d in batch:
            try:
                doc = nlp(make_doc(nlp, d))
            except Exception as exc:  # noqa: BLE001
                yield DocResult(
                    d,
                    error=InputError(
                        d.origin, f"failed in the pipeline: {type(exc).__name__}: {exc}"
                    ),
                )
            else:
                yield DocResult(d, records=list(doc._.mizan_records or []))
        return
    for d, doc in zip(batch, docs, strict=True):
        yield DocResult(d, records=list(doc._.mizan_records or []))


def extract(
    inputs: Iterable[Document | InputError],
    nlp: Language,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[DocResult]:
    """Code every document; bad inputs come out as results with an ``error``, in order."""
    it = iter(inputs)
    while True:
        chunk = list(islice(it, batch_size))
        if not chunk:
            return
        batch: list[Document] = []
        for item in chunk:
            if isinstance(item, InputError):
                yield from _run_batch(nlp, batch, n_process) if batch else ()
                batch = []
                yield DocResult(None, error=item)
            else:
                batch.append(item)
        if batch:
            yield from _run_batch(nlp, batch, n_process)


def extract_text(
    text: str, nlp: Language, date: object = None, doc_id: str = ""
) -> list[dict[str, Any]]:
    """Records for one text (convenience for tests, notebooks and the API)."""
    from .documents import parse_date

    document = Document(text=text, id=doc_id, date=parse_date(date, "<text>"))
    return next(iter(_run_batch(nlp, [document]))).records
