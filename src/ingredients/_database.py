"""The database: the CosIng vocabulary and the curated risk entries.

Everything the library knows lives in ``data/`` (shipped as ``ingredients.data``)
and is read here, once, lazily, on first use. Overlays (a retailer's own
ratings, a shopper's avoid-list) are merged over the shipped data with an
explicit conflict policy and give a new :class:`Database`; nothing is mutated.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, cast, get_args

from ingredients._area import AreaWords, parse_area_words
from ingredients._flags import FlagRef, parse_flag_refs
from ingredients._normalize import NORMALIZER_VERSION, normalize
from ingredients._unread import UnreadClues, parse_unread_clues
from ingredients.errors import DatabaseError

__all__ = [
    "Database",
    "DoseMarker",
    "Family",
    "Rating",
    "RiskEntry",
    "Source",
    "VocabularyEntry",
    "default_database",
    "load_database",
    "validate_database",
]

Occlusivity = Literal["none", "light", "moderate", "heavy"]
Role = Literal["risk", "protective", "flag", "neutral"]
Evidence = Literal["rabbit-ear", "human", "clinical", "extrapolated", "none"]
Protection = Literal["mild", "moderate", "strong"]
FlagKind = Literal["corticosteroid", "retinoid", "avoid"]
OnConflict = Literal["raise", "override", "keep"]

OCCLUSIVITY: tuple[str, ...] = get_args(Occlusivity)
ROLES: tuple[str, ...] = get_args(Role)
EVIDENCE: tuple[str, ...] = get_args(Evidence)
PROTECTION: tuple[str, ...] = get_args(Protection)
FLAGS: tuple[str, ...] = get_args(FlagKind)


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SOURCE_KINDS = ("paper", "review", "guideline", "list", "regulation", "database")
PRIMARY_KINDS = ("paper",)
"""Source kinds whose ratings are primary measurements (a study that tested the substance)."""
CITABLE_KINDS = ("paper", "review", "guideline", "regulation")
"""Source kinds a ``claims:`` item may cite: papers and official texts, never a list."""
SCHOLARLY_KINDS = ("paper", "review", "guideline")
"""Cited in an entry's ``sources``, these need a ``claims:`` item (or a rating) saying where."""
CLAIM_KINDS = (
    "what-milia-are", "milia-cause", "comedogenic", "not-comedogenic", "dose-dependent",
    "vehicle-dependent", "occlusive", "acne-treatment", "milia-treatment", "regulatory",
    "assay-limits",
)
"""What a ``claims:`` item says its source supports (data/SCHEMA.md)."""
READINGS = ("source", "ours")
"""Who put the number on a rating: the source's own 0-5 grade, or our reading of its words."""


@dataclass(frozen=True, slots=True)
class Source:
    """A reference that facts in the database come from."""

    id: str
    reference: str
    """Full citation."""
    kind: str
    terms: str
    """Why the project may use it (licence or "facts cited")."""
    url: str | None = None
    note: str | None = None
    copies: str | None = None
    """Lineage: the source whose values this one repeats (``fulton-table`` for a list
    that reprints it). A value equal to that source's value for the same ingredient
    counts as that source's, not as a second origin."""
    derived_from: tuple[str, ...] = ()
    """The primary studies a compilation states it comes from (its values are traced)."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One factual claim an entry's explanation makes, and where its source makes it."""

    kind: str
    """One of :data:`CLAIM_KINDS`."""
    source: str
    """A paper, review, guideline or regulation id (never a list)."""
    locator: str
    """Page, table, figure or "abstract": where a reader finds it."""
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Rating:
    """One source's comedogenicity (or irritancy) rating of one ingredient, 0-5."""

    source: str
    """Source id (see :attr:`Database.sources`)."""
    lo: int
    hi: int
    """Equal to ``lo`` unless the source itself gives a range."""
    as_listed: str | None = None
    """The name as the source wrote it."""
    note: str | None = None
    locator: str | None = None
    """Page, table or "abstract" for a paper's rating (required for papers)."""
    at_percent: float | None = None
    """The concentration the study tested (100 = neat), when it says."""
    reading: str = "source"
    """``source``: the source's own 0-5 grade; ``ours``: our reading of its words."""
    origin: str = ""
    """The source the value originates from (itself, or the one it copies): one origin
    counts once in the point estimate."""
    primary: bool = False
    """From a primary study (a paper that tested the substance), not a compilation."""
    traced: bool = False
    """Primary, or from a compilation that names the studies it comes from."""


@dataclass(frozen=True, slots=True)
class RiskEntry:
    """What the curated database says about one substance."""

    inci: str
    """Canonical (CosIng) name."""
    names: tuple[str, ...]
    """Other CosIng names of the same substance (``MINERAL OIL`` for ``PARAFFINUM LIQUIDUM``)."""
    synonyms: tuple[str, ...]
    """Non-INCI names seen on labels (common and trade names)."""
    comedogenicity: tuple[Rating, ...]
    """Every source's rating; empty means no published rating."""
    irritancy: tuple[Rating, ...]
    occlusivity: Occlusivity
    role: Role
    evidence: Evidence
    explanation: str
    sources: tuple[str, ...] = ()
    """Sources for the occlusivity, role and explanation."""
    protection: Protection | None = None
    flag: FlagKind | None = None
    family: str | None = None
    """Family id when this entry was extrapolated from a family rule."""
    origin: str = ""
    """File (and family) the entry came from."""
    claims: tuple[Claim, ...] = ()
    """The factual claims of the explanation, each with the source and place that make it."""

    @property
    def comedogenic_range(self) -> tuple[int, int] | None:
        """Lowest and highest rating over all sources, or None when unrated."""
        if not self.comedogenicity:
            return None
        return (min(r.lo for r in self.comedogenicity), max(r.hi for r in self.comedogenicity))

    @property
    def all_sources(self) -> tuple[str, ...]:
        """Every source id the entry relies on, ratings first, without repeats."""
        ids = ([r.source for r in self.comedogenicity] + list(self.sources)
               + [c.source for c in self.claims])
        return tuple(dict.fromkeys(ids))

    @property
    def lineage_summary(self) -> str:
        """How many lists and independent origins the ratings come from, and what the
        primary studies found: "3 lists, 1 independent origin; primary study: 0 at 10%"."""
        if self.family is not None:  # extrapolated: the explanation names the members
            return ""
        secondary = [r for r in self.comedogenicity if not r.primary]
        parts = []
        if secondary:
            n, k = len(secondary), len({r.origin for r in secondary})
            parts.append(f"{n} list{'s' if n != 1 else ''}, {k} independent "
                         f"origin{'s' if k != 1 else ''}")
        primary = [r for r in self.comedogenicity if r.primary]
        if primary:
            found = []
            for r in primary:
                val = f"{r.lo}" if r.lo == r.hi else f"{r.lo}-{r.hi}"
                at = (" neat" if r.at_percent == 100 else f" at {r.at_percent:g}%"
                      if r.at_percent is not None else "")
                ours = " (our reading)" if r.reading == "ours" else ""
                found.append(f"{val}{at}{ours}")
            label = "primary study" if len(primary) == 1 else "primary studies"
            parts.append(f"{label}: " + ", ".join(found))
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (``milia explain --format json``)."""
        return {
            "inci": self.inci,
            "names": list(self.names),
            "synonyms": list(self.synonyms),
            "comedogenicity": [
                {"source": r.source, "low": r.lo, "high": r.hi, "as_listed": r.as_listed,
                 "locator": r.locator, "at_percent": r.at_percent, "reading": r.reading,
                 "lineage": r.origin, "primary": r.primary}
                for r in self.comedogenicity
            ],
            "lineage": self.lineage_summary,
            "claims": [{"kind": c.kind, "source": c.source, "locator": c.locator}
                       for c in self.claims],
            "comedogenic_range": list(self.comedogenic_range) if self.comedogenic_range else None,
            "occlusivity": self.occlusivity,
            "role": self.role,
            "evidence": self.evidence,
            "protection": self.protection,
            "flag": self.flag,
            "family": self.family,
            "explanation": self.explanation,
            "sources": list(self.all_sources),
        }


@dataclass(frozen=True, slots=True)
class FamilyBand:
    """Properties of the members of a family whose number falls in ``n``."""

    n: tuple[int, int]
    comedogenicity: tuple[int, int]
    based_on: tuple[str, ...]


class ShippedPattern:
    """A family pattern of the shipped data, compiled on its first use.

    Compiling the shipped patterns took a twentieth of a cold ``milia check``, which
    rarely needs one (a family is tried only for a name no table knows). The shipped
    patterns are checked by ``validate_database`` and the tests; patterns from a
    user's overlay are compiled (for RE2) and checked when the overlay loads.
    """

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled().search(text)

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled().groupindex

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ShippedPattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __repr__(self) -> str:
        return f"ShippedPattern({self.pattern!r})"


@dataclass(frozen=True, slots=True)
class Family:
    """A rule recognising unlisted members of a chemical family."""

    id: str
    label: str
    pattern: Any
    """Matched against the CosIng-style (upper case, single-spaced) name: a
    :class:`ShippedPattern`, or an RE2 pattern from a user's overlay."""
    comedogenicity: tuple[int, int] | None
    based_on: tuple[str, ...]
    occlusivity: Occlusivity
    role: Role
    explanation: str
    sources: tuple[str, ...]
    bands: tuple[FamilyBand, ...] = ()
    origin: str = ""

    def entry_for(self, name: str) -> RiskEntry | None:
        """A synthetic, extrapolated entry for ``name`` if it belongs to this family."""
        # Patterns are written against CosIng spelling (``LAURETH-4``); names that are not
        # in CosIng arrive as label text, so the normalised form gets a second chance.
        m = self.pattern.search(name) or self.pattern.search(normalize(name))
        if m is None:
            return None
        rng, based_on = self.comedogenicity, self.based_on
        number = m.groupdict().get("n")
        if number is not None and self.bands:
            n = int(number)
            for band in self.bands:
                if band.n[0] <= n <= band.n[1]:
                    rng, based_on = band.comedogenicity, band.based_on
                    break
        ratings = (
            (Rating("extrapolated", rng[0], rng[1], note="from " + ", ".join(based_on)),)
            if rng is not None
            else ()
        )
        return RiskEntry(
            inci=name,
            names=(),
            synonyms=(),
            comedogenicity=ratings,
            irritancy=(),
            occlusivity=self.occlusivity,
            role=self.role,
            evidence="extrapolated",
            explanation=f"{self.explanation} (Extrapolated from {', '.join(based_on)}.)",
            sources=self.sources,
            family=self.id,
            origin=f"{self.origin}#{self.id}",
        )


