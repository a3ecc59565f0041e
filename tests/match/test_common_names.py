"""Common and local names: no fuzzy guess at an unrelated substance; name tables resolve them."""

from __future__ import annotations

import pytest

import ingredients
from ingredients._match import Matcher


@pytest.mark.parametrize(
    ("query", "not_this"),
    [
        # a common name of real words is not a slip of an INCI name with other words
        ("Almond Oil", "SALMON OIL"),
        # a chemical name is not a slip of another compound
        ("Hexadecanol", "HEXADECANE"),
        ("Hexadecanol", "HEXYLDECANOL"),
        # one word of many CosIng names is no slip of a one-word name (shared corpora and
        # Swissmedic compositions: a genus, a pharmacopoeia name, a fragment of a broken name)
        ("Echinacea", "ECHINACIN"),
        ("saccharum", "SACCHARIN"),
        ("Eucalyptus", "EUCALYPTOL"),
        ("Glutamate", "GLUTAMINE"),
        ("Trimethicone", "DIMETHICONE"),
        ("Glyceryl", "GLYCERIN"),
        ("argan", "ARGON"),
        # nor is a word of the vocabulary a slip of another one (shared corpora)
        ("Methyl Ester", "ETHYL ACETATE"),
        ("alkyl benzoate", "ALLYL BENZOATE"),
        ("Dimethylamine", "DIETHYLAMINE"),
    ],
)
def test_no_guess_at_an_unrelated_substance(query, not_this):
    assert ingredients.match(query).inci != not_this


def test_a_chemical_name_without_its_locant():
    """``Hexadecanol`` is ``1-Hexadecanol`` (a name CosDNA gives for cetyl alcohol), said as a guess."""
    m = ingredients.match("Hexadecanol")
    assert m.inci == "CETYL ALCOHOL"
    assert m.method == "fuzzy" and m.confidence < 0.9


@pytest.mark.parametrize(
    ("typo", "inci"),
    [
        # slips that keep the words of the name are still read
        ("Cetearyl Alcohl", "CETEARYL ALCOHOL"),
        ("Butryloctyl Salicylate", "BUTYLOCTYL SALICYLATE"),
        ("Wheat Germ Glyceride", "WHEAT GERM GLYCERIDES"),
        ("Camelia Japonica Seed Oil", "CAMELLIA JAPONICA SEED OIL"),
        ("Glycerinn", "GLYCERIN"),
        # one word written two ways: another vowel, another ending (shared corpora)
        ("Citrus Lemon Peel Oil", "CITRUS LIMON PEEL OIL"),
        ("Platycodon Grandiflorum Root Extract", "PLATYCODON GRANDIFLORUS ROOT EXTRACT"),
        ("Safflower Glycerides", "SAFFLOWER GLYCERIDE"),
        ("hydroxysultaine", "HYDROXYSULTAINES"),
        ("1.2-Hexanediol", "1,2-HEXANEDIOL"),
        ("Phenoxyethanl", "PHENOXYETHANOL"),
    ],
)
def test_slips_are_still_read(typo, inci):
    assert ingredients.match(typo).inci == inci


def test_name_table_rows_resolve_with_their_source():
    """Every name-table row of the shipped packs resolves to its CosIng name, saying where from."""
    from ingredients._languages import name_table

    db = ingredients.default_database()
    matcher = Matcher(db)
    table = name_table()
    assert table, "the shipped packs hold name tables"
    for rows in list(table.values())[:400]:
        row = rows[0]
        m = matcher.match(row.name)
        assert m.known, row
        if m.method == "synonym" and "name of" in m.reason:
            assert row.source in m.reason


@pytest.mark.parametrize("species", ["Hamamelis Virginiana", "Anthemis Nobilis", "Rosmarinus Officinalis",
                                     "Calendula Officinalis", "Aloe Barbadensis"])
