"""Display width of text in a terminal: East Asian wide and full-width characters take two
columns, combining marks and zero-width characters none (so that a table of Korean,
Japanese or Chinese names stays aligned)."""

from __future__ import annotations

import os
import sys
import unicodedata
from functools import lru_cache

__all__ = ["cut", "display_width", "pad", "terminal_columns"]


def terminal_columns(fallback: int = 80) -> int:
    """Columns of the terminal standard output writes to (``COLUMNS`` first), as
    ``shutil.get_terminal_size`` reads them; shutil itself is not imported because
    it loads three compression modules, a fiftieth of a cold ``milia check``."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else fallback


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if ch.isascii():
        return 1 if ch.isprintable() else 0
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal."""
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def cut(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, with ``…`` where it was cut."""
    if display_width(text) <= width:
        return text
    out: list[str] = []
    used = 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` columns."""
    return text + " " * max(0, width - display_width(text))
