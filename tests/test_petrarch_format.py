"""The PETRARCH/TABARI dictionary readers, on small invented snippets and on the real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mizan.dictionaries.petrarch import (
    parse_code,
    read_actors,
    read_agents,
    read_discards,
    read_verbs,
    verbs_to_mizan,
)

SHARED = Path("/work/shared/data/cameo-dictionaries")

VERBS = """\
# an invented verb dictionary in PETRARCH format
####### SYNONYM SETS #######

&VESSEL_
+BOAT
+FERRY_
+CARGO_SHIP

&HELPER
# helpers of all kinds
+MEDIC
+RESCUE_WORKER

####### VERB PATTERNS #######

---  SAIL   [---]  ---
SAIL {SAILS SAILED SAILING}
+CAST_OFF {+CASTS_OFF +CASTING_OFF} [043]
STEER [044]   # steering is a meeting, why not
- * (TO {NEUTRAL PORT})                              [044:044]     # SAIL
- * &VESSEL (FOR TALKS)                              [046]         # STEER
- COAST_GUARD *                                      [---]         # SAIL
- * (FROM ^) (TO +)                                  [:042]        # SAIL
- $ * BY/WITH &HELPER                                [073]         # SAIL

---  GREET   [051:051]  ---
GREET
WAVE {WAVES WAVED WAVING};old style comment
- * * TWICE                                          [051]         # GREET
- * (WARMLY                                          [051]         # GREET
- * HANDS [051]
- * HANDS [051]
- * &MISSING                                         [051]         # GREET
- * FLAG                                             [051!]        # WAVE
~ a (a b SAIL) GREET = a b 044
"""

ACTORS = """\
# invented actor entries in TABARI format
FREEDONIA_  [FRD]
+FREEDONIAN_
+REPUBLIC_OF_FREEDONIA

RUFUS_T_FIREFLY_  # a made-up leader
+PRESIDENT_FIREFLY
\t[FRDELI 450101-991231]
\t[FRDGOV 000101-20021231]
\t[FRDELI >20030101]
TRENTINO_OF_SYLVANIA
AMBASSADOR_TRENTINO
\t[SYLGOV <150630]
\t[---]
CHICOLINI_ [FRDCRM 20010101]
"""

AGENTS = """\
# invented agents
!CREW! = SAILOR, SAILORS, DECKHAND
!OFFIC! = OFFICER, OFFICERS, OFFICE, OFFICES
HARBOUR_PILOT [~BUS]
HARBOUR!CREW! [~LAB]
LIFEBOAT_VOLUNTEER {LIFEBOAT_VOLUNTEERS} [~CVL]
PORT_AUTHORITY_OFFIC [~GOVBUS]
LIGHTHOUSE_KEEPER
TRUCE_OBSERVER [IGO~]
QUAY_GUARD {} [ ~COP]
"""


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the first line of ``text`` containing ``fragment``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def verbs(tmp_path):
    return read_verbs(write(tmp_path, "verbs.txt", VERBS))


def test_parse_code():
    assert parse_code("---") == (None, None, None)
    assert parse_code("042") == ("042", None, None)
    assert parse_code("036:036") == ("036", "036", None)
    assert parse_code(":020") == (None, "020", None)
    code, rev, problem = parse_code("080!")
    assert (code, rev) == ("080", None) and problem
    assert parse_code("abc")[2].startswith("bad code")
    # PETRARCH's variants of a code end in one letter; its own tests tell them apart
    assert parse_code("174K") == ("174K", None, None)
    assert parse_code("032:033b") == ("032", "033b", None)
    assert parse_code("0A")[2].startswith("bad code")


def test_synsets(verbs):
    assert verbs.synsets == {
        "vessel": ["boat", "ferry", "cargo ship"],
        "helper": ["medic", "rescue worker"],
    }


def test_blocks_and_lemmas(verbs):
    assert [b.verb for b in verbs.blocks] == ["SAIL", "GREET"]
    sail = verbs.block("SAIL")
    assert (sail.code, sail.reverse) == (None, None)
    lemmas = {lem.lemma: lem for lem in sail.lemmas}
    assert set(lemmas) == {"sail", "cast off", "steer"}
    assert lemmas["sail"].forms == ["sails", "sailed", "sailing"]
    assert not lemmas["sail"].has_code
    assert lemmas["cast off"].code == "043" and lemmas["cast off"].forms == [
        "casts off",
        "casting off",
    ]
    assert lemmas["steer"].code == "044"
    greet = verbs.block("GREET")
    assert (greet.code, greet.reverse) == ("051", "051")
    assert [lem.lemma for lem in greet.lemmas] == ["greet", "wave"]  # ';' comment stripped
    assert verbs.irregular_forms()["casting off"] == "cast off"
    assert verbs.transformations == ["~ a (a b SAIL) GREET = a b 044"]


def test_patterns(verbs):
    pats = verbs.block("SAIL").patterns
    assert (pats[0].after, pats[0].code, pats[0].reverse) == (
        ["to", "neutral", "port"],
        "044",
        "044",
    )
    assert pats[0].origin == "sail"
    assert pats[1].after == ["&vessel", "for", "talks"]
    # underscore-connected words must be adjacent: they stay joined
    assert (pats[2].before, pats[2].after, pats[2].code) == (["coast_guard"], [], None)
    assert (pats[3].after, pats[3].code, pats[3].reverse) == (["from", "to"], None, "042")
    assert pats[3].roles == {"target": "after"}
    # slash alternatives give one pattern each; '$' before the verb marks the source
    assert [p.after for p in pats[4:]] == [["by", "&helper"], ["with", "&helper"]]
    assert pats[4].roles == {"source": "before"}


def test_malformed_lines_warn(verbs):
    def warning_at(fragment: str) -> str:
        where = f"verbs.txt:{line_of(VERBS, fragment)}:"
        found = [w for w in verbs.warnings if w.startswith(where)]
        assert found, f"no warning for {where} in {verbs.warnings}"
        return found[0]

    assert "2 '*'" in warning_at("* * TWICE")
    assert "unclosed '('" in warning_at("(WARMLY")
    assert "stray characters" in warning_at("[051!]")  # kept as 051, but reported
    assert "undefined synset &missing" in warning_at("&MISSING")
    assert len(verbs.warnings) == 4
    greet = verbs.block("GREET")
    assert [p.after for p in greet.patterns] == [["hands"], ["hands"], ["&missing"], ["flag"]]


def test_verbs_to_mizan(verbs):
    notes: list[str] = []
    data = verbs_to_mizan(verbs, notes=notes)
    assert list(data["synsets"]) == ["helper", "vessel"]
    greet, sail = data["blocks"]  # sorted by name
    assert greet["source"] == "cameo-2.0" and greet["code"] == "051"
    assert greet["patterns"] == [
        {"after": ["hands"], "code": "051"},
        {"after": ["flag"], "code": "051"},
    ]  # duplicate and undefined-synset patterns dropped
    assert {"lemma": "sail", "forms": ["sailed", "sailing", "sails"]} in sail["lemmas"]
    assert {"before": ["coast_guard"], "code": None} in sail["patterns"]
    assert {"after": ["from", "to"], "code": None, "reverse": "042",
            "roles": {"target": "after"}} in sail["patterns"]  # fmt: skip
    assert any("repeated patterns" in n for n in notes)
    assert any("undefined synset &missing" in n for n in notes)


def test_read_actors(tmp_path):
    d = read_actors(write(tmp_path, "actors.txt", ACTORS))
    by_name = {e.names[0]: e for e in d.entries}
    assert by_name["FREEDONIA"].names == ["FREEDONIA", "FREEDONIAN", "REPUBLIC OF FREEDONIA"]
    assert [c.code for c in by_name["FREEDONIA"].codes] == ["FRD"]
    firefly = by_name["RUFUS T FIREFLY"]
    assert firefly.names == ["RUFUS T FIREFLY", "PRESIDENT FIREFLY"]
    assert firefly.comment == "a made-up leader"
    assert [(c.code, c.start, c.end) for c in firefly.codes] == [
        ("FRDELI", date(1945, 1, 1), date(1999, 12, 31)),  # YYMMDD: years up to 30 are 20xx
        ("FRDGOV", date(2000, 1, 1), date(2002, 12, 31)),  # mixed with YYYYMMDD
        ("FRDELI", date(2003, 1, 1), None),
    ]
    # two head lines without codes share the codes that follow them
    for name in ("TRENTINO OF SYLVANIA", "AMBASSADOR TRENTINO"):
        assert [(c.code, c.start, c.end) for c in by_name[name].codes] == [
            ("SYLGOV", None, date(2015, 6, 30)),
            (None, None, None),
        ]
    chico = by_name["CHICOLINI"]
    assert (chico.codes[0].code, chico.codes[0].start) == ("FRDCRM", date(2001, 1, 1))
    where = f"actors.txt:{line_of(ACTORS, 'CHICOLINI')}:"
    assert [w for w in d.warnings if w.startswith(where)]
    assert len(d.warnings) == 1


def test_read_agents(tmp_path):
    d = read_agents(write(tmp_path, "agents.txt", AGENTS))
    words = d.words
    assert words["harbour pilot"] == "BUS"
    assert words["harboursailor"] == "LAB" and words["harbourdeckhand"] == "LAB"
    assert words["lifeboat volunteers"] == "CVL"  # plural from braces
    # a final stem that starts every member of a substitution set is expanded to them
    assert words["port authority officer"] == "GOVBUS"
    assert words["port authority offices"] == "GOVBUS"
    assert "port authority offic" not in words
    assert words["truce observer"] == "IGO"
    entry = next(e for e in d.entries if e.word == "truce observer")
    assert entry.prefix and entry.codes == ["IGO"]
    assert next(e for e in d.entries if e.word == "port authority officer").codes == ["GOV", "BUS"]
    assert words["quay guard"] == "COP"  # spaces inside the brackets
    assert "lighthouse keeper" not in words
    assert d.warnings and d.warnings[0].startswith(f"agents.txt:{line_of(AGENTS, 'LIGHTHOUSE')}:")


def test_read_discards(tmp_path):
    path = write(tmp_path, "discards.txt", "# sports\nPENALTY SHOOTOUT  # x\n+GRAND_SLAM\n\n")
    discards, warnings = read_discards(path)
    assert [(x.phrase, x.story) for x in discards] == [
        ("penalty shootout", False),
        ("grand slam", True),
    ]
    assert warnings == []


def test_suite_discards_keep_story_level_apart(tmp_path, nlp):
    """A sentence-level discard rules out its own clause; a story-level one ('+') the whole
    sentence wherever it stands."""
    from mizan.governors import load_governors
    from mizan.stages.triggers import TriggerFinder
    from mizan.verbs import VerbDictionary, suite_discards

    path = write(tmp_path, "discards.txt", "CHESS MATCH\n+HURRICANE\n")
    assert suite_discards(path) == (("chess", "match"),)
    assert suite_discards(path, story=True) == (("hurricane",),)
    verbs = VerbDictionary(discards=suite_discards(path),
                           story_discards=suite_discards(path, story=True))  # fmt: skip
    finder = TriggerFinder(verbs, load_governors())
    below = next(nlp("Police detained ten fans for cheering at a chess match in Tabriz.").sents)
    assert finder.blocked(below) is not None  # the detention stays
    story = next(nlp("Police detained ten men after the hurricane had passed.").sents)
    assert finder.blocked(story) is None


@pytest.mark.shared
def test_real_cameo_verbs():
    path = SHARED / "CAMEO.2.0.txt"
    if not path.exists():
        pytest.skip("shared CAMEO dictionary not available")
    d = read_verbs(path)
    assert len(d.blocks) > 300
    assert d.n_patterns > 4000
    assert len(d.synsets) >= 35
    meet = d.blocks_with_lemma("meet")
    assert meet and meet[0].code == "040"
    visit = d.block("VISIT")
    assert (visit.code, visit.reverse) == ("042", "043")
    assert len(d.warnings) < 20
    data = verbs_to_mizan(d)
    assert all(b["lemmas"] for b in data["blocks"])
    assert all(isinstance(b["code"], (str, type(None))) for b in data["blocks"])


@pytest.mark.shared
def test_real_agents_and_actors():
    agents, countries = SHARED / "Phoenix.agents.txt", SHARED / "Phoenix.Countries.actors.txt"
    if not agents.exists() or not countries.exists():
        pytest.skip("shared Phoenix dictionaries not available")
    words = read_agents(agents).words
    assert words["police"] == "COP" and words["policemen"] == "COP"
    d = read_actors(countries)
    assert len(d.entries) > 15000
    maliki = next(e for e in d.entries if e.names[0] == "NURI AL MALIKI")
    assert any(c.code == "IRQGOV" and c.start == date(2006, 5, 20) for c in maliki.codes)


def entry_of(tmp_path: Path, text: str, verb: str):
    """The entry of ``verb`` in a PETRARCH verbs file of ``text``, built as mizan builds it."""
    from mizan.datafiles import package_file
    from mizan.verbs import build_dictionary

    path = write(tmp_path, "verbs.txt", text)
    d = build_dictionary([(path, verbs_to_mizan(read_verbs(path)))], package_file("verbs"),
                         nouns=False)  # fmt: skip
    entry = d.entry(verb)
    assert entry is not None
    return entry


def test_connected_words_are_adjacent(tmp_path):
    """An underscore joins pattern words that must follow each other; a space lets words
    come between them."""
    from mizan.verbs import match_verb

    entry = entry_of(tmp_path, "--- RISE [---] ---\nRISE\n- DEATH_TOTAL * [224]\n- DEATH TOLL * [223]\n",
                     "rise")  # fmt: skip

    def code(before: str) -> str | None:
        return match_verb(entry, [(w, w) for w in before.split()], []).code

    assert code("the death total has") == "224"
    assert code("the death and injury total has") is None
    assert code("the death and injury toll has") == "223"


@pytest.mark.parametrize(
    "after,expected",
    [
        ("the naval drills in the gulf", "062"),  # synset word, then the glued word
        ("the naval forces drills", None),  # glued: nothing may come between
        ("the air drills", "061"),
    ],
)
def test_synset_glued_to_a_word(tmp_path, after, expected):
    """"&SET_WORD" is the synset SET followed directly by WORD; the pattern is kept, not
    dropped as an undefined synset."""
    from mizan.verbs import match_verb

    entry = entry_of(tmp_path, "&FORCE\n+NAVAL\n+AIR\n\n--- BEGIN [---] ---\nBEGIN\n"
                     "- * &FORCE_DRILLS IN [062]\n- * &FORCE_DRILLS [061]\n", "begin")  # fmt: skip
    got = match_verb(entry, [], [(w, w) for w in after.split()]).code
    assert got == expected


@pytest.mark.parametrize(
    "after,expected",
    [
        ("ten river barges to the port", "071"),  # the whole member
        ("ten barges to the port", None),  # its last word alone is not the member
        ("ten canoes to the port", "071"),
        ("ten river and sea barges", None),  # the member's words follow each other
    ],
)
def test_synset_members_of_several_words(tmp_path, after, expected):
    """A synset member of several words ("RIVER_BARGE", "FISHING BOAT") matches only whole."""
    from mizan.verbs import match_verb

    entry = entry_of(tmp_path, "&CRAFT\n+RIVER_BARGES\n+CANOES\n+FISHING BOATS\n\n"
                     "--- LEND [---] ---\nLEND\n- * &CRAFT [071]\n", "lend")  # fmt: skip
    assert match_verb(entry, [], [(w, w) for w in after.split()]).code == expected


@pytest.mark.parametrize(
    "after,expected",
    [
        ("down the old treaty", "161"),  # the phrasal verb with the block's pattern
        ("down", "1717"),  # the phrasal verb alone
        ("the old treaty", "161"),  # the plain verb with the pattern
    ],
)
def test_block_patterns_apply_to_a_phrasal_verb(tmp_path, after, expected):
    """In a PETRARCH dictionary a block's patterns apply to its phrasal verbs as well."""
    from mizan.datafiles import package_file
    from mizan.verbs import PETRARCH_SOURCE, build_dictionary, match_verb

    text = "--- SPLIT [1717] ---\nSPLIT\n+SPLIT_DOWN\n- * TREATY [161]\n"
    path = write(tmp_path, "verbs.txt", text)
    d = build_dictionary([(path, verbs_to_mizan(read_verbs(path), PETRARCH_SOURCE + "v"))],
                         package_file("verbs"), nouns=False)  # fmt: skip
    entry = d.entry("split")
    assert entry is not None
    assert match_verb(entry, [], [(w, w) for w in after.split()]).code == expected
