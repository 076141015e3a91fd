"""The bundled demo corpus against its hand-coded gold (data/demo/expected.yaml): a floor on
recall and precision, so a change that helps one evaluation set cannot quietly break text
written for mizan. Figures at the time of writing: recall 0.82, precision 0.64."""

from __future__ import annotations


def test_demo_corpus_against_expected(nlp):
    from mizan.eval.demo import evaluate, report

    res = evaluate(nlp)
    text = report(res, errors=True)
    assert res.gold == 67
    recall = res.found / res.gold
    precision = res.correct / res.records
    assert recall >= 0.75, text
    assert precision >= 0.58, text
    # higher confidence means more often right, on this corpus too
    ranked = sorted(res.confidences, reverse=True)
    top, bottom = ranked[: len(ranked) // 3], ranked[-len(ranked) // 3 :]
    assert sum(ok for _, ok in top) / len(top) > sum(ok for _, ok in bottom) / len(bottom)


def test_plover_reading_of_the_gold():
    from mizan.eval.demo import plover_event

    assert plover_event("CONSULT", "future", "Kadhimi would visit Paris next month.") == "AGREE"
    assert plover_event("AID", "future", "France would help Iraq.") == "AGREE"
    assert plover_event("PROTEST", "future", "They would hold a rally.") == "PROTEST"
    assert plover_event("CONSULT", "asserted", "Macron met Kadhimi.") == "CONSULT"
