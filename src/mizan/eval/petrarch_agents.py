"""Agent composition for ``mizan eval petrarch-unittest``, as PETRARCH codes compound actors.

PETRARCH writes an actor as a country code followed by agent codes from its agents
dictionary: "Russian police" is RUSCOP, "Soldiers from Gondor" GONMIL, "MSF Arnor" NGOARN (an
agent marked ``[NGO~]`` goes first). mizan's actor stage resolves the country or the agent;
this helper, used only by the evaluation, joins the two the way PETRARCH does, from the parse
around each argument the event coder chose:

* a country word with an agent noun as its head: "Russian police", "Gondor police";
* an agent noun with a country in its "from"/"in"/"of" phrase or among its modifiers:
  "Soldiers from Gondor", "lawmakers in Fornost", "the information ministry of Gondor";
* a prefix agent on a country: "MSF Arnor".

The suite's codes are then read as mizan reads any CAMEO actor code (``split_code``), so
"RUSCOP" is country RUS, sector COP.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, Token

from ..actors.importer import split_code
from ..stages.actors import ActorMention
from ..stages.arguments import guessed

COUNTRY_PREPS = ("from", "in", "of")


class SuiteAgents:
    """The agent words of a PETRARCH agents dictionary, for composing actor codes."""

    def __init__(self, path: Path | None) -> None:
        self.codes: dict[str, str] = {}
        self.prefix: set[str] = set()
        self.longest = 1
        if path is None or not path.exists():
            return
        from ..dictionaries.petrarch import read_agents

        for e in read_agents(path).entries:
            for w in [e.word, *e.plurals]:
                w = w.lower()
                self.codes.setdefault(w, e.code)
                if e.prefix:
                    self.prefix.add(w)
                self.longest = max(self.longest, len(w.split()))

    def agent_at(self, tok: Token) -> str | None:
        """The agent phrase ending at ``tok`` ("police", "security officials"), longest first."""
        doc = tok.doc
        for n in range(min(self.longest, tok.i + 1), 0, -1):
            words = [t.lower_ for t in doc[tok.i - n + 1 : tok.i + 1]]
            for form in (" ".join(words), " ".join([*words[:-1], tok.lemma_.lower()])):
                if form in self.codes:
                    return form
        return None

    def _code(self, country: str, agent: str | None) -> tuple[str | None, str | None]:
        if agent is None:
            return country, None
        code = self.codes[agent]
        full = code + country if agent in self.prefix else country + code
        c, sectors = split_code(full)
        return c, sectors[0] if sectors else None

    def compose(self, doc: Doc, m: ActorMention, index: dict[int, ActorMention]) -> tuple[
        str | None, str | None
    ]:
        """(country, sector) of an argument mention, agents composed as PETRARCH does."""
        if not self.codes:
            return (None if guessed(m) else m.country), m.sector
        last = doc[m.end - 1]
        if m.how != "agent" and m.country:
            head = last.head
            if last.dep_ in ("amod", "compound", "nmod", "poss") and head.i >= m.end:
                agent = self.agent_at(head)
                if agent is not None:  # "Russian police", "Gondor police"
                    return self._code(m.country, agent)
            for c in doc[m.start : m.end]:
                for k in c.children:
                    if k.dep_ == "compound" and k.i < m.start and k.lower_ in self.prefix:
                        return self._code(m.country, k.lower_)  # "MSF Arnor"
            return m.country, m.sector
        if m.how == "agent":
            agent = self.agent_at(last)
            country = self._written_country(last, m, index)
            if country is None:  # PETRARCH never guesses a country from the text's focus
                return (None if guessed(m) else m.country), m.sector
            if agent is None:
                return country, m.sector
            return self._code(country, agent)
        return m.country, m.sector

    @staticmethod
    def _written_country(head: Token, m: ActorMention, index: dict[int, ActorMention]) -> str | None:
        """The country an agent phrase names: a modifier inside it, or "from/in/of X"."""
        for t in head.doc[m.start : m.end]:
            o = index.get(t.i)
            if o is not None and o is not m and o.country:
                return o.country
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in COUNTRY_PREPS:
                for p in c.children:
                    o = index.get(p.i)
                    if p.dep_ == "pobj" and o is not None and o.country and o.how != "agent":
                        return o.country
        return None
