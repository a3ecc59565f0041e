"""milia routine FILE."""

from __future__ import annotations

import json

from click.testing import CliRunner
from milia_cli.main import main


def test_routine_file(tmp_path):
    (tmp_path / "r.yaml").write_text(
        "- name: Eye cream\n  ingredients: Aqua, Petrolatum, Glycerin\n  areas: [eye]\n"
        "- name: Cleanser\n  ingredients: Aqua, Sodium Laureth Sulfate\n"
        "  product_type: rinse-off\n  areas: [face]\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["routine", str(tmp_path / "r.yaml")])
    assert r.exit_code == 0, r.output
    assert "EYE  load" in r.output and "Eye cream" in r.output
    r = CliRunner().invoke(main, ["routine", str(tmp_path / "r.yaml"), "--format", "json"])
    assert [a["area"] for a in json.loads(r.stdout)["areas"]] == ["face", "eye"]


def test_wrong_field_is_one_line_naming_product_and_field(tmp_path):
    (tmp_path / "r.yaml").write_text(
        "products:\n  - name: Night cream\n    ingredients: Aqua\n    area: eye\n",
        encoding="utf-8")
    r = CliRunner().invoke(main, ["routine", str(tmp_path / "r.yaml")])
    assert r.exit_code == 2
    assert "product 1 ('Night cream'): unknown field 'area'" in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_missing_file(tmp_path):
    r = CliRunner().invoke(main, ["routine", str(tmp_path / "nope.yaml")])
    assert r.exit_code == 2 and "cannot read" in r.stderr
