"""The transliteration stage: Korean and Japanese phonetic spellings of INCI names, read
by the rule in the packs (``transliteration:`` of ko.yaml, ja.yaml and root.yaml)."""

from __future__ import annotations

import pytest

import ingredients
from ingredients import _languages
from ingredients._match import TRANSLITERATION_CONFIDENCE, Matcher
from ingredients._transliterate import (
    has_phonetic_script,
    spelled_vowels,
    transcribed_vowels,
    transliteration,
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(ingredients.default_database())


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        ("헥실신남알", "HEXYL CINNAMAL"),  # the brief's example: no row in ko.yaml
        ("트라이에톡시카프릴릴실레인", "TRIETHOXYCAPRYLYLSILANE"),  # a long name, glued
        ("소르빅애씨드", "SORBIC ACID"),  # 애씨드 = acid, transcribed
        ("폴리솔베이트20", "POLYSORBATE 20"),  # a number glued to the name
        ("징크스테아 레이트", "ZINC STEARATE"),  # a stray space inside a word
        ("에이치디아이/피피지/폴리카프롤락톤크로스폴리머", "HDI/PPG/POLYCAPROLACTONE CROSSPOLYMER"),  # letter names
        ("피이지-160솔비탄트라이아이소스테아레이트", "PEG-160 SORBITAN TRIISOSTEARATE"),
        ("메틸글루세스-10", "METHYL GLUCETH-10"),  # a final -th read as ㅅ
        ("シクロヘキサシロキサン", "CYCLOHEXASILOXANE"),  # katakana
        ("カルノシン", "CARNOSINE"),
        ("ラミナリアオクロロイカエキス", "LAMINARIA OCHROLEUCA EXTRACT"),  # エキス = EXTRACT (a sourced word)
        ("PPG-1-PEG-9ラウリルグリコールエーテル", "PPG-1-PEG-9 LAURYL GLYCOL ETHER"),  # エーテル = ETHER (its ル no r)
        ("ヒドロキシプロピルメチルセルロースステアロキシエーテル", "HYDROXYPROPYL METHYLCELLULOSE STEAROXY ETHER"),
        # kana with a sound mark (ベ, プ, パ, ボ) are letters of their own, not ヘ, フ, ハ, ホ
        # plus a mark (ja.csv; they were misread before 2026-12-03)
        ("알란토인", "ALLANTOIN"),  # Korean keys keep vowel places: four consonants are enough
        ("탤크", "TALC"),  # ... and three (ko.yaml min_key)
        ("ベヘニルアルコール", "BEHENYL ALCOHOL"),
        ("プロピルパラベン", "PROPYLPARABEN"),
        ("ポリソルベート20", "POLYSORBATE 20"),
        ("アルキル(C30-45)メチコン", "C30-45 ALKYL METHICONE"),  # JCIA puts the carbon range after the word
        ("피브이피", "PVP"),  # letter names: V is 브이
        ("피이지-32", "PEG-32"),  # two consonants and a number: the number counts towards min_key
        ("올레스-10", "OLETH-10"),
        ("폴리쿼터늄-11", "POLYQUATERNIUM-11"),  # an r before a consonant left unwritten (-ter- 터)
        ("소듐라우레스-11카복실레이트", "SODIUM LAURETH-11 CARBOXYLATE"),  # (car- 카)
        ("아스파틱애씨드", "ASPARTIC ACID"),
        ("펜타에리스리틸테트라에틸헥사노에이트", "PENTAERYTHRITYL TETRAETHYLHEXANOATE"),  # th before r as 스
        ("에리스리톨", "ERYTHRITOL"),
        # ko.yaml spelling: -zed is 즈드, a final [dz] 즈, and KCIA leaves out the English plural
        ("하이드롤라이즈드소듐하이알루로네이트", "HYDROLYZED SODIUM HYALURONATE"),
        ("하이드롤라이즈드케라틴", "HYDROLYZED KERATIN"),
        ("카프릴릭/카프릭글리세라이즈", "CAPRYLIC/CAPRIC GLYCERIDES"),
        ("아크릴레이트코폴리머", "ACRYLATES COPOLYMER"),
        ("아크릴레이트/C10-30알킬아크릴레이트크로스폴리머", "ACRYLATES/C10-30 ALKYL ACRYLATE CROSSPOLYMER"),
        ("C10-30콜레스테롤/라노스테롤에스터", "C10-30 CHOLESTEROL/LANOSTEROL ESTERS"),
        ("페트롤레움다이스틸레이트", "PETROLEUM DISTILLATES"),
        ("C14-22알코올", "C14-22 ALCOHOLS"),
        ("하이드롤라이즈드글라이코사미노글리칸", "HYDROLYZED GLYCOSAMINOGLYCANS"),
        ("클로렐라 프로토테코이데스추출물", "CHLORELLA PROTOTHECOIDES EXTRACT"),  # Latin -des keeps its vowel
        # An alkane's silent e inside a compound before di- (propane + diol), written or not
        ("메틸프로판다이올", "METHYLPROPANEDIOL"),
        ("1,2-헥산디올", "1,2-HEXANEDIOL"),
        ("트라이소듐에틸렌다이아민다이석시네이트", "TRISODIUM ETHYLENEDIAMINE DISUCCINATE"),
    ],
)
def test_a_transcribed_name_reads_as_its_inci(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci, m.reason
    assert m.method in ("synonym", "family")
    assert m.confidence <= TRANSLITERATION_CONFIDENCE < 0.9
    assert "transliteration rule" in m.reason and inci in m.reason


def test_the_reason_names_the_orthography(matcher):
    m = matcher.match("헥실신남알")
    assert m.reason == "'헥실신남알' read by the Korean transliteration rule as HEXYL CINNAMAL (외래어 표기법)"


@pytest.mark.parametrize(
    "name",
    [
        "검정콩추출물",  # native words (black soybean) no row names
        "고수추출물",  # 고수 (coriander) is no transcription of YOGURT with 수 = WATER after 고
        "티트리잎오일",  # 잎 ends in ㅍ, a final transcriptions never write: not TURTLE OIL
        "흑미추출물",  # black rice, a native word
        "アスナロ枝エキス",  # a kanji the rule cannot read: no reading without it
        "ツルドクダミ根エキス",  # ツルドクダミ has no sourced row: the name stays unread
        "마이카",  # MICA: too short a key to read safely (MEK shares it)
        "하이드롤라이즈드",  # a name cut short: not HYDROLYZED WHEY, whose last word no consonant is heard in
        "오이추출물",  # (read by its words, CUCUMIS SATIVUS EXTRACT): not HAIR EXTRACT, HAIR spelled as vowels
        "호호바씨오일",  # the plural rule reads only plural endings: not BACILLUS without its -us
        "유자추출물",  # ... nor SUS EXTRACT
    ],
)
def test_a_name_the_rule_cannot_read_stays_unread(matcher, name):
    m = matcher.match(name)
    assert "transliteration rule as" not in m.reason
    assert not m.read or m.confidence >= 0.9 or "translation" in m.reason  # (rows may read it)


def test_an_ambiguous_key_gives_no_answer(matcher):
    """코코넛 and KUKUI NUT share a key (their vowels decide nothing): the rule reads neither,
    and the name is read by its words instead (ko.yaml: 코코넛 = COCONUT, a word row)."""
    name = "하이드로제네이티드코코넛오일"
    reading = matcher._transliterated(name, name)
    assert reading is not None and reading.inci is None
    assert {"HYDROGENATED COCONUT OIL", "HYDROGENATED KUKUI NUT OIL"} <= set(reading.candidates)
    m = matcher.match(name)
    assert m.inci == "HYDROGENATED COCONUT OIL" and "translation" in m.reason


@pytest.mark.parametrize(("name", "other"), [("피이지-7", "PEG-8"), ("폴리솔베이트20", "POLYSORBATE 80")])
def test_numbers_must_agree(name, other):
    reader = transliteration("ko")
    assert reader is not None
    assert not set(reader.label_keys(name)) & set(reader.vocabulary_keys(other))


@pytest.mark.parametrize("name", ["깻잎추출물", "닭오일", "꽃수"])  # (티트리잎오일 was one until 오일 and 잎 came to be read off its end)
def test_a_final_the_orthography_never_writes_marks_a_native_word(name):
    """외래어 표기법 chapter 1, article 3: only ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅇ end a syllable."""
    reader = transliteration("ko")
    assert reader is not None
    assert reader.label_keys(name) == []


def test_an_optional_spelling_rule_reads_a_word_both_ways():
    """An r before a consonant is written (카르노신) or not (카보머): both keys are indexed."""
    reader = transliteration("ko")
    assert reader is not None
    keys = set(reader.vocabulary_keys("CARBOMER"))
    assert set(reader.label_keys("카보머")) & keys and set(reader.label_keys("카르보머")) & keys


def test_keys_ignore_spaces():
    reader = transliteration("ko")
    assert reader is not None
    assert reader.label_keys("다이프로필렌글라 이콜") == reader.label_keys("다이프로필렌글라이콜")


def test_only_hangul_and_katakana_reach_the_stage():
    assert has_phonetic_script("헥실신남알") and has_phonetic_script("ジメチコン")
    assert not has_phonetic_script("Hexyl Cinnamal") and not has_phonetic_script("甘油")


def test_the_index_is_built_once():
    reader = transliteration("ja")
    assert reader is not None
    vocabulary = ingredients.default_database().vocabulary
    assert reader.index(vocabulary) is reader.index(vocabulary)


# --------------------------------------------------------------------------- validation

RULE = """
language: xx
name: Test
parent: root
sources:
  rule: {kind: transliteration-rule, reference: "an orthography"}
  page: {kind: page, reference: "a dictionary page"}
transliteration:
  source: rule
  letters: {アイウエオ: V, カキクケコ: KV}
  letter_names:
    - {letter: P, name: ピー, source: page, at: "the P row"}
  words:
    - {word: エキス, english: EXTRACT, source: page, at: "an entry printing both"}
"""


def _problems(text: str) -> list[str]:
    texts = {"root.yaml": _languages.pack_texts()["root.yaml"], "xx.yaml": text}
    return _languages.validate_languages(texts, vocabulary=ingredients.default_database().keys)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # a word without the page that prints both
        ((', source: page, at: "an entry printing both"', ""),
         "languages/xx.yaml: transliteration.words[0].source: missing or not text"),
        # a letter mapped to a class root does not have
        (("KV}", "QV}"), "languages/xx.yaml: transliteration.letters[カキクケコ]: 'QV' is not a string of the classes"),
        # the rule's source must be a transliteration rule
        (("source: rule\n", "source: page\n"),
         "languages/xx.yaml: transliteration.source: 'page' must be of kind transliteration-rule"),
        # a letter name for something that is not one Latin letter
        (("letter: P,", "letter: PP,"), "languages/xx.yaml: transliteration.letter_names[0].letter: 'PP' is not one Latin letter"),
        # an epenthetic vowel that is not one vowel letter
        (("  source: rule\n", "  source: rule\n  epenthetic_vowels: {L: uu}\n"),
         "languages/xx.yaml: transliteration.epenthetic_vowels[L]"),
        # a vowel pair that is not Hangul syllables -> one vowel letter
        (("  source: rule\n", "  source: rule\n  vowel_pairs: {에이: ei}\n"),
         "languages/xx.yaml: transliteration.vowel_pairs[에이]"),
        (("  source: rule\n", "  source: rule\n  vowel_pairs: {エイ: a}\n"),
         "languages/xx.yaml: transliteration.vowel_pairs[エイ]"),
        # an unknown field
        (("  source: rule\n", "  source: rule\n  colour: red\n"), "languages/xx.yaml: transliteration.colour: unknown field"),
    ],
)
def test_a_bad_transliteration_row_is_named_by_file_row_and_field(edit, expected):
    assert _problems(RULE) == []
    problems = _problems(RULE.replace(*edit))
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    ("name", "inci", "others"),
    [
        # names whose consonants agree with other CosIng names' are told apart by their vowels
        ("レシチン", "LECITHIN", "ELASTIN"),
        ("グリシン", "GLYCINE", "GLIADIN"),
        ("제라니올", "GERANIOL", ""),  # ko.csv, 16 times
        # ... and, when several fit alike, by the vowels a kana transcription of each would
        # have (ja.yaml epenthetic_vowels): only PRUNIN gives プルニン's u-u-i (PROLINE u-o-i)
        ("プルニン", "PRUNIN", "PROLINE"),
        ("シチジン", "CYTIDINE", "HISTIDINE"),  # (HISTIDINE would be ヒスチジン, i-u-i-i)
        ("システイン", "CYSTEINE", "CYSTINE"),
        # ... in Korean, by the name whose own vowels are the label's (ko.csv; ㅐ is [æ], a)
        ("올레아놀릭애씨드", "OLEANOLIC ACID", "LINOLEIC ACID"),
        ("시스테인", "CYSTEINE", "CYSTINE"),
        ("카프릭애씨드", "CAPRIC ACID", ""),
        ("아시아틱애씨드", "ASIATIC ACID", "ACETIC ACID"),  # (and ASIATICOSIDE: unread until ㅐ was a)
        # ... or whose vowels are the label's with a diphthong read as the one letter English
        # writes it with (ko.yaml vowel_pairs, 외래어 표기법 제8항: 에이 a, 아이 i)
        ("글리세릴카프릴레이트", "GLYCERYL CAPRYLATE", "GLYCERYL CAPRYL ETHER"),  # ko labels, 5 times
        ("글리세릴카프릴레 이트", "GLYCERYL CAPRYLATE", "GLYCERYL CAPRYL ETHER"),  # a stray space
        ("하이드록시시트로넬알", "HYDROXYCITRONELLAL", "HYDROXYCITRONELLOL"),
    ],
)
def test_vowels_tell_apart_names_with_the_same_consonants(matcher, name, inci, others):
    m = matcher.match(name)
    assert m.inci == inci
    assert m.confidence < TRANSLITERATION_CONFIDENCE and "vowels" in m.reason


