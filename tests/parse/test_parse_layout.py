"""Layout recovery: ``name - other name`` pairs, ``(and)`` blends and names
hard-wrapped across two lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SCORED_NAMES

import ingredients
from ingredients import parse
from ingredients._parse import document as document_stage
from ingredients._parse import plain as plain_stage
from ingredients._parse.languages import _WRAP_CHECKED, _WRAP_CONTINUATIONS

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

# The next line starts with a word that carries a name on (the root pack's
# ``wrap_continuations``, or ``wrap_checked`` when the joined name is known).
WRAPPED_BY_WORD = [
    pytest.param("Aqua, Butyrospermum Parkii (Shea)\nButter, Glycerin",
                 ["Aqua", "Butyrospermum Parkii (Shea) Butter", "Glycerin"],
                 id="bracket-then-checked-word"),
    pytest.param("Cetearyl\nAlcohol", ["Cetearyl Alcohol"], id="no-comma-at-all"),
    pytest.param("Water\nCetyl\nAlcohol\nGlycerin", ["Water", "Cetyl Alcohol", "Glycerin"],
                 id="one-a-line-with-a-wrapped-name"),
    pytest.param("Aqua, Vitis Vinifera (Grape)\nSeed Oil, Glycerin",
                 ["Aqua", "Vitis Vinifera (Grape) Seed Oil", "Glycerin"], id="plant-part"),
    pytest.param("Water, Zea Mays (Corn)\r\nStarch, Glycerin",
                 ["Water", "Zea Mays (Corn) Starch", "Glycerin"], id="crlf-and-checked-word"),
    pytest.param("Aqua, Glycine Soja (Soybean) Oil\nUnsaponifiables, Water",
                 ["Aqua", "Glycine Soja (Soybean) Oil Unsaponifiables", "Water"],
                 id="after-a-complete-name"),
    pytest.param("Aqua, Sun-\nflower Seed Oil, Glycerin", ["Aqua", "Sunflower Seed Oil", "Glycerin"],
                 id="hyphenated"),
    pytest.param("Water (and) Argania Spinosa (Argan)\nKernel Oil (and) Propanediol",
                 ["Water", "Argania Spinosa (Argan) Kernel Oil", "Propanediol"], id="inside-a-blend"),
    pytest.param("aqua, vitis vinifera (grape)\nseed oil", ["aqua", "vitis vinifera (grape) seed oil"],
                 id="lower-case"),
]

NOT_WRAPPED = [
    pytest.param("Aqua\nGlycerin\nPetrolatum", ["Aqua", "Glycerin", "Petrolatum"], id="one-a-line"),
    pytest.param("Glycerin\nAlcohol\nWater", ["Glycerin", "Alcohol", "Water"],
                 id="checked-word-joined-name-unknown"),
    pytest.param("Lanolin\nAlcohol", ["Lanolin", "Alcohol"], id="both-parts-known"),
    pytest.param("Aqua, Glycerin,\nOil, Extract", ["Aqua", "Glycerin", "Oil", "Extract"],
                 id="comma-before-the-break"),
    pytest.param("Aqua, Glycerin.\nOil Of Olay", ["Aqua", "Glycerin", "Oil Of Olay"],
                 id="full-stop-before-the-break"),
    pytest.param("Ingredients:\nOil, Water", ["Oil", "Water"], id="header-before-the-break"),
    pytest.param("Water, Glycerin\n\nSeed Oil, Mica", ["Water", "Glycerin", "Seed Oil", "Mica"],
                 id="blank-line-between"),
    pytest.param("Water, Tocopherol\nOil control for the face and the body.",
                 ["Water", "Tocopherol"], id="a-sentence-follows"),
    pytest.param("-Hemp Seed Oil<br/>-Chamomile<br/>-Jojoba Oil<br/>-Sunflower Oil<br/><br/> Octyldodecanol",
                 ["Hemp Seed Oil", "Chamomile", "Jojoba Oil", "Sunflower Oil", "Octyldodecanol"],
                 id="real-bullet-lines"),  # sephora_2020_raw_html.csv row 2688
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


@pytest.mark.parametrize(("text", "names"), WRAPPED_BY_WORD + NOT_WRAPPED)
def test_continuation_words(text, names):
    """A line that starts with a word no name starts with (``Seed Oil``) carries on the
    name before it; a word that also starts names (``Alcohol``) only when the joined
    name is known and the two lines are not both known names."""
    items = parse(text)
    assert [i.name for i in items] == names
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    for item in items:
        assert text[item.span[0] : item.span[1]] == item.raw


# Known names, some of which start with a word of ``wrap_checked`` (Alcohol, Water,
# Butter, Cera) or end with a word that would join them (Lanolin + Alcohol).
_LINE_NAMES = (*SCORED_NAMES, "Alcohol", "Alcohol Denat.", "Water", "Butter", "Cera Alba",
               "Lanolin", "Lanolin Alcohol", "Acid Blue 9", "Starch Acetate", "Cetyl Alcohol")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_LINE_NAMES), min_size=2, max_size=12))
def test_one_known_name_a_line_is_never_joined(names):
    """A list written one ingredient a line, each line a known name, keeps every line."""
    assert [i.name for i in parse("\n".join(names))] == names


def test_continuation_words_start_no_known_name():
    """The data behind the word rule: no CosIng name, known synonym or name-table name
    starts with a word of ``wrap_continuations`` (so a line starting with one is never an
    ingredient of its own); the ``wrap_checked`` words do start some (else they belong
    in the other list)."""
    from ingredients._languages import name_table

    db = ingredients.default_database()
    firsts = {key.split(" ", 1)[0].lower()
              for keys in (db.keys, db.synonyms, name_table()) for key in keys if key}
    assert not (_WRAP_CONTINUATIONS & firsts)
    assert firsts >= _WRAP_CHECKED
    assert not (_WRAP_CONTINUATIONS & _WRAP_CHECKED)


# ``(and)`` blends: names joined by a bracketed conjunction of any pack are separate
# ingredients, in order, at consecutive positions (a blend's members are listed in
# the order of the label, and the score reads position as dose).
BLENDS = [
    pytest.param("Aqua, Cetearyl Alcohol (and) Ceteareth-20, Glycerin",
                 ["Aqua", "Cetearyl Alcohol", "Ceteareth-20", "Glycerin"], id="inside-a-comma-list"),
    pytest.param("Cetearyl Alcohol (and) Ceteareth-20", ["Cetearyl Alcohol", "Ceteareth-20"],
                 id="a-whole-text-of-two"),
    pytest.param("Mica (AND) Silica (And) Talc", ["Mica", "Silica", "Talc"], id="any-case"),
    pytest.param("Aqua, Mica (et) Titanium Dioxide", ["Aqua", "Mica", "Titanium Dioxide"], id="french"),
    pytest.param("Aqua, Mica (und) CI 77891", ["Aqua", "Mica", "CI 77891"], id="german"),
    pytest.param("Aqua, Mica ( y ) Silica", ["Aqua", "Mica", "Silica"], id="spanish-spaced"),
    pytest.param("Aqua, Mica (&) Silica", ["Aqua", "Mica", "Silica"], id="ampersand"),
    pytest.param("Aqua, Mica [and] Silica", ["Aqua", "Mica", "Silica"], id="square-brackets"),
    pytest.param("Water, Glycerin (and)", ["Water", "Glycerin"], id="dangling"),
    pytest.param("Helianthus Annuus (Sunflower) Seed Oil (and) Rosmarinus Officinalis (Rosemary) Leaf Extract",
                 ["Helianthus Annuus (Sunflower) Seed Oil", "Rosmarinus Officinalis (Rosemary) Leaf Extract"],
                 id="members-keep-their-brackets"),
    pytest.param("Aqua, Zinc Oxide 10% (and) Silica", ["Aqua", "Zinc Oxide", "Silica"], id="a-dose"),
    # what stays whole
    pytest.param("Fragrance (Parfum (and) Limonene), Water", ["Fragrance", "Water"], id="nested-in-a-bracket"),
    # a bare conjunction between two known names cuts them too (see test_parse_glued.py)
    pytest.param("Aqua, Mica and Silica", ["Aqua", "Mica", "Silica"], id="bare-and-between-names"),
    pytest.param("Aqua, Glycerin, and Parfum", ["Aqua", "Glycerin", "Parfum"], id="and-before-the-last"),
    pytest.param("Aqua, Tocopherol (E), Silica", ["Aqua", "Tocopherol (E)", "Silica"], id="no-such-conjunction"),
]


@pytest.mark.parametrize(("text", "names"), BLENDS)
def test_blends_are_split(text, names):
    items = parse(text)
    assert [i.name for i in items] == names
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    for item in items:
        assert text[item.span[0] : item.span[1]] == item.raw


def test_blend_spans_point_at_each_member():
    text = "Aqua, Cetearyl Alcohol (and) Ceteareth-20, Glycerin"
    items = parse(text)
    assert [i.span for i in items] == [(0, 4), (6, 22), (29, 41), (43, 51)]
    assert items[2].percent is None and items[2].alternatives == ()


@pytest.mark.parametrize("text", [b.values[0] for b in BLENDS])
def test_blend_rows_take_the_full_path(text):
    """The fast path cuts at commas only: a line holding a bracketed blend word is not
    plain, so parse, the full path and batch scoring's records agree."""
    if "(and)" in text.lower() or "(et)" in text or "(und)" in text:
        assert plain_stage._parse_plain(text) is None
    records = document_stage.items_not_plain(text)
    assert records is None or [(r.name, r.percent, r.alternatives) for r in records] == [
        (i.name, i.percent, i.alternatives) for i in parse(text)]


