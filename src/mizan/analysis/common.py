"""What the analyses share: date filters, periods, actor keys and actor look-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import ConfigError, UnknownChoiceError
from ..store import Store
from ..store.matching import MatchRule, load_rule
from ..store.matching import symmetric_sql as _symmetric_sql
from ..store.schema import ACTOR_KEY as _ACTOR_KEY

PERIODS = ("day", "week", "month", "quarter", "year")
ACTOR_KEY = _ACTOR_KEY.format(a="a")
"""An actor's identity in the analyses: its registry id, else its country and sector
(a CAMEO-style code such as ``IRQCVL``)."""


def period_sql(period: str, column: str = "e.date") -> str:
    if period not in PERIODS:
        raise UnknownChoiceError("period", period, PERIODS)
    if period == "day":
        return column
    return f"CAST(date_trunc('{period}', {column}) AS DATE)"


def mean_score(total: Any, n: int) -> float | None:
    """A mean Goldstein score to three places. The sum is rounded first: scores have one
    decimal, and a float sum depends on the order of addition, which a parallel database
    does not fix, so the mean would flip at the third place between runs."""
    return round(round(float(total), 6) / n, 3) if n and total is not None else None


def as_date(value: Any, what: str = "date") -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{what} {value!r} is not a date; write it as YYYY-MM-DD") from None


def date_where(start: Any, end: Any, column: str = "e.date", *, dated_only: bool = True,
               names: tuple[str, str] = ("--from", "--to")) -> tuple[list[str], list[Any]]:  # fmt: skip
    """SQL conditions (and parameters) for ``start <= date <= end``; ``dated_only`` also drops
    undated events. ``names`` are the option names the error messages use."""
    conds: list[str] = [f"{column} IS NOT NULL"] if dated_only else []
    params: list[Any] = []
    s, e = as_date(start, names[0]), as_date(end, names[1])
    if s is not None:
        conds.append(f"{column} >= ?")
        params.append(s)
    if e is not None:
        conds.append(f"{column} <= ?")
        params.append(e)
    if s is not None and e is not None and e < s:
        raise ConfigError(f"{names[1]} {e} is before {names[0]} {s}")
    return conds, params


def symmetric_sql(rule: MatchRule | None = None, alias: str = "e") -> tuple[str, list[Any]]:
    """A SQL condition true for symmetric events (a meeting: both sides take part)."""
    cond, params = _symmetric_sql(rule or load_rule(), alias)
    return cond, list(params)


@dataclass(frozen=True)
class ActorSelector:
    """Which event_actors rows an ``--actor NAME|CODE`` means, as a SQL condition on ``a``."""

    label: str
    condition: str
    params: tuple[Any, ...]
    country: str | None = None
    index_key: str | None = None
    """The same actor as a key of the store's ``event_index`` (see ``mizan.store.index``),
    when there is one: a registry id or CAMEO-style code, or ``@`` and a country code."""


def resolve_actor(store: Store, query: str) -> ActorSelector:
    """An actor given as a registry id (``mustafa-al-kadhimi``), a country code (``IRQ``: all
    its actors), a country and sector code (``IRQGOV``, ``IRQ/GOV``) or a name (``Kadhimi``,
    matched in the stored canonical names and surface texts)."""
    q = query.strip()
    if not q:
        raise ConfigError("--actor is empty; give an actor id, a country code or a name")
    code = q.replace("/", "").upper()
    if len(code) == 3 and code.isalpha() and store.query(
        "SELECT 1 FROM event_actors WHERE country = ? LIMIT 1", (code,)
    ):
        rows = store.query("SELECT name FROM event_actors WHERE actor_id = ? LIMIT 1", (code,))
        return ActorSelector(rows[0][0] if rows and rows[0][0] else code,
                             "(a.actor_id = ? OR a.country = ?)", (code, code), code,
                             f"@{code}")  # fmt: skip
    rows = store.query("SELECT name FROM event_actors WHERE actor_id = ? LIMIT 1", (q,))
    if rows:
        return ActorSelector(rows[0][0] or q, "a.actor_id = ?", (q,), index_key=q)
    if len(code) == 6 and code.isalpha() and store.query(
        "SELECT 1 FROM event_actors WHERE country = ? AND sector = ? LIMIT 1", (code[:3], code[3:])
    ):
        return ActorSelector(code, "(a.country = ? AND a.sector = ?)", (code[:3], code[3:]), code[:3])
    like = f"%{q.lower()}%"
    found = store.query(
        f"SELECT DISTINCT {ACTOR_KEY}, a.name FROM event_actors a "
        "WHERE lower(a.name) LIKE ? OR lower(a.text) LIKE ? LIMIT 50",
        (like, like),
    )
    keys = sorted({k for k, _ in found if k})
    if len(keys) == 1:
        return ActorSelector(found[0][1] or q, f"{ACTOR_KEY} = ?", (keys[0],), index_key=keys[0])
    if len(keys) > 1:
        exact = [k for k, n in found if n and n.lower() == q.lower()]
        if len(set(exact)) == 1:
            return ActorSelector(q, f"{ACTOR_KEY} = ?", (exact[0],), index_key=exact[0])
        shown = ", ".join(f"{k} ({n})" for k, n in sorted(set(found))[:10])
        raise ConfigError(f"--actor {query!r} matches several actors: {shown}; give one id")
    names = [r[0] for r in store.query(
        "SELECT DISTINCT name FROM event_actors WHERE name IS NOT NULL LIMIT 5000")]  # fmt: skip
    raise UnknownChoiceError("actor", query, names)
