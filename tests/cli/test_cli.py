"""The milia command through click's CliRunner, plus a few real subprocess runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

CREAM = "Aqua, Paraffinum Liquidum, Petrolatum, Lanolin Alcohol, Glycerin, Phenoxyethanol"
GEL = "Aqua, Glycerin, Salicylic Acid 2%, Xanthan Gum"
SCHEMA = json.loads(resources.files("ingredients").joinpath("report.schema.json").read_text())


def test_check_text_table(run):
    r = run("check", CREAM)
    assert r.exit_code == 0, r.output
    assert "Milia risk" in r.output and "Petrolatum" in r.output
    assert "\x1b[" not in r.output  # no colour when not a terminal
    assert max(len(line) for line in r.output.splitlines()) <= 80


def test_check_reads_stdin(run):
    r = run("check", input=CREAM)
    assert r.exit_code == 0 and "Milia risk" in r.output
    r = run("check", "-", input=CREAM)
    assert r.exit_code == 0


def test_check_given_a_file_name_reads_the_file(run, tmp_path):
    """``milia check label.txt``: a new user's first try; the file's name is no list."""
    path = tmp_path / "label.txt"
    path.write_text(CREAM, encoding="utf-8")
    r = run("check", str(path))
    assert r.exit_code == 0, r.output
    assert "Petrolatum" in r.stdout and "CAN'T TELL" not in r.stdout
    assert f"reading the file {path}" in r.stderr


@pytest.mark.parametrize("name", ["missing/label.txt", "label.txt"])
def test_check_given_a_missing_file_name_says_so(run, tmp_path, name):
    """A mistyped file name is read as the list it is, and stderr says there is no such file."""
    r = run("check", str(tmp_path / name))
    assert r.exit_code == 0, r.output
    assert "no file" in r.stderr and "CAN'T TELL" in r.stdout
    assert "was not recognised" in r.stdout


def test_check_an_inci_slash_is_no_file_name(run):
    r = run("check", "Caprylic/Capric Triglyceride")
    assert r.exit_code == 0 and "no file" not in r.stderr


def test_check_file_and_encoding(run, tmp_path):
    path = tmp_path / "label.txt"
    path.write_bytes("Aqua, Glycérine, Petrolatum".encode("cp1252"))
    r = run("check", "--file", str(path))
    assert r.exit_code == 2 and "--encoding cp1252" in r.output
    r = run("check", "--file", str(path), "--encoding", "cp1252")
    assert r.exit_code == 0


def test_json_matches_schema_and_report(run):
    r = run("check", CREAM, "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.output)
    jsonschema.validate(data, SCHEMA)
    import ingredients

    assert data == json.loads(ingredients.analyze(CREAM).to_json())


def test_markdown(run):
    r = run("check", GEL, "--format", "markdown")
    assert r.exit_code == 0 and r.output.startswith("## Milia risk") and "| # |" in r.output


@pytest.mark.parametrize(("area", "ptype"), [("eye", "leave-on"), ("body", "rinse-off"), ("lips", "leave-on")])
def test_context_options(run, area, ptype):
    r = run("check", CREAM, "--area", area, "--product-type", ptype, "--format", "json")
    data = json.loads(r.output)
    assert data["area"] == area and data["product_type"] == ptype


def test_fail_on(run):
    assert run("check", CREAM, "--fail-on", "high").exit_code == 1
    assert run("check", GEL, "--fail-on", "high").exit_code == 0
    assert run("check", GEL, "--fail-on", "low").exit_code == 1


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        # Read alone it is moderate; the unread mineral oil could make it high.
        ("Aqua, Glycerin, Huile de vaseline, Petrolatum", "high", 1),
        ("Aqua, Glycerin, Huile de vaseline, Petrolatum", "moderate", 1),
        # Nothing read: it could be anything, so any threshold fails.
        ("정제수, 글리세린, 미네랄오일, 페트롤라툼", "high", 1),
        # An unread trace extract cannot move a water gel out of low.
        ("Aqua, Glycerin, Butylene Glycol, Phenoxyethanol, Xyzzyx Flower Extract", "moderate", 0),
    ],
)
def test_fail_on_reads_the_top_of_the_band_range(run, text, fail_on, code):
    """A formulator's CI must not pass a list just because the tool could not read it."""
    r = run("check", text, "--fail-on", fail_on)
    assert r.exit_code == code, r.output
    if code:
        assert "--fail-on" in r.stderr


