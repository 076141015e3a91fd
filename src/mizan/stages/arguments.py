"""Actor and recipient of an event, from the dependency parse (never from word order).

* Actor: the subject, or the "by" phrase of a passive; inherited through control ("agreed
  to visit"), coordination, participles and relative clauses (``syntax.subject_of``).
  A pronoun subject under a verb of saying is the speaker ("Iraq said it would ...").
* Recipient: the direct or indirect object, else a prepositional object ("talks WITH X",
  "a visit TO Y", "fired AT Z"), else an actor inside the object ("rejected Iraq's
  proposal", "a U.S. request"). For a passive, the subject.
* Coordinated actors stay together in one list ("Iraq and Jordan signed ...").
* Appositions: "Kenzo Oshima, the UN relief coordinator," takes the resolved apposition.
"""

from __future__ import annotations

from spacy.tokens import Token

from .actors import ActorMention
from .syntax import agent_of, conjuncts, prep_objects, subject_of, tree_distance

RECIPIENT_PREPS = ("with", "to", "toward", "towards", "against", "on", "upon", "into", "at",
                   "from", "for", "over", "about", "between", "among", "in")  # fmt: skip
# "in X" is the recipient only for events that happen to a place: visits, protests, force
IN_IS_RECIPIENT_ROOTS = {"04", "14", "15", "16", "17", "18", "19", "20"}
# giving, sharing, cutting off: the object is what is given ("sent arms TO X", "offered troops
# TO X", "cut off electricity TO X"); the recipient is the indirect or prepositional object
THEME_ROOTS = {"03", "06", "07", "16"}
THEME_PREPS = ("to", "with", "for", "toward", "towards", "into", "from")
# criticism, protest: "complained TO the UN OVER Israeli raids" is about Israel
CRITIC_ROOTS = {"09", "11", "14"}
CRITIC_PREPS = ("against", "over", "about", "on", "of")
NOUN_PREPS = frozenset({"of", "by", "with", "to", "against", "between", "on", "from", "into",
                        "toward", "towards", "in", "for", "at", "over"})  # fmt: skip
PRONOUNS = {"it", "they", "we", "he", "she", "its", "their", "our", "his", "her", "i"}
SPEAKER_DEPS = ("ccomp", "xcomp", "parataxis", "advcl", "conj")
WEAK_HOW = {"ner"}
UNRESOLVED_NAMES = {"GPE", "ORG", "PERSON"}  # named entities that should be a party
MOTION_VERBS = frozenset({"arrive", "come", "return", "travel", "fly", "go", "leave"})
# a party named on the noun in an event's phrase: "reneged ON its commitment TO X"
NESTING_PREPS = frozenset({"on", "of", "from", "to", "against", "with"})
NESTED_PARTY_PREPS = frozenset({"to", "with", "from", "by", "against"})
# the parties of a meeting named in a clause on its noun: "a summit held BETWEEN X and Y"
PARTICIPANT_PREPS = frozenset({"between", "with", "among"})
# "the arrest of X": X suffered the act (force, coercion, sanctions)
PATIENT_OF_ROOTS = {"15", "16", "17", "18", "19", "20"}
NOMINAL_PATH = {"prep", "pobj", "compound", "amod", "nmod", "poss", "conj", "acl", "agent"}


