"""Precision of the actor stage on our own sentences: look-alike spellings that must not
resolve, and whom a person or a people acts for (an IGO post, "of <country>", a people's
country of residence, "X-led" forces, the office held on the date)."""

from __future__ import annotations

import pytest

from actorhelp import actors, find
from mizan.actors.registry import plausible_spelling

xfail = pytest.mark.xfail


# a word that only shares its consonants with a registry name is not that actor
NOT_ACTORS = [
    ("Settlers clashed with farmers in the West Bank on Friday.", "Bank", "mike-pence"),
    ("The Associated Press reported the clash first.", "Press", "shimon-peres"),
    ("Activist Karim Sidhoum went on hunger strike in Oran.", "Sidhoum", "saddam-hussein"),
    ("A statement by the Liberation Tigers denied the report.", "Tigers", "phoenix:tigers"),
    ("Boats sailed down the Tigris past the old palace.", "Tigris", "phoenix:tigers"),
    ("Hundreds gathered in Sydney to mark the anniversary.", "Sydney", "mohammed-shia-al-sudani"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,wrong", NOT_ACTORS, ids=[r[1] for r in NOT_ACTORS])
def test_lookalike_is_not_that_actor(nlp, text, surface, wrong):
    m = find(actors(nlp, text), surface)
    assert m is None or m.actor_id != wrong


SPELLING_PAIRS = [
    ("mustafa kazemi", "mustafa kadhimi", True),
    ("faleh fayadh", "falih fayyadh", True),
    ("abdelaziz bouteflicka", "abdelaziz bouteflika", True),
    ("fayyad", "fayyadh", True),
    ("bank", "pence", False),
    ("sidhoum", "saddam", False),
    ("ubaydi", "abadi", False),
    ("sydney", "sudani", False),
    ("press", "peres", False),
]  # fmt: skip


@pytest.mark.parametrize(
    "key,alias,ok", SPELLING_PAIRS, ids=[f"{a}~{b}" for a, b, _ in SPELLING_PAIRS]
)
def test_plausible_spelling(key, alias, ok):
    assert plausible_spelling(key, alias) is ok


AFFILIATION = [
    # an international post: the organisation, not the nationality
    ("UN envoy Diego Cordovez met the rebel leaders in Peshawar.", "1988-04-01", "Diego Cordovez", "UNO"),
    ("Arab League Secretary-General Amr Moussa condemned the raid.", "2006-07-15", "Amr Moussa", "IGO"),
    ("Kofi Annan urged both sides to return to the table.", "2000-06-01", "Kofi Annan", "UNO"),
    # "of <country>" after a name the registry does not know
    ("President Tommy Remengesau of Palau welcomed the fishing ban.", "2015-01-10", "Tommy Remengesau", "PLW"),
    # a people's country of residence
    ("Bosnian Croats rallied in Mostar against the new law.", "1996-05-01", "Croats", "BIH"),
    ("Ethnic Uzbeks in Kyrgyzstan fled towards the border.", "2010-06-12", "Uzbeks", "KGZ"),
    ("The Armenians of Lebanon voted for the bloc.", "2018-05-06", "Armenians", "LBN"),
    ("Syrians in Turkey marched to the consulate.", "2019-03-15", "Syrians", "SYR"),
    # forces led by a country
    ("Turkish-led forces shelled the hills above the town.", "2018-06-13", "forces", "TUR"),
    pytest.param("The Saudi-led coalition struck the port again.", "2018-06-13", "coalition", "SAU",
                 marks=xfail(reason="a bare 'coalition' is no agent noun: parties or armies?")),
    ("The European Community lifted the embargo.", "1991-04-15", "European Community", "EUR"),
]  # fmt: skip


@pytest.mark.parametrize("text,on,surface,country", AFFILIATION)
def test_whom_an_actor_acts_for(nlp, text, on, surface, country):
    m = find(actors(nlp, text, on), surface)
    assert m is not None and m.country == country, m


OTHER_OFFICE = [
    ("Iraq's deputy foreign minister met the envoy in Baghdad.", "deputy foreign minister", "GOV"),
    ("The former Iraqi prime minister criticised the budget.", "former Iraqi prime minister", "ELI"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,sector", OTHER_OFFICE, ids=[r[1] for r in OTHER_OFFICE])
def test_deputy_or_former_is_not_the_office_holder(nlp, text, surface, sector):
    m = find(actors(nlp, text), surface)
    assert m is not None and m.actor_id is None and m.sector == sector and m.country == "IRQ"


SAME_ACTOR = [
    # a description in apposition to a named person (and no look-alike: the Phoenix
    # underlay's Sami Haddad is someone else)
    ("Colonel Samir Haddad, the brigade commander, said the road was open.", "Samir Haddad",
     "commander"),
    # a name in brackets after an organisation
    ("Jaish al-Mahdi (Army of the Guided One) clashed with police in Kufa.", "Jaish al-Mahdi",
     "Army of the Guided One"),
    # an acronym in brackets, and its later use
    ("The Basra Water Board (BWB) cut supplies. Engineers of the BWB blamed the heat.",
     "Basra Water Board", "BWB"),
]  # fmt: skip


@pytest.mark.parametrize("text,name,other", SAME_ACTOR, ids=[r[2] for r in SAME_ACTOR])
def test_same_actor(nlp, text, name, other):
    ms = actors(nlp, text)
    a = find(ms, name)
    others = [m for m in ms if m.text == other]
    assert a is not None and others
    assert all((a.actor_id or a.provisional) == (b.actor_id or b.provisional) for b in others)


# an agent noun that is no actor here: the kind of a machine, a predicate, half of a
# hyphenated modifier, a modifier of another noun
NO_AGENT = [
    ("Coalition forces struck the militants using fighter and bomber aircraft.", "bomber"),
    ("Coalition forces struck the militants using fighter and bomber aircraft.", "fighter"),
    ("The navy sent a fighter jet to the gulf.", "fighter"),
    ("Ahmed Saleh was a commander in the army for ten years.", "commander"),
    ("Rebel-held districts came under fire on Sunday.", "Rebel"),
    ("Donors discussed the humanitarian and refugee crises in Iraq.", "refugee"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface", NO_AGENT, ids=[f"{r[1]}:{r[0][:30]}" for r in NO_AGENT])
def test_agent_noun_that_is_no_actor(nlp, text, surface):
    assert find(actors(nlp, text), surface) is None


def test_agent_nouns_beside_machines_stay(nlp):
    ms = actors(nlp, "Airstrikes destroyed ISIL fighters and vehicles near Hit.")
    assert find(ms, "fighters") is not None


# the sides and people of conflict news are groups with a sector
GROUPS = [
    ("The minister thanked our partners in the region.", "partners", "GOV"),
    ("Coalition service members trained the new recruits.", "service members", "MIL"),
    ("Volunteers carried the wounded to the clinic.", "Volunteers", "CVL"),
    ("The enemy shelled the checkpoint again.", "enemy", "UNK"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,sector", GROUPS, ids=[r[1] for r in GROUPS])
def test_common_noun_group(nlp, text, surface, sector):
    m = find(actors(nlp, text), surface)
    assert m is not None and m.sector == sector


def test_a_ship_named_again_is_still_a_ship(nlp):
    ms = actors(nlp, "The French frigate FS Forbin joined the task force on Monday. Forbin is "
                     "joining two U.S. ships in the Gulf.")
    assert find(ms, "Forbin") is None
