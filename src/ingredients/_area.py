"""Which area a retailer's category text names: eye, face, lips or body.

A catalogue rarely has an "area" column, but its categories say it ("Eye cream",
"Contorno de Ojos", "컬러립밤/보습립밤"). The words are data, in
``data/product_types.yaml`` (``area_words``, per area, in several languages). A
word in a script written with spaces matches as a whole word; a word in Korean,
Japanese or Chinese script matches anywhere in the text, as those scripts glue
words together. Where a category names several areas, the one listed first in
``area_order`` (where occlusion weighs most) wins, so reading a category never
lowers a score; a category naming none of them is face.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

__all__ = ["AreaWords", "parse_area_words"]

AREA_NAMES = ("face", "eye", "lips", "body")
"""The areas scoring knows (the same as :data:`ingredients._score.AREAS`)."""
_ALIASES = {"lip": "lips", "eyes": "eye"}
_SPACELESS = (r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af"
              r"\uf900-\ufaff\uff66-\uff9f]")
"""Hangul, kana and CJK ideographs: scripts whose words are not set apart by spaces."""


@dataclass(frozen=True)
class AreaWords:
    """The area words of ``product_types.yaml``, compiled for reading categories."""

    order: tuple[str, ...]
    """Areas from the one where occlusion weighs most; the first one named wins."""
    words: Mapping[str, tuple[str, ...]]
    """Area -> its words and phrases (lower case)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_seen", {})

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        # Compiled on first use: most runs (one product, no category) never read one.
        spaceless = re.compile(_SPACELESS)
        patterns = {}
        for area in self.order:
            alts = []
            for w in sorted(self.words.get(area, ()), key=len, reverse=True):
                body = r"[\s\-]+".join(re.escape(p) for p in re.split(r"[\s\-]+", w))
                alts.append(body if spaceless.search(w) else rf"(?<!\w){body}(?!\w)")
            if alts:
                patterns[area] = re.compile("|".join(alts))
        return patterns

    def area_of(self, category: str) -> str:
        """``eye``, ``face``, ``lips`` or ``body`` for a category text; ``face`` when it
        names no area. An explicit area value is taken as it is."""
        seen: dict[str, str] = self._seen  # type: ignore[attr-defined]
        found = seen.get(category)
        if found is None:
            found = self._area_of(category)
            if len(seen) < 10_000:  # categories repeat; remember them
                seen[category] = found
        return found

    def _area_of(self, category: str) -> str:
        text = " ".join(category.lower().split())
        if text in AREA_NAMES:
            return text
        if text in _ALIASES:
            return _ALIASES[text]
        patterns = self._patterns
        for area in self.order:
            pattern = patterns.get(area)
            if pattern is not None and pattern.search(text):
                return area
        return "face"


def parse_area_words(doc: Mapping[str, Any], problem: Callable[[str, str], None]) -> AreaWords:
    """Read ``area_order`` and ``area_words`` of ``product_types.yaml``; each problem is
    reported through ``problem(where, message)``."""
    order = doc.get("area_order") or list(AREA_NAMES)
    if not isinstance(order, list) or sorted(order) != sorted(AREA_NAMES):
        problem("area_order", f"must list each of {', '.join(AREA_NAMES)} once")
        order = list(AREA_NAMES)
    raw = doc.get("area_words") or {}
    words: dict[str, tuple[str, ...]] = {}
    if not isinstance(raw, dict):
        problem("area_words", "must map an area to a list of words")
        raw = {}
    seen: dict[str, str] = {}
    for area, items in raw.items():
        if area not in AREA_NAMES:
            problem(f"area_words.{area}", f"unknown area (areas: {', '.join(AREA_NAMES)})")
            continue
        if not isinstance(items, list) or not all(isinstance(w, str) and w.strip() for w in items):
            problem(f"area_words.{area}", "must be a list of non-empty strings")
            continue
        clean = tuple(" ".join(w.lower().split()) for w in items)
        for w in clean:
            if w in seen:
                problem(f"area_words.{area}", f"{w!r} is also a word of {seen[w]}")
            seen[w] = area
        words[area] = clean
    return AreaWords(tuple(order), words)
