"""milia compare: texts, files or JSON on stdin; per-item errors; limits."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from milia_cli.main import main

A = "Aqua, Petrolatum, Butyrospermum Parkii Butter, Glycerin, Phenoxyethanol"
B = "Aqua, Glycerin, Squalane, Phenoxyethanol"


def test_two_texts_side_by_side(run):
    r = run("compare", A, B)
    assert r.exit_code == 0, r.output
    assert "B is lower" in r.output and "it has no Petrolatum" in r.output
    assert max(len(line) for line in r.output.splitlines()) <= 80


def test_files_are_labelled_by_name(run, tmp_path):
    (tmp_path / "old.txt").write_text(A, encoding="utf-8")
    (tmp_path / "new.txt").write_text(B, encoding="utf-8")
    r = run("compare", "--file", str(tmp_path / "old.txt"), "--file", str(tmp_path / "new.txt"),
            "--format", "markdown")
    assert r.exit_code == 0
    assert "| | old.txt | new.txt |" in r.output


def test_json_stdin_with_ids_and_a_bad_item(run):
    body = {"items": [{"text": A, "id": "old", "area": "eye"}, {"text": ""},
                      {"text": B, "id": "new", "area": "eye"}]}
    r = CliRunner().invoke(main, ["compare", "--format", "json"], input=json.dumps(body))
    assert r.exit_code == 2
    out = json.loads(r.stdout)
    assert [i["label"] for i in out["items"]] == ["old", "B", "new"]
    assert out["items"][1]["error"] == "the ingredient text is empty"
    assert out["items"][2]["report"]["area"] == "eye"
    assert "milia: error: item B: the ingredient text is empty" in r.stderr


@pytest.mark.parametrize(("stdin", "words"), [
    ("not json", "standard input is not JSON"),
    ('{"items": [{"text": "Aqua", "aera": "eye"}, {"text": "Aqua"}]}', "unknown field 'aera'"),
    ('{"items": 3}', 'must be JSON {"items"'),
])
def test_bad_stdin_is_one_line(stdin, words):
    r = CliRunner().invoke(main, ["compare"], input=stdin)
    assert r.exit_code == 2 and words in r.stderr and "Traceback" not in r.stderr


def test_more_than_ten_items_is_a_usage_error(run):
    r = CliRunner().invoke(main, ["compare", *[A] * 11])
    assert r.exit_code == 2
    assert "at most 10 items, got 11" in r.stderr


def test_one_item_is_a_usage_error():
    r = CliRunner().invoke(main, ["compare", A])
    assert r.exit_code == 2 and "at least 2 items" in r.stderr