class MentionIndex:
    """Actor mentions of a document by token."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        self.by_token: dict[int, ActorMention] = {}
        for m in mentions:
            for t in range(m.start, m.end):
                self.by_token.setdefault(t, m)

    def at(self, tok: Token) -> ActorMention | None:
        return self.by_token.get(tok.i)

    def for_argument(self, tok: Token) -> list[ActorMention]:
        """The actor(s) an argument token stands for, with its coordinated partners."""
        out: list[ActorMention] = []
        direct = self.at(tok) is not None
        members = conjuncts(tok)
        if direct:  # "Egypt, Jordan, Iraq and Syria": the parser may hang the list on an
            first = self.at(tok)
            for c in tok.children:  # apposition of the first name ("A, B, C and D"), or
                if c.dep_ != "appos":  # take the second for one ("A, the awful B, and C")
                    continue
                other = self.at(c)
                listed = any(k.dep_ == "conj" and k.i > c.i for k in tok.children) and (
                    other is not None and other.actor_id != getattr(first, "actor_id", None)
                    and other.kind in ("country", "igo")
                )
                if any(k.dep_ == "conj" for k in c.children) or listed:
                    members += [t for t in conjuncts(c) if t not in members]
        for t in members:
            # a name's partners are names too: not "his return" in "his visit to Washington
            # and his return"
            m = self.at(t) if direct and t.i != tok.i else self._resolved(t)
            if m is not None and m not in out:
                out.append(m)
                inner = self._inside_token(t, m) if self.at(t) is not m else None
                if inner is None and m.how == "agent":  # "the ministers of Iran and Turkey"
                    inner = next((p for c in t.children if c.dep_ == "prep"
                                  and c.lower_ in ("of", "from") for p in c.children
                                  if p.dep_ == "pobj"), None)  # fmt: skip
                for c in inner.conjuncts if inner is not None else ():
                    cm = self.at(c)
                    if cm is not None and cm not in out:
                        out.append(cm)
        head = self.at(tok)
        for c in tok.children if head is not None else ():
            assert head is not None
            # "Arnor, Calenardhon and the evil Gondor welcomed": the parser hung the first
            # members of the list on the last one
            if c.dep_ in ("nmod", "compound") and c.i < head.start and any(
                k.dep_ == "conj" for k in c.children
            ):
                for t in conjuncts(c):
                    cm = self.at(t)
                    if cm is not None and cm not in out and cm.country:
                        out.append(cm)
        return out

    def _inside_token(self, tok: Token, m: ActorMention) -> Token:
        return tok.doc[m.start] if m.end - m.start == 1 else tok.doc[m.end - 1]

    def _resolved(self, tok: Token) -> ActorMention | None:
        m = self.at(tok) or self._inside(tok)
        # "Kenzo Oshima, the UN relief coordinator", "U.N. mediator Diego Cordovez": an
        # unresolved name takes a resolved apposition or modifier
        if m is None or (m.how in WEAK_HOW and not m.country):
            for c in tok.children:
                if c.dep_ in ("appos", "compound", "amod", "nmod"):
                    a = self.at(c) or self._inside(c)
                    if a is not None and a is not m and (a.country or a.actor_id):
                        return a
        return m

    def agentive(self, tok: Token) -> list[ActorMention]:
        """Who did what a noun names: "Israel's raid", "the Israeli raid", "the arrest ... by
        Syrian police" (possessor, nationality adjective, or "by" phrase)."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = self.for_argument(p)
                        if found:
                            return found
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < tok.i:
                found = self.for_argument(c)
                if found:
                    return found
        return []

    def _inside(self, tok: Token) -> ActorMention | None:
        # "the leaders of Egypt", "a delegation from Iraq": the nearest mention below the head
        best: tuple[int, int, ActorMention] | None = None
        for child in tok.subtree:
            if child.i == tok.i:
                continue
            m = self.at(child)
            if m is None:
                continue
            t, blocked, d, nominal = child, False, 0, True
            while t.i != tok.i:
                if t.dep_ == "acl" and t.tag_ == "VBN" and child.head.dep_ == "agent":
                    pass  # "memos sent by Bree": the sender
                elif t.dep_ in ("relcl", "acl", "advcl", "appos", "ccomp", "xcomp", "conj"):
                    blocked = t.dep_ != "conj" or t.head.i != tok.i
                    if blocked:
                        break
                nominal = nominal and t.dep_ in NOMINAL_PATH
                t = t.head
                d += 1
            # "the leaders of Egypt" (3 arcs); "the resumption of ties with Osgiliath" (5)
            if blocked or d > (5 if nominal else 3):
                continue
            # a possessive pronoun is the last choice: "their disapproval of US policies"
            key = (d + (10 if child.tag_ == "PRP$" else 0), child.i)
            if best is None or key < best[:2]:
                best = (d, child.i, m)
        return best[2] if best else None


