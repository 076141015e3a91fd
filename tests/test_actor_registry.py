"""The actor registry: dated offices, spellings, the Phoenix underlay, overrides, validation.

Registry-level tables (no parser): who holds an office on a date, which entry a spelling
finds, and that malformed entries are rejected with the file, the entry and the field.
"""

from __future__ import annotations

from datetime import date

import pytest

from mizan.actors.listing import who
from mizan.actors.loader import load_registry, read_file
from mizan.errors import DataFileError


@pytest.fixture(scope="module")
def reg():
    return load_registry()


D = date.fromisoformat

# (country, title, date, region or None, expected holder id)
OFFICES = [
    ("IRQ", "prime minister", "2019-11-01", None, "adel-abdul-mahdi"),
    ("IRQ", "prime minister", "2020-08-20", None, "mustafa-al-kadhimi"),
    ("IRQ", "prime minister", "2023-06-01", None, "mohammed-shia-al-sudani"),
    ("IRQ", "prime minister", "2022-10-01", None, "mustafa-al-kadhimi"),
    ("IRQ", "prime minister", "2010-03-01", None, "nouri-al-maliki"),
    ("IRQ", "prime minister", "2016-01-01", None, "haider-al-abadi"),
    ("IRQ", "interior minister", "2020-08-28", None, "othman-al-ghanimi"),
    ("IRQ", "defence minister", "2020-08-28", None, "juma-inad"),
    ("IRQ", "speaker of parliament", "2020-08-28", None, "mohamed-al-halbousi"),
    ("IRQ", "governor", "2020-08-28", "Basra", "asaad-al-eidani"),
    ("SAU", "foreign minister", "2020-08-28", None, "faisal-bin-farhan"),
    ("SAU", "foreign minister", "2016-01-01", None, "adel-al-jubeir"),
    ("FRA", "defence minister", "2020-08-28", None, "florence-parly"),
    ("FRA", "president", "2020-08-28", None, "emmanuel-macron"),
    ("USA", "president", "2020-08-28", None, "donald-trump"),
    ("USA", "president", "2022-01-01", None, "joe-biden"),
    ("JOR", "king", "2020-08-28", None, "abdullah-ii"),
    ("EGY", "president", "2020-08-28", None, "abdel-fattah-el-sisi"),
    ("GBR", "prime minister", "2020-08-28", None, "boris-johnson"),
]


@pytest.mark.parametrize("country,title,on,region,expected", OFFICES)
def test_office_holder_on_date(reg, country, title, on, region, expected):
    held = reg.holder(country, title, D(on), region=region)
    assert held is not None and held[0].id == expected


def test_sudani_before_october_2022_is_not_head_of_government(reg):
    sudani = reg.get("mohammed-shia-al-sudani")
    for on in ("2012-06-01", "2016-06-01", "2021-06-01", "2022-10-26"):
        role = sudani.role_on(D(on))
        assert role is None or role.title != "prime minister", on
    assert sudani.sector_on(D("2021-06-01")) == "LEG"  # a member of parliament then
    assert sudani.role_on(D("2023-06-01")).title == "prime minister"


@pytest.mark.parametrize(
    "actor_id,on,sector",
    [
        ("mohamed-al-halbousi", "2020-01-01", "LEG"),  # speaker: the legislature
        ("falih-al-fayyadh", "2020-08-28", "PRM"),  # PMF chairman
        ("falih-al-fayyadh", "2019-08-28", "GOV"),  # national security adviser then
        ("nouri-al-maliki", "2020-08-28", "PTY"),  # party leader, no state office
        ("nouri-al-maliki", "2008-01-01", "GOV"),  # prime minister over party leader
        ("adel-abdul-mahdi", "2021-01-01", "ELI"),  # a former official
        ("washington-post", "2020-01-01", "JRN"),  # media: PLOVER JRN, not MED
    ],
)
def test_sector_on_date(reg, actor_id, on, sector):
    assert reg.get(actor_id).sector_on(D(on)) == sector