@dataclass(frozen=True, slots=True)
class DoseMarker:
    """An ingredient whose use is capped at or below 1%: it marks the label's 1% line."""

    inci: str
    max_percent: float
    """Regulatory maximum (ready-for-use product)."""
    source: str
    leave_on_max_percent: float | None = None
    """A lower cap that applies to leave-on products only."""
    note: str | None = None

    def max_for(self, product_type: str) -> float:
        """The cap that applies to a product type."""
        if product_type == "leave-on" and self.leave_on_max_percent is not None:
            return self.leave_on_max_percent
        return self.max_percent


@dataclass(frozen=True, slots=True)
class VocabularyEntry:
    """One CosIng name."""

    inci: str
    cas: tuple[str, ...]
    ec: tuple[str, ...]
    functions: tuple[str, ...]


class _Synonym(NamedTuple):
    # A tuple, not a frozen dataclass: thousands are built at every start, and a
    # frozen dataclass's __init__ sets each field through object.__setattr__.
    name: str
    inci: str
    source: str
    origin: str


class Database:
    """The loaded vocabulary and risk entries. Immutable once built; share freely."""

    def __init__(
        self,
        *,
        version: str,
        content_hash: str,
        vocabulary: Mapping[str, VocabularyEntry],
        keys: Mapping[str, tuple[str, ...]],
        synonyms: Mapping[str, _Synonym],
        entries: Mapping[str, RiskEntry],
        families: Sequence[Family],
        sources: Mapping[str, Source],
        avoid: Mapping[str, str],
        layers: Sequence[str],
        dose_markers: Mapping[str, DoseMarker] | None = None,
        category_words: Mapping[str, frozenset[str]] | None = None,
        unread_clues: UnreadClues | None = None,
        area_words: AreaWords | None = None,
        flag_refs: Mapping[str, tuple[FlagRef, ...]] | None = None,
    ) -> None:
        self.version = version
        """Release of the shipped data, plus ``+<hash>`` when overlays are loaded."""
        self.content_hash = content_hash
        """SHA-256 over every file read (shipped data and overlays)."""
        self.vocabulary = vocabulary
        """Canonical name -> :class:`VocabularyEntry`."""
        self.keys = keys
        """Normalised key -> canonical names (more than one when CosIng spells a name twice)."""
        self.synonyms = synonyms
        """Normalised key of an alternative name -> synonym record."""
        self.entries = entries
        """Canonical name (every name of the substance) -> :class:`RiskEntry`."""
        self.families = tuple(families)
        self.sources = sources
        self.avoid = avoid
        """Canonical name -> reason, from an overlay's personal avoid-list."""
        self.layers = tuple(layers)
        """Files merged into this database, shipped data first."""
        self.dose_markers = dose_markers or {}
        """Canonical name -> cap, for estimating where the label's 1% line falls."""
        self.category_words = category_words or {}
        """``rinse_off_words`` / ``leave_on_words``: reading a retailer's category column."""
        self.unread_clues = unread_clues
        """What an unread name could at most be, from the words of the name."""
        self.area_words = area_words
        """``area_words`` of ``product_types.yaml``: the area a category names."""
        self.flag_refs = flag_refs or {}
        """Canonical name -> sourced flags (fragrance allergen, Malassezia) from flags.yaml."""
        self._numbers: dict[str, tuple[str, ...]] | None = None
        self._product_types: dict[str, str] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"<Database {self.version} names={len(self.vocabulary)} "
            f"entries={len({id(e) for e in self.entries.values()})} families={len(self.families)}>"
        )

    def product_type_of(self, category: str) -> str:
        """``rinse-off`` or ``leave-on`` for a retailer's category text."""
        found = self._product_types.get(category)
        if found is None:
            found = self._product_type_of(category)
            if len(self._product_types) < 10_000:  # categories repeat; remember them
                self._product_types[category] = found
        return found

    def area_of(self, category: str) -> str:
        """``eye``, ``face``, ``lips`` or ``body`` for a retailer's category text."""
        if self.area_words is None:
            text = category.strip().lower()
            return text if text in ("face", "eye", "lips", "body") else "face"
        return self.area_words.area_of(category)

    def _product_type_of(self, category: str) -> str:
        text = category.strip().lower()
        if text in ("rinse-off", "leave-on"):
            return text
        words = set(re.findall(r"[a-z]+(?:-[a-z]+)?", text))
        if words & self.category_words.get("leave_on_words", frozenset()):
            return "leave-on"
        if words & self.category_words.get("rinse_off_words", frozenset()):
            return "rinse-off"
        return "leave-on"

    def entry(self, inci: str) -> RiskEntry | None:
        """The risk entry of a canonical name (listed, or extrapolated from a family)."""
        found = self.entries.get(inci)
        if found is not None:
            return found
        return self.family_entry(inci)

    def family_entry(self, inci: str) -> RiskEntry | None:
        """The extrapolated entry of ``inci`` from the first family whose rule matches."""
        for family in self.families:
            made = family.entry_for(inci)
            if made is not None:
                return made
        return None

    def by_number(self, number: str) -> tuple[str, ...]:
        """Canonical names carrying a CAS or EC number."""
        if self._numbers is None:
            with self._lock:
                if self._numbers is None:
                    index: dict[str, list[str]] = {}
                    for v in self.vocabulary.values():
                        for n in (*v.cas, *v.ec):
                            index.setdefault(n, []).append(v.inci)
                    self._numbers = {k: tuple(v) for k, v in index.items()}
        return self._numbers.get(number, ())

    def synonyms_of(self, inci: str) -> tuple[str, ...]:
        """Alternative names that lead to ``inci`` (curated and CosDNA-pointed)."""
        entry = self.entries.get(inci)
        names = [s.name for s in self.synonyms.values() if s.inci == inci]
        if entry is not None:
            names = [*entry.names, *entry.synonyms, *names]
        return tuple(dict.fromkeys(n for n in names if n != inci))

    def rated_entries(self) -> list[RiskEntry]:
        """Every curated entry once (an entry is indexed under each of its names)."""
        return list({id(e): e for e in self.entries.values()}.values())

    def with_overlay(
        self, *overlays: str | Path, on_conflict: OnConflict = "raise"
    ) -> Database:
        """A new database with the overlay files merged over this one."""
        return _merge_overlays(self, overlays, on_conflict)


# --------------------------------------------------------------------------- reading


def _data_dir() -> Any:
    """The shipped data folder: a plain folder when installed as files (importing
    importlib.resources costs more than reading some of the data files)."""
    package = importlib.import_module("ingredients.data")
    folder = Path(next(iter(package.__path__), ""))
    if folder.joinpath("VERSION").is_file():
        return folder
    from importlib import resources  # a zipped install

    return resources.files("ingredients.data")


MAX_DATA_BYTES = 4_000_000
"""Largest YAML data file read (an overlay, a language pack, a shipped file): the
largest shipped one is a few hundred kilobytes."""


