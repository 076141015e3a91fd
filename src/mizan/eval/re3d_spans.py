"""How mizan's actor mentions and place names become re3d entities (``mizan eval re3d``):
the span conventions of re3d, documented in ``eval/re3d.py``.

* a person with the capitalised words of title and rank before the name, abbreviated ranks
  included ("Lt. Gen. X"); a title and a name in apposition are two mentions of one person;
  an office named by its title is a Person;
* a group named by a common noun with its modifiers but without quantifiers or its count
  ("Kurdish fighters", "civilians" out of "more than 60 civilians"; one person keeps it:
  "one man"); an organisation with the plural noun for its members ("EU
  leaders");
* a country as a Location where something is, else as the state (Organisation); a place with
  its qualifiers ("northern Iraq", "the city of Mosul", "Palmyra, Syria"); place names the
  tagger missed after a preposition; places named by a common noun with the words before it
  ("the ancient city", "an ISIL-held building", "here", "there"; ``stages/placenouns.py``)
  and geographic coordinates;
* a group without the words that judge or stress it ("the brutal militias", "even the greatly
  out-gunned FSA fighters"), with the groups of people coordinated with it ("teachers, doctors
  and dentists", "the Men and Women"); an organisation with the noun of its kind after it
  ("the Hezbollah movement");
* no organisation for a machine ("two tactical vehicles": re3d's Vehicle or MilitaryPlatform),
  nor for a name that only holds a place or flies a machine ("ISIL-held buildings", "Coalition
  aircraft"), nor inside a document's name ("Security Council Resolution 2254"); a named
  gathering as an Organisation ("the UK-France Summit").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Span

from ..actors.cues import load_cues
from ..actors.normalize import name_key
from ..stages.actor_base import LEADING
from ..stages.actor_context import acts_as_government
from ..stages.actor_groups import a_document, vessel_names

SPACY_MAP = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location",
             "FAC": "Location"}  # fmt: skip
_LEAD = re.compile(r"^(?:the|a|an)\s+", re.I)


@dataclass(frozen=True)
class Entity:
    begin: int
    end: int
    type: str
    text: str
    identity: str | None = None  # an actor id or an unknown actor's cluster (predictions)
    level: str | None = None  # a predicted Location naming a country or an admin1 region



POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})


def _country_is_place(span: Any, m: Any, cues: Any, place: dict[str, frozenset[str]]) -> bool:
    """Is a country name a Location here (where something is), or an Organisation (the
    state as a party)? A place after a locative or directional preposition ("in Iraq",
    "across Syria", "to Jordan", "the north of Syria") or qualifying a place noun ("the Syria
    border"), the subject of a place verb ("Syria has been …") or the object of a movement
    ("visited Turkey"); a party otherwise: a subject, an object ("support Iraq"), a modifier of another
    noun ("U.S. assistance", "UK-France co-operation"), after "with", "between", "by",
    "against", "including"."""
    if m.metonym == "place":
        return True  # a capital the actor stage found is only where something happens
    if m.metonym in ("capital", "seat", "government") or (
        m.how == "coref" and m.metonym != "place"
    ):  # fmt: skip
        return False
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "," and (
        doc[span.start - 2].ent_type_ in ("GPE", "LOC", "FAC") or doc[span.start - 2].pos_ == "PROPN"
    ) and not any(x.kind == "country" and x.start <= span.start - 2 < x.end
                  for x in doc._.mizan_actors or []):  # fmt: skip
        return True  # "Raqqah, Syria", "the Dayr az Zawr, Syria airstrike": the place's country
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    dep, head = root.dep_, root.head
    if dep in ("poss", "compound", "nmod") and head.lemma_.lower() in place["situation_nouns"]:
        return True  # "Syria's civil war", "the Syria crisis"
    if dep == "pobj":
        where = place["locative"] | place["weak_locative"] | place["destination"] | place["origin"]
        return head.lower_ in where | {"of", "for", "about"}
    if dep in ("compound", "amod", "nmod"):
        nouns = place["transparent_nouns"] | place["name_nouns"]
        return head.lemma_.lower() in nouns or head.lower_ in ("border", "borders", "coast")
    if dep == "nsubj" and head.lemma_.lower() in cues.place_verbs:
        return not acts_as_government(span, cues)  # "Syria has been a battlefield"
    if dep == "dobj" and head.lemma_.lower() in place["movement_lemmas"] | place["neighbour_verbs"]:
        return True  # "visited Turkey", "left Syria", "bordering Iran"
    if dep in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "npadvmod", "agent", "attr"):
        return False
    return not acts_as_government(span, cues)


def _gatherings(doc: Any, nouns: frozenset[str]) -> list[tuple[int, int]]:
    """Named gatherings, which re3d types as organisations: capitalised words, joined by
    hyphens or not, before a capitalised noun of a gathering ("the UK-France Summit", "the
    Manama Dialogue", "the G-20 Interfaith Conference"; ``gathering_nouns``); not a year
    before them ("the 2016 UK-France Summit")."""
    out = []
    for t in doc:
        if t.lower_ not in nouns or not t.text[:1].isupper() or t.is_sent_start:
            continue
        k = t.i
        while k > 0 and not doc[k].is_sent_start and (
            doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha
            or doc[k - 1].text == "-" and not doc[k - 1].whitespace_
            or doc[k - 1].text[:1].isupper() and any(c.isdigit() for c in doc[k - 1].text)
            or doc[k - 1].like_num and k > 1 and doc[k - 2].text == "-"
        ):  # fmt: skip
            k -= 1
        while k < t.i and doc[k].text == "-":
            k += 1
        if k < t.i:
            out.append((k, t.i + 1))
    return out


def _a_thing(span: Any, m: Any, cues: Any, place: dict[str, frozenset[str]]) -> bool:
    """Is a mention a machine, or a body named only to say who holds a place or flies a
    machine? re3d types vehicles as Vehicle or MilitaryPlatform ("two tactical vehicles",
    "an ISIL tactical vehicle"), and marks "ISIL-held buildings" and "Coalition aircraft" as
    one entity of the thing's type, without the name inside (``machine_nouns`` in
    ``data/actors/cues.yaml``, ``common_place_nouns`` in ``data/places/cues.yaml``). (Before
    other nouns its annotators mark the name in some documents and not in others: "ISIL
    targets"; the name stays.)"""
    root = span.root
    if m.how == "agent" and root.lemma_.lower() in cues.machine_nouns:
        return True
    if m.kind not in ("organisation", "igo") or m.how == "agent":
        return False
    head = root.head
    if root.dep_ not in ("compound", "nmod", "poss", "npadvmod") or head.i <= root.i:
        return False
    if head.tag_ == "VBN" and head.dep_ == "amod":
        return head.head.lower_ in place["common_place_nouns"]  # "ISIL-held buildings"
    return head.lemma_.lower() in cues.machine_nouns  # "Coalition aircraft"


def _place_span(doc: Any, start: int, end: int, place: dict[str, frozenset[str]],
                country: bool = False) -> tuple[int, int]:  # fmt: skip
    """A place name with its qualifiers, as re3d marks it: "northern Iraq", "the city of
    Mosul", "the Syrian city of Raqqa", "Mosul district", "Palmyra, Syria"."""
    n = len(doc)
    nouns = place["transparent_nouns"] | place["name_nouns"]
    if start > 0 and doc[start - 1].lower_ in place["direction_words"]:
        start -= 1
    elif start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].text[:1].isupper() \
            and doc[start - 2].lower_ in place["facility_nouns"]:  # "the Gulf of Oman"
        start -= 2
    elif start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lemma_.lower() in nouns \
            and doc[start - 2].lower_ not in place["direction_words"]:  # "south of Mosul": Mosul
        start -= 2
        while start > 0:  # "the Syrian city of", "the rebel-held town of"
            if doc[start - 1].dep_ in ("amod", "compound") and doc[start - 1].is_alpha:
                start -= 1
            elif start >= 2 and doc[start - 1].text == "-" and doc[start - 2].is_alpha:
                start -= 2
            else:
                break
    if end < n and (doc[end].lower_ in place["name_nouns"] or (
        doc[end].lower_ in place["facility_nouns"] and doc[end].head.i == end
        and doc[end - 1].head.i == end
    )):  # fmt: skip
        end += 1  # "Mosul district", "Anbar province", "the Tigris river"
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
    """Nouns for the people or units of an organisation: the registry's one-word agent nouns
    ("fighters") and nouns for a person ("spokesman"); not the last word of a longer agent
    phrase ("special operations"), which is no member ("SDF operations")."""
    from ..actors.loader import load_registry

    agents = {k for k in load_registry().agents if " " not in k}  # not "special operations"
    return frozenset(agents | load_cues().person_nouns | {"member", "partner", "nation",
                                                         "leader", "ally", "state", "victim",
                                                         "unit"})


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """Last words of the registry's titles and of nouns for a person ("minister",
    "secretary", "spokesman"): a mention headed by one is a person in re3d."""
    from ..actors.loader import load_registry

    heads = {t.title.split()[-1].lower() for t in load_registry().titles.values()}
    heads -= {"army", "intelligence", "parliament", "staff", "justice"}  # "chief of staff"
    return frozenset(heads | load_cues().person_nouns | {"secretary", "commissioner"})


def _group_start(doc: Any, start: int, end: int, taken: set[int]) -> int:
    """A group named by a common noun with its modifiers, as re3d marks it: "civilians",
    "Kurdish fighters", "the international community", "aid workers"."""
    head = doc[end - 1]
    left = max(head.left_edge.i, head.sent.start)
    while left < start and (left in taken or doc[left].is_punct or _quantifier(doc[left])
                            or doc[left].dep_ == "case"):  # "X's family": not from "'s"
        left += 1
    return min(start, left) if all(t not in taken for t in range(left, start)) else start


QUANTIFIERS = frozenset({"many", "some", "several", "most", "few", "more", "less", "than",
                         "over", "about", "around", "nearly", "almost", "even", "only",
                         "primarily", "either", "neither", "both", "least", "at", "up",
                         "to", "roughly", "approximately", "well-known"})  # fmt: skip


def _quantifier(t: Any) -> bool:
    """A word of quantity or degree that re3d leaves out of a group's span ("more than 60
    civilians" is "civilians" once the count is out too; "many Iraqis" is "Iraqis")."""
    return t.lower_ in QUANTIFIERS or t.dep_ in ("quantmod", "advmod", "preconj", "cc")


def _without_count(doc: Any, start: int, end: int) -> int:
    """Where a group of several begins without its count, as re3d mostly marks it: "2,000
    people" is "people", "three ISIL tactical units" is "ISIL tactical units", "an additional
    125 soldiers" is "soldiers" (one person keeps it: "one man")."""
    if doc[end - 1].tag_ not in ("NNS", "NNPS"):
        return start
    k = start
    while k < end - 1:
        t = doc[k]
        counted = doc[k + 1].like_num or doc[k + 1].lower_ == "additional"
        if t.like_num or t.tag_ == "CD" or _quantifier(t) or t.lower_ == "additional" or (
            t.lower_ in ("a", "an", "the") and counted
        ):  # fmt: skip
            k += 1
        else:
            break
    return k if any(doc[j].like_num or doc[j].tag_ == "CD" for j in range(start, k)) else start


def _of_name(doc: Any, end: int) -> int:
    """The end of a group's "of" phrase naming whose it is, as re3d marks it: "the people
    of Mosul", "senior officials of the EU" (the name inside stays an entity of its own),
    "the families of the victims" (one group)."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of" or doc[end].head.i != end - 1:
        return end
    obj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
    if obj is None or obj.i - end > 4:
        return end
    if obj.pos_ == "NOUN" and obj.tag_ == "NNS" and obj.lemma_.lower() in _member_nouns():
        return obj.i + 1  # "the families of the victims": one group
    return obj.i + 1 if obj.pos_ == "PROPN" else end


def _without_judgement(doc: Any, start: int, end: int, evaluative: frozenset[str]) -> int:
    """Where a group begins without the words that judge or stress it, as re3d marks it: an
    adverb ("even", "primarily", "either"), an adjective of judgement ("the brutal regime",
    "our brave service members", ``evaluative_words``) and what grades it ("the greatly
    out-gunned fighters"); words of kind stay ("Kurdish fighters", "young men")."""
    k = start
    while k < end - 1 and doc[k].lower_ in ("the", "a", "an"):
        k += 1
    start_word = k
    while k < end - 1:
        t = doc[k]
        if k + 1 < end and doc[k + 1].dep_ == "cc":
            break  # "vulnerable and displaced people": one description
        if t.dep_ in ("advmod", "preconj") and t.head.i >= k and t.pos_ in ("ADV", "CCONJ") or (
            t.lower_ in evaluative
        ) or (t.lower_ in ("the", "a", "an") and k > start_word) or (
            t.text == "-" and k > start_word and not t.whitespace_  # "out-gunned"
        ):  # fmt: skip
            k += 1
            continue
        if t.tag_ in ("VBN", "JJ") and k > start_word and (
            doc[k - 1].dep_ == "advmod" and doc[k - 1].head.i == t.i or doc[k - 1].text == "-"
        ):  # fmt: skip
            k += 1  # "greatly out-gunned"
            continue
        break
    if k == start_word or k >= end or doc[k].is_punct:
        return start
    return k


def _before_spaced_dash(doc: Any, start: int, end: int) -> int:
    """An organisation's name up to a dash between spaces, which joins two names that re3d
    marks apart: "Combined Joint Task Force - Operation X" is the task force."""
    for k in range(start + 1, end - 1):
        t = doc[k]
        if t.text in ("-", "–", "—") and doc[k - 1].whitespace_ and t.whitespace_:
            return k
    return end


def _possessor_start(doc: Any, start: int, end: int) -> int:
    """Where a group or an organisation begins with the name that owns it, as re3d marks it:
    "Iraq's Security Forces", "the UK's brave Armed Forces", "Sadiq's family" (the owner is no
    entity of its own there, unless a person)."""
    root = doc[start:end].root
    poss = next((c for c in root.children if c.dep_ == "poss" and c.i < start), None)
    if poss is None or poss.pos_ not in ("PROPN", "NOUN"):
        return start
    first = poss.left_edge.i
    return first if first >= root.sent.start else start


def _collective_start(doc: Any, start: int, end: int, taken: set[int],
                      collectives: frozenset[str], group: bool) -> int:  # fmt: skip
    """Where a group begins when a collective noun takes it in an "of" phrase, as re3d marks
    it: "a group of Syrian farmers", "hundreds of people", "many of his friends"
    (``collective_nouns``); an organisation or a group with its members named with a
    determiner or description: "the members of the Security Council", "key members of the
    coalition" (not a count of them: "40 members of the Coalition" is the Coalition)."""
    root = doc[start:end].root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.i >= start:
        return start
    coll = prep.head
    word = coll.lemma_.lower()
    if coll.lower_ == "members":  # "The Members of …": the tagger's proper noun has no lemma
        word = "member"
    if coll.i >= prep.i or not (word == "member" or (group and (
        word in collectives or coll.lower_ in collectives
    ))):  # fmt: skip
        return start
    first = coll.left_edge.i
    if any(t in taken for t in range(first, start)) or doc[first].sent.start > first:
        return start
    if word == "member" and not any(t.dep_ in ("det", "amod") and not _quantifier(t)
                                    and t.lower_ not in ("some", "any") for t in coll.lefts):
        return start  # "members of IS", "40 members of the Coalition": the body alone
    return first


def _coordinated(doc: Any, end: int, taken: set[int]) -> int:
    """The end of a group coordinated with other groups of the same kind, which re3d marks as
    one group: "family and friends", "allies and partners", "musicians and other artists",
    "children and women" (the registry's agent nouns, of one sector); not groups with
    determiners or descriptions of their own ("the regime and its backers", "opposition
    forces and innocent civilians") or of different kinds ("the government and people")."""
    from ..actors.loader import packaged_registry

    agents = packaged_registry().agents
    head = doc[end - 1]
    sector = agents.get(head.lemma_.lower()) or agents.get(head.lower_)
    if sector is None:
        return end
    last = end
    todo = [c for c in head.children if c.dep_ == "conj" and c.i >= end]
    while todo:
        c = todo.pop(0)
        mods = [t for t in c.lefts if t.dep_ not in ("cc", "punct")]
        if c.pos_ not in ("NOUN", "PROPN") or any(t.i in taken for t in doc[last : c.i + 1]) or any(
            t.dep_ != "amod" or t.lower_ not in _SHARED_MODIFIERS for t in mods
        ) or not _same_kind(c, head, sector, agents):  # fmt: skip
            break
        if any(t.pos_ == "PROPN" or t.ent_type_ for t in doc[last : c.i]
               if t.dep_ not in ("cc", "punct")):  # fmt: skip
            break
        last = c.i + 1
        todo = [g for g in c.children if g.dep_ == "conj"] + todo
    return last


def _same_kind(c: Any, head: Any, sector: str, agents: dict[str, str]) -> bool:
    """Are two coordinated agent nouns one group: of one sector, or both plural nouns for
    people ("teachers, doctors and dentists", "allies and friends")?"""
    other = agents.get(c.lemma_.lower()) or agents.get(c.lower_)
    return other == sector or (other is not None and c.tag_ == head.tag_ == "NNS")


_SHARED_MODIFIERS = frozenset({"other", "fellow", "senior"})


def _with_members(doc: Any, start: int, end: int) -> int:
    """An organisation named before a plural noun for its members, as re3d marks it: "EU
    leaders", "Coalition partners", "ISIL tactical units" are one Organisation."""
    root = doc[start:end].root
    head = root.head
    if root.pos_ not in ("PROPN", "NOUN"):  # the parser read the name as a verb ("IS
        nxt = doc[end] if end < len(doc) else None  # fighters"): the plural noun right after
        if nxt is not None and nxt.tag_ == "NNS" and (
            nxt.lemma_.lower() in _member_nouns() or nxt.lower_ in _member_nouns()
        ):  # fmt: skip
            return end + 1
        return end
    if root.dep_ not in ("compound", "amod", "nmod") or head.i < end or head.tag_ != "NNS":
        return end
    if head.lemma_.lower() not in _member_nouns() and head.lower_ not in _member_nouns():
        return end
    between = doc[end : head.i]
    if all(t.dep_ in ("compound", "amod") and t.head.i == head.i for t in between):
        return head.i + 1
    return end


def _with_kind(doc: Any, start: int, end: int, kinds: frozenset[str]) -> int:
    """An organisation's name with the noun for its kind right after it, as re3d marks it:
    "Lebanon's Hezbollah movement", "the Hamas movement" (``organisation_anaphors``)."""
    if end >= len(doc) or doc[end].lower_ not in kinds or doc[end].tag_ != "NN":
        return end
    return end + 1 if doc[start:end].root.head.i == end else end


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
    cut = re.search(r"(?<!\s)[,;]?[\[(]", span.text)
    return span.start_char + cut.start() if cut and cut.start() > 0 else span.end_char


def mizan_entities(doc: Any) -> list[Entity]:
    from ..gazetteer import load_gazetteer
    from ..stages.placenames import place_cues
    from ..stages.placenouns import coordinates, nominal_places

    cues = load_cues()
    place = place_cues()
    out: list[Entity] = []
    taken: set[int] = set()
    for a, b in _gatherings(doc, cues.gathering_nouns):  # "the UK-France Summit"
        taken.update(range(a, b))
        out.append(Entity(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), "Organisation",
                          doc[a:b].text))  # fmt: skip
    for m in doc._.mizan_actors or []:
        span = doc[m.start : m.end]
        if any(t.i in taken for t in span):
            continue  # nested mentions ("the leader of the PMF"): the outer one counts
        if len(span) == 1 and span[0].lower_ in POSSESSIVES:
            continue  # re3d marks "he", "we", "they" but hardly ever "his", "their"
        if _a_thing(span, m, cues, place):
            continue  # "two tactical vehicles", "ISIL-held buildings": re3d's vehicles, places
        if m.kind in ("organisation", "igo") and m.end < len(doc) and (
            doc[m.end].lower_ in cues.document_nouns and doc[m.end].text[:1].isupper()
        ):  # fmt: skip
            continue  # "Security Council Resolution 2254": a document's name (DocumentReference)
        # one human named by a common noun: "a soldier", "one man", "a local physician"
        individual = m.how == "agent" and m.actor_id is None and span.root.tag_ == "NN" and (
            span.root.lemma_.lower() in cues.individual_nouns)  # fmt: skip
        if m.kind == "country":
            if m.metonym == "demonym":
                continue
            typ = "Location" if _country_is_place(span, m, cues, place) else "Organisation"
        elif m.kind == "person" or m.role or individual or (span.root.lower_ in _title_heads() and (
            m.how in ("office", "title", "coref") or (m.how == "agent" and span.root.tag_ == "NN")
            or (m.actor_id or "").startswith("phoenix:") or m.kind == "igo"
        )):  # fmt: skip
            # an office named by its title ("the US Secretary of State", "a spokesman", "the UN
            # High Commissioner for Refugees", whose office the registry codes as the IGO)
            typ = "Person"
        else:
            typ = "Organisation"
        start, end = m.start, m.end
        if typ == "Person" and not individual:
            start = _person_start(doc, start, end)
        group = m.how == "agent" and m.actor_id is None and (typ != "Person" or individual)
        if group:
            start = _group_start(doc, start, end, taken)
        elif m.kind in ("organisation", "igo") and typ == "Organisation":
            end = _with_members(doc, start, end)
            start = _person_start(doc, start, end)  # "the Kurdish YPG", "the New Iraqi Army"
        if m.how == "agent":
            start = _without_count(doc, start, end)  # "2,000 people", "three ISIL units"
        state = m.kind == "country" and m.metonym not in ("place", "capital", "seat")
        if typ == "Location":
            start, end = _place_span(doc, start, end, place, state)
            if any(t in taken for t in range(start, end)):
                start, end = m.start, m.end
        if group or m.kind in ("organisation", "igo") and typ == "Organisation":
            start = _collective_start(doc, start, end, taken, cues.collective_nouns, group)
        if typ == "Organisation" and m.kind in ("organisation", "igo") and not group:
            end = _before_spaced_dash(doc, start, end)  # "Task Force - Operation X"
        if typ == "Organisation" and (group or m.kind in ("organisation", "igo")):
            first = _possessor_start(doc, start, end)  # "Iraq's Security Forces"
            if first < start:
                lo, hi = doc[first].idx, doc[start].idx
                out = [e for e in out if e.type == "Person" or not lo <= e.begin < hi]
                start = first
        if group:
            end = _coordinated(doc, end, taken)  # "family and friends", "allies and partners"
        if typ == "Organisation":
            start = _without_judgement(doc, start, end, cues.evaluative_words)
        if typ == "Organisation" and m.kind in ("organisation", "igo") and not group:
            end = _with_kind(doc, start, end, cues.organisation_anaphors)  # "Hezbollah movement"
        taken.update(range(start, end))
        outer = _of_name(doc, end) if group else end  # "the people of Mosul", nesting Mosul
        if group and outer > end and doc[outer - 1].pos_ != "PROPN":
            taken.update(range(end, outer))  # "the families of the victims": one group
        ident = m.actor_id or m.provisional
        for a, b in _person_parts(doc, start, end) if typ == "Person" else [(start, outer)]:
            span = doc[a:b]
            b_char = _clean_end(span)
            out.append(Entity(span.start_char, b_char, typ, doc.text[span.start_char:b_char],
                              ident, "country" if state else None))  # fmt: skip
    gaz = load_gazetteer()
    focus = doc._.mizan_focus
    facilities = place["facility_nouns"]
    ships = vessel_names(doc, cues.vessel_prefixes)
    for ent in doc.ents:
        while len(ent) > 1 and ent[0].lower_ in LEADING:
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label)  # "Near Tal Afar"
        if any(t.i in taken for t in ent):
            continue
        if ent[0].lower_ in cues.vessel_prefixes and ent[0].is_upper or name_key(ent.text) in ships:
            continue  # "HMS Ocean" is a ship, no place
        if a_document(ent, cues.document_nouns):
            continue  # "the Yazidi Black Book", "the Minsk agreements": a text, no place
        is_place = SPACY_MAP.get(ent.label_) == "Location" or (
            ent.label_ in ("PERSON", "ORG", "NORP") and gaz.lookup(_LEAD.sub("", ent.text), focus)
        ) or (ent.label_ in ("ORG", "PERSON") and len(ent) > 1
              and ent[-1].lemma_.lower() in facilities)  # fmt: skip
        # the parser's "Raqqah" as a person: a place mizan's gazetteer knows; "the Samarra
        # Barrage" as an organisation: a facility
        if is_place:
            first = _name_start(doc, ent.start, taken, gaz)
            start, end = _place_span(doc, first, ent.end, place)
            if any(t in taken for t in range(start, end)):
                start, end = ent.start, ent.end
            taken.update(range(start, end))
            span = doc[start:end]
            found = gaz.lookup(_LEAD.sub("", span.text), focus)
            out.append(Entity(span.start_char, span.end_char, "Location", span.text,
                              level=found.precision if found is not None else None))
    out += _untagged_places(doc, taken, place, gaz, focus)
    for npl in nominal_places(doc, taken, place["common_place_nouns"]):
        span = doc[npl.start : npl.end]  # "the town", "a mosque", "their homes"
        out.append(Entity(span.start_char, span.end_char, "Location", span.text))
    for a, b, _, _ in coordinates(doc.text):  # "33°47′N 44°30′E" is where something is
        if not any(e.begin < b and a < e.end for e in out):
            out.append(Entity(a, b, "Location", doc.text[a:b]))
    return _join_qualified(sorted(_in_titles(doc.text, out), key=lambda e: e.begin),
                           place["facility_nouns"])  # fmt: skip


