"""Claims, locators, primary studies and lineage (issue 16): the validator's rules, the
rating the point estimate uses, and the open dataset export."""

from __future__ import annotations

import csv
import io
import json
import textwrap

import pytest

import ingredients
from ingredients._database import Rating, dataset_rows, export_dataset
from ingredients._score import DoseRisk, point_rating

ENTRY = """
entries:
  - inci: ISOPROPYL MYRISTATE
    comedogenicity: [{rating}]
    occlusivity: light
    role: risk
    evidence: rabbit-ear
    explanation: x
    {extra}
"""


def _problems(tmp_path, rating="{source: fulton-table, value: 5}", extra=""):
    path = tmp_path / "overlay.yaml"
    path.write_text(textwrap.dedent(ENTRY.format(rating=rating, extra=extra)), encoding="utf-8")
    return "\n".join(ingredients.validate_database(path))


@pytest.mark.parametrize(("rating", "extra", "expected"), [
    pytest.param("{source: kligman-1996, value: 0}", "", "needs a locator", id="paper-without-locator"),
    pytest.param("{source: fulton-table, value: 5}",
                 "claims: [{claim: comedogenic, source: acneorg-list, locator: p. 1}]",
                 "a claim needs a paper or an official text", id="claim-from-a-list"),
    pytest.param("{source: fulton-table, value: 5}",
                 "claims: [{claim: guessing, source: kligman-1996, locator: p. 46}]",
                 "must be one of", id="unknown-claim-kind"),
    pytest.param("{source: fulton-table, value: 5}", "sources: [draelos-2006]",
                 "is cited but no claims", id="paper-cited-without-claim"),
    pytest.param("{source: kligman-1996, value: 0, locator: p. 46, at_percent: 150}", "",
                 "must be a percentage", id="at-percent-out-of-range"),
    pytest.param("{source: kligman-1996, value: 0, locator: p. 46, reading: mine}", "",
                 "must be one of source, ours", id="bad-reading"),
])
def test_validator_rejects(tmp_path, rating, extra, expected):
    assert expected in _problems(tmp_path, rating, extra)


def test_validator_accepts_a_located_paper_rating_and_claim(tmp_path):
    assert _problems(tmp_path, "{source: kligman-1996, value: 0, locator: p. 46, at_percent: 15}",
                     "claims: [{claim: dose-dependent, source: kligman-1996, locator: p. 46}]") == ""


def test_every_shipped_paper_rating_has_a_locator():
    db = ingredients.default_database()
    for entry in db.rated_entries():
        for r in (*entry.comedogenicity, *entry.irritancy):
            if db.sources[r.source].kind == "paper":
                assert r.locator, (entry.inci, r.source)


def _r(source, value, *, origin=None, primary=False, traced=False, at=None):
    lo, hi = (value, value) if isinstance(value, int) else value
    return Rating(source, lo, hi, origin=origin or source, primary=primary, traced=traced,
                  at_percent=at)


def test_one_lineage_counts_once():
    # Three copies of the traced table's 1 and one untraced 5: traced values outrank.
    ratings = [_r("fulton-table", 1, traced=True), _r("a", 1, origin="fulton-table", traced=True),
               _r("b", 1, origin="fulton-table", traced=True), _r("c", 5)]
    assert point_rating(ratings)[0] == 1
    # Untraced origins only: two origins (the copies count as one) -> median of 0 and 5.
    untraced = [_r("a", 0, origin="x"), _r("b", 0, origin="x"), _r("c", 5)]
    assert point_rating(untraced)[0] == 2.5


def test_primary_outranks_lists_and_dose_picks_the_closest():
    ratings = [_r("fulton-table", 5, traced=True), _r("p", 5, primary=True, at=100),
               _r("p", 0, primary=True, at=15)]
    c, by_dose = point_rating(ratings)
    assert c == 2.5  # without a dose: the median of the graded primary ratings
    assert by_dose == ((15.0, 0), (100.0, 5))
    entry = ingredients.default_database().entry("ISOPROPYL MYRISTATE")
    from ingredients._score import _risk_of

    risk = _risk_of(entry, "face")
    assert isinstance(risk, DoseRisk)
    assert risk.at(10) < risk.at(90)  # 10%: the 15% study's 0; 90%: the neat 5
    assert risk.at(10) == pytest.approx(0.05)  # comedogenicity 0, light occlusion


def test_ungraded_primary_positive_does_not_move_the_estimate():
    ratings = [_r("fulton-table", 5, traced=True), _r("n", (1, 5), primary=True, traced=True)]
    assert point_rating(ratings)[0] == 5


def test_dose_dependent_rating_changes_the_score_by_stated_percentage():
    low = ingredients.analyze("Water, Isopropyl Myristate 5%, Glycerin").score
    neat = ingredients.analyze("Isopropyl Myristate 95%, Water").score
    assert neat > 10 * max(low, 0.1)


def test_batch_and_single_scoring_agree_on_dose_dependent_items():
    import pandas as pd

    texts = ["Water, Isopropyl Myristate, Glycerin", "Isopropyl Myristate 80%, Water",
             "Isopropyl Myristate, Mineral Oil, Petrolatum"]
    frame = ingredients.score_frame(pd.DataFrame({"t": texts}), "t")
    for text, score in zip(texts, frame["score"], strict=True):
        assert score == pytest.approx(round(ingredients.analyze(text).score, 1), abs=1e-9)


def test_explain_shows_lineage():
    from ingredients._format import render_explain

    text = render_explain("Sodium Lauryl Sulfate")
    assert "independent origin" in text and "0 at 10%" in text


def test_export_csv_and_json_carry_provenance():
    rows = list(csv.DictReader(io.StringIO(export_dataset("csv"))))
    assert rows and len(rows) == len(dataset_rows())
    sls = [r for r in rows if r["inci"] == "SODIUM LAURYL SULFATE" and r["measure"] == "comedogenicity"]
    assert {r["source"] for r in sls} >= {"fulton-table", "jscc-1983-rabbit-ear"}
    assert any(r["locator"] == "Table V, p. 221" and r["at_percent"] == "10.0" for r in sls)
    assert any(r["measure"] == "occlusivity" and r["inci"] == "PETROLATUM" for r in rows)
    doc = json.loads(export_dataset("json"))
    assert doc["license"] == "CC-BY-4.0" and "kligman-1996" in doc["sources"]


def test_cli_export_writes_a_file(tmp_path):
    from click.testing import CliRunner
    from milia_cli.main import main

    out = tmp_path / "ratings.json"
    result = CliRunner().invoke(main, ["db", "export", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["rows"]
