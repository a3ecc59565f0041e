"""Parser rules, one table per rule. Each case's id says what it shows."""

from __future__ import annotations

import pytest

from ingredients._parse import NAME_CLEANERS, Ingredient, clean_name, parse


def names(text: str) -> list[str]:
    return [i.name for i in parse(text)]


def one(text: str) -> Ingredient:
    found = parse(text)
    assert len(found) == 1, found
    return found[0]


# --- separators ----------------------------------------------------------------

SEPARATORS = [
    pytest.param("Water, Glycerin, Squalane", ["Water", "Glycerin", "Squalane"], id="commas"),
    pytest.param("Water; Glycerin; Squalane", ["Water", "Glycerin", "Squalane"], id="semicolons"),
    pytest.param("Water • Glycerin · Squalane", ["Water", "Glycerin", "Squalane"], id="bullets"),
    pytest.param("water | glycerin | squalane", ["water", "glycerin", "squalane"], id="pipes"),
    pytest.param(
        "Water\nGlycerin\r\nSqualane", ["Water", "Glycerin", "Squalane"], id="line-breaks"
    ),
    pytest.param(
        "Water , Glycerin ,Squalane.", ["Water", "Glycerin", "Squalane"], id="spaced-commas"
    ),
    pytest.param("1,2-Hexanediol, Water", ["1,2-Hexanediol", "Water"], id="comma-between-digits"),
    pytest.param("Water, 1,3-Propanediol", ["Water", "1,3-Propanediol"], id="locant-1-3"),
    pytest.param(  # sephora_2020_raw_html.csv row 1183: a lost space after the comma
        "Glycereth-26,1,2-Hexanediol, Water", ["Glycereth-26", "1,2-Hexanediol", "Water"],
        id="name-number-then-locants",
    ),
    pytest.param(
        "2-Oleamido-1,3-Octadecanediol, Water", ["2-Oleamido-1,3-Octadecanediol", "Water"],
        id="locants-inside-a-name",
    ),
    pytest.param("Glycerin 12,5%, Water", ["Glycerin", "Water"], id="decimal-comma"),
    pytest.param(
        "water | 1 | 2-hexanediol | glycerin",
        ["water", "1,2-hexanediol", "glycerin"],
        id="locant-split-by-scraper",
    ),
    pytest.param(
        "Iron Oxides (CI 77491, CI 77492), Mica", ["Iron Oxides", "Mica"], id="comma-in-brackets"
    ),
    pytest.param(
        "Stellaria Media (Chickweed( Extract, Malt Extract",
        ["Stellaria Media (Chickweed( Extract", "Malt Extract"],
        id="unbalanced-bracket-ignored",
    ),
    pytest.param(
        "Phenoxyethanol. May Contain: Mica", ["Phenoxyethanol", "Mica"], id="sentence-end"
    ),
    pytest.param("Alcohol Denat. , Water", ["Alcohol Denat.", "Water"], id="abbreviation-period"),
    pytest.param(
        "Salicylic Acid 1.50%Water, Alcohol",
        ["Salicylic Acid", "Water", "Alcohol"],
        id="glued-dose",
    ),
    pytest.param(
        "Water** (and) Argan Oil* (and) Propanediol** (and) Xanthan Gum",
        ["Water", "Argan Oil", "Propanediol", "Xanthan Gum"],
        id="list-written-as-blend",
    ),
    pytest.param(
        "Mica (and) Titanium Dioxide, Water",
        ["Mica", "Titanium Dioxide", "Water"],
        id="blend-inside-a-comma-list",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEPARATORS)
def test_separators(text: str, expected: list[str]) -> None:
    """Items are cut at separators, never inside names or brackets."""
    assert names(text) == expected


# --- slashes -----------------------------------------------------------------------

SLASHES = [
    # part of the name
    pytest.param(
        "Caprylic/Capric Triglyceride", "Caprylic/Capric Triglyceride", (), id="triglyceride"
    ),
    pytest.param(
        "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
        "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
        (),
        id="crosspolymer",
    ),
    pytest.param("PEG/PPG-18/18 Dimethicone", "PEG/PPG-18/18 Dimethicone", (), id="numbered"),
    pytest.param(
        "Dimethicone/Vinyl Dimethicone Crosspolymer",
        "Dimethicone/Vinyl Dimethicone Crosspolymer",
        (),
        id="first-part-is-a-name-too",
    ),
    pytest.param(
        "Butylene Glycol Dicaprylate/Dicaprate",
        "Butylene Glycol Dicaprylate/Dicaprate",
        (),
        id="shared-suffix",
    ),
    pytest.param(
        "Saccharomyces/Camellia Sinensis Leaf/Cladosiphon Okamuranus/Rice Ferment Filtrate",
        "Saccharomyces/Camellia Sinensis Leaf/Cladosiphon Okamuranus/Rice Ferment Filtrate",
        (),
        id="ferment-filtrate",
    ),
    pytest.param(
        "Limonium Vulgare Flower/Leaf/Stem Extract",
        "Limonium Vulgare Flower/Leaf/Stem Extract",
        (),
        id="plant-parts",
    ),
    pytest.param(
        "Vaccinium Myrtillus Fruit / Leaf Extract",
        "Vaccinium Myrtillus Fruit / Leaf Extract",
        (),
        id="spaced-plant-parts",
    ),
    pytest.param(
        "Ammonium Acryloyldimethyltaurate / VP Copolymer",
        "Ammonium Acryloyldimethyltaurate / VP Copolymer",
        (),
        id="spaced-copolymer",
    ),
    pytest.param("Nylon-6/12", "Nylon-6/12", (), id="nylon"),
    # in scripts written without spaces between words the slashed parts are no words to
    # count (multilingual/zh-hant.csv#2, zh-hans.csv#0, ja.csv#10; on that label two such
    # ferments follow each other parted by a space, which now parts two items:
    # test_parse_glued.py, two-han-ferments-parted-by-a-space)
    pytest.param(
        "裂殖酵母菌絲體／無花果發酵產物濾液",
        "裂殖酵母菌絲體/無花果發酵產物濾液",
        (),
        id="han-ferment-filtrates",
    ),
    pytest.param("PEG- -6辛酸/癸酸甘油酯类", "PEG- -6辛酸/癸酸甘油酯类", (), id="han-glycerides"),
    pytest.param("乳酸桿菌／蓮籽發酵產物濾液", "乳酸桿菌/蓮籽發酵產物濾液", (), id="han-one-word-parts"),
    pytest.param("ケイ酸 (AL/MG)", "ケイ酸", ("AL/MG",), id="latin-parts-in-a-kana-bracket"),
    # synonyms
    pytest.param("Aqua/Water/Eau", "Aqua", ("Water", "Eau"), id="aqua-water-eau"),
    pytest.param("Water / Aqua / Eau", "Water", ("Aqua", "Eau"), id="spaced-synonyms"),
    pytest.param("Water\\Aqua\\Eau", "Water", ("Aqua", "Eau"), id="backslashes"),
    pytest.param("Parfum/Fragrance", "Parfum", ("Fragrance",), id="parfum-fragrance"),
    pytest.param("CI 77891/Titanium Dioxide", "CI 77891", ("Titanium Dioxide",), id="ci-number"),
    pytest.param("Mica/CI 77019", "Mica", ("CI 77019",), id="ci-number-second"),
    pytest.param("Ci 19140 / Yellow 5", "Ci 19140", ("Yellow 5",), id="colour-name"),
    pytest.param("Honey/Mel/Miel", "Honey", ("Mel", "Miel"), id="honey"),
    pytest.param(
        "Yeast Extract/Faex/Extrait De Levure",
        "Yeast Extract",
        ("Faex", "Extrait De Levure"),
        id="french-translation",
    ),
    pytest.param(
        "Paraffinum Liquidum / Mineral Oil",
        "Paraffinum Liquidum",
        ("Mineral Oil",),
        id="two-full-names",
    ),
    pytest.param(
        "Butyrospermum Parkii Butter / Shea Butter",
        "Butyrospermum Parkii Butter",
        ("Shea Butter",),
        id="latin-and-common",
    ),
]


@pytest.mark.parametrize(("text", "name", "alternatives"), SLASHES)
def test_slashes(text: str, name: str, alternatives: tuple[str, ...]) -> None:
    """A slash is part of a name, or separates names of one ingredient."""
    item = one(text)
    assert (item.name, item.alternatives) == (name, alternatives)


def test_slash_dominant_list_separates_ingredients() -> None:
    """In a `` / ``-separated list the slash separates ingredients; pairs are merged."""
    text = (
        "cyclopentasiloxane / dimethiconol / alcohol / dimethicone / cocos nucifera oil / "
        "coconut oil / tocopherol / caprylic/capric triglyceride / parfum / fragrance"
    )
    found = parse(text)
    assert [i.name for i in found] == [
        "cyclopentasiloxane",
        "dimethiconol",
        "alcohol",
        "dimethicone",
        "cocos nucifera oil",
        "tocopherol",
        "caprylic/capric triglyceride",
        "parfum",
    ]
    assert found[4].alternatives == ("coconut oil",)
    assert found[4].raw == "cocos nucifera oil / coconut oil"
    assert found[-1].alternatives == ("fragrance",)


# --- brackets ------------------------------------------------------------------------

BRACKETS = [
    pytest.param("Water (Aqua)", "Water", ("Aqua",), id="trailing-synonym"),
    pytest.param("Water (Aqua, Eau)", "Water", ("Aqua", "Eau"), id="trailing-two-synonyms"),
    pytest.param("Water (Aqua / Eau)", "Water", ("Aqua", "Eau"), id="trailing-slashed"),
    pytest.param(
        "Tocopheryl Acetate (Vitamin E)", "Tocopheryl Acetate", ("Vitamin E",), id="vitamin"
    ),
    pytest.param(
        "Butyrospermum Parkii (Shea Butter)",
        "Butyrospermum Parkii",
        ("Shea Butter",),
        id="trailing-common-name",
    ),
    pytest.param(
        "Hamamelis Virginiana Water (Hamamelis Virginiana (Witch Hazel) Water)",
        "Hamamelis Virginiana Water",
        ("Hamamelis Virginiana (Witch Hazel) Water",),
        id="nested",
    ),
    pytest.param(
        "Iron Oxides (CI 77491, CI 77492, CI 77499)",
        "Iron Oxides",
        ("CI 77491", "CI 77492", "CI 77499"),
        id="colour-index-numbers",
    ),
    pytest.param(
        "Butyrospermum Parkii (Shea) Butter",
        "Butyrospermum Parkii (Shea) Butter",
        ("Butyrospermum Parkii Butter", "Shea Butter"),
        id="inside",
    ),
    pytest.param(
        "Cocos Nucifera (Coconut) Oil",
        "Cocos Nucifera (Coconut) Oil",
        ("Cocos Nucifera Oil", "Coconut Oil"),
        id="inside-oil",
    ),
    pytest.param(
        "Euphorbia Cerifera (Candelilla) Wax/Candelilla Cera/Cire de candelilla",
        "Euphorbia Cerifera (Candelilla) Wax",
        ("Euphorbia Cerifera Wax", "Candelilla Wax", "Candelilla Cera", "Cire de candelilla"),
        id="inside-and-slashes",
    ),
    pytest.param(
        "Hydrogenated Poly(C6-14 Olefin)",
        "Hydrogenated Poly(C6-14 Olefin)",
        (),
        id="chemical-bracket",
    ),
    pytest.param("L (+) Lactic Acid", "L (+) Lactic Acid", (), id="optical-isomer"),
    pytest.param("Fragrance ()", "Fragrance", (), id="empty-brackets"),
]


@pytest.mark.parametrize(("text", "name", "alternatives"), BRACKETS)
def test_brackets(text: str, name: str, alternatives: tuple[str, ...]) -> None:
    """Trailing brackets give alternatives; brackets inside a name stay and add alternatives."""
    item = one(text)
    assert (item.name, item.alternatives) == (name, alternatives)


# --- doses, marks, case ---------------------------------------------------------------

CLEANING = [
    pytest.param("Zinc Oxide 17.1%", "Zinc Oxide", 17.1, (), id="dose"),
    pytest.param("Niacinamide 10%", "Niacinamide", 10.0, (), id="whole-dose"),
    pytest.param("Salicylic Acid 0,5 %", "Salicylic Acid", 0.5, (), id="decimal-comma"),
    pytest.param("Avobenzone (2.5%)", "Avobenzone", 2.5, (), id="bracketed-dose"),
    pytest.param("10% Niacinamide", "Niacinamide", 10.0, (), id="leading-dose"),
    pytest.param("Titanium Dioxide [nano]", "Titanium Dioxide", None, ("nano",), id="nano-bracket"),
    pytest.param("Zinc Oxide (nano)", "Zinc Oxide", None, ("nano",), id="nano-paren"),
    pytest.param("Titanium Dioxide nano", "Titanium Dioxide", None, ("nano",), id="nano-word"),
    pytest.param("Nanocellulose", "Nanocellulose", None, (), id="nano-inside-word"),
    pytest.param("Rosa Canina Fruit Oil*", "Rosa Canina Fruit Oil", None, (), id="footnote-mark"),
    pytest.param("Citrus Limon Peel Oil++", "Citrus Limon Peel Oil", None, (), id="plus-marks"),
    pytest.param("Pitera™ Galactomyces®", "Pitera Galactomyces", None, (), id="trademarks"),
    pytest.param("Gly\u200bcerin", "Glycerin", None, (), id="zero-width"),
    pytest.param("Sodium\xa0Hyaluronate", "Sodium Hyaluronate", None, (), id="nbsp"),
    pytest.param("Penty- lene Glycol", "Pentylene Glycol", None, (), id="line-wrap-hyphen"),
    pytest.param("Peg - 100 Stearate", "Peg-100 Stearate", None, (), id="spaced-hyphen"),
    pytest.param("sodium PCA", "sodium PCA", None, (), id="case-kept"),
    pytest.param("Cl 77891", "Cl 77891", None, (), id="ocr-cl-kept"),
    pytest.param("Water.", "Water", None, (), id="final-period"),
]


@pytest.mark.parametrize(("text", "name", "percent", "flags"), CLEANING)
def test_cleaning(text: str, name: str, percent: float | None, flags: tuple[str, ...]) -> None:
    """Doses go to ``percent``; marks, markup and invisible characters leave the name."""
    item = one(text)
    assert (item.name, item.percent, item.flags) == (name, percent, flags)
    assert item.raw == text.rstrip(".") or item.raw == text


# A list led by a word of the packs' ``list_leads`` and no colon (pl.yaml: ``zawiera``,
# "contains"): the first name starts after the word.
LIST_LEADS = [
    pytest.param("Zawiera masło shea, wosk pszczeli", ["masło shea", "wosk pszczeli"], id="capitalised"),
    pytest.param("zawiera olej rycynowy, wosk pszczeli", ["olej rycynowy", "wosk pszczeli"], id="lower-case"),
    pytest.param("ZAWIERA olej rycynowy", ["olej rycynowy"], id="upper-case-ascii-line"),
    pytest.param("Krem. Zawiera masło shea, olej rycynowy.", ["Krem", "masło shea", "olej rycynowy"],
                 id="after-a-sentence"),
    # kept: the word alone, or glued into a longer word
    pytest.param("Zawiera", ["Zawiera"], id="alone"),
    pytest.param("Zawieraxyz olej", ["Zawieraxyz olej"], id="inside-a-word"),
    # the lead word is also a sentence word of pl.yaml; opening a short list it makes no
    # sentence of it (extra_lists.csv extra-pl-0002, Mexmo lip scrub: the whole list was dropped)
    pytest.param("Zawiera masło shea, wosk karnauba i witaminę e.", ["masło shea", "wosk karnauba", "witaminę e"],
                 id="short-list-is-no-sentence"),
    pytest.param("Krem zawiera masło shea i jest dla skóry suchej, nawilża ją.", [], id="inside-a-sentence"),
    # en.yaml ``ingredients``: a shop text that lost the colon (openbeautyfacts_sample.csv)
    pytest.param("Ingredients Sodium Palmate, Aqua", ["Sodium Palmate", "Aqua"], id="english-without-a-colon"),
    # kept before a sentence word: a note (sephora_2019_cosmetics.csv, "Note : Ingredients from
    # Natural Resources")
    pytest.param("Aqua, Ingredients from organic farming", ["Aqua", "Ingredients from organic farming"],
                 id="before-a-sentence-word"),
]


@pytest.mark.parametrize(("text", "names"), LIST_LEADS)
def test_list_leads(text: str, names: list[str]) -> None:
    """A list-leading word without a colon is no part of the first name."""
    assert [i.name for i in parse(text)] == names


# A pharmacopoeia title's qualifier after a comma (it.yaml ``title_qualifiers``: Ph. Eur.
# order, "Vaselina, bianca", "canfora, racemica") qualifies the name before it.
TITLE_QUALIFIERS = [
    pytest.param("Vaselina, bianca", ["Vaselina bianca"], id="line-of-its-own"),
    pytest.param("20 mg canfora, racemica", ["canfora racemica"], id="after-a-dose"),
    pytest.param("Vaselina, bianca, lanolina", ["Vaselina bianca", "lanolina"], id="inside-a-list"),
    pytest.param("Vaselina,bianca", ["Vaselina bianca"], id="no-space"),
    # not joined: no comma before it, a name with a percentage, the word first
    pytest.param("Glicerina. Bianca", ["Glicerina", "Bianca"], id="after-a-sentence-end"),
    pytest.param("canfora 5%, racemica", ["canfora", "racemica"], id="after-a-percentage"),
    pytest.param("Bianca, Vaselina", ["Bianca", "Vaselina"], id="first"),
]


@pytest.mark.parametrize(("text", "names"), TITLE_QUALIFIERS)
def test_title_qualifiers(text: str, names: list[str]) -> None:
    """A lone title qualifier after a comma is part of the name before it; the raw text
    spans both."""
    items = parse(text)
    assert [i.name for i in items] == names
    assert all(text[i.span[0] : i.span[1]] == i.raw for i in items)


# Pharmacopoeia compositions (Swissmedic): a name and its dose; the vehicle "to make 1 g".
# The words are la-pharm.yaml's ``dose_units``, ``dose_words`` and ``potency_scales``.
DOSES = [
    pytest.param("dexpanthenolum 50 mg, adeps lanae", ["dexpanthenolum", "adeps lanae"], id="mg"),
    pytest.param("zinci oxidum 40 mg, vaselinum album", ["zinci oxidum", "vaselinum album"], id="mg-2"),
    pytest.param("balsamum peruvianum 9 mg", ["balsamum peruvianum"], id="two-word-name"),
    pytest.param("sulfur D6 2.7 mg", ["sulfur"], id="potency-before-dose"),
    pytest.param("calendula officinalis TM 4.5 mg", ["calendula officinalis"], id="mother-tincture"),
    pytest.param("kalii dichromas D12 ana partes 25 mg", ["kalii dichromas"], id="ana-partes"),
    pytest.param("neomycinum 3.5 mg ut neomycini sulfas", ["neomycinum"], id="salt-after-dose"),
    pytest.param("retinoli palmitas 400 U.I.", ["retinoli palmitas"], id="units-with-stops"),
    pytest.param("adeps lanae, excipiens ad unguentum pro 1 g.", ["adeps lanae"], id="excipiens"),
    pytest.param("adeps lanae, excipiens ad emulsionem pro 5 ml.", ["adeps lanae"], id="excipiens-ml"),
    pytest.param("ethanolum, aqua q.s. ad unguentum pro 1 g.", ["ethanolum", "aqua"], id="aqua-q-s"),
    pytest.param("cera alba, ad unguentum pro vase 5 g.", ["cera alba"], id="vehicle-alone"),
    # no dose: nothing is cut
    pytest.param("arnica montana D6, polysorbatum 60", ["arnica montana D6", "polysorbatum 60"], id="no-unit"),
    pytest.param("Vitamin D3, Ceteareth-20", ["Vitamin D3", "Ceteareth-20"], id="english-potency-like"),
    pytest.param("Glycerin, 5 mg", ["Glycerin", "5 mg"], id="dose-without-a-name"),
    # a dose before the name (Polish and Dutch leaflets: "200 mg of azelaic acid", the name in
    # the genitive) is no part of it
    pytest.param("200mg kwasu azelainowego", ["kwasu azelainowego"], id="glued-dose-before"),
    pytest.param("200 mg kwasu salicylowego", ["kwasu salicylowego"], id="dose-before"),
    pytest.param("Zalf: 50 mg 50 mg benzoëzuur", ["benzoëzuur"], id="repeated-dose-before"),
    pytest.param("dexpanthenolum 50 mg, 5mg adeps lanae", ["dexpanthenolum", "adeps lanae"],
                 id="dose-before-and-after"),
    # a word of the packs' ``dose_links`` after a leading dose goes with it (it.yaml ``di``,
    # extra_lists.csv extra-it-0004: "50 mg di olio di eucalipto"); a dose word ends the name
    # after one (nl.yaml ``per``, extra-nl-0006: "50 mg salicylzuur per gram")
    pytest.param("50 mg di olio di eucalipto", ["olio di eucalipto"], id="dose-link"),
    pytest.param("3 mg di timolo", ["timolo"], id="dose-link-one-word"),
    pytest.param("olio di eucalipto 50 mg", ["olio di eucalipto"], id="link-inside-a-name-kept"),
    pytest.param("50 mg salicylzuur per gram", ["salicylzuur"], id="per-gram-after-the-name"),
    pytest.param("Glycerin 5 mg per 1 g", ["Glycerin"], id="per-after-a-dose"),
    pytest.param("200 mg Vitamin D3", ["Vitamin D3"], id="potency-like-word-after-a-leading-dose"),
    # a written conjunction of a pack before a dose starts the next name, known or not
    # (extra_lists.csv extra-nl-0006)
    pytest.param("Zalf: 50 mg 50 mg benzoëzuur en 50 mg salicylzuur per gram",
                 ["benzoëzuur", "salicylzuur"], id="conjunction-before-a-dose"),
    pytest.param("Glycerin and 5 mg Menthol, Water", ["Glycerin", "Menthol", "Water"],
                 id="conjunction-before-a-dose-ascii"),
    pytest.param("10 mg foo and 5 mg bar and 2 mg baz", ["foo", "bar", "baz"], id="two-conjunctions"),
    pytest.param("Water and 5 mg", ["Water and"], id="conjunction-before-a-dose-alone"),
    pytest.param("Zinc Oxide (and 5 mg) Water", ["Zinc Oxide (and 5 mg) Water"], id="inside-brackets"),
    pytest.param("100mg", ["100mg"], id="glued-dose-alone"),
    pytest.param("3 g 4", ["3 g 4"], id="no-word-after-the-dose"),
    pytest.param("5 Mgso4", ["5 Mgso4"], id="no-unit"),
]


@pytest.mark.parametrize(("text", "names"), DOSES)
def test_pharmacopoeia_doses(text: str, names: list[str]) -> None:
    """A dose after a name ends it; ``excipiens ad ... pro 1 g`` is no ingredient."""
    items = parse(text)
    assert [i.name for i in items] == names
    assert all(i.percent is None for i in items)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(" Glycerin ", "Glycerin", id="spaces"),
        pytest.param("*Aloe Vera**", "Aloe Vera", id="marks"),
        pytest.param("and Octisalate", "Octisalate", id="leading-and"),
        pytest.param("Water/?Aqua", "Water/Aqua", id="lost-character"),
        pytest.param("C263871/1 Aqua", "Aqua", id="batch-code"),
    ],
)
def test_clean_name(text: str, expected: str) -> None:
    """The ordered cleaning steps, end to end."""
    assert clean_name(text) == expected


