"""Reformulation tracking: what changed between two snapshots of a catalogue.

:func:`diff_catalogues` matches the rows of an old and a new snapshot (raw, or
scored by ``milia scan``) by an ID column and yields one :class:`Change` per product
added, removed or whose list changed: ingredients added, removed or moved (by
canonical name, so ``Aqua`` → ``Water`` is no change), the score and band before and
after, and the claim conflicts the new list has that the old one had not. A
duplicate or missing ID is reported as such, never merged.

Both snapshots are read in chunks and spread by a hash of the ID over temporary
partition files; each partition is then compared in memory. Memory is therefore
bounded by a partition, not by the catalogue: two 1M-row snapshots diff with flat
memory. Changes come out in the new snapshot's row order, then the removed products
in the old snapshot's order (each partition's changes are sorted and written to a
run file; the runs are merged as they are read).
"""

from __future__ import annotations

import heapq
import json
import math
import os
import pickle
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from ingredients._batch import RESULT_COLUMNS, score_rows
from ingredients._database import Database, default_database
from ingredients._match import matcher_for
from ingredients._parse import parse
from ingredients._scan import detect_column, read_table
from ingredients.errors import InputError

__all__ = ["CHANGE_COLUMNS", "Change", "DiffSummary", "diff_catalogues"]

Kind = Literal["added", "removed", "changed", "duplicate id", "missing id"]
CHANGE_COLUMNS = (
    "id", "change", "old_row", "new_row", "ingredients_added", "ingredients_removed",
    "ingredients_moved", "score_before", "score_after", "band_before", "band_after",
    "new_claim_conflicts", "note",
)
PARTITION_BYTES = 16 << 20
"""Input bytes per partition: what one comparison step holds in memory (roughly)."""
SEP = "; "


@dataclass(frozen=True, slots=True)
class Change:
    """One product that differs between the snapshots (or an ID problem)."""

    id: str
    change: Kind
    old_row: int | None = None
    """Data row in the old snapshot (1-based; the header is not counted)."""
    new_row: int | None = None
    ingredients_added: tuple[str, ...] = ()
    ingredients_removed: tuple[str, ...] = ()
    ingredients_moved: tuple[str, ...] = ()
    """``Name 4→2``: ingredients whose place among those both lists share changed."""
    score_before: float | None = None
    score_after: float | None = None
    band_before: str | None = None
    band_after: str | None = None
    new_claim_conflicts: tuple[str, ...] = ()
    note: str = ""

    def row(self) -> list[Any]:
        """Values in :data:`CHANGE_COLUMNS` order (lists joined with ``; ``)."""
        return [self.id, self.change, self.old_row, self.new_row,
                SEP.join(self.ingredients_added), SEP.join(self.ingredients_removed),
                SEP.join(self.ingredients_moved), self.score_before, self.score_after,
                self.band_before, self.band_after, SEP.join(self.new_claim_conflicts),
                self.note]


@dataclass
class DiffSummary:
    """Counts for the closing summary."""

    old_rows: int = 0
    new_rows: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0
    band_up: int = 0
    band_down: int = 0


@dataclass
class _Side:
    """How one snapshot's columns are read."""

    columns: list[str]
    id_at: int
    text_at: int
    score_at: int | None
    band_at: int | None
    conflicts_at: int | None
    claims_at: list[int]
    type_at: int | None
    area_at: int | None


def _side(columns: list[str], first: list[list[str]], id_column: str, column: str | None,
          claims_columns: Sequence[str], type_column: str | None, area_column: str | None,
          which: str) -> _Side:
    def at(name: str | None, option: str) -> int | None:
        if name is None:
            return None
        if name not in columns:
            raise InputError(f"{which} snapshot: no column {name!r} for {option}; columns are: "
                             f"{', '.join(columns)}")
        return columns.index(name)

    def result(name: str) -> int | None:
        for c in (f"milia_{name}", name):
            if c in columns:
                return columns.index(c)
        return None

    id_at = at(id_column, "--id-column")
    assert id_at is not None
    text_at = at(column or detect_column(columns, first), "--column")
    assert text_at is not None
    scored = result("score") is not None and result("band") is not None
    return _Side(columns, id_at, text_at, result("score") if scored else None,
                 result("band") if scored else None, result("claim_conflicts"),
                 [k for k in (at(c, "--claims-column") for c in claims_columns) if k is not None],
                 at(type_column, "--product-type-column"), at(area_column, "--area-column"))


