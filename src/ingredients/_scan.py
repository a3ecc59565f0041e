"""Catalogue files: streaming CSV, JSON Lines or Parquet in, one output row per input row out.

``scan`` reads a file in chunks, so memory stays flat however large it is, scores
each chunk (in worker processes when asked) and keeps every input row, in order;
:class:`ChunkWriter` writes the results through a temporary file that is renamed
into place only when the scan completes.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import itertools
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ingredients._batch import (
    RESULT_COLUMNS,
    RESULT_DTYPES,
    SEPARATOR,
    Learned,
    PartsByContext,
    Row,
    _error_row,
    _per_row,
    _resolve,
    cell_problem,
    distinct_parts,
    plain,
    row_scorer,
    score_rows,
    share_parts,
)
from ingredients._database import Database, default_database
from ingredients._match import matcher_for
from ingredients._score import (
    AREAS,
    PRODUCT_TYPES,
)
from ingredients.errors import InputError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    import pandas as pd

__all__ = [
    "ChunkWriter",
    "Scan",
    "ScanSummary",
    "detect_column",
    "read_table",
    "scan",
]


# --------------------------------------------------------------------------- reading


class _CountingReader(io.RawIOBase):
    """Counts bytes read from a binary stream, for progress on huge files."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self.raw.read(len(b))
        n = len(data)
        b[:n] = data
        self.count += n
        return n


Chunk = tuple[list[list[str]], list[str], list[str | None] | None]
"""Rows, their read errors, and the records as read: each row's text in the file when
the input is a comma-separated CSV and the row was read cleanly (else None)."""


@dataclass
class Table:
    """An input table being streamed: its columns and an iterator of row chunks."""

    columns: list[str]
    chunks: Iterator[Chunk]
    """(rows, per-row read errors, raw records) chunks."""
    progress: Callable[[], float | None] = lambda: None
    """Fraction of the input read so far, when known."""


