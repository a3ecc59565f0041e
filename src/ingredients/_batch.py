"""Many products at once: result rows for a batch of ingredient cells.

``score_frame`` scores a pandas DataFrame (and is a valid partition function for
Dask's ``map_partitions`` or Spark's ``mapInPandas``: it reads nothing but its
arguments and the immutable database). A cell that cannot be analysed gives a row
whose ``error`` says why; nothing is dropped. Reading and writing catalogue files
is :mod:`ingredients._scan`.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ingredients._database import Database, default_database
from ingredients._match import matcher_for
from ingredients._parse.batch import (
    PROSE_WINDOW,
    PlainPart,
    items_not_plain,
    joins_locant,
    parse,
    parse_not_plain,
    plain_parts,
    plain_verdict,
    read_plain_part,
    starts_locant,
)
from ingredients._score import (
    AREAS,
    CONTEXT,
    PRODUCT_TYPES,
    ItemFacts,
    _check_context,
    _sorted_names,
    band_range_for,
    facts_columns,
    facts_for,
    first_marker,
    score_many,
)
from ingredients.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "RESULT_COLUMNS",
    "RowScorer",
    "cell_problem",
    "distinct_parts",
    "score_dask",
    "score_frame",
    "score_row",
    "score_rows",
    "share_parts",
]

RESULT_COLUMNS = (
    "score", "score_low", "score_high", "band", "band_low", "band_high", "unread_share",
    "confidence", "coverage", "top_contributors", "n_ingredients", "n_unknown", "unknown",
    "flags", "error",
)
# Bytes that were not valid in the file's encoding, kept by errors="surrogateescape".
_SURROGATE = re.compile("[\udc80-\udcff]")
RESULT_DTYPES = {
    "score": "float64", "score_low": "float64", "score_high": "float64", "band": "object",
    "band_low": "object", "band_high": "object", "unread_share": "float64",
    "confidence": "float64", "coverage": "float64", "top_contributors": "object",
    "n_ingredients": "int64", "n_unknown": "int64", "unknown": "object", "flags": "object",
    "error": "object",
}
MAX_CELL = 100_000
"""Longest ingredient cell analysed (characters); longer cells get an error row."""
SEPARATOR = "; "


def is_missing(value: object) -> bool:
    """None or a float NaN (how pandas marks an empty cell)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def plain(value: object) -> object:
    """A cell value for CSV/JSON output: missing values become None."""
    return None if is_missing(value) else value


def cell_problem(value: object) -> str | None:
    """Why a cell cannot be analysed, or None when it can."""
    if value is None or is_missing(value):
        return "empty cell"
    if not isinstance(value, str):
        return f"cell is {type(value).__name__}, not text"
    if not value.strip():
        return "empty cell"
    if len(value) > MAX_CELL:
        return f"cell is {len(value):,} characters; the limit is {MAX_CELL:,}"
    if "\x00" in value:
        return "cell contains NUL bytes (binary data?)"
    if not value.isascii() and _SURROGATE.search(value):
        return "cell is not valid text in the file's encoding (try --encoding cp1252)"
    return None


Row = tuple[Any, ...]
"""One product's results, in :data:`RESULT_COLUMNS` order."""


def _error_row(error: str) -> Row:
    return (None, None, None, None, None, None, None, None, None, "", 0, 0, "", "", error)


class _Context:
    """What a :class:`RowScorer` remembers for one (product type, area)."""

    def __init__(self, product_type: str, area: str) -> None:
        self.product_type, self.area = product_type, area
        self.context = CONTEXT[product_type]
        self.parts: dict[str, _Part] = {}
        self.ids: dict[tuple[str, tuple[str, ...]], int] = {}
        self.facts: list[ItemFacts] = []
        self._columns: dict[str, Any] | None = None
        self._columns_for = 0

    def columns(self) -> dict[str, Any]:
        """:func:`facts_columns` of every fact learned so far (extended, not rebuilt)."""
        import numpy as np

        if self._columns is None or self._columns_for != len(self.facts):
            new = facts_columns(self.facts[self._columns_for:])
            if self._columns is not None:
                new = {k: np.concatenate([v[:-1], new[k]]) for k, v in self._columns.items()}
            self._columns, self._columns_for = new, len(self.facts)
        return self._columns