# (spelling, expected id) — spellings the registry does not list as aliases
SPELLINGS = [
    ("Mustafa Al-Kazemi", "mustafa-al-kadhimi"),
    ("Mustafa al-Kathimi", "mustafa-al-kadhimi"),
    ("Mostafa Kazimi", "mustafa-al-kadhimi"),
    ("Faleh al-Fayyad", "falih-al-fayyadh"),
    ("Hajj Hadi al-Ameri", "hadi-al-amiri"),
    ("Mohammad Shia al Soudani", "mohammed-shia-al-sudani"),
    ("Muqtada as-Sadr", "muqtada-al-sadr"),
    ("Kataeb Hizballah", "kataib-hezbollah"),
    ("Asaib Ahl al Haq", "asaib-ahl-al-haq"),
    ("Popular Mobilisation Forces", "pmf"),
    ("Abd al-Ghani al-Asadi", "abdul-ghani-al-asadi"),
]


# international bodies missing from the Phoenix dictionaries: (name, id, country)
BODIES = [
    ("International Labor Organization", "ilo", "UNO"),
    ("APEC", "apec", "IGO"),
    ("UNESCO", "unesco", "UNO"),
    ("World Trade Organisation", "wto", "IGO"),
    ("Council of Europe", "council-of-europe", "IGO"),
    ("Economic Community of West African States", "ecowas", "IGO"),
]


@pytest.mark.parametrize("text,expected,country", BODIES)
def test_international_bodies(reg, text, expected, country):
    hits, _ = reg.lookup(text)
    assert [h.actor_id for h in hits][:1] == [expected], text
    assert reg.get(expected).country == country


@pytest.mark.parametrize("text,expected", SPELLINGS)
def test_spelling_finds_the_actor(reg, text, expected):
    hits, how = reg.lookup(text)
    if not hits:
        hits, _ = reg.fuzzy(text)
    assert {h.actor_id for h in hits} == {expected}


@pytest.mark.parametrize("text", ["Al-Asadi", "Aqaba", "Al-Saadi", "Jabouri", "Mosul city"])
def test_near_spellings_of_other_names_do_not_match(reg, text):
    hits, _ = reg.lookup(text)
    assert not hits
    assert not reg.fuzzy(text)[0]


def test_surname_alone_needs_one_person_in_office(reg):
    assert {h.actor_id for h in reg.surname("Al-Asadi")} >= {"abdul-ghani-al-asadi"}
    assert reg.surname("Abdul-Ghani al-Asadi") == []  # a full name is not a surname


def test_acronyms_only_in_capitals(reg):
    assert {h.actor_id for h in reg.lookup("IS")[0]} == {"isis"}
    assert reg.lookup("Is")[0] == [] and reg.lookup("is")[0] == []
    assert {h.actor_id for h in reg.lookup("U.N.")[0]} == {"un"}


def test_phoenix_underlay_loses_to_mizan(reg):
    """The dictionaries' stale entries do not survive: al-Sudani is not a human-rights
    minister today, Badr is not Palestinian, and nobody else claims mizan's names."""
    assert not any(k.startswith("phoenix:") and "sudani" in k and "shia" in k for k in reg.actors)
    assert {h.actor_id for h in reg.lookup("Badr Forces")[0]} == {"badr"}
    assert reg.get("badr").country == "IRQ"
    for name in ("Nouri al-Maliki", "Haider al-Abadi", "United Nations", "Hezbollah"):
        assert all(not h.actor_id.startswith("phoenix:") for h in reg.lookup(name)[0]), name
    # and the underlay still adds the world beyond mizan's own files
    under = [k for k in reg.actors if k.startswith("phoenix:")]
    assert len(under) > 20_000
    assert {reg.actors[k].kind for k in under[:2000]} >= {"person", "organisation"}
    assert reg.get("phoenix:kofi-annan") is None  # mizan has its own Kofi Annan


