"""Claims found in a product's text and checked against its own ingredient list."""

from __future__ import annotations

import csv

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from milia_cli.main import main
from strategies import any_text

import ingredients
from ingredients.claims import claim_rules, parse_claim_rules

# (text, claims it makes in order) - a docstring-like id per case
FOUND = [
    pytest.param("Oil-Free Moisturizer", ["oil-free"], id="product-name"),
    pytest.param("['Fragrance Free', 'Without Mineral Oil']", ["fragrance-free", "mineral-oil-free"],
                 id="sephora-2023-highlights"),
    pytest.param("mineral oil-free", ["mineral-oil-free"], id="longest-phrase-wins"),
    pytest.param("Non Comedogenic", ["non-comedogenic"], id="space-for-hyphen"),
    pytest.param("noncomedogenic", ["non-comedogenic"], id="glued"),
    pytest.param("won\u2019t clog pores", ["non-comedogenic"], id="curly-apostrophe"),
    pytest.param("Crème non comédogène, sans parfum", ["non-comedogenic", "fragrance-free"],
                 id="french"),
    pytest.param("Nicht komedogen und ölfrei", ["non-comedogenic", "oil-free"], id="german"),
    pytest.param("melembapkan tanpa menyumbat pori", ["non-comedogenic"], id="indonesian-sociolla"),
    pytest.param("저자극 무향 크림", ["fragrance-free"], id="korean-inside-a-word-run"),
    pytest.param("オイルフリー", ["oil-free"], id="japanese"),
    pytest.param("Ophthalmologist-tested, for sensitive eyes",
                 ["ophthalmologist-tested", "sensitive-eyes"], id="test-claims"),
    pytest.param("leaves no oily residue", [], id="oily-is-not-oil"),
    pytest.param("rich in oil. Free shipping", [], id="a-full-stop-breaks-a-phrase"),
    pytest.param("Moisturizer", [], id="none"),
    pytest.param(None, [], id="not-text"),
]


@pytest.mark.parametrize(("text", "claims"), FOUND)
def test_find_claims(text, claims):
    assert [f.claim for f in ingredients.find_claims(text)] == claims


def test_find_claims_in_a_megabyte_cell():
    text = "lorem ipsum dolor sit amet " * 40_000 + " Non-Comedogenic"
    found = ingredients.find_claims(text)
    assert [f.claim for f in found] == ["non-comedogenic"]
    assert text[found[0].start:].startswith("Non-Comedogenic")


# (ingredient list, claim text, claim, verdict, conflicting names) - one case per line
CHECKS = [
    pytest.param("Aqua, Glycerin, Isopropyl Myristate, Cetyl Alcohol", "non-comedogenic",
                 "non-comedogenic", "conflict", ["Isopropyl Myristate"], id="rated-5"),
    pytest.param("Aqua, Petrolatum, Glycerin", "won't clog pores", "non-comedogenic",
                 "conflict", ["Petrolatum"], id="heavy-occlusive-early"),
    pytest.param("Aqua, Glycerin, Niacinamide, Phenoxyethanol", "Non-Comedogenic",
                 "non-comedogenic", "consistent", [], id="clean-list"),
    pytest.param("Aqua, Glycerin, Mineral Oil", "mineral oil free", "mineral-oil-free",
                 "conflict", ["Mineral Oil"], id="mineral-oil-by-its-us-name"),
    pytest.param("Aqua, Glycerin, Paraffinum Liquidum", "oil-free", "oil-free", "conflict",
                 ["Paraffinum Liquidum"], id="mineral-oil-is-an-oil"),
    pytest.param("Aqua, Glycerin, PEG-40 Hydrogenated Castor Oil", "oil-free", "oil-free",
                 "consistent", [], id="peg-solubiliser-is-not-an-oil"),
    pytest.param("Aqua, Glycerin, Lavandula Angustifolia Oil", "oil-free", "oil-free",
                 "consistent", [], id="essential-oil-alone-is-noted"),
    pytest.param("Aqua, Helianthus Annuus Seed Oil, Lavandula Angustifolia Oil", "oil-free",
                 "oil-free", "conflict", ["Helianthus Annuus Seed Oil", "Lavandula Angustifolia Oil"],
                 id="essential-oil-joins-a-real-oil"),
    pytest.param("Aqua, Glycerin, Parfum, Linalool", "fragrance-free", "fragrance-free",
                 "conflict", ["Parfum", "Linalool"], id="parfum-and-allergen"),
    pytest.param("Aqua, Glycerin, Benzyl Alcohol", "fragrance-free", "fragrance-free",
                 "consistent", [], id="benzyl-alcohol-alone-is-a-preservative"),
    pytest.param("Aqua, Lanolin Alcohol, Glycerin", "lanolin free", "lanolin-free", "conflict",
                 ["Lanolin Alcohol"], id="lanolin-derivative"),
    pytest.param("Aqua, Vaseline, Glycerin", "petrolatum-free", "petrolatum-free", "conflict",
                 ["Petrolatum"], id="petrolatum-by-a-synonym"),
    pytest.param("Aqua, Glycerin", "ophthalmologist tested", "ophthalmologist-tested",
                 "not checkable", [], id="test-claim"),
]


