"""A whole routine: which products and ingredients load each area of skin most.

Each product is scored (:func:`~ingredients.analyze`) once per area it goes on, then
the products of an area are combined by a **model** (docs/scoring.md, "A routine"):

* a product's exposure is its uses per week over 7, capped at 1 (a leave-on product
  used daily is on the skin all the time; using it twice a day does not double that);
* the area's load is ``100 * (1 - prod(1 - exposure_i * score_i / 100))``: the
  products act as independent chances, like the ingredients inside one product;
* each product's share of the load is proportional to ``-log(1 - exposure_i *
  score_i / 100)``, and each ingredient's share of its product's points follows its
  contribution to that product's score, so the points add up to the load exactly.

No study measures how products in a routine add up; the rule only ranks which
product and which ingredient to look at first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingredients._database import Database, default_database
from ingredients._score import (
    AREAS,
    PRODUCT_TYPES,
    Report,
    analyze,
    band_for,
    count_of,
    unread_names,
)
from ingredients._width import cut
from ingredients.errors import InputError

__all__ = [
    "MAX_PRODUCTS",
    "ROUTINE_NOTE",
    "AreaLoad",
    "IngredientLoad",
    "ProductLoad",
    "Routine",
    "RoutineProduct",
    "analyze_routine",
    "load_routine",
    "parse_frequency",
]

MAX_PRODUCTS = 20
"""Most products in one routine; more is an :class:`InputError` (413 from the API)."""
MAX_FILE_BYTES = 2_000_000
"""Largest routine file read."""

ROUTINE_NOTE = (
    "How products add up on one area is a model, not a measurement: each product's score "
    "times how often it is used, combined as independent chances (docs/scoring.md, "
    "\"A routine\"). Use it to see which product and ingredient to look at first."
)
FIELDS = ("name", "ingredients", "file", "product_type", "areas", "frequency")
"""The fields of one product of a routine file."""

_PER_WEEK = {"daily": 7.0, "once a day": 7.0, "every day": 7.0, "twice daily": 14.0,
             "twice a day": 14.0, "every other day": 3.5, "weekly": 1.0, "once a week": 1.0,
             "twice a week": 2.0, "monthly": 12 / 52}
_COUNTED = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:x|times?)?\s*(?:a|per|/)\s*(day|week|month)$")


def parse_frequency(value: object) -> float:
    """Uses per week from a number (uses per week) or words: ``daily``, ``twice daily``,
    ``every other day``, ``weekly``, ``3 times a week``, ``2x per day``, ``1/week``."""
    if isinstance(value, bool):
        raise InputError("frequency must be a number of uses per week or words such as 'daily'")
    if isinstance(value, int | float):
        if not 0 < value <= 100 or math.isnan(value):
            raise InputError(f"frequency {value!r} must be between 0 and 100 uses per week")
        return float(value)
    if isinstance(value, str):
        text = " ".join(value.lower().replace("-", " ").split())
        if text in _PER_WEEK:
            return _PER_WEEK[text]
        found = _COUNTED.match(text)
        if found:
            n = float(found.group(1))
            per = {"day": 7.0, "week": 1.0, "month": 12 / 52}[found.group(2)]
            if 0 < n * per <= 100:
                return n * per
    raise InputError(f"frequency {value!r} is not understood (give uses per week, or 'daily', "
                     "'twice daily', 'every other day', 'weekly', '3 times a week')")


@dataclass(frozen=True, slots=True)
class RoutineProduct:
    """One product of a routine."""

    name: str
    text: str
    """Its ingredient list."""
    product_type: str = "leave-on"
    areas: tuple[str, ...] = ("face",)
    uses_per_week: float = 7.0


@dataclass(frozen=True, slots=True)
class ProductLoad:
    """One product on one area."""

    product: str
    report: Report
    """The product scored for this area."""
    exposure: float
    """Uses per week / 7, at most 1."""
    points: float
    """Its share of the area's load."""


@dataclass(frozen=True, slots=True)
class IngredientLoad:
    """One ingredient's share of an area's load, summed over the products that have it."""

    ingredient: str
    points: float
    products: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AreaLoad:
    """Everything on one area of skin."""

    area: str
    load: float
    """0-100, from what was read."""
    load_range: tuple[float, float]
    """With every product at the low and at the high end of its score range."""
    band: str
    """``low``, ``moderate``, ``high``, or ``uncertain`` when what was not read could
    move the load into another band."""
    band_range: tuple[str, str]
    products: tuple[ProductLoad, ...]
    """Most load first."""
    ingredients: tuple[IngredientLoad, ...]
    """Most load first (those over 0.05 points)."""
    unread: tuple[str, ...]
    """``product: name`` of every name not read."""
    summary: str