class _Pending:
    """Products of one context waiting for :func:`score_many`, items one after another."""

    def __init__(self) -> None:
        self.fids: list[int] = []
        self.stated: list[float] = []
        self.may: list[bool] = []
        self.lengths: list[int] = []
        self.markers: list[int] = []
        self.unordered: list[bool] = []
        self.slots: list[int] = []
        self.unknown: list[list[str]] = []
        self.flags: list[list[str]] = []

    def add(self, slot: int, n: int, marker: int | None, unordered: bool, unknown: list[str],
            flags: list[str]) -> None:
        self.lengths.append(n)
        self.markers.append(marker or 0)
        self.unordered.append(unordered)
        self.slots.append(slot)
        self.unknown.append(unknown)
        self.flags.append(flags)


_NAN = float("nan")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (not reference counting) for a batch.

    Scoring allocates tuples by the million, and the collector would walk the
    scorer's growing memory every few hundred allocations: some 8% of a scan
    worker's time. It makes no reference cycles for the collector to find but
    :func:`ast.literal_eval`'s (a text written as a list literal; a test checks
    that there are no others), and those are collected once the collector is
    switched on again after the batch (when it was on before).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _offset(parts: list[str], part: str) -> int:
    """Where ``part`` (this very object, one of ``parts``) starts in the text they were cut
    from at single commas."""
    k = next(i for i, p in enumerate(parts) if p is part)
    return sum(map(len, parts[:k])) + k
_WIDE = 128
"""Products with more items are scored one by one (the matrix of a chunk is as wide
as its longest product)."""


