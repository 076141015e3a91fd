"""Factory ``mizan_attribute_ruler``: the packaged pipeline's own attribute rules (its tag
map, morphology rules and lemma exceptions), applied by lookup instead of by spaCy's
``Matcher``. It takes the place of the pipeline's ``attribute_ruler`` under the same name.

The rules are read from the pipeline's ``attribute_ruler`` when mizan loads it; nothing is
copied. spaCy's ruler runs every rule through the ``Matcher`` at every token, which cost
1.1 s per 30,000 words on this machine, about a sixth of the whole spaCy pipeline. The
rules of ``en_core_web_sm`` test only a token's own word, tag, dependency label and
whether it is white space, so the rules that hold for a token depend only on those
values: they are worked out once per distinct combination and cached. The result is the
same as spaCy's ruler gives, rule for rule:

* every rule is matched against the tokens as they were before any rule was applied;
* matches are applied in the rules' order, so a later rule wins, as in
  ``AttributeRuler.match``, which sorts by the rule's number;
* multi-token rules ("gon na") are matched at each position, then applied in that order.

A rule outside what this handles (an operator such as ``OP``, an attribute not listed in
``COLUMNS``, a custom extension) leaves spaCy's own ruler in place: :func:`compile_rules`
returns ``None``. ``tests/test_tagmap.py`` checks the two agree on every token attribute.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, NORM, ORTH, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# the token attributes a rule may test, as read from ``Doc.to_array``
COLUMNS = {"ORTH": ORTH, "LOWER": LOWER, "NORM": NORM, "TAG": TAG, "DEP": DEP}
FLAGS = {"IS_SPACE": IS_SPACE}
ORDER = (*COLUMNS, *FLAGS)
CACHE_MAX = 200_000  # distinct token rows remembered (about 250 bytes each)

Test = Callable[[tuple[int, ...]], bool]
# per distinct token: one-token rule numbers, their merged attributes, multi-rule starts
Row = tuple[tuple[int, ...], dict[int, Any], tuple[int, ...]]


def _test(strings: StringStore, col: int, value: Any) -> Test | None:
    """One attribute test of one pattern token, over a row of ``ORDER`` values."""
    if isinstance(value, bool):
        want = int(value)
        return lambda row: row[col] == want
    if isinstance(value, str):
        h = strings.add(value)
        return lambda row: row[col] == h
    if isinstance(value, int):
        return lambda row: row[col] == value
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((op, arg),) = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
        hashes = {strings.add(a) for a in arg}
        if op == "IN":
            return lambda row: row[col] in hashes
        return lambda row: row[col] not in hashes
    if op == "REGEX" and isinstance(arg, str):
        search = re.compile(arg).search
        return lambda row: bool(search(strings[row[col]]))
    return None


def _token_test(strings: StringStore, spec: dict[str, Any], keys: list[str]) -> Test | None:
    tests: list[Test] = []
    for key, value in spec.items():
        if key not in keys:
            return None
        t = _test(strings, keys.index(key), value)
        if t is None:
            return None
        tests.append(t)
    return lambda row: all(t(row) for t in tests)


class Rules:
    """The ruler's rules, compiled: ``single[k]`` are the one-token rules, ``multi`` the
    longer ones, each as (rule number, token tests, index of the token it sets)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)
        self.single: list[tuple[int, Test]] = []
        self.multi: list[tuple[int, list[Test], int]] = []
        self.ok = True
        self._by_row: dict[tuple[int, ...], Row] = {}
        self._outcomes: dict[tuple[tuple[int, ...], tuple[int, ...]], Row] = {}
        strings = ruler.vocab.strings
        rules: list[dict[str, Any]] = list(ruler.patterns)
        used = {k for r in rules for p in r["patterns"] if isinstance(p, list) for s in p for k in s}
        # the row of a token holds only the attributes some rule tests
        self.keys = [k for k in ORDER if k in used]
        # (a row is never empty: rules that test nothing still need one per token)
        self.columns = [{**COLUMNS, **FLAGS}[k] for k in self.keys] or [ORTH]
        if used - set(ORDER):
            self.ok = False
            return
        for number, rule in enumerate(rules):
            index = int(rule.get("index", 0))
            for pattern in rule["patterns"]:
                if not isinstance(pattern, list) or not pattern:
                    self.ok = False
                    return
                tests = [_token_test(strings, spec, self.keys) for spec in pattern]
                at = index if index >= 0 else len(pattern) + index
                if any(t is None for t in tests) or not 0 <= at < len(pattern):
                    self.ok = False
                    return
                checked: list[Test] = [t for t in tests if t is not None]
                if len(checked) == 1:
                    self.single.append((number, checked[0]))
                else:
                    self.multi.append((number, checked, at))

    def for_row(self, row: tuple[int, ...]) -> Row:
        """For a token with these values: the one-token rules that hold (by number), their
        attributes merged in rule order (a later rule overrides), and the multi-token rules
        whose first token it could be (by position in ``multi``)."""
        hit = self._by_row.get(row)
        if hit is None:
            if len(self._by_row) >= CACHE_MAX:
                self._by_row.clear()
            numbers = tuple(sorted({n for n, t in self.single if t(row)}))
            merged: dict[int, Any] = {}
            for n in numbers:
                merged.update(self.attrs[n])
            starts = tuple(k for k, (_, tests, _) in enumerate(self.multi) if tests[0](row))
            # rows with the same outcome share one (most rows get only their tag's rule)
            hit = self._outcomes.setdefault((numbers, starts), (numbers, merged, starts))
            self._by_row[row] = hit
        return hit

    def multi_matches(
        self, rows: list[tuple[int, ...]], starts: list[tuple[int, ...]]
    ) -> dict[int, list[int]]:
        """Token position → numbers of the multi-token rules that set it."""
        out: dict[int, list[int]] = {}
        for start, ks in enumerate(starts):
            for k in ks:
                number, tests, at = self.multi[k]
                if start + len(tests) <= len(rows) and all(
                    t(rows[start + j]) for j, t in enumerate(tests) if j
                ):
                    out.setdefault(start + at, []).append(number)
        return out