def _detect_delimiter(sample: str) -> str:
    """The delimiter of a table, from its header line first: the candidate it holds
    most often (outside quotes); the whole sample decides only when the header
    holds none, and a comma when nothing does."""
    header = _first_record(sample)
    counts = {d: _count_outside_quotes(header, d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    if counts[best]:
        return best
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return ","


_DELIMITERS = ",;\t|"
"""Delimiters told apart without --delimiter (ties go to the first)."""


def _first_record(sample: str) -> str:
    """The sample up to its first line break outside quotes."""
    inside = False
    for i, ch in enumerate(sample):
        if ch == '"':
            inside = not inside
        elif ch in "\r\n" and not inside:
            return sample[:i]
    return sample


def _count_outside_quotes(line: str, delim: str) -> int:
    if '"' not in line:
        return line.count(delim)
    return sum(part.count(delim) for part in line.split('"')[::2])


def _no_bom(encoding: str, head: bytes) -> str:
    return "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else encoding


MAX_LINE_CHARS = 4_000_000
"""Longest line of an input table read (characters); a longer row gets an error and
the rest of it is skipped, so memory stays small whatever the input holds."""

_SURROGATE = re.compile("[\udc80-\udcff]")
"""Bytes that were not valid in the input's encoding (kept by ``surrogateescape``)."""


def _valid(cell: str) -> str:
    """A cell with its undecodable bytes as U+FFFD, so that the output is valid text."""
    return _SURROGATE.sub("\ufffd", cell) if not cell.isascii() else cell


def _encoding_error(enc: str) -> str:
    hint = " (pass --encoding, e.g. --encoding cp1252)" if enc.startswith("utf") else ""
    return f"row is not valid text in {enc.removesuffix('-sig').upper()}{hint}"


def _check_encoding(enc: str) -> str:
    import codecs

    try:
        codecs.lookup(enc)
    except LookupError:
        raise InputError(f"unknown encoding {enc!r}") from None
    return enc


def _check_delimiter(delim: str) -> str:
    if len(delim) != 1 or delim in "\"\r\n":
        raise InputError(f"the delimiter must be one character (not a quote or line break), "
                         f"not {delim!r}")
    return delim


def _csv_table(binary: IO[bytes], encoding: str | None, chunksize: int,
               delimiter: str | None) -> Table:
    counter = _CountingReader(binary)
    buffered = io.BufferedReader(counter, buffer_size=1 << 20)
    head = buffered.peek(1 << 16)[: 1 << 16]
    # UTF-8 over the whole file unless told otherwise: a row that is not valid UTF-8
    # gets its own error (a guess from the first bytes misread rows further down).
    enc = _check_encoding(encoding or _no_bom("utf-8", head))
    text = io.TextIOWrapper(buffered, encoding=enc, errors="surrogateescape", newline="")
    sample = head.decode(enc, errors="replace")
    delim = _check_delimiter(delimiter or _detect_delimiter(sample))
    # (lines are capped by MAX_LINE_CHARS; a quote left open is capped here)
    csv.field_size_limit(MAX_LINE_CHARS)
    # The lines each record came from: a comma-separated output copies a clean row
    # as it was read instead of quoting its long cells again, and a record that an
    # unclosed quote made swallow the lines after it is read again line by line.
    consumed: list[str] = []
    pushed: list[str] = []  # lines to read again, last first
    overlong = [0]
    reading_header = [True]
    keep_raw = delim == ","

    readline = text.readline

    class Lines:
        """The input's lines, each at most MAX_LINE_CHARS long; lines given back
        (``pushed``) first. (A class, not a generator: it may go on after an end.)"""

        def __iter__(self) -> Lines:
            return self

        def __next__(self) -> str:
            if pushed:
                line = pushed.pop()
            else:
                line = readline(MAX_LINE_CHARS)
                if not line:
                    raise StopIteration
                if len(line) >= MAX_LINE_CHARS and line[-1] not in "\r\n":
                    if reading_header[0]:
                        raise InputError(f"the header row is over {MAX_LINE_CHARS:,} characters: "
                                         "the input does not look like a table")
                    while line and line[-1] not in "\r\n":  # (skipped, in bounded pieces)
                        line = readline(MAX_LINE_CHARS)
                    overlong[0] += 1
                    line = "\n"
            consumed.append(line)
            return line

    reader = csv.reader(Lines(), delimiter=delim)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the input is empty (no header row)") from None
    except csv.Error as exc:
        raise InputError(f"cannot read the header row: {exc}") from None
    reading_header[0] = False
    header = [h.lstrip("\ufeff") for h in header]
    if any(_CONTROL_BYTES.search(h) for h in header):
        raise InputError("the input does not look like a text table: its header row holds "
                         "control bytes (binary data? UTF-16 text needs --encoding utf-16)")
    if any(_SURROGATE.search(h) for h in header):
        raise InputError(f"the header row is not valid text in {enc.removesuffix('-sig').upper()} "
                         "(pass --encoding, e.g. --encoding cp1252)")
    width = len(header)
    total = _size(binary)
    consumed.clear()

    def swallowed(taken: list[str]) -> bool:
        """Whether a line after the first of a broken record reads as a row of its own."""
        return any(len(next(csv.reader([line], delimiter=delim), [])) == width
                   for line in taken[1:])

    def reread(taken: list[str], why: str) -> tuple[list[str], str]:
        """The first line of a record that swallowed the lines after it, as a row in
        error; the other lines go back to be read as rows of their own."""
        pushed.extend(reversed(taken[1:]))
        first = next(csv.reader([taken[0]], delimiter=delim), [])
        row = ([c.rstrip("\r\n") for c in first] + [""] * width)[:width]
        return row, (f"malformed row: {why}; the {len(taken) - 1} line(s) after it "
                     "are read as rows of their own")

    def records() -> Iterator[tuple[list[str], str, str | None]]:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                taken = consumed[:]
                consumed.clear()
                if len(taken) > 1 and swallowed(taken):
                    row, err = reread(taken, f"{exc} (an unclosed quote?)")
                    yield [_valid(c) for c in row], err, None
                else:
                    yield [""] * width, f"malformed row: {exc}", None
                continue
            raw = consumed[0] if len(consumed) == 1 else "".join(consumed)
            taken_lines = len(consumed)
            broken = taken_lines > 1 and (len(row) != width or raw.count('"') % 2)
            if broken and swallowed(consumed):
                # A quote left open: the record runs on over the rows after it.
                taken = consumed[:]
                consumed.clear()
                row, err = reread(taken, "a quote is not closed")
                yield [_valid(c) for c in row], err, None
                continue
            consumed.clear()
            if overlong[0]:
                overlong[0] = 0
                yield [""] * width, (f"row is over {MAX_LINE_CHARS:,} characters; "
                                     "not read"), None
                continue
            err = ""
            if not row:
                if width > 1:
                    continue  # a blank line between records, not a record
                row = [""]
            if len(row) != width:
                err = f"malformed row: {len(row)} fields, the header has {width}"
                row = (row + [""] * width)[:width]
            elif broken:
                err = "malformed row: a quote is not closed"
            if not raw.isascii() and _SURROGATE.search(raw):
                err = err or _encoding_error(enc)
                row = [_valid(c) for c in row]
            yield row, err, raw if keep_raw and not err else None

    return Table(header, _chunked(records(), chunksize, keep_raw),
                 (lambda: counter.count / total) if total else (lambda: None))


_CONTROL_BYTES = re.compile("[\x00-\x08\x0e-\x1f]")
"""Bytes no header of a text table holds (tabs and line breaks aside)."""


def _size(binary: IO[bytes]) -> int | None:
    try:
        return os.fstat(binary.fileno()).st_size or None
    except (OSError, AttributeError, io.UnsupportedOperation):
        return None


def _jsonl_table(binary: IO[bytes], encoding: str | None, chunksize: int) -> Table:
    counter = _CountingReader(binary)
    text = io.TextIOWrapper(io.BufferedReader(counter, 1 << 20), encoding=encoding or "utf-8",
                            errors="surrogateescape")
    started = [False]

    def capped() -> Iterator[str]:
        readline = text.readline
        while line := readline(MAX_LINE_CHARS):
            if len(line) >= MAX_LINE_CHARS and line[-1] != "\n":
                if not started[0]:
                    raise InputError(f"the first line is over {MAX_LINE_CHARS:,} characters: "
                                     "the input does not look like JSON Lines")
                while line and line[-1] != "\n":  # (skipped, in bounded pieces)
                    line = readline(MAX_LINE_CHARS)
                yield _OVERLONG
            elif line.strip():
                yield line

    lines = capped()
    first: list[tuple[dict[str, Any] | None, str]] = []
    columns: list[str] = []
    for line in lines:  # columns come from the first good record
        rec, err = _json_record(line)
        first.append((rec, err))
        started[0] = True
        if rec is not None:
            columns = list(rec)
            break
    if not first:
        raise InputError("the input is empty (no JSON lines)")
    total = _size(binary)

    def records() -> Iterator[tuple[dict[str, Any] | None, str]]:
        yield from first
        for line in lines:
            yield _json_record(line)

    def rows() -> Iterator[tuple[list[str], str, str | None]]:
        # The columns are the keys of the first good record: an output header is
        # written once, so keys that first appear later cannot get a column.
        for rec, err in records():
            yield [_cell(rec.get(c)) if rec is not None else "" for c in columns], err, None

    return Table(columns, _chunked(rows(), chunksize, False),
                 (lambda: counter.count / total) if total else (lambda: None))


def _chunked(rows: Iterator[tuple[list[str], str, str | None]], size: int, with_raw: bool
             ) -> Iterator[Chunk]:
    """(row, read error, raw record) triples gathered into chunks of ``size`` rows."""
    chunk: list[list[str]] = []
    errors: list[str] = []
    raws: list[str | None] = []
    for row, err, raw in rows:
        chunk.append(row)
        errors.append(err)
        raws.append(raw)
        if len(chunk) >= size:
            yield chunk, errors, raws if with_raw else None
            chunk, errors, raws = [], [], []
    if chunk:
        yield chunk, errors, raws if with_raw else None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return json.dumps(value, ensure_ascii=False)


_OVERLONG = "\x00overlong"


def _json_record(line: str) -> tuple[dict[str, Any] | None, str]:
    if line is _OVERLONG:
        return None, f"line is over {MAX_LINE_CHARS:,} characters; not read"
    if not line.isascii() and _SURROGATE.search(line):
        return None, _encoding_error("utf-8").replace("row", "line", 1)
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON line: {exc.msg} (column {exc.pos + 1})"
    if not isinstance(rec, dict):
        return None, f"JSON line is a {type(rec).__name__}, not an object"
    return rec, ""


def _parquet_table(path: Path, chunksize: int) -> Table:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("reading Parquet needs pyarrow: pip install 'milia-risk[parquet]'") from None
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several unrelated types for a bad file
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    columns = list(pf.schema_arrow.names)
    total = pf.metadata.num_rows or None
    done = [0]

    def chunks() -> Iterator[Chunk]:
        for batch in pf.iter_batches(batch_size=chunksize):
            cols = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            rows = [[_cell(v) for v in row] for row in zip(*cols, strict=True)]
            done[0] += len(rows)
            yield rows, [""] * len(rows), None

    return Table(columns, chunks(), (lambda: done[0] / total) if total else (lambda: None))


def input_format(path: str | Path, fmt: str | None = None) -> str:
    """``csv``, ``jsonl`` or ``parquet``, from ``fmt`` or the file name."""
    if fmt:
        return fmt
    name = str(path).lower()
    for suffix, kind in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "jsonl"),
                         (".parquet", "parquet"), (".pq", "parquet"),
                         (".csv", "csv"), (".tsv", "csv"), (".txt", "csv")):
        if name.endswith((suffix, suffix + ".gz")):
            return kind
    return "csv"