class RowScorer:
    """Result rows for one database, remembering what each distinct label part gives.

    Catalogues repeat names far more than lists: a million products hold some ten
    thousand distinct names. So each distinct part of a plain list (the text
    between two commas, :func:`plain_parts`) is read, matched and turned into
    :class:`ItemFacts` once per context (product type, area), and a plain row costs
    a dictionary lookup per part; no Ingredient, Match or Finding objects are made.
    Other rows go through :func:`parse`. The numbers of a whole chunk are then worked
    out at once by :func:`score_many`, which gives the same numbers, to the last bit,
    as :func:`score_numbers` and so :func:`analyze`: only the words are skipped.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.matcher = matcher_for(db)
        self._contexts: dict[tuple[str, str], _Context] = {}

    def row(self, text: object, product_type: str = "leave-on", area: str = "face") -> Row:
        """One product's results; never raises for bad text."""
        return self.rows([text], [product_type], [area])[0]

    def rows(self, texts: list[Any], types: list[str], areas: list[str]) -> list[Row]:
        """Many products' results, in order; each distinct (text, type, area) is scored once."""
        with _collector_paused():
            return self._rows(texts, types, areas)

    def _rows(self, texts: list[Any], types: list[str], areas: list[str]) -> list[Row]:
        out: list[Row | None] = [None] * len(texts)
        pending: dict[tuple[str, str], _Pending] = {}
        first: dict[tuple[object, str, str], int] = {}
        repeats: list[tuple[int, int]] = []
        for ctx in self._contexts.values():  # forget, between calls, when memory grows
            if len(ctx.parts) > _MAX_KNOWN or len(ctx.facts) > _MAX_KNOWN:
                self._contexts.clear()
                break
        for slot, (text, product_type, area) in enumerate(zip(texts, types, areas, strict=True)):
            key = (text if isinstance(text, str) else id(text), product_type, area)
            seen = first.get(key)
            if seen is not None:
                repeats.append((slot, seen))
                continue
            first[key] = slot
            out[slot] = self._prepare(slot, text, product_type, area, pending)
        for (product_type, area), waiting in pending.items():
            self._finish(self._contexts[(product_type, area)], waiting, out)
        for slot, seen in repeats:
            out[slot] = out[seen]
        return out  # type: ignore[return-value]  # (every slot is filled by now)

    def learned(self) -> Learned:
        """What this scorer has learned, per context: its parts, names and facts
        (picklable: a worker process sends it back, see :meth:`absorb`)."""
        return {key: (ctx.parts, ctx.ids, ctx.facts) for key, ctx in self._contexts.items()}

    def absorb(self, learned: Learned) -> None:
        """Take in what another scorer of the same database learned (:meth:`learned`).

        Facts are a pure function of the name and the context, so this changes no
        result: it only saves learning them again.
        """
        for (product_type, area), (parts, ids, facts) in learned.items():
            ctx = self._context(product_type, area)
            mine: dict[int, int] = {-1: -1}
            for key, fid in ids.items():
                have = ctx.ids.get(key)
                if have is None:
                    ctx.facts.append(facts[fid])
                    have = ctx.ids[key] = len(ctx.facts) - 1
                mine[fid] = have
            for part, rec in parts.items():
                if part not in ctx.parts:
                    ctx.parts[part] = (rec[0], mine[rec[1]], *rec[2:])

    def learn_parts(self, parts: PartsByContext) -> Learned:
        """Learn the given plain-list parts (:func:`distinct_parts`) per context, as
        scoring rows holding them would, and return what was learned (:meth:`learned`).

        Facts are a pure function of the name and the context, so which scorer learns
        a part changes no result: a scan shares the first chunks' parts out among its
        workers, each learning its share once (see :func:`share_parts`).
        """
        with _collector_paused():
            for (product_type, area), texts in parts.items():
                ctx = self._context(product_type, area)
                known = ctx.parts
                for part in texts:
                    if part not in known:
                        known[part] = self._learn(part, ctx)
        return self.learned()

    def _context(self, product_type: str, area: str) -> _Context:
        ctx = self._contexts.get((product_type, area))
        if ctx is None:
            _check_context(product_type, area)
            ctx = self._contexts[(product_type, area)] = _Context(product_type, area)
        return ctx

    def _prepare(self, slot: int, text: object, product_type: str, area: str,
                 pending: dict[tuple[str, str], _Pending]) -> Row | None:
        """The row when it is already known (an error), else None with the product
        queued in ``pending`` for :meth:`_finish`."""
        problem = cell_problem(text)
        if problem is not None:
            return _error_row(problem)
        assert isinstance(text, str)
        try:
            ctx = self._context(product_type, area)
        except InputError as exc:
            return _error_row(str(exc))
        waiting = pending.get((product_type, area))
        if waiting is None:
            waiting = pending[(product_type, area)] = _Pending()
        parts = plain_parts(text)
        if parts is None:
            return self._parsed(slot, text, ctx, waiting, plain=False)
        known = ctx.parts
        fids, stated, start = waiting.fids, waiting.stated, len(waiting.fids)
        lowers: list[str] = []
        unknown: list[str] = []
        flags: list[str] = []
        clean = len(text) <= PROSE_WINDOW
        marker = None
        any_stated = False
        for part in parts:
            rec = known.get(part)
            if rec is None:
                rec = known[part] = self._learn(part, ctx)
            special, fid, lower, percent, detail = rec
            if special:  # anything but a clean part naming an ordinary ingredient
                read, name, locant = detail
                if not read.clean:
                    clean = False
                if fid < 0:
                    continue
                if locant and joins_locant(text, _offset(parts, part) + read.start):
                    del fids[start:], stated[start:]  # "1, 2-Hexanediol": the parser
                    return self._parsed(slot, text, ctx, waiting, plain=True)  # joins the locant back
                f = ctx.facts[fid]
                if f.unread:
                    unknown.append(name)
                if f.flags:
                    flags.extend(f.flags)
                if f.marker and marker is None:
                    marker = len(lowers) + 1
                any_stated = any_stated or not math.isnan(percent)
            fids.append(fid)
            stated.append(percent)
            lowers.append(lower)
        if not clean:
            verdict = plain_verdict(text, [known[part][4][0] for part in parts])
            if verdict is not False:
                del fids[start:], stated[start:]
                if verdict is None:
                    return self._parsed(slot, text, ctx, waiting, plain=False)
                return _error_row("no ingredients found")
        n = len(lowers)
        if not n:
            return _error_row("no ingredients found")
        if any_stated:
            lowers = [low for low, pct in zip(lowers, stated[start:], strict=True) if math.isnan(pct)]
        waiting.may.extend([False] * n)
        waiting.add(slot, n, marker, _sorted_names(lowers), unknown, flags)
        if n > _WIDE:
            return self._alone(ctx, waiting)
        return None

    def _fid(self, ctx: _Context, name: str, alternatives: tuple[str, ...]) -> int:
        fid = ctx.ids.get((name, alternatives))
        if fid is None:
            m = self.matcher.match(name, alternatives)
            ctx.facts.append(facts_for(m, self.db, ctx.product_type, ctx.area))
            fid = ctx.ids[(name, alternatives)] = len(ctx.facts) - 1
        return fid

    def _learn(self, part: str, ctx: _Context) -> _Part:
        read = read_plain_part(part)
        if read.fields is None:
            return True, -1, "", _NAN, (read, "", False)
        name, percent, alternatives, _flags = read.fields
        fid = self._fid(ctx, name, alternatives)
        f = ctx.facts[fid]
        locant = starts_locant(name)
        special = (not read.clean or locant or f.unread or bool(f.flags) or f.marker
                   or percent is not None)
        return special, fid, name.lower(), _NAN if percent is None else percent, (read, name, locant)

    def _parsed(self, slot: int, text: str, ctx: _Context, waiting: _Pending, *,
                plain: bool) -> Row | None:
        """A row :func:`parse` reads (markup, headers, footnotes, doses...); ``plain``
        False when the text is known not to be one plain line (then the parser's own
        records do: :func:`items_not_plain`)."""
        items: list[Any] | None = parse(text) if plain else items_not_plain(text)
        if items is None:  # (a locant may need joining back: the parser's full answer)
            items = parse_not_plain(text)
        if not items:
            return _error_row("no ingredients found")
        ids = ctx.ids  # (most names are known: one lookup each, no method call)
        known: list[int | None] = [ids.get((i.name, i.alternatives)) for i in items]
        fids: list[int] = [self._fid(ctx, i.name, i.alternatives) if k is None else k
                           for i, k in zip(items, known, strict=True)] \
            if None in known else known  # type: ignore[assignment]  # (no None in it)
        all_facts = ctx.facts
        facts = [all_facts[k] for k in fids]
        may = [i.may_contain for i in items]
        waiting.fids.extend(fids)
        waiting.stated.extend(_NAN if i.percent is None else i.percent for i in items)
        waiting.may.extend(may)
        waiting.add(
            slot, len(items), first_marker(range(1, len(items) + 1), may, facts),
            _sorted_names([i.name.lower() for i in items
                           if i.percent is None and not i.may_contain]),
            [i.name for i, f in zip(items, facts, strict=True) if f.unread],
            [flag for f in facts for flag in f.flags],
        )
        if len(items) > _WIDE:
            return self._alone(ctx, waiting)
        return None

    @staticmethod
    def _alone(ctx: _Context, waiting: _Pending) -> Row:
        """Score the product just queued by itself (a very long list) and unqueue it."""
        n = waiting.lengths[-1]
        alone = _Pending()
        alone.fids, alone.stated, alone.may = waiting.fids[-n:], waiting.stated[-n:], waiting.may[-n:]
        del waiting.fids[-n:], waiting.stated[-n:], waiting.may[-n:]
        for name in ("lengths", "markers", "unordered", "slots", "unknown", "flags"):
            getattr(alone, name).append(getattr(waiting, name).pop())
        result: list[Row | None] = [None]
        alone.slots = [0]
        RowScorer._finish(ctx, alone, result)
        assert result[0] is not None
        return result[0]

    @staticmethod
    def _finish(ctx: _Context, waiting: _Pending, out: list[Row | None]) -> None:
        if not waiting.lengths:
            return
        numbers = score_many(ctx.columns(), waiting.fids, waiting.stated, waiting.may,
                             waiting.lengths, waiting.markers, waiting.unordered, ctx.context)
        facts, fids = ctx.facts, waiting.fids
        start = 0
        for k, slot in enumerate(waiting.slots):
            score = numbers.score[k]
            unknown = waiting.unknown[k]
            band, (band_low, band_high) = band_range_for(
                score, numbers.unread_high[k], nothing_read=numbers.nothing_read[k])
            out[slot] = (
                round(score, 1), round(numbers.score_low[k], 1), round(numbers.score_high[k], 1),
                band, band_low, band_high, round(numbers.unread_share[k], 3),
                round(numbers.confidence[k], 3), round(numbers.coverage[k], 3),
                SEPARATOR.join(facts[fids[start + j]].display for j in numbers.top[k]),
                waiting.lengths[k], len(unknown), SEPARATOR.join(unknown),
                SEPARATOR.join(waiting.flags[k]), "",
            )
            start += waiting.lengths[k]