def _in_titles(text: str, out: list[Entity]) -> list[Entity]:
    """An organisation named in an office title before the title's noun ("Col. X, the
    Central Command spokesman", "the UN Special Envoy Y") is part of that Person, as re3d
    marks it, not an Organisation of its own; an owner ("HRW's director") or an organisation
    after "of" stays one."""
    people = [e for e in out if e.type == "Person"]
    if not people:
        return out

    def inside(e: Entity) -> bool:
        for p in people:
            if p.begin <= e.begin and e.end < p.end:
                tail = text[e.end : p.end]
                if not tail.startswith(("'s", "’s")) and " of " not in text[p.begin : e.begin + 1]:
                    return True
        return False

    return [e for e in out if e.type != "Organisation" or not inside(e)]


NAME_LINKS = frozenset({"al", "az", "ad", "as", "ar", "ash", "el", "ez", "an", "at", "-"})


def _untagged_places(doc: Any, taken: set[int], place: dict[str, frozenset[str]], gaz: Any,
                     focus: str | None) -> list[Entity]:  # fmt: skip
    """Capitalised words that the tagger did not mark but the gazetteer knows: after a
    preposition of place ("Near Rawah, two strikes …", "access to eastern Aleppo"), or
    anywhere for a city it surely knows ("did you discuss Aleppo?")."""
    preps = place["locative"] | place["destination"] | place["origin"] | place["weak_locative"]
    out = []
    n = len(doc)
    for t in doc:
        j = t.i + 1
        if j < n and doc[j].lower_ in place["direction_words"] and t.lower_ in preps:
            j += 1  # "to eastern Aleppo": _place_span takes the direction word back
        if j >= n or j in taken or not doc[j].text[:1].isupper() or doc[j].ent_type_:
            continue
        if t.lower_ not in preps and not (
            doc[j].pos_ == "PROPN" and not doc[j].is_sent_start and _surely_city(doc[j].text, gaz)
        ):  # fmt: skip
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


