"""Military units named by number, and names that are no organisation: our own sentences,
the real model."""

from __future__ import annotations

import pytest

from actorhelp import actors, find
from mizan.actors.cues import load_cues
from mizan.actors.loader import load_registry
from mizan.stages.actor_units import unit_spans

# a unit named by number is one organisation, whether the tagger saw it or not
UNITS = [
    ("Airmen of the 112th Fighter Wing flew home on Sunday.", "112th Fighter Wing"),
    ("Pilots from the 338th AEG flew the last sortie.", "338th AEG"),
    ("Those who serve in the 338th AEG were thanked by the general.", "338th AEG"),
    ("The frigate joined CTF 52 in the northern Gulf.", "CTF 52"),
    ("The destroyer sailed with Combined Task Force (CTF) 52 last week.", "Task Force (CTF) 52"),
    ("The 4th Mechanised Brigade entered the town at dawn.", "4th Mechanised Brigade"),
    ("The Egyptian 9th Armoured Division repaired the bridge.", "9th Armoured Division"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface", UNITS, ids=[r[1] for r in UNITS])
def test_unit_named_by_number(nlp, text, surface):
    m = find(actors(nlp, text), surface)
    assert m is not None and m.text.endswith(surface) and m.kind == "organisation", (
        [(x.text, x.kind) for x in actors(nlp, text)]
    )  # fmt: skip


# an ordinal, a number or a designator alone makes no unit
NOT_UNITS = [
    "On Dec. 7th, the army reopened the road.",
    "The city marked the 93rd anniversary of its founding.",
    "The 2nd round of talks ended without agreement.",
    "The convoy carried 50 tonnes of flour.",
]


@pytest.mark.parametrize("text", NOT_UNITS)
def test_not_a_unit(nlp, text):
    assert unit_spans(nlp(text), load_cues()) == []


def test_unit_count_is_not_its_number(nlp):
    doc = nlp("Task Force 52 ships escorted the tankers.")
    assert all(doc[b - 1].lower_ != "ships" for _, b in unit_spans(doc, load_cues()))


# a short capitalised word the tagger took for an organisation is a unit or a technical term
NO_BODY = [
    ("The plant adds 84 MW of capacity to the grid.", "MW"),
    ("The domains sat on servers with IP addresses in Damascus.", "IP"),
    ("The clinic has CT equipment and two MRI rooms.", "CT"),
    ("The unit has MRI and CT machines for patients.", "CT"),
    ("The station broadcasts on 64 UHF to the capital.", "UHF"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface", NO_BODY, ids=[r[0][:30] for r in NO_BODY])
def test_no_organisation_in_a_term(nlp, text, surface):
    assert (surface, "ORG") in [(e.text, e.label_) for e in nlp(text).ents]  # the tagger's
    m = find(actors(nlp, text), surface)
    assert m is None or m.kind != "organisation"


# words of the agents dictionary that name no body of people
NOT_AGENTS = [
    ("Scholars of the religion disagree about the text.", "religion"),
    ("Gunmen took over a nearby military barracks at night.", "barracks"),
    ("The ministry posted the notice on its website.", "website"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface", NOT_AGENTS, ids=[r[1] for r in NOT_AGENTS])
def test_not_an_agent(nlp, text, surface):
    assert find(actors(nlp, text), surface) is None


def test_spaced_arabic_article_stays_in_the_name(nlp):
    m = find(actors(nlp, "The raid was meant to stop al Qaeda in Iraq from regrouping."),
             "Qaeda in Iraq")  # fmt: skip
    assert m is not None and m.text == "al Qaeda in Iraq"


def test_english_word_before_a_name_is_no_article(nlp):
    m = find(actors(nlp, "The talks stalled as Hamas rejected the terms."), "Hamas")
    assert m is not None and m.text == "Hamas"


def test_the_group_is_not_the_army(nlp):
    text = ("Fighters of the Islamic State seized the dam after Iraqi soldiers withdrew. "
            "The group then blew up the bridge.")  # fmt: skip
    m = find(actors(nlp, text), "The group")
    assert m is not None and m.actor_id == "isis"


# "be" and "have" with a party's noun: a capital acts as its government
PARTY = [
    ("Ankara is a key player in the talks on Syria.", "Ankara", True),
    ("Moscow has a special responsibility for the ceasefire.", "Moscow", True),
    ("Amman is one of our closest partners in the region.", "Amman", True),
    ("Ankara is a city of five million people.", "Ankara", False),
    ("Moscow has cold winters and long summers.", "Moscow", False),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,acts", PARTY, ids=[r[0][:30] for r in PARTY])
def test_capital_as_a_party(nlp, text, surface, acts):
    m = find(actors(nlp, text), surface)
    assert m is not None and (m.metonym == "capital") is acts, m.metonym


@pytest.mark.parametrize("actor_id", ["human-rights-watch", "icrc", "msf", "amnesty-international"])
def test_ngos_are_organisations(actor_id):
    assert load_registry().actors[actor_id].kind == "organisation"


# a bare noun for a body named earlier with a name that ends in it stands for that body
HEAD_NOUNS = [
    ("The US-led coalition struck the depot. The bridges were hit by coalition air strikes.",
     "coalition", "global-coalition"),
    ("U.S. Central Command announced the strikes on Monday. The command said all aircraft returned.",
     "The command", "phoenix:united-states-military"),
    ("Airmen of the 112th Fighter Wing arrived at the base. The wing will fly strike missions.",
     "The wing", "112th Fighter Wing"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,antecedent", HEAD_NOUNS, ids=[r[1] for r in HEAD_NOUNS])
def test_head_noun_stands_for_the_body(nlp, text, surface, antecedent):
    found = actors(nlp, text)
    m = next((x for x in found if x.text == surface and x.how == "coref"), None)
    assert m is not None, [(x.text, x.how) for x in found]
    assert m.actor_id == antecedent or m.name == antecedent


NOT_HEAD_NOUNS = [
    # a summit is no body, though its name ends in the noun
    ("Leaders met at the UK-France Summit on Friday. The summit ended with a statement.",
     "summit"),
    # an indefinite noun is a new body
    ("The US-led coalition met in Rome. A coalition of charities protested outside.",
     "coalition"),
]  # fmt: skip


@pytest.mark.parametrize("text,noun", NOT_HEAD_NOUNS, ids=[r[1] for r in NOT_HEAD_NOUNS])
def test_no_head_noun_link(nlp, text, noun):
    assert not [x.text for x in actors(nlp, text)
                if x.how == "coref" and x.text.lower().endswith(noun)]  # fmt: skip


# a name right after a noun for the kind of organisation it names is that organisation
KIND_NAMED = [
    ("The state news agency Sana reported blasts near the airport.", "Sana"),
    ("The dam was completed in 1956 by the German company Strabag.", "Strabag"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface", KIND_NAMED, ids=[r[1] for r in KIND_NAMED])
def test_name_after_its_kind_is_an_organisation(nlp, text, surface):
    m = find(actors(nlp, text), surface)
    assert m is not None and m.kind == "organisation" and m.country != "YEM", m


def test_capital_without_a_kind_noun_stays_the_capital(nlp):
    m = find(actors(nlp, "Sana rejected the plan on Monday."), "Sana")
    assert m is not None and m.country == "YEM"


# a longer name that holds a registry organisation is that organisation's body
WHOLE_NAMES = [
    ("U.S. Air Forces Central Command said the strikes hit two depots.",
     "U.S. Air Forces Central Command", "phoenix:united-states-military"),
    ("The Coalition’s Small Group meets to coordinate the campaign.",
     "The Coalition’s Small Group", "global-coalition"),
    ("The minister welcomed the UN Board of Inquiry’s findings on the convoy.",
     "UN Board of Inquiry", "un"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,actor_id", WHOLE_NAMES, ids=[r[1] for r in WHOLE_NAMES])
def test_longer_name_of_a_known_body(nlp, text, surface, actor_id):
    found = actors(nlp, text)
    m = find(found, surface)
    assert m is not None and m.text == surface and m.actor_id == actor_id, found
    assert not any(x.kind == "country" for x in found)


def test_kunya_leader_is_a_person(nlp):
    m = find(actors(nlp, "The group took orders from Abu Ayyub al-Masri until 2010.",
                    on="2008-01-01"), "Abu Ayyub al-Masri")  # fmt: skip
    assert m is not None and m.kind == "person" and m.actor_id == "abu-ayyub-al-masri"


# districts and villages of the region that GeoNames' city lists leave out
@pytest.mark.parametrize("name,country", [("Mezzeh", "SYR"), ("Karrada", "IRQ"),
                                          ("Dabiq", "SYR"), ("Marea", "SYR")])  # fmt: skip
def test_gazetteer_knows_region_districts(name, country):
    from mizan.gazetteer import load_gazetteer

    place = load_gazetteer().lookup(name, None)
    assert place is not None and place.country == country


# footnote marks glued to a word ("Society,[3]") are split off it
@pytest.mark.parametrize("text,word", [
    ("It was hosted by the Syrian Computer Society,[3] a state body.", "Society"),
    ("The decree was signed by Bashar al-Assad.[1] It took effect at once.", "Assad"),
])  # fmt: skip
def test_reference_marks_split_off(nlp, text, word):
    assert word in [t.text for t in nlp.tokenizer(text)]


def test_name_before_a_reference_mark(nlp):
    found = actors(nlp, "The Syrian Computer Society was founded in 1989. Servers were "
                        "assigned to the Syrian Computer Society,[3] the report said.")  # fmt: skip
    assert [m.text for m in found if "Computer" in m.text] == ["Syrian Computer Society"] * 2
