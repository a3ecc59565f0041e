"""ingredients.compare: reports in order, shared and own ingredients, differences that add up."""

from __future__ import annotations

import csv
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import scored_labels

import ingredients
from ingredients._compare import MAX_ITEMS, CompareItem, render_comparison

OCCLUSIVE = "Aqua, Petrolatum, Butyrospermum Parkii Butter, Glycerin, Phenoxyethanol"
LIGHT = "Aqua, Glycerin, Squalane, Niacinamide, Phenoxyethanol, Butyrospermum Parkii Butter"
UNREAD = "Aqua, Glycerin, Zorbleflex Qux, Frobnium Wax, Phenoxyethanol"


def test_reports_are_the_library_reports_in_order():
    cmp = ingredients.compare([OCCLUSIVE, (LIGHT, "leave-on", "eye")])
    assert [c.label for c in cmp.items] == ["A", "B"]
    assert cmp.reports[0] == ingredients.analyze(OCCLUSIVE)
    assert cmp.reports[1] == ingredients.analyze(LIGHT, area="eye")


def test_shared_and_only():
    cmp = ingredients.compare([OCCLUSIVE, LIGHT])
    assert set(cmp.shared) == {"Aqua", "Glycerin", "Phenoxyethanol", "Butyrospermum Parkii Butter"}
    assert cmp.only[0] == ("Petrolatum",)
    assert set(cmp.only[1]) == {"Squalane", "Niacinamide"}


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Aqua, Glycerin, Petrolatum", "Water, Glycerin, Petrolatum", "Aqua"),
    ("정제수, 글리세린", "Aqua, Glycerin", "Water"),  # the Korean name is read as WATER
    ("Mineral Oil, Glycerin", "Paraffinum Liquidum, Glycerin", "Mineral Oil"),
])
def test_one_substance_under_two_names_is_shared(a, b, same):
    """AQUA and WATER (or MINERAL OIL and PARAFFINUM LIQUIDUM) are one entry: neither
    list has it on its own."""
    cmp = ingredients.compare([a, b])
    assert same in cmp.shared
    assert cmp.only == ((), ())


@pytest.mark.parametrize(("a", "b"), [(OCCLUSIVE, LIGHT), (LIGHT, OCCLUSIVE), (OCCLUSIVE, UNREAD)])
def test_changes_add_up_to_the_score_difference(a, b):
    """Each change is one ingredient's share of the difference; together they are all of it
    (up to the changes under 0.05 points that are left out)."""
    d = ingredients.compare([a, b]).differences[0]
    ra, rb = ingredients.analyze(a), ingredients.analyze(b)
    assert d.delta == pytest.approx(rb.score - ra.score)
    assert sum(c.points for c in d.changes) == pytest.approx(d.delta, abs=0.05 * (len(ra.findings)
                                                                                 + len(rb.findings)))
    assert [abs(c.points) for c in d.changes] == sorted((abs(c.points) for c in d.changes),
                                                        reverse=True)


def test_verdict_names_the_main_reason_in_plain_words():
    d = ingredients.compare([OCCLUSIVE, LIGHT]).differences[0]
    assert d.decided
    assert d.verdict.startswith("B is lower")
    assert "it has no Petrolatum (−" in d.verdict
    assert d.changes[0].kind == "only-in-first" and d.changes[0].ingredient == "Petrolatum"


def test_a_moved_ingredient_is_described_by_places():
    a = "Aqua, Butyrospermum Parkii Butter, Glycerin, Squalane, Phenoxyethanol"
    b = "Aqua, Glycerin, Squalane, Phenoxyethanol, Butyrospermum Parkii Butter"
    d = ingredients.compare([a, b]).differences[0]
    shea = next(c for c in d.changes if c.ingredient == "Butyrospermum Parkii Butter")
    assert shea.kind == "moved" and "sits 3 places lower" in shea.words and shea.points < 0