def read_data_file(path: str | Path, origin: str, what: str = "file",
                   limit: int = MAX_DATA_BYTES) -> bytes:
    """The bytes of a data file, read no further than ``limit`` (a bigger file, or a
    device that never ends, is refused at once)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise DatabaseError(f"{origin}: cannot read {what}: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise DatabaseError(f"{origin}: {what} is over {limit:,} bytes; the limit is {limit:,}")
    return raw


@lru_cache(maxsize=1)
def _strict_loader() -> Any:
    """A YAML safe loader that refuses aliases (an alias can stand for a tree many
    times larger than the file: a "billion laughs") and duplicate keys (the last
    would silently win), naming the line."""
    import yaml

    class Strict(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, f"aliases (*{event.anchor}) are not allowed", event.start_mark)
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                seen: dict[Any, int] = {}
                for key_node, _value in node.value:
                    key = self.construct_object(key_node, deep=True)
                    try:
                        first = seen.setdefault(key, key_node.start_mark.line)
                    except TypeError:  # (an unhashable key: the base class says so)
                        continue
                    if first != key_node.start_mark.line:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"duplicate key {key!r} (first on line {first + 1})",
                            key_node.start_mark)
            return super().construct_mapping(node, deep=deep)

    return Strict


def _read_yaml(text: str, origin: str) -> dict[str, Any]:
    # Imported here: the shipped data loads from its compiled JSON copy, so most runs
    # never need YAML. The pure-Python safe loader, made strict (see _strict_loader).
    import yaml

    try:
        doc = yaml.load(text, Loader=_strict_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DatabaseError(f"{origin}:{where}: not valid YAML: {problem}") from None
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise DatabaseError(f"{origin}: top level must be a mapping, got {type(doc).__name__}")
    return doc


class _Problems:
    """Collects validation problems; each names the file, entry and field."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, origin: str, where: str, message: str) -> None:
        self.items.append(f"{origin}: {where}: {message}" if where else f"{origin}: {message}")