def test_every_cleaner_is_idempotent() -> None:
    """Running a step twice changes nothing more than running it once."""
    sample = " *Gly\u200bcerin™ - 5 (and)  Peg - 100., "
    for step in NAME_CLEANERS:
        once = step(sample)
        assert step(once) == once, step.__name__


# A line, or a label before a colon, that is a header phrase of the packs (it.yaml
# ``header_phrases``: "principi attivi", "ingredienti attivi", extra_lists.csv extra-it-0003 and
# extra-it-0004) is a header, though its last word is no header word alone.
HEADER_PHRASES = [
    pytest.param("ingredienti attivi\n3 mg di timolo\ningredienti\nparaffina dura",
                 ["timolo", "paraffina dura"], id="line-of-its-own"),
    pytest.param("PRINCIPI ATTIVI\ncanfora 5 g\nECCIPIENTI\nTimolo", ["canfora", "Timolo"],
                 id="upper-case"),
    pytest.param("Principi attivi: canfora 5 g; mentolo 2,75 g", ["canfora", "mentolo"], id="before-a-colon"),
    pytest.param("ingredienti attivi:\ncanfora", ["canfora"], id="line-with-its-colon"),
    # not a header: the phrase inside a longer line, or one of its words alone
    pytest.param("attivi\ncanfora", ["attivi", "canfora"], id="tail-word-alone"),
    pytest.param("olio, principi attivi vegetali", ["olio", "principi attivi vegetali"], id="inside-a-name"),
]


