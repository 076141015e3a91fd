"""Helpers for the scaling tests: a pipeline with the test-only poison component, small
corpora, and a snapshot of a store to compare runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "mizan" / "data" / "demo" / "reports.jsonl"
SUPPORT = Path(__file__).resolve().parent / "support"


def use_support() -> None:
    """Put tests/support on the path (spawned workers inherit it) and register the poison
    factory in this process."""
    if str(SUPPORT) not in sys.path:
        sys.path.insert(0, str(SUPPORT))
    import mizan_test_poison  # noqa: F401  (registers the factory)


def build_poison_model(folder: Path) -> Path:
    """The default spaCy pipeline with the poison component after the parser, saved to
    ``folder`` (use it with ``--model``/``PipelineSpec``)."""
    use_support()
    from mizan.config import get_settings
    from mizan.nlp import load_spacy

    nlp = load_spacy(get_settings().model)
    nlp.add_pipe("mizan_test_poison", after="parser")
    nlp.to_disk(folder)
    return folder


def demo_lines() -> list[dict]:
    return [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def snapshot(db: str | Path) -> dict[str, list]:
    """Everything a run leaves in a store, as sorted lists (timestamps left out)."""
    from mizan.store import open_store

    with open_store(str(db), read_only=True) as s:
        return {
            "documents": sorted(s.query("SELECT doc_id, content_hash FROM documents")),
            "events": sorted(r[0] for r in s.query("SELECT event_id FROM events")),
            "event_actors": sorted(s.query("SELECT event_id, side, position, actor_id FROM event_actors")),
            "mentions": sorted(r[0] for r in s.query("SELECT mention_id FROM mentions")),
            "event_clusters": sorted(s.query("SELECT event_id, cluster_id FROM event_clusters")),
            "clusters": sorted(s.query("SELECT cluster_id, num_events, num_mentions, num_documents "
                                       "FROM clusters")),  # fmt: skip
            "manifest": sorted(s.query("SELECT content_hash, doc_id, status FROM manifest")),
        }
