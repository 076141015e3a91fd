"""Helpers for store tests: small hand-made event records (not coded by the NLP)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from mizan.documents import Document

PLACES = {
    "Baghdad": {"name": "Baghdad", "country": "IRQ", "admin1": "07", "lat": 33.34, "lon": 44.40,
                "geonameid": 98182, "precision": "city"},
    "Green Zone": {"name": "Green Zone", "country": "IRQ", "admin1": "Baghdad", "lat": 33.303,
                   "lon": 44.393, "geonameid": None, "precision": "city"},
    "Basra": {"name": "Basra", "country": "IRQ", "admin1": "02", "lat": 30.51, "lon": 47.78,
              "geonameid": 99532, "precision": "city"},
    "Nasiriyah": {"name": "Nasiriyah", "country": "IRQ", "admin1": "09", "lat": 31.05,
                  "lon": 46.26, "geonameid": 98854, "precision": "city"},
    "Iraq": {"name": "Iraq", "country": "IRQ", "admin1": None, "lat": 33.0, "lon": 44.0,
             "geonameid": 99237, "precision": "country"},
    "Amman": {"name": "Amman", "country": "JOR", "admin1": "16", "lat": 31.95, "lon": 35.93,
              "geonameid": 250441, "precision": "city"},
}  # fmt: skip

ACTORS = {
    "macron": {"text": "Macron", "name": "Emmanuel Macron", "id": "emmanuel-macron",
               "country": "FRA", "sector": "GOV", "role": "president"},
    "kadhimi": {"text": "al-Kadhimi", "name": "Mustafa al-Kadhimi", "id": "mustafa-al-kadhimi",
                "country": "IRQ", "sector": "GOV", "role": "prime minister"},
    "zarif": {"text": "Zarif", "name": "Mohammad Javad Zarif", "id": "mohammad-javad-zarif",
              "country": "IRN", "sector": "GOV", "role": "foreign minister"},
    "IRQ": {"text": "Iraq", "name": "Iraq", "id": "IRQ", "country": "IRQ", "sector": "GOV", "role": None},
    "IRN": {"text": "Iran", "name": "Iran", "id": "IRN", "country": "IRN", "sector": "GOV", "role": None},
    "SAU": {"text": "Riyadh", "name": "Saudi Arabia", "id": "SAU", "country": "SAU", "sector": "GOV", "role": None},
    "USA": {"text": "Washington", "name": "United States", "id": "USA", "country": "USA", "sector": "GOV", "role": None},
    "TUR": {"text": "Ankara", "name": "Turkey", "id": "TUR", "country": "TUR", "sector": "GOV", "role": None},
    "JOR": {"text": "Jordan", "name": "Jordan", "id": "JOR", "country": "JOR", "sector": "GOV", "role": None},
    "kh": {"text": "Kataib Hezbollah", "name": "Kata'ib Hezbollah", "id": "kataib-hezbollah",
           "country": "IRQ", "sector": "PRM", "role": None},
    "gunmen": {"text": "gunmen", "name": "gunmen", "id": None, "country": "IRQ", "sector": "UAF", "role": None},
    "activist": {"text": "an activist", "name": "activist", "id": None, "country": "IRQ", "sector": "CVL", "role": None},
    "protesters": {"text": "protesters", "name": "protesters", "id": None, "country": "IRQ", "sector": "CVL", "role": None},
}  # fmt: skip

CAMEO = {"040": ("CONSULT", 1.0, 1), "042": ("CONSULT", 1.9, 1), "043": ("CONSULT", 2.8, 1),
         "036": ("AGREE", 4.0, 1), "057": ("SUPPORT", 8.0, 1), "061": ("COOPERATE", 6.4, 2),
         "070": ("AID", 7.0, 2), "112": ("ACCUSE", -2.0, 3), "138": ("THREATEN", -7.0, 3),
         "141": ("PROTEST", -6.5, 3), "173": ("COERCE", -5.0, 4), "186": ("ASSAULT", -10.0, 4),
         "190": ("ASSAULT", -10.0, 4), "195": ("ASSAULT", -10.0, 4)}  # fmt: skip


def record(doc: str, actor: list[str], cameo: str = "040", recipient: list[str] | None = None,
           day: str | None = "2020-09-02", precision: str = "day", place: str | None = None,
           modality: str = "asserted", start: int = 0, text: str = "A sentence.",
           confidence: float = 0.7, enddate: str | None = None) -> dict[str, Any]:  # fmt: skip
    event, goldstein, quad = CAMEO[cameo]
    ev = {"sentence": 0, "start": start, "end": start + len(text), "text": text, "trigger": "met"}
    rid = hashlib.sha256(f"{doc}|{start}|{cameo}|{actor}|{recipient}".encode()).hexdigest()[:20]
    return {
        "id": rid, "doc_id": doc, "event": event, "mode": None, "context": [], "cameo": cameo,
        "goldstein": goldstein, "quad_class": quad,
        "actor": [dict(ACTORS[a]) for a in actor],
        "recipient": [dict(ACTORS[a]) for a in recipient or []],
        "date": day, "enddate": enddate, "date_precision": precision if day else "unknown",
        "date_text": None, "location": dict(PLACES[place]) if place else None,
        "modality": modality, "attributed_to": None, "evidence": ev, "confidence": confidence,
        "coder": "mizan test",
        "mentions": [dict(ev, modality=modality, confidence=confidence, doc_id=doc)],
    }  # fmt: skip


def document(doc: str, source: str | None = None, day: str = "2020-09-03") -> Document:
    return Document(text=f"Text of {doc}.", id=doc, date=date.fromisoformat(day),
                    title=f"Title of {doc}", source=source or f"Outlet {doc}",
                    url=f"https://example.org/{doc}", origin=f"test:{doc}")  # fmt: skip


def add(store: Any, records: list[dict[str, Any]], sources: dict[str, str] | None = None) -> None:
    """Store records document by document (in the given order of first appearance)."""
    docs: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        docs.setdefault(r["doc_id"], []).append(r)
    for doc_id, recs in docs.items():
        store.add_document(document(doc_id, (sources or {}).get(doc_id)), recs)


def clusters(store: Any) -> set[frozenset[str]]:
    """The partition of stored reports into events, as sets of report ids."""
    out: dict[str, set[str]] = {}
    for event_id, cluster_id in store.query("SELECT event_id, cluster_id FROM event_clusters"):
        out.setdefault(cluster_id, set()).add(event_id)
    return {frozenset(v) for v in out.values()}