@dataclass(frozen=True, slots=True)
class Routine:
    """The result of :func:`analyze_routine`."""

    products: tuple[RoutineProduct, ...]
    areas: tuple[AreaLoad, ...]
    """One per area some product goes on, in the order face, eye, lips, body."""
    summary: str
    note: str = ROUTINE_NOTE

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON (``milia routine --format json``, ``POST /api/routine``)."""
        return {
            "products": [{"name": p.name, "product_type": p.product_type, "areas": list(p.areas),
                          "uses_per_week": round(p.uses_per_week, 3)} for p in self.products],
            "areas": [{
                "area": a.area, "load": round(a.load, 1),
                "load_range": [round(a.load_range[0], 1), round(a.load_range[1], 1)],
                "band": a.band, "band_range": list(a.band_range),
                "products": [{"product": p.product, "exposure": round(p.exposure, 3),
                              "points": round(p.points, 1), "report": p.report.to_dict()}
                             for p in a.products],
                "ingredients": [{"ingredient": i.ingredient, "points": round(i.points, 1),
                                 "products": list(i.products)} for i in a.ingredients],
                "unread": list(a.unread), "summary": a.summary,
            } for a in self.areas],
            "summary": self.summary,
            "note": self.note,
        }


# --------------------------------------------------------------------------- input

def _who(k: int, obj: Mapping[str, Any]) -> str:
    name = obj.get("name")
    return f"product {k + 1}" + (f" ({name!r})" if isinstance(name, str) and name else "")


def _product(k: int, obj: object, base: Path | None) -> RoutineProduct:
    """A :class:`RoutineProduct` from one mapping of a routine file; errors name the
    product and the field."""
    if isinstance(obj, RoutineProduct):
        return obj
    if not isinstance(obj, Mapping):
        raise InputError(f"product {k + 1}: must be a mapping with name, ingredients (or file), "
                         "product_type, areas, frequency")
    who = _who(k, obj)
    for key in obj:
        if key not in FIELDS:
            raise InputError(f"{who}: unknown field {key!r} (expected {', '.join(FIELDS)})")
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{who}: name: required, a text")
    text, file = obj.get("ingredients"), obj.get("file")
    if (text is None) == (file is None):
        raise InputError(f"{who}: give ingredients (the list) or file (a path), one of them")
    if file is not None:
        if not isinstance(file, str):
            raise InputError(f"{who}: file: must be a path")
        path = (base / file) if base is not None else Path(file)
        try:
            raw = path.read_bytes()[:MAX_FILE_BYTES + 1]
            text = raw.decode("utf-8")
        except OSError as exc:
            raise InputError(f"{who}: file: cannot read {path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{who}: file: {path} is not UTF-8 (byte {exc.start})") from None
    if not isinstance(text, str):
        raise InputError(f"{who}: ingredients: must be a text")
    ptype = obj.get("product_type", "leave-on")
    if ptype not in PRODUCT_TYPES:
        raise InputError(f"{who}: product_type: {ptype!r} is not one of "
                         f"{', '.join(PRODUCT_TYPES)}")
    areas = obj.get("areas", ["face"])
    if isinstance(areas, str):
        areas = [areas]
    if not isinstance(areas, list) or not areas:
        raise InputError(f"{who}: areas: must be a list of {', '.join(AREAS)}")
    for area in areas:
        if area not in AREAS:
            raise InputError(f"{who}: areas: {area!r} is not one of {', '.join(AREAS)}")
    try:
        per_week = parse_frequency(obj.get("frequency", "daily"))
    except InputError as exc:
        raise InputError(f"{who}: {exc}") from None
    return RoutineProduct(name.strip(), text, str(ptype), tuple(dict.fromkeys(areas)), per_week)


def _products(products: object, base: Path | None) -> list[RoutineProduct]:
    if isinstance(products, Mapping):
        for key in products:
            if key != "products":
                raise InputError(f"unknown top-level field {key!r} (expected products)")
        products = products.get("products")
    if isinstance(products, str | bytes) or not isinstance(products, Iterable):
        raise InputError("a routine is a list of products (or {products: [...]})")
    items = list(products)
    if not items:
        raise InputError("the routine has no products")
    if len(items) > MAX_PRODUCTS:
        raise InputError(f"a routine takes at most {MAX_PRODUCTS} products, got {len(items)}")
    out = [_product(k, obj, base) for k, obj in enumerate(items)]
    seen: set[str] = set()
    for k, p in enumerate(out):
        if p.name in seen:
            raise InputError(f"product {k + 1} ({p.name!r}): name: used twice; names must differ")
        seen.add(p.name)
    return out


def load_routine(path: str | Path) -> list[RoutineProduct]:
    """The products of a YAML or JSON routine file (``file:`` paths are relative to it)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{path}: {len(raw):,} bytes; a routine file is at most "
                         f"{MAX_FILE_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    import yaml  # (JSON is YAML too)

    try:
        doc = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{path}:{where}: not valid YAML or JSON") from None
    try:
        return _products(doc, path.parent)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None