@pytest.mark.parametrize(
    "name",
    [
        "소듐나이트레이트",  # SODIUM NITRATE and SODIUM NITRITE: neither's vowels are the label's
        "비닐다이메티콘",  # VINYL DIMETHICONE and BEHENYL DIMETHICONE
    ],
)
def test_vowels_that_fit_several_names_decide_nothing(matcher, name):
    m = matcher.match(name)
    assert not m.read and len(m.candidates) > 1


@pytest.mark.parametrize(
    ("name", "heard", "paired"),
    [
        ("카프릴레이트", "aiei", "aia"),  # 레이: [ei], English a (CAPRYLATE)
        ("네이", "ei", "a"),  # the pair's first vowel after any initial
        ("렌이", "ei", "ei"),  # a final between the vowels: no diphthong
        ("하이드록시", "aioi", "ioi"),  # 하이: [ai], English y (HYDROXY)
        ("카프릴레 이트", "aiei", "aia"),  # a space inside the word
        ("PEG-12 다이메티콘", "aieio", "ieio"),  # Latin letters are no vowels of the script
    ],
)
def test_a_korean_diphthong_is_read_as_one_english_vowel(name, heard, paired):
    """ko.yaml vowel_pairs: 외래어 표기법 writes [ei] 에이 and [ai] 아이 (skate 스케이트, time 타임)."""
    rule = transliteration("ko")
    assert rule is not None
    assert rule.label_vowels(name) == heard
    assert rule.label_vowels(name, paired=True) == paired


