"""Merging reports of one event across documents (docs/dedup.md), on DuckDB and PostgreSQL.

Records here are hand-made (tests/storehelp.py), so the rule is tested apart from the coder.
"""

from __future__ import annotations

from datetime import date

import pytest

from mizan.store.matching import (
    interval,
    is_generic,
    load_rule,
    match_key,
    places_compatible,
)
from mizan.store.schema import COLUMNS
from storehelp import add, clusters, document, record

RULE = load_rule()


# -- the rule, as pure functions ---------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "end", "precision", "expected"),
    [
        ("2020-09-02", None, "day", ("2020-09-02", "2020-09-02")),
        ("2020-09-01", None, "month", ("2020-09-01", "2020-09-30")),
        ("2020-02-01", None, "month", ("2020-02-01", "2020-02-29")),
        ("2020-08-31", None, "week", ("2020-08-31", "2020-09-06")),
        ("2020-01-01", None, "year", ("2020-01-01", "2020-12-31")),
        ("2020-09-03", None, "document", ("2020-08-31", "2020-09-03")),
        ("2020-09-02", "2020-09-04", "day", ("2020-09-02", "2020-09-04")),
        ("2020-09-02", None, "unknown", None),
        (None, None, "day", None),
    ],
)
def test_interval(day, end, precision, expected):
    d = date.fromisoformat(day) if day else None
    e = date.fromisoformat(end) if end else None
    got = interval(RULE, d, e, precision)
    assert (None if got is None else (got[0].isoformat(), got[1].isoformat())) == expected


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("Baghdad", "Green Zone", True),  # a landmark in the city, 5 km away
        ("Baghdad", "Baghdad", True),
        ("Baghdad", "Basra", False),  # 450 km
        ("Baghdad", "Iraq", True),  # country-level place
        ("Baghdad", "Amman", False),  # another country
        ("Baghdad", None, True),  # unknown place
        ("Nasiriyah", "Basra", False),
    ],
)
def test_places_compatible(a, b, ok):
    from storehelp import PLACES

    assert places_compatible(RULE, PLACES.get(a), PLACES.get(b)) is ok
    assert places_compatible(RULE, PLACES.get(b), PLACES.get(a)) is ok


def test_symmetric_key_ignores_sides_and_modality_classes():
    a = match_key(RULE, "CONSULT", "040", "asserted", ["macron"], ["kadhimi"])
    b = match_key(RULE, "CONSULT", "043", "reported", ["kadhimi"], ["macron"])
    assert a == b
    assert match_key(RULE, "CONSULT", "045", "asserted", ["x"], ["y"]) != match_key(
        RULE, "CONSULT", "045", "asserted", ["y"], ["x"]
    )  # mediation is not symmetric
    assert match_key(RULE, "ASSAULT", "190", "asserted", ["x"], ["y"]) != match_key(
        RULE, "ASSAULT", "190", "asserted", ["y"], ["x"]
    )
    assert a != match_key(RULE, "CONSULT", "040", "future", ["macron"], ["kadhimi"])


@pytest.mark.parametrize(
    ("key", "generic"),
    [
        ("ASSAULT|factual|A:*IRQUAF|R:*IRQCVL", True),
        ("ASSAULT|factual|A:kataib-hezbollah|R:*USAMIL", True),
        ("ASSAULT|factual|A:kataib-hezbollah|R:", False),
        ("CONSULT|factual|S:emmanuel-macron+mustafa-al-kadhimi", False),
        ("CONSULT|factual|S:*IRQCVL+IRQ", False),
        ("PROTEST|factual|A:|R:IRQ", True),
    ],
)
def test_generic_keys(key, generic):
    assert is_generic(key) is generic


