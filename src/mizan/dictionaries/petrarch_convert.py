"""A PETRARCH verb dictionary as mizan's own verbs-file structure (docs/data-files.md),
which ``scripts/convert_cameo.py`` writes out and ``--verbs PATH`` loads.
"""

from __future__ import annotations

from dataclasses import replace

from .petrarch_verbs import Lemma, Pattern, VerbDictionary, defined_synset


def _lemma_value(lem: Lemma) -> str | dict:
    if not lem.has_code and not lem.forms:
        return lem.lemma
    out: dict = {"lemma": lem.lemma}
    if lem.has_code:
        out["code"] = lem.code
        if lem.reverse is not None:
            out["reverse"] = lem.reverse
    if lem.forms:
        out["forms"] = sorted(lem.forms)
    return out


def _pattern_value(p: Pattern) -> dict:
    out: dict = {}
    if p.before:
        out["before"] = list(p.before)
    if p.after or not p.before:
        out["after"] = list(p.after)
    out["code"] = p.code
    if p.reverse is not None:
        out["reverse"] = p.reverse
    if p.roles:
        out["roles"] = dict(sorted(p.roles.items()))
    return out


def verbs_to_mizan(
    d: VerbDictionary, source: str = "cameo-2.0", notes: list[str] | None = None
) -> dict:
    """The verbs-file structure of docs/data-files.md (``synsets`` and ``blocks``).

    Blocks are sorted by name, lemmas by text, synset members alphabetically; patterns keep
    their order. On the way: duplicate lemmas and patterns are dropped; patterns naming an
    undefined synset are dropped; a pattern without words (``- * [042:043]``) becomes the
    code of the lemma named in its comment when that lemma has none (or is dropped when it
    repeats the lemma's code); blocks without lemmas are dropped. Each such change is
    described in ``notes`` (when given).
    """
    note = notes.append if notes is not None else (lambda _msg: None)
    synsets = {name: sorted(set(members)) for name, members in sorted(d.synsets.items())}
    blocks = []
    dup_lemmas = dup_patterns = 0
    for block in sorted(d.blocks, key=lambda b: (b.verb.casefold(), b.line)):
        lemmas: dict[str, Lemma] = {}
        for lem in block.lemmas:
            if lem.lemma in lemmas:
                dup_lemmas += 1
                continue
            lemmas[lem.lemma] = replace(lem, forms=list(lem.forms))
        patterns: list[dict] = []
        seen: set = set()
        for p in block.patterns:
            undefined = sorted({w for w in p.before + p.after
                                if w.startswith("&") and not defined_synset(w[1:], synsets)})  # fmt: skip
            if undefined:
                note(f"line {p.line}: pattern dropped: undefined synset {', '.join(undefined)}")
                continue
            if not p.before and not p.after:
                found = lemmas.get(p.origin or "")
                if found is not None and not found.has_code:
                    found.code, found.reverse, found.has_code = p.code, p.reverse, True
                    note(f"line {p.line}: pattern without words became the code of "
                         f"lemma {found.lemma!r} in {block.verb}")  # fmt: skip
                    continue
                if found is not None and (found.code, found.reverse) == (p.code, p.reverse):
                    note(f"line {p.line}: pattern without words dropped: it repeats the "
                         f"code of lemma {found.lemma!r} in {block.verb}")  # fmt: skip
                    continue
                note(f"line {p.line}: pattern without words kept as 'after: []' in {block.verb}")
            if p.key() in seen:
                dup_patterns += 1
                continue
            seen.add(p.key())
            patterns.append(_pattern_value(p))
        if not lemmas:
            note(f"line {block.line}: block {block.verb} dropped: it has no lemmas")
            continue
        value: dict = {"verb": block.verb, "code": block.code}
        if block.reverse is not None:
            value["reverse"] = block.reverse
        value["source"] = source
        value["lemmas"] = [_lemma_value(lemmas[k]) for k in sorted(lemmas)]
        value["patterns"] = patterns
        blocks.append(value)
    if dup_lemmas:
        note(f"{dup_lemmas} repeated lemma lines dropped")
    if dup_patterns:
        note(f"{dup_patterns} repeated patterns dropped")
    return {"synsets": synsets, "blocks": blocks}
