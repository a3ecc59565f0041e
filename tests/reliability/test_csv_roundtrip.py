"""Random valid CSVs (delimiters, quoting, encodings, line breaks in cells) go through
``milia scan`` with one output row per input row, in order, cells as written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from milia_cli.main import main
from strategies import csv_tables

from ingredients._scan import Scan


def _write(path: Path, header: list[str], rows: list[list[str]], delimiter: str, encoding: str,
           quoting: int) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def _read(path: Path, **kw: object) -> tuple[list[str], list[list[str]], list[str]]:
    run = Scan(path, "ingredients", **kw)  # type: ignore[arg-type]
    rows: list[list[str]] = []
    errors: list[str] = []
    for chunk_rows, scored, _raws in run.chunks():
        rows.extend(chunk_rows)
        errors.extend(r[-1] for r in scored)
    return run.table.columns, rows, errors


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(table=csv_tables())
def test_one_output_row_per_input_row(tmp_path_factory, table):
    header, rows, delimiter, encoding, quoting = table
    folder = tmp_path_factory.mktemp("rt")
    path = folder / "cat.csv"
    _write(path, header, rows, delimiter, encoding, quoting)
    given_encoding = None if encoding.startswith("utf-8") else encoding
    columns, read, errors = _read(path, delimiter=delimiter, encoding=given_encoding)
    assert columns == header
    assert read == rows
    assert not [e for e in errors if e.startswith(("malformed", "row is"))]
    if len(header) > 1:  # the delimiter told from the header line alone
        columns, read, _ = _read(path, encoding=given_encoding)
        assert columns == header and read == rows
    # And the command, end to end: the output holds the input's cells, row for row.
    out = folder / "out.csv"
    args = ["scan", str(path), "-o", str(out), "-q", "--column", "ingredients",
            "--delimiter", delimiter, "--no-escape-formulas"]
    r = CliRunner().invoke(main, args + (["--encoding", encoding] if given_encoding else []),
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    with out.open(encoding="utf-8", newline="") as fh:
        written = list(csv.reader(fh))
    assert written[0][: len(header)] == header
    assert [w[: len(header)] for w in written[1:]] == rows
