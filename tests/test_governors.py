"""Governors and derived codes (pure logic on the packaged data) and the validation of the
coder's data files: errors name the file, the entry and the field."""

from __future__ import annotations

import pytest

from mizan.errors import DataFileError
from mizan.governors import build_governors, load_governors


@pytest.mark.parametrize(
    "table,code,expected",
    [
        ("intent", "042", "036"),  # "will visit" → intent to meet
        ("intent", "0731", "0333"),  # humanitarian aid → intent to give humanitarian aid
        ("intent", "190", "1384"),  # an intent to use force is a threat
        ("threat", "1723", "1323"),  # threatened to impose a curfew
        ("threat", "163", "1312"),  # threatened sanctions
        ("refusal", "042", "125"),  # refused to meet
        ("refusal", "071", "1221"),
        ("refusal", "190", "negated"),  # "refused to attack" is no REJECT
        ("demand", "0872", "1056"),  # demanded the withdrawal
        ("appeal", "070", "023"),
        ("appeal", "190", "020"),
    ],
)
def test_derived_codes(table, code, expected):
    assert load_governors().derive(table, code) == expected


def test_governor_classes():
    g = load_governors()
    assert g.of("agree").name == "intent"
    assert g.of("say").transparent and g.of("plan").modality == "future"
    assert g.of("call") is None and g.of("call", {"on"}).derive == "appeal"
    assert g.of("undertake").light_objects


def _write(tmp_path, governors, derived):
    gp, dp = tmp_path / "governors.yaml", tmp_path / "derived.yaml"
    gp.write_text(governors)
    dp.write_text(derived)
    return gp, dp


DERIVED_OK = 'intent: {codes: {"04": "036"}, other: null}\n'


@pytest.mark.parametrize(
    "governors,derived,entry,field",
    [
        ("classes: {x: {derive: nope, lemmas: [a]}}\n", DERIVED_OK, "x", "derive"),
        ("classes: {x: {derive: intent, code: 30, lemmas: [a]}}\n", DERIVED_OK, "x", "code"),
        ("classes: {x: {transparent: true}}\n", DERIVED_OK, "x", "lemmas"),
        ("classes: {x: {modality: someday, lemmas: [a]}}\n", DERIVED_OK, "x", "modality"),
        ("classes: {x: {lemmas: [a]}}\n", 'intent: {codes: {"04": "999"}}\n', "intent",
         "codes.04"),
    ],
)
def test_bad_governor_files_name_the_field(tmp_path, governors, derived, entry, field):
    gp, dp = _write(tmp_path, governors, derived)
    with pytest.raises(DataFileError) as info:
        build_governors(gp, dp)
    msg = str(info.value)
    assert f"entry {entry}" in msg and repr(field) in msg


@pytest.mark.parametrize(
    "block,field",
    [
        ("{verb: X, code: '040', lemmas: [x], patterns: [{after: [on]}]}", "patterns[1].after"),
        ("{verb: X, code: 40, lemmas: [x]}", "code"),
        ("{verb: X, code: '040', lemmas: [x], by_sector: {gov: '141'}}", "by_sector.gov"),
        ("{verb: X, code: '040', lemmas: []}", "lemmas"),
    ],
)
def test_bad_verb_blocks_name_the_field(tmp_path, block, field):
    from mizan.datafiles import load_yaml
    from mizan.verbs import VerbDictionary, merge_verb_file

    p = tmp_path / "verbs.yaml"
    p.write_text(f"blocks:\n  - {block}\n")
    with pytest.raises(DataFileError) as info:
        merge_verb_file(VerbDictionary(), p, load_yaml(p))
    assert "entry X" in str(info.value) and repr(field) in str(info.value)


def test_nearest_pattern_wins_a_tie():
    from mizan.verbs import Pattern, VerbEntry, match_verb

    entry = VerbEntry("stop", None, None, "STOP", "t", [
        Pattern((frozenset({"strike"}),), (), "087", None, "STOP", "t"),
        Pattern((frozenset({"work"}),), (), "143", None, "STOP", "t"),
    ])  # fmt: skip
    after = [("work", "work"), ("on", "on"), ("first", "first"), ("strike", "strike")]
    assert match_verb(entry, [], after).code == "143"
