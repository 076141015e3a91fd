"""Scaling out: the Dask engine gives the events of the local path; a document that crashes
the pipeline is recorded as failed on every engine and the batch goes on."""

from __future__ import annotations

import pytest

from mizan.config import get_settings
from mizan.documents import read_inputs
from mizan.ingest import ingest, open_engine
from mizan.scale.spec import PipelineSpec
from mizan.store import open_store
from scalehelp import DEMO, build_poison_model, demo_lines, snapshot, use_support, write_jsonl


@pytest.fixture(scope="module")
def poison_model(tmp_path_factory):
    return build_poison_model(tmp_path_factory.mktemp("poison") / "model")


def test_dask_local_cluster_gives_the_events_of_the_local_path(nlp, tmp_path):
    fsspec = pytest.importorskip("fsspec")
    with open_store(tmp_path / "local.duckdb") as store:
        local = ingest(read_inputs([str(DEMO)]), store, nlp, batch_size=4)
    # the Dask run reads its input through fsspec (memory://) and writes shards to a folder
    url = "memory://mizan-test/demo.jsonl"
    with fsspec.open(url, "wb") as fh:
        fh.write(DEMO.read_bytes())
    shards = tmp_path / "shards"
    engine = open_engine("dask", spec=PipelineSpec(get_settings().model), workers=2,
                         shard_root=str(shards))  # fmt: skip
    with open_store(tmp_path / "dask.duckdb") as store:
        dask = ingest(read_inputs([url]), store, batch_size=4, engine=engine)
    assert (dask.coded, dask.failed, dask.events) == (local.coded, local.failed, local.events) == (12, 0, local.events)
    assert local.events > 50 and dask.words == local.words > 0
    a, b = snapshot(tmp_path / "local.duckdb"), snapshot(tmp_path / "dask.duckdb")
    for table in a:
        assert a[table] == b[table], table
    assert not shards.exists() or not any(shards.iterdir())  # every shard ingested and removed


def _poisoned_corpus(tmp_path, marker="POISON-PILL"):
    docs = demo_lines()[:6]
    bad = dict(docs[2], id="poisoned", text=docs[2]["text"] + f" The {marker} paragraph.")
    return write_jsonl(tmp_path / "corpus.jsonl", docs[:3] + [bad] + docs[3:]), docs


def _clean_events(nlp, tmp_path, docs):
    with open_store(tmp_path / "clean.duckdb") as store:
        ingest(read_inputs([str(write_jsonl(tmp_path / "clean.jsonl", docs))]), store, nlp)
    return snapshot(tmp_path / "clean.duckdb")


@pytest.mark.parametrize("kind,workers", [("local", 1), ("local", 2), ("dask", 1)])
def test_poisoned_document_is_recorded_and_the_batch_goes_on(nlp, poison_model, tmp_path, kind, workers):
    use_support()
    path, docs = _poisoned_corpus(tmp_path)
    spec = PipelineSpec(str(poison_model))

    def run(**kw):
        engine = open_engine(kind, spec=spec, workers=workers, shard_root=str(tmp_path / "shards"))
        with open_store(tmp_path / "p.duckdb") as store:
            stats = ingest(read_inputs([str(path)]), store, batch_size=4, engine=engine, **kw)
            failures = store.query("SELECT source, line, reason FROM failures")
            listed = store.query("SELECT doc_id, status, reason FROM manifest WHERE status = 'failed'")
        return stats, failures, listed

    stats, failures, listed = run()
    assert (stats.coded, stats.failed) == (6, 1)
    [(source, _, reason)] = failures
    assert source == f"{path}:4" and "POISON-PILL" in reason and "RuntimeError" in reason
    assert listed == [("poisoned", "failed", reason)]
    got, want = snapshot(tmp_path / "p.duckdb"), _clean_events(nlp, tmp_path, docs)
    assert got["events"] == want["events"] and got["mentions"] == want["mentions"]
    if (kind, workers) != ("local", 1):
        return
    # a rerun skips the failed document; --retry-failed codes it again (and it fails again)
    again, failures, _ = run()
    assert (again.coded, again.skipped, again.failed_before, again.failed) == (0, 6, 1, 0)
    retried, failures, _ = run(retry_failed=True)
    assert (retried.coded, retried.failed) == (0, 1) and len(failures) == 1


def test_a_document_that_kills_its_worker_process_is_recorded(poison_model, tmp_path):
    use_support()
    path, _ = _poisoned_corpus(tmp_path, marker="POISON-EXIT")
    engine = open_engine("local", spec=PipelineSpec(str(poison_model)), workers=2)
    with open_store(tmp_path / "x.duckdb") as store:
        stats = ingest(read_inputs([str(path)]), store, batch_size=4, engine=engine)
        [(source, _, reason)] = store.query("SELECT source, line, reason FROM failures")
    assert (stats.coded, stats.failed) == (6, 1)
    assert source.endswith("corpus.jsonl:4") and "worker process died" in reason


def test_engine_options_are_checked():
    from mizan.errors import ConfigError, UnknownChoiceError

    with pytest.raises(UnknownChoiceError, match="'spark'.*dask, local"):
        open_engine("spark", spec=PipelineSpec("x"))
    with pytest.raises(ConfigError, match="--workers 0"):
        open_engine("local", spec=PipelineSpec("x"), workers=0)
    with pytest.raises(ConfigError, match="--engine dask"):
        open_engine("local", spec=PipelineSpec("x"), scheduler="tcp://127.0.0.1:8786")


def test_a_missing_model_is_one_clear_error_from_the_pool(tmp_path):
    from mizan.errors import ConfigError

    engine = open_engine("local", spec=PipelineSpec("no_such_pipeline_xyz"), workers=2)
    with open_store(tmp_path / "m.duckdb") as store, pytest.raises(ConfigError, match="no_such_pipeline_xyz.*not installed"):  # fmt: skip
        ingest(read_inputs([str(DEMO)]), store, engine=engine)