def read_table(
    source: str | Path | IO[bytes], *, fmt: str | None = None, encoding: str | None = None,
    chunksize: int = 5000, delimiter: str | None = None,
) -> Table:
    """Open a CSV / JSON Lines / Parquet input for streaming (``"-"`` is stdin)."""
    if isinstance(source, (str, Path)) and str(source) == "-":
        source = sys.stdin.buffer
    if not isinstance(source, (str, Path)):
        kind = fmt or "csv"
        if kind == "parquet":
            raise InputError("Parquet cannot be read from a stream; give a file path")
        return (_jsonl_table(source, encoding, chunksize) if kind == "jsonl"
                else _csv_table(source, encoding, chunksize, delimiter))
    path = Path(source)
    kind = input_format(path, fmt)
    if delimiter is None and str(path).lower().endswith((".tsv", ".tsv.gz", ".tab")):
        delimiter = "\t"
    if kind == "parquet":
        return _parquet_table(path, chunksize)
    try:
        binary: IO[bytes] = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if str(path).endswith(".gz"):
        import gzip

        binary = gzip.open(binary)  # type: ignore[assignment]  # noqa: SIM115 - closed by the reader
    return (_jsonl_table(binary, encoding, chunksize) if kind == "jsonl"
            else _csv_table(binary, encoding, chunksize, delimiter))


_COLUMN_HINTS = ("ingredients", "ingredient", "inci", "ingredients_text", "clean_ingreds",
                 "ingredient_list", "ingredients_list", "composition", "ingrédients")