def compile_rules(ruler: AttributeRuler) -> Rules | None:
    """The ruler's rules, or ``None`` when one of them needs spaCy's own ``Matcher``."""
    rules = Rules(ruler)
    return rules if rules.ok else None


class TagMap:
    """The component: a lookup over :class:`Rules`; before :meth:`adopt` it does nothing."""

    def __init__(self, name: str = "mizan_attribute_ruler") -> None:
        self.name = name
        self.rules: Rules | None = None

    def adopt(self, rules: Rules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        rules = self.rules
        if rules is None or not len(doc):
            return doc
        array = doc.to_array(rules.columns).reshape(len(doc), len(rules.columns))
        rows: list[tuple[int, ...]] = [tuple(r) for r in array.tolist()]  # type: ignore[arg-type]
        found = [rules.for_row(row) for row in rows]
        starts = [f[2] for f in found]
        multi = rules.multi_matches(rows, starts) if any(starts) else {}
        for i, (numbers, merged, _) in enumerate(found):
            extra = multi.get(i)
            if extra:
                token = doc[i]
                for n in sorted({*numbers, *extra}):
                    set_token_attrs(token, rules.attrs[n])
            elif merged:
                set_token_attrs(doc[i], merged)
        return doc


@Language.factory("mizan_attribute_ruler")
def make_tagmap(nlp: Language, name: str) -> TagMap:
    return TagMap(name)


def speed_up(nlp: Language) -> bool:
    """Put the lookup in place of the pipeline's ``attribute_ruler`` when every rule of
    it can be compiled; ``True`` when it was replaced."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("attribute_ruler")
    if not isinstance(stock, AttributeRuler):
        return False
    rules = compile_rules(stock)
    if rules is None:
        return False
    fast = nlp.replace_pipe("attribute_ruler", "mizan_attribute_ruler")
    assert isinstance(fast, TagMap)
    fast.adopt(rules)
    return True