def _check_keys(
    problems: _Problems, origin: str, where: str, obj: Mapping[str, Any], allowed: Iterable[str],
    required: Iterable[str] = (),
) -> None:
    allowed = allowed if isinstance(allowed, frozenset) else frozenset(allowed)
    if allowed.issuperset(obj) and all(obj.get(k) not in (None, "") for k in required):
        return  # the common case, without building a message
    for key in obj:
        if key not in allowed:
            problems.add(origin, where, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
    for key in required:
        if key not in obj or obj[key] in (None, ""):
            problems.add(origin, where, f"missing required field {key!r}")


def _str_list(value: Any, problems: _Problems, origin: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.add(origin, where, "must be a list of non-empty strings")
        return ()
    return tuple(" ".join(v.split()) for v in value)


def _rating_value(value: Any) -> tuple[int, int] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value, value)
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return (value[0], value[1])
    return None


def _ratings(
    raw: Any, problems: _Problems, origin: str, where: str, sources: Mapping[str, Any]
) -> tuple[Rating, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.add(origin, where, "must be a list of {source, value} items")
        return ()
    out = []
    for i, item in enumerate(raw):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            problems.add(origin, at, "must be a mapping with 'source' and 'value'")
            continue
        _check_keys(problems, origin, at, item,
                    ("source", "value", "as_listed", "note", "locator", "at_percent", "reading"),
                    ("source", "value"))
        src = item.get("source")
        source = sources.get(src) if isinstance(src, str) else None
        if isinstance(src, str) and src not in sources:
            problems.add(origin, f"{at}.source", f"unknown source {src!r} (not in sources.yaml)")
        kind = getattr(source, "kind", None)
        locator = item.get("locator")
        if locator is not None and (not isinstance(locator, str) or not locator.strip()):
            problems.add(origin, f"{at}.locator", "must be text (page, table or 'abstract')")
            locator = None
        if kind in CITABLE_KINDS and not locator:
            problems.add(origin, f"{at}.locator",
                         f"a rating from the {kind} {src!r} needs a locator "
                         "(page, table or 'abstract' where the value is)")
        at_percent = item.get("at_percent")
        if at_percent is not None and (
            isinstance(at_percent, bool) or not isinstance(at_percent, int | float)
            or not 0 < at_percent <= 100
        ):
            problems.add(origin, f"{at}.at_percent", f"must be a percentage in (0, 100], "
                         f"got {at_percent!r}")
            at_percent = None
        reading = item.get("reading", "source")
        if reading not in READINGS:
            problems.add(origin, f"{at}.reading", f"must be one of {', '.join(READINGS)}")
            reading = "source"
        rng = _rating_value(item.get("value"))
        if rng is None:
            if "value" in item:
                problems.add(origin, f"{at}.value",
                             f"must be an integer 0-5 or [lo, hi], got {item.get('value')!r}")
            continue
        _texts(item, ("as_listed", "note"), problems, origin, at)
        lo, hi = rng
        if not (0 <= lo <= 5 and 0 <= hi <= 5):
            problems.add(origin, f"{at}.value", f"rating outside 0-5: {item['value']!r}")
            continue
        if lo > hi:
            problems.add(origin, f"{at}.value", f"range low {lo} is above high {hi}")
            continue
        out.append(Rating(
            str(src), lo, hi, item.get("as_listed"), item.get("note"),
            locator=locator, at_percent=float(at_percent) if at_percent is not None else None,
            reading=reading, origin=str(src), primary=kind in PRIMARY_KINDS))
    return _with_lineage(tuple(out), sources)


def _with_lineage(ratings: tuple[Rating, ...], sources: Mapping[str, Any]) -> tuple[Rating, ...]:
    """Each rating's origin: a list's value that repeats the value of the source it copies
    (for the same ingredient) belongs to that source; any other value is the list's own."""
    given: dict[str, set[tuple[int, int]]] = {}
    for r in ratings:
        given.setdefault(r.source, set()).add((r.lo, r.hi))
    out = []
    for r in ratings:
        copied = getattr(sources.get(r.source), "copies", None)
        origin = copied if copied and (r.lo, r.hi) in given.get(copied, ()) else r.source
        traced = r.primary or bool(getattr(sources.get(origin), "derived_from", ()))
        if origin == r.origin and traced == r.traced:
            out.append(r)
        else:  # (dataclasses.replace costs ten times as much: a thousand ratings load)
            out.append(Rating(r.source, r.lo, r.hi, r.as_listed, r.note, locator=r.locator,
                              at_percent=r.at_percent, reading=r.reading, origin=origin,
                              primary=r.primary, traced=traced))
    return tuple(out)


def _claims(
    raw: Any, problems: _Problems, origin: str, where: str, sources: Mapping[str, Any]
) -> tuple[Claim, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.add(origin, where, "must be a list of {claim, source, locator} items")
        return ()
    out = []
    for i, item in enumerate(raw):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            problems.add(origin, at, "must be a mapping with 'claim', 'source' and 'locator'")
            continue
        _check_keys(problems, origin, at, item, ("claim", "source", "locator", "note"),
                    ("claim", "source", "locator"))
        kind, src, locator = item.get("claim"), item.get("source"), item.get("locator")
        if kind not in CLAIM_KINDS:
            problems.add(origin, f"{at}.claim", f"must be one of {', '.join(CLAIM_KINDS)}")
        source = sources.get(src) if isinstance(src, str) else None
        if source is None:
            problems.add(origin, f"{at}.source", f"unknown source {src!r}")
        elif source.kind not in CITABLE_KINDS:
            problems.add(origin, f"{at}.source",
                         f"{src!r} is a {source.kind}: a claim needs a paper or an official "
                         f"text ({', '.join(CITABLE_KINDS)})")
        if not isinstance(locator, str) or not locator.strip():
            continue
        out.append(Claim(str(kind), str(src), " ".join(locator.split()), item.get("note")))
    return tuple(out)


def _choice(
    value: Any, allowed: tuple[str, ...], problems: _Problems, origin: str, where: str,
    *, required: bool = True,
) -> Any:
    if value is None and not required:
        return None
    if value not in allowed:
        problems.add(origin, where, f"must be one of {', '.join(allowed)}; got {value!r}")
        return allowed[0]
    return value


_ENTRY_KEYS = (
    "inci", "names", "synonyms", "comedogenicity", "irritancy", "occlusivity", "role",
    "evidence", "protection", "flag", "explanation", "sources", "not_in_cosing", "claims",
)


def _mappings(
    doc: Mapping[str, Any], key: str, origin: str, problems: _Problems
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The items of a list-of-mappings section; a wrong shape is a problem, not an error."""
    raw = doc.get(key) or []
    if not isinstance(raw, list):
        problems.add(origin, key, "must be a list")
        return
    for i, obj in enumerate(raw):
        if not isinstance(obj, dict):
            problems.add(origin, f"{key}[{i}]", "must be a mapping")
            continue
        yield i, obj


def _parse_sources(doc: Mapping[str, Any], origin: str, problems: _Problems) -> dict[str, Source]:
    raw = doc.get("sources") or {}
    if not isinstance(raw, dict):
        problems.add(origin, "sources", "must be a mapping of id -> source")
        return {}
    out = {}
    for sid, obj in raw.items():
        where = f"sources.{sid}"
        if not isinstance(sid, str) or not _ID.match(sid):
            problems.add(origin, where, "id must match [a-z0-9-]+")
            continue
        if not isinstance(obj, dict):
            problems.add(origin, where, "must be a mapping")
            continue
        _check_keys(problems, origin, where, obj,
                    ("reference", "kind", "terms", "url", "note", "copies", "derived_from"),
                    ("reference", "kind", "terms"))
        if obj.get("kind") not in _SOURCE_KINDS:
            problems.add(origin, f"{where}.kind", f"must be one of {', '.join(_SOURCE_KINDS)}")
        _texts(obj, ("reference", "terms", "url", "note"), problems, origin, where)
        copies = obj.get("copies")
        if copies is not None and (not isinstance(copies, str) or not _ID.match(copies)):
            problems.add(origin, f"{where}.copies", "must be a source id")
            copies = None
        derived = _str_list(obj.get("derived_from"), problems, origin, f"{where}.derived_from")
        out[sid] = Source(sid, str(obj.get("reference", "")), str(obj.get("kind", "")),
                          str(obj.get("terms", "")), obj.get("url"), obj.get("note"),
                          copies, derived)
    for sid, src in out.items():
        for ref in ((src.copies,) if src.copies else ()) + src.derived_from:
            if ref not in out:
                problems.add(origin, f"sources.{sid}", f"names unknown source {ref!r}")
    return out


def _parse_entries(
    doc: Mapping[str, Any], origin: str, problems: _Problems, sources: Mapping[str, Any],
    vocabulary: Mapping[str, VocabularyEntry],
) -> list[RiskEntry]:
    out = []
    for i, obj in _mappings(doc, "entries", origin, problems):
        inci = obj.get("inci")
        where = f"entry {inci!r}" if isinstance(inci, str) else f"entries[{i}]"
        _check_keys(problems, origin, where, obj, _ENTRY_KEYS,
                    ("inci", "occlusivity", "role", "evidence", "explanation"))
        if not isinstance(inci, str) or not inci.strip():
            continue
        inci = " ".join(inci.split())
        names = _str_list(obj.get("names"), problems, origin, f"{where}.names")
        synonyms = _str_list(obj.get("synonyms"), problems, origin, f"{where}.synonyms")
        if not obj.get("not_in_cosing"):
            for n in (inci, *names):
                if n not in vocabulary:
                    problems.add(origin, where, f"{n!r} is not a CosIng name "
                                 "(write it as CosIng does, or set not_in_cosing: true)")
        comedo = _ratings(obj.get("comedogenicity"), problems, origin,
                          f"{where}.comedogenicity", sources)
        irrit = _ratings(obj.get("irritancy"), problems, origin, f"{where}.irritancy", sources)
        role = _choice(obj.get("role"), ROLES, problems, origin, f"{where}.role")
        evidence = _choice(obj.get("evidence"), EVIDENCE, problems, origin, f"{where}.evidence")
        protection = _choice(obj.get("protection"), PROTECTION, problems, origin,
                             f"{where}.protection", required=False)
        if role == "protective" and protection is None:
            problems.add(origin, f"{where}.protection", "required when role is protective")
        if role != "protective" and protection is not None:
            problems.add(origin, f"{where}.protection", "only allowed when role is protective")
        if evidence in ("rabbit-ear", "human") and not comedo:
            problems.add(origin, f"{where}.evidence",
                         f"{evidence!r} evidence needs at least one comedogenicity rating")
        srcs = _str_list(obj.get("sources"), problems, origin, f"{where}.sources")
        for s in srcs:
            if s not in sources:
                problems.add(origin, f"{where}.sources", f"unknown source {s!r}")
        claims = _claims(obj.get("claims"), problems, origin, f"{where}.claims", sources)
        claimed = {c.source for c in claims} | {r.source for r in (*comedo, *irrit)}
        for s in srcs:
            kind = getattr(sources.get(s), "kind", None)
            if kind in SCHOLARLY_KINDS and s not in claimed:
                problems.add(origin, f"{where}.sources",
                             f"{s!r} is cited but no claims: item or rating says what it "
                             "supports and where (page, table or abstract)")
        explanation = obj.get("explanation")
        if explanation is not None and not isinstance(explanation, str):
            problems.add(origin, f"{where}.explanation", "must be text")
        if not isinstance(obj.get("not_in_cosing", False), bool):
            problems.add(origin, f"{where}.not_in_cosing", "must be true or false")
        out.append(RiskEntry(
            inci=inci, names=names, synonyms=synonyms, comedogenicity=comedo, irritancy=irrit,
            occlusivity=_choice(obj.get("occlusivity"), OCCLUSIVITY, problems, origin,
                                f"{where}.occlusivity"),
            role=role, evidence=evidence,
            explanation=" ".join(str(explanation or "").split()),
            sources=srcs, protection=protection,
            flag=_choice(obj.get("flag"), FLAGS, problems, origin, f"{where}.flag",
                         required=False),
            origin=origin, claims=claims,
        ))
    return out


def _range(value: Any, problems: _Problems, origin: str, where: str) -> tuple[int, int] | None:
    rng = _rating_value(value)
    if rng is None or not (0 <= rng[0] <= rng[1] <= 5):
        problems.add(origin, where, f"must be [lo, hi] with 0 <= lo <= hi <= 5, got {value!r}")
        return None
    return rng


def _parse_families(
    doc: Mapping[str, Any], origin: str, problems: _Problems, sources: Mapping[str, Any],
    entries: Mapping[str, RiskEntry], *, user: bool = False,
) -> list[Family]:
    out = []
    for i, obj in _mappings(doc, "families", origin, problems):
        fid = obj.get("id")
        where = f"family {fid!r}" if isinstance(fid, str) else f"families[{i}]"
        _check_keys(problems, origin, where, obj,
                    ("id", "label", "pattern", "bands", "comedogenicity", "based_on",
                     "occlusivity", "role", "explanation", "sources"),
                    ("id", "label", "pattern", "based_on", "occlusivity", "role", "explanation"))
        if not isinstance(fid, str) or not _ID.match(fid):
            problems.add(origin, f"{where}.id", "must match [a-z0-9-]+")
            continue
        _texts(obj, ("label", "pattern", "explanation"), problems, origin, where)
        try:
            pattern = (_linear_pattern(str(obj.get("pattern", ""))) if user
                       else ShippedPattern(str(obj.get("pattern", ""))))
        except re.error as exc:
            problems.add(origin, f"{where}.pattern", f"not a valid regular expression: {exc}")
            continue
        except ValueError as exc:
            problems.add(origin, f"{where}.pattern", str(exc))
            continue
        rng = (_range(obj["comedogenicity"], problems, origin, f"{where}.comedogenicity")
               if obj.get("comedogenicity") is not None else None)
        based_on = _str_list(obj.get("based_on"), problems, origin, f"{where}.based_on")

        def _check_cover(rng: tuple[int, int] | None, members: tuple[str, ...], at: str) -> None:
            for m in members:
                member = entries.get(m)
                if member is None:
                    problems.add(origin, at, f"based_on {m!r} has no risk entry")
                    continue
                # Families extrapolate the lists' (mostly neat, rabbit-ear) values; a primary
                # study's rating at a stated, lower concentration is not what they generalise.
                listed = [r for r in member.comedogenicity if not r.primary] or list(
                    member.comedogenicity)
                mr = (min(r.lo for r in listed), max(r.hi for r in listed)) if listed else None
                if rng is not None and mr is not None and not (rng[0] <= mr[0] and mr[1] <= rng[1]):
                    problems.add(origin, at, f"range {list(rng)} does not cover {m} {list(mr)}")

        _check_cover(rng, based_on, f"{where}.based_on")
        bands = []
        for j, b in enumerate(obj.get("bands") or []):
            at = f"{where}.bands[{j}]"
            if not isinstance(b, dict):
                problems.add(origin, at, "must be a mapping")
                continue
            _check_keys(problems, origin, at, b, ("n", "comedogenicity", "based_on"),
                        ("n", "comedogenicity", "based_on"))
            n = _rating_value(b.get("n"))
            if n is None or n[0] > n[1]:
                problems.add(origin, f"{at}.n", "must be [first, last] integers")
                continue
            brng = _range(b.get("comedogenicity"), problems, origin, f"{at}.comedogenicity")
            bbased = _str_list(b.get("based_on"), problems, origin, f"{at}.based_on")
            _check_cover(brng, bbased, f"{at}.based_on")
            if brng is not None:
                bands.append(FamilyBand(n, brng, bbased))
        for a, b2 in zip(sorted(bands, key=lambda x: x.n), sorted(bands, key=lambda x: x.n)[1:],
                         strict=False):
            if b2.n[0] <= a.n[1]:
                problems.add(origin, f"{where}.bands", f"bands {list(a.n)} and {list(b2.n)} overlap")
        if bands and "(?P<n>" not in str(obj.get("pattern", "")):
            problems.add(origin, f"{where}.pattern", "bands need a named group (?P<n>...)")
        srcs = _str_list(obj.get("sources"), problems, origin, f"{where}.sources")
        for s in srcs:
            if s not in sources:
                problems.add(origin, f"{where}.sources", f"unknown source {s!r}")
        out.append(Family(
            id=fid, label=str(obj.get("label", "")), pattern=pattern, comedogenicity=rng,
            based_on=based_on,
            occlusivity=_choice(obj.get("occlusivity"), OCCLUSIVITY, problems, origin,
                                f"{where}.occlusivity"),
            role=_choice(obj.get("role"), ROLES, problems, origin, f"{where}.role"),
            explanation=" ".join(str(obj.get("explanation", "")).split()),
            sources=srcs, bands=tuple(bands), origin=origin,
        ))
    return out


def _texts(obj: Mapping[str, Any], keys: Iterable[str], problems: _Problems, origin: str,
           where: str) -> None:
    """Each of ``keys`` that ``obj`` holds must be text."""
    for key in keys:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            problems.add(origin, f"{where}.{key}", f"must be text, not {type(value).__name__}")


def _linear_pattern(pattern: str) -> Any:
    """A family pattern from a user's overlay, compiled for RE2, whose matching time
    is linear in the name's length whatever the pattern (Python's engine backtracks:
    ``(A|A)*B`` can take minutes). Constructs RE2 lacks (back-references,
    look-arounds) are refused with a ValueError that says so."""
    re.compile(pattern)  # (a re.error: not a regular expression at all)
    try:
        import re2  # type: ignore[import-untyped]
    except ImportError:
        raise ValueError("family patterns in overlays need the google-re2 package "
                         "(pip install google-re2)") from None
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"not a pattern the linear-time engine (RE2) accepts: {detail} "
                         "(back-references and look-arounds cannot be used)") from None


def _parse_synonyms(
    doc: Mapping[str, Any], origin: str, problems: _Problems, sources: Mapping[str, Any],
    vocabulary: Mapping[str, VocabularyEntry],
) -> list[_Synonym]:
    out = []
    fields = frozenset(("name", "inci", "source"))
    for i, obj in _mappings(doc, "synonyms", origin, problems):
        name, inci, src = obj.get("name"), obj.get("inci"), obj.get("source")
        if not (fields.issuperset(obj) and isinstance(name, str) and name and isinstance(
                inci, str) and inci in vocabulary and src in sources):
            # Messages are built only for a row with a problem (thousands of rows load).
            where = f"synonym {name!r}" if isinstance(name, str) else f"synonyms[{i}]"
            _check_keys(problems, origin, where, obj, fields, fields)
            if not isinstance(name, str) or not isinstance(inci, str):
                continue
            if inci not in vocabulary:
                problems.add(origin, f"{where}.inci", f"{inci!r} is not a CosIng name")
            if src not in sources:
                problems.add(origin, f"{where}.source", f"unknown source {src!r}")
        out.append(_Synonym(" ".join(name.split()), inci, str(src), origin))
    return out


def _parse_avoid(doc: Mapping[str, Any], origin: str, problems: _Problems) -> dict[str, str]:
    raw = doc.get("avoid") or []
    if not isinstance(raw, list):
        problems.add(origin, "avoid", "must be a list of names or {inci, reason}")
        return {}
    out = {}
    for i, obj in enumerate(raw):
        if isinstance(obj, str):
            out[" ".join(obj.upper().split())] = "on your avoid-list"
        elif isinstance(obj, dict) and isinstance(obj.get("inci"), str):
            _check_keys(problems, origin, f"avoid[{i}]", obj, ("inci", "reason"), ("inci",))
            reason = obj.get("reason")
            if reason is not None and not isinstance(reason, str):
                problems.add(origin, f"avoid[{i}].reason", "must be text")
                reason = None
            out[" ".join(obj["inci"].upper().split())] = reason or "on your avoid-list"
        else:
            problems.add(origin, f"avoid[{i}]", "must be a name or {inci, reason}")
    return out


# --------------------------------------------------------------------------- building


@dataclass
class _Parts:
    """Everything read from the files, before indexing."""

    sources: dict[str, Source] = field(default_factory=dict)
    entries: list[RiskEntry] = field(default_factory=list)
    families: list[Family] = field(default_factory=list)
    synonyms: list[_Synonym] = field(default_factory=list)
    avoid: dict[str, str] = field(default_factory=dict)
    dose_markers: dict[str, DoseMarker] = field(default_factory=dict)
    category_words: dict[str, frozenset[str]] = field(default_factory=dict)
    unread_clues: UnreadClues | None = None
    area_words: AreaWords | None = None
    flag_refs: dict[str, tuple[FlagRef, ...]] = field(default_factory=dict)


_SHIPPED_FILES = ("sources.yaml", "families.yaml", "synonyms.yaml", "dose_markers.yaml",
                  "product_types.yaml", "unread_clues.yaml", "flags.yaml")


def _parse_product_types(
    doc: Mapping[str, Any], origin: str, problems: _Problems
) -> dict[str, frozenset[str]]:
    _check_keys(problems, origin, "", doc,
                ("rinse_off_words", "leave_on_words", "area_order", "area_words"))
    out = {}
    for key in ("rinse_off_words", "leave_on_words"):
        words = _str_list(doc.get(key), problems, origin, key)
        out[key] = frozenset(w.lower() for w in words)
    return out


def _parse_dose_markers(
    doc: Mapping[str, Any], origin: str, problems: _Problems, sources: Mapping[str, Any],
    vocabulary: Mapping[str, VocabularyEntry],
) -> dict[str, DoseMarker]:
    out: dict[str, DoseMarker] = {}
    for i, obj in _mappings(doc, "markers", origin, problems):
        where = f"markers[{i}]"
        _check_keys(problems, origin, where, obj,
                    ("inci", "max_percent", "leave_on_max_percent", "source", "note"),
                    ("inci", "max_percent", "source"))
        inci = obj.get("inci")
        if not isinstance(inci, str) or inci not in vocabulary:
            problems.add(origin, f"{where}.inci", f"{inci!r} is not a CosIng name")
            continue
        if obj.get("source") not in sources:
            problems.add(origin, f"{where}.source", f"unknown source {obj.get('source')!r}")
        try:
            cap = float(obj.get("max_percent"))  # type: ignore[arg-type]
            leave_on = obj.get("leave_on_max_percent")
            leave_on_cap = None if leave_on is None else float(leave_on)
        except (TypeError, ValueError):
            problems.add(origin, f"{where}.max_percent", "must be a number")
            continue
        if inci in out:
            problems.add(origin, f"{where}.inci", f"duplicate marker {inci!r}")
        out[inci] = DoseMarker(inci, cap, str(obj.get("source")), leave_on_cap, obj.get("note"))
    return out


VOCABULARY_FILE = "vocabulary.txt"
VOCABULARY_FORMAT = 5
"""Layout of ``vocabulary.txt``: a first line of JSON (format, normaliser version,
source, the function names, the CosDNA synonyms and their keys, the keys two names
share, the length in bytes of each column block and the SHA-256 of the blocks), then
the per-name columns (``names``, ``keys``, ``cas``, ``ec``, ``function_ids``) as plain
text blocks, a line per name in the order of ``names``, the values of a line separated
by spaces. Decoding two blocks and splitting them costs a few milliseconds;
decompressing and decoding the same columns as gzipped JSON (format 4) was a quarter
of ``milia check``'s cold start."""

VOCABULARY_COLUMNS = ("names", "keys", "cas", "ec", "function_ids")


def vocabulary_blocks(raw: bytes) -> tuple[dict[str, Any], dict[str, memoryview]]:
    """The header of a ``vocabulary.txt`` file and each column block's UTF-8 bytes,
    not yet decoded (a run that never asks for a CAS number never decodes them)."""
    end = raw.find(b"\n")
    try:
        doc = json.loads(raw[:end]) if end >= 0 else None
    except ValueError:  # (UnicodeDecodeError is one)
        doc = None
    if not isinstance(doc, dict):
        raise DatabaseError(f"{VOCABULARY_FILE}: not a vocabulary file (bad first line)")
    if doc.get("format") != VOCABULARY_FORMAT:
        raise DatabaseError(f"{VOCABULARY_FILE}: unsupported format {doc.get('format')!r} "
                            f"(this version reads format {VOCABULARY_FORMAT})")
    view, pos, blocks = memoryview(raw), end + 1, {}
    for column, length in zip(VOCABULARY_COLUMNS, doc.pop("lengths"), strict=True):
        blocks[column] = view[pos:pos + length]
        pos += length + 1
    if pos != len(raw):
        raise DatabaseError(f"{VOCABULARY_FILE}: column lengths do not add up to the file")
    return doc, blocks


def block_text(blocks: Mapping[str, memoryview], column: str) -> str:
    """One column block of a vocabulary file, decoded."""
    try:
        return str(blocks[column], "utf-8")
    except UnicodeDecodeError as exc:
        raise DatabaseError(f"{VOCABULARY_FILE}: column {column} is not UTF-8 "
                            f"(byte {exc.start})") from None


def vocabulary_document(raw: bytes) -> dict[str, Any]:
    """The header of a ``vocabulary.txt`` file with each column block as one string."""
    doc, blocks = vocabulary_blocks(raw)
    return {**doc, **{column: block_text(blocks, column) for column in VOCABULARY_COLUMNS}}


def vocabulary_text(doc: Mapping[str, Any]) -> str:
    """The ``vocabulary.txt`` text of a document as :func:`vocabulary_document` returns it."""
    header = {k: v for k, v in doc.items()
              if k not in VOCABULARY_COLUMNS and k not in ("lengths", "digest")}
    body = "".join(doc[c] + "\n" for c in VOCABULARY_COLUMNS)
    header["format"] = VOCABULARY_FORMAT
    header["lengths"] = [len(doc[c].encode("utf-8")) for c in VOCABULARY_COLUMNS]
    header["digest"] = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n" + body


def vocabulary_columns(doc: Mapping[str, Any]) -> dict[str, list[str]]:
    """The per-name columns of a vocabulary document, a list each."""
    n = doc["names"].count("\n") + 1
    out = {}
    for column in VOCABULARY_COLUMNS:
        rows = doc[column].split("\n")
        if len(rows) != n:
            raise DatabaseError(f"{VOCABULARY_FILE}: column {column} has {len(rows)} lines "
                                f"for {n} names")
        out[column] = rows
    return out


class _Vocabulary(Mapping[str, VocabularyEntry]):
    """Canonical name -> :class:`VocabularyEntry`, built per name on first access.

    Building 34k dataclasses up front would double the cold-load time, and most
    runs look at a few hundred names. A name is found through its lookup key (the
    keys are needed anyway), not through a dict of its own; the CAS, EC and
    function columns are decoded and split into lines when a first entry is asked for.
    """

    def __init__(self, doc: Mapping[str, Any], blocks: Mapping[str, memoryview],
                 names: list[str], keys: NameKeys) -> None:
        self._functions = doc["functions"]
        self.digest = str(doc.get("digest", ""))
        """The vocabulary body's digest (names indexes built from it: ``_name_indexes``)."""
        self._blocks = blocks
        self._names = names
        self._keys = keys
        self._lines: dict[str, list[str]] = {}

    def _line(self, column: str, i: int) -> str:
        lines = self._lines.get(column)
        if lines is None:  # (two threads may both split it: the same result)
            lines = self._lines[column] = block_text(self._blocks, column).split("\n")
        return lines[i]

    def __getitem__(self, name: str) -> VocabularyEntry:
        i = self._keys.row_of(name, _key(name)) if isinstance(name, str) else None
        if i is None:
            raise KeyError(name)
        return VocabularyEntry(
            name, tuple(self._line("cas", i).split()), tuple(self._line("ec", i).split()),
            tuple(self._functions[int(f)] for f in self._line("function_ids", i).split()),
        )

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._keys.row_of(name, _key(name)) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def shared_keys(key_list: Sequence[str], names: Sequence[str]) -> dict[str, list[str]]:
    """Each key that two or more names share, with those names in order."""
    wanted = {k for k, n in Counter(key_list).items() if n > 1}
    grouped: dict[str, list[str]] = {k: [] for k in sorted(wanted)}
    for key, name in zip(key_list, names, strict=True):
        if key in wanted and name not in grouped[key]:
            grouped[key].append(name)
    return grouped


class NameKeys(Mapping[str, tuple[str, ...]]):
    """Normalised key -> the CosIng names that share it (nearly always one).

    Holds a key -> row dict instead of a dict of one-name tuples: building 34k
    tuples was a tenth of ``milia check``'s cold start. Keys that are not CosIng
    names (risk entries for substances CosIng does not list) sit in ``extra``; a
    CosIng key wins over an extra one.
    """

    __slots__ = ("_extra", "_index", "_names", "_shared", "_shared_rows")

    def __init__(self, key_list: list[str], names: list[str],
                 extra: Mapping[str, tuple[str, ...]] | None = None,
                 shared: Mapping[str, Sequence[str]] | None = None) -> None:
        """``shared``: each key two or more names share, with those names, when the
        caller knows them (the vocabulary file stores them)."""
        self._names = names
        # A row number, or -1 - j for the j-th key that two CosIng spellings share.
        self._index: dict[str, int] = dict(zip(key_list, range(len(names)), strict=True))
        self._shared: list[tuple[str, ...]] = []
        self._shared_rows: dict[str, int] | None = None
        if len(self._index) != len(names):
            for key, group in (shared if shared is not None
                               else shared_keys(key_list, names)).items():
                self._index[key] = -1 - len(self._shared)
                self._shared.append(tuple(group))
        self._extra: dict[str, tuple[str, ...]] = dict(extra or {})

    def row_of(self, name: str, key: str) -> int | None:
        """The row of the CosIng name ``name`` (whose key is ``key``), or None."""
        i = self._index.get(key)
        if i is None:
            return None
        if i >= 0:
            return i if self._names[i] == name else None
        if name not in self._shared[-1 - i]:
            return None
        rows = self._shared_rows
        if rows is None:  # (a few dozen names; two threads may both build it alike)
            wanted = {n for group in self._shared for n in group}
            rows = self._shared_rows = {
                n: r for r, n in enumerate(self._names) if n in wanted}
        return rows[name]

    def with_extra(self, extra: Mapping[str, tuple[str, ...]]) -> NameKeys:
        """The same keys plus ``extra`` (earlier extra keys win over new ones)."""
        out = NameKeys.__new__(NameKeys)
        out._names, out._index, out._shared = self._names, self._index, self._shared
        out._shared_rows = self._shared_rows
        out._extra = {**extra, **self._extra}
        return out

    def get(self, key: str, default: Any = None) -> Any:
        i = self._index.get(key)
        if i is None:
            return self._extra.get(key, default)
        return (self._names[i],) if i >= 0 else self._shared[-1 - i]

    def __getitem__(self, key: str) -> tuple[str, ...]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return cast(tuple[str, ...], found)

    def __contains__(self, key: object) -> bool:
        return key in self._index or key in self._extra

    def __iter__(self) -> Iterator[str]:
        yield from self._index
        yield from (k for k in self._extra if k not in self._index)

    def __len__(self) -> int:
        return len(self._index) + sum(1 for k in self._extra if k not in self._index)


def _load_vocabulary(raw: bytes) -> tuple[_Vocabulary, NameKeys, list[_Synonym], str]:
    """The vocabulary, its lookup keys, the CosDNA synonyms and the stored body digest."""
    doc, blocks = vocabulary_blocks(raw)
    names = block_text(blocks, "names").split("\n")
    stored = doc.get("normalizer") == NORMALIZER_VERSION
    key_list = block_text(blocks, "keys").split("\n") if stored else [
        normalize(n) for n in names]
    if len(key_list) != len(names):
        raise DatabaseError(f"{VOCABULARY_FILE}: keys and names differ in length")
    keys = NameKeys(key_list, names, shared=doc.get("shared_keys") if stored else None)
    synonyms = [_Synonym(n, inci, "cosdna", VOCABULARY_FILE) for n, inci in doc["synonyms"]]
    if stored and "synonym_keys" in doc:
        _KNOWN_KEYS.update(zip((s[0] for s in doc["synonyms"]), doc["synonym_keys"], strict=True))
    return _Vocabulary(doc, blocks, names, keys), keys, synonyms, str(doc.get("digest", ""))


# Lookup keys computed ahead of time (by scripts/build_vocabulary.py and
# scripts/compile_data.py) for names the loader would otherwise normalise one by
# one; only filled from files written by the current normaliser version.
_KNOWN_KEYS: dict[str, str] = {}


def _key(name: str) -> str:
    found = _KNOWN_KEYS.get(name)
    return found if found is not None else normalize(name)


COMPILED = "curated.json"


def yaml_digest(texts: Mapping[str, str]) -> str:
    """Hash of the curated YAML files, which names the compiled copy they match."""
    digest = hashlib.sha256()
    for name in sorted(texts):
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return digest.hexdigest()


def _curated_docs(root: Any, texts: Mapping[str, str]) -> dict[str, Any]:
    """The parsed YAML files, from the compiled JSON copy when it matches them.

    Building Python objects from YAML is slow (a third of a second for the
    shipped files); ``scripts/compile_data.py`` stores the same documents as
    JSON, tagged with the hash of the YAML they came from. A stale or missing
    copy is simply ignored, so an edited YAML file is always what gets loaded.
    """
    compiled = root.joinpath(COMPILED)
    if compiled.is_file():
        try:
            doc = json.loads(compiled.read_bytes())
        except ValueError:
            doc = {}
        if doc.get("digest") == yaml_digest(texts) and set(doc.get("docs", {})) == set(texts):
            if doc.get("normalizer") == NORMALIZER_VERSION:
                _KNOWN_KEYS.update(doc.get("keys", {}))
            return cast(dict[str, Any], doc["docs"])
    return {name: _read_yaml(text, name) for name, text in texts.items()}


def shipped_texts(root: Any = None) -> dict[str, str]:
    """The curated YAML files of the shipped data, by name (``risk/occlusives.yaml``)."""
    root = root or _data_dir()
    texts: dict[str, str] = {}
    for name in _SHIPPED_FILES:
        res = root.joinpath(name)
        if res.is_file():
            texts[name] = res.read_text(encoding="utf-8")
    risk_dir = root.joinpath("risk")
    if risk_dir.is_dir():
        for res in sorted(risk_dir.iterdir(), key=lambda r: r.name):
            if res.name.endswith(".yaml"):
                texts[f"risk/{res.name}"] = res.read_text(encoding="utf-8")
    return texts


def _read_shipped() -> tuple[
    _Parts, Mapping[str, VocabularyEntry], NameKeys, str, str, list[str]
]:
    root = _data_dir()
    digest = hashlib.sha256()
    vocabulary, keys, cosdna, vocab_digest = _load_vocabulary(
        root.joinpath(VOCABULARY_FILE).read_bytes())
    # The file stores the SHA-256 of its own body (a test checks it): hashing 3 MB
    # on every start would cost more than reading it.
    digest.update(vocab_digest.encode())
    texts = shipped_texts(root)
    for name in sorted(texts):
        digest.update(name.encode())
        digest.update(texts[name].encode())
    version_res = root.joinpath("VERSION")
    version = version_res.read_text(encoding="utf-8").strip() if version_res.is_file() else "0"

    problems = _Problems()
    docs = _curated_docs(root, texts)
    parts = _Parts()
    parts.sources = _parse_sources(docs.get("sources.yaml", {}), "sources.yaml", problems)
    parts.sources.setdefault("extrapolated", Source(
        "extrapolated", "Extrapolated by this project from rated members of the same family",
        "list", "our own inference"))
    parts.sources.setdefault("cosdna", Source(
        "cosdna", "CosDNA ingredient database (alternative names, used as pointers)", "database",
        "names used as pointers, checked against CosIng"))
    for name, doc in docs.items():
        if name.startswith("risk/"):
            parts.entries.extend(_parse_entries(doc, name, problems, parts.sources, vocabulary))
    parts.synonyms = cosdna + _parse_synonyms(docs.get("synonyms.yaml", {}), "synonyms.yaml",
                                              problems, parts.sources, vocabulary)
    by_name = {e.inci: e for e in parts.entries}
    parts.families = _parse_families(docs.get("families.yaml", {}), "families.yaml", problems,
                                     parts.sources, by_name)
    parts.category_words = _parse_product_types(docs.get("product_types.yaml", {}),
                                                "product_types.yaml", problems)
    parts.dose_markers = _parse_dose_markers(docs.get("dose_markers.yaml", {}),
                                             "dose_markers.yaml", problems, parts.sources,
                                             vocabulary)
    parts.area_words = parse_area_words(
        docs.get("product_types.yaml", {}),
        lambda where, message: problems.add("product_types.yaml", where, message))
    parts.unread_clues = parse_unread_clues(
        docs.get("unread_clues.yaml", {}),
        lambda where, message: problems.add("unread_clues.yaml", where, message))
    flags_doc = docs.get("flags.yaml", {})
    parts.sources.update(_parse_sources(flags_doc, "flags.yaml", problems))
    parts.flag_refs = parse_flag_refs(
        flags_doc, lambda where, message: problems.add("flags.yaml", where, message),
        parts.sources, vocabulary)
    if problems.items:
        raise DatabaseError(problems.items)
    return parts, vocabulary, keys, version, digest.hexdigest(), sorted(texts)


def _index(
    parts: _Parts, vocabulary: Mapping[str, VocabularyEntry], keys: Mapping[str, tuple[str, ...]],
    *, on_conflict: OnConflict, problems: _Problems, base: Database | None = None,
) -> tuple[dict[str, RiskEntry], dict[str, _Synonym], dict[str, tuple[str, ...]]]:
    """Index entries under every name and synonyms by key, applying the conflict policy.

    Also returns lookup keys for entry names that are not CosIng names.
    """
    entries: dict[str, RiskEntry] = dict(base.entries) if base else {}
    synonyms: dict[str, _Synonym] = dict(base.synonyms) if base else {}
    claimed: dict[str, RiskEntry] = {}  # key -> entry, for entry synonyms/names in this layer
    extra_keys: dict[str, tuple[str, ...]] = {}
    for entry in parts.entries:
        existing = entries.get(entry.inci)
        if existing is not None and base is not None and existing.origin != entry.origin:
            # An overlay redefining an entry of an earlier layer.
            if on_conflict == "raise":
                problems.add(entry.origin, f"entry {entry.inci!r}",
                             f"already defined in {existing.origin} "
                             "(load with on_conflict='override' or 'keep')")
                continue
            if on_conflict == "keep":
                continue
            for old_name in (existing.inci, *existing.names):
                entries.pop(old_name, None)
        elif existing is not None:
            problems.add(entry.origin, f"entry {entry.inci!r}",
                         f"duplicate: also defined in {existing.origin}")
            continue
        for name in (entry.inci, *entry.names):
            other = entries.get(name)
            if other is not None and other is not entry and name != entry.inci:
                problems.add(entry.origin, f"entry {entry.inci!r}.names",
                             f"{name!r} already belongs to entry {other.inci!r} ({other.origin})")
                continue
            entries[name] = entry
        for alias in entry.synonyms:
            key = _key(alias)
            owner = keys.get(key)
            if owner and entry.inci not in owner and not set(owner) & set(entry.names):
                problems.add(entry.origin, f"entry {entry.inci!r}.synonyms",
                             f"{alias!r} is the CosIng name {owner[0]!r}, not a synonym")
                continue
            prior = claimed.get(key)
            if prior is not None and prior is not entry:
                problems.add(entry.origin, f"entry {entry.inci!r}.synonyms",
                             f"{alias!r} also points to entry {prior.inci!r}")
                continue
            claimed[key] = entry
            synonyms[key] = _Synonym(alias, entry.inci, "entry", entry.origin)
    # Entries for substances CosIng does not list (drugs such as hydrocortisone) must
    # still be found by name: their names become lookup keys too.
    for entry in parts.entries:
        for name in (entry.inci, *entry.names):
            if name not in vocabulary:
                extra_keys.setdefault(_key(name), (name,))
    for syn in parts.synonyms:
        key = _key(syn.name)
        if key in keys:
            # CosDNA pointers that spell an existing name differently are harmless; curated
            # ones are a mistake the curator should hear about.
            if syn.source != "cosdna":
                problems.add(syn.origin, f"synonym {syn.name!r}",
                             f"is the CosIng name {keys[key][0]!r}, not a synonym")
            continue
        prior_entry = claimed.get(key)
        if prior_entry is not None:
            if prior_entry.inci != syn.inci and syn.source != "cosdna":
                problems.add(syn.origin, f"synonym {syn.name!r}",
                             f"points to {syn.inci!r} but entry {prior_entry.inci!r} claims it")
            continue
        earlier = synonyms.get(key)
        if earlier is not None and earlier.inci != syn.inci and earlier.source != "cosdna":
            if syn.source != "cosdna":
                problems.add(syn.origin, f"synonym {syn.name!r}",
                             f"points to {syn.inci!r} but {earlier.origin} points it to "
                             f"{earlier.inci!r}")
            continue
        synonyms[key] = syn
    return entries, synonyms, extra_keys


_default: Database | None = None
_default_lock = threading.Lock()


def _build_shipped() -> Database:
    parts, vocabulary, keys, version, digest, files = _read_shipped()
    problems = _Problems()
    entries, synonyms, extra_keys = _index(parts, vocabulary, keys, on_conflict="raise",
                                           problems=problems)
    if problems.items:
        raise DatabaseError(problems.items)
    return Database(
        version=version, content_hash=digest, vocabulary=vocabulary,
        keys=keys.with_extra(extra_keys),
        synonyms=synonyms, entries=entries, families=parts.families, sources=parts.sources,
        avoid={}, layers=files, dose_markers=parts.dose_markers,
        category_words=parts.category_words, unread_clues=parts.unread_clues,
        area_words=parts.area_words,
        flag_refs=parts.flag_refs,
    )


def default_database() -> Database:
    """The shipped database, loaded on first use and cached (thread-safe)."""
    global _default  # noqa: PLW0603 - the one place the loaded database lives
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = _build_shipped()
    return _default


def _merge_overlays(
    base: Database, overlays: Sequence[str | Path], on_conflict: OnConflict
) -> Database:
    if on_conflict not in ("raise", "override", "keep"):
        raise ValueError(f"on_conflict must be 'raise', 'override' or 'keep', not {on_conflict!r}")
    db = base
    for overlay in overlays:
        path = Path(overlay)
        origin = str(path)
        raw = read_data_file(path, origin, "overlay")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DatabaseError(f"{origin}: not UTF-8 text (byte {exc.start})") from None
        doc = _read_yaml(text, origin)
        problems = _Problems()
        _check_keys(problems, origin, "", doc, ("version", "sources", "entries", "synonyms",
                                                "families", "avoid"))
        parts = _Parts()
        parts.sources = {**db.sources, **_parse_sources(doc, origin, problems)}
        parts.entries = _parse_entries(doc, origin, problems, parts.sources, db.vocabulary)
        parts.synonyms = _parse_synonyms(doc, origin, problems, parts.sources, db.vocabulary)
        known = {**{e.inci: e for e in db.rated_entries()}, **{e.inci: e for e in parts.entries}}
        parts.families = _parse_families(doc, origin, problems, parts.sources, known, user=True)
        parts.avoid = _parse_avoid(doc, origin, problems)
        if problems.items:
            raise DatabaseError(problems.items)
        entries, synonyms, extra_keys = _index(parts, db.vocabulary, db.keys,
                                               on_conflict=on_conflict, problems=problems,
                                               base=db)
        if problems.items:
            raise DatabaseError(problems.items)
        digest = hashlib.sha256((db.content_hash + hashlib.sha256(raw).hexdigest()).encode())
        new_families = [*parts.families, *db.families] if on_conflict != "keep" else [
            *db.families, *parts.families]
        db = Database(
            version=base.version + "+" + digest.hexdigest()[:8],
            content_hash=digest.hexdigest(), vocabulary=db.vocabulary,
            keys=_with_extra_keys(db.keys, extra_keys),
            synonyms=synonyms, entries=entries, families=new_families,
            sources=parts.sources, avoid={**db.avoid, **parts.avoid},
            layers=[*db.layers, origin], dose_markers=db.dose_markers,
            category_words=db.category_words, unread_clues=db.unread_clues,
            area_words=db.area_words,
            flag_refs=db.flag_refs,
        )
    return db


def _with_extra_keys(
    keys: Mapping[str, tuple[str, ...]], extra: Mapping[str, tuple[str, ...]]
) -> Mapping[str, tuple[str, ...]]:
    if not extra:
        return keys
    if isinstance(keys, NameKeys):
        return keys.with_extra(extra)
    return {**extra, **keys}


def load_database(
    overlays: Sequence[str | Path] = (), *, on_conflict: OnConflict = "raise"
) -> Database:
    """The shipped database with the given overlay YAML files merged over it, in order.

    ``on_conflict`` decides what happens when an overlay defines an entry the
    shipped data already has: ``"raise"`` (a :class:`DatabaseError`),
    ``"override"`` (the overlay wins) or ``"keep"`` (the shipped entry stays).
    """
    base = default_database()
    if not overlays:
        return base
    return base.with_overlay(*overlays, on_conflict=on_conflict)


def validate_database(path: str | Path | None = None) -> list[str]:
    """Problems in the shipped data, or in a user's overlay file or language pack; empty
    when valid.

    Each problem is one line naming the file, the entry (or row) and the field.
    """
    if path is not None and _is_language_pack(Path(path)):
        return _validate_pack_file(Path(path))
    try:
        base = _build_shipped() if path is None else default_database()
        if path is not None:
            base.with_overlay(path, on_conflict="override")
    except DatabaseError as exc:
        return exc.problems
    if path is None:  # shipped patterns are compiled when first used: compile them now
        bad = []
        for family in base.families:
            try:
                family.pattern.search("")
            except re.error as exc:
                bad.append(f"families.yaml: family {family.id!r}.pattern: "
                           f"not a valid regular expression: {exc}")
        if bad:
            return bad
    if path is None:  # the shipped language packs too (names must be CosIng names)
        from ingredients._languages import validate_languages
        from ingredients._name_lists import validate_iecic

        return validate_languages(vocabulary=base.keys) + validate_iecic(base)
    return []



def _is_language_pack(path: Path) -> bool:
    """A YAML file whose top level names a ``language:`` (``data/languages/README.md``)."""
    try:
        head = path.read_text(encoding="utf-8")[:20_000]
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^language:", head, re.MULTILINE) is not None


def _validate_pack_file(path: Path) -> list[str]:
    """A language pack checked with the shipped packs, as if it were one of them (it
    replaces the shipped pack of its name)."""
    from ingredients._languages import pack_texts, validate_languages

    texts = dict(pack_texts())
    texts[path.name] = path.read_text(encoding="utf-8")
    own = f"languages/{path.name}"
    return [str(path) + p[len(own):] for p in validate_languages(texts, vocabulary=default_database().keys)
            if p.startswith(own)]


def database_info(db: Database | None = None) -> dict[str, object]:
    """Version, hash, counts and sources of a database (the shipped one by default)."""
    db = db or default_database()
    return {
        "version": db.version,
        "content_hash": db.content_hash,
        "vocabulary_names": len(db.vocabulary),
        "synonyms": len(db.synonyms),
        "risk_entries": len(db.rated_entries()),
        "families": len(db.families),
        "dose_markers": len(db.dose_markers),
        "layers": list(db.layers),
        "sources": {s.id: s.reference for s in db.sources.values()},
    }


# --------------------------------------------------------------------------- open dataset

DATASET_LICENSE = "CC-BY-4.0"
DATASET_COLUMNS = (
    "inci", "names", "measure", "value_low", "value_high", "source", "source_kind",
    "as_listed", "locator", "lineage", "traced", "primary", "at_percent", "reading",
    "evidence", "note",
)
"""Columns of ``milia db export`` (docs/dataset.md describes each)."""


def dataset_rows(db: Database | None = None) -> list[dict[str, Any]]:
    """Every rating of the shipped database with its provenance, then each entry's
    occlusivity class (our curation): the rows of the open dataset, in a stable order."""
    db = db or default_database()
    rows: list[dict[str, Any]] = []
    for entry in sorted({id(e): e for e in db.entries.values()}.values(), key=lambda e: e.inci):
        names = "; ".join((*entry.names, *entry.synonyms))
        for measure, ratings in (("comedogenicity", entry.comedogenicity),
                                 ("irritancy", entry.irritancy)):
            for r in ratings:
                src = db.sources.get(r.source)
                rows.append({
                    "inci": entry.inci, "names": names, "measure": measure,
                    "value_low": r.lo, "value_high": r.hi, "source": r.source,
                    "source_kind": src.kind if src else "", "as_listed": r.as_listed or "",
                    "locator": r.locator or "", "lineage": r.origin or r.source,
                    "traced": r.traced, "primary": r.primary,
                    "at_percent": r.at_percent if r.at_percent is not None else "",
                    "reading": r.reading, "evidence": entry.evidence, "note": r.note or "",
                })
        rows.append({
            "inci": entry.inci, "names": names, "measure": "occlusivity",
            "value_low": entry.occlusivity, "value_high": entry.occlusivity,
            "source": "milia-risk", "source_kind": "curation", "as_listed": "", "locator": "",
            "lineage": "milia-risk", "traced": False, "primary": False, "at_percent": "",
            "reading": "ours", "evidence": entry.evidence,
            "note": "occlusion class assigned by this project (docs/dataset.md)",
        })
    return rows


def export_dataset(fmt: str = "csv", db: Database | None = None) -> str:
    """The open dataset (:func:`dataset_rows`) as CSV or JSON text, licence and sources
    included in the JSON (see docs/dataset.md)."""
    import csv
    import io

    db = db or default_database()
    rows = dataset_rows(db)
    if fmt == "json":
        cited = sorted({r["source"] for r in rows} & set(db.sources))
        return json.dumps({
            "name": "milia-risk comedogenicity and occlusion ratings",
            "license": DATASET_LICENSE,
            "database_version": db.version,
            "sources": {s: {"reference": db.sources[s].reference, "kind": db.sources[s].kind,
                            "terms": db.sources[s].terms} for s in cited},
            "columns": list(DATASET_COLUMNS),
            "rows": rows,
        }, indent=2, ensure_ascii=False) + "\n"
    if fmt != "csv":
        raise ValueError(f"format must be 'csv' or 'json', not {fmt!r}")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=DATASET_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
