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
  GPE/LOC/FAC entities that no actor covers, and ORG/PERSON/NORP names the gazetteer knows,
  as Location. Spans follow re3d's conventions: a person with the capitalised words of
  title and rank before the name ("Pentagon Press Secretary Peter Cook"); a place with its
  qualifiers ("northern Iraq", "the city of Mosul", "Mosul district", "Palmyra, Syria").
  **Baseline**: bare spaCy NER in the same run, PERSON → Person, ORG → Organisation,
  GPE/LOC/FAC → Location.
* **Matching**: *strict* — the same type and the same span once a leading article and
  trailing punctuation are set aside; *overlap* — the same type and overlapping spans, one to
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
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Span

from ..actors.cues import load_cues
from ..actors.normalize import name_key
from ..datafiles import package_file, read_bytes
from ..documents import Document
from ..errors import DataFileError, EvalError
from ..pipeline import make_doc
from ..stages.actor_base import LEADING
from ..stages.actor_context import acts_as_government
from .common import prf

TYPES = ("Person", "Organisation", "Location")
SPACY_MAP = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location",
             "FAC": "Location"}  # fmt: skip
MIN_CONFIDENCE = 0.5
DEFAULT_DATE = date(2016, 7, 1)
_URL_DATE = re.compile(r"/(20[01]\d)/(0[1-9]|1[0-2])/")
_LEAD = re.compile(r"^(?:the|a|an)\s+", re.I)


@dataclass(frozen=True)
class Entity:
    begin: int
    end: int
    type: str
    text: str
    identity: str | None = None  # an actor id or an unknown actor's cluster (predictions)
    level: str | None = None  # a predicted Location naming a country or an admin1 region


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
    """Set aside a leading article and trailing punctuation or possessive."""
    span = text[begin:end]
    m = _LEAD.match(span)
    if m:
        begin += m.end()
    while end > begin and text[end - 1] in ".,;:'’\"”)":
        end -= 1
    if text[begin:end].endswith(("'s", "’s")):
        end -= 2
    return begin, end


POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})


def _country_is_place(span: Any, m: Any, cues: Any, place: dict[str, frozenset[str]]) -> bool:
    """Is a country name a Location here (where something is), or an Organisation (the
    state as a party)? A place after a locative or directional preposition ("in Iraq",
    "across Syria", "to Jordan", "the north of Syria") or qualifying a place noun ("the Syria
    border"); a party otherwise: a subject, an object ("support Iraq"), a modifier of another
    noun ("U.S. assistance", "UK-France co-operation"), after "with", "between", "by",
    "against", "including"."""
    if m.metonym == "place":
        return True  # a capital the actor stage found is only where something happens
    if m.metonym in ("capital", "seat", "government") or (
        m.how == "coref" and m.metonym != "place"
    ):  # fmt: skip
        return False
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    dep, head = root.dep_, root.head
    if dep == "pobj":
        where = place["locative"] | place["weak_locative"] | place["destination"] | place["origin"]
        return head.lower_ in where | {"of", "for", "about"}
    if dep in ("compound", "amod", "nmod"):
        nouns = place["transparent_nouns"] | place["name_nouns"]
        return head.lemma_.lower() in nouns or head.lower_ in ("border", "borders", "coast")
    if dep in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "npadvmod", "agent", "attr"):
        return False
    return not acts_as_government(span, cues)


def _place_span(doc: Any, start: int, end: int, place: dict[str, frozenset[str]],
                country: bool = False) -> tuple[int, int]:  # fmt: skip
    """A place name with its qualifiers, as re3d marks it: "northern Iraq", "the city of
    Mosul", "the Syrian city of Raqqa", "Mosul district", "Palmyra, Syria"."""
    n = len(doc)
    nouns = place["transparent_nouns"] | place["name_nouns"]
    if start > 0 and doc[start - 1].lower_ in place["direction_words"]:
        start -= 1
    elif start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lemma_.lower() in nouns \
            and doc[start - 2].lower_ not in place["direction_words"]:  # "south of Mosul": Mosul
        start -= 2
        while start > 0 and doc[start - 1].dep_ in ("amod", "compound") and (
            doc[start - 1].is_alpha
        ):  # "the Syrian city of", "the rebel-held town of"
            start -= 1
    if end < n and doc[end].lower_ in place["name_nouns"]:
        end += 1  # "Mosul district", "Anbar province"
    if not country and end + 1 < n and doc[end].text == "," and (
        doc[end + 1].ent_type_ == "GPE" and doc[end + 1].ent_iob_ == "B"
    ):  # "Palmyra, Syria"; not a list of countries ("Jordan, Lebanon and Turkey")
        k = end + 1
        while k + 1 < n and doc[k + 1].ent_iob_ == "I":
            k += 1
        end = k + 1
    return start, end