@pytest.mark.parametrize(
    ("name", "label", "plain", "paired"),
    [
        # a word the label spells out by its letters' names (ko.yaml letter_names) is heard
        # with those names' vowels, as the label's are read: D 디, N 엔, A 에이
        # (the e of -zed unheard: ko.yaml's ZED -> SD)
        ("HYDROLYZED DNA", "하이드롤라이즈드디엔에이", ["ioiieei"], ["ioiiea"]),
        ("BHT", "비에이치티", ["ieiii"], ["iaii"]),
        ("CERAMIDE NP", "세라마이드엔피", ["eaiei"], ["eaiei"]),
        # only the readings that give the label's key: DEA spelled (d-e-a) and by its letters
        # (디이에이) both do; HONEY, no letter-by-letter reading of which does, as spelled
        ("COCAMIDE DEA", "코카마이드디이에이", ["oaiea", "oaiiiei"], ["oaiea", "oaiiia"]),
        ("HYDROLYZED HONEY", "하이드롤라이즈드디엔에이", ["ioioei"], ["ioioei"]),
    ],
)
def test_a_word_read_letter_by_letter_is_heard_by_its_letter_names(name, label, plain, paired):
    rule = transliteration("ko")
    assert rule is not None
    keys = rule.label_keys(label)
    assert rule.name_vowels(name, keys) == plain
    assert rule.name_vowels(name, keys, paired=True) == paired


