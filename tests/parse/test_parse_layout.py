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


WRAPPED = [
    # a name hard-wrapped across two lines of a comma list
    ("Aqua, Glycerin, Butyrospermum Parkii (Shea) Seed\nButter, Cetyl Alcohol",
     ["Aqua", "Glycerin", "Butyrospermum Parkii (Shea) Seed Butter", "Cetyl Alcohol"]),
    # an OCR'd label: a bracket continues the name on the next line
    ("AQUA, GLYCERIN, COCOS NUCIFERA\n(COCONUT) OIL, CETYL ALCOHOL",
     ["AQUA", "GLYCERIN", "COCOS NUCIFERA (COCONUT) OIL", "CETYL ALCOHOL"]),
    # a line ending in a complete name lost its comma: no join
    ("Water, Glycerin, Camellia Sinensis Leaf Extract\nHydrogenated Polyisobutene, Mica",
     ["Water", "Glycerin", "Camellia Sinensis Leaf Extract", "Hydrogenated Polyisobutene", "Mica"]),
    # kit sections stay apart
    ("Big Sky: Water, Glycerin, Dimethicone\nLittle Sky: Water, Mica",
     ["Water", "Glycerin", "Dimethicone", "Water", "Mica"]),
    # one ingredient a line: nothing is joined
    ("Water\nGlycerin\nDimethicone", ["Water", "Glycerin", "Dimethicone"]),
]


@pytest.mark.parametrize(("text", "names"), WRAPPED)
def test_wrapped_names_are_joined(text, names):
    items = parse(text)
    assert [i.name for i in items] == names
    for item in items:
        assert text[item.span[0] : item.span[1]] == item.raw


HEADLINES = [
    # An upper-case teaser sentence before a longer list in mixed case is a headline.
    pytest.param("ALOE VERA EXTRACT, MOISTURIZING DUO, OLIVE OIL. Aqua, Glycerin, Dimethicone, "
                 "Cetyl Alcohol, Parfum, Olive Oil PEG-7 Esters",
                 ["Aqua", "Glycerin", "Dimethicone", "Cetyl Alcohol", "Parfum",
                  "Olive Oil PEG-7 Esters"], id="teaser-dropped"),
    # Kept: the whole list is upper case.
    pytest.param("AQUA, GLYCERIN. PARFUM, LIMONENE, LINALOOL, CITRAL",
                 ["AQUA", "GLYCERIN", "PARFUM", "LIMONENE", "LINALOOL", "CITRAL"],
                 id="upper-case-list-kept"),
    # Kept: what follows is not a longer list.
    pytest.param("AQUA, GLYCERIN, PARFUM. Limonene, Linalool",
                 ["AQUA", "GLYCERIN", "PARFUM", "Limonene", "Linalool"], id="short-tail-kept"),
    # Kept: a single upper-case name is no headline.
    pytest.param("AQUA. Glycerin, Parfum, Limonene", ["AQUA", "Glycerin", "Parfum", "Limonene"],
                 id="one-name-kept"),
    # Kept: the list already started (after a header).
    pytest.param("Ingredients: SHEA BUTTER, COCOA BUTTER. Jojoba Oil, Tocopherol, Parfum, Citral, "
                 "Limonene",
                 ["SHEA BUTTER", "COCOA BUTTER", "Jojoba Oil", "Tocopherol", "Parfum", "Citral",
                  "Limonene"], id="after-header-kept"),
]


@pytest.mark.parametrize(("text", "names"), HEADLINES)
def test_upper_case_headline_before_a_list(text, names):
    assert [i.name for i in parse(text)] == names