def test_underlay_person_names_are_no_organisation_aliases(reg):
    """The dictionaries list spokesmen and leaders among an organisation's names; a person's
    name never resolves to the organisation (it stays free for the person)."""
    for name in ("John Kirby", "Joseph Kony"):
        hits, _ = reg.lookup(name)
        assert not any(reg.get(h.actor_id).kind in ("organisation", "igo") for h in hits), name
    hits, _ = reg.lookup("Pacific Command")  # the organisation's own names stay
    assert any(h.actor_id == "phoenix:united-states-military" for h in hits)


def test_underlay_bodies_with_dated_codes_are_organisations(reg):
    """The dictionaries give dated codes to bodies too; a body is no person."""
    assert reg.get("phoenix:syrian-national-coalition").kind == "organisation"
    assert reg.get("phoenix:general-secretary-of-the-communist-party-of-the-soviet-union"
                   ).kind == "person"  # an office of a party is held by a person


@pytest.mark.parametrize("name,expected", [
    ("Northern Relief Coalition", True),
    ("Communist Party Of Atlantis", True),
    ("General Secretary Of The Workers Party", False),
    ("Omar Haddad", False),
])
def test_a_body_rule(name, expected):
    from mizan.actors.loader import _a_body

    assert _a_body(name, frozenset({"coalition", "party", "parties"})) is expected


@pytest.mark.parametrize("alias,name,expected", [
    ("Omar Haddad", "Northern Relief League", True),
    ("Omar Haddad Brigade", "Omar Haddad Brigade Movement", False),  # shares its name
    ("United Relief Front", "Northern Relief League", False),  # opens no person's name
    ("Omar", "Northern Relief League", False),  # one word
])
def test_person_name_alias_rule(alias, name, expected):
    from mizan.actors.loader import _person_name

    assert _person_name(alias, name, frozenset({"omar"})) is expected


def test_underlay_titles_are_not_actors(reg):
    hits, _ = reg.lookup("Secretary of State")
    assert not any(h.actor_id.startswith("phoenix:") for h in hits)


@pytest.mark.parametrize(
    "query,on,expected,role",
    [
        ("the Iraqi prime minister", "2019-11-01", "adel-abdul-mahdi", "prime minister"),
        ("the Iraqi prime minister", "2020-08-20", "mustafa-al-kadhimi", "prime minister"),
        ("the Iraqi prime minister", "2023-06-01", "mohammed-shia-al-sudani", "prime minister"),
        ("prime minister of Iraq", "2008-01-01", "nouri-al-maliki", "prime minister"),
        ("the Saudi foreign minister", "2020-08-28", "faisal-bin-farhan", "foreign minister"),
        ("the French Armed Forces Minister", "2020-08-28", "florence-parly", "defence minister"),
        ("governor of Basra", "2020-08-28", "asaad-al-eidani", "governor"),
        ("al-Sudani", "2021-06-01", "mohammed-shia-al-sudani", "member of parliament"),
        ("Kazemi", "2020-08-28", "mustafa-al-kadhimi", "prime minister"),
    ],
)
def test_who(reg, query, on, expected, role):
    [answer] = who(reg, query, D(on))
    assert (answer.id, answer.role) == (expected, role)


def test_who_unknown_name(reg):
    assert who(reg, "Zorbulon Quaxby", D("2020-01-01")) == []


# -- loading, overrides and validation --------------------------------------------------------
def test_overrides_file_promotes_and_rules_out(tmp_path):
    p = tmp_path / "overrides.yaml"
    p.write_text(
        "actors:\n"
        "  - {id: reham-yaqoub, name: Reham Yaqoub, kind: person, country: IRQ, sectors: [CVL],\n"
        "     aliases: [Raham Yaqoub]}\n"
        "not_actors: [Corona, Levantine]\n",
        encoding="utf-8",
    )
    reg = load_registry([p], underlay=False)
    assert {h.actor_id for h in reg.lookup("Raham Yaqoub")[0]} == {"reham-yaqoub"}
    assert reg.lookup("Corona")[0] == []
    assert "corona" in reg.not_actors