_Part = tuple[bool, int, str, float, tuple[PlainPart, str, bool]]
"""What a part of a plain list gives: whether it needs a closer look (not clean, no
item, a locant, an unknown name, a flag, a dose marker or a stated percentage), the
index of its item's facts (-1 when it holds none), the lower-cased name, the percentage
stated (NaN for none), and how the part reads, the item's name and whether it starts
a locant."""
Learned = dict[tuple[str, str], tuple[dict[str, _Part], dict[tuple[str, tuple[str, ...]], int],
                                     list[ItemFacts]]]
"""What a :class:`RowScorer` learned: per (product type, area), its parts, the fact
index of each (name, alternatives) and the facts."""
PartsByContext = dict[tuple[str, str], list[str]]
"""Parts of plain lists by (product type, area), each part once."""


def distinct_parts(texts: list[Any], types: list[str] | str, areas: list[str] | str,
                   into: PartsByContext | None = None) -> PartsByContext:
    """The distinct parts of the plain lists among ``texts`` (:func:`plain_parts`), by
    context, in the order they are first met (added to ``into`` when given). Cells
    :func:`cell_problem` refuses, rows not plain and unknown contexts are left out."""
    out: PartsByContext = {} if into is None else into
    seen: dict[tuple[str, str], set[str]] = {key: set(v) for key, v in out.items()}
    for k, text in enumerate(texts):
        if cell_problem(text) is not None:
            continue
        key = (types if isinstance(types, str) else types[k],
               areas if isinstance(areas, str) else areas[k])
        if key[0] not in PRODUCT_TYPES or key[1] not in AREAS:
            continue
        parts = plain_parts(text)
        if not parts:
            continue
        have = seen.get(key)
        if have is None:
            have = seen[key] = set()
            out[key] = []
        new = [p for p in parts if p not in have]
        if new:
            new = list(dict.fromkeys(new))  # (a part twice in one text)
            have.update(new)
            out[key].extend(new)
    return out