@pytest.mark.parametrize(
    ("name", "inci", "other"),
    [
        # the names' consonants agree; the label's vowels, its diphthongs read as English
        # letters (에이 a), fit the name whose short word the label spells by letter names
        ("하이드롤라이즈드디엔에이", "HYDROLYZED DNA", "HYDROLYZED HONEY"),  # ko labels
        ("비에이치티", "BHT", "BIOTITE"),  # (ko.yaml rows read these first: here the rule alone)
        ("세라마이드엔피", "CERAMIDE NP", "CERAMIDE ENP"),
        ("코카마이드디이에이", "COCAMIDE DEA", "COCAMIDE"),
        ("글리세릴스테아레이트에스이", "GLYCERYL STEARATE SE", "GLYCERYL STEARATES"),
    ],
)
def test_letter_names_tell_apart_names_with_the_same_consonants(matcher, name, inci, other):
    rule = transliteration("ko")
    assert rule is not None
    reading = rule.read(name, matcher.db.vocabulary, matcher._same_substance)
    assert reading.inci == inci and other not in reading.candidates
    assert "vowels" in reading.how


@pytest.mark.parametrize(
    ("english", "heard"),
    [
        ("ALKYL", "auiu"),  # アルキル: l and the final l each take u
        ("STEARIC", "ueaiu"),  # ステアリク (the stem of ステアリン酸)
        ("CETYL", "eiu"),  # セチル
        ("GLYCINE", "uii"),  # グリシン: a silent final e, n is ン
        ("DIMETHICONE", "ieio"),  # ジメチコン: th is one sound
        ("PALMITIC", "auiiu"),  # パルミチク: l before m takes u
        ("LINALOOL", "iaou"),  # リナロール: a doubled vowel once
        ("TRIDECETH", "oieeu"),  # トリデセス: t takes o
    ],
)
def test_transcribed_vowels(english, heard):
    """The vowels a kana transcription of an English word is heard with (ja.yaml's epenthetic vowels)."""
    rule = transliteration("ja")
    assert rule is not None
    assert transcribed_vowels(english, rule.rule.epenthetic_vowels) == heard


