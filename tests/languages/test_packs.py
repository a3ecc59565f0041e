"""Language packs (data/languages/): valid, compiled copy fresh, problems named by file, row and field."""

from __future__ import annotations

import json

import pytest

import ingredients
from ingredients import _languages
from ingredients._parse import languages as parse_languages


def test_shipped_packs_are_valid():
    db = ingredients.default_database()
    assert _languages.validate_languages(vocabulary=db.keys) == []


def test_compiled_copy_is_fresh():
    doc = json.loads(_languages._data_dir().joinpath(_languages.COMPILED).read_bytes())
    assert doc["digest"] == _languages.digest(_languages.pack_texts()), "run `make data` after editing"


def test_stale_compiled_copy_is_ignored():
    """Edited YAML wins over the compiled copy: correctness never depends on the cache."""
    texts = dict(_languages.pack_texts())
    texts["fr.yaml"] = texts["fr.yaml"].replace("peut contenir", "peut aussi contenir")
    docs = _languages.compiled_documents(texts)
    assert "peut aussi contenir" in docs["fr.yaml"]["label"]["may_contain"]


def test_every_marker_holds_a_hint():
    """The fast path's substring hints see every marker the packs define."""
    for marker in (*parse_languages._STOP_MARKERS, *parse_languages._EXCLUSION_MARKERS,
                   *parse_languages._MAY_CONTAIN_PREFIXES):
        # (only ASCII lines take the fast path: other markers need no hint)
        assert not marker.isascii() or any(hint in marker for hint in parse_languages._MARKER_HINTS), marker
    for marker in parse_languages._EXCLUSION_MARKERS:
        assert any(hint in marker for hint in parse_languages._EXCLUSION_HINTS), marker


GOOD = """
language: xx
name: Test
parent: root
label:
  headers: [komponen]
sources:
  lab: {kind: label, reference: "a real label"}
names:
  - {name: Minyak Mineral, inci: MINERAL OIL, source: lab, at: "row 1"}
"""


def _problems(text: str, name: str = "xx.yaml") -> list[str]:
    texts = {"root.yaml": _languages.pack_texts()["root.yaml"], name: text}
    return _languages.validate_languages(texts, vocabulary=ingredients.default_database().keys)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # a row without its source
        (("source: lab, at", "at"), "languages/xx.yaml: names[0].source: missing or not text"),
        # an INCI name CosIng does not have
        (("MINERAL OIL", "MINERAL OILS"), "languages/xx.yaml: names[0].inci: 'MINERAL OILS' is not a CosIng name"),
        # a source id the file does not define
        (("source: lab,", "source: shop,"), "languages/xx.yaml: names[0].source: 'shop' is not in this file's sources"),
        # an unquoted YAML boolean in a word list
        (("[komponen]", "[komponen, no]"), "languages/xx.yaml: label.headers[1]: False is not a word"),
        # an unknown field of a row
        (("at: \"row 1\"}", "at: \"row 1\", lang: id}"), "languages/xx.yaml: names[0].lang: unknown field"),
        # a file whose language is not its name
        (("language: xx", "language: yy"), "languages/xx.yaml: language: must be the file's name"),
    ],
)
def test_a_bad_row_is_named_by_file_row_and_field(edit, expected):
    assert _problems(GOOD) == []
    problems = _problems(GOOD.replace(*edit))
    assert any(p.startswith(expected) for p in problems), problems


def test_a_name_mapped_to_two_inci_names_is_refused():
    text = GOOD + "  - {name: minyak  mineral, inci: PETROLATUM, source: lab, at: \"row 2\"}\n"
    problems = _problems(text)
    assert problems == [
        "languages/xx.yaml: names[1].name: 'minyak  mineral' -> PETROLATUM but languages/xx.yaml "
        "names[0] maps it to MINERAL OIL"
    ]


def test_malformed_yaml_is_one_line():
    problems = _problems("language: xx\nlabel: [unclosed\n")
    assert len(problems) == 1 and problems[0].startswith("languages/xx.yaml: line ")


def test_db_validate_checks_the_packs():
    assert ingredients.validate_database() == []