@pytest.mark.parametrize(("text", "names"), HEADER_PHRASES)
def test_header_phrases(text: str, names: list[str]) -> None:
    """A header phrase on its own line or before a colon heads the list and is no item."""
    items = parse(text)
    assert [i.name for i in items] == names
    assert all(i.section is None for i in items)


# A key ingredient's name, " - " and a description holding a strong sentence word (pl.yaml verbs:
# extra_lists.csv extra-pl-0003 and extra-pl-0004, FaceBoom key-ingredient lines): the name is
# read, flagged "highlight", also when the sentence it opens is prose and dropped.
DESCRIBED_NAMES = [
    pytest.param("Kwas cytrynowy (aha) - rozjaśnia przebarwienia potrądzikowe i posłoneczne.",
                 ["Kwas cytrynowy"], 1, id="lower-case-description"),
    pytest.param("Trehaloza -  Wykazuje właściwości przeciwutleniające, chroni przed szkodliwymi "
                 "czynnikami zewnętrznymi.", ["Trehaloza"], 1, id="prose-sentence-dropped"),
    pytest.param("ODKRYJ MOJE WNĘTRZE\nGlukonolakton (pha) -  redukuje zmiany potrądzikowe i "
                 "niedoskonałości, zapobiega powstawaniu zaskórników.\nTrehaloza - Wykazuje właściwości",
                 ["ODKRYJ MOJE WNĘTRZE", "Glukonolakton", "Trehaloza"], 2, id="lines"),
    pytest.param("Hyaluronic Acid - helps to hydrate the skin and keeps it plump all day long.",
                 ["Hyaluronic Acid"], 1, id="english"),
    # not read so: two names of one ingredient, a name in lower case, a piece inside a
    # sentence (the prose sentence is dropped whole), a description without a sentence word
    pytest.param("Cocos Nucifera Oil - Coconut Oil, Water", ["Cocos Nucifera Oil - Coconut Oil", "Water"], 0,
                 id="name-pair"),
    pytest.param("marula series - seri luxury dari dancoly", ["marula series - seri luxury dari dancoly"], 0,
                 id="lower-case-name"),
    pytest.param("We believe all of this should be fun, too - we are named after it", [], 0,
                 id="inside-a-sentence"),
    pytest.param("Sodium Hydroxide - pH adjuster", ["Sodium Hydroxide - pH adjuster"], 0, id="no-sentence-word"),
]