def test_later_file_overrides_an_entry(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("- {id: badr, name: Badr Organization, kind: organisation, country: IRQ,"
                 " sectors: [PTY], aliases: [Badr]}\n", encoding="utf-8")  # fmt: skip
    reg = load_registry([p], underlay=False)
    assert reg.get("badr").sectors == ("PTY",)


BAD = [
    ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], alias: [Y]}", "alias",
     "Did you mean 'aliases'"),
    ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], roles: [{title: pm, begin: 2020-01-01}]}",
     "roles[0].begin", "Valid fields"),
    ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], roles: [{title: pm, sector: GOVT}]}",
     "roles[0].sector", "PLOVER"),
    ("- {id: x, name: X, kind: person, country: IRQ, sectors: []}", "sectors", "at least one"),
    ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], gender: female}", "gender", "f or m"),
    ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], wikidata: '796'}", "wikidata", "Wikidata"),
    ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], capital: Baghdad}", "capital", "only a country"),
    ("- {id: 'x y', name: X, kind: person, country: IRQ, sectors: [GOV]}", "id", "letters"),
    ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV]}\n- {id: x, name: Y, kind: person, sectors: [GOV]}",
     "id", "twice"),
]  # fmt: skip


@pytest.mark.parametrize("yaml_text,field,words", BAD)
def test_loader_rejects_malformed_entry(tmp_path, yaml_text, field, words):
    p = tmp_path / "people-bad.yaml"
    p.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_file(p)
    msg = str(info.value)
    assert "people-bad.yaml" in msg and "entry x" in msg and repr(field) in msg and words in msg


@pytest.mark.parametrize(
    "yaml_text,field,words",
    [
        ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], affiliations: [pmff]}",
         "affiliations", "did you mean pmf"),
        ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], roles: [{title: prime ministre}]}",
         "roles[0].title", "did you mean prime minister"),
        ("- {id: x, name: X, kind: person, country: IRK, sectors: [GOV]}", "country", "not a known country"),
    ],
)  # fmt: skip
def test_registry_rejects_bad_references(tmp_path, yaml_text, field, words):
    """Cross-entry checks at build time name the file, the entry and the field too."""
    p = tmp_path / "people-refs.yaml"
    p.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_registry([p], underlay=False)
    msg = str(info.value)
    assert "people-refs.yaml" in msg and "entry x" in msg and repr(field) in msg and words in msg


def test_underlay_rejects_malformed_line(tmp_path):
    from mizan.actors.importer import read_underlay

    p = tmp_path / "under.tsv"
    p.write_text("id\tname\tkind\tcountry\tsectors\taliases\troles\tnote\n"
                 "phoenix:a\tA B\tperson\tIRQ\tGOVX\t\t\t\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataFileError) as info:
        list(read_underlay(p))
    msg = str(info.value)
    assert "under.tsv" in msg and "phoenix:a (line 2)" in msg and "'sectors'" in msg


def test_every_packaged_role_title_is_a_title(reg):
    for actor in reg.actors.primary():
        if not actor.source.endswith(".tsv"):
            for r in actor.roles:
                assert r.title in reg.titles, (actor.id, r.title)


@pytest.mark.parametrize(
    "yaml_text,words",
    [
        ("- {title: envoy, sector: GOV, aliases: [envoy], styles: [GBR]}", "map a country code"),
        ("- {title: envoy, sector: GOV, aliases: [envoy], styles: {UK: [envoy]}}", "ISO alpha-3"),
        ("- {title: envoy, sector: GOV, aliases: [envoy], style: {GBR: [envoy]}}", "style"),
    ],
)  # fmt: skip
def test_titles_loader_rejects_malformed_styles(tmp_path, yaml_text, words):
    from mizan.actors.loader import _titles

    p = tmp_path / "titles.yaml"
    p.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        list(_titles(p))
    msg = str(info.value)
    assert "titles.yaml" in msg and "envoy" in msg and words in msg
