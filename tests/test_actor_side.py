"""Actor rules of the 4f round, on our own sentences: an ethnic people or minority placed by
the text in another country is of that country; "anti-"/"pro-" before a country names a side,
never a nationality; misspelt country names; a kunya alone is no match for a longer personal
name; a descriptive alias inside a longer name is not that body."""

from __future__ import annotations

import pytest

from actorhelp import actors as _actors
from actorhelp import find

xfail = pytest.mark.xfail


def actors(nlp, text: str, on: str = "2001-05-01"):
    return _actors(nlp, text, on)


# an ethnic group or minority named by a demonym takes the country the text places it in
ETHNIC = [
    ("Several hundred ethnic Hungarians rallied on Saturday in Romania.", "Hungarians", "ROU"),
    ("Police dispersed ethnic Russians who marched in central Estonia.", "Russians", "EST"),
    ("Ethnic Greek gunmen raided two villages near Albania's southern border.", "gunmen", "ALB"),
    ("The army shelled the Turkish minority in the hills of Bulgaria.", "Turkish minority", "BGR"),
    ("Troops cut the power to the Hungarian population in Slovakia.", "Hungarian population", "SVK"),
    # a people without a state of its own is a group too (agents-mizan.yaml)
    ("Hundreds of ethnic Kurds rallied in Iran on Friday, Iraqi media said.", "Kurds", "IRN"),
    # forces of a state abroad remain that state's
    ("Greek troops in Cyprus fired warning shots.", "Greek troops", "GRC"),
    # no ethnic cue: a nationality, not a people abroad
    ("Hungarian tourists were robbed in Romania.", "tourists", "HUN"),
    # the kin state named without a locating word does not move the people
    ("Ethnic Hungarians sent a petition to Romania's president.", "Hungarians", "HUN"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,country", ETHNIC, ids=[r[0][:40] for r in ETHNIC])
def test_ethnic_people_takes_the_country_it_lives_in(nlp, text, surface, country):
    m = find(actors(nlp, text), surface)
    assert m is not None and m.country == country, m


# "anti-X" and "pro-X" name a side; the country is no actor and no nationality there
STANCE = [
    ("An anti-Iraq columnist was wounded in a blast in Amman.", "columnist", "IRQ"),
    ("A pro-Russian blogger was detained in Tbilisi.", "blogger", "RUS"),
    ("Anti-Houthi tribesmen retook the pass on Sunday.", "tribesmen", "YEM"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,wrong", STANCE, ids=[r[1] for r in STANCE])
def test_stance_prefix_is_no_nationality(nlp, text, surface, wrong):
    ms = actors(nlp, text)
    m = find(ms, surface)
    assert m is not None and m.country != wrong and m.actor_id is None, m
    assert not any(x.kind == "country" and x.country == wrong for x in ms)


def test_a_group_against_an_organisation_is_not_that_organisation(nlp):
    ms = actors(nlp, "The counter-ISIL coalition struck a depot near the town.", "2016-05-01")
    m = find(ms, "coalition")
    assert m is not None and m.actor_id != "isis" and m.text.startswith("The counter-ISIL"), m
    assert not any(x.actor_id == "isis" for x in ms)


# a single proper noun a typo away from a country's name
TYPOS = [
    ("Kazakstan signed the pipeline deal on Tuesday.", "Kazakstan", "KAZ"),
    ("Lebannon closed its border crossings on Friday.", "Lebannon", "LBN"),
    pytest.param("The minister flew to Lebannon for the talks.", "Lebannon", "LBN",
                 marks=xfail(reason="a word that may join a name ('for') follows, so the name "
                                    "is not taken to stand alone")),
    ("Officials from Argentinia rejected the claim.", "Argentinia", "ARG"),
    # a spelling with the country's consonants, after "the"
    ("Troops of the Phillipines army crossed the river.", "army", "PHL"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,country", TYPOS)
def test_misspelt_country(nlp, text, surface, country):
    m = find(actors(nlp, text), surface)
    assert m is not None and m.country == country, m


# known names and places a typo away from a country stay what they are
NOT_TYPOS = [
    ("Columbia University hosted the panel.", "Columbia"),
    ("Talks resumed in Austin on Monday.", "Austin"),
    ("Senator Jordon spoke to reporters.", "Jordon"),
    ("Under General Franco the press was censored.", "Franco"),
    ("Trade across the Americas grew last year.", "Americas"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface", NOT_TYPOS, ids=[r[1] for r in NOT_TYPOS])
def test_known_word_is_no_misspelt_country(nlp, text, surface):
    m = find(actors(nlp, text), surface)
    assert m is None or m.kind != "country", m


def test_kunya_alone_is_no_match_for_a_longer_name(nlp):
    ms = actors(nlp, "Abu Musab al-Halabi claimed the bombing in a message.", "2004-06-01")
    assert not any(m.text == "Abu Musab" or m.actor_id == "phoenix:abu-musab" for m in ms)
    assert find(ms, "Halabi") is not None
    ms = actors(nlp, "Abu Musab al-Zarqawi claimed the bombing in a message.", "2004-06-01")
    m = find(ms, "Zarqawi")
    assert m is not None and m.actor_id == "abu-musab-al-zarqawi", m


def test_a_kunya_name_of_a_group_still_matches(nlp):
    m = find(actors(nlp, "Abu Sayyaf gunmen seized three tourists.", "2001-05-01"), "Abu Sayyaf")
    assert m is not None and m.actor_id is not None and "abu-sayyaf" in m.actor_id


def test_descriptive_alias_inside_a_longer_name(nlp):
    ms = actors(nlp, "The Syrian Arab Coalition met in Paris.", "2016-05-01")
    assert not any(m.actor_id == "saudi-led-coalition" for m in ms)
    m = find(ms, "Coalition")
    assert m is not None and m.country == "SYR"
    ms = actors(nlp, "The Houthis attacked the Arab coalition again.", "2016-05-01")
    assert any(m.actor_id == "saudi-led-coalition" for m in ms)


# a two-word demonym before a title or a name gives the country ("South African", "Sri Lankan")
def test_two_word_demonym_before_a_title(nlp):
    ms = actors(nlp, "The chancellor warmly greeted South African leader Piet Joubert.", "1990-03-01")
    m = find(ms, "Joubert")
    assert m is not None and m.country == "ZAF", m


# a group with no country of its own named "in <country>" is of that country; a state's forces
# abroad are not
PLACED = [
    ("The envoy met the parties in Lebanon on Tuesday.", "parties", "LBN"),
    ("Fighters in Chad seized a convoy near the border.", "Fighters", "TCD"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,country", PLACED, ids=[r[1] for r in PLACED])
def test_group_placed_in_a_country(nlp, text, surface, country):
    m = find(actors(nlp, text, "1995-03-01"), surface)
    assert m is not None and m.country == country, m


# registry facts: Northern Ireland is part of the UK; Phoenix's generic codes are overridden
REGISTRY = [
    ("Unionists in Northern Ireland opposed the plan.", "Northern Ireland", "GBR"),
    ("The Islamic Salvation Front called a general strike.", "Islamic Salvation Front", "DZA"),
    ("The Revolutionary United Front released the hostages.", "Revolutionary United Front", "SLE"),
    ("MILF commanders agreed to a truce with the army.", "MILF", "PHL"),
    ("The LTTE shelled an army camp near Jaffna.", "LTTE", "LKA"),
    ("Kampuchean refugees crossed the border at dawn.", "Kampuchean refugees", "KHM"),
    ("Bouteflika promised a referendum on the amnesty.", "Bouteflika", "DZA"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,country", REGISTRY, ids=[r[1] for r in REGISTRY])
def test_registry_country(nlp, text, surface, country):
    m = find(actors(nlp, text, "1995-03-01"), surface)
    assert m is not None and m.country == country, m


@pytest.mark.parametrize("value", [None, {"min_chars": 7}, {"min_chars": "seven", "long_chars": 9,
                                                             "short_distance": 1, "long_distance": 2}])
def test_country_typos_settings_are_validated(value):
    from mizan.actors.cues import _typos
    from mizan.errors import DataFileError

    with pytest.raises(DataFileError, match="country_typos"):
        _typos({"country_typos": value}, "cues.yaml")