@pytest.mark.parametrize(("text", "names", "highlighted"), DESCRIBED_NAMES)
def test_described_names(text: str, names: list[str], highlighted: int) -> None:
    """The name before a description is the item, flagged ``"highlight"``; its raw text is
    the name as written."""
    items = parse(text)
    assert [i.name for i in items] == names
    assert sum("highlight" in i.flags for i in items) == highlighted
    assert all(text[i.span[0] : i.span[1]] == i.raw for i in items)


@pytest.mark.parametrize("text", [p.values[0] for p in DESCRIBED_NAMES + HEADER_PHRASES])
def test_leaflet_rules_alike_on_every_path(text: str) -> None:
    """The fast path refuses a line the full path reads otherwise (a described name is a
    part of :mod:`.glued`'s kind): both give the same items."""
    from ingredients._parse import document as document_stage

    full = document_stage._join_spaced_locants(text, document_stage._parse_full(text, fast_lines=False))
    assert parse(text) == full


@pytest.mark.parametrize("text", [
    "Hyaluronic Acid - helps to hydrate the skin and keeps it plump all day long.",
    "Glycerin and 5 mg Menthol, Water",
    "Water, 50 mg di olio di eucalipto",
])
def test_leaflet_rules_alike_in_batch_rows(text: str) -> None:
    """Batch scoring (which reads plain parts itself) finds the items :func:`parse` finds."""
    import ingredients
    from ingredients._batch import RESULT_COLUMNS, RowScorer

    row = RowScorer(ingredients.default_database()).row(text, "leave-on", "face")
    got = dict(zip(RESULT_COLUMNS, row, strict=True))
    assert got["n_ingredients"] == len(parse(text)) == len(ingredients.analyze(text).findings)