def test_shipped_name_indexes_are_fresh_and_match_the_rules(monkeypatch):
    """``make data`` writes the translation and transliteration key indexes; they must be
    the ones the rules build now (a stale file would only cost speed: it is ignored)."""
    from ingredients import _transliterate
    from ingredients._match import kana_word_index
    from ingredients._name_indexes import precomputed
    from ingredients._translate import Translator
    from ingredients._transliterate import transliteration

    monkeypatch.setattr(_transliterate, "_readers", {})  # (fresh readers: none holds a shipped index)

    db = ingredients.default_database()
    vocabulary = db.vocabulary
    shipped = precomputed("translation", vocabulary, vocabulary.digest)
    assert shipped is not None, "run `make data` after editing the packs"
    assert dict(shipped) == {k: tuple(v) for k, v in Translator(vocabulary, lambda n: ()).index().items()}
    for language in ("ko", "ja"):
        reader = transliteration(language)
        assert reader is not None
        built = reader.index(vocabulary)
        stored = precomputed(language, vocabulary, vocabulary.digest)
        assert stored is not None
        # (a name with no consonant at all has an empty key: never read, not stored)
        assert {k: frozenset(v) for k, v in stored.items()} == {k: v for k, v in built.items() if k}
    assert dict(precomputed("ja-words", (), vocabulary.digest) or {}) == kana_word_index(vocabulary)


def test_a_stale_name_index_is_ignored():
    from ingredients._name_indexes import precomputed

    db = ingredients.default_database()
    assert precomputed("translation", db.vocabulary, "another vocabulary") is None


@pytest.mark.parametrize(
    ("traditional", "inci"),
    [
        ("透明質酸鈉", "SODIUM HYALURONATE"),  # a zh-hans row, read through the simplified script
        ("黃瓜提取物", "CUCUMIS SATIVUS EXTRACT"),  # zh-hans word rows, after the same conversion
        ("矽酸鈣", "CALCIUM SILICATE"),  # 矽 the Taiwan form of 硅 (OpenCC TWPhrases)
        ("月桂醯谷氨酸鈉", "SODIUM LAUROYL GLUTAMATE"),  # 醯 the Taiwan form of 酰
        ("聚麩胺酸", "POLYGLUTAMIC ACID"),  # a Taiwan term (麩胺酸) before the characters
        ("椰油醯甘胺酸鈉", "SODIUM COCOYL GLYCINATE"),  # 甘胺酸 inside a longer name
    ],
)
def test_a_traditional_name_reads_through_its_simplified_form(traditional, inci):
    assert _languages.to_simplified(traditional) != traditional
    assert ingredients.match(traditional).inci == inci


@pytest.mark.parametrize(
    ("taiwan", "inci"),
    [
        ("三仙膠", "XANTHAN GUM"),  # zh-hant name rows: Taiwan names IECIC does not use (黄原胶)
        ("木瓜酵素", "PAPAIN"),  # (IECIC 木瓜蛋白酶)
    ],
)
def test_a_taiwan_name_reads_by_its_row(taiwan, inci):
    assert ingredients.match(taiwan).inci == inci


@pytest.mark.parametrize(
    ("phrases", "valid"),
    [
        ("[[麩胺酸, 谷氨酸]]", True),
        ("[[麩胺酸]]", False),  # not a pair
        ("麩胺酸", False),  # not a list
    ],
)
def test_simplified_phrases_are_pairs(phrases, valid):
    text = ("language: xx\nname: Test\nparent: root\nsources:\n  cc: {kind: official-list, reference: r}\n"
            f"simplified:\n  source: cc\n  pairs: \"鈉钠\"\n  phrases: {phrases}\n")
    problems = _languages.validate_languages({"root.yaml": _languages.pack_texts()["root.yaml"], "xx.yaml": text})
    assert (not any("simplified.phrases" in p for p in problems)) == valid


@pytest.mark.parametrize(
    ("spaced", "inci"),
    [
        ("황색 산화철", "CI 77492"),  # ko.yaml row 황색산화철: labels break KCIA names anywhere
        ("아시아티 코사이드", "ASIATICOSIDE"),
        ("녹두씨추출물", "PHASEOLUS RADIATUS SEED EXTRACT"),  # ... and a spaced row reads unspaced
    ],
)
def test_a_korean_name_reads_whatever_its_spaces(spaced, inci):
    m = ingredients.match(spaced)
    assert m.inci == inci and m.confidence >= 0.9


def test_only_hangul_keys_lose_their_spaces():
    assert _languages.hangul_unspaced("황색 산화철") == "황색산화철"
    assert _languages.hangul_unspaced("beurre de karite") == "beurre de karite"
