"""Stage 1: turn label text into an ordered list of :class:`Ingredient`.

(Parser implementation: see issue 2.)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Ingredient", "parse"]


@dataclass(frozen=True, slots=True)
class Ingredient:
    """One ingredient as written on the label."""

    name: str
    """The cleaned label name (markup, footnote marks, percentages and synonyms removed)."""
    raw: str
    """The exact text it came from: ``text[span[0]:span[1]] == raw``."""
    position: int
    """1-based position in label order."""
    span: tuple[int, int]
    """Start and end offsets into the original text."""
    percent: float | None = None
    """Percentage stated on the label (``Zinc Oxide 17.1%``), else None."""
    may_contain: bool = False
    """Listed under "may contain" / "+/-" (colour ranges of a shade line)."""
    alternatives: tuple[str, ...] = ()
    """Other names the label gives for it (``Water (Aqua)``, ``Aqua/Water/Eau``)."""
    flags: tuple[str, ...] = ()
    """Parser doubts, e.g. ``"prose"`` when the item reads like a sentence, not a name."""
    section: str | None = None
    """Kit sub-heading it was listed under (``Big Sky:``), if any."""


def parse(text: str) -> list[Ingredient]:
    """Split label text into ingredients in label order."""
    raise NotImplementedError
