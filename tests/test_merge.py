"""One event, many mentions: the merge rules on hand-made records, then on real text and
through the store (the mentions table keeps every mention)."""

from __future__ import annotations

import copy

from mizan.stages.merge import merge_records, same_event


def rec(sentence, event="CONSULT", cameo="042", actor=("IRQ",), recipient=("USA",), date=None,
        precision="document", trigger="visited", generic=(), place=None):  # fmt: skip
    def side(codes):
        return [{"text": c, "name": c, "id": c, "country": c[:3], "sector": "GOV",
                 "role": None, "_generic": c in generic} for c in codes]  # fmt: skip

    ev = {"sentence": sentence, "start": 0, "end": 1, "text": "x", "trigger": trigger}
    return {"event": event, "cameo": cameo, "actor": side(actor), "recipient": side(recipient),
            "date": date, "enddate": None, "date_precision": precision, "date_text": None,
            "location": place, "evidence": ev, "confidence": 0.5,
            "mentions": [dict(ev, modality="asserted", confidence=0.5, doc_id="d")]}  # fmt: skip


def test_same_actor_type_recipient_merge():
    a, b = rec(0), rec(5, trigger="visit")
    assert same_event(a, b)
    [m] = merge_records([a, b])
    assert len(m["mentions"]) == 2 and m["confidence"] > 0.5


def test_different_recipient_or_type_stay_apart():
    assert not same_event(rec(0), rec(1, recipient=("FRA",)))
    assert not same_event(rec(0), rec(1, event="ACCUSE", cameo="111"))
    assert not same_event(rec(0), rec(1, actor=("JOR",)))


def test_incompatible_dates_or_places_stay_apart():
    a = rec(0, date="2020-08-20", precision="day")
    assert not same_event(a, rec(4, date="2020-09-20", precision="day"))
    assert same_event(a, rec(4, date="2020-08-17", precision="week") | {"enddate": "2020-08-23"})
    here = {"name": "Baghdad", "country": "IRQ"}
    assert not same_event(rec(0, place=here), rec(1, place={"name": "Paris", "country": "FRA"}))


def test_no_recipient_needs_the_same_word_nearby():
    a = rec(0, recipient=(), cameo="040", trigger="meeting")
    assert same_event(a, rec(2, recipient=(), cameo="040", trigger="meeting"))
    assert not same_event(a, rec(9, recipient=(), cameo="040", trigger="meeting"))
    assert not same_event(a, rec(2, recipient=(), cameo="040", trigger="talks"))


def test_unnamed_agent_merges_into_the_named_actor():
    a = rec(0, actor=("IRQ-delegation",), generic=("IRQ-delegation",))
    b = rec(1, actor=("IRQ",))
    [m] = merge_records([copy.deepcopy(a), b])
    assert m["actor"][0]["id"] == "IRQ"  # the named actor wins


def test_one_sentence_telling_one_event_twice():
    a = rec(3, recipient=("USA",), cameo="043", trigger="held")
    b = rec(3, recipient=(), cameo="040", trigger="discussing")
    assert same_event(a, b)


def test_text_with_two_mentions_gives_one_record(code):
    text = ("Iraqi Prime Minister Mustafa al-Kadhimi visited Washington on Thursday. "
            "The Iraqi prime minister's visit to Washington was the first in three years.")
    recs = [r for r in code(text, "2020-08-22") if r["event"] == "CONSULT"]
    assert len(recs) == 1, recs
    assert [m["sentence"] for m in recs[0]["mentions"]] == [0, 1]


def test_mentions_table_keeps_every_mention(nlp, tmp_path):
    from datetime import date

    from mizan.documents import Document
    from mizan.pipeline import extract
    from mizan.store import open_store

    text = ("Iraqi Prime Minister Mustafa al-Kadhimi visited Washington on Thursday. "
            "The Iraqi prime minister's visit to Washington was the first in three years.")
    [res] = list(extract([Document(text=text, id="m1", date=date(2020, 8, 22))], nlp))
    with open_store(tmp_path / "m.duckdb") as store:
        store.add_records(res.records)
        rows = store.query("SELECT sentence FROM mentions ORDER BY sentence")
    assert [r[0] for r in rows] == [0, 1]


def test_a_meeting_told_from_either_side_is_one_meeting():
    a = rec(0, cameo="040", actor=("FRA-minister",), recipient=("IRQ-pm",), trigger="met")
    b = rec(4, cameo="040", actor=("IRQ-pm",), recipient=("FRA-minister",), trigger="meeting")
    assert same_event(a, b)
    # a directed event (a demand) from either side is two events
    assert not same_event(rec(0, event="DEMAND", cameo="100", actor=("FRA",), recipient=("IRQ",)),
                          rec(2, event="DEMAND", cameo="100", actor=("IRQ",), recipient=("FRA",)))


def test_unnamed_officials_in_a_meeting_are_the_named_participant_of_their_country():
    a = rec(0, cameo="040", actor=("FRA-minister",), recipient=("IRQ-officials",),
            generic=("IRQ-officials",), trigger="met")  # fmt: skip
    b = rec(3, cameo="040", actor=("IRQ-pm",), recipient=("FRA-minister",), trigger="meeting")
    [m] = merge_records([copy.deepcopy(a), copy.deepcopy(b)])
    assert [x["id"] for x in m["actor"]] == ["FRA-minister"]
    assert [x["id"] for x in m["recipient"]] == ["IRQ-pm"]  # not the minister met by herself
    assert len(m["mentions"]) == 2
    # officials of another country, or a different kind of meeting, stay apart
    c = rec(0, cameo="040", actor=("FRA-minister",), recipient=("JOR-officials",),
            generic=("JOR-officials",))  # fmt: skip
    assert not same_event(c, b)
    assert not same_event(a, b | {"cameo": "042"})


def test_text_meeting_from_both_sides_gives_one_record(code):
    text = ("French Defence Minister Florence Parly met senior Iraqi officials in Baghdad on "
            "Thursday. Iraqi Prime Minister Mustafa al-Kadhimi told reporters after his meeting "
            "with Parly that France was a partner.")
    recs = [r for r in code(text, "2020-08-28") if r["event"] == "CONSULT"]
    assert len(recs) == 1, recs
    names = {m["name"] for m in recs[0]["actor"] + recs[0]["recipient"]}
    assert names == {"Florence Parly", "Mustafa al-Kadhimi"}, recs