# --- headers, sections, may-contain, footnotes ---------------------------------------------

STRUCTURE = [
    pytest.param("Ingredients: Water, Glycerin", ["Water", "Glycerin"], id="header"),
    pytest.param("INCI: Aqua, Glycerin", ["Aqua", "Glycerin"], id="inci-header"),
    pytest.param(
        "Active Ingredients: Zinc Oxide 17.1% Inactive Ingredients: Water, Glycerin",
        ["Zinc Oxide", "Water", "Glycerin"],
        id="drug-facts",
    ),
    pytest.param(
        "Adv Night Repair Division: El (Estee Lauder)Ingredients: Water, Glycerin",
        ["Water", "Glycerin"],
        id="catalogue-title-before-header",
    ),
    pytest.param(
        "Active Ingredients: Avobenzone 3.00% , Octocrylene 2.70%Ingredients: Water",
        ["Avobenzone", "Octocrylene", "Water"],
        id="dose-glued-to-header",
    ),
    pytest.param(
        "Water, Glycerin. *Certified organic. **From natural origin.",
        ["Water", "Glycerin"],
        id="footnotes",
    ),
    pytest.param(
        "Water, Phenoxyethanol * Essential Oil", ["Water", "Phenoxyethanol"], id="footnote-glued"
    ),
    pytest.param("*Certified organic", [], id="only-a-footnote"),
    pytest.param(
        "aqua | *linalool | *citral", ["aqua", "linalool", "citral"], id="marked-items-kept"
    ),
    pytest.param(
        "Water, Glycerin. Please be aware that ingredient lists may change or vary.",
        ["Water", "Glycerin"],
        id="boilerplate-stop",
    ),
    pytest.param(
        "Water, Glycerin<br><b>Clean at Sephora products are formulated without:</b><br>"
        "Parabens, Mineral Oil, Phthalates",
        ["Water", "Glycerin"],
        id="formulated-without",
    ),
    pytest.param(
        "Water, Squalane. Free of parabens, sulfates and silicones.",
        ["Water", "Squalane"],
        id="free-of",
    ),
    pytest.param(
        "-Snap 8 Peptide: Helps relax the look of expression lines. -Ghostberry: Visibly soothes "
        "skin. Water/Aqua/Eau, Glycerin",
        ["Water", "Glycerin"],
        id="marketing-bullets",
    ),
    pytest.param(
        "-Titanium Dioxide 3.55%: Sunscreen. -Octinoxate 3.74%: Sunscreen.",
        ["Titanium Dioxide", "Octinoxate"],
        id="drug-facts-bullets",
    ),
    pytest.param(
        "Hydra Technology yang menggabungkan 3 bahan yang kuat yaitu: Ekstrak Beras, Vitamin B5",
        ["Ekstrak Beras", "Vitamin B5"],
        id="lead-in-sentence",
    ),
]