@pytest.mark.parametrize(("text", "claim_text", "claim", "verdict", "names"), CHECKS)
def test_check_claims(text, claim_text, claim, verdict, names):
    report = ingredients.analyze(text)
    checks = ingredients.check_claims(report, claim_text)
    assert [c.claim for c in checks] == [claim]
    check = checks[0]
    assert check.verdict == verdict, check
    assert [c.ingredient for c in check.conflicts] == names
    for conflict in check.conflicts:  # each names the claim, the ingredient, place and why
        assert conflict.claim == claim and conflict.why
        assert report.findings[conflict.position - 1].name == conflict.ingredient


def test_a_list_not_read_cannot_check_never_consistent():
    report = ingredients.analyze("Xylofrobnicate, Quarzlepine Blend")
    assert report.nothing_read
    checks = ingredients.check_claims(report, "non-comedogenic, oil-free, fragrance-free")
    assert [c.verdict for c in checks] == ["cannot check"] * 3


def test_unread_names_leave_a_claim_unchecked_unless_their_words_rule_it_out():
    report = ingredients.analyze("Aqua, Glycerin, Frobnozzle Seed Oil, Cucumis Sativus Fruit Water")
    by_claim = {c.claim: c for c in ingredients.check_claims(report, "oil-free, non-comedogenic")}
    oil_free = by_claim["oil-free"]
    assert oil_free.verdict == "cannot check"
    assert "Frobnozzle Seed Oil" in oil_free.unread
    # a water cannot be an oil, nor rated 3 or more
    assert not any("Water" in n for n in oil_free.unread)
    assert by_claim["non-comedogenic"].verdict == "cannot check"
    report = ingredients.analyze("Aqua, Glycerin, Frobnozzle Fruit Water")
    assert [c.verdict for c in ingredients.check_claims(report, "oil-free")] == ["consistent"]


def test_claims_data_is_valid():
    db = ingredients.default_database()
    kinds = {k.id for k in db.unread_clues.kinds}
    rules = claim_rules()
    assert {r.id for r in rules} >= {"non-comedogenic", "oil-free", "mineral-oil-free",
                                      "petrolatum-free", "lanolin-free", "sensitive-eyes",
                                      "ophthalmologist-tested", "fungal-acne-safe",
                                      "fragrance-free"}
    for rule in rules:
        for name in rule.inci | rule.not_alone | set(rule.notes or {}):
            assert name in db.vocabulary, (rule.id, name)
        assert rule.unread_ruled_out <= kinds, rule.id
        assert "en" in rule.phrases, rule.id
        for phrases in rule.phrases.values():
            for phrase in phrases:  # every phrase finds its own claim
                assert ingredients.find_claims(phrase)[0].claim == rule.id, phrase


def test_claims_data_problems_are_named():
    problems: list[str] = []
    doc = yaml.safe_load("""
claims:
  - id: a
    check: {kind: names}
    phrases: {en: [oil free]}
  - id: b
    check: {kind: vibes, colour: red}
    phrases: {en: [x]}
  - id: c
    check: {kind: none}
    phrases: {en: [Oil-Free]}
""")
    parse_claim_rules(doc, problems.append)
    text = "\n".join(problems)
    assert "claims[0].check: a names check needs inci or words" in text
    assert "claims[1].check.kind" in text and "claims[1].check: unknown key(s) colour" in text
    assert "'oil-free' is also a phrase of a" in text


