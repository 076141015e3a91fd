"""Data files are validated on load; errors name the file, the entry and the field."""

from __future__ import annotations

import pytest

from mizan.actors.registry import iter_actor_file, load_registry
from mizan.errors import DataFileError
from mizan.ontology import load_ontology
from mizan.verbs import load_verbs


@pytest.mark.parametrize(
    "yaml_text,field",
    [
        ("- {id: x, name: X, kind: martian, country: IRQ, sectors: [GOV]}", "kind"),
        ("- {id: x, name: X, kind: person, country: Iraq, sectors: [GOV]}", "country"),
        ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOVERNMENT]}", "sectors"),
        ("- {id: x, kind: person, country: IRQ}", "name"),
        (
            "- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], roles: [{title: pm, start: 2020-13-01}]}",
            "roles[0].start",
        ),
        (
            "- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], roles: [{title: pm, start: 2021-01-01, end: 2020-01-01}]}",
            "roles[0]",
        ),
        ("- {id: x, name: X, kind: person, country: IRQ, sectors: [GOV], aliases: X}", "aliases"),
    ],
)
def test_malformed_actor_entry(tmp_path, yaml_text, field):
    p = tmp_path / "people-test.yaml"
    p.write_text(yaml_text)
    with pytest.raises(DataFileError) as info:
        list(iter_actor_file(p))
    msg = str(info.value)
    assert "people-test.yaml" in msg and "entry x" in msg and repr(field) in msg


def test_registry_has_dated_offices():
    reg = load_registry()
    from datetime import date

    assert reg.holder("IRQ", "prime minister", date(2019, 11, 1))[0].id == "adel-abdul-mahdi"
    assert reg.holder("IRQ", "prime minister", date(2020, 8, 20))[0].id == "mustafa-al-kadhimi"
    assert reg.holder("IRQ", "prime minister", date(2023, 6, 1))[0].id == "mohammed-shia-al-sudani"


def test_packaged_data_loads():
    onto = load_ontology()
    assert onto.get("042").event == "CONSULT" and onto.get("042").mode == "visit"
    assert onto.get("0421").event == "CONSULT"  # unknown sub-code: the parent's facts
    assert onto.get("173").event == "COERCE" and onto.get("190").quad_class == 4
    verbs = load_verbs()
    assert verbs.entry("meet").code == "040"


def test_unknown_cameo_code_suggests():
    from mizan.errors import UnknownChoiceError

    with pytest.raises(UnknownChoiceError):
        load_ontology().get("99")


def test_petrarch_actor_dictionary_import(tmp_path):
    """A TABARI/PETRARCH actor file (our own invented entries) becomes registry entries."""
    from datetime import date

    from mizan.actors.importer import actors_from_petrarch, split_code
    from mizan.actors.registry import load_registry

    p = tmp_path / "my.actors.txt"
    p.write_text(
        "ZORBALAND [ZRB]\n"
        "+ZORBALANDIAN\n"
        "QUUX_BRIGADES_ [ZRBREBQXB]\n"
        "MARIA_EXAMPLEVA_ [ZRBGOV 180101-201231]\n"
        "+EXAMPLEVA\n"
    )
    actors = {a.name: a for a in actors_from_petrarch(p)}
    assert actors["Zorbaland"].kind == "country" and actors["Zorbaland"].country == "ZRB"
    assert (actors["Quux Brigades"].country, actors["Quux Brigades"].sectors) == ("ZRB", ("REB",))
    maria = actors["Maria Exampleva"]
    assert maria.kind == "person" and maria.role_on(date(2019, 5, 1)).sector == "GOV"
    assert maria.role_on(date(2021, 5, 1)) is None
    assert split_code("IRQGOVSHI") == ("IRQ", ["GOV", "REL"])
    reg = load_registry([p])
    hits, how = reg.lookup("Exampleva")
    assert how == "exact" and hits[0].actor_id == maria.id
