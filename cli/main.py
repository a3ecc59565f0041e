"""The ``milia`` command: parse options, call the library, print, exit.

Exit codes: 0 success; 1 the ``--fail-on`` threshold was reached or validation
failed; 2 usage or input error. Reports go to stdout; progress, warnings and
errors to stderr. Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import os
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


def _read_text(text: str | None, file: Path | None, encoding: str) -> str:
    if text is not None and file is not None:
        _fatal("give the ingredient text or --file, not both")
    if file is not None:
        try:
            raw = file.read_bytes()
        except OSError as exc:
            _fatal(f"cannot read {file}: {exc.strerror or exc}")
        return _decode(raw, encoding, str(file))
    if text is None or text == "-":
        if sys.stdin.isatty():
            click.echo("Paste the ingredient list, then Ctrl-D:", err=True)
        return _decode(sys.stdin.buffer.read(), encoding, "standard input")
    return text


def _database(overlays: tuple[Path, ...], on_conflict: str) -> ingredients.Database:
    return ingredients.load_database(list(overlays), on_conflict=on_conflict)  # type: ignore[arg-type]


def _db_options(fn: F) -> F:
    fn = click.option("--on-conflict", type=click.Choice(["raise", "override", "keep"]),
                      default="override", show_default=True,
                      help="What an overlay entry does to a shipped entry of the same name.")(fn)
    fn = click.option("--overlay", "overlays", multiple=True,
                      type=click.Path(path_type=Path, dir_okay=False),
                      help="Your own YAML entries or avoid-list, merged over the shipped data "
                           "(repeatable).")(fn)
    return fn


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
              help="Exit with status 1 when the band is at or above this (for CI pipelines).")
@_db_options
@_guard
def check(text: str | None, file: Path | None, encoding: str, product_type: str, area: str,
          fmt: str, fail_on: str | None, overlays: tuple[Path, ...], on_conflict: str) -> None:
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
    report = ingredients.analyze(content, product_type=product_type, area=area, db=db)
    click.echo(render(report, Format(fmt), colour=_colour_wanted() and fmt == "text"), nl=False,
               color=_colour_wanted() and fmt == "text")
    if fail_on is not None and BANDS.index(report.band) >= BANDS.index(fail_on):
        click.echo(f"milia: band {report.band} is at or above --fail-on {fail_on}", err=True)
        sys.exit(EXIT_THRESHOLD)


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
    click.echo(render_explain(name, fmt=Format(fmt), db=db), nl=False)


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
    import json

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
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def db_validate(file: Path) -> None:
    """Check an overlay YAML file; one line per problem, exit 1 if any.

    \b
    Example:
      milia db validate my-ratings.yaml
    """
    if not file.exists():
        _fatal(f"{file}: no such file")
    problems = ingredients.validate_database(file)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"milia: {len(problems)} problem(s) in {file}", err=True)
        sys.exit(EXIT_THRESHOLD)
    click.echo(f"{file}: valid")


def run() -> None:
    """Console entry point: ``main`` with a quiet exit when the reader goes away."""
    try:
        main(prog_name="milia")
    except BrokenPipeError:
        # `milia ... | head`: the reader closed the pipe; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    run()