def share_parts(parts: PartsByContext, shares: int) -> list[PartsByContext]:
    """``parts`` dealt out in ``shares`` about equal shares, a part and every spelling of
    it that differs only in case and spaces (``Water``, `` water``) in the same share,
    in every context (so that one matcher meets each name once)."""
    owner: dict[str, int] = {}
    out: list[PartsByContext] = [{} for _ in range(shares)]
    for key, texts in parts.items():
        for part in texts:
            folded = " ".join(part.lower().split())
            share = owner.get(folded)
            if share is None:
                share = owner[folded] = len(owner) % shares
            out[share].setdefault(key, []).append(part)
    return out


_MAX_KNOWN = 500_000
"""Names remembered per context before the memory is emptied (some 300 bytes each)."""
_scorers: dict[int, tuple[Database, RowScorer]] = {}


def row_scorer(db: Database | None = None) -> RowScorer:
    """The (cached) :class:`RowScorer` of a database; the default database when None."""
    db = db or default_database()
    held = _scorers.get(id(db))
    if held is None or held[0] is not db:
        if len(_scorers) > 16:
            _scorers.clear()
        held = _scorers[id(db)] = (db, RowScorer(db))
    return held[1]


def score_row(
    text: object, product_type: str = "leave-on", area: str = "face", db: Database | None = None
) -> dict[str, Any]:
    """One product's result columns (see :data:`RESULT_COLUMNS`); never raises for bad text."""
    return dict(zip(RESULT_COLUMNS, row_scorer(db).row(text, product_type, area), strict=True))


