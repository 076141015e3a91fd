"""Precision first: an event less sure than confidence.MIN_CONFIDENCE is not emitted."""

from __future__ import annotations

import pytest

from mizan.confidence import MIN_CONFIDENCE
from mizan.confidence import score as confidence


@pytest.mark.parametrize(
    "role,modality,emitted",
    [
        ("main", "asserted", True),  # a nominal event under a criticism: unsure but emitted
        ("background", "hypothetical", False),  # the same, told in passing and only possible
    ],
)
def test_unsure_events_are_not_emitted(nlp, role, modality, emitted):
    from mizan.ontology import load_ontology
    from mizan.stages.records import RecordBuilder

    doc = nlp("Jordan condemned the arrest of two Jordanian journalists by Syrian police.")
    ev = next(e for e in doc._.mizan_events if e.cameo.startswith("173"))
    ev.role, ev.modality = role, modality
    assert (confidence(ev) >= MIN_CONFIDENCE) is emitted
    record = RecordBuilder(load_ontology()).record(ev, doc, "d1")
    assert (record is not None) is emitted
