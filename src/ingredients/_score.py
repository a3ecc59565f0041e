"""Stage 3: from matched ingredients to a milia-risk score a person can check.

The model (docs/scoring.md gives its sources and limits) in four steps:

1. **Dose proxy.** Labels list ingredients above 1% by descending weight, the rest
   in any order. Each ingredient gets an estimated share of the product from its
   position: geometric steps from ``TOP_PERCENT`` at position 1 down to 1% at the
   estimated 1% line (the first ingredient capped at 1% or less, such as
   phenoxyethanol), and ``BELOW_LINE_PERCENT`` after it. A percentage stated on
   the label replaces the estimate. The weight is ``(percent / FULL_DOSE) ** DOSE_EXPONENT``,
   capped at 1: dose matters, with diminishing returns, and traces count little.
2. **Per-ingredient risk** ``r`` in [0, 1] combines comedogenicity (0-5 -> 0-1)
   and occlusion class, as the chance that either mechanism acts:
   ``1 - (1 - COMEDO * c/5) * (1 - OCCLUSION[class] * area factor)``. Computed at
   the mean, the lowest and the highest source rating.
3. **Combination** as independent chances: ``raw = 1 - prod(1 - w_i * r_i * context)``,
   so the score stays below 100, rises with every risky ingredient added, and never
   falls when a riskier ingredient moves above a less risky one. Each ingredient's
   share of the points is proportional to ``-log(1 - w_i r_i)``, so the
   contributions add up to the score exactly.
4. **Protective actives** remove at most ``MAX_PROTECTION`` of the raw score, in
   proportion to their weight and strength: they never cancel a heavy occlusive.

Flags (corticosteroids; retinoids in eye products; a user's avoid-list) are
reported, not scored. Coverage is the share of the estimated dose that the
database knows; it lowers the stated confidence, never the score.

**What was not read.** A name that is not recognised, or only weakly guessed
(:data:`READ_CONFIDENCE`), adds nothing to the point estimate; the top of the range
takes it as the riskiest kind of ingredient its words allow
(:mod:`ingredients._unread`), at its estimated dose. A band is stated only when
what was not read cannot move the estimate out of it; otherwise the band is
``uncertain`` and :attr:`Report.band_range` says between which bands.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from ingredients._database import Database, Rating, RiskEntry, default_database
from ingredients._languages import detect_language, language_codes
from ingredients._match import READ_CONFIDENCE, Match, matcher_for
from ingredients._parse import Ingredient, parse
from ingredients._unread import KindBound
from ingredients.errors import InputError

__all__ = [
    "AREAS",
    "PRODUCT_TYPES",
    "SCHEMA_VERSION",
    "Computed",
    "Finding",
    "Flag",
    "Report",
    "analyze",
    "band_for",
    "band_range_for",
    "compute",
    "flags_for",
    "score_ingredients",
]

ProductType = Literal["leave-on", "rinse-off"]
Area = Literal["face", "eye", "lips", "body"]
Band = Literal["low", "moderate", "high", "uncertain"]
PRODUCT_TYPES: tuple[str, ...] = ("leave-on", "rinse-off")
AREAS: tuple[str, ...] = ("face", "eye", "lips", "body")
SCHEMA_VERSION = "2.0"


def _median(values: Sequence[float]) -> float:
    """``statistics.median`` (the same arithmetic), without importing ``statistics``
    and the ``fractions`` and ``decimal`` modules it brings, on every cold start."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        raise ValueError("no median of an empty list")
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2

# ---- model parameters (documented in docs/scoring.md) ----
TOP_PERCENT = 50.0
"""Assumed share of the first ingredient when the label gives none."""
SECOND_PERCENT = 15.0
"""Assumed share of the second: the first (usually water) takes most of a formula."""
DEFAULT_LINE = 10
"""Assumed position of the 1% line when no capped ingredient marks it."""
BELOW_LINE_PERCENT = 0.5
FULL_DOSE = 20.0
"""Percent at which an ingredient counts at full weight."""
DOSE_EXPONENT = 0.75
"""Below full dose the weight falls a little slower than the dose: 5% -> 0.35, 1% -> 0.11."""
COMEDO = 0.8
COMEDO_CURVE = {0: 0.0, 1: 0.0, 2: 0.12, 3: 0.35, 4: 0.65, 5: 1.0}
"""Rating -> share of the comedogenic term. Ratings 0-1 are read as non-comedogenic
and the curve steepens towards 5: a low rating is informative, a high one a warning."""
OCCLUSION = {"none": 0.0, "light": 0.05, "moderate": 0.35, "heavy": 0.8}
AREA_OCCLUSION = {"face": 1.0, "eye": 1.4, "lips": 0.8, "body": 0.7}
"""Eye skin is thin and milia cluster there: occlusion weighs more."""
CONTEXT = {"leave-on": 1.0, "rinse-off": 0.15}
"""A product washed off after a minute acts far less than one left on for hours."""
PROTECTION = {"mild": 0.15, "moderate": 0.3, "strong": 0.5}
MAX_PROTECTION = 0.3
"""Protective actives can remove at most this share of the score."""
BANDS = ((45.0, "high"), (20.0, "moderate"), (0.0, "low"))
"""Score cut-offs: >= 45 high, >= 20 moderate, else low (docs/scoring.md says why)."""
ALPHABETICAL_NOTE = (
    "The list is in alphabetical order (as on US drug labels), so position says nothing "
    "about dose: every ingredient without a stated percentage got the same estimated share."
)
TRUNCATED_NOTE = (
    "The text was cut: only its first 2,000 ingredients (5,000 lines, 1,000,000 "
    "characters) were read; what follows was not scored."
)
MAX_TEXT = 1_000_000
"""Longest text analysed (characters); longer input is an InputError."""

CAVEAT = (
    "This is a screening estimate, not a diagnosis or medical advice. No study measures "
    "milia risk of cosmetic ingredients directly: the score is modelled from comedogenicity "
    "ratings (mostly rabbit-ear tests, which over-predict for human skin and depend on "
    "concentration and vehicle) and from clinical advice about heavy occlusive products."
)


