"""Line-level helpers shared by the PETRARCH/TABARI readers: reading a file, comments,
phrases, and the event-code bracket (``parse_code``).
"""

from __future__ import annotations

import re
from pathlib import Path


def read_lines(path: str | Path) -> list[str]:
    data = Path(path).read_bytes()
    return data.decode("utf-8", errors="replace").splitlines()


def strip_comment(line: str) -> tuple[str, str]:
    """Split ``line`` into its content and the comment after the first ``#``."""
    body, sep, comment = line.partition("#")
    return body.rstrip(), comment.strip() if sep else ""


def as_phrase(text: str) -> str:
    """``MEET_WITH_`` → ``meet with``: lower case, underscores and runs of spaces → one space."""
    return " ".join(text.replace("_", " ").split()).lower()


_CODE_PART = re.compile(r"^\d{2,4}[A-Za-z]?$")  # PETRARCH's variants: "174K", "075A"


def parse_code(text: str) -> tuple[str | None, str | None, str | None]:
    """Parse the inside of a ``[...]`` event-code bracket.

    Returns ``(code, reverse, problem)``: ``"---"`` → ``(None, None)``, ``"042:043"`` →
    ``("042", "043")``, ``":020"`` → ``(None, "020")``. ``problem`` is None when the text
    is well formed; otherwise it describes what was wrong (stray characters are dropped
    when the rest is still a valid code, and the problem is reported).
    """
    raw = text.strip()
    # a code may end in one letter, a variant PETRARCH's own tests tell apart ("174K")
    cleaned = re.sub(r"(?<=\d)([A-Za-z])(?=$|:)|[^0-9:\-]", r"\1", raw)
    problem = None
    if cleaned != raw.replace(" ", ""):
        if not any(c.isdigit() for c in cleaned):
            return None, None, f"bad code [{raw}]"
        problem = f"stray characters in code [{raw}]"
    if cleaned.count(":") > 1:
        return None, None, f"bad code [{raw}]"
    left, _, right = cleaned.partition(":")
    parts: list[str | None] = []
    for part in (left, right):
        if part in ("", "---"):
            parts.append(None)
        elif _CODE_PART.match(part):
            parts.append(part)
        else:
            return None, None, f"bad code [{raw}]"
    return parts[0], parts[1], problem
