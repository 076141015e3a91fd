"""Timeline, dyads, network and alignment on a small hand-made store, on both backends."""

from __future__ import annotations

import pytest

from mizan.analysis.alignment import alignment
from mizan.analysis.blocs import load_blocs
from mizan.analysis.dyads import dyads, top_dyads
from mizan.analysis.network import network, to_gexf, to_graphml
from mizan.analysis.timeline import timeline
from mizan.errors import ConfigError, DataFileError, UnknownChoiceError
from storehelp import add, record

K, M, Z = ["kadhimi"], ["macron"], ["zarif"]


def _store(store):
    add(store, [
        # September: Iraq meets the Saudis twice (one event told twice), Iran once, clashes with Turkey
        record("s1", K, "042", ["SAU"], "2020-09-20", place="Baghdad", text="Kadhimi visited Riyadh."),
        record("s2", ["SAU"], "043", K, "2020-09-20", text="Riyadh hosted Kadhimi."),
        record("s3", K, "040", Z, "2020-09-17", text="Kadhimi met Zarif."),
        record("s4", ["TUR"], "195", ["IRQ"], "2020-09-24", text="Turkish jets struck."),
        record("s4", ["IRQ"], "112", ["TUR"], "2020-09-24", start=30, text="Iraq condemned Turkey."),
        record("s5", ["IRQ", "JOR"], "057", [], "2020-09-05", text="Iraq and Jordan signed."),
        # October: Iraq and Iran cooperate; a militia threatens the US (not the focal state)
        record("o1", ["IRQ"], "061", ["IRN"], "2020-10-03", text="Iraq and Iran cooperated."),
        record("o2", ["kh"], "138", ["USA"], "2020-10-05", text="KH threatened the US."),
        record("o3", K, "040", M, "2020-10-10", modality="future", text="Kadhimi will meet Macron."),
    ], sources={"s1": "Gulf Ledger", "s2": "Tigris Wire"})  # fmt: skip
    return store


def test_timeline(new_store):
    store = _store(new_store())
    rows = timeline(store, "mustafa-al-kadhimi")
    assert [r["date"] for r in rows] == ["2020-09-17", "2020-09-20", "2020-10-10"]
    saudi = rows[1]
    assert saudi["num_documents"] == 2 and {s["doc_id"] for s in saudi["sources"]} == {"s1", "s2"}
    assert {s["evidence"] for s in saudi["sources"]} == {"Kadhimi visited Riyadh.", "Riyadh hosted Kadhimi."}
    assert rows[2]["modality"] == "future"
    assert [r["date"] for r in timeline(store, "Kadhimi", "2020-09-18", "2020-09-30")] == ["2020-09-20"]
    # a country code takes all its actors; a CAMEO-style code a country and sector
    assert len(timeline(store, "IRQ")) == 8
    assert len(timeline(store, "IRQPRM")) == 1


def test_timeline_from_the_index_matches_the_tables(new_store):
    """The timeline of an actor reads the event index; for every actor key it must give the
    rows the events, clusters and actors tables give."""
    from mizan.analysis.common import ACTOR_KEY, ActorSelector
    from mizan.analysis.timeline import _from_index, _from_tables

    store = _store(new_store())
    keys = [k for (k,) in store.query(f"SELECT DISTINCT {ACTOR_KEY} FROM event_actors a")]
    assert len(keys) >= 8
    for key in keys:
        by_index = _from_index(store, key, "2020-09-01", "2020-12-31", None)
        by_tables = _from_tables(store, ActorSelector(key, f"{ACTOR_KEY} = ?", (key,)), "2020-09-01",
                                 "2020-12-31", None)  # fmt: skip
        assert by_index == by_tables and by_index, key
    country = _from_tables(store, ActorSelector("IRQ", "(a.actor_id = ? OR a.country = ?)", ("IRQ", "IRQ")),
                           None, None, None)  # fmt: skip
    assert _from_index(store, "@IRQ", None, None, None) == country


def test_timeline_errors(new_store):
    store = _store(new_store())
    with pytest.raises(UnknownChoiceError, match="Mustafa al-Kadhimi"):
        timeline(store, "Mustafa al-Kadimy")
    with pytest.raises(ConfigError, match="is not a date"):
        timeline(store, "IRQ", "September")
    with pytest.raises(ConfigError, match="before"):
        timeline(store, "IRQ", "2020-10-01", "2020-09-01")


def test_dyads(new_store):
    store = _store(new_store())
    rows = dyads(store, "month")
    sept = {(r["source"], r["target"]): r for r in rows if r["period"] == "2020-09-01"}
    saudi = sept[("mustafa-al-kadhimi", "SAU")]  # the merged visit counts once
    assert saudi["events"] == 1 and saudi["verbal_cooperation"] == 1
    assert sept[("TUR", "IRQ")]["material_conflict"] == 1
    assert sept[("IRQ", "TUR")]["verbal_conflict"] == 1
    assert sept[("IRQ", "JOR")]["events"] == 1  # a symmetric event without a recipient
    assert ("JOR", "IRQ") not in sept
    assert all(r["period"] in ("2020-09-01", "2020-10-01") for r in rows)
    weekly = dyads(store, "week", "2020-09-01", "2020-09-30")
    assert {r["period"] for r in weekly} == {"2020-08-31", "2020-09-14", "2020-09-21"}
    busiest = dyads(store, "month", top=1)
    assert [r["period"] for r in busiest] == ["2020-09-01", "2020-10-01"]
    assert all(r["events"] == max(x["events"] for x in rows if x["period"] == r["period"]) for r in busiest)
    assert dyads(store, "month", actor="TUR") == [r for r in rows if "TUR" in (r["source"], r["target"])]
    top = top_dyads(rows, 3)
    assert len(top) == 3 and all(t["events"] >= 1 for t in top)
    with pytest.raises(UnknownChoiceError, match="month"):
        dyads(store, "fortnight")