def detect_column(columns: list[str], rows: Iterable[list[str]] = ()) -> str:
    """The ingredient column: by name when one clearly is, else by content."""
    lowered = {c.lower().strip(): c for c in columns}
    for hint in _COLUMN_HINTS:
        if hint in lowered:
            return lowered[hint]
    named = [c for c in columns if "ingred" in c.lower() or "inci" in c.lower()]
    if len(named) == 1:
        return named[0]
    # By content: the column whose cells hold the most comma-separated items.
    sample = list(rows)[:50]
    if sample:
        scores = [sum(cell.count(",") for cell in (r[i] for r in sample)) for i in range(len(columns))]
        best = max(range(len(columns)), key=lambda i: scores[i])
        ranked = sorted(scores, reverse=True)
        if ranked[0] >= 5 * len(sample) and ranked[0] > 2 * (ranked[1] if len(ranked) > 1 else 0):
            return columns[best]
    raise InputError("cannot tell which column holds the ingredient lists; pass --column "
                     f"(columns: {', '.join(columns)})")


# --------------------------------------------------------------------------- scanning


@dataclass
class ScanSummary:
    """Running totals of a scan, for the closing report."""

    rows: int = 0
    errors: int = 0
    bands: Counter[str] = field(default_factory=Counter)
    unknown: Counter[str] = field(default_factory=Counter)
    error_kinds: Counter[str] = field(default_factory=Counter)
    read_errors: int = 0
    """Rows that could not be read as they stand (malformed, not valid text, too long)."""

    def misread(self) -> bool:
        """More than a tenth of the rows could not be read: the delimiter or the
        encoding is probably wrong, and the output is not worth trusting."""
        return self.read_errors > 0.1 * self.rows

    def add_rows(self, rows: list[Row]) -> None:
        """Count one chunk of result rows."""
        self.rows += len(rows)
        for row in rows:
            band, unknown, error = row[_BAND], row[_UNKNOWN], row[_ERROR]
            if error:
                self.errors += 1
                self.error_kinds[str(error).split(":")[0].split(" (")[0]] += 1
            elif isinstance(band, str):
                self.bands[band] += 1
            if unknown:
                self.unknown.update(unknown.split(SEPARATOR))

    def merge(self, other: ScanSummary) -> None:
        """Add the totals of another summary (a worker's chunk)."""
        self.rows += other.rows
        self.errors += other.errors
        self.bands.update(other.bands)
        self.unknown.update(other.unknown)
        self.error_kinds.update(other.error_kinds)
        self.read_errors += other.read_errors


_BAND, _UNKNOWN, _ERROR = (RESULT_COLUMNS.index(c) for c in ("band", "unknown", "error"))


Job = tuple[list[Any], str | list[str] | None, str | list[str] | None, list[str]]
"""What a worker gets for one chunk: the ingredient cells, the product type and area
(a value, the cells of a column, or None) and the read errors of the rows."""


def _score_job(job: Job) -> tuple[list[Row], ScanSummary]:
    """Worker: score one chunk (top level so that process pools can pickle it).

    Only the columns scoring reads travel to the worker, and plain tuples come
    back: the parent keeps the rows it read.
    """
    texts, type_spec, area_spec, read_errors = job
    db = default_database()
    types, areas = _resolve(type_spec, "product_type", db), _resolve(area_spec, "area", db)
    n = len(texts)
    rows = score_rows(texts, [types] * n if isinstance(types, str) else types,
                      [areas] * n if isinstance(areas, str) else areas, db)
    for i, err in enumerate(read_errors):
        if err:
            rows[i] = _error_row(err)
    summary = ScanSummary()
    summary.add_rows(rows)
    summary.read_errors = sum(1 for err in read_errors if err)
    return rows, summary


def _learn_job(parts: PartsByContext) -> Learned:
    """Worker: learn a share of the first chunks' parts (:meth:`RowScorer.learn_parts`)."""
    return row_scorer(default_database()).learn_parts(parts)


def _first_parts(jobs: list[Job]) -> PartsByContext:
    """The distinct parts of the plain lists of ``jobs``, by context (what their rows
    resolve to, as :func:`_score_job` resolves them)."""
    db = default_database()
    out: PartsByContext = {}
    for texts, type_spec, area_spec, _errors in jobs:
        distinct_parts(texts, _resolve(type_spec, "product_type", db), _resolve(area_spec, "area", db),
                       into=out)
    return out


