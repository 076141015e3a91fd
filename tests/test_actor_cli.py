"""``mizan actors`` and ``mizan who`` through the installed entry point, on our own text."""

from __future__ import annotations

import json

from test_cli import run

TEXT = (
    "Iraqi Prime Minister Mustafa al-Kadhimi received Saudi Foreign Minister Faisal bin Farhan "
    "in Baghdad on Thursday. Al-Kazemi said Iraq wanted balanced relations. Iraqi activist "
    "Zainab Karrar urged the government to act."
)


def test_who_title_on_dates():
    for on, name in (("2019-11-01", "Adel Abdul Mahdi"), ("2020-08-20", "Mustafa al-Kadhimi"),
                     ("2023-06-01", "Mohammed Shia al-Sudani")):  # fmt: skip
        p = run("who", "the Iraqi prime minister", "--date", on)
        assert p.returncode == 0, p.stderr
        assert p.stdout.decode().startswith(name) and "prime minister" in p.stdout.decode()


def test_who_jsonl_and_unknown():
    p = run("who", "Hajj al-Ameri", "--date", "2020-08-28", "--format", "jsonl")
    rec = json.loads(p.stdout.decode().splitlines()[0])
    assert rec["id"] == "hadi-al-amiri" and rec["country"] == "IRQ"
    p = run("who", "Zorbulon Quaxby", "--date", "2020-08-28")
    assert p.returncode == 1 and "nobody known" in p.stderr.decode()


def test_actors_table_and_jsonl():
    p = run("actors", "--date", "2020-08-28", "--format", "jsonl", "-", stdin=TEXT)
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.decode().splitlines()]
    by_id = {r["id"]: r for r in rows}
    k = by_id["mustafa-al-kadhimi"]
    assert (k["country"], k["sector"], k["role"]) == ("IRQ", "GOV", "prime minister")
    assert any("Al-Kazemi" in m for m in k["mentions"])
    assert by_id["faisal-bin-farhan"]["country"] == "SAU"
    assert set(rows[0]) >= {"name", "id", "country", "sector", "role", "mentions"}
    p = run("actors", "--date", "2020-08-28", "-", stdin=TEXT)
    lines = p.stdout.decode().splitlines()
    assert lines[0].split()[:6] == ["name", "id", "country", "sector", "role", "n"]


def test_actors_unknown_only():
    p = run("actors", "--unknown", "--date", "2020-08-28", "--format", "jsonl", "-", stdin=TEXT)
    rows = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert rows and all(r["id"] is None for r in rows)
    karrar = [r for r in rows if "Karrar" in r["name"]]
    assert karrar and (karrar[0]["country"], karrar[0]["sector"]) == ("IRQ", "CVL")


def test_actors_bad_format_names_choices():
    p = run("actors", "--format", "xml", "-", stdin=TEXT)
    assert p.returncode == 2 and "table" in p.stderr.decode() and "jsonl" in p.stderr.decode()
