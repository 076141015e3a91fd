"""``mizan eval dates``: the hand-dated set in tests/data/dates.jsonl, and the command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mizan.errors import EvalError
from mizan.eval.dates import load_cases

DATES = Path(__file__).parent / "data" / "dates.jsonl"
MIZAN = shutil.which("mizan", path=str(Path(sys.executable).parent)) or "mizan"


def test_the_set_is_varied_and_well_formed():
    cases = load_cases(DATES)
    assert len(cases) >= 80
    precisions = {c.gold_precision for c in cases}
    assert precisions == {"day", "week", "month", "year", "document"}
    assert all(c.trigger and c.trigger in c.text for c in cases)


def test_exact_day_accuracy(nlp):
    from mizan.eval.dates import evaluate, report

    res = evaluate(DATES, nlp)
    assert res.n == len(load_cases(DATES))
    assert res.exact / res.n >= 0.90, report(res, errors=True)
    assert res.precision_ok / res.precision_n >= 0.90


@pytest.mark.parametrize("line,message", [
    ('{"text": "x"}', "d.jsonl:1: missing doc_date, gold_date"),
    ('{"text": "x", "doc_date": "2020-02-30", "gold_date": "2020-01-01"}', "doc_date '2020-02-30'"),
    ("not json", "d.jsonl:1: not valid JSON"),
])  # fmt: skip
def test_bad_lines_are_named(tmp_path, line, message):
    path = tmp_path / "d.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(EvalError, match=message):
        load_cases(path)


def test_command(tmp_path):
    path = tmp_path / "d.jsonl"
    rows = [{"text": "Gunmen attacked a checkpoint near Kirkuk on Monday.", "doc_date": "2021-03-10",
             "gold_date": "2021-03-08", "gold_precision": "day", "trigger": "attacked"},
            {"text": "The ministers will meet in Amman next month.", "doc_date": "2021-03-10",
             "gold_date": "2021-04-01", "gold_enddate": "2021-04-30", "gold_precision": "month",
             "trigger": "meet"}]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    p = subprocess.run([MIZAN, "eval", "dates", str(path)], capture_output=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "cases=2 exact_day_accuracy=1.000 precision_accuracy=1.000" in p.stdout.decode()
    bad = subprocess.run(
        [MIZAN, "eval", "dates", str(tmp_path / "none.jsonl")], capture_output=True
    )
    assert bad.returncode == 2 and b"no such file" in bad.stderr