def test_network_agrees_with_the_dyads(new_store):
    store = _store(new_store())
    g = network(store, period="week")
    rolled = {(d["source"], d["target"]): d for d in top_dyads(dyads(store, "week"), n=1000)}
    assert {(e["source"], e["target"]) for e in g["edges"]} == set(rolled)
    for e in g["edges"]:
        d = rolled[(e["source"], e["target"])]
        assert (e["events"], e["goldstein_mean"], e["first_date"], e["last_date"]) == (
            d["events"], d["goldstein_mean"], d["first_date"], d["last_date"])
        assert sum(s["events"] for s in e["spells"]) == e["events"]
        assert [s["start"] for s in e["spells"]] == sorted(s["start"] for s in e["spells"])
    for n in g["nodes"]:
        assert n["events"] == sum(e["events"] for e in g["edges"] if n["id"] in (e["source"], e["target"]))
        assert n["start"] <= n["end"]


def test_mean_score_does_not_depend_on_the_order_of_addition():
    from mizan.analysis.common import mean_score

    scores = [-5.0, -4.0, 7.0, -4.0, -6.5, 4.0, 3.4, 3.4]  # naive means: -0.212 and -0.213
    sums = {sum(scores), sum(reversed(scores)), sum(sorted(scores))}
    assert len({mean_score(s, len(scores)) for s in sums}) == 1
    assert mean_score(None, 3) is None and mean_score(5.0, 0) is None


def test_network(new_store):
    nx = pytest.importorskip("networkx")
    import io

    store = _store(new_store())
    g = network(store, "2020-09-01", "2020-12-31")
    ids = {n["id"] for n in g["nodes"]}
    assert {"mustafa-al-kadhimi", "SAU", "IRQ", "TUR", "IRN"} <= ids
    edge = next(e for e in g["edges"] if (e["source"], e["target"]) == ("TUR", "IRQ"))
    assert edge["events"] == 1 and edge["goldstein_mean"] == -10.0 and edge["material_conflict"] == 1
    gexf = nx.read_gexf(io.StringIO(to_gexf(g)))
    assert gexf.number_of_edges() == len(g["edges"]) and gexf.is_directed()
    assert gexf.graph["mode"] == "dynamic"
    assert gexf.nodes["SAU"]["label"] == "Saudi Arabia"
    graphml = nx.read_graphml(io.StringIO(to_graphml(g)))
    assert graphml.edges["TUR", "IRQ"]["goldstein_mean"] == -10.0


def test_alignment(new_store):
    store = _store(new_store())
    result = alignment(store, "IRQ", period="month")
    score = {(s["period"], s["bloc"]): s for s in result["scores"]}
    sept_arab = score[("2020-09-01", "arab-states")]
    # the merged Saudi visit (1.9) and the Jordan agreement (8.0), counted once each
    assert sept_arab["events"] == 2 and sept_arab["score"] == pytest.approx(9.9)
    assert score[("2020-09-01", "iran-axis")]["events"] == 1  # Kadhimi met Zarif
    assert score[("2020-09-01", "turkey")]["events"] == 2
    assert score[("2020-09-01", "turkey")]["score"] == pytest.approx(-12.0)
    # October: the militia's threat is not Iraq's; the planned meeting is not counted
    assert score[("2020-10-01", "west")]["events"] == 0
    assert score[("2020-10-01", "iran-axis")]["score"] == pytest.approx(6.4)
    lean = next(x for x in result["leans"] if x["period"] == "2020-09-01"
                and (x["a"], x["b"]) == ("arab-states", "turkey"))  # fmt: skip
    assert lean["lean"] == pytest.approx((9.9 + 12.0) / (9.9 + 12.0))
    assert lean["sparse"] and (lean["low"], lean["high"]) == (-1.0, 1.0)  # 4 events < 5
    again = alignment(store, "IRQ", period="month")
    assert again == result  # the bootstrap is seeded


def test_blocs_file_is_validated(tmp_path):
    default = load_blocs()
    assert {"iran-axis", "arab-states", "west", "turkey"} <= set(default.ids())
    assert "iran-axis" in default.member_of("abu-fadak-al-mohammedawi", "IRQ", None)  # via affiliation
    assert not default.member_of("saraya-al-salam", "IRQ", None)
    from datetime import date

    assert default.member_of(None, "SYR", date(2020, 1, 1)) == {"iran-axis"}
    assert not default.member_of(None, "SYR", date(2025, 1, 1))
    bad = tmp_path / "blocs.yaml"
    bad.write_text("blocs:\n  - id: axis\n    name: Axis\n    actors: [kataib-hezbolah]\n")
    with pytest.raises(DataFileError, match=r"blocs.yaml, entry axis, field 'actors'.*kataib-hezbollah"):
        load_blocs(bad)
    bad.write_text("blocs:\n  - id: axis\n    name: Axis\n    countries: [Iran]\n")
    with pytest.raises(DataFileError, match="countries"):
        load_blocs(bad)
