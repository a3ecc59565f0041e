"""The ``milia`` command: parse options, call the library, print, exit.

Exit codes: 0 success; 1 the ``--fail-on`` threshold was reached or validation
failed; 2 usage or input error. Reports go to stdout; progress, warnings and
errors to stderr. Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import atexit
import gc
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

import ingredients
from ingredients._format import Format, render, render_explain

F = TypeVar("F", bound=Callable[..., Any])

BANDS = ("low", "moderate", "high")
EXIT_OK, EXIT_THRESHOLD, EXIT_USAGE = 0, 1, 2


def _fatal(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """One line on stderr naming the problem, then exit (no traceback)."""
    click.echo(f"milia: error: {message}", err=True)
    sys.exit(code)


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return bool(root and root.obj and root.obj.get("debug"))


def _guard(fn: F) -> F:
    """Turn the library's user-facing errors into one line and exit code 2."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ingredients.IngredientsError as exc:
            if _debug():
                raise
            _fatal(str(exc))
        except BrokenPipeError:
            raise
        except OSError as exc:
            if _debug():
                raise
            _fatal(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))

    return wrapper  # type: ignore[return-value]


def _colour_wanted() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _decode(raw: bytes, encoding: str, where: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = " (Windows text? try --encoding cp1252)" if encoding.lower().replace("-", "") == "utf8" else ""
        _fatal(f"{where} is not valid {encoding} (byte {exc.start}){hint}")
    except LookupError:
        _fatal(f"unknown encoding {encoding!r}")


MAX_INPUT_BYTES = 4_000_000
"""Most bytes read from --file or stdin: the longest text analysed (1,000,000
characters, ``MAX_TEXT`` of the scorer), at four bytes a character. The input is
read up to one byte more, never further, so that a huge file or an endless stream
(/dev/zero) is refused at once, in little memory."""


def _read_capped(read: Callable[[int], bytes], where: str) -> bytes:
    chunks, size = [], 0
    while size <= MAX_INPUT_BYTES:
        chunk = read(MAX_INPUT_BYTES + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_INPUT_BYTES:
        _fatal(f"{where} is over {MAX_INPUT_BYTES:,} bytes; the limit is "
               "1,000,000 characters of ingredient text")
    return b"".join(chunks)


def _read_text(text: str | None, file: Path | None, encoding: str) -> str:
    if text is not None and file is not None:
        _fatal("give the ingredient text or --file, not both")
    if file is not None:
        try:
            with file.open("rb") as fh:
                raw = _read_capped(fh.read, str(file))
        except OSError as exc:
            _fatal(f"cannot read {file}: {exc.strerror or exc}")
        return _decode(raw, encoding, str(file))
    if text is None or text == "-":
        if sys.stdin.isatty():
            click.echo("Paste the ingredient list, then Ctrl-D:", err=True)
        return _decode(_read_capped(sys.stdin.buffer.read, "standard input"), encoding,
                       "standard input")
    if "," not in text and "\n" not in text and os.path.isfile(text):
        # (``milia check label.txt``: a file's name is no ingredient list)
        click.echo(f"reading the file {text} (the list itself, or --file, also works)", err=True)
        return _read_text(None, Path(text), encoding)
    if "," not in text and "\n" not in text and _PATH_LIKE.search(text):
        # (``milia check labels/face.txt`` with a typo: say so, then read it as the list it is)
        click.echo(f"no file {text}: reading the text itself as the ingredient list", err=True)
    return _argument(text, encoding, "the TEXT argument")


# A lone argument that looks like a file's name: a path's start (``/``, ``./``, ``~``, ``C:\``)
# or a text file's ending; an INCI slash (``Caprylic/Capric Triglyceride``) is neither.
_PATH_LIKE = re.compile(r"^(?:/|\.{1,2}[/\\]|~|[A-Za-z]:\\)|\.(?:txt|csv|tsv|json|jsonl|md)$", re.IGNORECASE)


def _argument(text: str, encoding: str, where: str) -> str:
    """A command-line argument as text: bytes the system could not decode (kept as
    surrogates) are decoded with ``encoding`` or refused, like a file's."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _decode(os.fsencode(text), encoding, where)
    return text


def _database(overlays: tuple[Path, ...], on_conflict: str) -> ingredients.Database:
    return ingredients.load_database(list(overlays), on_conflict=on_conflict)  # type: ignore[arg-type]


def _db_options(fn: F) -> F:
    fn = click.option("--on-conflict", type=click.Choice(["raise", "override", "keep"]),
                      default="override", show_default=True,
                      help="What an overlay entry does to a shipped entry of the same name.")(fn)
    return click.option("--overlay", "overlays", multiple=True,
                        type=click.Path(path_type=Path, dir_okay=False),
                        help="Your own YAML entries or avoid-list, merged over the shipped data "
                             "(repeatable).")(fn)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="milia-risk", prog_name="milia")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Estimate how likely a cosmetic is to clog pores and promote milia,
    from its ingredient (INCI) list, with a line-by-line explanation.

    \b
    Examples:
      milia check "Aqua, Petrolatum, Lanolin Alcohol, Phenoxyethanol"
      pbpaste | milia check --area eye
      milia explain "Isopropyl Myristate"
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command()
@click.argument("text", required=False)
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False),
              help="Read the ingredient text from a file.")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of --file or stdin (e.g. cp1252).")
@click.option("--product-type", type=click.Choice(["leave-on", "rinse-off"]), default="leave-on",
              show_default=True)
@click.option("--area", type=click.Choice(["face", "eye", "lips", "body"]), default="face",
              show_default=True)
@click.option("--format", "fmt", type=click.Choice([f.value for f in Format]), default="text",
              show_default=True)
@click.option("--fail-on", type=click.Choice(BANDS),
              help="Exit with status 1 when the band could be at or above this: the upper "
                   "end of the band range counts, so a list the tool could not read in full "
                   "does not pass (for CI pipelines).")
@click.option("--lang", "language", metavar="CODE",
              help="Language of the label (a language pack: en, fr, ko, ja, zh-hans, ...); "
                   "detected when not given.")
@_db_options
@_guard
def check(text: str | None, file: Path | None, encoding: str, product_type: str, area: str,
          fmt: str, fail_on: str | None, overlays: tuple[Path, ...], on_conflict: str,
          language: str | None = None) -> None:
    """Analyse one product's ingredient list.

    TEXT is the list itself; with no TEXT (or "-") it is read from stdin.

    \b
    Examples:
      milia check "Water, Glycerin, Isopropyl Myristate, Petrolatum"
      milia check --file label.txt --area eye --format markdown
      milia check --fail-on high --format json - < formula.txt
    """
    db = _database(overlays, on_conflict)
    content = _read_text(text, file, encoding)
    report = ingredients.analyze(content, product_type=product_type, area=area, db=db,
                                 language=language)
    click.echo(render(report, Format(fmt), colour=_colour_wanted() and fmt == "text"), nl=False,
               color=_colour_wanted() and fmt == "text")
    worst = report.band_range[1]
    if fail_on is not None and BANDS.index(worst) >= BANDS.index(fail_on):
        what = (f"band {worst}" if report.band != "uncertain" else
                f"band uncertain (up to {worst}: {len(report.unread)} "
                f"ingredient{'s' if len(report.unread) != 1 else ''} not read)")
        click.echo(f"milia: {what} is at or above --fail-on {fail_on}", err=True)
        _ONE_SHOT.append(True)
        sys.exit(EXIT_THRESHOLD)
    _ONE_SHOT.append(True)


@main.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_db_options
@_guard
def explain(name: str, fmt: str, overlays: tuple[Path, ...], on_conflict: str) -> None:
    """What the database knows about one ingredient, and how NAME was recognised.

    \b
    Examples:
      milia explain "Isopropyl Myristate"
      milia explain "Cl 77891" --format json
    """
    db = _database(overlays, on_conflict)
    name = _argument(name, "utf-8", "NAME")
    click.echo(render_explain(name, fmt=Format(fmt), db=db), nl=False)
    _ONE_SHOT.append(True)


@main.command()
@click.argument("texts", nargs=-1)
@click.option("--file", "files", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Read one product's ingredient text from a file (repeatable).")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of the files and standard input.")
@click.option("--product-type", type=click.Choice(["leave-on", "rinse-off"]), default="leave-on",
              show_default=True, help="For every text and file (JSON items carry their own).")
@click.option("--area", type=click.Choice(["face", "eye", "lips", "body"]), default="face",
              show_default=True, help="For every text and file (JSON items carry their own).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
@_db_options
@_guard
def compare(texts: tuple[str, ...], files: tuple[Path, ...], encoding: str, product_type: str,
            area: str, fmt: str, overlays: tuple[Path, ...], on_conflict: str) -> None:
    """Compare 2 to 10 products side by side, and say why their scores differ.

    Give the lists as TEXTS, with --file (repeatable), or, with neither, as JSON on
    standard input: {"items": [{"text": ..., "product_type"?, "area"?, "id"?}, ...]}.
    An item that cannot be read gets its own error (exit code 2); the rest are compared.

    \b
    Examples:
      milia compare "Aqua, Petrolatum, Glycerin" "Aqua, Squalane, Glycerin"
      milia compare --file a.txt --file b.txt --area eye --format markdown
      milia compare --format json < items.json
    """
    from ingredients._compare import CompareItem, render_comparison

    items: list[CompareItem] = []
    for k, text in enumerate(texts):
        items.append(CompareItem(_argument(text, encoding, f"TEXT {k + 1}"), product_type, area))
    for file in files:
        try:
            raw = file.read_bytes()
        except OSError as exc:
            _fatal(f"cannot read {file}: {exc.strerror or exc}")
        items.append(CompareItem(_decode(raw, encoding, str(file)), product_type, area,
                                 label=file.name))
    if not items:
        if sys.stdin.isatty():
            click.echo('Paste JSON {"items": [...]}, then Ctrl-D:', err=True)
        items = _compare_items_json(_decode(sys.stdin.buffer.read(), encoding, "standard input"))
    cmp = ingredients.compare(items, db=_database(overlays, on_conflict))
    click.echo(render_comparison(cmp, fmt), nl=False)
    failed = [c for c in cmp.items if c.report is None]
    for c in failed:
        click.echo(f"milia: error: item {c.label}: {c.error}", err=True)
    if failed:
        sys.exit(EXIT_USAGE)


def _compare_items_json(text: str) -> list[Any]:
    """The items of ``milia compare``'s standard input (see the command's help)."""
    from ingredients._compare import CompareItem

    try:
        doc = json.loads(text)
    except ValueError as exc:
        _fatal(f"standard input is not JSON ({exc}); give texts, --file, or JSON {{\"items\": [...]}}")
    raw = doc.get("items") if isinstance(doc, dict) else doc
    if not isinstance(raw, list):
        _fatal('standard input must be JSON {"items": [...]} or a list of items')
    items: list[Any] = []
    for k, obj in enumerate(raw):
        if isinstance(obj, str):
            items.append(obj)
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            _fatal(f"item {k + 1}: must be a text or an object with a \"text\" field")
        unknown = sorted(set(obj) - {"text", "product_type", "area", "id"})
        if unknown:
            _fatal(f"item {k + 1}: unknown field {unknown[0]!r} "
                   "(expected text, product_type, area, id)")
        label = obj.get("id")
        items.append(CompareItem(obj["text"], str(obj.get("product_type", "leave-on")),
                                 str(obj.get("area", "face")),
                                 label=None if label is None else str(label)))
    return items


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_db_options
@_guard
def routine(file: Path, fmt: str, overlays: tuple[Path, ...], on_conflict: str) -> None:
    """Which products and ingredients of a routine load each area (face, eye, lips, body).

    FILE is YAML or JSON: a list of products (or {products: [...]}), each with a name,
    its ingredients (or a file, relative to FILE), product_type, areas and frequency
    ("daily", "twice daily", "3 times a week" or uses per week). How products add up is
    a model (docs/scoring.md, "A routine").

    \b
    Example routine.yaml:
      products:
        - name: Night cream
          file: night-cream.txt
          areas: [face, eye]
          frequency: daily
    """
    from ingredients._routine import render_routine

    products = ingredients.load_routine(file)
    result = ingredients.analyze_routine(products, db=_database(overlays, on_conflict))
    click.echo(render_routine(result, fmt), nl=False)


@main.command()
@click.argument("source", metavar="INPUT")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Output file (.csv, .jsonl or .parquet); stdout (CSV) when omitted.")
@click.option("--format", "out_fmt", type=click.Choice(["csv", "jsonl", "parquet"]),
              help="Output format (default: from the output file name).")
@click.option("--input-format", "in_fmt", type=click.Choice(["csv", "jsonl", "parquet"]),
              help="Input format (default: from the input file name; CSV for stdin).")
@click.option("--column", help="Column holding the ingredient lists (guessed when clear).")
@click.option("--id-column", help="Column identifying products (in --details records).")
@click.option("--product-type", type=click.Choice(["leave-on", "rinse-off"]),
              help="Product type of every row.")
@click.option("--product-type-column",
              help="Column giving each row's type or category ('Cleanser' -> rinse-off).")
@click.option("--area", type=click.Choice(["face", "eye", "lips", "body"]), default=None,
              help="Area of every row (default: read from --area-column, else face).")
@click.option("--area-column",
              help="Column giving each row's area or category ('Eye cream' -> eye, 'Lip Care' "
                   "-> lips); default: the --product-type-column, when given.")
@click.option("--claims-column", "claims_columns", multiple=True,
              help="Column whose text makes claims to check against the list (repeatable: "
                   "name, highlights, description); adds columns claims, claim_conflicts.")
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the visual HTML report of the scan (see milia report).")
@click.option("--encoding", help="Input encoding (default: UTF-8; a row that is not valid "
                                  "UTF-8 gets an error). E.g. cp1252, latin-1, utf-16.")
@click.option("--delimiter", help="Field delimiter of a CSV input, e.g. ';' or tab (default: "
                                   "tab for .tsv, else the one the header line uses).")
@click.option("--details", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write every product's full findings to this JSON Lines file.")
@click.option("--only-results", is_flag=True, help="Write only the result columns.")
@click.option("--jobs", type=click.IntRange(min=1),
              help="Processes to use (default: all cores for inputs over 5 MB, else 1).")
@click.option("--chunksize", type=click.IntRange(min=1), default=5000, show_default=True)
@click.option("--no-escape-formulas", is_flag=True,
              help="Keep cells starting with = + - @ as they are in CSV output "
                   "(by default they get a leading ' so spreadsheets do not run them).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@_guard
def scan(source: str, output: Path | None, out_fmt: str | None, in_fmt: str | None,
         column: str | None, id_column: str | None, product_type: str | None,
         product_type_column: str | None, area: str | None, area_column: str | None,
         claims_columns: tuple[str, ...], report_path: Path | None, encoding: str | None,
         delimiter: str | None, details: Path | None, only_results: bool, jobs: int | None,
         chunksize: int,
         no_escape_formulas: bool, quiet: bool) -> None:
    """Score a whole catalogue: one output row per input row, results appended.

    INPUT is a .csv (any delimiter), .jsonl or .parquet file, or - for stdin.

    \b
    Examples:
      milia scan catalogue.csv -o scored.csv
      milia scan products.jsonl -o scored.parquet --column inci --product-type-column category
      cat export.csv | milia scan - --only-results > results.csv
      milia scan sephora.csv --encoding cp1252 --product-type-column Label --area-column Label
      milia scan products.csv --claims-column product_name --claims-column highlights
      milia scan catalogue.csv -o scored.csv --report report.html
    """
    from milia_cli.progress import Progress, print_summary

    from ingredients import _batch as batch
    from ingredients import _scan as scanning

    if product_type and product_type_column:
        _fatal("give --product-type or --product-type-column, not both")
    if area and area_column:
        _fatal("give --area or --area-column, not both")
    area = area or area_column or product_type_column  # a column name, read per row
    if source != "-" and not Path(source).exists():
        _fatal(f"{source}: no such file")
    if jobs is None:
        size = Path(source).stat().st_size if source != "-" else 0
        jobs = (os.cpu_count() or 1) if size > 5_000_000 else 1
    summary = scanning.ScanSummary()
    show = not quiet and sys.stderr.isatty()
    progress = Progress(enabled=show)
    if output is None and out_fmt == "parquet":
        _fatal("Parquet output needs a file: pass -o FILE.parquet")
    if delimiter is not None:
        delimiter = _DELIMITER_NAMES.get(delimiter.lower(), delimiter)
    if output is None:  # (the output is valid UTF-8 whatever the input held)
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    if details is not None and output is not None and (
            os.path.realpath(details) == os.path.realpath(output)):
        _fatal(f"--details {details} is the output file too; give another name")
    if report_path is not None:  # (refused before the scan, not after it)
        scanning.safe_target(report_path, [source, *(p for p in (output, details) if p)])
    writer = scanning.ChunkWriter(output, out_fmt, escape_formulas=not no_escape_formulas,
                                  stream=sys.stdout if output is None else None,
                                  inputs=[source])
    # Like the output, the details file appears only when the scan completes.
    details_writer = (scanning.ChunkWriter(details, "jsonl", inputs=[source])
                      if details is not None else None)
    writers = [w for w in (writer, details_writer) if w is not None]

    import signal
    import time

    def _terminated(signum: int, _frame: Any) -> None:
        raise _Terminated(signum)

    # Terminated (kill, a container stopping) like interrupted: outputs dropped.
    previous = signal.signal(signal.SIGTERM, _terminated)
    started = time.perf_counter()
    try:
        run = scanning.Scan(source, column, fmt=in_fmt, encoding=encoding, chunksize=chunksize,
                            product_type=product_type or product_type_column, area=area,
                            jobs=jobs, summary=summary, delimiter=delimiter)
        progress.fraction = run.table.progress
        if id_column is not None and id_column not in run.table.columns:
            raise ingredients.InputError(f"no column {id_column!r} for --id-column; columns are: "
                                         f"{', '.join(run.table.columns)}")
        header = list(batch.RESULT_COLUMNS) if only_results else run.columns + run.result_names()
        # Claims checked against the list, and the tally of the visual report.
        from ingredients import claims as claim_checks

        claim_at = [_input_column(run, c, "--claims-column") for c in claims_columns]
        scanner = claim_checks.ClaimScanner() if claim_at else None
        claim_names = [] if scanner is None else [
            c if c not in run.columns else f"milia_{c}" for c in claim_checks.CLAIM_COLUMNS]
        header += claim_names
        writer.extra_results = len(claim_names)
        tally = None
        if report_path is not None:
            from ingredients.catalogue_report import CatalogueSummary

            tally = CatalogueSummary(
                run.columns + run.result_names() + claim_names,
                category_column=_column_of(run, area if area in run.table.columns else None))
        if details_writer is not None:
            import pandas as pd
        done = 0
        for rows, scored_rows, raws in run.chunks():
            scored = scored_rows if scanner is None else claim_checks.scan_rows_with_claims(
                scanner, rows, scored_rows, run.table.columns.index(run.column), claim_at,
                run.specs[0][1], run.specs[1][1])  # (the claim cells appended)
            if tally is not None:
                tally.add_rows(r + list(x) for r, x in zip(rows, scored, strict=True))
            if only_results:
                writer.write_rows(header, scored)
            else:
                writer.write_scan(header, rows, scored, raws)
            if details_writer is not None:
                chunk = pd.DataFrame(rows, columns=run.columns, dtype="object")
                details_writer.write_records(scanning.details_records(
                    chunk, str(_column_of(run, run.column)),
                    product_type=_column_of(run, product_type or product_type_column),
                    area=_column_of(run, area), id_column=_column_of(run, id_column), start=done,
                ))
            done += len(rows)
            progress.update(summary.rows)
        if done == 0:  # a table of no rows: its header still comes out, with the results'
            writer.write_rows(header, [])
        if summary.misread():  # (nothing replaced by a misread table)
            for w in writers:
                w.abort()
        else:
            for w in writers:
                w.commit()
            if tally is not None and report_path is not None:
                from ingredients.catalogue_report import render_html, write_html

                write_html(render_html(tally, source=source), report_path,
                           [source, *(p for p in (output, details) if p is not None)])
    except KeyboardInterrupt as exc:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for w in writers:
            w.abort()
        progress.close()
        how = "terminated" if isinstance(exc, _Terminated) else "interrupted"
        click.echo(f"milia: {how} after {summary.rows:,} rows; "
                   + ("no output written." if output is not None else "output is incomplete."),
                   err=True)
        sys.exit(128 + exc.signum if isinstance(exc, _Terminated) else 130)
    except BaseException:
        for w in writers:
            w.abort()
        raise
    finally:
        if signal.getsignal(signal.SIGTERM) is _terminated:
            signal.signal(signal.SIGTERM, previous)
    progress.close()
    if not quiet:
        print_summary(summary, time.perf_counter() - started, output)
        if scanner is not None:
            for line in scanner.tally.lines():
                click.echo(line, err=True)
    if summary.misread():
        _fatal(f"{summary.read_errors:,} of {summary.rows:,} rows could not be read "
               f"({summary.read_errors / summary.rows:.0%}): the input was probably misread, "
               + ("so no output was written" if output is not None else "the output is not "
                  "to be trusted") + "; check --delimiter (e.g. --delimiter tab) and "
               "--encoding (e.g. cp1252), or --input-format")


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the scan is so that it cleans up as after Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|",
                    "space": " "}


def _input_column(run: Any, name: str, option: str) -> int:
    """Index of an input column an option names; an unknown name lists the columns."""
    if name not in run.table.columns:
        raise ingredients.InputError(f"no column {name!r} for {option}; columns are: "
                                     f"{', '.join(run.table.columns)}")
    return int(run.table.columns.index(name))


def _column_of(run: Any, spec: str | None) -> str | None:
    """A product-type or area setting for :func:`details_records`: a value as it is,
    an input column by its (made unique) name in the chunk."""
    if spec is None or spec not in run.table.columns:
        return spec
    return str(run.columns[run.table.columns.index(spec)])



@main.command("report")
@click.argument("scored", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="HTML file to write (default: SCORED with .html in place of its extension).")
@click.option("--input-format", "in_fmt", type=click.Choice(["csv", "jsonl", "parquet"]),
              help="Format of SCORED (default: from its name).")
@click.option("--encoding", help="Encoding of SCORED (default: UTF-8; e.g. cp1252).")
@click.option("--category-column", help="Column grouping the charts (guessed: category, "
              "Label, product_type, primary_category ...).")
@click.option("--name-column", help="Column naming products (guessed: product_name, Name ...).")
@click.option("--area-column", help="Column giving each row's area or category (default: the "
              "category column's words: 'Eye cream' -> eye).")
@click.option("--title", default="Catalogue milia-risk report", show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="No closing line on stderr.")
@_guard
def report(scored: Path, output: Path | None, in_fmt: str | None, encoding: str | None,
           category_column: str | None, name_column: str | None, area_column: str | None,
           title: str, quiet: bool) -> None:
    """One self-contained, offline HTML report of a scored catalogue, with charts.

    SCORED is a milia scan output (CSV, JSON Lines or Parquet). The report shows the
    score distribution and bands per category, the riskiest products per area (eye
    first), the ingredients that drive most scores, claim conflicts and the names the
    tool could not read. It reads SCORED in chunks: memory stays flat.

    \b
    Examples:
      milia report scored.csv -o report.html
      milia report scored.parquet --category-column primary_category --name-column product_name
      milia scan catalogue.csv -o scored.csv --report report.html   # in one go
    """
    from ingredients._scan import safe_target
    from ingredients.catalogue_report import render_html, summarise_file, write_html

    output = output or scored.with_suffix(".html")
    safe_target(output, [scored])  # (refused before the catalogue is read)
    summary = summarise_file(scored, fmt=in_fmt, encoding=encoding,
                             category_column=category_column, name_column=name_column,
                             area_column=area_column)
    write_html(render_html(summary, title=title, source=scored.name), output, [scored])
    if not quiet:
        click.echo(f"milia: wrote the report of {summary.rows:,} products to {output}", err=True)


@main.command("diff")
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--id-column", required=True, help="Column identifying products in both snapshots.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Output file (.csv, .jsonl or .html); CSV on stdout when omitted.")
@click.option("--column", help="Column holding the ingredient lists (guessed when clear).")
@click.option("--claims-column", "claims_columns", multiple=True,
              help="Column whose claims are checked (raw snapshots; repeatable).")
@click.option("--product-type-column", help="Column giving each row's type or category.")
@click.option("--area-column", help="Column giving each row's area or category.")
@click.option("--input-format", "in_fmt", type=click.Choice(["csv", "jsonl", "parquet"]))
@click.option("--encoding", help="Encoding of both snapshots (default: UTF-8; e.g. cp1252).")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@_guard
def diff(old: Path, new: Path, id_column: str, output: Path | None, column: str | None,
         claims_columns: tuple[str, ...], product_type_column: str | None,
         area_column: str | None, in_fmt: str | None, encoding: str | None, quiet: bool) -> None:
    """Reformulations between two snapshots of a catalogue (raw or scored).

    One row per product added, removed or whose list changed: ingredients added,
    removed or moved (by canonical name), score and band before and after, new claim
    conflicts. Rows are matched by --id-column; a duplicate or missing ID gets a row of
    its own, never merged. Streams through temporary partitions: memory stays flat.

    \b
    Examples:
      milia diff catalogue-2024.csv catalogue-2025.csv --id-column sku -o changes.csv
      milia diff scored-old.parquet scored-new.parquet --id-column product_id -o changes.html
    """
    from ingredients import _scan as scanning
    from ingredients.reformulation import (
        CHANGE_COLUMNS,
        DiffSummary,
        diff_catalogues,
        render_diff_html,
    )

    if output is not None:  # (refused before the snapshots are read)
        scanning.safe_target(output, [old, new])
    html = output is not None and output.suffix.lower() in (".html", ".htm")
    summary = DiffSummary()
    writer = None if html else scanning.ChunkWriter(
        output, None if output is not None else "csv",
        stream=sys.stdout if output is None else None, inputs=[old, new])
    kept: list[Any] = []
    total = 0
    try:
        batch: list[list[Any]] = []
        for change in diff_catalogues(old, new, id_column, column=column,
                                      claims_columns=claims_columns,
                                      product_type_column=product_type_column,
                                      area_column=area_column, fmt=in_fmt, encoding=encoding,
                                      summary=summary):
            total += 1
            if writer is None:
                if len(kept) < 5000:
                    kept.append(change)
                continue
            batch.append(change.row())
            if len(batch) >= 5000:
                writer.write_rows(list(CHANGE_COLUMNS), batch)
                batch = []
        if writer is not None:
            writer.write_rows(list(CHANGE_COLUMNS), batch)
            writer.commit()
        elif output is not None:
            from ingredients.catalogue_report import write_html

            write_html(render_diff_html(kept, summary, old=old.name, new=new.name, total=total),
                       output, [old, new])
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    if not quiet:
        k = summary.kinds
        click.echo(f"milia diff: {summary.old_rows:,} -> {summary.new_rows:,} rows: "
                   f"{k.get('added', 0):,} added, {k.get('removed', 0):,} removed, "
                   f"{k.get('changed', 0):,} changed ({summary.band_up:,} to a higher band, "
                   f"{summary.band_down:,} to a lower), {summary.unchanged:,} unchanged; "
                   f"{k.get('duplicate id', 0):,} duplicate and {k.get('missing id', 0):,} "
                   "missing IDs" + (f" -> {output}" if output else ""), err=True)


_WEB_MODULES = frozenset({"fastapi", "uvicorn", "starlette", "pydantic", "pydantic_core"})
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 makes the page reachable from other machines.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(min=1),
              help="Server processes (default: one per core).")
def serve(host: str, port: int, workers: int | None) -> None:
    """Serve the web page and the HTTP API (needs the web extra).

    \b
    Examples:
      milia serve                      # http://127.0.0.1:8000/, this machine only
      milia serve --host 0.0.0.0 --port 8080
    """
    try:
        import uvicorn

        from ingredients.web import LOOPBACK_HOSTS, GuardedH11Protocol
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in _WEB_MODULES:
            raise
        _fatal("the web server needs the web extra: pip install 'milia-risk[web]'")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"milia: serving the page on http://{shown}:{port}/ and the API under /api "
               f"(schema: /openapi.json); Ctrl-C to stop", err=True)
    if host in _LOOPBACK:
        click.echo("milia: only this machine can connect; pass --host 0.0.0.0 to expose it "
                   "to your network", err=True)
    else:
        click.echo(f"milia: listening on {host}: other machines that can reach it can use it "
                   "(there is no authentication)", err=True)
    if host in _LOOPBACK:  # (requests for other host names are refused: DNS rebinding)
        os.environ["MILIA_ALLOWED_HOSTS"] = ",".join(LOOPBACK_HOSTS)
    else:
        os.environ.pop("MILIA_ALLOWED_HOSTS", None)
    uvicorn.run("ingredients.web:serve_app", factory=True, host=host, port=port,
                workers=workers or os.cpu_count() or 1, http=GuardedH11Protocol,
                timeout_keep_alive=5, log_level="info")


@main.group()
def db() -> None:
    """The risk database: what it holds, and checking your own overlay files.

    \b
    Examples:
      milia db info
      milia db validate my-ratings.yaml
    """


@db.command("info")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_guard
def db_info(fmt: str) -> None:
    """Version, content hash, counts and sources of the shipped database.

    \b
    Example:
      milia db info --format json
    """
    data = ingredients.database_info()
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
        return
    for key in ("version", "content_hash", "vocabulary_names", "synonyms", "risk_entries",
                "families", "dose_markers"):
        click.echo(f"{key.replace('_', ' '):18} {data[key]}")
    click.echo("sources:")
    for sid, ref in data["sources"].items():  # type: ignore[union-attr]
        click.echo(f"  [{sid}] {ref}")


@db.command("validate")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), required=False)
def db_validate(file: Path | None) -> None:
    """Check an overlay YAML file or a language pack; one line per problem, exit 1 if any.

    Without FILE, checks the shipped database and language packs.

    \b
    Examples:
      milia db validate my-ratings.yaml
      milia db validate data/languages/fr.yaml
      milia db validate
    """
    if file is not None and not file.exists():
        _fatal(f"{file}: no such file")
    problems = ingredients.validate_database(file)
    what = str(file) if file is not None else "the shipped data"
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"milia: {len(problems)} problem(s) in {what}", err=True)
        sys.exit(EXIT_THRESHOLD)
    click.echo(f"{what}: valid")


@db.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE instead of standard output.")
@_guard
def db_export(fmt: str, output: Path | None) -> None:
    """Every rating with its provenance, and the occlusion classes: the open dataset
    (CC BY 4.0 for our curation; see docs/dataset.md).

    \b
    Examples:
      milia db export > ratings.csv
      milia db export --format json -o ratings.json
    """
    from ingredients._database import export_dataset

    text = export_dataset(fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fatal(f"{output}: cannot write: {exc.strerror or exc}")
    click.echo(f"milia: wrote {text.count(chr(10)) - 1 if fmt == 'csv' else 'the'} "
               f"{'rows' if fmt == 'csv' else 'dataset'} to {output}", err=True)


_ONE_SHOT: list[bool] = []
"""Set by a command that wrote only to stdout/stderr and holds no files, threads or
workers: the console entry point may then end the process without tearing it down."""


def run() -> None:
    """Console entry point: ``main`` with a quiet exit when the reader goes away."""
    # Registered first, so it runs after every other exit handler: the interpreter's
    # last garbage collection then skips the loaded database (a tenth of a cold
    # `milia check`). Objects are still freed; only the cycle search is skipped.
    atexit.register(gc.freeze)
    try:
        main(prog_name="milia")
    except BrokenPipeError:
        _reader_gone()
    except SystemExit as done:
        if not _ONE_SHOT:
            raise
        # `check` and `explain` are done once their output is flushed: freeing the
        # loaded database object by object would take longer than the answer did.
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:
            _reader_gone()
        code = done.code
        os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def _reader_gone() -> NoReturn:
    """`milia ... | head`: the reader closed the pipe; that is not an error."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


if __name__ == "__main__":
    run()
