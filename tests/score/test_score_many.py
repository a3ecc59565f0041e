"""score_many (numpy, a whole chunk at once) gives score_numbers' numbers to the last bit."""

from __future__ import annotations

import math

import pytest
from batch.test_score_frame import real_texts

import ingredients
from ingredients._match import matcher_for
from ingredients._score import (
    CONTEXT,
    _sorted_names,
    facts_columns,
    facts_for,
    first_marker,
    score_many,
    score_numbers,
)

MADE_UP = [
    "Aqua, Paraffinum Liquidum, Petrolatum, Lanolin Alcohol, Glycerin, Phenoxyethanol",
    "Zinc Oxide 18.2%, Aqua, Isopropyl Myristate 5%, Dimethicone, Niacinamide 4%, Salicylic Acid",
    "Aqua, Glycerin, Coconut Oil. May contain: CI 77491, CI 77492, Mica",
    "Avobenzone, Butylene Glycol, Cetyl Alcohol, Dimethicone, Glycerin, Isopropyl Palmitate, "
    "Lanolin, Mineral Oil, Petrolatum, Water",  # alphabetical (a US drug label)
    "Water, Retinol, Hydrocortisone, Methylisothiazolinone, Glycerin, Algae Extract",
    "Isopropyl Myristate",
    "Cocoa Butter, " * 40 + "Water",
]


def _inputs(texts, product_type, area):
    db = ingredients.default_database()
    matcher = matcher_for(db)
    facts, index = [], {}
    products = []
    for text in texts:
        items = ingredients.parse(text)
        if not items:
            continue
        fids = []
        for i in items:
            key = (i.name, i.alternatives)
            if key not in index:
                index[key] = len(facts)
                facts.append(facts_for(matcher.match(i.name, i.alternatives), db, product_type, area))
            fids.append(index[key])
        products.append((items, fids))
    return facts, products


CONTEXTS = pytest.mark.parametrize(("product_type", "area"), [
    ("leave-on", "face"), ("rinse-off", "eye"), ("leave-on", "lips")])


@CONTEXTS
def test_many_equals_one_by_one_on_made_up_lists(product_type, area):
    """Doses, may-contain, an alphabetical drug label, flags, protection, one item,
    a 41-item list: each product's numbers, also when scored side by side."""
    _check(MADE_UP * 3, product_type, area, at_least=len(MADE_UP) * 3)


@CONTEXTS
def test_many_equals_one_by_one_on_real_lists(product_type, area, shared_data):
    _check(MADE_UP + real_texts(shared_data, per_file=7), product_type, area, at_least=1000)


def _check(texts, product_type, area, *, at_least):
    facts, products = _inputs(texts, product_type, area)
    context = CONTEXT[product_type]
    flat_fids, stated, may, lengths, markers, unordered, expected = [], [], [], [], [], [], []
    for items, fids in products:
        item_facts = [facts[k] for k in fids]
        positions = [i.position for i in items]
        listed_may = [i.may_contain for i in items]
        marker = first_marker(positions, listed_may, item_facts)
        names = [i.name.lower() for i in items if i.percent is None and not i.may_contain]
        expected.append(score_numbers(positions, [i.percent for i in items], listed_may,
                                      [i.name.lower() for i in items], item_facts, marker,
                                      context))
        flat_fids += fids
        stated += [math.nan if i.percent is None else i.percent for i in items]
        may += listed_may
        lengths.append(len(items))
        markers.append(marker or 0)
        unordered.append(_sorted_names(names))
    assert len(expected) >= at_least
    got = score_many(facts_columns(facts), flat_fids, stated, may, lengths, markers, unordered,
                     context)
    for k, want in enumerate(expected):
        # exactly equal floats, not approximately: the same operations in the same order
        assert (got.score[k], got.score_low[k], got.score_high[k], got.coverage[k],
                got.confidence[k]) == (want.score, want.score_low, want.score_high,
                                       want.coverage, want.confidence), k
        top = sorted((j for j, x in enumerate(want.contributions) if x > 0.05),
                     key=want.contributions.__getitem__, reverse=True)[:3]
        assert got.top[k] == top, k
