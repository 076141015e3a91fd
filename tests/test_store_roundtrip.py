"""Hypothesis round-trip: any event record written to the store reads back unchanged."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mizan.documents import Document
from mizan.ontology import MODALITIES, PLOVER_EVENTS

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
opt_text = st.none() | text
iso = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat)
actor = st.fixed_dictionaries({
    "text": text, "name": text, "id": opt_text,
    "country": st.none() | st.sampled_from(["IRQ", "USA", "IGO", "UNO"]),
    "sector": st.none() | st.sampled_from(["GOV", "MIL", "CVL", "PRM"]), "role": opt_text,
})  # fmt: skip
location = st.none() | st.fixed_dictionaries({
    "name": text, "country": st.sampled_from(["IRQ", "USA"]), "admin1": opt_text,
    "lat": st.floats(-90, 90), "lon": st.floats(-180, 180),
    "geonameid": st.none() | st.integers(0, 2**40), "precision": st.sampled_from(["city", "admin1", "country"]),
})  # fmt: skip


@st.composite
def records(draw):
    ev_id = draw(st.text(alphabet="0123456789abcdef", min_size=8, max_size=20))
    start = draw(st.integers(0, 10_000))
    evidence = {"sentence": draw(st.integers(0, 500)), "start": start, "end": start + draw(st.integers(1, 500)),
                "text": draw(text), "trigger": draw(text)}  # fmt: skip
    n_mentions = draw(st.integers(1, 3))
    mentions = [
        {**evidence, "start": evidence["start"] + i, "modality": draw(st.sampled_from(MODALITIES)),
         "confidence": draw(st.floats(0, 1)), "doc_id": "doc-1"}
        for i in range(n_mentions)
    ]  # fmt: skip
    return {
        "id": ev_id, "doc_id": "doc-1", "event": draw(st.sampled_from(PLOVER_EVENTS)),
        "mode": draw(st.none() | st.sampled_from(["visit", "arrest"])),
        "context": draw(st.lists(st.sampled_from(["military", "diplomatic"]), max_size=2, unique=True)),
        "cameo": draw(st.sampled_from(["040", "042", "173", "1823"])),
        "goldstein": draw(st.floats(-10, 10)), "quad_class": draw(st.integers(1, 4)),
        "actor": draw(st.lists(actor, min_size=1, max_size=3)),
        "recipient": draw(st.lists(actor, max_size=3)),
        "date": draw(st.none() | iso), "enddate": draw(st.none() | iso),
        "date_precision": draw(st.sampled_from(["day", "week", "month", "year", "document", "unknown"])),
        "date_text": draw(opt_text), "location": draw(location),
        "modality": draw(st.sampled_from(MODALITIES)),
        "attributed_to": draw(st.none() | st.fixed_dictionaries({"text": text, "name": text})),
        "evidence": evidence, "confidence": draw(st.floats(0, 1)), "coder": "mizan test",
        "mentions": sorted(mentions, key=lambda m: (m["start"], m["trigger"])),
    }  # fmt: skip


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(recs=st.lists(records(), min_size=1, max_size=4, unique_by=lambda r: r["id"]))
def test_store_round_trip(new_store, recs):
    """On DuckDB and on PostgreSQL."""
    with new_store() as store:
        doc = Document(text="some text", id="doc-1", date=date(2020, 8, 21))
        new = store.add_document(doc, recs)
        assert new == len(recs)
        back = {r["id"]: r for r in store.records()}
        assert back == {r["id"]: r for r in recs}
        # idempotent: storing the same document again adds nothing
        assert store.add_document(doc, recs) == 0
        assert store.counts()["events"] == len(recs)
