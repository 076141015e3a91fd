"""Stage ``mizan_records``: turn event mentions into event records (the contract in
docs/schema.md), score their confidence (``confidence.py``), and merge repeated mentions of
one event (``merge.py``): the merged record keeps every mention (``mentions``) and the
evidence of the first.

An event needs a resolved actor (a registry actor, or one with a country): precision first.
"""

from __future__ import annotations

import hashlib
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import CODER
from ..confidence import MIN_CONFIDENCE, UNNAMED_RESOLUTION
from ..confidence import score as confidence
from ..gazetteer import load_gazetteer
from ..ontology import PSEUDO_COUNTRIES, Ontology, load_ontology
from .actors import ActorMention
from .arguments import guessed
from .doccache import sent_chars
from .events import EventMention
from .merge import merge_records

# events done to a place: with no recipient in the text, the place's people are the recipient
PLACE_RECIPIENT_ROOTS = frozenset({"08", "14", "15", "16", "17", "18", "19", "20"})
# ... but a surrender, ceasefire or withdrawal in the actor's own country ("Ugandan rebels
# surrendered in Soroti"), or a resignation there, is done to nobody in the place
OWN_PLACE_NO_RECIPIENT = ("087", "0831")
# force with no named attacker ("were killed in a car bombing in Baghdad", "a roadside bomb
# killed ..."): the unidentified attackers of the country where it happened
UNNAMED_ATTACKER_ROOTS = frozenset({"18", "19", "20"})
UNNAMED_ATTACKER_MODALITIES = frozenset({"asserted", "reported"})


class RecordBuilder:
    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology

    def record(self, ev: EventMention, doc: Doc, doc_id: str) -> dict[str, Any] | None:
        unnamed = _unnamed_attacker(ev)
        if unnamed is None and not any(m.actor_id or m.country for m in ev.actor):
            return None  # an event needs a resolved actor (precision first)
        if ev.cameo[:2] == "04" and ev.recipient and all(guessed(m) for m in ev.actor) and (
            {m.country for m in ev.actor} <= {m.country for m in ev.recipient}
        ):
            return None  # "a delegation visited Washington", the delegation's country a guess
        code = self.ontology.get(ev.cameo)
        start_char, end_char, sent_text = sent_chars(doc, ev.trigger)
        evidence = {"sentence": ev.sentence, "start": start_char, "end": end_char,
                    "text": sent_text, "trigger": ev.trigger_text}  # fmt: skip
        actors = [_block(m) for m in _unique(ev.actor)] if unnamed is None else [unnamed]
        own = {m.country for m in ev.actor}
        recipients = [_block(m) for m in _unique(ev.recipient) if not (
            ev.cameo.startswith(OWN_PLACE_NO_RECIPIENT) and m.country in own
            and m.metonym in ("place", "demonym")  # "withdrew from the Bosnian town of X"
        )]  # fmt: skip
        place_country = str((ev.location or {}).get("country") or "")
        if ev.cameo[:2] in PLACE_RECIPIENT_ROOTS and place_country and not (
            ev.cameo.startswith(OWN_PLACE_NO_RECIPIENT) and place_country in own
        ) and (not recipients or _guessed_victims(ev, place_country)):
            # no one named, or (in the main clause) only people whose country was guessed
            # from the text's focus ("killed 23 people ... in Tel Aviv"): the place's people
            recipients = [_place_block(ev.location or {})]
        raw = f"{doc_id}|{start_char}|{doc[ev.trigger].idx}|{code.event}|{ev.cameo}"
        conf = confidence(ev) if unnamed is None else confidence(ev, UNNAMED_RESOLUTION)
        if conf < MIN_CONFIDENCE:
            return None  # too unsure to emit (precision first)
        return {
            "id": hashlib.sha256(raw.encode()).hexdigest()[:20],
            "doc_id": doc_id,
            "event": code.event,
            "mode": code.mode,
            "context": list(code.context),
            "cameo": ev.cameo,
            "goldstein": code.goldstein,
            "quad_class": code.quad_class,
            "actor": actors,
            "recipient": recipients,
            "date": ev.date,
            "enddate": ev.enddate,
            "date_precision": ev.date_precision,
            "date_text": ev.date_text,
            "location": ev.location,
            "modality": ev.modality,
            "attributed_to": ev.attributed_to,
            "evidence": evidence,
            "confidence": conf,
            "coder": CODER,
            "mentions": [dict(evidence, modality=ev.modality, confidence=conf, doc_id=doc_id)],
            "_own_people": ev.own_people,
        }

    def __call__(self, doc: Doc) -> Doc:
        doc_id = doc._.mizan_doc_id or ""
        records: list[dict[str, Any]] = []
        for ev in doc._.mizan_events or []:
            rec = self.record(ev, doc, doc_id)
            if rec is not None:
                records.append(rec)
        records = merge_records(records)
        for r in records:
            if r.pop("_own_people", False) and not r["recipient"]:
                r["recipient"] = _own_people(r["actor"])  # after merging: "opened ... to allow"
            for side in ("actor", "recipient"):
                for a in r[side]:
                    a.pop("_generic", None)
        doc._.mizan_records = records
        return doc