class Scan:
    """A catalogue scan: the input's columns, then chunks of (input rows, result rows).

    Every input row gives exactly one result row, in order. ``jobs`` > 1 scores
    chunks in that many processes (same output as ``jobs=1``).
    """

    def __init__(
        self,
        source: str | Path | IO[bytes],
        column: str | None = None,
        *,
        fmt: str | None = None,
        encoding: str | None = None,
        chunksize: int = 5000,
        product_type: str | None = None,
        area: str | None = None,
        jobs: int = 1,
        summary: ScanSummary | None = None,
        delimiter: str | None = None,
    ) -> None:
        self.table = table = read_table(source, fmt=fmt, encoding=encoding, chunksize=chunksize,
                                        delimiter=delimiter)
        self._chunks = iter(table.chunks)
        self._first = next(self._chunks, None)
        col = column or detect_column(table.columns, self._first[0] if self._first else [])
        if col not in table.columns:
            raise InputError(f"no column {col!r}; columns are: {', '.join(table.columns)}")
        self.specs: list[tuple[str, int | str | None]] = []
        for name, value in (("product_type", product_type), ("area", area)):
            allowed = PRODUCT_TYPES if name == "product_type" else AREAS
            if value is not None and value not in allowed and value not in table.columns:
                raise InputError(f"{name} {value!r} is neither one of {', '.join(allowed)} nor a "
                                 f"column (columns: {', '.join(table.columns)})")
            # a column index, a value for every row, or None (the default)
            self.specs.append((name, table.columns.index(value)
                               if value is not None and value not in allowed else value))
        self.column = col
        self.columns = _unique(table.columns)
        """Input column names made unique (``name.1`` for a repeat, ``column`` for a blank)."""
        self.jobs = jobs
        self.summary = summary

    def result_names(self) -> list[str]:
        """Names of the result columns in the output: ``milia_score`` where an input
        column is already called ``score``."""
        return [c if c not in self.columns else f"milia_{c}" for c in RESULT_COLUMNS]

    def chunks(self) -> Iterator[tuple[list[list[str]], list[Row], list[str | None] | None]]:
        """(input rows, result rows, raw records) chunks: see :data:`Chunk`."""
        # Load the database and build the fuzzy index once, before forking workers.
        matcher_for(default_database()).warm()
        pending = (((rows, raws), self._job(rows, errors))
                   for rows, errors, raws in self._all_chunks())
        results = _parallel(pending, self.jobs) if self.jobs > 1 else (
            (read, _score_job(job)) for read, job in pending)
        for (rows, raws), (scored, part) in results:
            if self.summary is not None:
                self.summary.merge(part)
            yield rows, scored, raws

    def _all_chunks(self) -> Iterator[Chunk]:
        if self._first is not None:
            yield self._first
        yield from self._chunks

    def _job(self, rows: list[list[str]], errors: list[str]) -> Job:
        width = len(self.table.columns)
        for k, r in enumerate(rows):
            if len(r) != width:
                rows[k] = (r + [""] * width)[:width]
        at = self.table.columns.index(self.column)
        specs: list[str | list[str] | None] = []
        for _name, spec in self.specs:
            specs.append([r[spec] for r in rows] if isinstance(spec, int) else spec)
        return [r[at] for r in rows], specs[0], specs[1], errors


def scan(
    source: str | Path | IO[bytes],
    column: str | None = None,
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    chunksize: int = 5000,
    product_type: str | None = None,
    area: str | None = None,
    jobs: int = 1,
    only_results: bool = False,
    summary: ScanSummary | None = None,
    on_table: Callable[[Table, str], None] | None = None,
    delimiter: str | None = None,
) -> Iterator[pd.DataFrame]:
    """Score a catalogue file chunk by chunk; yields DataFrames of input columns + results.

    Every input row gives exactly one output row, in order. ``jobs`` > 1 scores
    chunks in that many processes (same output as ``jobs=1``). Pass a
    :class:`ScanSummary` to collect totals as the chunks go by.
    """
    import pandas as pd

    run = Scan(source, column, fmt=fmt, encoding=encoding, chunksize=chunksize,
               product_type=product_type, area=area, jobs=jobs, summary=summary,
               delimiter=delimiter)
    if on_table is not None:
        on_table(run.table, run.column)
    names = list(RESULT_COLUMNS) if only_results else run.columns + run.result_names()
    for rows, scored, _raws in run.chunks():
        results = pd.DataFrame.from_records(scored, columns=list(RESULT_COLUMNS)).astype(RESULT_DTYPES)
        if only_results:
            yield results
            continue
        frame = pd.DataFrame(rows, columns=run.columns, dtype="object")
        for name, c in zip(names[len(run.columns):], RESULT_COLUMNS, strict=True):
            frame[name] = results[c].to_numpy()
        yield frame


