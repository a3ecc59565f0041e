"""Layout recovery: a kit's part names written in brackets before each part's list.

A kit lists its parts one after the other, each part's list led by the part's name in
brackets, often with no separator before the bracket: ``(컨실러) 옥틸도데칸올, …,
흑색산화철 (쉐딩) 에틸헥실팔미테이트, …`` (a concealer and a shading stick). The bracketed
name is no ingredient and no part of the name before or after it: it becomes the
``section`` of the items after it, as a title before a colon does (``Big Sky:``).

A bracket at the start of an item is read so (:func:`bracket_heading`) only when

* it opens the item and a space follows it (``(Ethoxymethoxy)Cyclododecane`` is a name);
* its content is short, holds a letter, no separator and no number of a colour
  (``(CI 77491) Iron Oxides``), is not read as a name (``(Mel) Honey``: a synonym) and
  has no word of a known name (``(Sunflower) Helianthus Annuus Seed Oil``, ``(Organic)
  Glycerin``, ``(Tapioca) Maltodextrin``: a common name or a qualifier; numbers aside:
  ``(Shade 1)``);
* what follows is read as a name without a guess, and the content and that name read
  together are not (``(Organic) Glycerin``: a qualifier word; ``(Sunflower) Helianthus
  Annuus Seed Oil``: its common name) -- :func:`.names.known_as`, as for glued names;

and the item is at the start of a line or sentence (where ``Title:`` heads a section),
or a bracketed part name has been read earlier in the text: then a later bracket between
two names (``흑색산화철 (쉐딩) 에틸헥실팔미테이트``, cut apart by :mod:`.glued`) whose content
is no name is one too (:func:`heading_content`). A real name with a bracket inside
(``Butyrospermum Parkii (Shea) Butter``) or at its end (``Water (Aqua)``) is never
read so: its bracket does not open the item, and within a list of such names no
bracketed part name was read first.
"""

from __future__ import annotations

from functools import lru_cache

from ingredients._parse.glued import _part
from ingredients._parse.items import _strip_range, clean_name
from ingredients._parse.languages import _BLEND_WORDS
from ingredients._parse.names import in_a_name, known_as
from ingredients._parse.text import _is_ci, _match_brackets, _words

MAX_HEADING = 30
"""Longest bracketed part name (characters of its content)."""
MAX_HEADING_WORDS = 4
HEADING_CONFIDENCE = 0.9
"""The name after a part name is read at least this surely (as a part of glued names)."""


def heading_content(content: str) -> str | None:
    """The part name a bracket's ``content`` gives, or None when it may be a name or a
    note of one (too long, no letter, separators, a colour number, a blend word, a known
    name or a word of one)."""
    name = _heading_shape(content)
    if name is None or known_as(name) is not None:
        return None
    return None if _holds_a_name_word(name) else name


def _heading_shape(content: str) -> str | None:
    """``content`` cleaned when it has the shape of a part name (the cheap tests)."""
    name = clean_name(content)
    if not name or len(name) > MAX_HEADING or not any(c.isalpha() for c in name):
        return None
    if any(c in name for c in ",;:/%()[]{}+=") or len(_words(name)) > MAX_HEADING_WORDS:
        return None
    if _is_ci(name) or name.lower() in _BLEND_WORDS:
        return None
    return name


def _holds_a_name_word(name: str) -> bool:
    """``(Sunflower) Helianthus Annuus Seed Oil``, ``(Organic) Glycerin``: a common name or
    a qualifier (numbers aside: ``(Shade 1)``)."""
    return any(in_a_name(word) for word in _words(name) if not word.isdigit())


@lru_cache(maxsize=4096)
def bracket_heading(text: str) -> tuple[str, int] | None:
    """``(part name, where the rest starts)`` when ``text`` (an item's stripped text)
    opens with a bracketed part name before a name (see the module docstring), else None."""
    if text[:1] not in "([":
        return None
    close = _match_brackets(text).get(0, -1)
    if close == -1 or close + 1 >= len(text) or not text[close + 1].isspace():
        return None
    rest_start, rest_end = _strip_range(text, close + 1, len(text))
    if rest_end <= rest_start or text[rest_start] in "([":
        return None
    name = _heading_shape(text[1:close])
    if name is None:
        return None
    # (the cheap tests first: most brackets opening an item are the start of a name)
    part = _part(text, rest_start, rest_end)
    if part is None or known_as(name) is not None:
        return None
    together = known_as(f"{name} {part[3][0]}")
    if together is not None and together[1] >= HEADING_CONFIDENCE:
        return None
    return None if _holds_a_name_word(name) else (name, rest_start)


def trailing_heading(text: str) -> tuple[str, int] | None:
    """``(part name, where the bracket starts)`` when ``text`` (one part of glued names)
    ends in a bracket whose content is no name (``흑색산화철 (쉐딩)``), else None."""
    stripped = text.rstrip()
    if stripped[-1:] not in ")]":
        return None
    opener = next((o for o, c in _match_brackets(stripped).items() if c == len(stripped) - 1), -1)
    if opener <= 0 or not stripped[opener - 1].isspace():
        return None
    name = heading_content(stripped[opener + 1 : -1])
    return None if name is None else (name, opener)