@pytest.mark.parametrize(
    ("name", "inci", "english"),
    [
        # a transcription of an English name the synonym tables give for one CosIng name
        ("에탄올", "ALCOHOL", "ETHANOL"),  # ko.csv, 3 times
        ("시어버터", "BUTYROSPERMUM PARKII BUTTER", "SHEA BUTTER"),
        ("카나우바왁스", "COPERNICIA CERIFERA WAX", "CARNAUBA WAX"),
        ("아보카도오일", "PERSEA GRATISSIMA OIL", "AVOCADO OIL"),
        ("비스머스옥시클로라이드", "CI 77163", "BISMUTH OXYCHLORIDE"),  # the colour index from its common name
        ("라반딘오일", "LAVANDULA HYBRIDA OIL", "LAVANDIN OIL"),
        ("메도우폼씨오일", "LIMNANTHES ALBA SEED OIL", "MEADOWFOAM SEED OIL"),  # 오일, then 씨, read off the end
        ("레몬껍질오일", "CITRUS LIMON PEEL OIL", "LEMON PEEL OIL"),
    ],
)
def test_a_transcribed_common_name_reads_as_its_inci(matcher, name, inci, english):
    m = matcher.match(name)
    assert m.inci == inci, m.reason
    assert m.confidence < TRANSLITERATION_CONFIDENCE
    assert english.lower() in m.reason.lower() and "transliteration rule" in m.reason


