"""Overlay and data files: no alias expansion, duplicate keys named with their line,
every field's type checked, and family patterns that cannot backtrack. Runs that a
regression would make explode are subprocesses under a memory cap and a timeout."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingredients

from .conftest import run_capped

BOMB = """\
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
avoid:
  - inci: LIMONENE
    reason: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def _overlay(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_alias_bomb_is_refused_at_once(tmp_path):
    path = _overlay(tmp_path, BOMB)
    ran = run_capped(["db", "validate", str(path)], timeout=30, memory=1 << 30)
    assert ran.returncode == 1, ran.stderr[-2000:]
    assert "aliases" in ran.stderr and "line 2" in ran.stderr
    assert ran.seconds < 10


def test_duplicate_key_is_an_error_naming_file_and_line(tmp_path):
    path = _overlay(tmp_path, """\
entries:
  - inci: PETROLATUM
    occlusivity: heavy
    role: risk
    evidence: rabbit-ear
    explanation: My own note.
    occlusivity: none
""")
    problems = ingredients.validate_database(path)
    assert len(problems) == 1
    assert str(path) in problems[0] and "line 7" in problems[0]
    assert "duplicate key 'occlusivity'" in problems[0] and "line 3" in problems[0]


@pytest.mark.parametrize(("body", "field"), [
    ("avoid:\n  - inci: LIMONENE\n    reason: [1, 2]\n", "avoid[0].reason"),
    ("avoid:\n  - inci: LIMONENE\n    reason: {a: 1}\n", "avoid[0].reason"),
    ("sources:\n  mine:\n    reference: [a]\n    kind: table\n    terms: facts\n",
     "sources.mine.reference"),
    ("entries:\n  - inci: PETROLATUM\n    occlusivity: heavy\n    role: risk\n    evidence: "
     "expert\n    explanation: x\n    not_in_cosing: maybe\n", "not_in_cosing"),
], ids=["reason-list", "reason-mapping", "source-reference", "not-in-cosing"])
def test_every_field_has_its_type_checked(tmp_path, body, field):
    problems = ingredients.validate_database(_overlay(tmp_path, body))
    assert any(field in p for p in problems), problems


FAMILY = """\
families:
  - id: greedy
    label: A greedy family
    pattern: '{pattern}'
    based_on: []
    occlusivity: light
    role: risk
    explanation: A family of my own.
"""


def test_backtracking_family_pattern_runs_in_linear_time(tmp_path):
    """`^(A|AA)*$` against 40 A's and a B backtracks for minutes in Python's engine."""
    path = _overlay(tmp_path, FAMILY.format(pattern="^(A|AA)*C$"))
    assert ingredients.validate_database(path) == []
    ran = run_capped(["check", "Aqua, " + "A" * 40 + "B", "--overlay", str(path),
                      "--format", "json"], timeout=30, memory=1 << 30)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert ran.seconds < 15


@pytest.mark.parametrize("pattern", [r"^(A+)\1$", "^(?=A)A$", "^(?<!B)A$"])
def test_family_pattern_the_linear_engine_cannot_run_is_refused(tmp_path, pattern):
    problems = ingredients.validate_database(_overlay(tmp_path, FAMILY.format(pattern=pattern)))
    assert len(problems) == 1 and "'greedy'.pattern" in problems[0]
    assert "linear-time" in problems[0]


def test_family_pattern_from_an_overlay_still_matches(tmp_path):
    path = _overlay(tmp_path, FAMILY.format(pattern=r"^MYOWNESTER-(?P<n>\d+)$"))
    db = ingredients.load_database([path], on_conflict="override")
    entry = db.family_entry("MYOWNESTER-12")
    assert entry is not None and entry.family == "greedy"