def test_a_species_without_its_part_gets_a_species_answer(species):
    """Not one part picked silently: the species' rated entries decide only where they agree."""
    db = ingredients.default_database()
    m = ingredients.match(species)
    assert "part not stated" in m.reason
    prefix = species.upper() + " "
    rated = [n for n in db.vocabulary if n.startswith(prefix) and db.entries.get(n) is not None]
    ratings = {(db.entries[n].comedogenic_range, db.entries[n].occlusivity) for n in rated}
    if rated and len(ratings) == 1:
        assert m.method == "family" and m.confidence < 0.9 and m.inci in rated
    else:
        assert m.method == "unknown" and m.entry is None
    assert all(c.startswith(prefix) for c in m.candidates)


@pytest.mark.parametrize(
    ("query", "species", "form"),
    [
        # a form without its part (Sephora 2019/2020, Sociolla and Soco lists print these)
        ("Citrus Paradisi Extract", "CITRUS PARADISI", "EXTRACT"),
        ("Glycyrrhiza Glabra Extract", "GLYCYRRHIZA GLABRA", "EXTRACT"),
        ("Simmondsia Chinensis Oil", "SIMMONDSIA CHINENSIS", "OIL"),
        # a common name the curated label names of synonyms.yaml pair with one species
        ("Grapefruit Extract", "CITRUS PARADISI", "EXTRACT"),
        ("Calendula", "CALENDULA OFFICINALIS", None),
        ("Lavender", "LAVANDULA ANGUSTIFOLIA", None),
        ("Witch Hazel", "HAMAMELIS VIRGINIANA", None),
        ("Turmeric Extract", "CURCUMA LONGA", "EXTRACT"),
    ],
)
def test_a_form_or_common_name_without_its_part_gets_a_species_answer(query, species, form):
    """``Grapefruit Extract`` was VITIS VINIFERA FRUIT EXTRACT at 0.89 (through the pointer
    name "Grape Fruit Extract"): the species' own names of that form decide, or nothing."""
    db = ingredients.default_database()
    m = ingredients.match(query)
    assert "part not stated" in m.reason
    names = [n for n in db.vocabulary if n.startswith(species + " ")
             and (form is None or n.endswith(" " + form))]
    rated = [n for n in names if db.entries.get(n) is not None]
    ratings = {(db.entries[n].comedogenic_range, db.entries[n].occlusivity) for n in rated}
    if rated and len(ratings) == 1:
        assert m.method == "family" and m.confidence < 0.9 and m.inci in rated
    else:
        assert m.method == "unknown" and m.entry is None
    assert all(c in names for c in m.candidates) and (m.inci in names or m.candidates)


@pytest.mark.parametrize("name", ["Chamomile", "Chamomile Extract", "Witch Hazel Glycerin"])
def test_a_common_name_of_no_one_species_gets_no_species_answer(name):
    """Chamomile is Anthemis nobilis or Chamomilla recutita: no species is guessed."""
    assert "part not stated" not in ingredients.match(name).reason


@pytest.mark.parametrize("name", ["Almond Oil", "Shea Butter", "Rose Water"])
def test_a_name_with_a_part_or_form_is_no_species(name):
    """``Almond Oil`` starts CosIng names (ALMOND OIL PEG-6 ESTERS) but names no species."""
    assert "part not stated" not in ingredients.match(name).reason


@pytest.mark.parametrize(
    ("query", "inci"),
    [
        # real label forms (Sephora 2019 and 2023 lists print them)
        ("Organic Glycerin", "GLYCERIN"),
        ("Certified Organic Aloe Barbadensis Leaf Juice", "ALOE BARBADENSIS LEAF JUICE"),
        ("Organic Butyrospermum Parkii (Shea) Butter", "BUTYROSPERMUM PARKII BUTTER"),
        ("Cocos Nucifera Oil Virgin", "COCOS NUCIFERA OIL"),
        ("Unrefined Simmondsia Chinensis Seed Oil", "SIMMONDSIA CHINENSIS SEED OIL"),
    ],
)
def test_a_qualifier_word_is_read_past(query, inci):
    m = ingredients.match(query)
    assert m.inci == inci and m.read
    assert m.confidence <= 0.95 and "not part of the name" in m.reason