def _resolve(spec: str | list[str] | None, what: str, db: Database) -> list[str] | str:
    """A chunk's product types or areas: one value for all rows, or one per row from
    the raw cells of a column (a retailer's category is read: "Cleanser" is rinse-off)."""
    if spec is None:
        return "leave-on" if what == "product_type" else "face"
    if isinstance(spec, str):
        return spec
    if what == "product_type":
        return [db.product_type_of(v) for v in spec]
    return [db.area_of(v) for v in spec]  # "Eye cream" -> eye (data/product_types.yaml)


def _per_row(column_or_value: str | None, default: str, allowed: tuple[str, ...],
             df: pd.DataFrame, db: Database, what: str) -> list[str]:
    n = len(df)
    if column_or_value is None:
        return [default] * n
    if column_or_value in allowed:
        return [column_or_value] * n
    if column_or_value in df.columns:
        cells = [v if isinstance(v, str) else "" for v in df[column_or_value].tolist()]
        resolved = _resolve(cells, what, db)
        return [resolved] * n if isinstance(resolved, str) else resolved
    raise InputError(f"{what} must be one of {', '.join(allowed)} or a column name; "
                     f"{column_or_value!r} is neither (columns: {', '.join(map(str, df.columns))})")


def score_frame(
    df: pd.DataFrame,
    column: str = "ingredients",
    *,
    product_type: str | None = None,
    area: str | None = None,
    db: Database | None = None,
) -> pd.DataFrame:
    """Score every row of ``df[column]``: one result row per input row, same index and order.

    ``product_type`` and ``area`` are each None (leave-on, face), a value
    (``"rinse-off"``, ``"eye"``) or the name of a column holding it per row (a
    retailer's category is read: "Cleanser" means rinse-off, "Eye cream" the eye
    area, by the words of ``data/product_types.yaml``). Result columns are
    :data:`RESULT_COLUMNS`; ``error`` is empty unless the row could not be analysed.
    """
    import pandas as pd

    if column not in df.columns:
        raise InputError(f"no column {column!r}; columns are: {', '.join(map(str, df.columns))}")
    db = db or default_database()
    types = _per_row(product_type, "leave-on", PRODUCT_TYPES, df, db, "product_type")
    areas = _per_row(area, "face", AREAS, df, db, "area")
    # Catalogues repeat lists (sizes, shades, bundles): each distinct (text, type,
    # area) is scored once per frame.
    rows = score_rows(df[column].tolist(), types, areas, db)
    out = pd.DataFrame.from_records(rows, columns=list(RESULT_COLUMNS), index=df.index)
    # Fixed dtypes, whatever the rows hold (an all-error chunk, an empty partition):
    # Dask's meta and Spark's schema rely on them.
    return out.astype(RESULT_DTYPES)


def score_rows(texts: list[Any], types: list[str], areas: list[str],
               db: Database | None = None) -> list[Row]:
    """Result rows of many products, in order (what :func:`score_frame` builds on).

    Catalogues repeat lists (sizes, shades, bundles): each distinct (text, type,
    area) is scored once per call.
    """
    return row_scorer(db).rows(texts, types, areas)


def result_meta() -> pd.DataFrame:
    """An empty frame with the result columns and dtypes (Dask's ``meta``)."""
    import pandas as pd

    return score_frame(pd.DataFrame({"ingredients": pd.Series([], dtype="object")}))


def score_dask(ddf: Any, column: str = "ingredients", **kwargs: Any) -> Any:
    """Score a ``dask.dataframe`` partition by partition (needs the ``[dask]`` extra).

    Equivalent to ``score_frame`` on the whole frame; each worker loads the
    database once, on first use.
    """
    return ddf.map_partitions(score_frame, column, meta=result_meta(), **kwargs)
