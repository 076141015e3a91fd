"""Places named by a common noun (stages/placenouns.py), on our own sentences with the real
model: which phrases are places, where they start and end, and the named place a definite
"the town" stands for."""

from __future__ import annotations

from datetime import date

import pytest

from mizan.documents import Document
from mizan.gazetteer import load_gazetteer
from mizan.pipeline import make_doc
from mizan.stages.placenames import place_cues
from mizan.stages.placenouns import nominal_places

xfail = pytest.mark.xfail


def found(nlp, text: str, named: list[tuple[int, str]] | None = None):
    doc = nlp(make_doc(nlp, Document(text=text, date=date(2020, 8, 28))))
    taken = {t for m in doc._.mizan_actors for t in range(m.start, m.end)}
    taken |= {t.i for t in doc if t.ent_type_ in ("GPE", "LOC", "FAC")}
    gaz = load_gazetteer()
    places = [(i, gaz.lookup(name, "IRQ")) for i, name in named or []]
    return doc, nominal_places(doc, taken, place_cues()["common_place_nouns"], places)


# (text, the phrases expected, in order)
PHRASES = [
    ("The shelling damaged a mosque near the old city.", ["a mosque", "the old city"]),
    ("Fighters moved into an ISIL-held building near the river.",
     ["an ISIL-held building", "the river"]),
    ("Gunmen raided a western district of the town overnight.",
     ["a western district of the town"]),
    ("Aircraft struck five fighting positions and a supply route.",
     ["fighting positions", "a supply route"]),
    ("There is no water here, and the families there are leaving.", ["here", "there"]),
    # a noun that modifies another, or that a name follows, is no place of its own
    ("The city council met to discuss the border security plan.", []),
    ("They took the city of Mosul in 2014.", []),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", PHRASES, ids=[r[0][:40] for r in PHRASES])
def test_common_noun_places(nlp, text, expected):
    doc, got = found(nlp, text)
    assert [doc[p.start : p.end].text for p in got] == expected


def test_the_town_is_the_town_named_before(nlp):
    text = "Militants stormed Rawa on Sunday. The town was retaken by the army on Monday."
    doc = nlp(make_doc(nlp, Document(text=text, date=date(2020, 8, 28))))
    rawa = next(t.i for t in doc if t.text == "Rawa")
    doc, got = found(nlp, text, [(rawa, "Rawa")])
    town = next(p for p in got if doc[p.head].lower_ == "town")
    assert town.place is not None and town.place.name == "Rawah"
    assert town.place.country == "IRQ"


def test_an_indefinite_town_is_no_named_place(nlp):
    text = "Militants stormed Rawa on Sunday. A town nearby was also attacked."
    doc = nlp(make_doc(nlp, Document(text=text, date=date(2020, 8, 28))))
    rawa = next(t.i for t in doc if t.text == "Rawa")
    doc, got = found(nlp, text, [(rawa, "Rawa")])
    assert all(p.place is None for p in got)


COORDINATES = [
    ("Coordinates: 33°47′N 44°30′E", ("33°47′N 44°30′E", 33.783333, 44.5)),
    ("at 36.335°N 43.119°E, north of the city", ("36.335°N 43.119°E", 36.335, 43.119)),
    ("the depot (30.508; 47.780) was hit", ("30.508; 47.780", 30.508, 47.78)),
    ("Rebels held 33°30′21″S 36°16′11″W", ("33°30′21″S 36°16′11″W", -33.505833, -36.269722)),
    ("Frequency: 12.245 MHz; version 3.14", None),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", COORDINATES, ids=[r[0][:30] for r in COORDINATES])
def test_coordinates(text, expected):
    from mizan.stages.placenouns import coordinates

    got = [(text[a:b], lat, lon) for a, b, lat, lon in coordinates(text)]
    assert got == ([expected] if expected else [])
