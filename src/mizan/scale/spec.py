"""What a worker needs to build mizan's pipeline, as plain picklable data, and a per-process
cache that builds it once.

A :class:`PipelineSpec` holds the spaCy pipeline's name and the *contents* of the user's extra
dictionaries (``--verbs``, ``--actors``), so a worker on another machine needs neither the
user's files nor a shared filesystem for them. An ``nlp`` object is never pickled: each
worker process calls :func:`load_pipeline` (a module-level cache keyed by the spec's digest)
and keeps the pipeline for every later batch.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError


@dataclass(frozen=True)
class PipelineSpec:
    model: str
    verbs: tuple[tuple[str, bytes], ...] = ()
    actors: tuple[tuple[str, bytes], ...] = ()

    @classmethod
    def from_paths(
        cls, model: str, verbs: Any = (), actors: Any = ()
    ) -> PipelineSpec:
        def read(paths: Any, what: str) -> tuple[tuple[str, bytes], ...]:
            out = []
            for p in paths or ():
                try:
                    out.append((Path(p).name, Path(p).read_bytes()))
                except OSError as exc:
                    raise ConfigError(f"{what} {p}: cannot read: {exc.strerror or exc}") from None
            return tuple(out)

        return cls(model, read(verbs, "--verbs"), read(actors, "--actors"))

    @property
    def key(self) -> str:
        h = hashlib.sha256(self.model.encode())
        for kind, files in (("verbs", self.verbs), ("actors", self.actors)):
            for name, data in files:
                h.update(f"\0{kind}\0{name}\0".encode())
                h.update(hashlib.sha256(data).digest())
        return h.hexdigest()[:20]


_CACHE: dict[str, Any] = {}
_LOCK = threading.Lock()


def _materialize(spec: PipelineSpec) -> tuple[list[Path], list[Path]]:
    """Write the dictionaries into a folder named for the spec's digest (once per machine)."""
    folder = Path(tempfile.gettempdir()) / f"mizan-dictionaries-{spec.key}"
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, list[Path]] = {"verbs": [], "actors": []}
    for kind, files in (("verbs", spec.verbs), ("actors", spec.actors)):
        for i, (name, data) in enumerate(files):
            path = folder / f"{kind}-{i}-{name}"
            if not path.exists() or path.read_bytes() != data:
                tmp = path.with_name(path.name + ".tmp")
                tmp.write_bytes(data)
                tmp.replace(path)
            paths[kind].append(path)
    return paths["verbs"], paths["actors"]


def load_pipeline(spec: PipelineSpec) -> Any:
    """mizan's pipeline for ``spec``, built once per process."""
    with _LOCK:
        nlp = _CACHE.get(spec.key)
        if nlp is None:
            from ..nlp import load_nlp

            verbs, actors = _materialize(spec) if (spec.verbs or spec.actors) else ([], [])
            nlp = load_nlp(spec.model, extra_verbs=verbs, extra_actors=actors)
            _CACHE[spec.key] = nlp
        return nlp