@pytest.mark.parametrize(
    ("name", "not_inci"),
    [
        ("화이트티트리잎추출물", "MELALEUCA ALTERNIFOLIA LEAF EXTRACT"),  # white tea tree: 화이 starts with a vowel, TEA does not
        ("コウホネエキス", "CHENOPODIUM QUINOA EXTRACT"),  # Japanese keys keep no vowels: no common names read
        ("クインスシードエキス", "CHENOPODIUM QUINOA SEED EXTRACT"),  # (quince seed)
    ],
)
def test_a_common_name_is_read_only_where_the_key_is_strict(matcher, name, not_inci):
    assert matcher.match(name).inci != not_inci


@pytest.mark.parametrize(
    ("word", "vowels"),
    [
        # ko.yaml's ZED -> SD: the e of -zed is unheard (하이드롤라이즈드 HYDROLYZED)
        ("HYDROLYZED", "ioi"),
        ("CYCLIZED", "ii"),
        # root's QU -> K: the u is no vowel of the key (퀴놀린)
        ("QUINOLINE", "ioi"),
        # root's final E is silent after a consonant only, as english_vowels reads it
        ("STEARATE", "eaa"),
        ("ALOE", "aoe"),
        # no rule spells a vowel away: as english_vowels
        ("KERATIN", "eai"),
        ("GLYCERYL", "iei"),
    ],
)
def test_a_word_is_heard_with_the_vowels_its_spelling_rules_keep(word, vowels):
    rule = transliteration("ko")
    assert rule is not None
    assert spelled_vowels(word, rule._by_letter) == vowels


@pytest.mark.parametrize(
    ("label", "name", "heard"),
    [
        # the label's vowels are now exactly the name's: the exact-vowel tie-break can match
        ("하이드롤라이즈드콜라겐", "HYDROLYZED COLLAGEN", "ioioae"),
        ("하이드롤라이즈드실크", "HYDROLYZED SILK", "ioii"),
        # an optional rule's letters keep their vowels (GLYCERYL STEARATES is not heard as
        # GLYCERYL STEARATE); before di- the e of propane- stays in the name's vowels
        ("프로판다이올", "PROPANEDIOL", "oaeio"),
    ],
)
def test_hydrolyzed_names_are_heard_without_the_e_of_zed(label, name, heard):
    rule = transliteration("ko")
    assert rule is not None
    assert rule.name_vowels(name, rule.label_keys(label), paired=True) == [heard]


def test_glyceryl_stearate_is_still_told_from_glyceryl_stearates(matcher):
    rule = transliteration("ko")
    assert rule is not None
    reading = rule.read("글리세릴스테아레이트", matcher.db.vocabulary, matcher._same_substance)
    assert reading.inci == "GLYCERYL STEARATE"
