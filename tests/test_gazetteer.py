"""The offline gazetteer: names, disambiguation, data files."""

from __future__ import annotations

import math

import pytest

from mizan.errors import DataFileError
from mizan.gazetteer import display_name, load_gazetteer, place_key
from mizan.gazetteer_build import _rows


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


# text, focus, expected (name, country, precision)
LOOKUPS = [
    ("White House", None, ("White House", "USA", "city")),  # a landmark, not Casablanca
    ("the White House", "IRQ", ("White House", "USA", "city")),
    ("Basra", "IRQ", ("Basra", "IRQ", "city")),  # the common English name, not "Basrah"
    ("Basrah", None, ("Basra", "IRQ", "city")),
    ("Mosul", None, ("Mosul", "IRQ", "city")),
    ("Samarra", None, ("Samarra", "IRQ", "city")),  # printed without diacritics
    ("Hawler", None, ("Erbil", "IRQ", "city")),  # an alternate name
    ("Falluja", None, ("Fallujah", "IRQ", "city")),
    ("Anbar", "IRQ", ("Anbar", "IRQ", "admin1")),
    ("Al-Anbar", None, ("Anbar", "IRQ", "admin1")),
    ("Salah al-Din", None, ("Salahuddin", "IRQ", "admin1")),
    ("Kurdistan Region", None, ("Kurdistan Region", "IRQ", "admin1")),
    ("Khuzestan", None, ("Khuzestan", "IRN", "admin1")),
    ("Idlib province", None, ("Idlib", "SYR", "admin1")),
    ("Iraq", None, ("Iraq", "IRQ", "country")),
    ("Britain", None, ("United Kingdom", "GBR", "country")),
    ("U.S.", None, ("United States", "USA", "country")),
    ("Macedonia", None, ("North Macedonia", "MKD", "country")),
    ("Jordan", "IRQ", ("Jordan", "JOR", "country")),  # the country over any town of that name
    ("Kuwait", None, ("Kuwait", "KWT", "country")),
    ("Dili", None, ("Dili", "TLS", "city")),  # its own name beats an alternate spelling of Delhi
    ("Algers", None, ("Algiers", "DZA", "city")),  # a close spelling of a large city
    ("Tripoli", None, ("Tripoli", "LBY", "city")),
    ("Tripoli", "LBN", ("Tripoli", "LBN", "city")),  # the focus country settles a close call
    ("Paris", "USA", ("Paris", "FRA", "city")),  # but not against a far better-known place
    ("Geneva", "USA", ("Geneva", "CHE", "city")),
    # a site named after the place it is at
    ("the Falluja Barrage", "IRQ", ("Fallujah", "IRQ", "city")),
    ("Kirkuk University", None, ("Kirkuk", "IRQ", "city")),
    ("the University of Basra", None, ("Basra", "IRQ", "city")),
    ("the Jadiriyah district of Baghdad", None, ("Baghdad", "IRQ", "city")),
    ("Kirkuk Airfield East", None, ("Kirkuk", "IRQ", "city")),
    ("Haditha Dam", None, ("Haditha Dam", "IRQ", "city")),  # a landmark of its own
    ("Lake Habbaniya", None, ("Lake Habbaniyah", "IRQ", "admin1")),
    ("Jabal Hamrin", None, ("Hamrin Mountains", "IRQ", "admin1")),
    ("Tigris", None, ("Tigris", "IRQ", "admin1")),
    # a place too small to know, in a known country or division: that, at its precision
    ("Khirbat Umm Zaytun, Syria", "IRQ", ("Syria", "SYR", "country")),
    ("Qaryat al-Nakhil, Anbar", None, ("Anbar", "IRQ", "admin1")),
    # a typing slip in a large place's multi-word alternate name
    ("Dayr Az Zowr", None, ("Deir ez-Zor", "SYR", "city")),
]


@pytest.mark.parametrize("text,focus,expected", LOOKUPS)
def test_lookup(gaz, text, focus, expected):
    p = gaz.lookup(text, focus)
    assert p is not None
    assert (p.name, p.country, p.precision) == expected


@pytest.mark.parametrize("text", ["UN", "EU", "ISIS", "NATO", "PKK", "the Kingdom", "West",
                                  "North", "Gulf", "Middle East", "Levant", "Katyusha", "Arabia"])  # fmt: skip
def test_not_places(gaz, text):
    assert gaz.lookup(text) is None


def test_basra_keeps_its_geonameid(gaz):
    p = gaz.lookup("Basra", "IRQ")
    assert (p.geonameid, p.admin1) == (99532, "Basra")
    assert p.as_location()["name"] == "Basra"


def test_prefer_admin1(gaz):
    assert gaz.lookup("Basra", "IRQ", prefer="admin1").precision == "admin1"


def test_context_country(gaz):
    assert gaz.lookup("Tripoli", context={"LBN"}).country == "LBN"


def test_every_iraqi_governorate_and_neighbour_division(gaz):
    divisions = {}
    for places in gaz.names.values():
        for p in places:
            if p.precision == "admin1" and not p.landmark:
                divisions.setdefault(p.country, set()).add(p.name)
    assert len(divisions["IRQ"]) == 20  # 19 governorates (Halabja included), Kurdistan Region
    expected = {"IRN": 31, "TUR": 81, "SYR": 14, "JOR": 12, "SAU": 13, "KWT": 6}
    assert {c: len(divisions[c]) for c in expected} == expected


def test_country_and_division_points_lie_in_their_country(gaz):
    """Each representative point is nearer to a city of its own country than to any other
    country's, or within 400 km of one (deserts, islands)."""
    np = pytest.importorskip("numpy")
    cities = [
        p for ps in gaz.names.values() for p in ps if p.precision == "city" and not p.landmark
    ]
    lat = np.radians([c.lat for c in cities])
    lon = np.radians([c.lon for c in cities])
    country = np.array([c.country for c in cities])
    points = list(gaz.countries.values())
    points += [
        p for ps in gaz.names.values() for p in ps if p.precision == "admin1" and not p.landmark
    ]
    wrong = []
    for p in points:
        if p.country not in set(country) or p.country in ("ISR", "PSE"):  # too close to call
            continue
        a, b = math.radians(p.lat), math.radians(p.lon)
        h = np.sin((lat - a) / 2) ** 2 + math.cos(a) * np.cos(lat) * np.sin((lon - b) / 2) ** 2
        km = 6371 * 2 * np.arcsin(np.sqrt(h))
        own, other = km[country == p.country].min(), km[country != p.country].min()
        if own > other and own > 400:
            wrong.append((p.name, p.country, round(float(own)), round(float(other))))
    assert not wrong


def test_names_and_keys():
    assert display_name("Sāmarrā’") == "Samarra"
    assert display_name("Al ‘Amārah") == "Al Amarah"
    assert place_key("the West Bank") == place_key("West Bank")
    assert place_key("Şanlıurfa") == place_key("Sanliurfa")


def test_bad_tsv_row_names_file_and_row(tmp_path):
    from mizan.gazetteer_build import _float

    path = tmp_path / "admin1.tsv"
    path.write_text("# comment\ncountry\tcode\tname\tlat\tlon\nIRQ\t01\tAnbar\tnorth\t42\n")
    [row] = _rows(path)
    with pytest.raises(DataFileError, match=r"admin1.tsv, entry row 3 \(Anbar\), field 'lat'"):
        _float(row, "lat", path, -90, 90)
