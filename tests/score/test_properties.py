"""Properties the score must keep whatever the list (Hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import ingredients
from ingredients._score import is_alphabetical, score_ingredients

RISKY = ["Isopropyl Myristate", "Petrolatum", "Paraffinum Liquidum", "Lanolin", "Cocos Nucifera Oil",
         "Laureth-4", "Acetylated Lanolin Alcohol", "Cera Microcristallina", "Ethylhexyl Palmitate"]
NEUTRAL = ["Aqua", "Glycerin", "Butylene Glycol", "Xanthan Gum", "Sodium Hyaluronate",
           "Panthenol", "Allantoin", "Propanediol"]
PROTECTIVE = ["Salicylic Acid", "Glycolic Acid", "Niacinamide", "Retinol"]
MARKERS = ["Phenoxyethanol", "Potassium Sorbate", "Methylparaben"]
UNKNOWN = ["Snail Dream Complex", "Xyzzy Extract"]

names = st.sampled_from(RISKY + NEUTRAL + PROTECTIVE + MARKERS + UNKNOWN)
label = st.lists(names, min_size=1, max_size=25)
settings.register_profile("score", deadline=None, max_examples=60,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("score")


def score(items, **kw):
    return ingredients.analyze(", ".join(items), **kw)


@given(label)
def test_score_in_bounds_and_contributions_add_up(items):
    r = score(items)
    assert 0 <= r.score <= 100
    assert r.score_range[0] <= r.score <= r.score_range[1] + 1e-9
    assert math.isclose(sum(f.contribution for f in r.findings), r.score, abs_tol=1e-6)
    assert len(r.findings) == len(items)


@given(label, st.sampled_from(RISKY))
def test_appending_a_risk_ingredient_never_lowers(items, risky):
    assert score([*items, risky]).score >= score(items).score - 1e-9


@given(label, st.sampled_from(RISKY), st.data())
def test_moving_a_risk_ingredient_up_past_lower_risk_never_lowers(items, risky, data):
    items = [*items, risky]
    r = score(items)
    j = len(items) - 1
    # move it up past ingredients whose own risk is lower (rearrangement inequality)
    mine = r.findings[j].risk[0] * (r.findings[j].weight > 0)
    i = j
    while i > 0 and r.findings[i - 1].risk[0] <= mine and r.findings[i - 1].role != "protective":
        i -= 1
    target = data.draw(st.integers(min_value=i, max_value=j))
    moved = [*items[:target], risky, *items[target:j]]
    assert score(moved).score >= r.score - 1e-9


@given(label)
def test_appending_water_or_an_inert_known_ingredient_changes_little(items):
    # An alphabetical list is read differently (flat doses); appending can end that.
    assume(not is_alphabetical(ingredients.parse(", ".join(items))))
    base = score(items).score
    for inert in ("Aqua", "Xanthan Gum"):
        assert abs(score([*items, inert]).score - base) <= 0.5


@given(label)
def test_rinse_off_never_above_leave_on(items):
    assert score(items, product_type="rinse-off").score <= score(items).score + 1e-9


@given(label)
def test_deterministic(items):
    assert score(items).to_dict() == score(items).to_dict()


def test_protection_is_bounded():
    heavy = score(["Petrolatum", "Paraffinum Liquidum", "Lanolin"]).score
    with_all = score(["Petrolatum", "Paraffinum Liquidum", "Lanolin", *PROTECTIVE]).score
    assert with_all < heavy
    assert with_all >= heavy * (1 - 0.3) - 1e-9


def test_eye_area_weighs_occlusion_more():
    items = ["Aqua", "Petrolatum", "Glycerin"]
    assert score(items, area="eye").score > score(items, area="face").score


def test_stated_percent_overrides_position():
    low = ingredients.analyze("Aqua, Glycerin, Isopropyl Myristate 1%")
    high = ingredients.analyze("Aqua, Glycerin, Isopropyl Myristate 30%")
    assert high.score > low.score


def test_coverage_lowers_confidence_not_score():
    known = score(["Aqua", "Petrolatum", "Glycerin"])
    with_unknown = score(["Aqua", "Petrolatum", "Glycerin", "Snail Dream Complex"])
    assert with_unknown.unknown == ("Snail Dream Complex",)
    assert with_unknown.confidence < known.confidence
    assert with_unknown.score == pytest.approx(known.score)


def test_corticosteroid_is_flagged_not_scored():
    r = score(["Aqua", "Hydrocortisone", "Glycerin"])
    assert [f.kind for f in r.flags] == ["corticosteroid"]
    steroid = r.findings[1]
    assert steroid.role == "flag" and steroid.contribution == 0


def test_retinoid_in_eye_product_is_flagged():
    assert any(f.kind == "retinoid-eye" for f in score(["Aqua", "Retinol"], area="eye").flags)
    assert not any(f.kind == "retinoid-eye" for f in score(["Aqua", "Retinol"]).flags)


def test_bad_context_is_an_input_error():
    with pytest.raises(ingredients.InputError, match="product_type"):
        score(["Aqua"], product_type="spray")
    with pytest.raises(ingredients.InputError, match="area"):
        score(["Aqua"], area="feet")


@pytest.mark.parametrize("text", ["", "   ", "#NAME?", "No Info"])
def test_no_ingredients_is_an_input_error(text):
    with pytest.raises(ingredients.InputError):
        ingredients.analyze(text)


def test_report_json_round_trip():
    import json

    r = score(["Aqua", "Petrolatum", "Salicylic Acid", "Xyzzy Extract"])
    d = json.loads(r.to_json())
    assert d["schema_version"] and d["database_version"] == ingredients.default_database().version
    assert [f["position"] for f in d["findings"]] == [1, 2, 3, 4]
    assert d["unknown"] == ["Xyzzy Extract"]


def test_score_ingredients_accepts_parsed_list():
    items = ingredients.parse("Aqua, Petrolatum")
    assert score_ingredients(items).score == score(["Aqua", "Petrolatum"]).score


def test_alphabetical_list_is_recognised():
    """US drug labels list inactives alphabetically: position is then no dose proxy."""
    items = ["Allantoin", "Butylene Glycol", "Citric Acid", "Dimethicone", "Glycerin",
             "Isopropyl Myristate", "Phenoxyethanol", "Petrolatum", "Xanthan Gum"]
    r = score(sorted(items))
    assert r.notes and "alphabetical" in r.notes[0]
    assert r.line_position is None  # no marker bounds anything in an alphabetical list
    assert len({f.weight for f in r.findings}) == 1
    assert not score(["Aqua", "Petrolatum", "Glycerin"]).notes
