"""Where an event happened, with the real model. Our own sentences.

Each row: text, the trigger word, and the expected location (name, country, precision), or
None when the text places the event nowhere.
"""

from __future__ import annotations

from datetime import date

import pytest

ROWS = [
    # a place attached to the event's clause
    ("Iraqi Prime Minister Mustafa al-Kadhimi chaired a security meeting at an army base in Basra.",
     "chaired", ("Basra", "IRQ", "city")),
    ("The Iraqi prime minister met the American president at the White House on Thursday.",
     "met", ("White House", "USA", "city")),
    ("The Jordanian foreign minister visited Baghdad on Monday.",
     "visited", ("Baghdad", "IRQ", "city")),
    ("Zambia extradited a suspected militant to Britain on Sunday.",
     "extradited", ("United Kingdom", "GBR", "country")),
    ("Aid workers delivered tents to survivors in Bam, Iran.",
     "delivered", ("Bam", "IRN", "city")),
    ("Militants attacked a checkpoint in the province of Anbar.",
     "attacked", ("Anbar", "IRQ", "admin1")),
    ("Thousands of people demonstrated in the southern city of Nasiriyah on Friday.",
     "demonstrated", ("Nasiriyah", "IRQ", "city")),
    ("Speaking in Paris, the minister said that militias had attacked the embassy in Baghdad.",
     "attacked", ("Baghdad", "IRQ", "city")),
    ("Turkish jets bombed suspected rebel hideouts in northern Iraq.",
     "bombed", ("Iraq", "IRQ", "country")),
    ("Hundreds of protesters gathered outside the Turkish embassy in Baghdad.",
     "gathered", ("Baghdad", "IRQ", "city")),
    ("Iraqi forces withdrew from the town of Tuz Khurmatu.",
     "withdrew", ("Tuz Khurmatu", "IRQ", "city")),
    ("Iraqi forces arrested three men in Tal Afar on Monday.",  # the tagger sees only "Tal"
     "arrested", ("Tal Afar", "IRQ", "city")),
    ("Protesters gathered in Sadr City on Friday.",  # a place that holds a person's name
     "gathered", ("Sadr City", "IRQ", "city")),
    # an inquiry is held where it looks into, also when that place is its recipient
    ("UN nuclear monitors were sent by the IAEA to a reactor site in central Iran to check the work.",
     "check", ("Iran", "IRN", "country")),
    # else a place in the same sentence
    ("Security forces arrested a suspected militant, an official in Fallujah said.",
     "arrested", ("Fallujah", "IRQ", "city")),
    # a capital used as an actor is not the location ...
    ("Tehran rejected the American demand for new talks.", "rejected", None),
    ("Ankara warned Baghdad against sheltering the rebels.", "warned", None),
    # ... unless the text says so
    ("Iraq's foreign minister met his Iranian counterpart in Tehran.",
     "met", ("Tehran", "IRN", "city")),
    # an ambiguous city name: the sentence's countries and the focus decide
    ("Syrian troops shelled militia positions around Tripoli, the Lebanese port city.",
     "shelled", ("Tripoli", "LBN", "city")),
    ("Rival militias clashed near Tripoli, Libyan officials said.",
     "clashed", ("Tripoli", "LBY", "city")),
    # "the city", "there": the place named in a sentence just before
    ("Militants stormed Kirkuk on Sunday. The army shelled the city on Monday.",
     "shelled", ("Kirkuk", "IRQ", "city")),
    ("The minister visited Mosul on Monday. He met protesters there.",
     "met", ("Mosul", "IRQ", "city")),
    ("Militants stormed Kirkuk on Sunday. A city nearby was shelled on Monday.", "shelled", None),
    # no place at all, or none in this sentence
    ("The foreign ministry condemned the attack.", "condemned", None),
    ("The minister arrived in Basra on Monday. He condemned the killing of activists.",
     "condemned", None),
    ("Kurdish leaders demanded independence from Iraq.", "demanded", None),
    ("The Iranian ambassador to Iraq rejected the presence of American forces.", "rejected", None),
]  # fmt: skip


@pytest.mark.parametrize("text,trigger,expected", ROWS)
def test_location_of_trigger(nlp, text, trigger, expected):
    from mizan.documents import Document
    from mizan.pipeline import make_doc

    doc = nlp(make_doc(nlp, Document(text=text, id="t", date=date(2020, 8, 28))))
    tok = [t for t in doc if t.text == trigger][-1]
    resolver = nlp.get_pipe("mizan_places")
    ev = next((e for e in doc._.mizan_events if e.trigger == tok.i), None)
    if ev is not None:
        got = ev.location
    else:  # the event coder found no event here: locate the clause anyway
        place = resolver.locate_token(doc, tok)
        got = place.as_location() if place else None
    shown = (got["name"], got["country"], got["precision"]) if got else None
    assert shown == expected


def test_record_location_block(code):
    recs = [r for r in code("The Jordanian foreign minister visited Basra on Monday.")
            if r["event"] == "CONSULT"]  # fmt: skip
    assert recs
    loc = recs[0]["location"]
    assert loc == {"name": "Basra", "country": "IRQ", "admin1": "Basra", "lat": 30.50852,
                   "lon": 47.7804, "geonameid": 99532, "precision": "city"}  # fmt: skip


def test_gsr_event_locations(shared, nlp):
    """The 48 PLOVER GSR records with an eventLoc: targets country >= 0.95, place >= 0.85."""
    from mizan.eval.plover_gsr import evaluate

    res = evaluate(shared / "plover-gsr" / "PLOVER_GSR_CAMEO.json", nlp)
    score = res.places
    assert score.n == 48
    assert score.place_ok / score.n >= 0.85
    assert score.country_ok / score.country_n >= 0.95
