"""What the parser makes: the public :class:`Ingredient` and the records the stages pass on."""

from __future__ import annotations

from dataclasses import dataclass


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


_INGREDIENT_SETTERS = tuple(getattr(Ingredient, name).__set__ for name in Ingredient.__slots__)


def _ingredient(
    name: str,
    raw: str,
    position: int,
    span: tuple[int, int],
    percent: float | None,
    may_contain: bool,
    alternatives: tuple[str, ...],
    flags: tuple[str, ...],
    section: str | None,
) -> Ingredient:
    """``Ingredient(...)`` with all fields given, in half the time.

    The frozen dataclass ``__init__`` assigns each field through
    ``object.__setattr__``; writing the slots directly makes the same object
    (there is no ``__post_init__``; ``test_parse_fast_path.py`` checks both).
    Parsing a catalogue makes tens of millions of these.
    """
    item = object.__new__(Ingredient)
    set_name, set_raw, set_position, set_span, set_percent, set_may, set_alts, set_flags, set_section = (
        _INGREDIENT_SETTERS
    )
    set_name(item, name)
    set_raw(item, raw)
    set_position(item, position)
    set_span(item, span)
    set_percent(item, percent)
    set_may(item, may_contain)
    set_alts(item, alternatives)
    set_flags(item, flags)
    set_section(item, section)
    return item


# ---------------------------------------------------------------------------
# Lines and pieces
# ---------------------------------------------------------------------------

# Piece end kinds
_SEP, _COLON, _SENTENCE, _LINE = 0, 1, 2, 3


@dataclass(slots=True)
class _State:
    section: str | None = None
    may_contain: bool = False
    in_list: bool = False
    header_at: int = -1
    """Where the first header label (``Ingredients:``) starts, -1 before one."""
    bracketed: bool = False
    """A bracketed part name of a kit has been read (:mod:`.headings`)."""


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    name: str
    percent: float | None
    may_contain: bool
    alternatives: tuple[str, ...]
    flags: tuple[str, ...]
    section: str | None


_Fields = tuple[str, float | None, tuple[str, ...], tuple[str, ...]]
"""``(name, percent, alternatives, flags)`` of an item."""
