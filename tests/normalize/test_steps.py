"""Each normalisation step on its own, then the whole pipeline."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ingredients import _normalize as N


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [
        pytest.param(N.strip_marks, "Parfum™", "Parfum", id="trademark"),
        pytest.param(N.strip_marks, "Aqua*", "Aqua", id="footnote-asterisk"),
        pytest.param(N.strip_marks, "Glyc\u200berin", "Glycerin", id="zero-width-space"),
        pytest.param(N.strip_marks, "Zinc Oxide (nano)", "Zinc Oxide  ", id="nano-tag"),
        pytest.param(N.unicode_compatible, "Aqua\u00a0Water", "Aqua Water", id="nbsp"),
        pytest.param(N.unicode_compatible, "ＧＬＹＣＥＲＩＮ", "GLYCERIN", id="full-width"),
        pytest.param(N.fold_case, "Glycerin", "GLYCERIN", id="case"),
        pytest.param(N.unify_dashes, "LAURETH\u20134", "LAURETH-4", id="en-dash"),
        pytest.param(N.repair_colour_index, "CL 77891", "CI 77891", id="ocr-cl"),
        pytest.param(N.repair_colour_index, "C.I. 77891", "CI 77891", id="dotted"),
        pytest.param(N.repair_colour_index, "CI77891", "CI 77891", id="no-space"),
        pytest.param(N.repair_colour_index, "SODIUM CL", "SODIUM CL", id="not-a-number"),
        pytest.param(N.us_spelling, "SODIUM LAURYL SULPHATE", "SODIUM LAURYL SULFATE", id="sulphate"),
        pytest.param(N.us_spelling, "ALUMINIUM STARCH", "ALUMINUM STARCH", id="aluminium"),
        pytest.param(N.colour_names, "D & C RED NO. 7", "D&C RED 7", id="d-and-c"),
        pytest.param(N.colour_names, "FD&C YELLOW #5", "FD&C YELLOW 5", id="hash"),
        pytest.param(N.drop_dose, "NIACINAMIDE 10%", "NIACINAMIDE", id="dose"),
        pytest.param(N.drop_dose, "ZINC OXIDE 0,5 %", "ZINC OXIDE", id="comma-dose"),
        pytest.param(N.tidy_punctuation, "CAPRYLIC/ CAPRIC TRIGLYCERIDE.", "CAPRYLIC/CAPRIC TRIGLYCERIDE", id="slash-and-dot"),
        pytest.param(N.tidy_punctuation, "1, 2-HEXANEDIOL", "1,2-HEXANEDIOL", id="locant-comma"),
        pytest.param(N.hyphen_as_space, "PEG-16", "PEG 16", id="hyphen"),
        pytest.param(N.hyphen_as_space, "PEG16", "PEG 16", id="glued-number"),
        pytest.param(N.hyphen_as_space, "A/-B", "A/B", id="hyphen-after-slash"),
        pytest.param(N.collapse_whitespace, "  A   B ", "A B", id="spaces"),
    ],
)
def test_step(step, text, expected):
    assert step(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Laureth-4", "LAURETH 4"),
        ("PEG-16 Lanolin", "peg16 lanolin"),
        ("Cl 77891", "CI 77891"),
        ("Sodium Lauryl Sulphate", "sodium lauryl sulfate"),
        ("Caprylic/ Capric Triglyceride.", "CAPRYLIC/CAPRIC TRIGLYCERIDE"),
        ("Parfum®*", "parfum"),
    ],
)
def test_equivalent_spellings_share_a_key(a, b):
    assert N.normalize(a) == N.normalize(b)


@pytest.mark.parametrize(("a", "b"), [("Laureth-4", "Laureth-23"), ("Squalane", "Squalene")])
def test_different_names_keep_different_keys(a, b):
    assert N.normalize(a) != N.normalize(b)


@given(st.text(max_size=200))
@example("/-0")  # Hypothesis found it: the hyphen became a space beside a slash
@example("A (-0")
@example("\u1fd7")  # upper-cases to a decomposed sequence
@example('Niacinamide 10%"')  # a dose followed by edge punctuation
def test_normalize_is_idempotent(text):
    once = N.normalize(text)
    assert N.normalize(once) == once


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_fast_path_equals_every_step(text):
    assert N.normalize.__wrapped__(text) == N.normalize_slow(text)


@given(st.text(max_size=80))
def test_fast_path_equals_every_step_on_any_text(text):
    assert N.normalize.__wrapped__(text) == N.normalize_slow(text)