@pytest.mark.parametrize("query", ["Organic", "Organic Frobnium", "Unrefined Zorbleflex Oil"])
def test_a_qualifier_before_an_unknown_name_reads_nothing(query):
    assert not ingredients.match(query).read


def test_every_rated_name_reads_the_same_with_a_qualifier():
    """``Organic X`` is X for every name of every risk entry: the qualifier never
    turns a name into another substance."""
    db = ingredients.default_database()
    matcher = Matcher(db)
    wrong = []
    for entry in {id(e): e for e in db.entries.values()}.values():
        for name in entry.names:
            plain = matcher.match(name)
            if not plain.read:
                continue
            got = matcher.match(f"Organic {name.title()}")
            if db.entry(got.inci or "") is not db.entry(plain.inci or ""):
                wrong.append((name, got.inci))
    assert wrong == []


@pytest.mark.parametrize(
    ("query", "guess"),
    [
        # shared corpora: a guess that writes a word anew is another word more often than a slip
        ("Kelp Extract", "CANNABIS SATIVA EXTRACT"),
        ("Myrtle Extract", "TURTLE EXTRACT"),
        ("Peony Root Extract", "CUCUMIS MELO ROOT EXTRACT"),
        ("Calcium Threonate", "CALCIUM CARBONATE"),
        ("Cibic Acid", "CITRIC ACID"),
    ],
)
def test_a_guess_that_rewrites_a_word_is_only_a_possibility(query, guess):
    m = ingredients.match(query)
    assert m.inci in (None, guess)
    if m.inci is not None:
        assert m.confidence < 0.6 and "only a possibility" in m.reason
    finding = ingredients.analyze(f"Aqua, {query}, Glycerin").findings[1]
    assert not finding.read


@pytest.mark.parametrize(
    "typo",
    ["Gentelia Asiatica Extract", "Hydrogenated Lechitin", "Hibiscus Sabdaria Flower Extract"],
)
def test_slips_spread_over_a_long_word_are_still_read(typo):
    m = ingredients.match(typo)
    assert m.inci is not None and m.confidence >= 0.6


@pytest.mark.parametrize(
    ("name", "script"),
    [("아무거나추출물", "Hangul"), ("テスト成分", "Katakana"), ("未知成分", "Han"), ("წყალი", "Georgian")],
)
def test_an_unread_name_in_another_script_is_not_called_a_sentence_or_code(name, script):
    """Every unread Hangul, kana or Han name was explained as 'a sentence, claim or code'."""
    m = ingredients.match(name)
    assert m.inci is None
    assert f"written in {script} script" in m.reason and "sentence" not in m.reason


@pytest.mark.parametrize(
    ("name", "script", "latin"),
    [
        # ja labels: a kana name holding a Latin run the rules cannot place (a bare 't-',
        # an element symbol) is a name not read, not 'a sentence, claim or code'
        ("t-テストメタン", "Katakana", "t-"),
        ("テスト硫酸Na", "Katakana", "Na"),
        ("(テスト/VP)コポリマー", "Katakana", "VP"),
        ("테스트Mg", "Hangul", "Mg"),
    ],
)
def test_an_unread_name_in_another_script_with_a_latin_run_is_not_called_a_sentence(name, script, latin):
    m = ingredients.match(name)
    assert m.inci is None
    assert f"written in {script} script with the Latin letters {latin!r}" in m.reason
    assert "sentence" not in m.reason


def test_a_claim_word_beside_another_script_still_reads_as_a_claim():
    m = ingredients.match("無添加 free")
    assert m.inci is None and "sentence, claim or code" in m.reason
