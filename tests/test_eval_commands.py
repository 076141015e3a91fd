"""The evaluation commands on small sets of our own (the shared sets are in
test_eval_shared.py), and user dictionaries in PETRARCH/TABARI format on ``mizan extract``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MIZAN = shutil.which("mizan", path=str(Path(sys.executable).parent)) or "mizan"

# an invented world, in PETRARCH's dictionary formats
ACTORS = """\
ZEMBLA [ZMB]
+ZEMBLAN
NOVALAND [NVL]
+NOVALANDER
"""
AGENTS = """\
GOVERNMENT [~GOV]
SMUGGLER {SMUGGLERS} [~CRM]
"""
VERBS = """\
---  PARLEY   [040]  ---
PARLEY {PARLEYS PARLEYED PARLEYING}
- * TRUCE                                          [0871]        # PARLEY

---  WALLOP   [190]  ---
WALLOP {WALLOPS WALLOPED WALLOPING}
"""
DISCARDS = """\
FOOTBALL MATCH
"""
SUITE = """\
<Validation>
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>actors.txt</Actorfile>
    <Agentfile>agents.txt</Agentfile>
    <Discardfile>discards.txt</Discardfile>
</Environment>
<Sentences>
<Sentence date="20200101" id="T-01" category="VERB" sentence="true">
<EventCoding sourcecode="ZMB" targetcode="NVL" eventcode="040"></EventCoding>
<Text>Zembla parleyed with Novaland on Monday.</Text>
</Sentence>
<Sentence date="20200101" id="T-02" category="PATTERN" sentence="true">
<EventCoding sourcecode="ZMBGOV" targetcode="NVL" eventcode="0871"></EventCoding>
<Text>The Zembla government parleyed a truce with Novaland.</Text>
</Sentence>
<Sentence date="20200101" id="T-03" category="VERB" sentence="true">
<EventCoding sourcecode="NVL" targetcode="ZMB" eventcode="190"></EventCoding>
<Text>Novaland walloped Zembla.</Text>
</Sentence>
<Sentence date="20200101" id="T-04" category="DISCARD" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Zembla walloped Novaland in a football match on Sunday.</Text>
</Sentence>
</Sentences>
</Validation>
"""


@pytest.fixture()
def suite(tmp_path):
    for name, text in (("actors.txt", ACTORS), ("agents.txt", AGENTS), ("verbs.txt", VERBS),
                       ("discards.txt", DISCARDS), ("suite.xml", SUITE)):  # fmt: skip
        (tmp_path / name).write_text(text)
    return tmp_path


def test_petrarch_unittest_on_our_own_suite(nlp, suite):
    from mizan.eval.petrarch_unittest import evaluate, report

    res = evaluate(suite / "suite.xml", nlp)
    text = report(res, errors=True)
    assert res.records == 4 and res.codings == 3 and res.no_event_n == 1
    assert res.exact == 3, text  # source, target and code, with the suite's dictionaries only
    assert res.no_event_ok == 1, text  # the discard phrase leaves the record uncoded
    assert "codings_exact=1.000" in text


def test_petrarch_unittest_names_a_missing_file(nlp, tmp_path):
    from mizan.errors import EvalError
    from mizan.eval.petrarch_unittest import evaluate

    with pytest.raises(EvalError, match="no such file"):
        evaluate(tmp_path / "nope.xml", nlp)


def test_json_set_read_from_its_folder(tmp_path):
    from mizan.errors import EvalError
    from mizan.eval.common import load_json

    (tmp_path / "set.json").write_text('[{"id": 1}]')
    assert load_json(tmp_path) == [{"id": 1}]  # the folder's one JSON file
    (tmp_path / "other.json").write_text("[]")
    with pytest.raises(EvalError, match=r"2 JSON files \(other.json, set.json\)"):
        load_json(tmp_path)


QUAD = """\
Iraq urged Turkey to withdraw its troops from Bashiqa.\t0
Jordan signed a trade agreement with Iraq on Monday.\t1
Qatar sent humanitarian aid to Lebanon.\t2
Iran condemned the Israeli air strike.\t3
Iraqi police arrested two smugglers near Basra.\t4
"The weather in Baghdad was hot on Thursday."\t0
"""


def test_quad_on_our_own_sentences(nlp, tmp_path):
    from mizan.eval.quad import evaluate, label_of, report

    assert [label_of(c) for c in (None, "020", "036", "057", "071", "111", "1246", "190",
                                  "161", "145")] == [0, 0, 1, 1, 2, 3, 3, 4, 3, 4]  # fmt: skip
    p = tmp_path / "quad.tsv"
    p.write_text(QUAD)
    res = evaluate(p, nlp)
    assert res.n == 6
    assert res.correct >= 5, report(res, errors=True)


def test_quad_names_a_bad_line(nlp, tmp_path):
    from mizan.errors import EvalError
    from mizan.eval.quad import evaluate

    p = tmp_path / "bad.tsv"
    p.write_text("a sentence without a label\n")
    with pytest.raises(EvalError, match="line 1"):
        evaluate(p, nlp)


def test_extract_with_petrarch_dictionaries(suite, tmp_path):
    """``--verbs`` and ``--actors`` take PETRARCH/TABARI files on top of the defaults."""
    p = subprocess.run(
        [MIZAN, "extract", "--verbs", str(suite / "verbs.txt"), "--actors",
         str(suite / "actors.txt"), "--date", "2020-05-01", "--format", "jsonl", "--db",
         str(tmp_path / "x.duckdb"), "-"],
        input=b"Zembla parleyed with Iraq on Monday.", capture_output=True, timeout=300,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr.decode()
    recs = [json.loads(line) for line in p.stdout.decode().splitlines() if line.strip()]
    assert [(r["event"], r["actor"][0]["country"], r["recipient"][0]["country"])
            for r in recs] == [("CONSULT", "ZMB", "IRQ")]  # fmt: skip