def _unique(columns: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for column in columns:
        c = column or "column"
        seen[c] += 1
        out.append(c if seen[c] == 1 else f"{c}.{seen[c] - 1}")
    return out


WARM_CHUNKS = 1
"""Chunks per worker whose parts the warm-up round of :func:`_parallel` learns."""


def _parallel(jobs_iter: Iterator[tuple[Any, Job]], jobs: int
              ) -> Iterator[tuple[Any, tuple[list[Row], ScanSummary]]]:
    """Score chunks in ``jobs`` processes, at most ``2 * jobs`` in flight, yielded in order.

    Where processes are forked, the first ``WARM_CHUNKS * jobs`` chunks give a warm-up
    round: the distinct parts of their plain lists are dealt out among the workers
    (:func:`share_parts`), each learns its share and sends back what it learned (most
    names of a catalogue are met early, and learning them, fuzzy matching above all,
    is the slow part), this process takes it all in, and the workers that score every
    chunk are forked from it, each knowing what all of the first round learned. So
    each of those names is matched once, not once per worker.

    Until the scan ends, every object this process holds before the workers are
    forked is frozen (:func:`gc.freeze`): the garbage collector, here and in the
    workers, then never walks the database, the fuzzy index and what was learned.
    Walking them took a sixth of this process's time, and in a worker it writes
    to every object it visits, so that the system copies each page they are on.
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    frozen_before = gc.get_freeze_count() > 0  # (then the caller freezes; leave it so)
    try:
        gc.freeze()
        # (one round: more cost more than they save, as each sends all it knows again
        # and a fresh fork loses the workers' warm parser memos)
        def pool_of() -> ProcessPoolExecutor:
            return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                                       initializer=_die_with_parent, initargs=(os.getpid(),))

        if "fork" in methods:
            first = list(islice(jobs_iter, WARM_CHUNKS * jobs))
            scorer = row_scorer(default_database())
            shares = share_parts(_first_parts([job for _read, job in first]), jobs)
            with _killed_on_error(pool_of()) as pool:
                futures = [pool.submit(_learn_job, share) for share in shares if share]
                done = [fut.result() for fut in futures]
            for learned in done:
                scorer.absorb(learned)
            del done
            gc.freeze()  # (what was learned too)
            jobs_iter = itertools.chain(first, jobs_iter)
        with _killed_on_error(pool_of()) as pool:
            pending: deque[tuple[Any, Any]] = deque()
            for rows, job in jobs_iter:
                pending.append((rows, pool.submit(_score_job, job)))
                if len(pending) >= 2 * jobs:
                    rows_done, fut = pending.popleft()
                    yield rows_done, fut.result()
            while pending:
                rows_done, fut = pending.popleft()
                yield rows_done, fut.result()
    finally:
        if not frozen_before:
            gc.unfreeze()


@contextlib.contextmanager
def _killed_on_error(pool: ProcessPoolExecutor) -> Iterator[ProcessPoolExecutor]:
    """The pool, shut down as usual at the end; on an error, an interruption or an
    abandoned scan its workers are killed at once instead of finishing their chunks."""
    try:
        yield pool
    except BaseException:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                proc.kill()
        # (waiting: the workers are gone, and the pool's thread then ends at once;
        # left running, it fails on a closed pipe at exit)
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _die_with_parent(parent: int) -> None:
    """Worker set-up: exit when the scan's process dies, however it dies (even
    killed, which leaves it no chance to stop its workers), and leave Ctrl-C and
    SIGTERM to it (it stops the workers itself)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # (the parent died before the line above)
        os._exit(1)
    if not armed:
        import threading
        import time

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="milia-parent-watch").start()


# --------------------------------------------------------------------------- writing

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: object) -> object:
    """Neutralise a text cell a spreadsheet would run as a formula (CSV injection).

    Cells starting with ``= + - @`` (or a tab / carriage return) get a leading
    apostrophe, which spreadsheets show as text. Numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def output_format(path: str | Path, fmt: str | None = None) -> str:
    """``csv``, ``jsonl`` or ``parquet`` for an output path."""
    kind = fmt or input_format(path)
    if kind not in ("csv", "jsonl", "parquet"):
        raise InputError(f"unknown output format {kind!r} (csv, jsonl or parquet)")
    return kind


_WRITERS = itertools.count()
"""Numbers the temporary files of this process's writers."""