def _scan(args):
    return CliRunner().invoke(main, ["scan", *args], catch_exceptions=False)


def test_scan_claims_on_real_sephora_highlights(shared_data, tmp_path):
    src = shared_data / "products" / "sephora_2023_product_info_mixed.csv"
    out = tmp_path / "out.csv"
    r = _scan([str(src), "-o", str(out), "--product-type-column", "secondary_category",
               "--claims-column", "product_name", "--claims-column", "highlights"])
    assert r.exit_code == 0, r.output
    assert "rows make claims" in r.output and "not a legal finding" in r.output
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[-2:] == ["claims", "claim_conflicts"]
    claimed = [row for row in rows if row["claims"]]
    assert len(claimed) > 100
    conflicts = [row for row in claimed if row["claim_conflicts"]]
    assert conflicts
    db = ingredients.default_database()
    for row in conflicts[:10] + claimed[:20]:  # the cells are what the library says
        report = ingredients.analyze(row["ingredients"], product_type=db.product_type_of(
            row["secondary_category"]), area=db.area_of(row["secondary_category"]))
        checks = ingredients.check_claims(report, row["product_name"] + "\n" + row["highlights"])
        assert row["claims"] == "; ".join(f"{c.claim}: {c.verdict}" for c in checks)
        for c in checks:
            for x in c.conflicts:
                assert f"{x.claim}: {x.ingredient} (#{x.position})" in row["claim_conflicts"]


def test_scan_claims_bad_input(tmp_path):
    src = tmp_path / "in.csv"
    huge = "lorem ipsum " * 90_000 + "oil-free"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ingredients", "name", "blurb"])
        w.writerow(["Aqua, Glycerin, Helianthus Annuus Seed Oil", "Oil-Free Gel", ""])
        w.writerow(["Aqua, Glycerin", "Gel", huge])
        w.writerow(["", "Non-comedogenic", ""])
        w.writerow(["Aqua, Glycerin", "=HYPERLINK(\"x\") oil-free", ""])
    r = _scan([str(src), "--claims-column", "Name"])
    assert r.exit_code == 2 and "no column 'Name' for --claims-column" in r.output
    assert "columns are: ingredients, name, blurb" in r.output
    out = tmp_path / "out.csv"
    r = _scan([str(src), "-o", str(out), "--claims-column", "name", "--claims-column", "blurb"])
    assert r.exit_code == 0, r.output
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4
    assert rows[0]["claims"] == "oil-free: conflict"
    assert "Helianthus Annuus Seed Oil (#3)" in rows[0]["claim_conflicts"]
    assert rows[1]["claims"] == "oil-free: consistent"  # found at the end of a 1 MB cell
    assert rows[2]["error"] and rows[2]["claims"] == "non-comedogenic: cannot check"
    assert rows[3]["name"].startswith("'=")  # formula escaping still applies
    pq = tmp_path / "out.parquet"
    pytest.importorskip("pyarrow")
    r = _scan([str(src), "-o", str(pq), "--claims-column", "name", "-q"])
    assert r.exit_code == 0, r.output
    import pandas as pd

    frame = pd.read_parquet(pq)
    assert list(frame.columns[-2:]) == ["claims", "claim_conflicts"]
    assert frame["score"].dtype == "float64" and frame["claims"][0] == "oil-free: conflict"


@settings(max_examples=200, deadline=None)
@given(before=any_text(), after=any_text(), k=st.integers(min_value=0, max_value=10_000))
def test_a_phrase_is_found_in_any_surroundings(before, after, k):
    """Any text around a claim phrase (set apart by spaces) leaves it found, and what
    is found in any text is a phrase that finds the same claim on its own."""
    phrases = [(r.id, p) for r in claim_rules() for ps in r.phrases.values() for p in ps]
    claim, phrase = phrases[k % len(phrases)]
    text = f"{before} {phrase} {after}"
    found = ingredients.find_claims(text)
    assert claim in [f.claim for f in found] or any(
        f.start <= len(before) + 1 < f.start + len(f.phrase) for f in found)  # a longer one
    for f in ingredients.find_claims(before + after):
        assert ingredients.find_claims(f.phrase)[0].claim == f.claim
