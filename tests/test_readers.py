"""Readers for real corpora: text, JSONL, CSV/TSV, HTML, folders, fsspec URLs, .gz and .zst.
Each bad document gets one error naming its file (and line or row); the rest go on."""

from __future__ import annotations

import csv
import gzip
import io
import json
import tracemalloc
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mizan.documents import Document, parse_date, read_inputs
from mizan.errors import InputError
from mizan.ingest import count_inputs

ONE = "Iraqi Prime Minister Mustafa al-Kadhimi met the Jordanian king in Amman on Sunday."
TWO = "The Iranian ambassador rejected the presence of American forces in Iraq."


def items(*paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def kinds(found):
    return [type(i).__name__ for i in found]


def _zst(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


@pytest.mark.parametrize("name,pack", [("a.txt", bytes), ("a.txt.gz", gzip.compress), ("a.txt.zst", _zst),
                                       ("a", bytes), ("a.md.gz", gzip.compress)])  # fmt: skip
def test_text_files_plain_and_compressed(tmp_path, name, pack):
    (tmp_path / name).write_bytes(pack(ONE.encode()))
    [doc] = items(tmp_path / name, default_date=date(2020, 9, 1))
    assert isinstance(doc, Document) and doc.text == ONE and doc.date == date(2020, 9, 1)
    assert doc.origin.endswith(name)


def test_jsonl_compressed_with_bad_lines(tmp_path):
    lines = [json.dumps({"id": "a", "text": ONE, "date": "2020-09-01", "source": "Wire"}), "{oops",
             json.dumps({"id": "b", "text": TWO, "date": "20200902"})]  # fmt: skip
    path = tmp_path / "c.jsonl.zst"
    path.write_bytes(_zst(("\n".join(lines) + "\n").encode()))
    a, bad, b = items(path)
    assert (a.id, a.source, a.date, a.origin) == ("a", "Wire", date(2020, 9, 1), f"{path}:1")
    assert isinstance(bad, InputError) and str(bad).startswith(f"{path}:2: malformed JSON")
    assert b.date == date(2020, 9, 2)  # GDELT-style YYYYMMDD


def test_jsonl_bad_utf8_line_fails_alone(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(json.dumps({"text": ONE}).encode() + b"\n" + b'{"text": "caf\xe9"}\n'
                     + json.dumps({"text": TWO}).encode() + b"\n")  # fmt: skip
    assert kinds(items(path)) == ["Document", "InputError", "Document"]
    assert "c.jsonl:2: not valid UTF-8" in str(items(path)[1])


def test_truncated_gzip_names_the_file_and_line(tmp_path):
    import random

    rng = random.Random(1)
    lines = (json.dumps({"text": f"{ONE} Item {rng.getrandbits(128):x}."}) for i in range(20000))
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    found = items(path)
    assert isinstance(found[-1], InputError) and "cut.jsonl.gz" in str(found[-1])
    assert "cannot read past line" in str(found[-1])
    assert all(isinstance(x, Document) for x in found[:-1]) and found[:-1]


def test_csv_with_metadata_columns_and_row_errors(tmp_path):
    path = tmp_path / "news.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["ID", "Title", "Date", "Source", "URL", "Text", "Other"])
        w.writerow(["n1", "Talks", "2020-09-01", "Wire", "https://example.org/1", ONE, "x"])
        w.writerow(["n2", "Quote", "01/09/2020", "", "", TWO, "y"])  # bad date
        w.writerow(["n3", "Two lines", "", "", "", f"{TWO}\nA second paragraph, in the same cell.", ""])
        w.writerow(["", "", "", "", "", "", ""])  # empty row: skipped
        w.writerow(["n5", "Empty", "", "", "", "   ", ""])  # empty text
    n1, n2, n3, n5 = items(path, default_date=date(2021, 1, 1))
    assert (n1.id, n1.title, n1.date, n1.source, n1.url) == ("n1", "Talks", date(2020, 9, 1), "Wire", "https://example.org/1")
    assert isinstance(n2, InputError) and str(n2).startswith(f"{path}:3: bad date '01/09/2020'")
    assert n3.text.endswith("same cell.") and n3.date == date(2021, 1, 1) and n3.source is None
    assert isinstance(n5, InputError) and n5.line == 7 and "empty document" in str(n5)
    assert count_inputs([str(path)]) == 4


def test_csv_text_column_option_and_missing_column(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text(f"id\tbody\nx1\t{ONE}\n", encoding="utf-8")
    [doc] = items(path, text_column="body")
    assert doc.id == "x1" and doc.text == ONE
    [err] = items(path)
    assert isinstance(err, InputError) and "no 'text' column" in str(err) and "'body'" in str(err)
    assert "--text-column" in str(err)


PAGE = """<!DOCTYPE html><html><head><title>Amman talks | The Example Times</title>
<meta property="article:published_time" content="2020-09-01T08:00:00Z">
<meta property="og:site_name" content="The Example Times">
<link rel="canonical" href="https://example.org/world/amman-talks"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Amman talks</h1><p>{one}</p><p>{two}</p></article>
<footer>All rights reserved. Subscribe to our newsletter.</footer></body></html>"""


@pytest.mark.parametrize("name", ["page.html", "page.htm.gz", "page-without-suffix"])
def test_html_main_text_and_metadata(tmp_path, name):
    data = PAGE.format(one=ONE, two=TWO).encode()
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    [doc] = items(tmp_path / name)
    assert ONE in doc.text and TWO in doc.text
    assert "newsletter" not in doc.text and "Home" not in doc.text
    assert (doc.title, doc.date, doc.url, doc.source) == (
        "Amman talks", date(2020, 9, 1), "https://example.org/world/amman-talks", "The Example Times")


def test_html_without_article_text(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    [err] = items(tmp_path / "empty.html")
    assert isinstance(err, InputError) and "empty.html" in str(err)


def test_folder_of_mixed_formats(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(ONE)
    (tmp_path / "b" / "c.jsonl.gz").write_bytes(gzip.compress((json.dumps({"id": "j", "text": TWO}) + "\n").encode()))
    (tmp_path / "b" / "d.csv").write_text(f"text\n\"{TWO} Again.\"\n")
    (tmp_path / ".hidden" / "x.txt").write_text(ONE)
    (tmp_path / "b" / ".x.txt").write_text(ONE)
    found = items(tmp_path)
    assert [d.origin.removeprefix(str(tmp_path)) for d in found] == ["/a.txt", "/b/c.jsonl.gz:1", "/b/d.csv:2"]
    assert count_inputs([str(tmp_path)]) == 3


def test_fsspec_urls_files_folders_and_globs():
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/mizan-readers/in/one.txt", ONE.encode())
    fs.pipe("/mizan-readers/in/two.jsonl.gz", gzip.compress((json.dumps({"id": "t", "text": TWO}) + "\n").encode()))
    assert [d.text for d in items("memory://mizan-readers/in")] == [ONE, TWO]
    [doc] = items("memory://mizan-readers/in/*.txt")
    assert doc.origin.startswith("memory://") and doc.origin.endswith("/mizan-readers/in/one.txt")
    [err] = items("memory://mizan-readers/missing.txt")
    assert isinstance(err, InputError) and "memory://mizan-readers/missing.txt: no such file" in str(err)
    [err] = items("nosuchprotocol://x/y.txt")
    assert isinstance(err, InputError) and "nosuchprotocol://x/y.txt" in str(err)
    assert count_inputs(["memory://mizan-readers/in"]) is None  # no second read of remote input


def test_reading_streams(tmp_path):
    """A 10 MB JSONL file is read document by document, not held in memory."""
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(20000):
            fh.write(json.dumps({"id": f"d{i}", "text": f"{ONE} {TWO} " * 3 + f"Item {i}."}) + "\n")
    assert path.stat().st_size > 9_000_000
    tracemalloc.start()
    n = sum(1 for _ in read_inputs([str(path)]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 20000 and peak < 2_000_000, peak


WORDS = st.sampled_from(["the", "minister", "of", "Iraq", "said", "and", "talks", "in", "Amman,",
                         '"quoted"', "a;b", "new\nline", "tab\there", "é"])  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.text(alphabet="abcxyz019-_", min_size=1, max_size=8),
                               st.lists(WORDS, min_size=3, max_size=30).map(" ".join),
                               st.one_of(st.none(), st.dates().map(date.isoformat))),
                     min_size=1, max_size=8, unique_by=lambda r: r[0]))  # fmt: skip
def test_csv_and_jsonl_round_trip(tmp_path, rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "text", "date"])
    w.writerows([(i, t, d or "") for i, t, d in rows])
    (tmp_path / "r.csv").write_text(buf.getvalue(), encoding="utf-8")
    (tmp_path / "r.jsonl").write_text("".join(json.dumps({"id": i, "text": t, "date": d}) + "\n" for i, t, d in rows))
    for name in ("r.csv", "r.jsonl"):
        found = items(tmp_path / name)
        assert len(found) == len(rows)
        for (i, t, d), doc in zip(rows, found, strict=True):
            if isinstance(doc, InputError):  # only the English check may refuse generated text
                assert "English" in str(doc)
                continue
            assert (doc.id, doc.text, doc.date) == (i, t, parse_date(d, "x"))