class ChunkWriter:
    """Writes result chunks to a temporary file, renamed into place by :meth:`commit`.

    An interrupted scan therefore never leaves a file that looks complete, nor a
    partial one: on Linux the temporary file has no name until it is complete
    (``O_TMPFILE``), so even a killed scan leaves nothing behind. With
    ``path=None`` it writes to ``stream`` (stdout) instead, as the chunks come.

    The target is refused (:class:`InputError`) when it is one of ``inputs`` (the
    same file under any name), a directory, a device, a FIFO or a socket, or when
    its directory does not exist; a symbolic link is written through, to the file
    it points at. Text is always written as valid UTF-8.
    """

    def __init__(self, path: str | Path | None, fmt: str | None = None, *,
                 escape_formulas: bool = True, stream: IO[str] | None = None,
                 inputs: Sequence[str | Path] = ()) -> None:
        self.path = safe_target(path, inputs) if path is not None else None
        self.fmt = output_format(self.path, fmt) if self.path is not None else (fmt or "csv")
        if self.path is None and self.fmt == "parquet":
            raise InputError("Parquet output needs a file: pass -o FILE.parquet")
        self.escape = escape_formulas and self.fmt == "csv"
        # A number per writer too: an aborted writer's janitor removes its file a
        # moment later, and must not find the next writer's file under that name.
        self.tmp = (self.path.with_name(
            f".{self.path.name}.partial-{os.getpid()}.{next(_WRITERS)}")
            if self.path is not None else None)
        self._fh: IO[str] | None = stream
        self._binary: IO[bytes] | None = None
        self._anonymous = False
        self._janitor: Any = None
        self._header: list[str] | None = None
        self._parquet: Any = None
        self.extra_results = 0
        """Columns written after the result columns (``claims``...: plain text)."""
        if self.fmt == "parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise InputError("writing Parquet needs pyarrow: "
                                 "pip install 'milia-risk[parquet]'") from None
        if self.tmp is not None:
            try:
                self._binary = self._open_temporary()
            except OSError as exc:
                raise InputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
            if self.fmt != "parquet":
                self._fh = io.TextIOWrapper(self._binary, encoding="utf-8", newline="",
                                            errors="replace")

    def _open_temporary(self) -> IO[bytes]:
        """A file in the target's directory: without a name where the system allows
        (it then vanishes with the process, however that ends), else a hidden
        ``.NAME.partial-PID.N``."""
        assert self.tmp is not None
        flag = getattr(os, "O_TMPFILE", 0)
        if flag and os.path.exists("/proc/self/fd"):
            try:
                fd = os.open(self.tmp.parent, flag | os.O_WRONLY, 0o644)
            except OSError:
                pass  # (a file system without unnamed files)
            else:
                try:  # (some, overlayfs, make them but cannot name them: try first)
                    os.link(f"/proc/self/fd/{fd}", self.tmp)
                    self.tmp.unlink()
                except OSError:
                    os.close(fd)
                else:
                    self._anonymous = True
                    return os.fdopen(fd, "wb")
        _drop_stale_partials(self.tmp)
        fh = self.tmp.open("wb")
        self._janitor = _janitor(self.tmp)
        return fh
    def write(self, frame: pd.DataFrame) -> None:
        """Append one chunk given as a DataFrame."""
        if self.fmt == "parquet":
            self._write_parquet(frame)
            return
        columns = [str(c) for c in frame.columns]
        # (to_dict gives Python numbers, which JSON takes; missing values become None)
        self.write_rows(columns, ([plain(v) for v in rec.values()]
                                  for rec in frame.to_dict(orient="records")))

    def write_rows(self, header: list[str], rows: Iterable[Sequence[Any]]) -> None:
        """Append rows (values in ``header`` order): what ``milia scan`` writes.

        CSV is written by the csv module in one call per chunk; missing values are
        empty cells. JSON Lines get one object per row.
        """
        if self.fmt == "parquet":
            self._write_parquet(_rows_frame(header, rows, self.extra_results))
            return
        assert self._fh is not None
        if self._header is None:
            self._header = header
            if self.fmt == "csv":
                self._fh.write(csv_lines([[escape_formula(h) for h in header]
                                          if self.escape else header]))
        if self.fmt == "csv":
            self._fh.write(csv_lines(map(_escape_row, rows) if self.escape else rows))
        else:
            dumps, fh = json.dumps, self._fh
            for row in rows:
                fh.write(dumps(dict(zip(header, row, strict=True)), ensure_ascii=False) + "\n")

    def write_scan(self, header: list[str], inputs: list[list[str]], results: list[Row],
                   raws: list[str | None] | None = None) -> None:
        """Append a scan chunk: each input row followed by its results.

        ``raws`` (comma-separated CSV input, see :data:`Chunk`) lets a CSV output copy
        each clean input record as it was read and append the result cells, instead
        of quoting its long ingredient text again; rows with a cell to neutralise
        (formula escaping) are written afresh.
        """
        if self.fmt != "csv" or raws is None:
            self.write_rows(header, [r + list(s) for r, s in zip(inputs, results, strict=True)])
            return
        if self._header is None:
            self.write_rows(header, [])
        tails = csv_lines(map(_escape_result, results) if self.escape else results).split("\n")
        if len(tails) != len(results) + 1:  # a line break in a result cell: no shortcut
            self.write_rows(header, [r + list(s) for r, s in zip(inputs, results, strict=True)])
            return
        out = []
        escape, start = self.escape, _FORMULA_CHARS
        for raw, row, result, tail in zip(raws, inputs, results, tails, strict=False):
            if raw is None or (escape and not start.isdisjoint([c[:1] for c in row])):
                cells = row + list(result)
                out.append(csv_lines([_escape_row(cells) if escape else cells])[:-1])
            else:
                out.append(raw.rstrip("\r\n") + "," + tail)
        assert self._fh is not None
        self._fh.write("\n".join(out) + "\n" if out else "")

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False)
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self._binary, table.schema)
        self._parquet.write_table(table.cast(self._parquet.schema))

    def write_records(self, records: Iterable[dict[str, Any]]) -> None:
        """Append plain records, one JSON line each (JSON Lines files only)."""
        assert self._fh is not None and self.fmt == "jsonl"
        for rec in records:
            clean = {k: plain(v) for k, v in rec.items()}
            self._fh.write(json.dumps(clean, ensure_ascii=False) + "\n")

    def commit(self) -> None:
        """Finish and move the file into place."""
        if self.tmp is None or self.path is None:
            self._close()
            return
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._fh is not None:
            self._fh.flush()
        assert self._binary is not None
        self._binary.flush()
        if self._anonymous:
            # Give the unnamed file a name next to the target, then rename it over it.
            self.tmp.unlink(missing_ok=True)
            os.link(f"/proc/self/fd/{self._binary.fileno()}", self.tmp)
        self._close()
        os.replace(self.tmp, self.path)
        self._dismiss()

    def abort(self) -> None:
        """Drop the partial file."""
        self._close()
        if self.tmp is not None and not self._anonymous:
            self.tmp.unlink(missing_ok=True)
        self._dismiss()

    def _dismiss(self) -> None:
        if self._janitor is not None:
            with contextlib.suppress(OSError):
                self._janitor.stdin.close()
            self._janitor = None

    def _close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._fh is not None:
            if self.tmp is None:
                self._fh.flush()  # (stdout stays open)
            else:
                self._fh.close()
            self._fh = None
        if self._binary is not None:
            self._binary.close()
            self._binary = None