@pytest.mark.parametrize(("text", "expected"), STRUCTURE)
def test_structure(text: str, expected: list[str]) -> None:
    """Headers, footnotes, boilerplate and marketing produce no ingredients."""
    assert names(text) == expected


def test_sections() -> None:
    """A short line ending in a colon names the kit part of the items after it."""
    found = parse("['Big Sky:', 'Water, Fragrance', 'Night Sky:', 'Alcohol']")
    assert [(i.name, i.section) for i in found] == [
        ("Water", "Big Sky"),
        ("Fragrance", "Big Sky"),
        ("Alcohol", "Night Sky"),
    ]


MAY_CONTAIN = [
    pytest.param("Talc. May Contain: Mica, CI 77891", id="may-contain-colon"),
    pytest.param("Talc, May Contain (+/-): Mica, CI 77891", id="may-contain-plus-minus"),
    pytest.param("Talc [+/- Mica, CI 77891]", id="bracketed-plus-minus"),
    pytest.param("Talc, [+/- May Contain: Mica, CI 77891].", id="bracketed-may-contain"),
    pytest.param("Talc, May contain Mica, CI 77891", id="no-colon"),
    pytest.param("Talc +/- Mica, CI 77891", id="inline-plus-minus"),
    pytest.param("Talc, May Contain / Peut Contenir (+/-) Mica, CI 77891", id="bilingual"),
    pytest.param("['Talc', 'May Contain:', 'Mica, CI 77891']", id="separate-element"),
]