def _block(m: ActorMention) -> dict[str, object]:
    """The record's actor block, marked while merging when it is an unnamed agent."""
    block = m.as_actor()
    block["_generic"] = m.how == "agent" and not m.actor_id
    return block


def _guessed_victims(ev: EventMention, place_country: str) -> bool:
    """The victims of an attack told in the main clause are only people whose country was
    guessed from the text's focus, and it happened in another country."""
    return ev.cameo[:2] in UNNAMED_ATTACKER_ROOTS and ev.role == "main" and all(
        guessed(m) for m in ev.recipient
    ) and place_country not in {m.country for m in ev.recipient}


def _unnamed_attacker(ev: EventMention) -> dict[str, object] | None:
    """The actor of an act of force that names no attacker and no one else: the unidentified
    attackers (sector UNK) of the country where it happened, as ICEWS and PLOVER code a
    bombing by persons unknown; "gunmen", "assailants" of no known country are those of the
    place. Only an asserted or reported act in the sentence's main clause with a victim ("were
    killed", "killed two soldiers"), placed in a country."""
    if ev.place_actor and ev.actor:
        m = ev.actor[0]  # "was shot dead in X" (the events stage): X's unidentified agents;
        arrest = ev.cameo.startswith("17")  # "was arrested in X": X's authorities
        return {"text": None, "name": f"{'authorities' if arrest else 'unidentified attackers'}"
                f" ({m.name})", "id": None, "country": m.country,
                "sector": "COP" if arrest else "UNK", "role": None, "_generic": True}
    if any(m.actor_id or m.country or m.how != "agent" for m in ev.actor):
        return None  # a named or resolved attacker
    if ev.cameo[:2] not in UNNAMED_ATTACKER_ROOTS or not ev.recipient:
        return None
    if ev.role != "main" or ev.modality not in UNNAMED_ATTACKER_MODALITIES:
        return None
    loc = ev.location
    if not loc or not loc.get("country"):
        return None
    who = ev.actor[0] if ev.actor else None
    return {"text": who.text if who else None,
            "name": f"{who.name if who else 'unidentified attackers'} ({loc.get('name')})",
            "id": None, "country": loc.get("country"), "sector": (who.sector if who else None)
            or "UNK", "role": None, "_generic": True}  # fmt: skip


def _own_people(actors: list[dict[str, Any]]) -> list[dict[str, object]]:
    """The people of the actor's own country (one country, a state), for an event the coder
    found aimed at them (``EventMention.own_people``)."""
    countries = {a.get("country") for a in actors}
    if len(countries) != 1:
        return []
    country = next(iter(countries))
    if not isinstance(country, str) or country in PSEUDO_COUNTRIES:
        return []
    place = load_gazetteer().country(country)
    name = place.name if place is not None else country
    return [{"text": None, "name": name, "id": None, "country": country, "sector": "CVL",
             "role": None, "_generic": True}]  # fmt: skip


def _place_block(loc: dict[str, Any]) -> dict[str, object]:
    """The people of the place where an act of force, coercion or protest happened, as its
    recipient when the text names none ("demonstrated in Kirkuk", "shelled targets in
    Jericho"): CAMEO's and PLOVER's convention of coding a city as its country's civilians."""
    return {"text": loc.get("name"), "name": loc.get("name"), "id": None,
            "country": loc.get("country"), "sector": "CVL", "role": None, "_generic": True}  # fmt: skip


def _unique(ms: list[ActorMention]) -> list[ActorMention]:
    seen, out = set(), []
    for m in ms:
        key = m.actor_id or (m.country, m.sector, m.name)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


@Language.factory("mizan_records")
def make_record_builder(nlp: Language, name: str) -> RecordBuilder:
    return RecordBuilder(load_ontology())