def _person_start(doc: Any, start: int, end: int) -> int:
    """A person's name with the capitalised words of its title and rank, as re3d marks it:
    "Pentagon Press Secretary Peter Cook", "Lt. Gen. Stephen J. Townsend", "Mr Colville"."""
    first = doc[start].sent.start
    while start > 0:
        t = doc[start - 1]
        if _abbreviation(doc, start - 1):  # "Col." "Lt. Gen.": the splitter may end a
            start -= 2 if t.text == "." else 1  # sentence at the full stop
            first = min(first, doc[start].sent.start)
            continue
        if start <= first:
            break
        if t.dep_ not in ("compound", "amod", "nmod", "punct") or not start <= t.head.i < end:
            break
        if not (t.text[:1].isupper() or t.like_num) or t.is_sent_end:
            break
        start -= 1
    return start


def _abbreviation(doc: Any, i: int) -> bool:
    """Is token ``i`` the end of an abbreviated rank or title ("Col." as "Col" "." or as one
    token "Gen."; ``rank_abbreviations`` in ``data/actors/cues.yaml``)?"""
    ranks = load_cues().rank_abbreviations
    t = doc[i]
    if t.text == ".":
        return i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].lower_ in ranks
    return t.text.endswith(".") and t.text[:1].isupper() and t.lower_[:-1] in ranks


@lru_cache(maxsize=1)
def _member_nouns() -> frozenset[str]:
    """Nouns for the people or units of an organisation: the registry's agent nouns
    ("fighters", "units") and nouns for a person ("spokesman")."""
    from ..actors.loader import load_registry

    agents = {k.split()[-1] for k in load_registry().agents}
    return frozenset(agents | load_cues().person_nouns | {"member", "partner", "nation",
                                                         "leader", "ally", "state"})


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """Last words of the registry's titles and of nouns for a person ("minister",
    "secretary", "spokesman"): a mention headed by one is a person in re3d."""
    from ..actors.loader import load_registry

    heads = {t.title.split()[-1].lower() for t in load_registry().titles.values()}
    heads -= {"army", "intelligence", "parliament", "staff", "justice"}  # "chief of staff"
    return frozenset(heads | load_cues().person_nouns | {"secretary", "commissioner"})


def _group_start(doc: Any, start: int, end: int, taken: set[int]) -> int:
    """A group named by a common noun with its modifiers, as re3d marks it: "15 civilians",
    "Kurdish fighters", "the international community", "aid workers"."""
    head = doc[end - 1]
    left = max(head.left_edge.i, head.sent.start)
    while left < start and (left in taken or doc[left].is_punct or _quantifier(doc[left])):
        left += 1
    return min(start, left) if all(t not in taken for t in range(left, start)) else start


QUANTIFIERS = frozenset({"many", "some", "several", "most", "few", "more", "less", "than",
                         "over", "about", "around", "nearly", "almost", "even", "only",
                         "primarily", "either", "neither", "both", "least", "at", "up",
                         "to", "roughly", "approximately", "well-known"})  # fmt: skip


def _quantifier(t: Any) -> bool:
    """A word of quantity or degree that re3d leaves out of a group's span ("more than 60
    civilians" is "60 civilians"; "many Iraqis" is "Iraqis")."""
    return t.lower_ in QUANTIFIERS or t.dep_ in ("quantmod", "advmod", "preconj", "cc")


def _with_members(doc: Any, start: int, end: int) -> int:
    """An organisation named before a plural noun for its members, as re3d marks it: "EU
    leaders", "Coalition partners", "ISIL tactical units" are one Organisation."""
    root = doc[start:end].root
    head = root.head
    if root.dep_ not in ("compound", "amod", "nmod") or head.i < end or head.tag_ != "NNS":
        return end
    if head.lemma_.lower() not in _member_nouns() and head.lower_ not in _member_nouns():
        return end
    between = doc[end : head.i]
    if all(t.dep_ in ("compound", "amod") and t.head.i == head.i for t in between):
        return head.i + 1
    return end


