"""Who "I", "we" and "it" stand for: the speaker of a quotation or statement, the institution
that issues a statement, and the organisation a sentence before was about.

* "I", "me", "my" → the speaker; "we", "us", "our" → the speaker's organisation when the
  speaker's description names one ("X, the CJTF-OIR spokesperson"), else the speaker's
  government when the speaker is a known official (an office on the date, or a registry
  person of a state sector); any other speaker's "we" (a student's, a farmer's, an unknown
  minister's whose country may only be the text's focus) is an unnamed group of the
  speaker's people, no government. The speaker is the subject of a speech verb in the same sentence
  ('"I condemn this," Johnson said'), the latest one before a quotation, or the subject of a
  line ending in a colon, whose words follow up to the next such line ("Minister X said:",
  "SECRETARY KERRY: We talked about …"); a release whose first sentence has a person speak
  ("Minister X welcomes the agreement.") is that person's words.
* Outside any quotation or statement, "we" is the institution the text speaks for: the
  latest organisation or state before it that is the subject of a verb of speech or of a
  statement ("The United States condemns the attack. We extend our condolences …"). The
  author's "I" is never guessed.
* "the group", "this terrorist organisation" → the latest organisation named before;
* "it" → the organisation or state that is the subject of the verb reporting its clause ("The
  ministry said it would …"), or, opening a sentence, the main subject of the sentence before ("The
  society was founded in 1989. It registers domain names"); not the "it" of "it is clear
  that …".
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Token

from ..actors.cues import Cues
from ..actors.registry import Registry
from .actor_affiliation import STATE_SECTORS
from .actor_context import DocInfo

if TYPE_CHECKING:
    from .actors import ActorMention

INSTITUTIONS = ("organisation", "igo", "country")
NOT_ACTING = ("place", "demonym")


def _clause_root(m: ActorMention, doc: Doc) -> Token:
    root = doc[m.start : m.end].root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root


def _speaker_of(m: ActorMention, doc: Doc, verbs: frozenset[str]) -> bool:
    root = _clause_root(m, doc)
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in verbs:
        return True
    head = root.head  # "according to X"
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _quoted(info: DocInfo, i: int) -> bool:
    """Is token ``i`` inside a quotation? Quotes are counted from the start of its paragraph
    (a quotation left open runs to the paragraph's end, as in many translated reports)."""
    text = info.text
    pos = info.idx[i]
    start = text.rfind("\n\n", 0, pos)
    para = text[start + 1 if start >= 0 else 0 : pos]
    opened = para.count("“") - para.count("”")
    return opened > 0 or para.count('"') % 2 == 1


def _line_end(info: DocInfo, i: int) -> bool:
    """Does token ``i`` end its line (only spaces up to a line break, or the text's end)?"""
    end = info.idx[i] + info.length[i]
    nxt = info.text.find("\n", end)
    return nxt < 0 or not info.text[end:nxt].strip()


def _label(info: DocInfo, i: int) -> bool:
    """Is the colon at token ``i`` the end of a transcript's speaker label, a line that opens
    with words in capitals ("SECRETARY X: We talked …", "QUESTION: Did you …")?"""
    line = info.text.rfind("\n", 0, info.idx[i]) + 1
    label = info.text[line : info.idx[i]].strip()
    return 0 < len(label) <= 40 and label.isupper() and all(
        w.replace("-", "").replace(".", "").replace("'", "").isalpha() for w in label.split()
    )


def statements(doc: Doc, mentions: list[ActorMention], info: DocInfo) -> list[tuple[int, ActorMention | None]]:  # fmt: skip
    """(first token, speaker) of each statement introduced by a line that ends in a colon:
    "Foreign Secretary X said:", "X released the following statement:", or by a transcript's
    speaker label ("SECRETARY X: We talked …"). The speaker is the subject of that line's
    verb, or the name right before the colon; even an unresolved one ("The Foreign Secretary
    said:"), whom the statement's "I" then shares. A label that names no actor ("QUESTION:")
    ends the statement before it, with no speaker."""
    out: list[tuple[int, ActorMention | None]] = []
    actors = [m for m in mentions if m.kind in ("person", *INSTITUTIONS)
              and m.metonym not in NOT_ACTING]  # fmt: skip
    for i in info.where([":"]):
        label = _label(info, i)
        if not label and not _line_end(info, i):
            continue
        line = info.text.rfind("\n", 0, info.idx[i]) + 1
        on_line = [m for m in actors if m.end <= i and info.idx[m.start] >= line]
        subj = [m for m in on_line if any(t.dep_ in ("nsubj", "nsubjpass")
                                          for t in doc[m.start : m.end])]  # fmt: skip
        named = [m for m in on_line if m.end == i]
        found = subj[:1] or named[-1:]
        if found:
            out.append((i + 1, found[0]))
        elif label:
            out.append((i + 1, None))
    return out


def _speakers(doc: Doc, mentions: list[ActorMention], cues: Cues) -> list[ActorMention]:
    verbs = cues.speech_verbs | cues.statement_verbs
    return sorted((m for m in mentions if m.kind in ("person", *INSTITUTIONS)
                   and (m.actor_id or m.provisional) and m.metonym not in NOT_ACTING
                   and _speaker_of(m, doc, verbs)), key=lambda m: m.start)  # fmt: skip


def resolve_first_person(
    doc: Doc,
    mentions: list[ActorMention],
    registry: Registry,
    cues: Cues,
    country_mention: Any,
    info: DocInfo,
) -> list[ActorMention]:
    """Add a mention for each first-person pronoun whose speaker is known (module doc)."""
    pronouns = info.where(cues.first_person | cues.first_person_plural)
    if not pronouns:
        return mentions
    covered = {t for m in mentions for t in range(m.start, m.end)}
    speakers = _speakers(doc, mentions, cues)
    blocks = statements(doc, mentions, info)
    first = info.sent_starts[1] if len(info.sent_starts) > 1 else len(doc)
    lead = [m for m in speakers if m.start < first and m.kind == "person"]
    if lead and (not blocks or blocks[0][0] > lead[0].end):
        blocks.insert(0, (lead[0].end, lead[0]))  # "Minister X welcomes the deal." heads X's words
    if not speakers and not blocks:
        return mentions
    block_starts = [b for b, _ in blocks]
    starts = info.sent_starts
    out = list(mentions)
    for i in pronouns:
        tok = doc[i]
        word = tok.lower_
        plural = word in cues.first_person_plural
        if tok.i in covered or (word == "i" and tok.text != "I"):
            continue
        k = bisect_right(starts, tok.i) - 1
        hi = starts[k + 1] if k + 1 < len(starts) else len(doc)
        nxt = starts[k + 2] if k + 2 < len(starts) else len(doc)
        b = bisect_right(block_starts, tok.i) - 1
        sp: ActorMention | None = None
        if _quoted(info, tok.i) or any(starts[k] <= m.start < hi for m in speakers):
            before = [m for m in speakers if m.start < tok.i]
            # the latest speaker before, else one in the same sentence or the next
            near = before[-1:] or [m for m in speakers if tok.i < m.start < max(hi, nxt)][:1]
            if b >= 0 and (not near or near[0].start < block_starts[b]):
                near = [x for x in blocks[b][1:] if x is not None]  # the statement's speaker
            sp = near[0] if near else None
        elif b >= 0:
            sp = blocks[b][1]
        elif plural:  # the author's "we": the institution the text speaks for
            sp = next((m for m in reversed(speakers) if m.start < tok.i
                       and m.kind in INSTITUTIONS), None)  # fmt: skip
        if sp is None:
            continue
        if not plural:
            if sp.kind == "person":
                out.append(replace(sp, start=tok.i, end=tok.i + 1, text=tok.text, how="coref",
                                   confidence=round(sp.confidence * 0.8, 3)))  # fmt: skip
        elif sp.kind != "person" or (side := _side(sp, mentions, doc)) is not None:
            body = sp if sp.kind != "person" else side
            assert body is not None
            out.append(replace(body, start=tok.i, end=tok.i + 1, text=tok.text, how="coref",
                               metonym="government" if body.kind == "country" else None,
                               confidence=round(body.confidence * 0.7, 3)))  # fmt: skip
        elif sp.country and sp.country in registry.actors and (
            sp.role or (sp.actor_id and sp.sector in STATE_SECTORS)
        ):  # a known official; an unknown speaker's country is often only the text's focus
            m = country_mention(doc, tok.i, tok.i + 1, sp.country)
            out.append(replace(m, metonym="government", confidence=round(sp.confidence * 0.6, 3)))
        else:  # a private person's "we" (a student, a farmer) is their own people, no government
            out.append(replace(sp, start=tok.i, end=tok.i + 1, text=tok.text, how="coref",
                               kind="group", actor_id=None, provisional=None, role=None,
                               metonym=None, confidence=round(sp.confidence * 0.5, 3)))  # fmt: skip
    return out


def _side(sp: ActorMention, mentions: list[ActorMention], doc: Doc) -> ActorMention | None:
    """The organisation a speaker speaks for, named in the speaker's own description: "Col.
    X, the CJTF-OIR spokesperson", "Gen. Y, U.S. Central Command commander"."""
    root = _clause_root(sp, doc)
    lo, hi = root.left_edge.i, root.right_edge.i + 1
    inside = [m for m in mentions if lo <= m.start and m.end <= hi and m is not sp
              and m.kind in ("organisation", "igo") and (m.actor_id or m.provisional)
              and not (sp.start <= m.start < sp.end)]  # fmt: skip
    return inside[0] if inside else None


def _expletive(tok: Token) -> bool:
    """ "It is clear that …", "it's essential that …", "it was reported that …", "it takes
    time to …": no referent."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    later = [c for c in head.children if c.i > tok.i]
    later += [g for c in later if c.dep_ in ("acomp", "attr", "oprd") for g in c.children]
    return any(c.dep_ in ("ccomp", "xcomp", "csubj", "advcl") for c in later) and (
        head.lemma_ in ("be", "seem", "appear", "take", "remain", "become", "make")
        or tok.dep_ == "nsubjpass"
    )


def resolve_it(doc: Doc, mentions: list[ActorMention], info: DocInfo) -> list[ActorMention]:
    """Add a mention for each "it" that stands for an organisation or a state (module doc):
    the subject of the verb that reports its clause ("the military said it is looking
    into …"), or, for an "it" that opens its sentence, the main subject of the
    sentence before."""
    its = info.where(["it"])
    if not its:
        return mentions
    covered = {t for m in mentions for t in range(m.start, m.end)}
    subjects = [m for m in mentions if m.kind in INSTITUTIONS and m.metonym not in NOT_ACTING
                and _clause_root(m, doc).dep_ in ("nsubj", "nsubjpass")
                and _clause_root(m, doc).tag_ not in ("NNS", "NNPS")]  # fmt: skip
    if not subjects:
        return mentions
    out = list(mentions)
    starts = info.sent_starts
    for i in its:
        tok = doc[i]
        if i in covered or tok.dep_ not in ("nsubj", "nsubjpass") or _expletive(tok):
            continue
        k = bisect_right(starts, i) - 1
        clause = tok.head  # "the military said [it is looking into …]": a reported clause
        above = clause.head.i if clause.dep_ == "ccomp" else -1
        ante = [m for m in subjects if starts[k] <= m.start and m.end <= i
                and _clause_root(m, doc).head.i == above][-1:]  # fmt: skip
        first = next((t for t in doc[starts[k] : i] if not (t.is_space or t.is_punct)), None)
        if not ante and k > 0 and first is None:
            prev = [m for m in subjects if starts[k - 1] <= m.start < starts[k]
                    and _clause_root(m, doc).head.dep_ == "ROOT" and m.kind != "country"]  # fmt: skip
            ante = prev[:1]
        if ante:
            m = ante[0]
            if m.kind != "country" and m.start >= starts[k - 1 if k else 0]:
                subjects.append(replace(m, start=i, end=i + 1))  # "It was founded … It acts …"
                subjects.sort(key=lambda x: x.start)
            out.append(replace(m, start=i, end=i + 1, text=tok.text, how="coref", metonym=None
                               if m.metonym not in ("capital", "seat") else m.metonym,
                               confidence=round(m.confidence * 0.7, 3)))  # fmt: skip
    return out


def resolve_group_nouns(
    doc: Doc, mentions: list[ActorMention], cues: Cues, info: DocInfo
) -> list[ActorMention]:
    """ "The group was founded in 2004", "this terrorist organisation": a definite noun for an
    organisation (``organisation_anaphors`` in cues.yaml) stands for the latest organisation
    named in its sentence or the three before; not an army, a ministry or a police force,
    which no one calls "the group"."""
    heads = info.where(cues.organisation_anaphors)
    if not heads:
        return mentions
    covered = {t for m in mentions for t in range(m.start, m.end)}
    orgs = sorted((m for m in mentions if m.kind == "organisation" and m.how != "agent"
                   and (m.actor_id or m.provisional) and m.sector not in STATE_SECTORS),
                  key=lambda m: m.start)  # fmt: skip
    out = list(mentions)
    starts = info.sent_starts
    for i in heads:
        tok = doc[i]
        if i in covered or tok.tag_ != "NN" or tok.dep_ in ("compound", "amod", "nmod"):
            continue
        left = [c for c in tok.children if c.i < i]
        det = next((c for c in left if c.dep_ == "det"), None)
        if det is None or det.lower_ not in ("the", "this", "that") or any(
            c.i > i and c.dep_ == "prep" and c.lower_ == "of" for c in tok.children
        ):  # fmt: skip
            continue  # "a group", "the group of friends"
        start = min(c.left_edge.i for c in left)
        if any(t in covered for t in range(start, i)):
            continue  # "the ISIL group" is a name already
        k = bisect_right(starts, i) - 1
        lo = starts[max(0, k - 3)]
        ante = [m for m in orgs if lo <= m.start and m.end <= start]
        if ante:
            m = ante[-1]
            out.append(replace(m, start=start, end=i + 1, text=doc[start : i + 1].text,
                               how="coref", metonym=None,
                               confidence=round(m.confidence * 0.7, 3)))  # fmt: skip
    return out