@pytest.mark.parametrize("text", MAY_CONTAIN)
def test_may_contain(text: str) -> None:
    """Items after a may-contain marker are flagged; the ones before are not."""
    found = parse(text)
    assert [(i.name, i.may_contain) for i in found] == [
        ("Talc", False),
        ("Mica", True),
        ("CI 77891", True),
    ]


def test_may_contain_ends_with_the_section() -> None:
    """A new kit section starts without the previous shade range."""
    found = parse("['Lip:', 'Wax. May Contain: Mica', 'Cheek:', 'Talc']")
    assert [(i.name, i.may_contain) for i in found] == [
        ("Wax", False),
        ("Mica", True),
        ("Talc", False),
    ]


# --- markup and encodings ------------------------------------------------------------------------


def test_html_tags_and_entities() -> None:
    """Tags vanish or break lines; entities are decoded; spans point into the HTML."""
    text = '<div class="x">Water,<br/>Sodium&nbsp;Hyaluronate, Rose &amp; Mint Oil</div>'
    found = parse(text)
    assert [i.name for i in found] == ["Water", "Sodium Hyaluronate", "Rose & Mint Oil"]
    assert found[1].raw == "Sodium&nbsp;Hyaluronate"
    assert found[2].raw == "Rose &amp; Mint Oil"


