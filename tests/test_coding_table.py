"""Sentence → event tables, run with the real model. Our own sentences.

Each row: text, publication date, and the expected event: PLOVER type, CAMEO prefix, actor
country/sector, recipient country (None: no recipient expected), modality. Known misses are
marked xfail with the reason, never deleted.
"""

from __future__ import annotations

import pytest

xfail = pytest.mark.xfail

ROWS = [
    # visits and meetings
    (
        "Iraqi Prime Minister Mustafa al-Kadhimi met U.S. President Donald Trump at the White House on Thursday.",
        "CONSULT",
        "04",
        ("IRQ", "GOV"),
        "USA",
        "asserted",
    ),
    (
        "The Jordanian foreign minister visited Baghdad on Monday.",
        "CONSULT",
        "042",
        ("JOR", "GOV"),
        "IRQ",
        "asserted",
    ),
    (
        "Turkish President Recep Tayyip Erdogan received the Qatari emir in Ankara.",
        "CONSULT",
        "043",
        ("TUR", "GOV"),
        "QAT",
        "asserted",
    ),
    (
        "Iran's foreign minister held talks with his Iraqi counterpart in Tehran.",
        "CONSULT",
        "04",
        ("IRN", "GOV"),
        "IRQ",
        "asserted",
    ),
    # agreements, aid
    (
        "Iraq and Jordan signed an agreement on electricity interconnection.",
        "SUPPORT",
        "057",
        ("IRQ", "GOV"),
        None,
        "asserted",
    ),
    (
        "Saudi Arabia gave Iraq emergency aid after the floods.",
        "AID",
        "07",
        ("SAU", "GOV"),
        "IRQ",
        "asserted",
    ),
    # protest, arrests, attacks
    (
        "Hundreds of Iraqi protesters rallied in Basra against power cuts.",
        "PROTEST",
        "14",
        ("IRQ", "CVL"),
        None,
        "asserted",
    ),
    (
        "Iraqi police arrested three suspects in Basra.",
        "COERCE",
        "173",
        ("IRQ", "COP"),
        "IRQ",
        "asserted",
    ),
    (
        "Militants fired rockets at the US embassy in Baghdad.",
        "ASSAULT",
        "19",
        ("IRQ", "REB"),
        "USA",
        "asserted",
    ),
    # verbal conflict and cooperation
    ("Iran condemned the Israeli airstrike.", "ACCUSE", "11", ("IRN", "GOV"), None, "asserted"),
    (
        "Egypt accused Ethiopia of endangering its water supply.",
        "ACCUSE",
        "112",
        ("EGY", "GOV"),
        "ETH",
        "asserted",
    ),
    ("Kuwait rejected the Iraqi proposal.", "REJECT", "12", ("KWT", "GOV"), None, "asserted"),
    (
        "Turkey threatened Syria with military action.",
        "THREATEN",
        "13",
        ("TUR", "GOV"),
        "SYR",
        "asserted",
    ),
    (
        "The UN envoy urged Iraqi leaders to form a government.",
        "REQUEST",
        "02",
        ("UNO", None),
        "IRQ",
        "asserted",
    ),
    (
        "France praised Iraq for its fight against terrorism.",
        "SUPPORT",
        "051",
        ("FRA", "GOV"),
        "IRQ",
        "asserted",
    ),
    # modality. PLOVER codes a future visit as AGREE (CAMEO 036, "express intent to meet");
    # the record keeps modality "future" (docs/architecture.md, "Modality").
    (
        "Iraqi Prime Minister Mustafa al-Kadhimi will visit Riyadh next month.",
        "AGREE",
        "036",
        ("IRQ", "GOV"),
        "SAU",
        "future",
    ),
    (
        "The Saudi foreign minister is scheduled to visit Baghdad next week.",
        "AGREE",
        "036",
        ("SAU", "GOV"),
        "IRQ",
        "future",
    ),
    (
        "Officials said that Iran had sent weapons to the militias.",
        None,
        None,
        None,
        None,
        "reported",
    ),
    (
        "Egypt did not sign the agreement with Sudan.",
        "SUPPORT",
        "057",
        ("EGY", "GOV"),
        "SDN",
        "negated",
    ),
    # shelling is artillery fire (194); a bomb with no attacker named: its place's attackers
    (
        "Syrian artillery shelled rebel positions near Idlib on Tuesday.",
        "ASSAULT",
        "194",
        ("SYR", None),
        None,
        "asserted",
    ),
    (
        "A bomb killed three Lebanese soldiers in Tripoli.",
        "ASSAULT",
        "183",
        ("LBN", "UNK"),
        "LBN",
        "asserted",
    ),
    # destroying buildings and infrastructure is destroying property (1712, COERCE)
    ("Syrian rebels blew up two power lines near Homs on Friday.",
     "COERCE", "1712", ("SYR", None), None, "asserted"),
    ("Syrian rebels set the Turkish consulate building in Aleppo on fire overnight.",
     "COERCE", "1712", ("SYR", None), None, "asserted"),
    ("Iraqi bulldozers demolished dozens of Kurdish homes near Kirkuk.",
     "COERCE", "1712", ("IRQ", None), None, "asserted"),
    # people blown up are attacked
    ("Syrian rebels blew up an Iraqi army truck near Qaim.",
     "ASSAULT", "190", ("SYR", None), None, "asserted"),
    # blocking transport is obstructing passage, as blocking traffic or a road (144)
    ("Iraqi workers blocked transport into Basra on Sunday.",
     "PROTEST", "144", ("IRQ", None), None, "asserted"),
    # an order to a newspaper to stop is censorship (1721), not a demand
    ("The Iranian judiciary ordered the reformist daily to cease publication for a month.",
     "COERCE", "1721", ("IRN", None), None, "asserted"),
    # driving people from their homes is expulsion (201)
    ("Syrian troops forced out hundreds of refugees from a camp near Afrin.",
     "ASSAULT", "201", ("SYR", None), None, "asserted"),
    ("Turkish soldiers drove 300 families from their homes near Afrin.",
     "ASSAULT", "201", ("TUR", None), None, "asserted"),
]


def _first(records, event):
    if event is None:
        return records[0] if records else None
    for r in records:
        if r["event"] == event:
            return r
    return None


@pytest.mark.parametrize(
    "text,event,cameo,actor,recipient,modality", ROWS, ids=[r[0][:48] for r in ROWS]
)
def test_sentence_codes_event(code, text, event, cameo, actor, recipient, modality):
    records = code(text)
    rec = _first(records, event)
    assert rec is not None, f"no {event} event in {records}"
    if cameo:
        assert rec["cameo"].startswith(cameo)
    if actor:
        country, sector = actor
        assert rec["actor"][0]["country"] == country
        if sector:
            assert rec["actor"][0]["sector"] == sector
    if recipient:
        assert recipient in {r["country"] for r in rec["recipient"]}
    assert rec["modality"] == modality
    ev = rec["evidence"]
    assert text[ev["start"] : ev["end"]].strip() == ev["text"].strip()


NO_EVENT = [
    "The weather in Baghdad was hot on Thursday.",
    # the one who dies is no attacker
    "Four Iraqi pilgrims died in the heat near Karbala on Friday.",
    "Would Tehran's envoy in Ankara ever ask the Turks to shut down the Incirlik air base?",
    "Iraq appears to be balancing between its Arab and Iranian neighbours.",
]


@pytest.mark.parametrize("text", NO_EVENT)
def test_no_asserted_event(code, text):
    assert not [r for r in code(text) if r["modality"] == "asserted"]
