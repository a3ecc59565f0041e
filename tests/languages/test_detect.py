"""Report.language: detected per text from its script and words, overridable with language=/--lang."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from milia_cli.main import main

import ingredients
from ingredients._languages import detect_language, language_codes
from ingredients.errors import InputError


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("정제수, 글리세린, 미네랄오일", "ko"),
        ("水、BG、グリセリン、ミネラルオイル", "ja"),
        ("水、甘油、矿油", "zh-hans"),
        ("水、甘油、礦油", "zh-hant"),
        ("Ingrédients : Aqua, Glycérine, Huile de paraffine, Beurre de karité", "fr"),
        ("Agua, glicerina, aceite mineral", "es"),
        ("Air, Gliserin, Minyak Mineral", "id"),
        ("Aqua, Glycerin, Paraffinum Liquidum", "en"),
        # pt.csv: translated names and "of" words tell Portuguese (it was detected as French
        # for its "Parfum", a word every EU label prints)
        ("Água, Lauril Éter Sulfato de Sódio, Glicerina, Cloreto de Sódio, Fragrância (Parfum), "
         "Óleo de Semente de Girassol", "pt"),
        # an INCI list with a gloss or two is English (Canadian "Water/Eau", a trilingual name)
        ("Water/Eau, Dimethicone, Isododecane, Butylene Glycol, Bis-PEG-18 Methyl Ether Dimethyl "
         "Silane, Glycerin, Laminaria Saccharina Extract, Polygonum Cuspidatum Root Extract, "
         "Mineral Oil/Paraffinum Liquidum/Huile Minerale, Sodium Hyaluronate, Caffeine, Acetyl "
         "Hexapeptide-8, Tocopheryl Acetate, Disodium EDTA, Xanthan Gum, Caprylyl Glycol, "
         "Hexylene Glycol, Phenoxyethanol, Parfum", "en"),
    ],
)
def test_language_is_detected(text, language):
    assert detect_language(text) == language
    assert ingredients.analyze(text).language == language


def test_language_can_be_given():
    report = ingredients.analyze("Aqua, Glycerin", language="pt")
    assert report.language == "pt"
    assert report.to_dict()["language"] == "pt"


def test_an_unknown_language_is_refused():
    with pytest.raises(InputError, match="unknown language 'xx'"):
        ingredients.analyze("Aqua, Glycerin", language="xx")
    assert "root" not in language_codes()


def test_cli_lang_option():
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--format", "json", "--lang", "fr", "Aqua, Glycérine"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["language"] == "fr"
    bad = runner.invoke(main, ["check", "--lang", "xx", "Aqua"])
    assert bad.exit_code != 0 and "unknown language 'xx'" in bad.output
    assert "Traceback" not in bad.output


def test_the_stored_cosing_words_are_the_vocabularys():
    """data/languages/inci_words.txt (make data) holds exactly the words of the CosIng names."""
    from ingredients import _languages

    db = ingredients.default_database()
    _languages._inci_words.cache_clear()
    assert _languages._inci_words() == _languages.inci_words_of(db.vocabulary)
    head = _languages._data_dir().joinpath(_languages.INCI_WORDS).read_text(encoding="utf-8").split("\n")[0]
    assert head == str(db.vocabulary.digest)
