"""European-language name tables (fr, es, it, de, pt, nl, pl): the issue's examples are read.

Every name below is a row of ``data/languages/<language>.yaml`` with a public page that prints
it beside the INCI name (``source`` and ``at`` in the row). A label without the accents reads
the same (``Beurre de karite``): the name tables also file each Latin-script name without them.
"""

from __future__ import annotations

import pytest

import ingredients
from ingredients._languages import fold_accents, name_table

EQUIVALENT = {"MINERAL OIL": "PARAFFINUM LIQUIDUM", "BEESWAX": "CERA ALBA", "WATER": "AQUA"}


def _same(inci: str | None) -> str | None:
    return EQUIVALENT.get(inci, inci) if inci else inci


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # French
        ("Huile de paraffine", "PARAFFINUM LIQUIDUM"),
        ("Huile minérale", "PARAFFINUM LIQUIDUM"),
        ("Beurre de karité", "BUTYROSPERMUM PARKII BUTTER"),
        ("Glycérine", "GLYCERIN"),
        ("Alcool cétéarylique", "CETEARYL ALCOHOL"),
        ("Alcool cétylique", "CETYL ALCOHOL"),
        ("Urée", "UREA"),
        ("Huile de ricin", "RICINUS COMMUNIS SEED OIL"),
        ("Huile d'avocat", "PERSEA GRATISSIMA OIL"),
        # Spanish
        ("Aceite mineral", "PARAFFINUM LIQUIDUM"),
        ("Aceite de parafina", "PARAFFINUM LIQUIDUM"),
        ("Vaselina", "PETROLATUM"),
        ("Glicerina", "GLYCERIN"),
        ("Cera de abejas", "CERA ALBA"),
        ("Manteca de karité", "BUTYROSPERMUM PARKII BUTTER"),
        ("Aceite de coco", "COCOS NUCIFERA OIL"),
        ("Escualano", "SQUALANE"),
        # Italian
        ("Olio di paraffina", "PARAFFINUM LIQUIDUM"),
        ("Olio minerale", "PARAFFINUM LIQUIDUM"),
        ("Cera d'api", "CERA ALBA"),
        ("Burro di karitè", "BUTYROSPERMUM PARKII BUTTER"),
        ("Olio di ricino", "RICINUS COMMUNIS SEED OIL"),
        ("Fenossietanolo", "PHENOXYETHANOL"),
        ("Metil p-idrossibenzoato", "METHYLPARABEN"),
        ("Olio di mandorle dolci", "PRUNUS AMYGDALUS DULCIS OIL"),
        ("Olio di semi di albicocca", "PRUNUS ARMENIACA KERNEL OIL"),
        ("Vaselina bianca", "PETROLATUM"),
        # German
        ("Paraffinöl", "PARAFFINUM LIQUIDUM"),
        ("Flüssiges Paraffin", "PARAFFINUM LIQUIDUM"),
        ("Sheabutter", "BUTYROSPERMUM PARKII BUTTER"),
        ("Bienenwachs", "CERA ALBA"),
        ("Kokosöl", "COCOS NUCIFERA OIL"),
        ("Wollfett", "LANOLIN"),
        ("Harnstoff", "UREA"),
        # Portuguese
        ("Óleo de parafina", "PARAFFINUM LIQUIDUM"),
        ("Óleo mineral", "PARAFFINUM LIQUIDUM"),
        ("Hialuronato de sódio", "SODIUM HYALURONATE"),
        # Dutch
        ("Sheaboter", "BUTYROSPERMUM PARKII BUTTER"),
        ("Melkzuur", "LACTIC ACID"),
        ("Kamfer", "CAMPHOR"),
        ("Salicylzuur", "SALICYLIC ACID"),
        ("Natriumbenzoaat", "SODIUM BENZOATE"),
        ("Benzoëzuur", "BENZOIC ACID"),
        # (Belgian eHealth allergen value set: the nl-BE designation beside the English one)
        ("Eucalyptusolie", "EUCALYPTUS OIL"),
        ("Azelaïnezuur", "AZELAIC ACID"),
        ("Cacaoboter", "THEOBROMA CACAO SEED BUTTER"),
        # Polish
        ("Płynna parafina", "PARAFFINUM LIQUIDUM"),
        ("Wosk pszczeli", "CERA ALBA"),
        ("Chlorek sodu", "SODIUM CHLORIDE"),
        # (extra_lists.csv extra-pl-0004/0006/0008: Polish pharmacy and key-ingredient texts)
        ("Lewomentol", "MENTHOL"),
        ("Olejek eukaliptusowy", "EUCALYPTUS OIL"),
        ("Olejek terpentynowy", "TURPENTINE"),
        ("Woda oczyszczona", "AQUA"),
        ("Olejek z drzewa herbacianego", "MELALEUCA ALTERNIFOLIA LEAF OIL"),
        # Pharmacopoeia Latin (Swissmedic compositions)
        ("Ureum", "UREA"),
        ("Levomentholum", "MENTHOL"),
        ("Morrhuae oleum", "COD LIVER OIL"),
        ("Vanillinum", "VANILLIN"),
        ("E 160(a)", "BETA-CAROTENE"),
    ],
)
def test_a_european_name_reads_as_its_inci(name, inci):
    for text in (name, name.lower(), name.upper()):
        m = ingredients.match(text)
        assert _same(m.inci) == inci, (text, m)
        assert m.method in ("synonym", "exact") and m.confidence >= 0.9, (text, m)


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        ("Beurre de karite", "BUTYROSPERMUM PARKII BUTTER"),
        ("huile minerale", "PARAFFINUM LIQUIDUM"),
        ("Oleo de parafina", "PARAFFINUM LIQUIDUM"),
        ("Plynna parafina", "PARAFFINUM LIQUIDUM"),
        ("Paraffinol", "PARAFFINUM LIQUIDUM"),
        ("Burro di karité", "BUTYROSPERMUM PARKII BUTTER"),  # the other accent
        ("Glycerine", "GLYCERIN"),
    ],
)
def test_a_name_without_its_accents_reads_the_same(name, inci):
    assert _same(ingredients.match(name).inci) == inci