# -- the rule, in the store --------------------------------------------------------------
M, K = ["macron"], ["kadhimi"]
PAIRS = [
    # (first report, second report, merged?)
    pytest.param(record("d1", M, "040", K, place="Green Zone"),
                 record("d2", K, "043", M, place="Baghdad"), True, id="swapped-meeting"),
    pytest.param(record("d1", M, "040", K, "2020-09-02"),
                 record("d2", M, "040", K, "2020-09-01", "month"), True, id="day-in-month"),
    pytest.param(record("d1", M, "040", K, "2020-09-02"),
                 record("d2", M, "040", K, "2020-09-03"), False, id="other-day"),
    pytest.param(record("d1", M, "040", K, "2020-09-02"),
                 record("d2", M, "040", K, "2020-09-03", "document"), True, id="publication-date"),
    pytest.param(record("d1", M, "040", K), record("d2", M, "112", K), False, id="other-type"),
    pytest.param(record("d1", M, "040", K),
                 record("d2", M, "040", K, modality="reported"), True, id="asserted-reported"),
    pytest.param(record("d1", M, "040", K),
                 record("d2", M, "040", K, modality="future"), False, id="asserted-future"),
    pytest.param(record("d1", M, "040", K),
                 record("d2", M, "040", K, modality="negated"), False, id="asserted-negated"),
    pytest.param(record("d1", ["kh"], "190", ["USA"]),
                 record("d2", ["USA"], "190", ["kh"]), False, id="attack-reversed"),
    pytest.param(record("d1", M, "040", K, place="Baghdad"),
                 record("d2", M, "040", K, place="Amman"), False, id="other-country"),
    pytest.param(record("d1", M, "040", K, place="Baghdad"),
                 record("d2", M, "040", K, place="Basra"), False, id="other-city"),
    pytest.param(record("d1", M, "040", K, day=None),
                 record("d2", M, "040", K, day=None), False, id="undated"),
    pytest.param(record("d1", ["gunmen"], "186", ["activist"], "2020-08-30"),
                 record("d2", ["gunmen"], "186", ["activist"], "2020-08-01", "month"), False,
                 id="generic-agents-month"),
    pytest.param(record("d1", ["gunmen"], "186", ["activist"], "2020-08-30", place="Nasiriyah"),
                 record("d2", ["gunmen"], "186", ["activist"], "2020-08-30", place="Nasiriyah"),
                 True, id="generic-agents-same-day-and-place"),
    pytest.param(record("d1", ["gunmen"], "186", ["activist"], "2020-08-30"),
                 record("d2", ["gunmen"], "186", ["activist"], "2020-08-30"), False,
                 id="generic-agents-no-place"),
    pytest.param(record("d1", ["IRQ", "JOR"], "057", day="2020-09-05"),
                 record("d2", ["JOR"], "057", ["IRQ"], day="2020-09-05"), True,
                 id="agreement-coordinated-vs-recipient"),
    pytest.param(record("d1", M, "040", K), record("d1", M, "040", K, start=50), False,
                 id="same-document"),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b", "merged"), PAIRS)
def test_pairs(new_store, a, b, merged):
    for order in ((a, b), (b, a)):  # the result does not depend on arrival order
        store = new_store()
        add(store, list(order))
        parts = clusters(store)
        assert (parts == {frozenset({a["id"], b["id"]})}) is merged, parts
        assert len(list(store.records())) == 2  # per-document reports are all kept
        events = list(store.events())
        assert len(events) == (1 if merged else 2)
        if merged:
            e = events[0]
            assert e["num_mentions"] == 2 and e["num_documents"] == 2
            assert {m["doc_id"] for m in e["mentions"]} == {"d1", "d2"}


def test_representative_is_the_most_precise_report(new_store):
    store = new_store()
    coarse = record("d1", M, "040", K, "2020-09-01", "month", place="Iraq")
    fine = record("d2", K, "043", M, "2020-09-02", place="Green Zone")
    add(store, [coarse, fine])
    (e,) = store.events()
    assert e["id"] == fine["id"] and e["date"] == "2020-09-02"
    assert e["location"]["name"] == "Green Zone"
    rows = store.query("SELECT cluster_id FROM event_clusters")
    assert {r[0] for r in rows} == {fine["id"]}  # the coarse report was re-pointed
    assert store.counts()["clusters"] == 1


def test_num_sources_counts_outlets(new_store):
    store = new_store()
    recs = [record(d, M, "040", K) for d in ("d1", "d2", "d3")]
    add(store, recs, sources={"d1": "Tigris Wire", "d2": "Tigris Wire", "d3": "Gulf Ledger"})
    (e,) = store.events()
    assert (e["num_mentions"], e["num_documents"], e["num_sources"]) == (3, 3, 2)


def test_ambiguous_coarse_report_stays_alone(new_store):
    store = new_store()
    first = record("d1", M, "040", K, "2020-09-02")
    second = record("d2", M, "040", K, "2020-09-20")
    vague = record("d3", M, "040", K, "2020-09-01", "month")
    add(store, [first, second, vague])
    assert clusters(store) == {frozenset({first["id"]}), frozenset({second["id"]}),
                               frozenset({vague["id"]})}  # fmt: skip


def test_report_joining_two_compatible_clusters_merges_them(new_store):
    store = new_store()
    a = record("d1", M, "040", K, "2020-09-02", place="Baghdad")
    b = record("d2", M, "040", K, "2020-09-01", "month")  # no place: a new cluster? no: joins a
    c = record("d3", M, "040", K, "2020-09-02", "day")
    add(store, [a, b, c])
    assert clusters(store) == {frozenset({a["id"], b["id"], c["id"]})}


def test_idempotent_and_recluster(new_store):
    store = new_store()
    recs = [record("d1", M, "040", K), record("d2", K, "043", M), record("d3", ["IRQ"], "036", ["IRN"])]
    add(store, recs)
    before = (clusters(store), store.counts())
    add(store, recs)  # storing again adds nothing
    assert (clusters(store), store.counts()) == before
    store.recluster()
    assert (clusters(store), store.counts()) == before


def test_bulk_path_matches_document_path(new_store):
    from mizan.store.rows import actor_rows, event_row, mention_rows

    recs = [record("d1", M, "040", K, place="Green Zone"), record("d2", K, "043", M, place="Baghdad"),
            record("d3", ["gunmen"], "186", ["activist"], "2020-08-30"),
            record("d4", ["gunmen"], "186", ["activist"], "2020-08-01", "month")]  # fmt: skip
    one = new_store()
    add(one, recs)
    bulk = new_store()
    docs = [document(d) for d in ("d1", "d2", "d3", "d4")]
    tables = {
        "documents": [(d.id, "h" + d.id, d.date, d.title, d.source, d.url, d.origin, d.text,
                       len(d.text), None) for d in docs],  # fmt: skip
        "events": [event_row(r) for r in recs],
        "event_actors": [row for r in recs for row in actor_rows(r)],
        "mentions": [row for r in recs for row in mention_rows(r)],
    }
    assert set(tables) <= set(COLUMNS)
    bulk.add_tables(tables)
    bulk.add_tables(tables)  # a shard added twice changes nothing
    assert clusters(bulk) == clusters(one)
    assert list(bulk.events()) == list(one.events())
