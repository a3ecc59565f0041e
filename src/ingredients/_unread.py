"""What an ingredient we could not read could at most be.

An unread name (not recognised, or only a weak guess) adds nothing to the point
estimate, but the top of the score range must cover it: it could be anything.
Some words of a name rule kinds out. A plant *extract*, a *water* or *juice*, a
*powder*, a *CI* colour or a *peptide* cannot be a heavy occlusive; *oil*,
*butter*, *wax*, *lanolin* or *paraffin* can. Each kind's bound (the highest
comedogenicity rating and the heaviest occlusivity such an ingredient could
have) and the reason for it are data, in ``data/unread_clues.yaml``; a test holds
every rated entry of the database to the bound its own names give.

Where the words of a name point to several kinds, the riskiest bound among them
applies (a ``Shea Butter Extract`` may still be a butter): a clue may only ever
narrow what an unread name could be when nothing in the name says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["KindBound", "UnreadClues", "parse_unread_clues"]

OCCLUSIVITY_ORDER = ("none", "light", "moderate", "heavy")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class KindBound:
    """The riskiest an unread ingredient of one kind could be."""

    id: str
    """``no-clue`` for the default, else the kind (``plant-extract``, ``aqueous`` ...)."""
    comedogenic: int
    """Highest comedogenicity rating (0-5) an ingredient of this kind could have."""
    occlusivity: str
    """Heaviest occlusivity class it could have."""
    reason: str
    """Why the kind bounds the risk, in plain words."""
    words: frozenset[str] = frozenset()
    """Upper-case words of a name that say it is of this kind."""


@dataclass(frozen=True, slots=True)
class UnreadClues:
    """The default bound and the kinds a name's words can point to."""

    default: KindBound
    kinds: tuple[KindBound, ...]

    def bound_for(self, name: str) -> KindBound:
        """The bound the words of ``name`` give (the default when none is a clue)."""
        return _bound_for(self, " ".join(name.upper().split()))


@lru_cache(maxsize=20_000)
def _bound_for(clues: UnreadClues, name: str) -> KindBound:
    words = set(_WORD.findall(name))
    hits = [k for k in clues.kinds if k.words & words]
    if not hits:
        return clues.default
    if len(hits) == 1:
        return hits[0]
    # Several kinds: the riskiest of them (each bound on its own is a fact about
    # its kind; the name may belong to any of them).
    worst = max(hits, key=lambda k: (OCCLUSIVITY_ORDER.index(k.occlusivity), k.comedogenic))
    comedogenic = max(k.comedogenic for k in hits)
    return KindBound("+".join(k.id for k in hits), comedogenic, worst.occlusivity,
                     " ".join(k.reason for k in hits), frozenset().union(*(k.words for k in hits)))


Problem = Callable[[str, str], None]
"""Reports a validation problem: (where, message)."""


def parse_unread_clues(doc: Mapping[str, Any], report: Problem) -> UnreadClues | None:
    """Read ``data/unread_clues.yaml``; problems go to ``report``; None when unusable."""
    for key in doc:
        if key not in ("default", "kinds"):
            report("", f"unknown key {key!r} (allowed: default, kinds)")
    default = _kind(doc.get("default"), "default", report, needs_words=False)
    kinds: list[KindBound] = []
    seen_ids: set[str] = set()
    seen_words: dict[str, str] = {}
    raw = doc.get("kinds")
    if not isinstance(raw, list):
        report("kinds", "must be a list of kinds")
        raw = []
    for i, obj in enumerate(raw):
        kind = _kind(obj, f"kinds[{i}]", report, needs_words=True)
        if kind is None:
            continue
        if kind.id in seen_ids:
            report(f"kinds[{i}].id", f"duplicate kind {kind.id!r}")
        seen_ids.add(kind.id)
        for word in sorted(kind.words):
            if word in seen_words:
                report(f"kinds[{i}].words", f"{word!r} is also a word of {seen_words[word]!r}")
            seen_words[word] = kind.id
        if default is not None and (
            kind.comedogenic > default.comedogenic
            or OCCLUSIVITY_ORDER.index(kind.occlusivity)
            > OCCLUSIVITY_ORDER.index(default.occlusivity)
        ):
            report(f"kinds[{i}]", "a kind's bound may not exceed the default (no clue) bound")
        kinds.append(kind)
    if default is None:
        return None
    return UnreadClues(default, tuple(kinds))


def _kind(obj: Any, where: str, report: Problem, *, needs_words: bool) -> KindBound | None:
    if not isinstance(obj, Mapping):
        report(where, "must be a mapping")
        return None
    allowed = ("id", "words", "comedogenic", "occlusivity", "reason")
    for key in obj:
        if key not in allowed:
            report(where, f"unknown key {key!r} (allowed: {', '.join(allowed)})")
    ok = True
    kind_id = obj.get("id", "no-clue" if not needs_words else None)
    if not isinstance(kind_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", kind_id):
        report(f"{where}.id", "must be a lower-case id (letters, digits, hyphens)")
        ok = False
    rating = obj.get("comedogenic")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 5:
        report(f"{where}.comedogenic", "must be a whole number from 0 to 5")
        ok = False
    occlusivity = obj.get("occlusivity")
    if occlusivity not in OCCLUSIVITY_ORDER:
        report(f"{where}.occlusivity", f"must be one of {', '.join(OCCLUSIVITY_ORDER)}")
        ok = False
    reason = obj.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        report(f"{where}.reason", "must say, in words, why this kind bounds the risk")
        ok = False
    words: Sequence[Any] = obj.get("words") or []
    if needs_words:
        if not isinstance(words, list) or not words or not all(
            isinstance(w, str) and _WORD.fullmatch(w.strip().upper() or "-") for w in words
        ):
            report(f"{where}.words", "must be a non-empty list of single words (letters only)")
            ok = False
    elif words:
        report(f"{where}.words", "the default bound applies when no word is a clue: no words")
        ok = False
    if not ok:
        return None
    assert isinstance(rating, int)
    return KindBound(str(kind_id), rating, str(occlusivity), " ".join(str(reason).split()),
                     frozenset(w.strip().upper() for w in words))
