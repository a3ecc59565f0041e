"""The validator rejects each kind of broken file with a line naming file, entry, field."""

from __future__ import annotations

import textwrap

import pytest

import ingredients
from ingredients import DatabaseError

GOOD_ENTRY = """
  - inci: ISOPROPYL MYRISTATE
    comedogenicity: [{source: fulton-table, value: 5}]
    occlusivity: light
    role: risk
    evidence: rabbit-ear
    explanation: test entry
"""


def _write(tmp_path, body):
    path = tmp_path / "overlay.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_shipped_data_is_valid():
    assert ingredients.validate_database() == []


BROKEN = [
    pytest.param("entries:\n  - inci: ISOPROPYL MYRISTATE\n    colour: red\n", "unknown key 'colour'", id="unknown-key"),
    pytest.param("entries:\n  - inci: ISOPROPYL MYRISTATE\n    comedogenicity: [{source: nowhere, value: 3}]\n    occlusivity: light\n    role: risk\n    evidence: rabbit-ear\n    explanation: x\n", "unknown source 'nowhere'", id="missing-source"),
    pytest.param("entries:\n  - inci: ISOPROPYL MYRISTATE\n    comedogenicity: [{source: fulton-table, value: 7}]\n    occlusivity: light\n    role: risk\n    evidence: rabbit-ear\n    explanation: x\n", "rating outside 0-5", id="rating-out-of-range"),
    pytest.param("entries:\n  - inci: ISOPROPYL MYRISTATE\n    comedogenicity: [{source: fulton-table, value: [4, 2]}]\n    occlusivity: light\n    role: risk\n    evidence: rabbit-ear\n    explanation: x\n", "range low 4 is above high 2", id="lo-above-hi"),
    pytest.param("entries:\n" + GOOD_ENTRY + GOOD_ENTRY, "duplicate", id="duplicate-name"),
    pytest.param("entries:\n  - inci: ISOPROPYL MYRISTATE\n    synonyms: [Glycerin]\n    occlusivity: light\n    role: risk\n    evidence: none\n    explanation: x\n", "is the CosIng name 'GLYCERIN'", id="synonym-is-canonical"),
    pytest.param("entries:\n  - inci: ISOPROPYL MYRISTATE\n    synonyms: [Foo Oil X]\n    occlusivity: light\n    role: risk\n    evidence: none\n    explanation: x\n  - inci: ISOPROPYL PALMITATE\n    synonyms: [Foo Oil X]\n    occlusivity: light\n    role: risk\n    evidence: none\n    explanation: x\n", "also points to entry", id="synonym-two-entries"),
    pytest.param("entries:\n  - inci: NOT A REAL THING\n    occlusivity: light\n    role: risk\n    evidence: none\n    explanation: x\n", "is not a CosIng name", id="not-in-cosing"),
    pytest.param("entries:\n  - inci: ISOPROPYL MYRISTATE\n    occlusivity: huge\n    role: risk\n    evidence: none\n    explanation: x\n", "occlusivity: must be one of", id="bad-class"),
    pytest.param("entries:\n  - inci: SALICYLIC ACID\n    occlusivity: none\n    role: protective\n    evidence: clinical\n    explanation: x\n", "required when role is protective", id="protective-without-strength"),
    pytest.param("entries:\n  - inci: ISOPROPYL MYRISTATE\n    occlusivity: light\n    role: risk\n    evidence: rabbit-ear\n    explanation: x\n", "needs at least one comedogenicity rating", id="evidence-without-rating"),
    pytest.param("entries:\n  - inci: ISOPROPYL MYRISTATE\n    occlusivity: light\n    role: risk\n    evidence: none\n", "missing required field 'explanation'", id="missing-field"),
    pytest.param("families:\n  - id: broken\n    label: x\n    pattern: '^(LAURETH'\n    based_on: []\n    occlusivity: none\n    role: risk\n    explanation: x\n", "not a valid regular expression", id="family-bad-regex"),
    pytest.param("families:\n  - id: uncovered\n    label: x\n    pattern: '^LAURETH-(?P<n>\\d+)$'\n    comedogenicity: [0, 1]\n    based_on: [LAURETH-4]\n    occlusivity: none\n    role: risk\n    explanation: x\n", "does not cover", id="family-range-too-narrow"),
    pytest.param("entries: [\n", "not valid YAML", id="broken-yaml"),
    pytest.param("- just\n- a list\n", "top level must be a mapping", id="not-a-mapping"),
    pytest.param("entries:\n  - inci: ISOPROPYL MYRISTATE\n    occlusivity: light\n    role: risk\n    evidence: none\n    explanation: x\n    comedogenicity: [{source: fulton-table, value: high}]\n", "must be an integer 0-5", id="rating-not-a-number"),
]