def _person_parts(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """A title and a name in apposition ("the Foreign Secretary, Boris Johnson") are two
    mentions in re3d, of one person."""
    for k in range(start + 1, end - 1):
        if doc[k].text == ",":
            return [(start, k), (k + 1, end)]
    return [(start, end)]


def _clean_end(span: Any) -> int:
    """The end of a span without a reference mark or bracket the tokenizer glued to its last
    word ("Assad,[1", "Qanbar(Arabic")."""
    cut = re.search(r"[,;]?[\[(]", span.text)
    return span.start_char + cut.start() if cut and cut.start() > 0 else span.end_char


def mizan_entities(doc: Any) -> list[Entity]:
    from ..gazetteer import load_gazetteer
    from ..stages.placenames import place_cues

    cues = load_cues()
    place = place_cues()
    out: list[Entity] = []
    taken: set[int] = set()
    for m in doc._.mizan_actors or []:
        span = doc[m.start : m.end]
        if any(t.i in taken for t in span):
            continue  # nested mentions ("the leader of the PMF"): the outer one counts
        if len(span) == 1 and span[0].lower_ in POSSESSIVES:
            continue  # re3d marks "he", "we", "they" but hardly ever "his", "their"
        if m.kind == "country":
            if m.metonym == "demonym":
                continue
            typ = "Location" if _country_is_place(span, m, cues, place) else "Organisation"
        elif m.kind == "person" or m.role or (
            m.how in ("office", "title", "coref") and span.root.lower_ in _title_heads()
        ):  # fmt: skip
            typ = "Person"  # an office named by its title ("the US Secretary of State")
        else:
            typ = "Organisation"
        start, end = m.start, m.end
        if typ == "Person":
            start = _person_start(doc, start, end)
        elif m.how == "agent" and m.actor_id is None:
            start = _group_start(doc, start, end, taken)
        elif m.kind in ("organisation", "igo"):
            end = _with_members(doc, start, end)
        state = m.kind == "country" and m.metonym not in ("place", "capital", "seat")
        if typ == "Location":
            start, end = _place_span(doc, start, end, place, state)
            if any(t in taken for t in range(start, end)):
                start, end = m.start, m.end
        taken.update(range(start, end))
        ident = m.actor_id or m.provisional
        for a, b in _person_parts(doc, start, end) if typ == "Person" else [(start, end)]:
            span = doc[a:b]
            b_char = _clean_end(span)
            out.append(Entity(span.start_char, b_char, typ, doc.text[span.start_char:b_char],
                              ident, "country" if state else None))  # fmt: skip
    gaz = load_gazetteer()
    focus = doc._.mizan_focus
    facilities = place["facility_nouns"]
    for ent in doc.ents:
        while len(ent) > 1 and ent[0].lower_ in LEADING:
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label)  # "Near Tal Afar"
        if any(t.i in taken for t in ent):
            continue
        is_place = SPACY_MAP.get(ent.label_) == "Location" or (
            ent.label_ in ("PERSON", "ORG", "NORP") and gaz.lookup(_LEAD.sub("", ent.text), focus)
        ) or (ent.label_ == "ORG" and ent[-1].lemma_.lower() in facilities)
        # the parser's "Raqqah" as a person: a place mizan's gazetteer knows; "the Samarra
        # Barrage" as an organisation: a facility
        if is_place:
            start, end = _place_span(doc, ent.start, ent.end, place)
            if any(t in taken for t in range(start, end)):
                start, end = ent.start, ent.end
            taken.update(range(start, end))
            span = doc[start:end]
            found = gaz.lookup(_LEAD.sub("", span.text), focus)
            out.append(Entity(span.start_char, span.end_char, "Location", span.text,
                              level=found.precision if found is not None else None))
    out += _untagged_places(doc, taken, place, gaz, focus)
    return _join_qualified(sorted(out, key=lambda e: e.begin), gaz)


NAME_LINKS = frozenset({"al", "az", "ad", "as", "ar", "ash", "el", "ez", "an", "at", "-"})


def _untagged_places(doc: Any, taken: set[int], place: dict[str, frozenset[str]], gaz: Any,
                     focus: str | None) -> list[Entity]:  # fmt: skip
    """Capitalised words after a locative, directional or origin preposition that the
    tagger did not mark but the gazetteer knows ("Near Rawah, two strikes …")."""
    preps = place["locative"] | place["destination"] | place["origin"]
    out = []
    n = len(doc)
    for t in doc:
        j = t.i + 1
        if t.lower_ not in preps or j >= n or j in taken or not doc[j].text[:1].isupper():
            continue
        k = j
        while k < n and k - j < 5 and k not in taken and (
            (doc[k].text[:1].isupper() and doc[k].is_alpha)
            or (doc[k].lower_ in NAME_LINKS and k + 1 < n and doc[k + 1].text[:1].isupper())
        ):  # fmt: skip
            k += 1
        if k == j or gaz.lookup(doc[j:k].text, focus) is None:
            continue
        a, b = _place_span(doc, j, k, place)
        if any(x in taken for x in range(a, b)):
            a, b = j, k
        taken.update(range(a, b))
        span = doc[a:b]
        out.append(Entity(span.start_char, span.end_char, "Location", span.text))
    return out


def _join_qualified(ents: list[Entity], gaz: Any) -> list[Entity]:
    """A place and the region or country after a comma are one place in re3d ("Palmyra,
    Syria", "Berlin, Germany"), unless the first is a country too (a list: "Iraq, Syria")."""
    out: list[Entity] = []
    for e in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == e.type == "Location" and e.begin - prev.end <= 2
                and prev.level != "country" and e.level in ("country", "admin1")):  # fmt: skip
            out[-1] = Entity(prev.begin, e.end, "Location", prev.text + ", " + e.text,
                             prev.identity)  # fmt: skip
            continue
        out.append(e)
    return out


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
