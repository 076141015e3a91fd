"""The issue's seed targets: every listed actor of the founding report resolves with the
right country and sector on 2020-08-28, and all its surface forms are merged into one actor.
Reads the seed by path (skipped where ../shared is absent)."""

from __future__ import annotations

from datetime import date

import pytest

# (registry id or None for an unknown actor, name, country, sectors accepted, surface forms)
TARGETS = [
    ("mustafa-al-kadhimi", "Mustafa al-Kadhimi", "IRQ", {"GOV"},
     ["Al-Kazemi", "Mustafa Al-Kazemi", "Mustafa al-Kazemi", "Iraqi prime minister"]),
    ("donald-trump", "Donald Trump", "USA", {"GOV"}, ["President Trump"]),
    ("abdullah-ii", "Abdullah II", "JOR", {"GOV"}, ["King Abdullah II"]),
    ("abdel-fattah-el-sisi", "Abdel Fattah el-Sisi", "EGY", {"GOV"},
     ["Abdel Fattah Al-Sisi", "Abdel Fattah El-Sisi"]),
    ("florence-parly", "Florence Parly", "FRA", {"GOV"}, ["Florence Parly", "Parly"]),
    ("faisal-bin-farhan", "Faisal bin Farhan", "SAU", {"GOV"},
     ["Faisal bin Farhan", "Saudi Foreign Minister"]),
    ("juma-inad", "Juma Inad", "IRQ", {"GOV"}, ["Jumah Anad"]),
    ("othman-al-ghanimi", "Othman al-Ghanimi", "IRQ", {"GOV"}, ["Othman Al-Ghanimi", "Al-Ghanimi"]),
    ("falih-al-fayyadh", "Falih al-Fayyadh", "IRQ", {"PRM"},
     ["Faleh Al-Fayadh", "Haj Al-Fayyad", "Al-Fayyad"]),
    ("hadi-al-amiri", "Hadi al-Amiri", "IRQ", {"PRM", "PTY"}, ["Hajj Al-Amiri", "Hajj Al-Ameri"]),
    ("nouri-al-maliki", "Nouri al-Maliki", "IRQ", {"PTY"}, ["Hajj Al-Maliki"]),
    ("haider-al-abadi", "Haider al-Abadi", "IRQ", {"PTY"}, ["Dr. Al-Abadi"]),
    (None, "Reham Yaqoub", "IRQ", {"CVL"}, ["Reham Yaqoub", "Raham Yaqoub"]),
    ("ismail-qaani", "Ismail Qaani", "IRN", {"MIL"}, ["Ismail Qaani"]),
    ("pmf", "Popular Mobilization Forces", "IRQ", {"PRM"},
     ["Popular Mobilization", "Popular Mobilization Forces"]),
    ("emmanuel-macron", "Emmanuel Macron", "FRA", {"GOV"}, ["Macron"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def seed_actors(shared, nlp):
    from mizan.actors.listing import actors_in
    from mizan.documents import Document

    text = (shared / "seed" / "kazemi-policy-analysis.txt").read_text(encoding="utf-8")
    return actors_in([Document(text=text, id="seed", date=date(2020, 8, 28))], nlp)


@pytest.mark.parametrize(
    "actor_id,name,country,sectors,forms", TARGETS, ids=[t[1] for t in TARGETS]
)
def test_seed_actor(seed_actors, actor_id, name, country, sectors, forms):
    if actor_id is None:
        found = [s for s in seed_actors if s.id is None and s.name.split()[-1] in name]
    else:
        found = [s for s in seed_actors if s.id == actor_id]
    assert len(found) == 1, f"{name}: {[(s.name, s.id) for s in found]}"
    s = found[0]
    assert s.country == country and s.sector in sectors, (s.country, s.sector)
    for form in forms:
        assert any(form in text for text in s.mentions), (form, s.mentions)
