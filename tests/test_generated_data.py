"""The data files generated from the reference dictionaries are exactly what the converters
in ``scripts/`` write from them. A fix made by hand in a generated file would be lost at the
next conversion: it belongs in the converter (its overrides) or in mizan's own files."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "mizan" / "data"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cameo_conversion_is_reproducible(shared, tmp_path):
    """Ontology, CAMEO verbs, discards and agents from scripts/convert_cameo.py."""
    convert = _script("convert_cameo")
    assert convert.main(["--cameo-dir", str(shared / "cameo-dictionaries"),
                         "--plover-dir", str(shared / "plover-gsr"), "--out", str(tmp_path),
                         "--quiet"]) == 0  # fmt: skip
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert written, "the converter wrote nothing"
    for rel in written:
        assert (tmp_path / rel).read_bytes() == (DATA / rel).read_bytes(), rel


def test_phoenix_underlay_is_reproducible(shared, tmp_path):
    """The actor underlay from scripts/convert_phoenix_actors.py."""
    convert = _script("convert_phoenix_actors")
    actors = convert.convert(shared / "cameo-dictionaries")
    out = tmp_path / "phoenix-actors.tsv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        convert.write_underlay(actors, fh)
    assert out.read_bytes() == (DATA / "actors" / "phoenix-actors.tsv").read_bytes()