@dataclass(frozen=True, slots=True)
class Flag:
    """Something reported but not scored."""

    kind: str
    """``corticosteroid``, ``retinoid-eye``, ``avoid``, ``allergen`` (a fragrance allergen EU
    law requires on the label) or ``malassezia`` (reported to feed Malassezia yeasts)."""
    ingredient: str
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    """What the report says about one ingredient of the label."""

    ingredient: Ingredient
    match: Match
    role: str
    """``risk``, ``protective``, ``flag``, ``neutral`` or ``unknown``."""
    comedogenic: tuple[int, int] | None
    """Lowest and highest source rating (0-5), or None when unrated."""
    occlusivity: str | None
    estimated_percent: float
    """Dose proxy: stated percentage, or the estimate from position."""
    weight: float
    """0-1 weight of this ingredient from its (estimated) dose."""
    risk: tuple[float, float, float]
    """Per-ingredient risk (mean, low, high), 0-1, before dose and context."""
    contribution: float
    """Points of the score due to this ingredient (negative for protective actives)."""
    explanation: str
    sources: tuple[str, ...]

    @property
    def name(self) -> str:
        """Display name: the canonical name when read, else the label text."""
        return _display(self.match.inci) if self.read and self.match.inci else self.ingredient.name

    @property
    def read(self) -> bool:
        """False when the name was not recognised or only weakly guessed (unread)."""
        return self.match.read

    @property
    def possibly(self) -> tuple[str, ...]:
        """Display names a weak guess was between (``possibly Dimethicone?``); else empty."""
        return tuple(_display(n) for n in self.match.possibly)

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        ing = self.ingredient
        return {
            "position": ing.position,
            "label_name": ing.name,
            "raw": ing.raw,
            "span": list(ing.span),
            "percent": ing.percent,
            "may_contain": ing.may_contain,
            "parse_flags": list(ing.flags),
            "inci": self.match.inci if self.read else None,
            "read": self.read,
            "possibly": list(self.possibly),
            "match_method": self.match.method,
            "match_confidence": round(self.match.confidence, 3),
            "candidates": list(self.match.candidates),
            "role": self.role,
            "comedogenic": list(self.comedogenic) if self.comedogenic else None,
            "occlusivity": self.occlusivity,
            "estimated_percent": round(self.estimated_percent, 3),
            "weight": round(self.weight, 4),
            "risk": [round(x, 4) for x in self.risk],
            "contribution": round(self.contribution, 2),
            "explanation": self.explanation,
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The milia-risk assessment of one product."""

    score: float
    """0-100."""
    score_range: tuple[float, float]
    """Low end: every read ingredient at its lowest source rating, unread ones adding
    nothing. High end: read ones at their highest rating, each unread one as the
    riskiest kind its name allows (``(0, 100)`` when nothing was read)."""
    band: Band
    """``low``, ``moderate`` or ``high``; ``uncertain`` when what was not read could
    move the estimate into another band (see :attr:`band_range`)."""
    confidence: float
    """0-1: how much the score can be trusted (coverage and match certainty)."""
    coverage: float
    """Share of the estimated dose that the database knows."""
    findings: tuple[Finding, ...]
    flags: tuple[Flag, ...]
    unread: tuple[str, ...]
    """Label names not read: not recognised, or only weakly guessed. They add nothing
    to the score and widen its range."""
    product_type: str
    area: str
    database_version: str
    line_position: int | None
    """Estimated position of the 1% line (first ingredient after it), None if not reached."""
    summary: str = ""
    caveat: str = CAVEAT
    notes: tuple[str, ...] = ()
    """How the estimate was made where it departs from the usual (an alphabetical list)."""
    sources: dict[str, str] = field(default_factory=dict)
    """Source id -> full reference, for every source a finding cites."""
    band_range: tuple[str, str] = ("low", "low")
    """Lowest and highest band the product could be in, given what was not read (both
    the stated band when :attr:`band` is not ``uncertain``)."""
    unread_share: float = 0.0
    """Estimated share of the formula (by the dose profile) that was not read."""
    nothing_read: bool = False
    """True when not one name of the list was read."""

    @property
    def unknown(self) -> tuple[str, ...]:
        """The same as :attr:`unread` (the field's name before schema 2.0)."""
        return self.unread
    language: str | None = None
    """Language of the label text (a language pack's code: ``en``, ``fr``, ``ko``), as
    detected, or as given to :func:`analyze`; None when it could not be told."""

    @property
    def confidence_label(self) -> str:
        """``low``, ``medium`` or ``high``; ``low`` whenever the band is ``uncertain`` (a
        shopper must not read "high confidence" next to "can't tell")."""
        if self.band == "uncertain":
            return "low"
        return "high" if self.confidence >= 0.75 else "medium" if self.confidence >= 0.5 else "low"

    def top_contributors(self, n: int = 3) -> list[Finding]:
        """The findings that add most to the score."""
        ranked = sorted((f for f in self.findings if f.contribution > 0.05),
                        key=lambda f: -f.contribution)
        return ranked[:n]

    def to_dict(self) -> dict[str, object]:
        """Plain data: the JSON schema of ``milia check --format json``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "score": round(self.score, 1),
            "score_range": [round(self.score_range[0], 1), round(self.score_range[1], 1)],
            "band": self.band,
            "band_range": list(self.band_range),
            "unread_share": round(self.unread_share, 3),
            "nothing_read": self.nothing_read,
            "confidence": round(self.confidence, 3),
            "confidence_label": self.confidence_label,
            "coverage": round(self.coverage, 3),
            "product_type": self.product_type,
            "area": self.area,
            "language": self.language,
            "database_version": self.database_version,
            "line_position": self.line_position,
            "summary": self.summary,
            "caveat": self.caveat,
            "notes": list(self.notes),
            "findings": [f.to_dict() for f in self.findings],
            "flags": [{"kind": f.kind, "ingredient": f.ingredient, "message": f.message}
                      for f in self.flags],
            "unread": list(self.unread),
            "unknown": list(self.unread),
            "sources": dict(self.sources),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


# --------------------------------------------------------------------------- helpers

_UPPER_WORDS = frozenset({"PEG", "PPG", "CI", "EDTA", "PCA", "BHT", "BHA", "PVP", "SD", "NSE",
                          "SE", "TEA", "DEA", "MEA", "HCL", "UV", "DNA", "II", "III", "IV",
                          "NP", "AP", "EOP", "NS", "EOS", "AS", "PABA", "MIPA", "DIPA", "VP"})


@lru_cache(maxsize=8192)
def _display(inci: str) -> str:
    """``ISOPROPYL MYRISTATE`` -> ``Isopropyl Myristate`` (keeping PEG, CI, EDTA...)."""
    words = []
    for word in inci.split(" "):
        parts = []
        for part in word.split("-"):
            sub = "/".join(
                p if p in _UPPER_WORDS or any(ch.isdigit() for ch in p[:1])
                else p[:1] + p[1:].lower()
                for p in part.split("/")
            )
            parts.append(sub)
        words.append("-".join(parts))
    return " ".join(words)


def band_for(score: float) -> Band:
    """The band of a score (cut-offs in :data:`BANDS`)."""
    for cut, band in BANDS:
        if score >= cut:
            return band  # type: ignore[return-value]
    return "low"


def band_range_for(score: float, unread_high: float, *, nothing_read: bool = False
                   ) -> tuple[Band, tuple[Band, Band]]:
    """The stated band and the band range of a product: ``score`` counts what was read,
    ``unread_high`` is the same estimate with every unread ingredient at its bound.

    The band is stated only when both fall in it; otherwise it is ``uncertain``.
    A list of which nothing was read could be anything: low to high.
    """
    if nothing_read:
        return "uncertain", ("low", "high")
    lo, hi = band_for(score), band_for(max(score, unread_high))
    return (lo if lo == hi else "uncertain"), (lo, hi)


def is_alphabetical(ingredients: Sequence[Ingredient]) -> bool:
    """True when the list is in alphabetical order, so position says nothing about dose.

    US drug labels list inactive ingredients alphabetically; so do some retailers.
    A weight-ordered list of eight or more names is almost never sorted by chance.
    """
    return _sorted_names([i.name.lower() for i in ingredients
                          if not i.may_contain and i.percent is None])


def _sorted_names(names: Sequence[str]) -> bool:
    """:func:`is_alphabetical` of the lower-cased names without a stated percentage."""
    if len(names) < 8:
        return False
    # (out of order pairs only add up: more than allowed at the end is more than
    # allowed at some point)
    out_of_order: int = sum(map(operator.ge, names, itertools.islice(names, 1, None)))
    return out_of_order <= 0.1 * (len(names) - 1)


def _profile(position: int) -> float:
    """Estimated percent at a position above the 1% line: TOP_PERCENT at position 1,
    SECOND_PERCENT at 2, then falling geometrically to 1% at DEFAULT_LINE, never below
    BELOW_LINE_PERCENT."""
    if position <= 1:
        return TOP_PERCENT
    share = SECOND_PERCENT * math.pow(1 / SECOND_PERCENT, (position - 2) / (DEFAULT_LINE - 2))
    return max(share, BELOW_LINE_PERCENT)


# _profile by position (index 0 unused); positions past the end are below the line anyway.
_PROFILE = [TOP_PERCENT, *(_profile(p) for p in range(1, DEFAULT_LINE + 2))]


@lru_cache(maxsize=4096)
def _weight(percent: float) -> float:
    return min(1.0, math.pow(max(percent, 0.0) / FULL_DOSE, DOSE_EXPONENT))


_NO_RISK = (0.0, 0.0, 0.0)
_ALMOST_ONE = 0.999999
_risk_cache: dict[tuple[int, str], tuple[RiskEntry, tuple[float, float, float]]] = {}


def _risk(entry: RiskEntry, area: str) -> tuple[float, float, float]:
    """(median, low, high) risk of one entry in one area; remembered per entry object."""
    key = (id(entry), area)
    held = _risk_cache.get(key)
    # The cache holds the entry itself, so its id cannot be reused while cached.
    if held is not None and held[0] is entry:
        return held[1]
    risk = _risk_of(entry, area)
    if len(_risk_cache) > 50_000:
        _risk_cache.clear()
    _risk_cache[key] = (entry, risk)
    return risk


def _risk_of(entry: RiskEntry, area: str) -> tuple[float, float, float]:
    occ = min(1.0, OCCLUSION[entry.occlusivity] * AREA_OCCLUSION[area])
    ratings = entry.comedogenicity
    if ratings:
        mean_c, by_dose = point_rating(ratings)
        lo_c: float = min(r.lo for r in ratings)
        hi_c: float = max(r.hi for r in ratings)
    else:
        mean_c, by_dose, lo_c, hi_c = 0.0, (), 0.0, 0.0

    def combine(c: float) -> float:
        return 1 - (1 - COMEDO * _curve(c)) * (1 - occ)

    risk = (combine(mean_c), combine(lo_c), combine(hi_c))
    if len(by_dose) < 2:
        return risk
    # Several tested concentrations: the mid risk follows the estimated dose, switching
    # half-way between two tested concentrations (the closest one is used).
    doses = [d for d, _c in by_dose]
    cuts = tuple((a + b) / 2 for a, b in itertools.pairwise(doses))
    return DoseRisk(risk, cuts, tuple(combine(c) for _d, c in by_dose))


class DoseRisk(tuple[float, float, float]):
    """A (mid, low, high) risk whose mid depends on the estimated dose: the rating of the
    primary study whose tested concentration is closest to it (:func:`point_rating`)."""

    cuts: tuple[float, ...]
    mids: tuple[float, ...]

    def __new__(cls, risk: tuple[float, float, float], cuts: tuple[float, ...],
                mids: tuple[float, ...]) -> DoseRisk:
        obj = super().__new__(cls, risk)
        obj.cuts, obj.mids = cuts, mids
        return obj

    def __reduce__(self) -> tuple[Any, ...]:  # (worker processes get it pickled)
        return (DoseRisk, ((self[0], self[1], self[2]), self.cuts, self.mids))

    def at(self, percent: float) -> float:
        """The mid risk at ``percent`` (estimated or stated)."""
        for cut, mid in zip(self.cuts, self.mids, strict=False):
            if percent < cut:
                return mid
        return self.mids[-1]


def point_rating(ratings: Sequence[Rating]) -> tuple[float, tuple[tuple[float, float], ...]]:
    """The rating the point estimate uses, and the primary ratings by tested concentration.

    The rule (docs/scoring.md, "Which rating counts"): a primary study's own grade
    outranks every compilation; without one, values traced to published studies
    outrank values of unstated origin; within the tier that counts, each origin (a
    list that reprints another's value is not a second origin) counts once, as the
    median of its values, and the estimate is the median over origins (a range counts
    as its midpoint). The score range still uses every value.
    """
    graded = [r for r in ratings if r.primary and r.lo == r.hi]
    if graded:
        at: dict[float, list[float]] = {}
        for r in graded:
            if r.at_percent is not None:
                at.setdefault(r.at_percent, []).append(r.lo)
        by_dose = tuple((d, _median(v)) for d, v in sorted(at.items()))
        return _median([r.lo for r in graded]), by_dose
    secondary = [r for r in ratings if not r.primary]  # (an ungraded primary range: shown only)
    tier = [r for r in secondary if r.traced] or secondary or list(ratings)
    origins: dict[str, list[float]] = {}
    for r in tier:
        origins.setdefault(r.origin, []).append((r.lo + r.hi) / 2)
    # The median, not the mean: one origin's unexplained outlier (a list's "5" for
    # dimethicone) widens the range without moving the estimate.
    return _median([_median(v) for v in origins.values()]), ()


def unread_risk(bound: KindBound, area: str) -> float:
    """Risk (0-1, before dose and context) of an unread ingredient at its bound: the
    per-ingredient formula at the bound's rating and occlusivity."""
    occ = min(1.0, OCCLUSION[bound.occlusivity] * AREA_OCCLUSION[area])
    return 1 - (1 - COMEDO * _curve(bound.comedogenic)) * (1 - occ)


_NO_CLUE = KindBound("no-clue", 5, "heavy", "Nothing in the name rules any kind out.")
"""The default bound when a database carries no clues (an old custom build)."""


def bound_of(m: Match, db: Database) -> KindBound:
    """What the words of an unread name allow it to be (:mod:`ingredients._unread`)."""
    clues = db.unread_clues
    return clues.bound_for(m.query) if clues is not None else _NO_CLUE


def _curve(c: float) -> float:
    """:data:`COMEDO_CURVE`, linear between whole ratings (a mean can fall between)."""
    lo = math.floor(c)
    if lo >= 5:
        return COMEDO_CURVE[5]
    frac = c - lo
    return COMEDO_CURVE[lo] * (1 - frac) + COMEDO_CURVE[lo + 1] * frac


def _fmt_range(rng: tuple[int, int] | None) -> str:
    if rng is None:
        return "no published comedogenicity rating"
    return f"rated {rng[0]}/5" if rng[0] == rng[1] else f"rated {rng[0]}-{rng[1]}/5 (sources disagree)"


def _describe_bound(bound: KindBound) -> str:
    occl = {"none": "no occlusive", "light": "at most a light occlusive",
            "moderate": "at most a moderate occlusive", "heavy": "a heavy occlusive"}
    if bound.id == "no-clue":
        return "nothing in its name rules anything out, so it is taken as a heavy occlusive rated 5"
    return (f"its name says it is of a kind ({bound.id.replace('+', ', ')}) that is "
            f"{occl[bound.occlusivity]} and rated at most {bound.comedogenic}/5")


def _explain_unread(m: Match, bound: KindBound, where: str) -> str:
    if m.method == "unknown":
        head = f"Not recognised ({m.reason})."
    else:
        names = [_display(n) for n in m.possibly]
        head = (f"Not read: possibly {' or '.join(names[:3])}?, but only a guess "
                f"({m.reason}; confidence {m.confidence:.2f}, below the {READ_CONFIDENCE:.1f} "
                "needed to count it).")
    return (f"{head} Not counted in the score; the top of the range allows for it: "
            f"{_describe_bound(bound)}. ({where})")


def _explain(
    ing: Ingredient, m: Match, entry: RiskEntry | None, role: str, pct: float, points: float,
    product_type: str, area: str, below_line: bool, bound: KindBound,
) -> str:
    where = (f"stated at {ing.percent:g}%" if ing.percent is not None
             else "listed as 'may contain'" if ing.may_contain
             else f"position {ing.position}, " + ("at or below 1%" if below_line
                                                 else f"about {pct:.0f}% by its place"))
    if not m.read:
        return _explain_unread(m, bound, where)
    if entry is None:
        return (f"Recognised as {_display(m.inci or '')}, but the database has no rating for it; "
                f"not counted. ({where})")
    parts = [entry.explanation]
    facts = [_fmt_range(entry.comedogenic_range)]
    if entry.lineage_summary:
        facts.append(entry.lineage_summary)
    if entry.occlusivity != "none":
        facts.append(f"{entry.occlusivity} occlusive")
    parts.append(f"[{'; '.join(facts)}; {where}]")
    if role == "protective":
        parts.append(f"Lowers the score by {abs(points):.1f} points.")
    elif role == "flag":
        parts.append("Reported as a flag, not scored.")
    elif points >= 0.05:
        ctx = " in a rinse-off product" if product_type == "rinse-off" else ""
        ctx += " around the eyes" if area == "eye" and entry.occlusivity != "none" else ""
        parts.append(f"Adds {points:.1f} points{ctx}.")
    if m.method in ("fuzzy", "family") or m.confidence < 0.9:
        parts.append(f"(Matched by {m.method}, confidence {m.confidence:.2f}: {m.reason}.)")
    return " ".join(parts)


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class Computed:
    """The numbers of one product, without words (what :func:`score_numbers` gives).

    :func:`score_ingredients` builds its :class:`Report` from this; batch scoring
    computes the same numbers with :func:`score_many`.
    """

    score: float
    score_low: float
    score_high: float
    coverage: float
    confidence: float
    line: int | None
    alphabetical: bool
    """The list was read as alphabetical: positions gave no dose."""
    percents: tuple[float, ...]
    weights: tuple[float, ...]
    risks: tuple[tuple[float, float, float], ...]
    roles: tuple[str, ...]
    contributions: tuple[float, ...]
    unread_high: float = 0.0
    """The score with every unread ingredient at its bound (read ones at their median)."""
    unread_share: float = 0.0
    """Share of the estimated formula that was not read."""
    nothing_read: bool = False
    """Not one item was read (then the range is 0-100)."""


def _check_context(product_type: str, area: str) -> None:
    if product_type not in PRODUCT_TYPES:
        raise InputError(f"product_type must be one of {', '.join(PRODUCT_TYPES)}, "
                         f"not {product_type!r}")
    if area not in AREAS:
        raise InputError(f"area must be one of {', '.join(AREAS)}, not {area!r}")


class ItemFacts(NamedTuple):
    """What scoring needs to know about one matched name in one context (type, area).

    A pure function of the match, the database, the product type and the area
    (:func:`facts_for`), so batch scoring remembers it per distinct name.
    """

    known: bool
    """The database has an entry: the item counts towards coverage."""
    unread: bool
    """Not recognised, or only weakly guessed: it adds nothing to the estimate."""
    role: str
    risk: tuple[float, float, float]
    """(median, low, high) risk before dose and context; :data:`_NO_RISK` when not scored.
    For an unread item ``(0, 0, bound)``: only the top of the range counts it."""
    protect: float
    """Strength of a protective active, before its weight (0 otherwise)."""
    confidence: float
    marker: bool
    """A dose marker capped at or below 1% for the product type: it marks the 1% line."""
    display: str
    """Canonical display name, or the label name when unrecognised."""
    flags: tuple[str, ...]
    """``"kind: ingredient"`` of each flag it raises (see :func:`flags_for`)."""


def facts_for(m: Match, db: Database, product_type: str, area: str) -> ItemFacts:
    """:class:`ItemFacts` of one match."""
    if not m.read:
        return ItemFacts(
            known=False, unread=True, role="unknown",
            risk=(0.0, 0.0, unread_risk(bound_of(m, db), area)), protect=0.0,
            confidence=m.confidence, marker=False, display=m.query, flags=(),
        )
    entry, inci = m.entry, m.inci
    marker = db.dose_markers.get(inci) if inci is not None else None
    protect = 0.0
    if entry is None:
        role = "unknown" if m.method == "unknown" else "neutral"
        risk = _NO_RISK
    else:
        role = entry.role
        risk = _NO_RISK if role == "flag" else _risk(entry, area)
        if risk == _NO_RISK:
            risk = _NO_RISK  # (the shared object: score_numbers skips it at once)
        if role == "protective" and entry.protection is not None:
            protect = PROTECTION[entry.protection]
    return ItemFacts(
        known=entry is not None, unread=False, role=role, risk=risk,
        protect=protect, confidence=m.confidence,
        marker=marker is not None and marker.max_for(product_type) <= 1.0,
        display=_display(inci) if inci else m.query,
        flags=tuple(f"{f.kind}: {f.ingredient}" for f in flags_for((m,), db, area)),
    )


def first_marker(positions: Sequence[int], may: Sequence[bool],
                 facts: Sequence[ItemFacts]) -> int | None:
    """Position of the first dose marker (:attr:`ItemFacts.marker`) not listed as may-contain."""
    for position, may_contain, f in zip(positions, may, facts, strict=True):
        if f.marker and not may_contain:
            return position
    return None


def score_numbers(
    positions: Sequence[int],
    stated: Sequence[float | None],
    may: Sequence[bool],
    lower_names: Sequence[str],
    facts: Sequence[ItemFacts],
    marker: int | None,
    context: float,
) -> Computed:
    """The model (module docstring) for one product, given per item its position, the
    percentage the label states (or None), whether it is listed as may-contain, its
    lower-cased name (for the alphabetical check) and its :class:`ItemFacts`.

    ``marker`` is the position of the first ingredient capped at or below 1%
    (:func:`first_marker`). It only ever cuts the dose profile short, never stretches
    it, so a marker far down a long list does not inflate the ingredients above it;
    in an alphabetical list it bounds nothing.

    The one place the arithmetic lives: :func:`compute` (and so :func:`analyze`) and
    batch scoring both call it, so they cannot disagree.
    """
    n = len(facts)
    unordered = _sorted_names([name for name, pct, m in zip(lower_names, stated, may, strict=True)
                               if pct is None and not m])
    line = None if unordered else marker
    cut = min(line, len(_PROFILE)) if line is not None else len(_PROFILE)
    flat = max(BELOW_LINE_PERCENT, min(TOP_PERCENT, 100.0 / max(1, n)))
    profile, weight = _PROFILE, _weight
    percents: list[float] = []
    weights: list[float] = []
    risky: list[tuple[int, float]] = []
    protects: list[float] | None = None
    # One pass; the three running products are the mean, low and high raw scores.
    keep = keep_lo = keep_hi = keep_unread = 1.0
    covered = certainty = total_pct = total_protect = total_log = unread_pct = 0.0
    total_protect_hi = 0.0
    n_read = 0
    # An unread item might be a dose marker: at the top of the range, a protective
    # active after it is credited only the dose it would have below that 1% line.
    # (in an alphabetical list position gives no dose, so no unread item draws a line)
    first_unread = math.inf
    w_below = weight(BELOW_LINE_PERCENT)
    # (every sum is a plain running sum in item order, as score_many adds them up)
    for k, f in enumerate(facts):
        pct = stated[k]
        if pct is not None:
            pct = max(0.0, min(100.0, pct))
        elif may[k] or positions[k] >= cut:
            pct = BELOW_LINE_PERCENT
        else:
            pct = flat if unordered else profile[positions[k]]
        w = weight(pct)
        percents.append(pct)
        weights.append(w)
        total_pct += pct
        known, unread, _role, risk, protect, confidence, _marker, _display, _flags = f
        certainty += confidence * pct
        if known:
            covered += pct
        if unread:
            unread_pct += pct
            if positions[k] < first_unread and not unordered:
                first_unread = positions[k]
        else:
            n_read += 1
        if risk is not _NO_RISK:  # most ingredients carry no risk (facts_for shares the object)
            x = w * (risk.at(pct) if type(risk) is DoseRisk else risk[0]) * context
            # x <= 1 always (w, r, context are each at most 1); _ALMOST_ONE keeps log finite.
            keep *= 1 - (x if x < _ALMOST_ONE else _ALMOST_ONE)
            x_lo, x_hi = w * risk[1] * context, w * risk[2] * context
            keep_lo *= 1 - (x_lo if x_lo < _ALMOST_ONE else _ALMOST_ONE)
            keep_hi *= 1 - (x_hi if x_hi < _ALMOST_ONE else _ALMOST_ONE)
            if unread:
                keep_unread *= 1 - (x_hi if x_hi < _ALMOST_ONE else _ALMOST_ONE)
            if x:
                risky.append((k, x))
        if protect:
            if protects is None:
                protects = [0.0] * n
            protects[k] = protect * w
            total_protect += protects[k]
            total_protect_hi += protect * (
                w_below if stated[k] is None and positions[k] >= first_unread else w)

    raw, raw_lo, raw_hi = 1 - keep, 1 - keep_lo, 1 - keep_hi
    reduction = min(MAX_PROTECTION, total_protect)
    reduction_hi = min(MAX_PROTECTION, total_protect_hi)
    score = 100 * raw * (1 - reduction)

    # Attribution: risky ingredients share the raw points by -log(1 - x); protective
    # ones take back the reduction in proportion to their credit.
    log = math.log
    logs = [(k, -log(1 - (x if x < _ALMOST_ONE else _ALMOST_ONE))) for k, x in risky]
    for _k, lg in logs:
        total_log += lg
    scale = 100 * raw / total_log if total_log > 0 else 0.0
    if protects is None:
        contributions = [0.0] * n
    else:
        taken = 100 * raw * reduction / total_protect if total_protect > 0 else 0.0
        contributions = [-p * taken for p in protects]
    for k, lg in logs:
        contributions[k] += lg * scale

    total_pct = total_pct or 1.0
    coverage = covered / total_pct if n else 0.0
    nothing_read = n > 0 and n_read == 0
    return Computed(
        score=score,
        score_low=0.0 if nothing_read else min(100 * raw_lo * (1 - reduction), score),
        score_high=100.0 if nothing_read else max(100 * raw_hi * (1 - reduction_hi), score),
        coverage=coverage,
        confidence=coverage * certainty / total_pct if n else 0.0,
        line=line,
        alphabetical=unordered,
        percents=tuple(percents),
        weights=tuple(weights),
        risks=tuple(f.risk for f in facts),
        roles=tuple(f.role for f in facts),
        contributions=tuple(contributions),
        unread_high=max(100 * (1 - keep * keep_unread) * (1 - reduction_hi), score),
        unread_share=unread_pct / total_pct,
        nothing_read=nothing_read,
    )


def facts_columns(facts: Sequence[ItemFacts]) -> dict[str, Any]:
    """The numbers of many :class:`ItemFacts` as numpy columns, plus one all-zero row at
    the end (what :func:`score_many` reads for the padding)."""
    import numpy as np

    rows = [(f.confidence, float(f.known), f.risk[0], f.risk[1], f.risk[2], f.protect,
             float(f.unread)) for f in facts]
    rows.append((0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0))
    table = np.array(rows, dtype=np.float64)
    columns: dict[str, Any] = {
        name: np.ascontiguousarray(table[:, k])
        for k, name in enumerate(("confidence", "known", "r0", "r1", "r2", "protect",
                                  "unread"))}
    # Dose-dependent risks (DoseRisk) ride along: a flag column and the objects themselves.
    columns["dosed"] = np.array([float(type(f.risk) is DoseRisk) for f in facts] + [0.0])
    columns["dose"] = np.array([f.risk if type(f.risk) is DoseRisk else None for f in facts]
                               + [None], dtype=object)
    return columns


class ManyNumbers(NamedTuple):
    """What :func:`score_many` gives: one entry per product."""

    score: list[float]
    score_low: list[float]
    score_high: list[float]
    coverage: list[float]
    confidence: list[float]
    top: list[list[int]]
    """Offsets (within the product) of up to three items that add most (> 0.05 points)."""
    unread_high: list[float]
    unread_share: list[float]
    nothing_read: list[bool]


def score_many(
    columns: dict[str, Any],
    fids: Sequence[int],
    stated: Sequence[float],
    may: Sequence[bool],
    lengths: Sequence[int],
    markers: Sequence[int],
    unordered: Sequence[bool],
    context: float,
) -> ManyNumbers:
    """:func:`score_numbers` for many products at once, with numpy, to the last bit.

    Items of all products come one after the other: ``fids`` index
    :func:`facts_columns`, ``stated`` is NaN where the label states no percentage;
    per product, ``lengths`` (at least 1), ``markers`` (0 for none) and ``unordered``
    (:func:`_sorted_names` of its names). Products are laid out as the rows of a
    matrix, padded with the all-zero facts row, and every running sum and product is
    taken column by column, in item order: the same additions and multiplications,
    in the same order, as the per-product loop (padding adds 0.0 or multiplies by
    1.0, which changes nothing). Logarithms come from ``math.log`` and weights from
    the same cached function. Test: tests/batch/test_score_frame.py.
    """
    import numpy as np

    lens = np.asarray(lengths, dtype=np.intp)
    starts = np.cumsum(lens) - lens
    fid_a = np.asarray(fids, dtype=np.intp)
    stated_a = np.asarray(stated, dtype=np.float64)
    may_a = np.asarray(may, dtype=bool)
    marker_a = np.asarray(markers, dtype=np.intp)
    unordered_a = np.asarray(unordered, dtype=bool)
    # Products in blocks of similar length, so that each block's matrix is hardly padded.
    order = np.argsort(lens, kind="stable")
    gathered: list[list[Any]] = [[] for _ in ManyNumbers._fields]
    for block in np.array_split(order, max(1, len(order) // _BLOCK)):
        block_lens = lens[block]
        items = np.repeat(starts[block] - np.cumsum(block_lens) + block_lens, block_lens) \
            + np.arange(int(block_lens.sum()))
        got = _score_block(columns, fid_a[items], stated_a[items], may_a[items], block_lens,
                           marker_a[block], unordered_a[block], context)
        for into, values in zip(gathered, got, strict=True):
            into.extend(values)  # type: ignore[arg-type]  # (every field is a list)
    back = np.empty(len(order), dtype=np.intp)  # where each product's numbers ended up
    back[order] = np.arange(len(order))
    places = back.tolist()
    return ManyNumbers(*([values[k] for k in places] for values in gathered))


_BLOCK = 512
"""Products per matrix in :func:`score_many`."""


def _score_block(
    columns: dict[str, Any], fids: Any, stated: Any, may: Any, lens: Any, markers: Any,
    unordered: Any, context: float,
) -> ManyNumbers:
    """:func:`score_many` of one block (numpy arrays in, lists out)."""
    import numpy as np

    n_rows = len(lens)
    width = int(lens.max()) if n_rows else 0
    pad = len(columns["confidence"]) - 1
    row_of = np.repeat(np.arange(n_rows), lens)
    col_of = np.arange(len(row_of)) - np.repeat(np.cumsum(lens) - lens, lens)
    idx = np.full((n_rows, width), pad, dtype=np.intp)
    idx[row_of, col_of] = fids
    given = np.full((n_rows, width), np.nan)
    given[row_of, col_of] = stated
    listed_may = np.zeros((n_rows, width), dtype=bool)
    listed_may[row_of, col_of] = may
    valid = np.zeros((n_rows, width), dtype=bool)
    valid[row_of, col_of] = True

    positions = np.arange(1, width + 1)[None, :]
    line = np.where(unordered | (markers == 0), len(_PROFILE), np.minimum(markers, len(_PROFILE)))
    flat = np.maximum(BELOW_LINE_PERCENT, np.minimum(TOP_PERCENT, 100.0 / np.maximum(1, lens)))
    profile = np.asarray(_PROFILE)[np.minimum(positions, len(_PROFILE) - 1)]
    # Each share and its weight (from the same cached function as one by one): stated,
    # below the line, the flat share of an alphabetical list, or the profile.
    is_stated = ~np.isnan(given)
    stated_pct = np.maximum(0.0, np.minimum(100.0, given[is_stated]))
    below = listed_may | (positions >= line[:, None])
    flat_w = np.array([_weight(v) for v in flat.tolist()])
    profile_w = np.array([_weight(v) for v in _PROFILE])[np.minimum(positions, len(_PROFILE) - 1)]
    pct = np.where(below, BELOW_LINE_PERCENT, np.where(unordered[:, None], flat[:, None], profile))
    w = np.where(below, _weight(BELOW_LINE_PERCENT),
                 np.where(unordered[:, None], flat_w[:, None], profile_w))
    pct[is_stated] = stated_pct
    w[is_stated] = [_weight(v) for v in stated_pct.tolist()]
    pct[~valid] = 0.0
    w[~valid] = 0.0

    conf, known = columns["confidence"][idx], columns["known"][idx]
    unread = (columns["unread"][idx] > 0) & valid
    r0 = columns["r0"][idx]
    dosed = columns["dosed"][idx] > 0  # the few items with dose-dependent ratings
    if dosed.any():
        for i, j in zip(*np.nonzero(dosed), strict=True):
            r0[i, j] = columns["dose"][idx[i, j]].at(float(pct[i, j]))
    x = w * r0 * context
    x_lo = w * columns["r1"][idx] * context
    x_hi = w * columns["r2"][idx] * context
    protect = columns["protect"][idx] * w
    # (score_numbers: an unread item may draw the 1% line for the top of the range)
    first_unread = np.where(unread.any(axis=1) & ~unordered, unread.argmax(axis=1) + 1,
                            np.iinfo(np.intp).max)
    after_unread = ~is_stated & (positions >= first_unread[:, None])
    protect_hi = columns["protect"][idx] * np.where(after_unread, _weight(BELOW_LINE_PERCENT), w)
    keep_f = 1 - np.where(x < _ALMOST_ONE, x, _ALMOST_ONE)
    keep_lo_f = 1 - np.where(x_lo < _ALMOST_ONE, x_lo, _ALMOST_ONE)
    keep_hi_f = 1 - np.where(x_hi < _ALMOST_ONE, x_hi, _ALMOST_ONE)
    keep_unread_f = np.where(unread, keep_hi_f, 1.0)
    unread_t = np.where(unread, pct, 0.0)
    certainty_t = conf * pct
    covered_t = np.where(known > 0, pct, 0.0)
    risky = x > 0
    logs = np.zeros_like(x)
    logs[risky] = np.fromiter(map(math.log, keep_f[risky].tolist()), dtype=np.float64,
                              count=int(risky.sum()))
    logs = -logs

    zeros = np.zeros(n_rows)
    keep, keep_lo, keep_hi = zeros + 1.0, zeros + 1.0, zeros + 1.0
    certainty, covered, total_pct = zeros.copy(), zeros.copy(), zeros.copy()
    total_protect, total_log = zeros.copy(), zeros.copy()
    keep_unread, unread_pct, total_protect_hi = zeros + 1.0, zeros.copy(), zeros.copy()
    for j in range(width):  # running sums and products in item order, all rows at once
        keep *= keep_f[:, j]
        keep_lo *= keep_lo_f[:, j]
        keep_hi *= keep_hi_f[:, j]
        keep_unread *= keep_unread_f[:, j]
        unread_pct += unread_t[:, j]
        certainty += certainty_t[:, j]
        covered += covered_t[:, j]
        total_pct += pct[:, j]
        total_protect += protect[:, j]
        total_protect_hi += protect_hi[:, j]
        total_log += logs[:, j]

    raw, raw_lo, raw_hi = 1 - keep, 1 - keep_lo, 1 - keep_hi
    reduction = np.minimum(MAX_PROTECTION, total_protect)
    reduction_hi = np.minimum(MAX_PROTECTION, total_protect_hi)
    score = 100 * raw * (1 - reduction)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(total_log > 0, 100 * raw / total_log, 0.0)
        taken = np.where(total_protect > 0, 100 * raw * reduction / total_protect, 0.0)
    contributions = -protect * taken[:, None] + logs * scale[:, None]
    # The three largest above 0.05 points, largest first, ties in item order (argmax
    # finds the first of equal values): what a stable sort by contribution gives.
    ranked = np.where(valid & (contributions > 0.05), contributions, -np.inf)
    everyone = np.arange(n_rows)
    picks, shown = [], []
    for _ in range(min(3, width)):
        best = ranked.argmax(axis=1)
        shown.append(ranked[everyone, best] > -np.inf)
        picks.append(best)
        ranked[everyone, best] = -np.inf
    top = [[k for k, ok in zip(ks, oks, strict=True) if ok]
           for ks, oks in zip(zip(*(p.tolist() for p in picks), strict=True),
                              zip(*(o.tolist() for o in shown), strict=True), strict=True)]
    total = np.where(total_pct == 0, 1.0, total_pct)
    coverage = covered / total
    nothing_read = (lens > 0) & ((valid & ~unread).sum(axis=1) == 0)
    return ManyNumbers(
        score=score.tolist(),
        score_low=np.where(nothing_read, 0.0,
                           np.minimum(100 * raw_lo * (1 - reduction), score)).tolist(),
        score_high=np.where(nothing_read, 100.0,
                            np.maximum(100 * raw_hi * (1 - reduction_hi), score)).tolist(),
        coverage=coverage.tolist(),
        confidence=(coverage * certainty / total).tolist(),
        top=top,
        unread_high=np.maximum(100 * (1 - keep * keep_unread) * (1 - reduction_hi),
                               score).tolist(),
        unread_share=(unread_pct / total).tolist(),
        nothing_read=nothing_read.tolist(),
    )


def compute(
    ingredients: Sequence[Ingredient],
    matches: Sequence[Match],
    *,
    product_type: str,
    area: str,
    db: Database,
) -> Computed:
    """Score parsed and matched ingredients (the model in the module docstring)."""
    facts = [facts_for(m, db, product_type, area) for m in matches]
    positions = [i.position for i in ingredients]
    may = [i.may_contain for i in ingredients]
    return score_numbers(positions, [i.percent for i in ingredients], may,
                         [i.name.lower() for i in ingredients], facts,
                         first_marker(positions, may, facts), CONTEXT[product_type])


def score_ingredients(
    ingredients: Sequence[Ingredient],
    *,
    product_type: str = "leave-on",
    area: str = "face",
    db: Database | None = None,
    matches: Sequence[Match] | None = None,
) -> Report:
    """Score already-parsed ingredients (see :func:`analyze`)."""
    _check_context(product_type, area)
    db = db or default_database()
    if matches is None:
        matcher = matcher_for(db)
        matches = [matcher.match(i.name, i.alternatives) for i in ingredients]
    c = compute(ingredients, matches, product_type=product_type, area=area, db=db)
    findings = []
    for i, (ing, m) in enumerate(zip(ingredients, matches, strict=True)):
        entry = m.entry if m.read else None
        below = c.line is not None and ing.position >= c.line and ing.percent is None
        findings.append(Finding(
            ingredient=ing, match=m, role=c.roles[i],
            comedogenic=entry.comedogenic_range if entry else None,
            occlusivity=entry.occlusivity if entry else None,
            estimated_percent=c.percents[i], weight=c.weights[i], risk=c.risks[i],
            contribution=c.contributions[i],
            explanation=_explain(ing, m, entry, c.roles[i], c.percents[i], c.contributions[i],
                                 product_type, area, below, bound_of(m, db)),
            sources=entry.all_sources if entry else (),
        ))
    cited = {s for f in findings for s in f.sources}
    band, band_range = band_range_for(c.score, c.unread_high, nothing_read=c.nothing_read)
    notes = (*((ALPHABETICAL_NOTE,) if c.alphabetical else ()),
             *((TRUNCATED_NOTE,) if ingredients and "truncated" in ingredients[-1].flags else ()))
    if c.nothing_read:
        notes = (nothing_read_note([ing.name for ing in ingredients]), *notes)
    report = Report(
        score=c.score, score_range=(c.score_low, c.score_high),
        band=band, confidence=c.confidence, coverage=c.coverage,
        findings=tuple(findings), flags=tuple(flags_for(matches, db, area)),
        unread=tuple(ing.name for ing, m in zip(ingredients, matches, strict=True)
                     if not m.read),
        product_type=product_type, area=area, database_version=db.version,
        line_position=c.line,
        sources={s: db.sources[s].reference for s in sorted(cited) if s in db.sources},
        notes=notes, band_range=band_range, unread_share=c.unread_share,
        nothing_read=c.nothing_read,
    )
    return _with_summary(report)


def nothing_read_note(names: Sequence[str]) -> str:
    """What a report says when not one name of the list was read."""
    shown = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
    what = "its one name was not" if len(names) == 1 else f"none of its {len(names)} names was"
    return (f"This list could not be read: {what} recognised "
            f"(it says: {shown}). It may be written in another language or script, or not be "
            "an ingredient list at all. The score says nothing about this product: it could "
            "be anywhere from low to high.")


def flags_for(matches: Sequence[Match], db: Database, area: str) -> list[Flag]:
    """What to report but not score: corticosteroids, retinoids near the eyes, avoid-list."""
    out = []
    for m in matches:
        if not m.read:  # (a guess raises no flag: the report lists it as unread)
            continue
        entry, inci = m.entry, m.inci
        refs = db.flag_refs.get(inci, ()) if inci is not None else ()
        flagged = (entry is not None and entry.flag is not None) or (
            inci is not None and inci in db.avoid) or bool(refs)
        if not flagged:
            continue
        name = _display(inci) if inci else m.query
        if entry is not None and entry.flag == "corticosteroid":
            out.append(Flag("corticosteroid", name,
                            f"{name} is a corticosteroid: milia have been reported in skin "
                            "thinned by long use of steroid creams, and after two weeks of a "
                            "very potent one. Not scored as a cosmetic; ask a doctor or "
                            "pharmacist."))
        if entry is not None and entry.flag == "retinoid" and area == "eye":
            out.append(Flag("retinoid-eye", name,
                            f"{name} is a retinoid in an eye-area product: it can irritate the "
                            "thin skin around the eyes."))
        if inci is not None and inci in db.avoid:
            out.append(Flag("avoid", name, f"{name}: {db.avoid[inci]}"))
        out.extend(Flag(ref.kind, name, ref.text(name)) for ref in refs)
    return out


def _count(n: int, noun: str) -> str:
    """``1 ingredient was``, ``2 ingredients were``."""
    return f"{n} {noun} was" if n == 1 else f"{n} {noun}s were"


def count_of(n: int, noun: str) -> str:
    """``1 name``, ``2 names``: counts in plain English, never ``name(s)``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _share(share: float) -> str:
    return "under 1%" if share < 0.01 else f"about {share:.0%}"


def unread_names(report: Report, limit: int = 5) -> str:
    """The unread label names, weak guesses with what they might be: ``a, b (possibly C?)``."""
    guesses = {f.ingredient.name: f.possibly for f in report.findings if not f.read}
    shown = [name + (f" (possibly {' or '.join(guesses[name][:2])}?)" if guesses.get(name) else "")
             for name in report.unread[:limit]]
    return ", ".join(shown) + (" …" if len(report.unread) > limit else "")


_GROUPED_FLAGS = {
    "allergen": "Fragrance allergens EU law requires on the label (above 0.001% leave-on, "
                "0.01% rinse-off)",
    "malassezia": "Reported to feed Malassezia yeasts in lab culture (fungal acne)",
}


def _flags_sentence(flags: Sequence[Flag]) -> str:
    """The flags for the summary: each message, except the sourced kinds, which are listed
    by name in one sentence each (their full message is in :attr:`Report.flags`)."""
    parts = [f.message for f in flags if f.kind not in _GROUPED_FLAGS]
    grouped = [f"{head}: {', '.join(names)}." for kind, head in _GROUPED_FLAGS.items()
               if (names := [f.ingredient for f in flags if f.kind == kind])]
    return "Flags: " + " ".join(["; ".join(parts), *grouped] if parts else grouped)


def _with_summary(report: Report) -> Report:
    lo, hi = report.score_range
    n_unread = len(report.unread)
    why_range = "depending on which ratings you trust" + (
        " and on what was not read" if n_unread else "")
    if report.nothing_read:
        parts = [f"Can't tell. {report.notes[0]}"]
        notes = report.notes[1:]
    elif report.band == "uncertain":
        low_band, high_band = report.band_range
        parts = [
            f"Can't tell: between {low_band} and {high_band}, because "
            f"{_count(n_unread, 'ingredient')} not recognised "
            f"({_share(report.unread_share)} of the formula): {unread_names(report)}.",
            f"Counting only what was read, the milia / pore-clogging risk is "
            f"{report.score:.0f}/100 ({low_band}); it could be up to {hi:.0f} "
            f"({why_range}).",
        ]
        notes = report.notes
    else:
        lead = f"Milia / pore-clogging risk {report.score:.0f}/100 ({report.band}"
        if hi - lo >= 1:
            lead += f"; between {lo:.0f} and {hi:.0f} {why_range}"
        parts = [lead + ")."]
        if n_unread:
            parts.append(f"{_count(n_unread, 'ingredient')} not recognised and not counted "
                         f"({_share(report.unread_share)} of the formula): "
                         f"{unread_names(report)}; even as risky as "
                         f"{'its name allows, it' if n_unread == 1 else 'their names allow, they'}"
                         " would not change the band.")
        notes = report.notes
    top = report.top_contributors()
    if top:
        names = ", ".join(f"{f.name} ({f.contribution:.0f})" for f in top)
        parts.append(f"Driven mostly by {names}.")
    elif report.findings and not report.nothing_read:
        parts.append("No ingredient we know of adds much.")
    protective = [f for f in report.findings if f.contribution < -0.05]
    if protective:
        parts.append("Lowered by " + ", ".join(f"{f.name} ({f.contribution:.0f})"
                                               for f in protective[:3]) + ".")
    parts.extend(notes)
    parts.append(f"Database coverage {report.coverage:.0%} of the estimated formula; "
                 f"confidence {report.confidence_label}.")
    if report.flags:
        parts.append(_flags_sentence(report.flags))
    parts.append(report.caveat)
    return dataclasses.replace(report, summary=" ".join(parts))


def analyze(
    text: str,
    *,
    product_type: str = "leave-on",
    area: str = "face",
    db: Database | None = None,
    language: str | None = None,
) -> Report:
    """Parse, match and score one product's ingredient text.

    ``product_type`` is ``"leave-on"`` or ``"rinse-off"``; ``area`` is ``"face"``,
    ``"eye"``, ``"lips"`` or ``"body"``. ``language`` (a language pack's code) is
    what ``Report.language`` says; detected from the text when not given. Raises
    :class:`InputError` for text that is not a string, is too long, or holds no
    ingredients, and for an unknown language code.
    """
    if language is not None and language not in language_codes():
        raise InputError(f"unknown language {language!r}; known: {', '.join(sorted(language_codes()))}")
    if not isinstance(text, str):
        raise InputError(f"ingredient text must be a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise InputError(f"ingredient text is {len(text):,} characters; the limit is {MAX_TEXT:,}")
    ingredients = parse(text)
    if not ingredients:
        raise InputError("no ingredients found in the text" if text.strip()
                         else "the ingredient text is empty")
    report = score_ingredients(ingredients, product_type=product_type, area=area, db=db)
    return dataclasses.replace(report, language=language or detect_language(text))
