"""Cue words of the actor stage (``data/actors/cues.yaml``), validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..datafiles import cached, load_yaml, package_file
from ..errors import DataFileError
from ..ontology import SECTORS


@dataclass(frozen=True)
class Cues:
    pronouns: dict[str, str]  # word → f | m
    country_nouns: frozenset[str]
    place_verbs: frozenset[str]
    government_nouns: frozenset[str]
    descriptors: dict[str, str]  # word → PLOVER sector
    group_nouns: frozenset[str]
    head_titles: tuple[str, ...]
    first_person: frozenset[str]
    first_person_plural: frozenset[str]
    speech_verbs: frozenset[str]
    plural_pronouns: frozenset[str]
    stance_words: frozenset[str]
    led_words: frozenset[str] = frozenset()  # "Vietnamese-led forces": the leader's forces
    other_office: frozenset[str] = frozenset()  # "deputy", "former": not the office-holder
    person_nouns: frozenset[str] = frozenset()  # heads of a description of a person
    rank_abbreviations: frozenset[str] = frozenset()  # "Col", "Lt", "Gen" (without the dot)
    operation_words: frozenset[str] = frozenset()  # "Operation Steel Curtain": an event
    vessel_prefixes: frozenset[str] = frozenset()  # "USS Mahan": a ship
    alias_phrases: tuple[tuple[str, ...], ...] = ()  # "also known as": the next name is an alias
    statement_verbs: frozenset[str] = frozenset()  # "condemns", "welcomes": an institution speaks
    machine_nouns: frozenset[str] = frozenset()  # "fighter aircraft": no actor
    individual_nouns: frozenset[str] = frozenset()  # "a soldier", "one man": one person
    organisation_anaphors: frozenset[str] = frozenset()  # "the group": the organisation before
    document_nouns: frozenset[str] = frozenset()  # "the Geneva Communique": a text
    collective_nouns: frozenset[str] = frozenset()  # "a group of", "hundreds of": people
    stance_prefixes: frozenset[str] = frozenset()  # "anti-", "pro-": a side, not a nationality
    kunya_words: frozenset[str] = frozenset()  # "Abu", "Umm": a name's first part, alone
    ethnic_words: frozenset[str] = frozenset()  # "ethnic Albanians": a people, not a state
    people_nouns: frozenset[str] = frozenset()  # "the Albanian population", "the Turkish minority"
    locating_words: frozenset[str] = frozenset()  # "in", "near": where a people lives or acts
    country_typos: tuple[int, int, int, int] = (6, 9, 1, 2)  # min, long, short/long distance
    evaluative_words: frozenset[str] = frozenset()  # "the brutal regime": no kind of group
    gathering_nouns: frozenset[str] = frozenset()  # "the Manama Dialogue": a gathering
    not_agents: frozenset[str] = frozenset()  # "religion", "barracks": no body of people
    party_nouns: frozenset[str] = frozenset()  # "Turkey is a key player": a party, no place
    unit_nouns: frozenset[str] = frozenset()  # "the 158th Fighter Wing": a military unit
    unit_designators: frozenset[str] = frozenset()  # "CTF 50": a unit's number follows


def _words(raw: dict[str, Any], key: str, path: object) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(path, "must be a list of words", None, key)
    return frozenset(v.lower() for v in value)


TYPO_FIELDS = ("min_chars", "long_chars", "short_distance", "long_distance")


def _typos(raw: dict[str, Any], path: object) -> tuple[int, int, int, int]:
    value = raw.get("country_typos")
    if not isinstance(value, dict):
        raise DataFileError(path, f"must map {', '.join(TYPO_FIELDS)} to numbers", None,
                            "country_typos")  # fmt: skip
    for f in TYPO_FIELDS:
        if not isinstance(value.get(f), int) or value[f] < 0:
            raise DataFileError(path, f"{value.get(f)!r} is not a count", "country_typos", f)
    a, b, c, d = (int(value[f]) for f in TYPO_FIELDS)
    return a, b, c, d


def _build() -> Cues:
    path = package_file("actors", "cues.yaml")
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(path, "cues.yaml must be a mapping")
    pronouns = raw.get("pronouns")
    if not isinstance(pronouns, dict) or any(v not in ("f", "m") for v in pronouns.values()):
        raise DataFileError(path, "must map each pronoun to f or m", None, "pronouns")
    descriptors = raw.get("descriptors")
    if not isinstance(descriptors, dict):
        raise DataFileError(path, "must map words to PLOVER sectors", None, "descriptors")
    for word, sector in descriptors.items():
        if sector not in SECTORS:
            raise DataFileError(
                path, f"{sector!r} is not a PLOVER sector; valid: {' '.join(SECTORS)}",
                "descriptors", str(word),
            )  # fmt: skip
    return Cues(
        pronouns={str(k).lower(): str(v) for k, v in pronouns.items()},
        country_nouns=_words(raw, "country_nouns", path),
        place_verbs=_words(raw, "place_verbs", path),
        government_nouns=_words(raw, "government_nouns", path),
        descriptors={str(k).lower(): str(v) for k, v in descriptors.items()},
        group_nouns=_words(raw, "group_nouns", path),
        head_titles=tuple(sorted(_words(raw, "head_titles", path))),
        first_person=_words(raw, "first_person", path),
        first_person_plural=_words(raw, "first_person_plural", path),
        speech_verbs=_words(raw, "speech_verbs", path),
        statement_verbs=_words(raw, "statement_verbs", path),
        machine_nouns=_words(raw, "machine_nouns", path),
        individual_nouns=_words(raw, "individual_nouns", path),
        organisation_anaphors=_words(raw, "organisation_anaphors", path),
        document_nouns=_words(raw, "document_nouns", path),
        collective_nouns=_words(raw, "collective_nouns", path),
        stance_prefixes=_words(raw, "stance_prefixes", path),
        kunya_words=_words(raw, "kunya_words", path),
        ethnic_words=_words(raw, "ethnic_words", path),
        people_nouns=_words(raw, "people_nouns", path),
        locating_words=_words(raw, "locating_words", path),
        country_typos=_typos(raw, path),
        unit_nouns=_words(raw, "unit_nouns", path),
        party_nouns=_words(raw, "party_nouns", path),
        not_agents=_words(raw, "not_agents", path),
        gathering_nouns=_words(raw, "gathering_nouns", path),
        evaluative_words=_words(raw, "evaluative_words", path),
        unit_designators=_words(raw, "unit_designators", path),
        plural_pronouns=_words(raw, "plural_pronouns", path),
        stance_words=_words(raw, "stance_words", path),
        led_words=_words(raw, "led_words", path),
        other_office=_words(raw, "other_office", path),
        person_nouns=_words(raw, "person_nouns", path),
        operation_words=_words(raw, "operation_words", path),
        rank_abbreviations=_words(raw, "rank_abbreviations", path),
        vessel_prefixes=_words(raw, "vessel_prefixes", path),
        alias_phrases=tuple(sorted((tuple(p.split()) for p in _words(raw, "alias_phrases", path)),
                                   key=len, reverse=True)),  # fmt: skip
    )


def load_cues() -> Cues:
    return cached("actor-cues", [package_file("actors", "cues.yaml")], _build)