class ArgumentFinder:
    """Finds actors and recipients for triggers; see the module docstring."""

    def __init__(self, index: MentionIndex, object_control: frozenset[str],
                 governing: frozenset[str], event_nouns: dict[str, str] | None = None,
                 stance_nouns: frozenset[str] = frozenset(),
                 motion_verbs: frozenset[str] = frozenset(),
                 host_nouns: frozenset[str] = frozenset(),
                 stative: frozenset[str] = frozenset(),
                 self_passives: frozenset[str] = frozenset()) -> None:  # fmt: skip
        self.index = index
        self.object_control = object_control
        self.governing = governing  # verbs whose clause a pronoun subject refers back from
        self.event_nouns = event_nouns or {}  # nominal triggers: lemma → CAMEO code
        self.stance_nouns = stance_nouns  # "in defiance of X"
        self.motion_verbs = motion_verbs or MOTION_VERBS  # "arrived from X": no party
        self.host_nouns = host_nouns  # "sought refuge in X": X is the one asked
        self.stative = stative  # "were engaged in fighting": the subject acts
        self.self_passives = self_passives  # "were demobilised": the subject stands down

    # -- actors -----------------------------------------------------------------------
    def actor(self, verb: Token) -> tuple[list[ActorMention], Token | None, bool, Token | None]:
        """(actor mentions, actor token, passive?, passive subject token)."""
        subj, passive = subject_of(verb, self.object_control)
        if passive and verb.lemma_.lower() in self.stative and agent_of(verb) is None and any(
            c.dep_ == "prep" and c.lower_ == "in" for c in verb.children
        ):
            passive = False  # "the militia was engaged in looting"
        if passive and verb.lemma_.lower() in self.self_passives and agent_of(verb) is None:
            passive = False  # "the fighters were demobilised"
        tok = agent_of(verb) if passive else subj
        found = self.mentions_for(tok) if tok is not None else []
        if not found and not passive:  # "Rivals Gxndor and Eriador have restored ties":
            for c in verb.children:  # parsed with two subjects
                if c.dep_ == "nsubj" and c is not tok and self.index.for_argument(c):
                    return self.index.for_argument(c), c, False, None
        return found, tok, passive, subj if passive else None

    def mentions_for(self, tok: Token) -> list[ActorMention]:
        found = self.index.for_argument(tok)
        if not found and tok.lower_ in PRONOUNS:
            speaker = self.speaker_of(tok)
            if speaker is not None:
                found = self.index.for_argument(speaker)
        return found

    def speaker_of(self, tok: Token) -> Token | None:
        """For a pronoun in a reported or governed clause ("X said it would", "X denied that
        it had"), the subject of the governing verb above it."""
        t = tok.head
        for _ in range(8):
            if t.lemma_.lower() in self.governing:
                subj, _passive = subject_of(t, self.object_control)
                if subj is not None and subj.i != tok.i and subj.lower_ not in PRONOUNS:
                    return subj
            if t.head.i == t.i:
                return None
            t = t.head
        return None

    # -- recipients -------------------------------------------------------------------
    def recipient(
        self, head: Token, taken: set[int], code: str | None, extra_heads: tuple[Token, ...] = (),
        in_ok: bool = False,
    ) -> tuple[list[ActorMention], int]:
        """Recipient mentions of an event whose clause head is ``head``, and the parse
        distance to them; ``taken`` holds ids of the actor mentions."""
        root = (code or "")[:2]
        weak: tuple[list[ActorMention], int] | None = None
        for rank, tok in self._candidates(head, code, extra_heads, in_ok):
            found = []
            if root in CRITIC_ROOTS and rank == 0:  # "condemned the arrest ... by Syrian police"
                found = [m for m in self.index.agentive(tok) if id(m) not in taken]
            found = found or self.event_parties(tok, taken, root)
            found = found or [m for m in self.index.for_argument(tok) if id(m) not in taken]
            found = [m for m in found if not self._actor_pronoun(m, taken)]
            if found and all(guessed(m) for m in found):
                weak = weak or (found, tree_distance(head, tok))
                continue  # "refugees", "troops" whose country is only the text's focus
            if found:
                return found, tree_distance(head, tok)
        return weak or ([], 0)

    def unresolved_party(self, head: Token, code: str | None) -> Token | None:
        """A named counterpart no actor stands for ("restored ties with Gxndor"): the
        event's other party is there, but mizan cannot say who it is."""
        for _rank, tok in self._candidates(head, code):
            if tok.head.lower_ in PARTICIPANT_PREPS and tok.pos_ == "PROPN" and (
                tok.ent_type_ in UNRESOLVED_NAMES
            ) and not any(self.index.at(t) is not None for t in tok.subtree):
                return tok  # a partner "with"/"between" X, not a place it happened
        return None

    def _candidates(
        self, head: Token, code: str | None, extra_heads: tuple[Token, ...] = (),
        in_ok: bool = False,
    ) -> list[tuple[int, Token]]:
        """The words that may name the recipient, best first (rank, then text order); with
        ``in_ok`` an "in" phrase may name it whatever the event (PETRARCH's convention: the
        first actor after the verb)."""
        candidates: list[tuple[int, Token]] = []
        heads = (head, *extra_heads)
        root = (code or "")[:2]
        theme = root in THEME_ROOTS
        for h in heads:
            for c in h.children:
                if c.dep_ in ("dobj", "dative", "attr", "oprd") and c.pos_ not in ("PRON", "ADP"):
                    rank = 0 if c.dep_ in ("dobj", "dative") else 1
                    if theme and c.dep_ != "dative":
                        rank = 40  # the thing given: a recipient only when nothing else is
                    candidates.append((rank, c))
                elif c.dep_ == "npadvmod" and c.pos_ == "PROPN":
                    candidates.append((30, c))  # a misparsed object: "received, on Monday, X"
                elif c.dep_ == "prep" and c.lower_ == "as" and root in CRITIC_ROOTS:
                    # "condemned as a disgrace Serbia's handling of ...": the object
                    # moved after the "as" phrase, parsed as its apposition or a second object
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    candidates += [(0, a) for a in objs[1:2]]
                    candidates += [(0, a) for a in objs[0].children if a.dep_ == "appos"] if (
                        objs) else []  # fmt: skip
                elif c.dep_ in ("ccomp", "xcomp") and h.lemma_.lower() in self.object_control:
                    # "allowed candidate X to participate", parsed with X the subject of the
                    # complement: X is the one allowed
                    subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
                    if subj is not None and subj.pos_ not in ("PRON",):
                        candidates.append((0, subj))
        preps = []
        for h in heads:
            preps += prep_objects(h, set(RECIPIENT_PREPS))
            for c in h.children:  # "signed a deal with Jordan", "banned voting in X"
                if c.dep_ in ("dobj", "attr"):
                    allowed = set(RECIPIENT_PREPS)
                    if root not in IN_IS_RECIPIENT_ROOTS and not in_ok and (
                        c.lemma_.lower() not in self.host_nouns  # "an embassy in X"
                    ):
                        allowed.discard("in")
                    preps += prep_objects(c, allowed)
        for _prep, p in [q for h in heads for q in prep_objects(h, NESTING_PREPS)]:
            # "reneged on its commitment TO X", "backed out of the deal WITH X": the party
            # named on the noun the verb's phrase holds, when nothing nearer names one
            if p.pos_ == "NOUN" and self.index.at(p) is None:
                candidates += [(25, q) for _w, q in prep_objects(p, NESTED_PARTY_PREPS)]
        for h in heads:  # "rose in the dispute with X", "criticised over its dispute with X"
            for _prep, p in prep_objects(h, {"in", "over", "amid", "during"}):
                if p.pos_ == "NOUN" and self.index.at(p) is None:
                    candidates += [(35, q) for _w, q in prep_objects(p, PARTICIPANT_PREPS)]
        for prep, p in preps:
            if prep == "in" and root not in IN_IS_RECIPIENT_ROOTS and not in_ok and (
                head.lemma_.lower() not in self.motion_verbs  # "arrived in X": where to
            ) and not any(c.dep_ == "dobj" and c.lemma_.lower() in self.host_nouns
                          for c in head.children):  # "sought refuge in X"  # fmt: skip
                continue
            if prep == "from" and root == "04" and head.lemma_.lower() in self.motion_verbs:
                continue  # "flew to Erbil from Amman": where from is no party
            rank = 2 + RECIPIENT_PREPS.index(prep)
            if theme and prep in THEME_PREPS or root in CRITIC_ROOTS and prep in CRITIC_PREPS:
                rank = 1
            candidates.append((rank, p))
        candidates.sort(key=lambda x: (x[0], x[1].i))
        return candidates

    def _actor_pronoun(self, m: ActorMention, taken: set[int]) -> bool:
        """A pronoun standing for the event's own actor ("demonstrators ... showed THEIR
        disapproval"): never its recipient."""
        if m.how != "coref" or m.text.lower() not in PRONOUNS:
            return False
        actors = [a for a in self.index.by_token.values() if id(a) in taken]
        return any((a.actor_id is not None and a.actor_id == m.actor_id)
                   or (a.country, a.sector) == (m.country, m.sector) for a in actors)  # fmt: skip

    def event_parties(self, noun: Token, taken: set[int], root: str) -> list[ActorMention]:
        """The recipient an event noun in an event's object gives: for a meeting, its
        participants or host ("participated in the summit held between X and Y", "completed
        his visit to Washington"); otherwise the one whose act it was ("prevented the
        demonstration staged by students", "banned rallies by X")."""
        code = self.event_nouns.get(noun.lemma_.lower())
        if code is None or noun.pos_ != "NOUN" or self.index.at(noun) is not None:
            return []
        actor, recipient = self.noun_arguments(noun, code[:2] in PATIENT_OF_ROOTS)
        actor = [m for m in actor if id(m) not in taken and not _bound_pronoun(m, noun)]
        recipient = [m for m in recipient if id(m) not in taken]
        meeting = "04" in (root, code[:2])
        return (recipient or actor) if meeting else (actor or recipient)

    def purpose_recipient(
        self, head: Token, taken: set[int], code: str, objects: bool = False
    ) -> list[ActorMention]:
        """The recipient a purpose clause or an "in protest of" phrase names, for an event
        that has none of its own ("began a hunger strike to protest against X's decision");
        with ``objects``, also an infinitive on the object ("signed a deal to supply X")."""
        clauses = [c for c in head.children if c.dep_ in ("advcl", "xcomp")]  # (misparsed)
        if objects:
            clauses += [a for c in head.children if c.dep_ == "dobj"
                        for a in c.children if a.dep_ == "acl"]  # fmt: skip
        for c in clauses:
            if any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
                found = self.recipient(c, taken, code)[0]
                if found:
                    return found
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:
                    if p.dep_ == "pobj" and p.lemma_.lower() in self.stance_nouns:
                        for _prep, q in prep_objects(p, {"against", "of", "at", "over", "to"}):
                            found = [m for m in self.index.for_argument(q) if id(m) not in taken]
                            if found:
                                return found
        return []

    def content_subject(self, head: Token, taken: set[int]) -> list[ActorMention]:
        """The one a complaint is about: the subject of the clause it reports ("complained
        that Iraqi police had arrested ...")."""
        for c in head.children:
            if c.dep_ == "ccomp" and c.i > head.i:
                subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and subj.lower_ not in PRONOUNS:
                    found = [m for m in self.mentions_for(subj) if id(m) not in taken]
                    if found:
                        return found
        return []

    # -- nominal events ---------------------------------------------------------------
    def noun_arguments(
        self, noun: Token, patient_of: bool, destination: bool = False
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """Actor and recipient of a nominal event ("Iran's attack on X", "the arrest of X
        by Y", "Iraqi protests", "a visit by the minister to Riyadh")."""
        actor: list[ActorMention] = []
        recipient: list[ActorMention] = []
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i):
                found = self.index.for_argument(c)
                if found and destination and c.dep_ != "poss" and all(
                    m.kind == "country" or m.metonym for m in found
                ):
                    recipient = recipient or found  # "the Washington visit": where, not who
                elif found and not actor:
                    actor = found
        for prep, p in prep_objects(noun, NOUN_PREPS):
            found = [m for m in self.index.for_argument(p) if m not in actor]
            if not found:
                continue
            if prep == "by" or (prep == "of" and not patient_of) or (prep == "from" and not actor):
                if not actor:
                    actor = found
            elif not recipient and prep != "in":
                recipient = found
        for c in noun.children:  # "the summit (that was) held between X and Y", "a rally
            if c.dep_ not in ("relcl", "acl") or c.pos_ != "VERB" or c.tag_ != "VBN":
                continue  # staged by students" (not "the talks that Iraq was facing")
            agent = agent_of(c)
            if not actor and agent is not None:
                actor = self.index.for_argument(agent)
            if not recipient:
                for _prep, p in prep_objects(c, PARTICIPANT_PREPS):
                    recipient = [m for m in self.index.for_argument(p) if m not in actor]
                    if recipient:
                        break
        return actor, recipient


def _bound_pronoun(m: ActorMention, noun: Token) -> bool:
    """ "completed HIS visit": a possessive pronoun on an event's object is its subject."""
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" and m.start <= c.i < m.end
               for c in noun.children)  # fmt: skip


def guessed(m: ActorMention) -> bool:
    """An agent noun whose country was not written but guessed from the text's focus."""
    return m.how == "agent" and m.confidence <= 0.55