def test_text_output_says_it_cannot_tell(run):
    out = run("check", "Aqua, Glycerin, Huile de vaseline, Petrolatum").stdout
    assert out.startswith("Milia risk CAN'T TELL: between MODERATE and HIGH")
    assert "Huile de vaseline" in out and "not read" in out
    # Georgian has no language pack: nothing of it can be read.
    georgian = run("check", "წყალი, გლიცერინი, მინერალური ზეთი").stdout
    assert "could not be read" in georgian and "another language" in georgian


def test_explain_a_weak_guess_lists_its_candidates(run):
    out = run("explain", "Retinil").stdout
    assert "not read - only a guess" in out
    assert "possibly: Retinal, Retinol" in out
    assert "why none was accepted" in out
    data = json.loads(run("explain", "Retinil", "--format", "json").stdout)
    assert data["match"]["read"] is False and "RETINOL" in data["possibly"]
    assert "entry" not in data and data["unread_bound"]["occlusivity"] == "heavy"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["check"], "", "empty"),
        (["check"], "#NAME?", "no ingredients"),
        (["check", "--file", "/nonexistent/x.txt"], None, "cannot read"),
        (["check", "x", "--area", "feet"], None, "Invalid value"),
        (["check", "Aqua", "--overlay", "/nonexistent.yaml"], None, "cannot read overlay"),
    ],
)
def test_bad_input_exits_2_with_one_line(run, args, stdin, message):
    r = run(*args, input=stdin)
    assert r.exit_code == 2
    assert message in r.output
    assert "Traceback" not in r.output


def test_huge_paste_is_refused(run):
    r = run("check", input="Aqua, " * 2_000_000)
    assert r.exit_code == 2 and "limit" in r.output


def test_binary_junk(run, tmp_path):
    path = tmp_path / "junk.bin"
    path.write_bytes(bytes(range(256)) * 50)
    r = run("check", "--file", str(path))
    assert r.exit_code == 2 and "Traceback" not in r.output
    r = run("scan", str(path))
    assert r.exit_code == 2 and "does not look like a text table" in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_undecodable_bytes_in_an_argument(run):
    """Bytes the system could not decode in TEXT (Python keeps them as surrogates)
    are refused like a file's, or read with --encoding."""
    r = run("check", "Aqua, \udce9\udc80 Glycerin")
    assert r.exit_code == 2 and "the TEXT argument is not valid utf-8 (byte 6)" in r.output
    assert len(r.output.strip().splitlines()) == 1
    r = run("check", "Aqua, Ros\udce9 Glycerin", "--encoding", "cp1252", "--format", "json")
    assert r.exit_code == 0 and "Rosé Glycerin" in r.output
    r = run("explain", "Glyc\udcc3rin")
    assert r.exit_code == 2 and "NAME is not valid utf-8" in r.output


