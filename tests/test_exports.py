"""Exports: every format's columns, and the PLOVER round trip store → JSONL → store."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mizan.exports import EXPORT_FORMATS, export
from mizan.exports.acled import ACLED_COLUMNS
from mizan.exports.cameo import CAMEO_COLUMNS
from mizan.exports.plover import import_plover, write_plover
from storehelp import ACTORS, CAMEO, PLACES, add, record


def _demo_store(store):
    add(store, [
        record("d1", ["macron"], "040", ["kadhimi"], place="Green Zone", text="Macron met al-Kadhimi."),
        record("d2", ["kadhimi"], "043", ["macron"], place="Baghdad", text="Kadhimi received Macron."),
        record("d3", ["protesters"], "141", [], "2020-09-07", place="Basra", text="Protesters rallied."),
        record("d3", ["gunmen"], "186", ["activist"], "2020-08-30", place="Nasiriyah", start=40,
               text="Gunmen killed an activist <b>&</b> fled."),
        record("d4", ["IRQ", "JOR"], "057", [], "2020-09-05", place="Amman", text="Iraq and Jordan signed."),
    ], sources={"d1": "Tigris Wire", "d2": "Levant Monitor", "d3": "Shatt Observer", "d4": "Gulf Ledger"})  # fmt: skip
    return store


def _export(store, fmt):
    out = io.StringIO()
    n = export(store, fmt, out)
    return n, out.getvalue()


def test_cameo_tsv(new_store):
    store = _demo_store(new_store())
    n, text = _export(store, "cameo-tsv")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    assert list(rows[0]) == CAMEO_COLUMNS and n == len(rows)
    meeting = next(r for r in rows if r["code"] in ("040", "043"))
    assert meeting["ids"] in ("d1;d2", "d2;d1") and meeting["urls"].count("https://") == 2
    assert meeting["root_code"] == "04" and meeting["quad_class"] == "1"
    assert {r["code"] for r in rows} == {"040", "043", "141", "186", "057"} - {
        "043" if meeting["code"] == "040" else "040"}  # fmt: skip
    agreement = [r for r in rows if r["code"] == "057"]
    assert [(r["source"], r["target"]) for r in agreement] == [("IRQGOV", ""), ("JORGOV", "")]


def test_acled_csv(new_store):
    store = _demo_store(new_store())
    n, text = _export(store, "acled-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ACLED_COLUMNS and n == len(rows) == 4
    by_type = {r["sub_event_type"]: r for r in rows}
    protest = by_type["Peaceful protest"]
    assert (protest["event_type"], protest["disorder_type"]) == ("Protests", "Demonstrations")
    assert (protest["location"], protest["country"], protest["geo_precision"]) == ("Basra", "Iraq", "1")
    killing = by_type["Attack"]  # an assassination of a civilian
    assert killing["event_type"] == "Violence against civilians" and killing["time_precision"] == "1"
    assert "<b>&</b>" in killing["notes"]  # CSV keeps the text as it is
    assert by_type["Agreement"]["event_type"] == "Strategic developments"
    meeting = by_type[""]  # CONSULT has no ACLED type
    assert meeting["event_type"] == "" and meeting["source"] in ("Tigris Wire; Levant Monitor",
                                                                 "Levant Monitor; Tigris Wire")  # fmt: skip


def test_geojson(new_store):
    store = _demo_store(new_store())
    n, text = _export(store, "geojson")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == n == 4
    basra = next(f for f in data["features"] if f["properties"]["place"] == "Basra")
    assert basra["geometry"] == {"type": "Point", "coordinates": [47.78, 30.51]}  # [lon, lat]
    meeting = next(f for f in data["features"] if f["properties"]["event"] == "CONSULT")
    assert meeting["properties"]["num_documents"] == 2


def test_parquet(new_store, tmp_path):
    import pyarrow.parquet as pq

    store = _demo_store(new_store())
    path = tmp_path / "events.parquet"
    assert export(store, "parquet", str(path)) == 4
    t = pq.read_table(path)
    assert t.num_rows == 4
    rows = {r["event"]: r for r in t.to_pylist()}
    assert rows["CONSULT"]["num_documents"] == 2 and rows["CONSULT"]["num_sources"] == 2
    assert [a["id"] for a in rows["SUPPORT"]["actors"]] == ["IRQ", "JOR"]
    assert rows["SUPPORT"]["recipients"] is None
    assert [a["sector"] for a in rows["ASSAULT"]["recipients"]] == ["CVL"]
    stream = io.BytesIO()  # the stream path (stdout) gives the same table
    assert export(store, "parquet", stream) == 4
    stream.seek(0)
    assert sorted(pq.read_table(stream).column("event_id").to_pylist()) == sorted(
        t.column("event_id").to_pylist())


def test_unknown_format(new_store):
    from mizan.errors import UnknownChoiceError

    with pytest.raises(UnknownChoiceError, match="plover-jsonl"):
        export(new_store(), "plover-json", io.StringIO())
    assert "parquet" in EXPORT_FORMATS


def test_plover_fields(new_store):
    store = _demo_store(new_store())
    out = io.StringIO()
    write_plover(store, out)
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    meeting = next(p for p in recs if p["event"] == "CONSULT")
    for fld in ("id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient",
                "event", "event_loc", "event_text", "quad_code", "event_scale", "mode", "context",
                "link", "text", "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment"):  # fmt: skip
        assert fld in meeting
    assert set(meeting["actor"][0]) >= {"raw_text", "entity_name", "wikidata_id", "wiki_description",
                                        "country_name", "sector_code", "other_sector_codes"}  # fmt: skip
    assert meeting["event_loc"]["resolution"] == 4 and meeting["num_documents"] == 2
    assert len(meeting["sources"]) == 2


# -- the round trip, with merged events across documents -------------------------------
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                min_size=1, max_size=30)  # fmt: skip
_ids = ["macron", "kadhimi", "IRQ", "IRN", "gunmen", "activist", "kh"]


@st.composite
def _reports(draw):
    n = draw(st.integers(1, 8))
    out = []
    for i in range(n):
        cameo = draw(st.sampled_from(sorted(CAMEO)))
        day = draw(st.sampled_from(["2020-09-01", "2020-09-02", "2020-09-03", None]))
        out.append(record(
            draw(st.sampled_from(["d1", "d2", "d3", "d4"])),
            draw(st.lists(st.sampled_from(_ids), min_size=1, max_size=2, unique=True)), cameo,
            draw(st.lists(st.sampled_from(_ids), max_size=2, unique=True)), day,
            draw(st.sampled_from(["day", "month", "document", "week"])),
            draw(st.sampled_from([None, *PLACES])),
            draw(st.sampled_from(["asserted", "reported", "future", "negated", "historical"])),
            start=i * 100, text=draw(_text), confidence=draw(st.floats(0, 1)),
        ))  # fmt: skip
    return out


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(reports=_reports(), outlets=st.lists(st.sampled_from(["A", "B", None]), min_size=4, max_size=4))
def test_plover_round_trip(new_store, reports, outlets):
    """store → plover-jsonl → re-import gives the same (merged) events, on both backends."""
    src = new_store()
    add(src, reports, sources={f"d{i + 1}": o for i, o in enumerate(outlets) if o})
    before = list(src.events())
    out = io.StringIO()
    assert write_plover(src, out) == len(before)
    dst = new_store()
    assert import_plover(dst, "<test>", out.getvalue().splitlines()) == len(before)
    assert list(dst.events()) == before
    assert import_plover(dst, "<test>", out.getvalue().splitlines()) == 0  # idempotent
    assert ACTORS  # the pool the strategy draws from
