"""Shared helpers for the evaluations."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import EvalError

# the 2017 GSR categories in PLOVER's current 16
GSR_EVENT_MAP = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# the 2017 GSR mode names in PLOVER's 2021 modes (the ontology's plover_mode column)
GSR_MODE_MAP = {
    "strike-hun": "hunger",
    "strike-gen": "boycott",
    "riot-spon": "riot",
    "demo-org": "demo",
    "demo-spon": "demo",
    "host": "visit",
    "detain": "arrest",
    "confiscate": "seize",
    "censor": "restrict",
}
# pseudo-countries compared as one, and CAMEO country codes that differ from ISO alpha-3
COUNTRY_MAP = {"UNO": "IGO", "EUR": "IGO", "JAP": "JPN", "ITL": "ITA"}


def norm_country(code: Any) -> str | None:
    if not code:
        return None
    code = str(code).upper()[:3]
    return COUNTRY_MAP.get(code, code)


def load_json(path: Path) -> Any:
    path = Path(path)
    if not path.exists():
        raise EvalError(f"{path}: no such file; give the path to the evaluation set")
    if path.is_dir():  # the set's folder: its one JSON file
        found = sorted(path.glob("*.json"))
        if len(found) != 1:
            names = ", ".join(p.name for p in found) or "none"
            raise EvalError(f"{path}: a folder with {len(found)} JSON files ({names}); "
                            "give the path to the evaluation set's JSON file")  # fmt: skip
        path = found[0]
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvalError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def confusion_lines(pairs: list[tuple[str, str]], width: int = 12) -> list[str]:
    """Per gold category: count, accuracy and the most frequent wrong predictions."""
    by_gold: dict[str, Counter[str]] = {}
    for gold, pred in pairs:
        by_gold.setdefault(gold, Counter())[pred] += 1
    lines = [f"{'gold':<{width}}{'n':>5}{'acc':>7}  most frequent predictions"]
    for gold in sorted(by_gold):
        c = by_gold[gold]
        n = sum(c.values())
        acc = c[gold] / n
        wrong = ", ".join(f"{p.split(' ')[0]}:{k}" for p, k in c.most_common() if p != gold)
        lines.append(f"{gold:<{width}}{n:>5}{acc:>7.2f}  {wrong[:80]}")
    return lines


BINS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01)


class Reliability:
    """Events by confidence bin, with the share whose type is right and the share that is
    fully right (a triple of the gold): a calibration check for the confidence score."""

    def __init__(self) -> None:
        self.rows: list[tuple[float, bool, bool]] = []

    def add(self, confidence: float, type_right: bool, triple_right: bool) -> None:
        self.rows.append((confidence, type_right, triple_right))

    def table(self) -> list[tuple[float, float, int, float, float]]:
        out = []
        for lo, hi in zip(BINS, BINS[1:], strict=False):
            inside = [r for r in self.rows if lo <= r[0] < hi]
            if inside:
                n = len(inside)
                out.append((lo, hi, n, sum(r[1] for r in inside) / n, sum(r[2] for r in inside) / n))
        return out

    def lines(self) -> list[str]:
        lines = [f"{'confidence':<12}{'events':>7}{'type right':>12}{'all right':>11}"]
        for lo, hi, n, t, a in self.table():
            lines.append(f"{lo:.1f}–{min(hi, 1.0):.1f}{'':<5}{n:>7}{t:>12.2f}{a:>11.2f}")
        return lines
