"""Layout recovery: ``name - other name`` pairs inside a comma list."""

from __future__ import annotations

import pytest

import ingredients
from ingredients import parse

DASH_PAIRS = [
    # an INCI name and its common name, joined by a spaced dash
    ("Cocos Nucifera Oil - Coconut Oil, Water", ("Cocos Nucifera Oil", "Coconut Oil")),
    # a trade abbreviation and the INCI name
    ("CICA - Centella Asiatica Extract, Water", ("CICA", "Centella Asiatica Extract")),
]


@pytest.mark.parametrize(("text", "alternatives"), DASH_PAIRS)
def test_dash_pairs_give_both_names(text, alternatives):
    first = parse(text)[0]
    assert first.alternatives[:2] == alternatives
    assert len(parse(text)) == 2


def test_a_word_broken_at_a_line_end_is_no_pair():
    """``Butyro - Spermum``: one capitalised word on the left is a broken word, not a name."""
    [item] = parse("Butyro - Spermum Parkii Butter")
    assert "Butyro" not in item.alternatives


@pytest.mark.parametrize(
    ("text", "inci"),
    [
        ("Cocos Nucifera Oil - Coconut Oil", "COCOS NUCIFERA OIL"),
        ("CICA - Centella Asiatica Extract", "CENTELLA ASIATICA EXTRACT"),
        # the whole name still reads when a side is a fragment
        ("Diospyros Mespili - Formis Leaf Extract", "DIOSPYROS MESPILIFORMIS LEAF EXTRACT"),
    ],
)
def test_dash_pairs_are_matched(text, inci):
    [item] = parse(text)
    assert ingredients.match(item).inci == inci
