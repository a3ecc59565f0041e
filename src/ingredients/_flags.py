"""Flags from named sources (``data/flags.yaml``): fragrance allergens EU law requires on
the label, and ingredients reported to feed Malassezia. Reported, never scored.

The database loader reads the file (:func:`parse_flag_refs`); :func:`flags_for
<ingredients._score.flags_for>` turns the references of a recognised name into
:class:`~ingredients.Flag` values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["FLAG_KINDS", "FlagRef", "parse_flag_refs"]

FLAG_KINDS = ("allergen", "malassezia")
"""The kinds ``flags.yaml`` may list."""


@dataclass(frozen=True, slots=True)
class FlagRef:
    """One sourced flag of one substance."""

    kind: str
    inci: str
    source: str
    """Source id (``sources:`` of flags.yaml or sources.yaml)."""
    locator: str
    """Where the source says it (entry, table, abstract)."""
    message: str
    """The kind's message with ``{why}`` filled in; ``{name}`` is left for the display name."""

    def text(self, name: str) -> str:
        """The message for ``name``."""
        return self.message.replace("{name}", name)


def parse_flag_refs(
    doc: Mapping[str, Any], problem: Callable[[str, str], None], sources: Mapping[str, Any],
    vocabulary: Mapping[str, Any],
) -> dict[str, tuple[FlagRef, ...]]:
    """Canonical name -> its flags, from the parsed ``flags.yaml`` (its ``sources:`` are
    already in ``sources``). ``problem(where, message)`` records each problem."""
    for key in doc:
        if key not in ("kinds", "sources", *FLAG_KINDS):
            problem(str(key), f"unknown key (expected kinds, sources, {', '.join(FLAG_KINDS)})")
    kinds = doc.get("kinds") or {}
    out: dict[str, list[FlagRef]] = {}
    for kind in FLAG_KINDS:
        template = (kinds.get(kind) or {}).get("message") if isinstance(kinds, dict) else None
        if not isinstance(template, str) or "{name}" not in template:
            problem(f"kinds.{kind}.message", "must be a text holding {name}")
            continue
        items = doc.get(kind) or []
        if not isinstance(items, list):
            problem(kind, "must be a list")
            continue
        seen: set[str] = set()
        for i, obj in enumerate(items):
            where = f"{kind}[{i}]"
            if not isinstance(obj, dict):
                problem(where, "must be a mapping")
                continue
            allowed = {"inci", "source", "locator", "why"}
            for extra in sorted(set(obj) - allowed):
                problem(f"{where}.{extra}", "unknown field")
            inci, source, locator = obj.get("inci"), obj.get("source"), obj.get("locator")
            why = obj.get("why")
            if not isinstance(inci, str) or inci not in vocabulary:
                problem(f"{where}.inci", f"{inci!r} is not a CosIng name")
                continue
            if inci in seen:
                problem(f"{where}.inci", f"duplicate {inci!r}")
            seen.add(inci)
            if source not in sources:
                problem(f"{where}.source", f"unknown source {source!r}")
            if not isinstance(locator, str) or not locator.strip():
                problem(f"{where}.locator", "required: where the source says it")
            if ("{why}" in template) != isinstance(why, str):
                problem(f"{where}.why", "required for this kind" if "{why}" in template
                        else "not used by this kind")
            message = " ".join(template.split()).replace("{why}", str(why or ""))
            out.setdefault(inci, []).append(
                FlagRef(kind, inci, str(source), str(locator), message))
    return {k: tuple(v) for k, v in out.items()}