def safe_target(path: str | Path, inputs: Sequence[str | Path] = ()) -> Path:
    """The file an output to ``path`` replaces, or an :class:`InputError` saying why
    writing there would destroy something or cannot work (see :class:`ChunkWriter`)."""
    import stat

    given = Path(path)
    target = Path(os.path.realpath(given))  # (a link is written through, not replaced)
    if str(given) in ("", "-"):
        raise InputError("the output needs a file name")
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"cannot write {given}: {exc.strerror or exc}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"the output {given} is a directory; give a file name")
        if not stat.S_ISREG(st.st_mode):
            kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket"
                    if stat.S_ISSOCK(st.st_mode) else "a device")
            raise InputError(f"the output {given} is {kind}, not a file; refusing to replace it")
        for source in inputs:
            if str(source) == "-":
                continue
            try:
                same = os.path.samefile(source, target)
            except OSError:
                same = False
            if same or os.path.realpath(source) == str(target):
                raise InputError(f"the output {given} is the input {source}; "
                                 "write to another file")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {given}: the directory {target.parent} does not exist")
    return target


_JANITOR = """\
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
sys.stdin.buffer.read()
try:
    os.unlink(sys.argv[1])
except OSError:
    pass
"""


def _janitor(tmp: Path) -> Any:
    """A tiny process that removes ``tmp`` when this one is gone, however it goes
    (killed too): it waits for the end of a pipe only this process writes to.
    After a completed scan ``tmp`` has been renamed, and there is nothing to remove."""
    import subprocess

    try:
        return subprocess.Popen([sys.executable, "-I", "-S", "-c", _JANITOR, str(tmp)],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return None  # (then a stale file is removed by the next scan to the same place)


def _drop_stale_partials(tmp: Path) -> None:
    """Remove ``.NAME.partial-PID[.N]`` files that scans killed before they could."""
    prefix = tmp.name.rsplit("-", 1)[0] + "-"
    try:
        candidates = [p for p in tmp.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    for p in candidates:
        pid = p.name[len(prefix):].split(".")[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            p.unlink(missing_ok=True)
        except OSError:
            pass  # (alive, another user's)


def csv_lines(rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV text, each line ending in ``\n``; a cell holding a line break
    (``\n`` or ``\r``) is quoted, so that every row stays one record."""
    rows = rows if isinstance(rows, list) else list(rows)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    text = buf.getvalue()
    if "\r" not in text:
        return text
    # The csv module quotes only the characters of its line terminator: write each
    # row with "\r\n" (so both are quoted) and end it with "\n" again.
    writer = csv.writer(buf, lineterminator="\r\n")
    lines = []
    for row in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow(row)
        lines.append(buf.getvalue()[:-2])
    return "\n".join(lines) + "\n"


def _escape_row(row: Sequence[Any]) -> list[Any]:
    return [("'" + v) if v.__class__ is str and v[:1] and v[0] in _FORMULA_CHARS else v
            for v in row]


_FORMULA_CHARS = frozenset("".join(_FORMULA_START))
_TEXT_RESULTS = tuple(RESULT_COLUMNS.index(c)
                      for c in ("top_contributors", "unknown", "flags", "error"))
"""Result cells that hold text a label or a file supplied (the others are numbers or
fixed words, which never start a formula)."""


def _escape_result(row: Row) -> Row | list[Any]:
    if _FORMULA_CHARS.isdisjoint([row[k][:1] for k in _TEXT_RESULTS]):
        return row
    return _escape_row(row)


def _rows_frame(header: list[str], rows: Iterable[Sequence[Any]], extra: int = 0) -> pd.DataFrame:
    """A chunk of output rows as a frame; result columns (the last ones but ``extra``
    text columns) get their dtypes."""
    import pandas as pd

    frame = pd.DataFrame.from_records(list(rows), columns=header)
    end = len(header) - extra
    results = header[end - len(RESULT_COLUMNS):end]
    dtypes = dict(zip(results, (RESULT_DTYPES[c] for c in RESULT_COLUMNS), strict=True))
    inputs = dict.fromkeys(header[: end - len(RESULT_COLUMNS)] + header[end:], "object")
    return frame.astype({**inputs, **dtypes})


def details_records(
    frame: pd.DataFrame, column: str, *, product_type: str | None = None,
    area: str | None = None, id_column: str | None = None, start: int = 0,
    db: Database | None = None,
) -> Iterator[dict[str, Any]]:
    """Full per-ingredient reports of a chunk, one JSON-ready record per row."""
    from ingredients._score import analyze

    db = db or default_database()
    types = _per_row(product_type, "leave-on", PRODUCT_TYPES, frame, db, "product_type")
    areas = _per_row(area, "face", AREAS, frame, db, "area")
    ids = frame[id_column].tolist() if id_column else [None] * len(frame)
    for i, (text, t, a, ident) in enumerate(
        zip(frame[column].tolist(), types, areas, ids, strict=True)
    ):
        rec: dict[str, Any] = {"row": start + i, "id": ident}
        problem = cell_problem(text)
        if problem is None:
            try:
                rec["report"] = analyze(text, product_type=t, area=a, db=db).to_dict()
            except InputError as exc:
                problem = str(exc)
        if problem is not None:
            rec["error"] = problem
        yield rec
