"""The manifest of processed texts and the shard path, on DuckDB and PostgreSQL: statuses
of inputs, failures replaced by a later success, and coded batches through Parquet shards
stored exactly as the per-document path stores them."""

from __future__ import annotations

from mizan.documents import Document
from mizan.errors import InputError
from mizan.pipeline import DocResult
from mizan.scale.tables import coded_tables, finished_shards, read_shard, remove_shard, write_shard
from mizan.store.manifest import Status
from mizan.store.rows import content_hash, manifest_row
from storehelp import ACTORS, document, record

ACTORS.setdefault("emmanuel-macron", ACTORS["macron"])


def test_statuses(new_store):
    store = new_store()
    a = document("a")
    store.add_document(a, [record("a", ["macron"], "040", ["kadhimi"])])
    h = content_hash(a.text)
    other = content_hash("Another text.")
    got = store.statuses([("a", h), ("a", other), ("b", h), ("c", other)])
    assert got == [Status("stored", "a"), Status("changed", "a"), Status("duplicate", "a"), Status("new")]
    assert store.query("SELECT doc_id, status, events FROM manifest") == [("a", "coded", 1)]
    # a failure is listed with its reason, and a later success replaces it
    store.add_tables({"manifest": [manifest_row(other, "c", "failed", "f.jsonl:3", "it broke")]},
                     failures=[("f.jsonl:3", None, "it broke")])  # fmt: skip
    assert store.statuses([("c", other)]) == [Status("failed", "c", "it broke")]
    assert store.query("SELECT source, reason FROM failures") == [("f.jsonl:3", "it broke")]
    c = Document(text="Another text.", id="c", origin="f.jsonl:3")
    tables, _ = coded_tables([DocResult(c, records=[])])
    store.add_tables(tables)
    assert store.statuses([("c", other)]) == [Status("stored", "c")]
    assert sorted(store.query("SELECT doc_id, status FROM manifest")) == [("a", "coded"), ("c", "coded")]


def test_shards_store_what_the_document_path_stores(new_store, tmp_path):
    recs = {
        "d1": [record("d1", ["macron"], "040", ["kadhimi"], place="Green Zone"),
               record("d1", ["zarif"], "112", ["USA"], start=40, day="2020-09-01")],
        "d2": [record("d2", ["kadhimi"], "043", ["macron"], place="Baghdad")],
        "d3": [],
    }  # fmt: skip
    results = [DocResult(document(d), records=r) for d, r in recs.items()]
    results.append(DocResult(document("bad"), error=InputError("test:bad", "it broke")))
    by_document = new_store()
    for d, r in recs.items():
        by_document.add_document(document(d), r)
    tables, summary = coded_tables(results)
    assert (summary["documents"], summary["events"], len(summary["failures"])) == (3, 3, 1)
    root = str(tmp_path / "shards")
    url = write_shard(tables, f"{root}/shard-one")
    (tmp_path / "shards" / "shard-half").mkdir()  # a shard a killed worker left half-written
    assert list(finished_shards(root)) == [url]
    assert not (tmp_path / "shards" / "shard-half").exists()
    by_shard = new_store()
    assert by_shard.add_tables(read_shard(url), failures=summary["failures"]) == 3
    assert by_shard.add_tables(read_shard(url)) == 0  # a shard added twice adds nothing
    remove_shard(url)
    assert list(finished_shards(root)) == []
    assert list(by_shard.records()) == list(by_document.records())
    assert list(by_shard.events()) == list(by_document.events())
    q = "SELECT doc_id, status FROM manifest ORDER BY doc_id"
    assert by_shard.query(q) == [("bad", "failed"), ("d1", "coded"), ("d2", "coded"), ("d3", "coded")]
    assert by_document.query(q) == [("d1", "coded"), ("d2", "coded"), ("d3", "coded")]
