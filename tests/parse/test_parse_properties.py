"""Properties that hold for every input, and the robustness limits."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import any_text, clean_ingredient_lists, ingredient_names, messy_label_texts

from ingredients._parse import Ingredient, parse

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_invariants(text: str, found: list[Ingredient]) -> None:
    """What every parse result promises, whatever the input."""
    assert [i.position for i in found] == list(range(1, len(found) + 1))
    previous_end = 0
    for item in found:
        start, end = item.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == item.raw
        assert start >= previous_end, "items do not overlap and keep label order"
        previous_end = end
        assert item.name
        assert item.name == item.name.strip()
        assert len(item.name) <= 300
        assert all(isinstance(a, str) and a for a in item.alternatives)
        assert item.percent is None or item.percent >= 0


@FAST
@given(any_text())
def test_any_text_parses(text: str) -> None:
    """Never raises; spans, raw text and positions are always consistent."""
    check_invariants(text, parse(text))


@FAST
@given(messy_label_texts())
def test_messy_label_texts_parse(text: str) -> None:
    """Label-like junk (markup, list literals, markers, separators) keeps the invariants."""
    check_invariants(text, parse(text))


@FAST
@given(clean_ingredient_lists())
def test_clean_list_round_trip(names: list[str]) -> None:
    """Parsing a clean comma-separated list gives back its names, and re-joining is stable."""
    text = ", ".join(names)
    found = parse(text)
    assert [i.name for i in found] == names
    again = parse(", ".join(i.name for i in found))
    assert [i.name for i in again] == names


@FAST
@given(clean_ingredient_lists(), ingredient_names())
def test_header_and_footnote_do_not_change_the_list(names: list[str], extra: str) -> None:
    """``Ingredients:`` before and a footnote after leave the names as they are."""
    text = "Ingredients: " + ", ".join(names) + ". *Certified organic."
    assert [i.name for i in parse(text)] == names
    del extra


@FAST
@given(clean_ingredient_lists())
def test_python_list_literal_round_trip(names: list[str]) -> None:
    """A stringified Python list of the names gives the same names, spans into the literal."""
    text = repr(names)
    found = parse(text)
    assert [i.name for i in found] == names
    check_invariants(text, found)


def _timed(text: str) -> tuple[list[Ingredient], float]:
    start = time.perf_counter()
    found = parse(text)
    return found, time.perf_counter() - start


LIMITS = [
    pytest.param(
        "Water, Glycerin, Caprylic/Capric Triglyceride (and) Mica, " * 90_000, id="5MB-list"
    ),
    pytest.param("".join(chr(i % 900 + 1) for i in range(5_000_000)), id="5MB-junk"),
    pytest.param("A" * 100_000, id="100k-token"),
    pytest.param("(" * 10_000 + "Water" + ")" * 10_000, id="10k-nested-parentheses"),
    pytest.param("[" * 10_000 + "'Water'" + "]" * 10_000, id="10k-nested-list"),
    pytest.param("<b>" * 300_000, id="tags"),
    pytest.param("free of x. " * 400_000, id="many-exclusions"),
    pytest.param("-A: b " * 800_000, id="many-bullets"),
    pytest.param("1%A" * 1_500_000, id="glued-doses"),
]


@pytest.mark.parametrize("text", LIMITS)
def test_large_and_pathological_inputs_are_fast(text: str) -> None:
    """Linear scanners and hard caps keep every input well under a second."""
    found, seconds = _timed(text)
    check_invariants(text, found)
    assert seconds < 1.0, f"{seconds:.2f}s"


def test_huge_input_is_capped_and_flagged() -> None:
    """Parsing stops at 2,000 items; the last one says the rest was not read."""
    found = parse("Water, " * 10_000)
    assert len(found) == 2_000
    assert "truncated" in found[-1].flags


def test_single_long_token_is_kept_and_flagged() -> None:
    """A 100,000-character token is one ingredient, its name cut and flagged ``long``."""
    text = "A" * 100_000
    (item,) = parse(text)
    assert item.raw == text
    assert "long" in item.flags
    assert len(item.name) == 300


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Water\x00, Glyc\x00erin", id="nul"),
        pytest.param("Water, \ud800Glycerin\udfff", id="lone-surrogates"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\rIHDR".decode("latin-1"), id="binary"),
        pytest.param("\ufeffWater, Glycerin", id="byte-order-mark"),
        pytest.param("Water,,,, ,;;|| Glycerin", id="empty-items"),
    ],
)
def test_odd_characters(text: str) -> None:
    """Control characters, surrogates and binary junk neither raise nor break spans."""
    check_invariants(text, parse(text))
