"""CAMEO codes with their Goldstein scores, quad classes and PLOVER event, mode and context.

The facts come from ``data/ontology/cameo.tsv`` (see docs/data-files.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafiles import cached, load_tsv, package_file
from .errors import DataFileError, UnknownChoiceError

PLOVER_EVENTS = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODALITIES = ("asserted", "reported", "future", "hypothetical", "negated", "historical")
SECTORS = [
    "COP",
    "GOV",
    "JUD",
    "LEG",
    "MIL",
    "PRM",
    "PTY",
    "REB",
    "SPY",
    "UAF",
    "UNK",
    "AGR",
    "BUS",
    "CRM",
    "CVL",
    "EDU",
    "ELI",
    "JRN",
    "LAB",
    "MED",
    "REF",
    "OPP",
    "PRE",
    "REL",
    "SOC",
]
PSEUDO_COUNTRIES = ("IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC")


@dataclass(frozen=True)
class CameoCode:
    cameo: str
    description: str
    goldstein: float
    quad_class: int
    event: str | None
    mode: str | None
    context: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.cameo[:2]


class Ontology:
    """Lookup of CAMEO codes. ``get`` falls back to the parent code for unknown sub-codes."""

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self.codes = codes

    def get(self, cameo: str) -> CameoCode:
        code = cameo
        while code:
            if code in self.codes:
                found = self.codes[code]
                if code == cameo:
                    return found
                return CameoCode(cameo, found.description, found.goldstein, found.quad_class,
                                 found.event, found.mode, found.context)  # fmt: skip
            code = code[:-1] if len(code) > 2 else ""
        raise UnknownChoiceError("CAMEO code", cameo, self.codes)

    def __contains__(self, cameo: str) -> bool:
        return cameo in self.codes


def _parse(path: Path) -> Ontology:
    codes: dict[str, CameoCode] = {}
    for i, row in enumerate(load_tsv(path), start=2):
        cameo = (row.get("cameo") or "").strip()
        if not cameo.isdigit() or not 2 <= len(cameo) <= 4:
            raise DataFileError(path, f"bad CAMEO code {cameo!r}", entry=f"line {i}", field="cameo")
        try:
            goldstein = float(row["goldstein"])
            quad = int(row["quad_class"])
        except (KeyError, ValueError, TypeError) as exc:
            raise DataFileError(path, f"bad number: {exc}", entry=cameo) from None
        if not -10 <= goldstein <= 10:
            raise DataFileError(path, f"Goldstein {goldstein} outside -10..10", cameo, "goldstein")
        if quad not in (1, 2, 3, 4):
            raise DataFileError(path, f"quad class {quad} not in 1..4", cameo, "quad_class")
        event = (row.get("plover_event") or "").strip() or None
        if event is not None and event not in PLOVER_EVENTS:
            raise DataFileError(
                path, f"{event!r} is not a PLOVER event; valid: {', '.join(PLOVER_EVENTS)}",
                cameo, "plover_event",
            )  # fmt: skip
        context = tuple(
            c.strip() for c in (row.get("plover_context") or "").split(";") if c.strip()
        )
        codes[cameo] = CameoCode(
            cameo=cameo,
            description=(row.get("description") or "").strip(),
            goldstein=goldstein,
            quad_class=quad,
            event=event,
            mode=(row.get("plover_mode") or "").strip() or None,
            context=context,
        )
    if not codes:
        raise DataFileError(path, "no CAMEO codes found")
    return Ontology(codes)


def load_ontology(path: Path | None = None) -> Ontology:
    path = path or package_file("ontology", "cameo.tsv")
    return cached("ontology", [path], lambda: _parse(path))
