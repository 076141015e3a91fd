"""Shared fixtures. The real spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MIZAN_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def nlp():
    from mizan.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared evaluation data; tests that need it skip cleanly where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared evaluation data not found at {SHARED}")
    return SHARED


@pytest.fixture()
def code(nlp):
    """Code one text with the real pipeline and return its records."""
    from mizan.pipeline import extract_text

    def _code(text: str, date: str = "2020-08-21") -> list[dict]:
        return extract_text(text, nlp, date)

    return _code