# --------------------------------------------------------------------------- the model

def _key(name: str, read: bool, inci: str | None) -> str:
    return inci if read and inci else " ".join(name.lower().split())


def _combine(xs: Sequence[float]) -> float:
    keep = 1.0
    for x in xs:
        keep *= 1 - min(x, 0.999999)
    return 100 * (1 - keep)


def _area(area: str, entries: list[tuple[RoutineProduct, Report]]) -> AreaLoad:
    exposure = [min(1.0, p.uses_per_week / 7) for p, _r in entries]
    xs = [e * r.score / 100 for e, (_p, r) in zip(exposure, entries, strict=True)]
    load = _combine(xs)
    low = _combine([e * r.score_range[0] / 100 for e, (_p, r) in zip(exposure, entries,
                                                                     strict=True)])
    high = _combine([e * r.score_range[1] / 100 for e, (_p, r) in zip(exposure, entries,
                                                                      strict=True)])
    logs = [-math.log(1 - min(x, 0.999999)) for x in xs]
    total = sum(logs)
    loads = []
    by_ingredient: dict[str, tuple[str, float, list[str]]] = {}
    for (p, r), e, lg in zip(entries, exposure, logs, strict=True):
        points = load * lg / total if total > 0 else 0.0
        loads.append(ProductLoad(p.name, r, e, points))
        scale = points / r.score if r.score > 0 else 0.0
        for f in r.findings:
            if not f.contribution:
                continue
            key = _key(f.name, f.read, f.match.inci)
            name, pts, prods = by_ingredient.get(key, (f.name, 0.0, []))
            if p.name not in prods:
                prods.append(p.name)
            by_ingredient[key] = (name, pts + f.contribution * scale, prods)
    unread = tuple(f"{p.name}: {n}" for p, r in entries for n in r.unread)
    uncertain = [r for _p, r in entries if r.band == "uncertain"]
    if any(r.nothing_read for r in uncertain):
        band, band_range = "uncertain", ("low", "high")
    elif uncertain:
        # the high end with only what was not read at its bound is not kept in a Report:
        # the score range's top (which also spans rating disagreement) stands in for it,
        # so the band is stated less often than it could be, never more.
        top = _combine([e * (r.score_range[1] if r.band == "uncertain" else r.score) / 100
                        for e, (_p, r) in zip(exposure, entries, strict=True)])
        lo_b, hi_b = band_for(load), band_for(max(load, top))
        band, band_range = (lo_b if lo_b == hi_b else "uncertain"), (lo_b, hi_b)
    else:
        band, band_range = band_for(load), (band_for(load), band_for(load))
    products = tuple(sorted(loads, key=lambda x: -x.points))
    ingredients = tuple(sorted((IngredientLoad(n, pts, tuple(prods))
                                for n, pts, prods in by_ingredient.values() if pts > 0.05),
                               key=lambda i: -i.points))
    return AreaLoad(area, load, (min(low, load), max(high, load)), band, band_range, products,
                    ingredients, unread, _area_summary(area, load, band, band_range, products,
                                                       ingredients, entries))