def test_stringified_python_list() -> None:
    """List elements are paragraphs; spans point into the original literal."""
    text = "['Water, Glycerin', 'Yeast Extract\\\\Faex']"
    found = parse(text)
    assert [i.name for i in found] == ["Water", "Glycerin", "Yeast Extract"]
    assert found[2].raw == "Yeast Extract\\\\Faex"
    assert found[2].alternatives == ("Faex",)


def test_broken_list_literal_is_plain_text() -> None:
    """A literal that does not evaluate is read as text, brackets and quotes included."""
    found = parse("['Water, Glycerin'")
    assert [i.name for i in found] == ["Water", "Glycerin"]


# --- not a list --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n\t ", id="whitespace"),
        pytest.param("#NAME?", id="spreadsheet-error"),
        pytest.param("No Info", id="no-info"),
        pytest.param("Visit the Dior boutique", id="boutique-link"),
        pytest.param("[]", id="empty-list-literal"),
        pytest.param(
            "Jack Black is the grooming label for the guy who likes to keep things simple. "
            "From advanced shaving solutions to body care, the formulas are simple to use.",
            id="brand-blurb",
        ),
    ],
)
def test_not_an_ingredient_list(text: str) -> None:
    """Text without a list gives no ingredients."""
    assert parse(text) == []


# --- doubts are flagged, not dropped ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        pytest.param("Water, Formulated with Hibiscus, Glycerin", "prose", id="prose"),
        pytest.param("Water, " + "Verylongname " * 12, "long", id="long"),
        pytest.param(
            "-Betaine: Reinforces the skin barrier and helps deliver hydration Water (Aqua), "
            "Dicaprylyl Carbonate, Glycerin, Niacinamide",
            "uncertain-split",
            id="guessed-boundary",
        ),
    ],
)
def test_doubts_are_flagged(text: str, flag: str) -> None:
    """An item the parser is unsure of is kept, with a flag saying why."""
    assert any(flag in i.flags for i in parse(text))


def test_guessed_boundary_keeps_the_first_ingredient() -> None:
    """The list glued to a marketing sentence starts with its first capitalised name."""
    found = parse(
        "-Betaine: Reinforces the skin barrier and helps deliver hydration Water (Aqua), "
        "Dicaprylyl Carbonate, Glycerin, Niacinamide"
    )
    assert [i.name for i in found] == ["Water", "Dicaprylyl Carbonate", "Glycerin", "Niacinamide"]
    assert found[0].raw == "Water (Aqua)"


def test_bullet_names_without_description_are_highlights() -> None:
    """``-Zinc Oxide`` before the list is kept (flagged), unless the list names it again."""
    found = parse("-Hyaluronic Acid -Zinc Oxide\nWater, Zinc Oxide")
    assert [(i.name, i.flags) for i in found] == [
        ("Hyaluronic Acid", ("highlight",)),
        ("Water", ()),
        ("Zinc Oxide", ()),
    ]
