"""Test-only spaCy component that simulates a document that crashes the parser.

It raises on a text holding ``POISON-PILL``, and kills its process outright (as a segfault
would) on ``POISON-EXIT``. It reaches worker processes through the ``spacy_factories`` entry
point declared in the ``mizan_test_poison-0.1.dist-info`` folder beside it, which any process
with ``tests/support`` on its path sees. Never installed, never shipped.
"""

from __future__ import annotations

import os

from spacy.language import Language

MARKER = "POISON-PILL"
EXIT_MARKER = "POISON-EXIT"


class Poison:
    def __call__(self, doc):
        if MARKER in doc.text:
            raise RuntimeError(f"the test component refuses a text holding {MARKER}")
        if EXIT_MARKER in doc.text:
            os._exit(3)
        return doc


@Language.factory("mizan_test_poison")
def make_poison(nlp, name):
    return Poison()
