"""``mizan eval re3d``: entities, merged synonyms and geocoded places on Dstl's re3d corpus
(Syria/Iraq; per-source licences; read by path, never bundled).

* **Gold entities**: annotations of type Person, Organisation or Location whose adjudicated
  confidence is at least 0.5 (re3d keeps the automatic pre-annotations that annotators
  rejected, with confidence 0: "hope" as a Person, "camp" cut out of "campaign"); where one
  span has several types, the most confident one.
* **Predictions**: mizan's actor mentions — people (with resolved titles and pronouns),
  organisations, IGOs and agent groups ("Iraqi forces", "civilians") as Person or
  Organisation; a country name as Location where something is (after a locative or
  directional preposition: "in Iraq", "to Jordan"; qualifying a place noun: "the Syria
  border"; a capital the actor stage kept as a place) and otherwise as the state, an
  Organisation (a subject or object, a modifier of another noun: "U.S. assistance", after
  "with", "between", "by"); demonyms are Nationality and not scored; possessive pronouns
  ("his", "their"), which re3d hardly ever marks, are not scored — plus the parser's
  GPE/LOC/FAC entities that no actor covers, ORG/PERSON/NORP names the gazetteer knows or
  that end in a facility's noun ("the Samarra Barrage"), and capitalised words after a
  preposition of place that the gazetteer knows, as Location; places named by a common
  noun ("the town", "a mosque", "their homes", "here") and coordinates, as Location. Spans
  follow re3d's
  conventions (``eval/re3d_spans.py``): a person with the capitalised words of title and
  rank before the name ("Pentagon Press Secretary Peter Cook", "Lt. Gen. X"), and a title
  and a name in apposition as two mentions of that person; an office named by its title
  ("the US Secretary of State") as a Person, with an organisation named in it before the
  title's noun ("Central Command spokesman"; not an owner: "HRW's director"); a group or organisation with the name that owns
  it ("Iraq's Security Forces", "Sadiq's family"), with the collective noun that takes it ("a
  group of Syrian farmers"), with groups of its kind coordinated with it ("family and
  friends"); a group with its modifiers but not its
  quantifiers or count ("Kurdish fighters", "civilians" out of "more than 60 civilians",
  as most of re3d's annotators mark it; "one man" keeps its "one"); an
  organisation with the plural noun for its members ("EU leaders") or the noun of its kind
  ("the Hezbollah movement"); a group without the words that judge it ("the brutal
  regime"); no organisation for a machine, or for a name that only holds a place or flies a
  machine ("ISIL-held buildings", "Coalition aircraft"); a named gathering as an
  organisation ("the UK-France Summit"); a place with its qualifiers ("northern Iraq", "the
  city of Mosul", "Mosul district", "Palmyra, Syria"; but "south of Mosul" is Mosul), and a
  country after a place ("Raqqah, Syria") or before what happens in it ("Syria's civil war")
  as a place.
  **Baseline**: bare spaCy NER in the same run, PERSON → Person, ORG → Organisation,
  GPE/LOC/FAC → Location.
* **Matching**: *strict* — the same type and the same span once white space, a leading
  article and trailing punctuation are set aside; *overlap* — the same type and overlapping spans, one to
  one. Precision, recall and F1 per type.
* **Scopes**: *all* gold entities of the three types; *named* — those whose span (in
  mizan's parse) holds a proper noun or a word of a named entity and is not only a pronoun.
  re3d also marks pronouns, common-noun mentions ("civilians", "the regime") and unnamed
  places ("the town", "here"), which an actor and place resolver does not set out to find;
  in the named scope predictions are filtered the same way. Both are reported.
* **Synonyms**: gold ``IsSynonymOf`` pairs (confidence ≥ 0.5, each unordered pair once)
  between two Person/Organisation entities; a pair is merged when mizan gives both spans the
  same actor (registry id, or the cluster of an unknown name). Baseline: the two strings are
  equal once normalised.
* **Places**: each gold Location listed in ``data/eval/re3d-locations.tsv`` (named places with
  one country, written for mizan) is looked up with ``mizan.gazetteer`` and the document's
  focus country: the share resolved, and the share resolved to the right country.

re3d documents carry no date. mizan takes the year and month in the source URL
(``/2016/10/``) where there is one, else 2016-07-01, the middle of the collection period.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..actors.normalize import name_key
from ..datafiles import package_file, read_bytes
from ..documents import Document
from ..errors import DataFileError, EvalError
from ..pipeline import make_doc
from .common import prf
from .re3d_spans import _LEAD, SPACY_MAP, Entity, mizan_entities

__all__ = ["Entity", "evaluate", "load_corpus", "mizan_entities", "report", "spacy_entities"]

TYPES = ("Person", "Organisation", "Location")
MIN_CONFIDENCE = 0.5
DEFAULT_DATE = date(2016, 7, 1)
_URL_DATE = re.compile(r"/(20[01]\d)/(0[1-9]|1[0-2])/")

@dataclass
class Scores:
    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    n_pred: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    n_gold: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def prf(self, t: str) -> tuple[float, float, float]:
        return prf(self.tp[t], self.n_pred[t], self.n_gold[t])


def _systems() -> dict[str, Scores]:
    return {"mizan": Scores(), "spacy": Scores()}


@dataclass
class Re3dResult:
    documents: int = 0
    # scope "all": every gold entity of the three types; "named": those that name something
    # (a proper noun), the scope of an actor and place resolver (see the module docstring)
    strict: dict[str, Scores] = field(default_factory=_systems)
    overlap: dict[str, Scores] = field(default_factory=_systems)
    named_strict: dict[str, Scores] = field(default_factory=_systems)
    named_overlap: dict[str, Scores] = field(default_factory=_systems)
    pairs: int = 0
    merged: int = 0
    merged_baseline: int = 0
    places: int = 0
    places_resolved: int = 0
    places_right: int = 0
    misses: list[str] = field(default_factory=list)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise EvalError(f"{path}: no such file; give the re3d folder (one sub-folder per source)")
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{i}: not valid JSON ({exc.msg})") from None
    return out


def load_corpus(folder: Path) -> tuple[list[dict[str, Any]], dict[str, list[Entity]], dict[str, list[tuple[Entity, Entity]]]]:  # fmt: skip
    """Documents, gold entities and gold synonym pairs per document id."""
    folder = Path(folder)
    sources = (
        sorted(p for p in folder.iterdir() if (p / "documents.json").exists())
        if folder.is_dir()
        else []
    )
    if not sources:
        raise EvalError(f"{folder}: no re3d sources found (sub-folders with documents.json)")
    docs: list[dict[str, Any]] = []
    spans: dict[tuple[str, int, int], dict[str, Any]] = {}
    pairs: dict[str, list[tuple[Entity, Entity]]] = defaultdict(list)
    for src in sources:
        docs += _read_jsonl(src / "documents.json")
        for e in _read_jsonl(src / "entities.json"):
            key = (e["documentId"], e["begin"], e["end"])
            if key not in spans or e["confidence"] > spans[key]["confidence"]:
                spans[key] = e
        for r in _read_jsonl(src / "relations.json"):
            if r["type"] != "IsSynonymOf" or r["confidence"] < MIN_CONFIDENCE:
                continue
            a = spans.get((r["documentId"], r["sourceBegin"], r["sourceEnd"]))
            b = spans.get((r["documentId"], r["targetBegin"], r["targetEnd"]))
            if not a or not b or {a["type"], b["type"]} - {"Person", "Organisation"}:
                continue
            if a["confidence"] < MIN_CONFIDENCE or b["confidence"] < MIN_CONFIDENCE:
                continue
            ea, eb = (Entity(x["begin"], x["end"], x["type"], x["value"]) for x in (a, b))
            pair = (ea, eb) if ea.begin <= eb.begin else (eb, ea)
            if pair not in pairs[r["documentId"]]:
                pairs[r["documentId"]].append(pair)
    gold: dict[str, list[Entity]] = defaultdict(list)
    for (doc_id, begin, end), ent in spans.items():
        if ent["type"] in TYPES and ent["confidence"] >= MIN_CONFIDENCE:
            gold[doc_id].append(Entity(begin, end, ent["type"], ent["value"]))
    return docs, gold, pairs


def doc_date(d: dict[str, Any]) -> date:
    m = _URL_DATE.search(d.get("sourceUrl") or "")
    return date(int(m.group(1)), int(m.group(2)), 1) if m else DEFAULT_DATE


def _trim(text: str, begin: int, end: int) -> tuple[int, int]:
    """Set aside white space, a leading article and trailing punctuation or possessive."""
    while begin < end and text[begin].isspace():
        begin += 1
    span = text[begin:end]
    m = _LEAD.match(span)
    if m:
        begin += m.end()
    while end > begin and (text[end - 1] in ".,;:'’\"”)" or text[end - 1].isspace()):
        end -= 1
    if text[begin:end].endswith(("'s", "’s")):
        end -= 2
    return begin, end


NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


def _namer(doc: Any) -> Any:
    """Does an entity name something? Its span (in mizan's parse of the text) holds a proper
    noun or a word of a named entity, and is not a pronoun: "the UK", "the people of Iraq",
    "Palmyra, Syria" do; "he", "we", "civilians", "the town", "here" do not."""

    def named(e: Entity) -> bool:
        span = doc.char_span(e.begin, e.end, alignment_mode="expand")
        if span is None:
            return False
        return any(t.pos_ == "PROPN" or t.ent_type_ in NAME_LABELS for t in span) and not all(
            t.pos_ in ("PRON", "DET", "PUNCT") for t in span
        )

    return named


def spacy_entities(doc: Any) -> list[Entity]:
    return [Entity(e.start_char, e.end_char, SPACY_MAP[e.label_], e.text)
            for e in doc.ents if e.label_ in SPACY_MAP]  # fmt: skip


def _score(text: str, gold: list[Entity], pred: list[Entity], strict: Scores, overlap: Scores,
           misses: list[str] | None = None) -> None:  # fmt: skip
    for t in TYPES:
        g = [x for x in gold if x.type == t]
        p = [x for x in pred if x.type == t]
        strict.n_gold[t] += len(g)
        strict.n_pred[t] += len(p)
        overlap.n_gold[t] += len(g)
        overlap.n_pred[t] += len(p)
        gkeys = {_trim(text, x.begin, x.end) for x in g}
        pkeys = {_trim(text, x.begin, x.end) for x in p}
        strict.tp[t] += len(gkeys & pkeys)
        used: set[int] = set()
        for x in g:
            j = next((j for j, y in enumerate(p) if j not in used
                      and y.begin < x.end and x.begin < y.end), None)  # fmt: skip
            if j is not None:
                used.add(j)
                overlap.tp[t] += 1
            elif misses is not None:
                misses.append(f"missed {t}: {x.text!r}")
        if misses is not None:
            misses += [f"extra {t}: {y.text!r}" for j, y in enumerate(p) if j not in used]


def _identity(ent: Entity, pred: list[Entity]) -> str | None:
    """The actor mizan gives a gold span: the prediction that overlaps it most."""
    best, size = None, 0
    for p in pred:
        o = min(ent.end, p.end) - max(ent.begin, p.begin)
        if o > size and p.identity:
            best, size = p.identity, o
    return best


def _place_key() -> dict[str, str]:
    """Name key → country of the named gold places (``#`` lines are comments)."""
    path = package_file("eval", "re3d-locations.tsv")
    out = {}
    for i, line in enumerate(read_bytes(path).decode("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or len(parts[1]) != 3:
            raise DataFileError(path, "expected 'name<TAB>ISO alpha-3'", f"line {i}")
        out[name_key(parts[0])] = parts[1]
    return out


def evaluate(folder: Path, nlp: Language, bare: Language, errors: bool = False) -> Re3dResult:
    """Score mizan's pipeline ``nlp`` and the bare spaCy pipeline ``bare`` on re3d."""
    from ..gazetteer import load_gazetteer

    docs, gold, pairs = load_corpus(folder)
    gaz = load_gazetteer()
    key = _place_key()
    res = Re3dResult()
    skip = [n for n in nlp.pipe_names if n.startswith("mizan_") and n not in ("mizan_paragraphs", "mizan_actors")]  # fmt: skip
    items = [Document(text=d["text"], id=d["_id"], date=doc_date(d)) for d in docs]
    with nlp.select_pipes(disable=skip):
        mdocs = list(nlp.pipe(make_doc(nlp, d) for d in items))
    sdocs = list(bare.pipe(d["text"] for d in docs))
    for d, mdoc, sdoc in zip(docs, mdocs, sdocs, strict=True):
        res.documents += 1
        g = gold.get(d["_id"], [])
        mp = mizan_entities(mdoc)
        _score(d["text"], g, mp, res.strict["mizan"], res.overlap["mizan"],
               res.misses if errors else None)  # fmt: skip
        sp = spacy_entities(sdoc)
        _score(d["text"], g, sp, res.strict["spacy"], res.overlap["spacy"])
        named = _namer(mdoc)
        gn = [e for e in g if named(e)]
        _score(d["text"], gn, [e for e in mp if named(e)], res.named_strict["mizan"],
               res.named_overlap["mizan"])  # fmt: skip
        _score(d["text"], gn, [e for e in sp if named(e)], res.named_strict["spacy"],
               res.named_overlap["spacy"])  # fmt: skip
        for a, b in pairs.get(d["_id"], []):
            res.pairs += 1
            ia, ib = _identity(a, mp), _identity(b, mp)
            if ia is not None and ia == ib:
                res.merged += 1
            elif errors:
                res.misses.append(f"not merged: {a.text!r} ({ia}) / {b.text!r} ({ib})")
            if name_key(_LEAD.sub("", a.text)) == name_key(_LEAD.sub("", b.text)):
                res.merged_baseline += 1
        for e in g:
            want = key.get(name_key(_LEAD.sub("", e.text))) if e.type == "Location" else None
            if want is None:
                continue
            res.places += 1
            place = gaz.lookup(_LEAD.sub("", e.text), mdoc._.mizan_focus)
            if place is not None:
                res.places_resolved += 1
                res.places_right += place.country == want
                if errors and place.country != want:
                    res.misses.append(f"wrong country: {e.text!r} -> {place.name}, "
                                      f"{place.country} (want {want})")  # fmt: skip
            elif errors:
                res.misses.append(f"not geocoded: {e.text!r} (want {want})")
    return res


def report(res: Re3dResult, errors: bool = False) -> str:
    lines = [f"re3d: {res.documents} documents; gold entities with confidence >= {MIN_CONFIDENCE}"]
    for mode, table in (("strict", res.strict), ("overlap", res.overlap),
                        ("named strict", res.named_strict),
                        ("named overlap", res.named_overlap)):  # fmt: skip
        lines.append(
            f"\n{mode + ' match':<14} {'n_gold':>7}  {'mizan P':>8} {'R':>6} {'F1':>6}   {'spaCy P':>8} {'R':>6} {'F1':>6}"
        )
        for t in TYPES:
            mp, mr, mf = table["mizan"].prf(t)
            sp, sr, sf = table["spacy"].prf(t)
            lines.append(
                f"{t:<14} {table['mizan'].n_gold[t]:>7}  {mp:>8.3f} {mr:>6.3f} {mf:>6.3f}   {sp:>8.3f} {sr:>6.3f} {sf:>6.3f}"
            )
    share = res.merged / res.pairs if res.pairs else 0.0
    base = res.merged_baseline / res.pairs if res.pairs else 0.0
    lines.append(
        f"\nsynonym pairs (Person/Organisation): {res.pairs}; merged by mizan {share:.3f}; "
        f"same string (baseline) {base:.3f}"
    )
    if res.places:
        lines.append(
            f"gold locations with a known country: {res.places}; geocoded "
            f"{res.places_resolved / res.places:.3f}; right country "
            f"{res.places_right / res.places:.3f}"
        )
    if errors:
        lines += ["", *res.misses]
    f1 = {t: res.strict["mizan"].prf(t)[2] for t in TYPES}
    nf1 = {t: res.named_strict["mizan"].prf(t)[2] for t in TYPES}
    lines.append(
        "\nsummary: strict F1 "
        + " ".join(f"{t}={f1[t]:.3f}" for t in TYPES)
        + " named strict F1 "
        + " ".join(f"{t}={nf1[t]:.3f}" for t in TYPES)
        + f" synonyms_merged={share:.3f}"
    )
    return "\n".join(lines)