def _surely_city(text: str, gaz: Any) -> bool:
    """A city of a million people or more, by its own name ("Aleppo", "Mosul")."""
    return any(p.precision == "city" and not alt and p.population >= 1_000_000
               for p, alt in gaz.candidates(text))  # fmt: skip


def _name_start(doc: Any, start: int, taken: set[int], gaz: Any) -> int:
    """Where a place name begins when the tagger cut off its first words at an Arabic
    article ("Dayr az [Zawr]"): the longer name, if the gazetteer knows it by that name."""
    for k in (start - 2, start - 3):
        if k < 0 or any(t in taken for t in range(k, start)):
            continue
        words = doc[k:start]
        if words[-1].lower_ in NAME_LINKS and words[0].text[:1].isupper() and all(
            t.is_alpha or t.text == "-" for t in words
        ) and any(not alt for _, alt in gaz.candidates(doc[k : start + 1].text)):  # fmt: skip
            return k
    return start


def _feature_of(text: str, features: frozenset[str]) -> bool:
    """ "the Gulf of Oman": a feature (``facility_nouns``) named after a place."""
    words = _LEAD.sub("", text).split()
    return len(words) > 2 and words[0].lower() in features and words[1] == "of"


def _join_qualified(ents: list[Entity], features: frozenset[str]) -> list[Entity]:
    """A place and the region or country after a comma are one place in re3d ("Palmyra,
    Syria", "Berlin, Germany"), unless the first is a country too (a list: "Iraq, Syria") or
    the second a sea named after one ("the Arabian Gulf, Gulf of Oman")."""
    out: list[Entity] = []
    for e in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == e.type == "Location" and e.begin - prev.end <= 2
                and prev.level != "country" and e.level in ("country", "admin1")
                and not _feature_of(e.text, features)):  # fmt: skip
            out[-1] = Entity(prev.begin, e.end, "Location", prev.text + ", " + e.text,
                             prev.identity)  # fmt: skip
            continue
        out.append(e)
    return out