def test_the_issue_french_label_has_nothing_unread():
    r = ingredients.analyze("Ingrédients : Aqua, Glycérine, Huile de paraffine, Beurre de karité")
    assert r.unread == ()
    assert [_same(f.match.inci) for f in r.findings] == [
        "AQUA", "GLYCERIN", "PARAFFINUM LIQUIDUM", "BUTYROSPERMUM PARKII BUTTER",
    ]
    assert r.language == "fr"


def test_a_european_name_explains_where_it_comes_from():
    m = ingredients.match("Huile de paraffine")
    assert "French" in m.reason and "incibeauty.com" in m.reason


def test_folding_leaves_other_scripts_alone():
    assert fold_accents("huile minérale") == "huile minerale"
    assert fold_accents("płynna parafina") == "plynna parafina"
    assert fold_accents("グリセリン") == "グリセリン"  # a dakuten is part of the letter
    assert fold_accents("글리세린") == "글리세린"


def test_no_name_points_two_ways_with_or_without_accents():
    for key, rows in name_table().items():
        assert len({r.inci for r in rows}) == 1, key


@pytest.mark.parametrize("name", ["Parafina", "Paraffina", "Wollwachs", "Huile de vaseline"])
def test_a_name_no_source_pins_down_stays_unread(name):
    """``Parafina`` alone may be the wax or the oil; ``Wollwachs`` is LANOLIN or LANOLIN CERA."""
    assert ingredients.match(name).inci is None or ingredients.match(name).confidence < 0.9


@pytest.mark.parametrize(
    ("text", "inci"),
    [("vanillinum et alia", "VANILLIN"), ("Vanillinum et alia", "VANILLIN")],
)
def test_et_alia_after_a_latin_name_names_nothing(text, inci):
    """``arom.: vanillinum et alia``: vanillin "and others"; the words after the name are dropped."""
    assert ingredients.match(text).inci == inci
