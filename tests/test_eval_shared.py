"""Evaluations on the shared data (skipped cleanly where ../shared is absent)."""

from __future__ import annotations


def test_plover_gsr_runs_and_scores(shared, nlp):
    from mizan.eval.plover_gsr import evaluate, report

    res = evaluate(shared / "plover-gsr" / "PLOVER_GSR_CAMEO.json", nlp)
    assert res.n == 322
    text = report(res)
    assert "event_type_accuracy=" in text and "triple_f1=" in text
    assert res.type_correct / res.n > 0.3  # a floor that catches a broken coder


def test_seed_report(shared, nlp):
    from datetime import date

    from mizan.documents import Document
    from mizan.pipeline import extract

    text = (shared / "seed" / "kazemi-policy-analysis.txt").read_text(encoding="utf-8")
    [res] = list(extract([Document(text=text, date=date(2020, 8, 28))], nlp))
    recs = res.records
    ids = {a["id"] for r in recs for a in r["actor"] + r["recipient"]}
    assert "mustafa-al-kadhimi" in ids
    kadhimi_texts = {a["text"] for r in recs for a in r["actor"] if a["id"] == "mustafa-al-kadhimi"}
    assert any("Kazemi" in t for t in kadhimi_texts)
    assert any(r["event"] == "CONSULT" and {"USA"} & {a["country"] for a in r["recipient"]}
               and {a["country"] for a in r["actor"]} == {"IRQ"} for r in recs)  # fmt: skip
    parly = [
        r
        for r in recs
        if any(a["id"] == "florence-parly" for a in r["actor"]) and r["event"] == "CONSULT"
    ]
    assert parly and parly[0]["date"] == "2020-08-27"