def _records(source: str | Path, side_name: str, id_column: str, column: str | None,
             claims_columns: Sequence[str], type_column: str | None, area_column: str | None,
             fmt: str | None, encoding: str | None, chunksize: int,
             ) -> tuple[_Side, Iterator[tuple[int, list[str]]]]:
    table = read_table(source, fmt=fmt, encoding=encoding, chunksize=chunksize)
    chunks = iter(table.chunks)
    first = next(chunks, None)
    side = _side(list(table.columns), first[0] if first else [], id_column, column,
                 claims_columns, type_column, area_column, side_name)

    def rows() -> Iterator[tuple[int, list[str]]]:
        n = 0
        for chunk in ([first] if first else []), chunks:
            for rows_, _errors, _raws in chunk:
                for row in rows_:
                    n += 1
                    yield n, row
    return side, rows()


def _cell(row: list[str], k: int | None) -> str:
    return row[k] if k is not None and k < len(row) and isinstance(row[k], str) else ""


def diff_catalogues(
    old: str | Path, new: str | Path, id_column: str, *, column: str | None = None,
    claims_columns: Sequence[str] = (), product_type_column: str | None = None,
    area_column: str | None = None, fmt: str | None = None, encoding: str | None = None,
    chunksize: int = 20_000, summary: DiffSummary | None = None, db: Database | None = None,
    workdir: str | Path | None = None,
) -> Iterator[Change]:
    """The changes from the ``old`` snapshot to the ``new`` one, matched by ``id_column``.

    Raw snapshots are scored as they are compared (only products whose list
    changed, or that were added or removed); scored ones (``milia scan`` output)
    keep their scores. ``claims_columns`` (raw snapshots) or a ``claim_conflicts``
    column (scored ones) give the new claim conflicts.
    """
    db = db or default_database()
    summary = summary if summary is not None else DiffSummary()
    size = sum(os.path.getsize(p) for p in (old, new) if str(p) != "-" and os.path.exists(p))
    parts = max(1, min(512, math.ceil(size / PARTITION_BYTES)))
    with tempfile.TemporaryDirectory(prefix="milia-diff-", dir=workdir) as tmp:
        # Rows without an ID come in row order, one sorted run per snapshot.
        runs = [os.path.join(tmp, f"{name}-missing.pickle") for name in ("old", "new")]
        sides: dict[str, _Side] = {}
        for name, src in (("old", old), ("new", new)):
            side, rows = _records(src, name, id_column, column, claims_columns,
                                  product_type_column, area_column, fmt, encoding, chunksize)
            sides[name] = side
            files: list[IO[str]] = [
                open(os.path.join(tmp, f"{name}-{k}.jsonl"), "w", encoding="utf-8",  # noqa: SIM115
                     errors="surrogateescape") for k in range(parts)]
            missing = open(os.path.join(tmp, f"{name}-missing.pickle"), "wb")  # noqa: SIM115
            try:
                for n, row in rows:
                    if name == "old":
                        summary.old_rows += 1
                    else:
                        summary.new_rows += 1
                    ident = _cell(row, side.id_at).strip()
                    if not ident:
                        summary.kinds["missing id"] += 1
                        pickle.dump(Change("", "missing id", **{f"{name}_row": n},  # type: ignore[arg-type]
                                           note=f"row {n} of the {name} snapshot has no "
                                                f"{id_column}"), missing)
                        continue
                    rec = [ident, n, _cell(row, side.text_at), _cell(row, side.score_at),
                           _cell(row, side.band_at), _cell(row, side.conflicts_at),
                           "\n".join(_cell(row, k) for k in side.claims_at if _cell(row, k)),
                           _cell(row, side.type_at), _cell(row, side.area_at)]
                    k = zlib.crc32(ident.encode("utf-8", "surrogateescape")) % parts
                    files[k].write(json.dumps(rec, ensure_ascii=False) + "\n")
            finally:
                missing.close()
                for fh in files:
                    fh.close()
        comparer = _Comparer(db, summary)
        for k in range(parts):
            run = os.path.join(tmp, f"changes-{k}.pickle")
            with open(run, "wb") as out:
                for change in comparer.partition(os.path.join(tmp, f"old-{k}.jsonl"),
                                                 os.path.join(tmp, f"new-{k}.jsonl"),
                                                 id_column):
                    pickle.dump(change, out, protocol=pickle.HIGHEST_PROTOCOL)
            runs.append(run)
        yield from heapq.merge(*(_read_run(r) for r in runs), key=_order)