@pytest.mark.parametrize(("body", "message"), BROKEN)
def test_validator_rejects(tmp_path, body, message):
    path = _write(tmp_path, body)
    problems = ingredients.validate_database(path)
    assert problems, "expected the validator to reject the file"
    assert any(message in p for p in problems), problems
    assert all(p.startswith(str(path)) for p in problems), problems


def test_overlay_conflict_policy(tmp_path):
    path = _write(tmp_path, "entries:\n" + GOOD_ENTRY)
    db = ingredients.default_database()
    with pytest.raises(DatabaseError, match="already defined"):
        db.with_overlay(path, on_conflict="raise")
    kept = db.with_overlay(path, on_conflict="keep")
    assert kept.entry("ISOPROPYL MYRISTATE") == db.entry("ISOPROPYL MYRISTATE")
    overridden = db.with_overlay(path, on_conflict="override")
    assert overridden.entry("ISOPROPYL MYRISTATE").explanation == "test entry"
    assert overridden.version != db.version and overridden.version.startswith(db.version)
    # the shipped database is untouched
    assert db.entry("ISOPROPYL MYRISTATE").explanation != "test entry"


def test_avoid_list_overlay(tmp_path):
    path = _write(tmp_path, "avoid:\n  - Limonene\n  - {inci: LINALOOL, reason: allergy}\n")
    db = ingredients.load_database([path])
    assert db.avoid == {"LIMONENE": "on your avoid-list", "LINALOOL": "allergy"}


def test_missing_overlay_file_is_a_database_error(tmp_path):
    with pytest.raises(DatabaseError, match="cannot read overlay"):
        ingredients.load_database([tmp_path / "nope.yaml"])


def test_sections_of_the_wrong_shape(tmp_path):
    path = _write(tmp_path, "entries: {a: 1}\nfamilies: [3]\nsynonyms: x\n")
    problems = ingredients.validate_database(path)
    assert any("entries: must be a list" in p for p in problems)
    assert any("families[0]: must be a mapping" in p for p in problems)
    assert any("synonyms: must be a list" in p for p in problems)


def test_a_broken_shipped_family_pattern_is_reported(tmp_path, monkeypatch):
    """Shipped family patterns compile on first use; the validator compiles them all."""
    import shutil

    from ingredients import _database

    data = tmp_path / "data"
    shutil.copytree(_database._data_dir(), data)
    families = data / "families.yaml"
    text = families.read_text(encoding="utf-8")
    assert "pattern: '^LAURETH-(?P<n>\\d+)$'" in text
    families.write_text(text.replace("pattern: '^LAURETH-(?P<n>\\d+)$'",
                                     "pattern: '^LAURETH-(?P<n>\\d+$'"), encoding="utf-8")
    monkeypatch.setattr(_database, "_data_dir", lambda: data)
    problems = ingredients.validate_database()
    assert problems == ["families.yaml: family 'laureth'.pattern: not a valid regular expression: "
                        "missing ), unterminated subpattern at position 9"]


def test_shipped_patterns_compile_once_on_first_use():
    from ingredients._database import ShippedPattern

    pattern = ShippedPattern(r"^PEG-(?P<n>\d+)$")
    assert pattern == ShippedPattern(r"^PEG-(?P<n>\d+)$") and hash(pattern) == hash(
        ShippedPattern(r"^PEG-(?P<n>\d+)$"))
    assert pattern.search("PEG-8")["n"] == "8" and pattern.search("PEG") is None
    assert pattern.compiled() is pattern.compiled() and pattern.groupindex == {"n": 1}
