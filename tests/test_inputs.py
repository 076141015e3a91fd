"""Reading inputs: every bad document gets a clear error naming it; the rest go on."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mizan.documents import Document, InputError, document_from_json, read_inputs


def _read(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return list(read_inputs([str(p)]))


@pytest.mark.parametrize(
    "data,words",
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x00\x01\x02binary" * 50, "binary"),
        ("Das ist ein Text über Bagdad".encode("latin-1"), "UTF-8"),
        (
            "Der Minister besuchte am Montag die Stadt und sprach mit dem Präsidenten über die Lage im Land und die Zukunft der Region.".encode(),
            "English",
        ),
        (
            "رئيس الوزراء العراقي مصطفى الكاظمي يلتقي الرئيس الأمريكي في البيت الأبيض".encode(),
            "English",
        ),
    ],
)
def test_bad_text_file(tmp_path, data, words):
    [item] = _read(tmp_path, "doc.txt", data)
    assert isinstance(item, InputError)
    assert "doc.txt" in str(item) and words in str(item)


def test_huge_document_is_refused_with_advice(tmp_path, monkeypatch):
    import mizan.documents as d

    monkeypatch.setattr(d, "MAX_CHARS", 1000)
    [item] = _read(tmp_path, "big.txt", b"The minister visited Baghdad. " * 100)
    assert isinstance(item, InputError) and "split" in str(item)


def test_jsonl_lines_fail_alone(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "x1",
                "text": "Iraq and Jordan signed a deal.",
                "date": "2020-09-01",
                "title": "T",
            }
        ),
        "{broken",
        json.dumps({"id": "x3", "text": ""}),
        json.dumps({"id": "x4", "text": "Iran rejected the plan.", "date": "01/09/2020"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Turkey threatened Syria.", "source": "Wire"}),
    ]
    items = _read(tmp_path, "c.jsonl", "\n".join(lines).encode())
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Document", "InputError", "InputError", "InputError", "InputError", "Document"]
    assert items[1].line == 2 and "malformed JSON" in str(items[1])
    assert "YYYY-MM-DD" in str(items[3])
    assert items[0].id == "x1" and items[0].date == date(2020, 9, 1) and items[0].title == "T"
    assert len(items[5].id) == 16  # a content hash when the input gives no id


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Iraq and Jordan signed a deal.")
    (tmp_path / "two.txt").write_text("Iran rejected the plan.")
    items = list(read_inputs([str(tmp_path)], date(2020, 1, 2)))
    assert [type(i) for i in items] == [Document, Document]
    assert all(i.date == date(2020, 1, 2) for i in items)


def test_missing_path(tmp_path):
    [item] = list(read_inputs([str(tmp_path / "nothing.txt")]))
    assert isinstance(item, InputError) and "nothing.txt" in str(item)


@given(st.fixed_dictionaries({
    "id": st.text(min_size=1, max_size=20),
    "text": st.text(alphabet="abcdefghij klmnop the of and", min_size=1, max_size=200).filter(lambda t: t.strip()),
    "date": st.dates().map(date.isoformat),
}))  # fmt: skip
def test_jsonl_document_round_trip(obj):
    try:
        doc = document_from_json(json.dumps(obj), "x.jsonl", 1, None)
    except InputError as exc:  # only the English check may refuse generated text
        assert "English" in str(exc)
        return
    assert (doc.id, doc.text, doc.date.isoformat()) == (obj["id"], obj["text"], obj["date"])