def test_broken_overlay(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries: [\n")
    r = run("check", "Aqua", "--overlay", str(bad))
    assert r.exit_code == 2 and "bad.yaml" in r.output and "not valid YAML" in r.output


def test_overlay_avoid_list_flags(run, tmp_path):
    ov = tmp_path / "me.yaml"
    ov.write_text("avoid:\n  - {inci: LANOLIN ALCOHOL, reason: I react to lanolin}\n")
    r = run("check", CREAM, "--overlay", str(ov), "--format", "json")
    assert r.exit_code == 0
    assert any(f["kind"] == "avoid" for f in json.loads(r.output)["flags"])


def test_explain(run):
    r = run("explain", "Isopropyl Myristate")
    assert r.exit_code == 0
    assert "ISOPROPYL MYRISTATE" in r.output and "fulton" in r.output.lower()
    r = run("explain", "Cl 77891", "--format", "json")
    assert json.loads(r.output)["inci"] == "CI 77891"
    r = run("explain", "Glyserin")
    assert "fuzzy" in r.output and "GLYCERIN" in r.output


def test_db_info_and_validate(run, tmp_path):
    r = run("db", "info", "--format", "json")
    info = json.loads(r.output)
    assert info["vocabulary_names"] >= 28_000 and info["risk_entries"] > 100
    good = tmp_path / "good.yaml"
    good.write_text("avoid: [Limonene]\n")
    assert run("db", "validate", str(good)).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - inci: ISOPROPYL MYRISTATE\n    colour: red\n")
    r = run("db", "validate", str(bad))
    assert r.exit_code == 1 and "unknown key 'colour'" in r.output


def test_db_validate_checks_a_language_pack_and_the_shipped_data(run, tmp_path):
    """``milia db validate`` without a file checks the shipped data; a language pack (a file
    with ``language:``) is checked as one of the shipped packs, each problem on one line
    naming the file, the row and the field."""
    from ingredients import _languages

    assert run("db", "validate").exit_code == 0
    pack = _languages.pack_texts()["fr.yaml"]
    good = tmp_path / "fr.yaml"
    good.write_text(pack, encoding="utf-8")
    assert run("db", "validate", str(good)).exit_code == 0
    bad = tmp_path / "fr.yaml"
    bad.write_text(pack.replace('inci: "', 'inci: "NOT A ', 1), encoding="utf-8")
    r = run("db", "validate", str(bad))
    assert r.exit_code == 1
    first = r.output.splitlines()[0]
    assert first.startswith(f"{bad}: ") and "inci" in first and "NOT A" in first


@pytest.mark.parametrize("command", [[], ["check"], ["explain"], ["scan"], ["serve"], ["db"], ["db", "info"],
                                     ["db", "validate"]])
def test_help_has_an_example(run, command):
    r = run(*command, "--help")
    assert r.exit_code == 0 and "Example" in r.output


def test_version(run):
    r = run("--version")
    assert r.exit_code == 0 and "milia" in r.output


def test_scan_to_file_and_details(run, tmp_path):
    src = tmp_path / "cat.csv"
    src.write_text(f'sku,ingredients\na,"{CREAM}"\nb,\nc,"{GEL}"\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    details = tmp_path / "details.jsonl"
    r = run("scan", str(src), "-o", str(out), "--details", str(details), "--id-column", "sku")
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [row["sku"] for row in rows] == ["a", "b", "c"]
    assert rows[1]["error"] == "empty cell"
    det = [json.loads(line) for line in details.read_text().splitlines()]
    assert [d["id"] for d in det] == ["a", "b", "c"] and "report" in det[0] and "error" in det[1]
    assert "3 rows" in r.output  # the summary (stderr is mixed in by CliRunner)


def test_scan_counts_uncertain_rows_and_writes_the_band_range(run, tmp_path):
    """A catalogue row whose list could not be read in full is counted as uncertain in
    the summary, and its band range and unread share are in the output row."""
    src = tmp_path / "cat.csv"
    src.write_text('sku,ingredients\na,"Aqua, Glycerin, Huile de vaseline, Petrolatum"\n'
                   f'b,"{GEL}"\nc,"წყალი, გლიცერინი, მინერალური ზეთი, ვაზელინი"\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    r = run("scan", str(src), "-o", str(out))
    assert r.exit_code == 0, r.output
    import csv
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["band"] for row in rows] == ["uncertain", "low", "uncertain"]
    assert (rows[0]["band_low"], rows[0]["band_high"]) == ("moderate", "high")
    assert float(rows[0]["unread_share"]) > 0.1 and rows[0]["unknown"] == "Huile de vaseline"
    assert (rows[2]["score_low"], rows[2]["score_high"]) == ("0.0", "100.0")
    assert "uncertain 2" in r.output and "2 rows could be in a higher band" in r.output


def test_scan_bad_column(run, tmp_path):
    src = tmp_path / "cat.csv"
    src.write_text("a,b\n1,2\n")
    r = run("scan", str(src))
    assert r.exit_code == 2 and "--column" in r.output


# ---- the installed entry point, for real --------------------------------------------

MILIA = shutil.which("milia", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(MILIA is None, reason="milia entry point not installed next to python")
def test_entry_point_pipes_and_exit_codes(tmp_path):
    env = {**os.environ, "NO_COLOR": "1"}
    r = subprocess.run([MILIA, "check"], input=CREAM, capture_output=True, text=True, env=env, check=False)
    assert r.returncode == 0 and "Milia risk" in r.stdout and r.stderr == ""
    r = subprocess.run([MILIA, "check", "--fail-on", "moderate"], input=CREAM,
                       capture_output=True, text=True, check=False)
    assert r.returncode == 1
    r = subprocess.run([MILIA, "check"], input="", capture_output=True, text=True, check=False)
    assert r.returncode == 2 and r.stdout == "" and r.stderr.startswith("milia: error:")
    assert len(r.stderr.strip().splitlines()) == 1
    r = subprocess.run([MILIA, "check", b"Aqua, \xfe\x80 Glycerin"], capture_output=True,
                       text=True, env={**env, "LC_ALL": "C.UTF-8"}, check=False)
    assert r.returncode == 2 and r.stdout == "" and "not valid utf-8" in r.stderr


def test_python_m_ingredients():
    r = subprocess.run([sys.executable, "-m", "ingredients", "check", GEL, "--format", "json"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0 and json.loads(r.stdout)["band"] in {"low", "moderate", "high"}


def test_check_does_not_import_pandas():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom milia_cli.main import main\n"
            f"r = CliRunner().invoke(main, ['check', {GEL!r}])\n"
            "assert r.exit_code == 0, r.output\nprint('pandas' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "False"


@pytest.mark.skipif(MILIA is None, reason="milia entry point not installed next to python")
def test_scan_ctrl_c_leaves_no_output(tmp_path):
    import signal
    import time

    src = tmp_path / "big.csv"
    # (every row distinct, so that the scan is still running when interrupted)
    rows = "".join(f'{i},"{CREAM}, Isopropyl Myristate {i}"\n' for i in range(200_000))
    src.write_text("sku,ingredients\n" + rows, encoding="utf-8")
    dest = tmp_path / "out.csv"
    proc = subprocess.Popen([MILIA, "scan", str(src), "-o", str(dest), "--jobs", "1"],
                            stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted after" in err and "Traceback" not in err
    assert not dest.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.csv")]


def test_scan_only_results_keeps_details(run, tmp_path):
    src = tmp_path / "cat.csv"
    src.write_text(f'score,ingredients\nx,"{CREAM}"\n', encoding="utf-8")  # a clashing column name
    out = tmp_path / "out.csv"
    details = tmp_path / "d.jsonl"
    r = run("scan", str(src), "-o", str(out), "--only-results", "--details", str(details))
    assert r.exit_code == 0, r.output
    import csv as csv_module

    rows = list(csv_module.DictReader(out.open()))
    assert list(rows[0])[:2] == ["score", "score_low"] and float(rows[0]["score"]) > 0
    assert "report" in json.loads(details.read_text().splitlines()[0])
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_scan_of_a_table_with_no_rows_writes_its_header(run, tmp_path, suffix):
    """A header-only catalogue (a filtered export) gives a header-only result, not an
    empty file that pandas cannot read."""
    pd = pytest.importorskip("pandas")
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    src = tmp_path / "empty.csv"
    src.write_text("sku,ingredients\n", encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    r = run("scan", str(src), "-o", str(out), "-q")
    assert r.exit_code == 0, r.output
    frame = pd.read_csv(out) if suffix == ".csv" else pd.read_parquet(out)
    assert len(frame) == 0
    assert list(frame.columns[:3]) == ["sku", "ingredients", "score"] and "band_high" in frame