def test_a_header_word_is_not_carried_on():
    """``Ingredients`` (no colon) ending a line is a header, not a name ``Seed Oil`` carries on."""
    assert "Seed Oil" in [i.name for i in parse("INGREDIENTS\nSeed Oil, Water")]


PREAMBLES = [
    # A title or description before the first header is not the list.
    pytest.param("Krem do twarzy o lekkiej konsystencji. Skład: Aqua, Glycerin, Paraffinum Liquidum",
                 ["Aqua", "Glycerin", "Paraffinum Liquidum"], id="polish-description"),
    pytest.param("Krem. Skład: Aqua, Glycerin", ["Aqua", "Glycerin"], id="header-word-not-an-item"),
    pytest.param("Crème légère pour le visage. Ingrédients : Aqua, Glycerin, Parfum",
                 ["Aqua", "Glycerin", "Parfum"], id="french-description"),
    # Kept: an active with its percentage before "Inactive Ingredients:".
    pytest.param("Zinc Oxide 20%. Inactive Ingredients: Aqua, Glycerin",
                 ["Zinc Oxide", "Aqua", "Glycerin"], id="active-kept"),
    # Kept: a first list before "Other Ingredients:" (more than a title).
    pytest.param("Niacin, Biotin, Zinc, Selenium. Other Ingredients: Cellulose, Stearic Acid",
                 ["Niacin", "Biotin", "Zinc", "Selenium", "Cellulose", "Stearic Acid"],
                 id="first-list-kept"),
    # Kept: nothing after the header.
    pytest.param("Aqua, Glycerin. Ingredients:", ["Aqua", "Glycerin"], id="empty-header-kept"),
]


@pytest.mark.parametrize(("text", "names"), PREAMBLES)
def test_title_before_the_first_header(text, names):
    assert [i.name for i in parse(text)] == names


def test_items_after_a_section_label_are_no_title():
    """``Antioxidant: …`` names a group of the list: a header after it drops nothing."""
    found = [i.name for i in parse("Antioxidant: Tocopherol, Glycerin. Soothing Ingredients: "
                                   "Bisabolol, Allantoin")]
    assert found[:2] == ["Tocopherol", "Glycerin"]
