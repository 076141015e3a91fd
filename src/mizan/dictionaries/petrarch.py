"""Readers for dictionaries written in the PETRARCH / TABARI text format.

The readers turn the text files into plain dataclasses shaped like mizan's own YAML data
(docs/data-files.md); ``scripts/convert_cameo.py`` writes those out. They never raise on a
line they do not understand: such lines are skipped and described, with their line number,
in the ``warnings`` list of the result.

Format summary (what the readers accept):

Verb dictionaries (``read_verbs``)
    ``&NAME`` starts a synonym set whose members follow as ``+WORD`` lines.
    ``---  NAME  [code]  ---`` starts a verb block; the code may be ``[---]`` (none),
    ``[042:043]`` (code and reverse code) or ``[:020]`` (reverse only).
    Inside a block, a bare word (``MEET {MEETS MET MEETING} [036]``) or a ``+`` multi-word
    form (``+MEET_WITH {+MET_WITH}``) is a verb lemma with optional irregular forms and an
    optional own code; ``- PRE * POST [code] # VERB`` lines are patterns. In patterns
    ``$`` marks the source, ``+`` the target, ``%`` a compound actor and ``^`` a skipped
    noun phrase; ``( … )`` and ``{ … }`` group words and are flattened; ``&NAME`` refers to
    a synonym set; ``A/B`` offers alternative words. ``~`` lines are transformations
    (kept as raw text, not interpreted). ``#`` (and the older ``;``) starts a comment.

Actor dictionaries (``read_actors``)
    An entry starts with a name at the start of a line; ``+NAME`` lines add alternative
    names; codes in brackets follow on the same line or on indented lines:
    ``[IRQGOV]``, ``[IRQGOV 060520-140908]``, ``[IRQGOV >20140908]``, ``[IRQGOV <031001]``.
    Six-digit dates are YYMMDD (years up to 30 are 20xx), eight-digit dates YYYYMMDD.

Agent dictionaries (``read_agents``)
    ``!NAME! = A, B, C`` defines a substitution set; ``WORD {PLURALS} [~SECTOR]`` lines
    map a noun to a sector code (``[~GOVBUS]``: primary GOV, secondary BUS; ``[IGO~]``:
    a prefix code). Underscores join the words of a phrase.
"""

from __future__ import annotations

from .petrarch_actors import (
    ActorCode,
    ActorDictionary,
    ActorEntry,
    AgentDictionary,
    AgentEntry,
    read_actors,
    read_agents,
)
from .petrarch_convert import verbs_to_mizan
from .petrarch_text import parse_code
from .petrarch_verbs import (
    Discard,
    Lemma,
    Pattern,
    VerbBlock,
    VerbDictionary,
    read_discards,
    read_verbs,
)

__all__ = [
    "ActorCode",
    "ActorDictionary",
    "ActorEntry",
    "AgentDictionary",
    "AgentEntry",
    "Discard",
    "Lemma",
    "Pattern",
    "VerbBlock",
    "VerbDictionary",
    "parse_code",
    "read_actors",
    "read_agents",
    "read_discards",
    "read_verbs",
    "verbs_to_mizan",
]