def _order(change: Change) -> tuple[float, float]:
    """The new snapshot's order; a product only in the old one after all, by old row."""
    if change.new_row is not None:
        return (change.new_row, 0)
    return (math.inf, change.old_row or 0)


def _read_run(path: str) -> Iterator[Change]:
    # (Our own file, written above in this process: pickle is safe here.)
    with open(path, "rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


Rec = list[Any]
"""[id, row, text, score, band, conflicts, claim text, type cell, area cell]"""


class _Comparer:
    def __init__(self, db: Database, summary: DiffSummary) -> None:
        self.db = db
        self.summary = summary
        self.matcher = matcher_for(db)
        self._names: dict[str, tuple[str, str]] = {}

    def _load(self, path: str, side: str, id_column: str,
              out: list[Change]) -> dict[str, Rec]:
        by_id: dict[str, Rec] = {}
        dupes: dict[str, list[int]] = {}
        with open(path, encoding="utf-8", errors="surrogateescape") as fh:
            for line in fh:
                rec = json.loads(line)
                have = by_id.get(rec[0])
                if have is not None or rec[0] in dupes:
                    dupes.setdefault(rec[0], [have[1]] if have is not None else []).append(rec[1])
                    by_id.pop(rec[0], None)
                    continue
                by_id[rec[0]] = rec
        for ident, rows in dupes.items():
            self.summary.kinds["duplicate id"] += 1
            out.append(Change(ident, "duplicate id", **{f"{side}_row": rows[0]},  # type: ignore[arg-type]
                              note=f"{id_column} {ident!r} is on rows "
                                   f"{', '.join(map(str, rows))} of the {side} snapshot; "
                                   "not compared"))
        for ident in dupes:
            by_id[ident] = []  # (a marker: this ID is not compared)
        return by_id

    def partition(self, old_path: str, new_path: str, id_column: str) -> list[Change]:
        out: list[Change] = []
        old = self._load(old_path, "old", id_column, out)
        new = self._load(new_path, "new", id_column, out)
        pending: list[tuple[Rec | None, Rec | None]] = []
        for ident, rec in new.items():
            before = old.get(ident)
            if not rec or before == []:
                continue  # a duplicate on either side
            if before is None:
                pending.append((None, rec))
            elif before[2] != rec[2] or before[5] != rec[5] or before[6] != rec[6]:
                pending.append((before, rec))
            else:
                self.summary.unchanged += 1
        for ident, rec in old.items():
            if rec and ident not in new:
                pending.append((rec, None))
        self._score(pending)
        for before, after in pending:
            change = self._compare(before, after)
            if change is None:
                self.summary.unchanged += 1
                continue
            self.summary.kinds[change.change] += 1
            out.append(change)
        out.sort(key=_order)
        return out

    def _score(self, pending: list[tuple[Rec | None, Rec | None]]) -> None:
        """Fill in score and band of raw records (scored ones have theirs)."""
        todo = [rec for pair in pending for rec in pair if rec is not None and not rec[4]]
        if not todo:
            return
        db = self.db
        rows = score_rows([r[2] for r in todo], [db.product_type_of(r[7]) for r in todo],
                          [db.area_of(r[8]) for r in todo], db)
        s_at, b_at, e_at = (RESULT_COLUMNS.index(c) for c in ("score", "band", "error"))
        for rec, row in zip(todo, rows, strict=True):
            rec[3] = "" if row[e_at] else row[s_at]
            rec[4] = "" if row[e_at] else row[b_at]

    def _canonical(self, text: str) -> dict[str, str]:
        """Substance -> display name, in list order: one substance under any of its
        CosIng names (``Aqua`` and ``Water``) is one key; a name not read is its own."""
        names: dict[str, str] = {}
        for ing in parse(text) if text.strip() else []:
            if ing.may_contain:
                continue
            known = self._names.get(ing.name)
            if known is None:
                m = self.matcher.match(ing.name, ing.alternatives)
                if m.read and m.inci:
                    entry = self.db.entry(m.inci)
                    known = (entry.inci if entry is not None else m.inci, _title(m.inci))
                else:
                    known = (" ".join(ing.name.lower().split()), ing.name)
                if len(self._names) > 200_000:
                    self._names.clear()
                self._names[ing.name] = known
            names.setdefault(*known)
        return names

    def _compare(self, before: Rec | None, after: Rec | None) -> Change | None:
        if before is None:
            assert after is not None
            return Change(after[0], "added", new_row=after[1], score_after=_num(after[3]),
                          band_after=after[4] or None,
                          new_claim_conflicts=self._conflicts(after))
        if after is None:
            return Change(before[0], "removed", old_row=before[1],
                          score_before=_num(before[3]), band_before=before[4] or None)
        old_names, new_names = self._canonical(before[2]), self._canonical(after[2])
        added = tuple(d for k, d in new_names.items() if k not in old_names)
        removed = tuple(d for k, d in old_names.items() if k not in new_names)
        shared_old = [k for k in old_names if k in new_names]
        rank = {k: i for i, k in enumerate((k for k in new_names if k in old_names), 1)}
        moved = tuple(f"{new_names[k]} {i}\u2192{rank[k]}" for i, k in enumerate(shared_old, 1)
                      if rank[k] != i)
        new_conflicts = tuple(c for c in self._conflicts(after)
                              if c not in set(self._conflicts(before)))
        if not (added or removed or moved or new_conflicts):
            return None
        change = Change(after[0], "changed", old_row=before[1], new_row=after[1],
                        ingredients_added=added, ingredients_removed=removed,
                        ingredients_moved=moved, score_before=_num(before[3]),
                        score_after=_num(after[3]), band_before=before[4] or None,
                        band_after=after[4] or None, new_claim_conflicts=new_conflicts)
        order = ("low", "moderate", "high")
        b, a = change.band_before, change.band_after
        if b in order and a in order:
            if order.index(a) > order.index(b):
                self.summary.band_up += 1
            elif order.index(a) < order.index(b):
                self.summary.band_down += 1
        return change

    def _conflicts(self, rec: Rec) -> tuple[str, ...]:
        """Claim conflicts of a record, without positions (``oil-free: Mineral Oil``)."""
        if rec[5]:
            cells = rec[5]
        elif rec[6]:
            from ingredients.claims import ClaimScanner

            scanner = getattr(self, "_scanner", None) or ClaimScanner(self.db)
            self._scanner = scanner
            _claims, cells = scanner.cells(rec[2], rec[6], self.db.product_type_of(rec[7]),
                                           self.db.area_of(rec[8]))
        else:
            return ()
        out = []
        for part in cells.split(SEP):
            head = part.split(" (#")[0].strip()
            if head:
                out.append(head)
        return tuple(dict.fromkeys(out))


def _num(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        return round(float(value), 1)
    except (TypeError, ValueError):
        return None


def _title(inci: str) -> str:
    from ingredients._score import _display

    return _display(inci)


def render_diff_html(changes: Sequence[Change], summary: DiffSummary, *, old: str, new: str,
                     total: int) -> str:
    """The changes as one self-contained HTML page (the first ``len(changes)`` of ``total``)."""
    from ingredients.catalogue_report import _CSS, _JS, _e, _table

    counts = [("added", summary.kinds.get("added", 0)), ("removed", summary.kinds.get("removed", 0)),
              ("changed", summary.kinds.get("changed", 0)), ("unchanged", summary.unchanged),
              ("band up", summary.band_up), ("band down", summary.band_down),
              ("duplicate id", summary.kinds.get("duplicate id", 0)),
              ("missing id", summary.kinds.get("missing id", 0))]
    tiles = "".join(f'<div class="tile"><b>{n:,}</b><span>{_e(k)}</span></div>'
                    for k, n in counts)
    more = (f'<p class="note">The first {len(changes):,} of {total:,} changes; the CSV or '
            "JSON Lines output has them all.</p>" if total > len(changes) else "")
    csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        "<title>Catalogue changes</title>"
        f"<style>{_CSS}</style></head><body><header><h1>Catalogue changes</h1>"
        f"<p>{_e(old)} → {_e(new)} · {summary.old_rows:,} → {summary.new_rows:,} rows</p>"
        f'</header><main><div class="tiles">{tiles}</div><section><h2>Changes</h2>{more}'
        + _table(list(CHANGE_COLUMNS), (c.row() for c in changes), numeric=(2, 3, 7, 8))
        + f"</section></main><script>{_JS}</script></body></html>\n"
    )