def _area_summary(area: str, load: float, band: str, band_range: tuple[str, str],
                  products: Sequence[ProductLoad], ingredients: Sequence[IngredientLoad],
                  entries: Sequence[tuple[RoutineProduct, Report]]) -> str:
    where = {"face": "The face", "eye": "The eye area", "lips": "The lips", "body": "The body"}
    if band == "uncertain":
        parts = [f"{where[area]}: can't tell, between {band_range[0]} and {band_range[1]} "
                 f"(load {load:.0f}/100 from what was read)."]
        for p, r in entries:
            if r.unread:
                parts.append(f"{p.name} has {count_of(len(r.unread), 'name')} not read: "
                             f"{unread_names(r, 3)}.")
    else:
        parts = [f"{where[area]}: load {load:.0f}/100 ({band})."]
    if products and products[0].points >= 0.5:
        parts.append("Most from " + ", ".join(f"{p.product} ({p.points:.0f})"
                                              for p in products[:3] if p.points >= 0.5) + ".")
    if ingredients:
        parts.append("Ingredients: " + ", ".join(
            f"{i.ingredient} ({i.points:.0f}, in {' and '.join(i.products)})"
            for i in ingredients[:3]) + ".")
    return " ".join(parts)


def analyze_routine(
    products: Iterable[RoutineProduct | Mapping[str, Any]] | Mapping[str, Any],
    *,
    db: Database | None = None,
) -> Routine:
    """Score every product of a routine on each area it goes on, and combine them per area.

    ``products`` are :class:`RoutineProduct` values or mappings with the fields of a
    routine file (``name``, ``ingredients`` or ``file``, ``product_type``, ``areas``,
    ``frequency``), or ``{"products": [...]}``. The combination rule is a model (see the
    module docstring and docs/scoring.md). Raises :class:`InputError` naming the
    product and the field for a bad product, a list with no ingredients, or more than
    :data:`MAX_PRODUCTS` products.
    """
    items = _products(products, None)
    db = db or default_database()
    by_area: dict[str, list[tuple[RoutineProduct, Report]]] = {}
    for k, p in enumerate(items):
        for area in p.areas:
            try:
                report = analyze(p.text, product_type=p.product_type, area=area, db=db)
            except InputError as exc:
                raise InputError(f"product {k + 1} ({p.name!r}): ingredients: {exc}") from None
            by_area.setdefault(area, []).append((p, report))
    areas = tuple(_area(a, by_area[a]) for a in AREAS if a in by_area)
    ranked = sorted(areas, key=lambda a: -a.load)
    summary = " ".join(a.summary for a in ranked) + " " + ROUTINE_NOTE
    return Routine(tuple(items), areas, summary)


# --------------------------------------------------------------------------- output

def _points(x: float) -> str:
    """Points in 5 columns; a rounding of nothing is 0.0, never -0.0."""
    return f"{0.0 if abs(x) < 0.05 else x:5.1f}"


def _cut(text: str, width: int) -> str:
    return cut(text, width)  # by display width: a Korean or Chinese name takes two columns


def render_routine_text(routine: Routine, *, width: int = 80) -> str:
    """Per area: load, band, products and ingredients that load it most."""
    import textwrap

    lines: list[str] = []
    for a in routine.areas:
        band = (f"uncertain ({a.band_range[0]}–{a.band_range[1]})" if a.band == "uncertain"
                else a.band)
        lines.append(f"{a.area.upper()}  load {a.load:.0f}/100  {band}  "
                     f"(range {a.load_range[0]:.0f}–{a.load_range[1]:.0f})")
        for p in a.products:
            lines.append(_cut(
                f"  {_points(p.points)}  {p.product}  (score {p.report.score:.0f}, "
                f"{p.report.band}, {p.report.product_type}, exposure {p.exposure:.0%})", width))
        for i in a.ingredients[:5]:
            lines.append(_cut(f"  {_points(i.points)}  · {i.ingredient} ({', '.join(i.products)})",
                              width))
        flags = dict.fromkeys(f"{f.kind}: {f.ingredient} ({p.product})"
                              for p in a.products for f in p.report.flags)
        for flag in list(flags)[:6]:
            lines.append(_cut(f"      !  {flag}", width))
        for name in a.unread[:5]:
            lines.append(_cut(f"      ?  not read: {name}", width))
        lines.extend(textwrap.wrap(a.summary, width, initial_indent="  ",
                                   subsequent_indent="  "))
        lines.append("")
    lines.extend(textwrap.wrap(routine.note, width))
    return "\n".join(lines) + "\n"


def render_routine(routine: Routine, fmt: str = "text", *, width: int = 80) -> str:
    """``text`` or ``json``."""
    import json

    if fmt == "text":
        return render_routine_text(routine, width=width)
    if fmt == "json":
        return json.dumps(routine.to_dict(), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}")
