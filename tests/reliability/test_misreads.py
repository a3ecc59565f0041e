"""`milia scan` never misreads a catalogue and exits 0: the delimiter comes from the
header line (or --delimiter, or .tsv), UTF-8 is checked on every row, an unclosed
quote is reported on its row instead of swallowing the next ones, and a scan that
could not read more than a tenth of its rows fails loudly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from ingredients._scan import scan

CREAM = "Aqua, Paraffinum Liquidum, Petrolatum, Lanolin Alcohol, Glycerin, Phenoxyethanol"
LISTS = [["Aqua", "Glycerin", "Petrolatum"], ["Water", "Isopropyl Myristate", "Cetyl Alcohol"],
         ["Aqua", "Dimethicone", "Phenoxyethanol", "Parfum"]]


def _frame(path: Path, **kw: object) -> pd.DataFrame:
    return pd.concat(list(scan(path, **kw)), ignore_index=True)


def test_tab_separated_cells_that_look_like_python_lists(cli, tmp_path):
    """The case that was 1,115 of 1,138 rows "malformed", exit 0."""
    path = tmp_path / "products.txt"
    lines = ["product_name\tproduct_type\tclean_ingreds\tprice"]
    for i in range(300):
        lines.append(f"Cream {i}, rich\tMoisturiser\t{LISTS[i % 3]!r}\t£{i}.50")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    r = cli("scan", str(path), "-o", str(out), "-q")
    assert r.exit_code == 0, r.output
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(rows) == 300 and (rows["error"] == "").all()
    assert rows.loc[1, "product_name"] == "Cream 1, rich"
    assert rows.loc[0, "n_ingredients"] == "3"


@pytest.mark.parametrize(("name", "delim", "option"), [
    ("c.tsv", "\t", None), ("c.csv", "|", "|"), ("c.csv", "\t", "tab"), ("c.csv", ";", ";")])
def test_delimiter_option_and_tsv(cli, tmp_path, name, delim, option):
    path = tmp_path / name
    # A header without the delimiter cannot tell it: a single column name with commas.
    body = "".join(f"{i}{delim}{', '.join(LISTS[i % 3])}\n" for i in range(20))
    path.write_text(f"sku{delim}ingredients, as printed\n" + body, encoding="utf-8")
    out = tmp_path / "out.csv"
    args = ["scan", str(path), "-o", str(out), "-q", "--column", "ingredients, as printed"]
    r = cli(*args, *(["--delimiter", option] if option else []))
    assert r.exit_code == 0, r.output
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(rows) == 20 and (rows["error"] == "").all() and list(rows["sku"][:2]) == ["0", "1"]


def test_a_row_that_is_not_utf8_far_down_gets_its_own_error(cli, tmp_path):
    path = tmp_path / "cat.csv"
    head = "".join(f'{i},Café {i},"{CREAM}"\n' for i in range(3000)).encode("utf-8")  # > 64 KB
    bad = '3000,Crème,"Aqua, Glycérine"\n'.encode("latin-1")
    tail = '3001,Café,"Aqua, Glycerin"\n'.encode()
    path.write_bytes(b"sku,name,ingredients\n" + head + bad + tail)
    out = tmp_path / "out.csv"
    r = cli("scan", str(path), "-o", str(out), "-q")
    assert r.exit_code == 0, r.output
    text = out.read_bytes().decode("utf-8")  # (strict: the output is valid UTF-8)
    rows = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert len(rows) == 3002
    assert rows.loc[0, "name"] == "Café 0" and rows.loc[3001, "name"] == "Café"
    assert "not valid text in UTF-8" in rows.loc[3000, "error"]
    assert "--encoding" in rows.loc[3000, "error"]
    assert (rows["error"][:3000] == "").all() and rows.loc[3001, "error"] == ""
    r = cli("scan", str(path), "-o", str(out), "-q", "--encoding", "latin-1")
    assert r.exit_code == 0  # (every byte is Latin-1: read as told, no error)


def test_output_is_valid_utf8_whatever_the_input_held(tmp_path, cli):
    path = tmp_path / "cat.jsonl"
    clean = b"".join(b'{"sku": "%d", "inci": "Aqua"}\n' % i for i in range(20))
    path.write_bytes(clean + b'{"sku": "a\\udc80", "inci": "Aqua"}\n{"sku": "b\xff", "inci": "Aqua"}\n')
    for out in (tmp_path / "o.csv", tmp_path / "o.jsonl"):
        r = cli("scan", str(path), "-o", str(out), "-q")
        assert r.exit_code == 0, r.output
        text = out.read_bytes().decode("utf-8")  # (raises on invalid bytes)
        assert len(text.strip().splitlines()) == 22 + (out.suffix == ".csv")


def test_unclosed_quote_is_reported_on_its_row_and_the_next_rows_are_kept(tmp_path):
    path = tmp_path / "cat.csv"
    path.write_text('sku,ingredients\n1,"Aqua, Glycerin\n2,Petrolatum\n3,"Aqua, Dimethicone"\n'
                    '4,"Aqua, Glycerin\n5,"Water, Paraffin"\n', encoding="utf-8")
    rows = _frame(path)
    assert list(rows["sku"]) == ["1", "2", "3", "4", "5"]
    assert "quote" in rows.loc[0, "error"] and "quote" in rows.loc[3, "error"]
    assert rows.loc[1, "error"] == "" and rows.loc[1, "n_ingredients"] == 1
    assert rows.loc[2, "error"] == "" and rows.loc[4, "error"] == ""


def test_a_cell_on_several_lines_is_still_one_row(tmp_path):
    path = tmp_path / "cat.csv"
    path.write_text('sku,ingredients\n1,"Aqua,\nGlycerin, Petrolatum"\n2,Aqua\n', encoding="utf-8")
    rows = _frame(path)
    assert list(rows["sku"]) == ["1", "2"] and (rows["error"] == "").all()


def test_mostly_unreadable_table_fails_loudly_and_replaces_nothing(cli, tmp_path):
    path = tmp_path / "cat.csv"
    good = "".join(f'{i},"{CREAM}"\n' for i in range(8))
    bad = "".join(f"{i},x,y,z\n" for i in range(8, 12))
    path.write_text("sku,ingredients\n" + good + bad, encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("precious\n", encoding="utf-8")
    r = cli("scan", str(path), "-o", str(out), "-q")
    assert r.exit_code == 2
    assert "4 of 12 rows" in r.output and "--delimiter" in r.output and "--encoding" in r.output
    assert out.read_text(encoding="utf-8") == "precious\n"


def test_delimiter_is_told_from_the_header_line(tmp_path):
    path = tmp_path / "cat.csv"
    # The rows hold more commas than semicolons; the header says ';'.
    rows = "".join(f"{i};{', '.join(LISTS[i % 3])}\n" for i in range(50))
    path.write_text("sku;ingredients\n" + rows, encoding="utf-8")
    out = _frame(path)
    assert len(out) == 50 and (out["error"] == "").all()
    with path.open(newline="", encoding="utf-8") as fh:
        assert len(list(csv.reader(fh, delimiter=";"))) == 51