def test_uncertain_band_never_gets_a_winner():
    """B's unread names could make it as bad as A: the comparison must not say B is lower."""
    ra, rb = ingredients.analyze(OCCLUSIVE), ingredients.analyze(UNREAD)
    assert rb.band == "uncertain" and rb.score < ra.score and rb.score_range[1] >= ra.score
    d = ingredients.compare([OCCLUSIVE, UNREAD]).differences[0]
    assert not d.decided
    assert d.verdict.startswith("Can't tell which is lower")
    assert "Zorbleflex Qux" in d.verdict and "is lower (" not in d.verdict


def test_an_item_without_ingredients_fails_alone():
    cmp = ingredients.compare([OCCLUSIVE, "", "   ;  ", LIGHT])
    assert [c.error is None for c in cmp.items] == [True, False, False, True]
    assert cmp.items[1].error == "the ingredient text is empty"
    assert cmp.items[3].report == ingredients.analyze(LIGHT)
    assert [(d.first, d.other) for d in cmp.differences] == [(0, 3)]
    assert "B: not compared" in cmp.summary and "C: not compared" in cmp.summary


def test_bad_context_fails_alone_and_reports_are_accepted():
    cmp = ingredients.compare([ingredients.analyze(OCCLUSIVE), (LIGHT, "leave-on", "knees")])
    assert cmp.items[0].report is not None
    assert "area must be one of" in (cmp.items[1].error or "")


@pytest.mark.parametrize("n", [0, 1, MAX_ITEMS + 1])
def test_item_count_limits(n):
    with pytest.raises(ingredients.InputError, match=r"at least 2|at most 10"):
        ingredients.compare([OCCLUSIVE] * n)


def test_different_contexts_are_said():
    d = ingredients.compare([CompareItem(OCCLUSIVE, area="eye"), CompareItem(OCCLUSIVE)]
                            ).differences[0]
    assert "for the face area, A for the eye" in d.verdict


def test_text_output_fits_80_columns_for_ten_items():
    cmp = ingredients.compare([OCCLUSIVE, LIGHT, UNREAD, "", *[LIGHT] * 6])
    text = render_comparison(cmp)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "error:" in text and "Can't tell" in text


def test_markdown_escapes_pasted_html():
    cmp = ingredients.compare([CompareItem(OCCLUSIVE, label="<script>x|y</script>"), LIGHT])
    md = render_comparison(cmp, "markdown")
    assert "<script>" not in md and "&lt;script&gt;x\\|y" in md


def test_real_products_compare_consistently(shared_data):
    """Pairs of real Sephora lists: differences add up, no verdict on an uncertain pair."""
    with (shared_data / "products" / "sephora_2023_skincare.csv").open(encoding="utf-8") as fh:
        texts = [row["ingredients"] for row in itertools.islice(csv.DictReader(fh), 40)
                 if row["ingredients"]]
    for a, b in itertools.pairwise(texts[:20]):
        cmp = ingredients.compare([a, b])
        if any(r is None for r in cmp.reports):
            continue
        ra, rb = cmp.reports
        d = cmp.differences[0]
        assert d.delta == pytest.approx(rb.score - ra.score)
        if "uncertain" in (ra.band, rb.band) and not d.decided:
            assert d.verdict.startswith("Can't tell")
        assert "safer" not in d.verdict



# --------------------------------------------------------------------------- properties


@given(a=scored_labels(), b=scored_labels(), unread=st.booleans())
@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
def test_any_pair_adds_up_and_never_overclaims(a, b, unread):
    """For any two labels: the changes explain the whole difference, they are ranked, and
    no order is stated when an unread name could reverse it."""
    text_b = ", ".join(b + (["Zorbleflex Qux"] if unread else []))
    cmp = ingredients.compare([", ".join(a), text_b])
    ra, rb = cmp.reports
    d = cmp.differences[0]
    left_out = 0.05 * (len(ra.findings) + len(rb.findings))
    assert sum(c.points for c in d.changes) == pytest.approx(d.delta, abs=left_out + 1e-9)
    if not d.decided:
        assert d.verdict.startswith("Can't tell")
        assert all(r.unread[0] in d.verdict for r in (ra, rb) if r.unread)
    elif "uncertain" in (ra.band, rb.band):
        # stated only when it holds with the unread names at the top of their range
        def top(r):
            return r.score_range[1] if r.unread else r.score

        assert top(rb) < ra.score or top(ra) < rb.score
