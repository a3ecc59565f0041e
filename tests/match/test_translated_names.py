"""INCI names translated word by word (``aceite de semilla de …``, ``cloreto de sódio``)."""

from __future__ import annotations

import pytest

import ingredients
from ingredients import _languages
from ingredients._match import CONFIDENCE, READ_CONFIDENCE, Matcher
from ingredients._translate import Translator, _top_level_split, rules_from, translation_rules


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(ingredients.default_database())


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # Names as real Spanish, Portuguese and Indonesian lists print them
        # (../shared/data/products/multilingual/{es,pt,id}.csv)
        ("aceite de semilla de Helianthus annuus", "HELIANTHUS ANNUUS SEED OIL"),  # es.csv
        ("extracto de centella asiática", "CENTELLA ASIATICA EXTRACT"),
        ("ácido hialurónico hidrolizado", "HYDROLYZED HYALURONIC ACID"),  # participle first
        ("alcohol estearílico", "STEARYL ALCOHOL"),  # -ílico is -yl
        ("sesquioleato de sorbitán", "SORBITAN SESQUIOLEATE"),
        ("salicilato de butiloctilo", "BUTYLOCTYL SALICYLATE"),
        ("óxido de zinc", "ZINC OXIDE"),
        ("alantoína", "ALLANTOIN"),
        ("butilenglicol", "BUTYLENE GLYCOL"),  # glued, as Spanish writes it
        ("ácido 3-O-etil ascórbico", "3-O-ETHYL ASCORBIC ACID"),  # the head noun moves last
        ("EDTA disódico", "DISODIUM EDTA"),
        ("Cloreto de Sódio", "SODIUM CHLORIDE"),  # pt.csv: -eto is -ide
        ("Sulfato de Sódio Laurete", "SODIUM LAURETH SULFATE"),
        ("Miristato de Isopropila", "ISOPROPYL MYRISTATE"),
        ("Álcool Isopropílico", "ISOPROPYL ALCOHOL"),
        ("Gliconato de Sódio", "SODIUM GLUCONATE"),  # pt.csv#1
        ("Manteiga da Semente de Cupuaçu", "THEOBROMA GRANDIFLORUM SEED BUTTER"),
        ("aceite de fruto de Olea europaea", "OLEA EUROPAEA FRUIT OIL"),  # es.csv
        ("extracto de fruto de Carica papaya", "CARICA PAPAYA FRUIT EXTRACT"),
        ("Etilheksil Metoksisinamat", "ETHYLHEXYL METHOXYCINNAMATE"),  # id.csv
        ("Asam Traneksamat", "TRANEXAMIC ACID"),  # asam X-at is X-ic acid
        ("Aloe-Barbadensis-Blattextrakt", "ALOE BARBADENSIS LEAF EXTRACT"),  # de.csv: compounds cut
        ("Macadamia-ternifolia-Samenöl", "MACADAMIA TERNIFOLIA SEED OIL"),
        ("Chamomilla recutita (Matricaria)-Blütenextrakt", "CHAMOMILLA RECUTITA FLOWER EXTRACT"),
        ("Crataegus Oxyacantha (Weißdorn)-Extrakt", "CRATAEGUS OXYACANTHA EXTRACT"),  # ß is Latin
        ("Linum Usitatissimum Samen (Leinsamen) Öl", "LINUM USITATISSIMUM SEED OIL"),
        # Italian (benchmarks/labels/extra_lists.csv, extra-it-0004: 'olio di eucalipto')
        ("olio di eucalipto", "EUCALYPTUS OIL"),
        ("olio di mandorle dolci idrogenato", "HYDROGENATED SWEET ALMOND OIL"),  # participle last
        # Polish (extra_lists.csv extra-pl-0008: '200mg kwasu azelainowego', the genitive after a dose)
        ("kwasu azelainowego", "AZELAIC ACID"),
        ("Kwas azelainowy", "AZELAIC ACID"),
        # (extra-pl-0003/0004: key-ingredient lists; INCI puts the acid's adjective, the oxide's metal, first)
        ("Kwas salicylowy", "SALICYLIC ACID"),
        ("kwasu salicylowego", "SALICYLIC ACID"),
        ("Kwas mlekowy", "LACTIC ACID"),
        ("Kwas glikolowy", "GLYCOLIC ACID"),
        ("kwas benzoesowy", "BENZOIC ACID"),
        ("Tlenek cynku", "ZINC OXIDE"),
        # la-pharm.csv (Swissmedic): Ph. Eur. order, plant then product then treatment
        ("arachidis oleum hydrogenatum", "HYDROGENATED PEANUT OIL"),
        ("sojae oleum", "GLYCINE SOJA OIL"),
        ("tritici amylum", "TRITICUM VULGARE STARCH"),
        ("menthae piperitae aetheroleum", "MENTHA PIPERITA OIL"),
    ],
)
def test_a_translated_name_reads_as_its_inci(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci
    # a rule's reading, not a table row: said as such, under 0.9, and still read
    assert READ_CONFIDENCE <= m.confidence == CONFIDENCE["translated"] < 0.9
    assert "translation" in m.reason and inci in m.reason


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # pt.csv#39: INCI writes the PEG count first; the label's "X de Y" order moves it
        ("PEG-60 ÓLEO DE RÍCINO HIDROGENADO", "PEG-60 HYDROGENATED CASTOR OIL"),
        ("PEG-40 Óleo de Rícino Hidrogenado", "PEG-40 HYDROGENATED CASTOR OIL"),
        ("Óleo de Rícino Hidrogenado PEG-60", "PEG-60 HYDROGENATED CASTOR OIL"),  # pt.csv
        ("Estearato de PEG-20", "PEG-20 STEARATE"),  # a count that ends INCI's name stays there
    ],
)
def test_a_peg_count_comes_first_as_inci_writes_it(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci
    assert "translation" in m.reason and m.confidence < 0.9


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # slips of English names stay with the fuzzy matcher's answer, which knows slips
        ("Benyl Alcohol", "BENZYL ALCOHOL"),  # not BEHENYL ALCOHOL (same spelling key)
        ("CapryIic Acid", "CAPRYLIC ACID"),  # OCR I for l; not CAPRIC ACID
    ],
)
def test_a_slip_of_an_english_name_is_not_a_translation(matcher, name, inci):
    assert matcher.match(name).inci == inci


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # es.csv#4, es.csv#20, pt.csv#54: one word where INCI writes two, the vowel kept
        ("difenilsiloxifenil trimeticona", "DIPHENYLSILOXY PHENYL TRIMETHICONE"),
        ("betaglucano", "BETA-GLUCAN"),
        ("dipropilenoglicol", "DIPROPYLENE GLYCOL"),
    ],
)
def test_a_word_glued_from_two_inci_words_is_cut(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci
    assert "translation" in m.reason and m.confidence < 0.9


def test_a_glued_word_is_cut_only_where_one_cut_gives_two_inci_words():
    translator = Translator(["DIPHENYLSILOXY PHENYL TRIMETHICONE", "BETA-GLUCAN"], lambda n: ())
    assert translator._glued_halves("difenilsiloxifenil") == ["difenilsiloxi", "fenil"]
    assert translator._glued_halves("betaglucano") == ["beta", "glucano"]
    assert translator._glued_halves("trimeticona") is None  # (no cut gives two INCI words)


def test_an_english_name_that_lost_a_space_is_left_to_the_fuzzy_matcher(matcher):
    """``CoperniciaCerifera Cera`` is a slip of COPERNICIA CERIFERA CERA, not a translation
    (Spanish ``cera`` is WAX): a capital inside a word is not cut, and a cut alone shows no
    other language."""
    assert matcher.match("CoperniciaCerifera Cera").inci == "COPERNICIA CERIFERA CERA"
    assert matcher.match("Butyleneglycol").method == "fuzzy"


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # pt.csv#5: the label writes the count on the word before the last
        ("Poliaciladipato de Bis-Diglicerila-2", "BIS-DIGLYCERYL POLYACYLADIPATE-2"),
    ],
)
def test_a_count_the_label_moved_is_read_where_inci_writes_it(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci
    assert "translation" in m.reason and m.confidence < 0.9


def test_a_word_inci_writes_no_word_for_is_dropped(matcher):
    """it extra-it-0003: ``olio essenziale di eucalipto`` (it.yaml ``unwritten``)."""
    m = matcher.match("olio essenziale di eucalipto")
    assert m.inci == "EUCALYPTUS OIL"
    assert "essenziale = no INCI word" in m.reason and m.confidence < 0.9
    assert not matcher.match("olio essenziale").read  # (nothing but OIL is left)


@pytest.mark.parametrize(
    ("name", "bracket", "inci"),
    [
        # pt.csv: ``Óleo de Coco (Cocos Nucifera)``: the bracket gives the species of the last piece
        ("Óleo de Coco", "Cocos Nucifera", "COCOS NUCIFERA OIL"),
        ("Óleo de Argan", "Argania Spinosa Kernel", "ARGANIA SPINOSA KERNEL OIL"),
        # read without it, the name is less precise than the label (pt.csv#25: CAMELLIA SEED OIL)
        ("Óleo de Semente de Camélia", "Camellia Japonica", "CAMELLIA JAPONICA SEED OIL"),
        # a species without its part names no CosIng oil: no answer rather than a guess
        ("Óleo de Oliva", "Olea Europaea", None),
        # (``damasco`` is a word row now: the name itself reads as APRICOT OIL, the synonym
        # table's name of PRUNUS ARMENIACA KERNEL OIL, as the English name does)
        ("Óleo de Damasco", "Prunus Armeniaca", "PRUNUS ARMENIACA KERNEL OIL"),
        # (``Óleo de Jojoba`` is a name row now: a page prints it beside SIMMONDSIA CHINENSIS SEED OIL)
        ("Óleo de Jojoba", "Simmondsia Chinensis", "SIMMONDSIA CHINENSIS SEED OIL"),
        # a one-word bracket is a common name, not a species
        ("Óleo de Semente de Ricinus Communis", "Rícino", "RICINUS COMMUNIS SEED OIL"),
    ],
)
def test_a_bracket_naming_the_species_stands_for_the_common_name(matcher, name, bracket, inci):
    assert matcher.match(name, (bracket,)).inci == inci


@pytest.mark.parametrize(
    ("word", "halves"),
    [
        ("Samenöl", ["Samen", "öl"]),
        ("Blütenextrakt", ["Blüten", "extrakt"]),
        ("Leinsamen", None),  # lein is no row: a German word, not a compound of rows
        ("Extrakt", None),  # a row itself
    ],
)
def test_a_german_compound_is_cut_into_word_rows(matcher, word, halves):
    matcher.match("Aloe-Barbadensis-Blattextrakt")  # (builds the translator)
    assert matcher._translator is not None
    assert matcher._translator._compound_halves(word) == halves


def test_a_slash_joined_name_whose_head_comes_first_is_not_read_in_half(matcher):
    """pt.csv: ``Cloreto de Acrilamidopropiltrimônio / Copolímero de Acrilamida`` is one
    copolymer; the part before the slash alone would be another substance."""
    alone = matcher.match("Cloreto de Acrilamidopropiltrimônio")
    assert alone.inci == "ACRYLAMIDOPROPYLTRIMONIUM CHLORIDE"
    assert not matcher.match("Cloreto de Acrilamidopropiltrimônio", ("Copolímero de Acrilamida",)).read


def test_candidates_that_are_different_substances_give_no_answer():
    """ALUMINA and ALUMINUM share a spelling key: a name that reaches both is unread."""
    db = ingredients.default_database()
    vocabulary = db.vocabulary
    translator = Translator(["ALUMINA", "ALUMINUM"], lambda n: vocabulary[n].cas)
    reading = translator.read("alumínio")
    assert reading is not None and reading.others


def test_names_that_are_one_substance_are_one_answer():
    """``ADIANTUM CAPILLUS VENERIS`` and ``…CAPILLUS-VENERIS…`` differ by a hyphen only."""
    translator = Translator(["ADIANTUM CAPILLUS VENERIS LEAF EXTRACT", "ADIANTUM CAPILLUS-VENERIS LEAF EXTRACT"],
                            lambda n: ())
    reading = translator.read("extracto de hoja de Adiantum capillus-veneris")
    assert reading is not None and reading.inci.startswith("ADIANTUM") and not reading.others


def test_numbers_keep_their_digits():
    """The spelling key collapses double letters, never double digits (TETRAPEPTIDE-118)."""
    rules = translation_rules()
    assert rules.key("ACETYL TETRAPEPTIDE-118") != rules.key("ACETYL TETRAPEPTIDE-18")
    assert rules.key("SD ALCOHOL 23-A") != rules.key("SD ALCOHOL 23-H")


@pytest.mark.parametrize(
    "name",
    [
        "Os ingredientes podem estar sujeitos a alterações por parte dos fabricantes",  # pt.csv prose
        "sales minerales",  # no one CosIng name
        "Complejo de 9 Péptidos",
        # a word a row translates is not also read as written: 'olio di timo' (thyme oil,
        # extra_lists.csv extra-it-0004) spelled 'timo olio' has THYMOL's key
        "olio di timo",
        "di olio di timo",
    ],
)
def test_prose_and_vague_names_stay_unread(matcher, name):
    assert not matcher.match(name).read


def test_word_rows_come_from_the_packs():
    """Every word the rule swaps is a pack row with a source (no word lives in Python)."""
    rules = rules_from(_languages.compiled_documents())
    assert rules.words, "the packs hold word rows"
    for rows in rules.words.values():
        for row in rows:
            assert row.source and row.at


# --------------------------------------------------------------------------- validation

GOOD = """
language: xx
name: Test
parent: root
sources:
  lab: {kind: label, reference: "a real label"}
  rule: {kind: transliteration-rule, reference: "a documented rule"}
translation:
  rule: rule
  of_words: [de]
  endings: [[uro, ido]]
  words:
    - {word: aceite, inci: OIL, source: lab, at: "row 1"}
"""


def _problems(text: str) -> list[str]:
    texts = {"root.yaml": _languages.pack_texts()["root.yaml"], "xx.yaml": text}
    return _languages.validate_languages(texts, vocabulary=ingredients.default_database().keys)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("inci: OIL", "inci: OYL"), "languages/xx.yaml: translation.words[0].inci: 'OYL' is not a word"),
        (("source: lab,", "source: shop,"), "languages/xx.yaml: translation.words[0].source: 'shop'"),
        (("at: \"row 1\"}", "}"), "languages/xx.yaml: translation.words[0].at: missing"),
        (("rule: rule", "rule: lab"), "languages/xx.yaml: translation.rule: 'lab' is not a transliteration-rule"),
        (("[[uro, ido]]", "[[uro]]"), "languages/xx.yaml: translation.endings[0]: ['uro'] is not a [from, to] pair"),
        (("of_words: [de]", "of_words: [de]\n  key_endings: ['(']"),
         "languages/xx.yaml: translation.key_endings[0]: '(' is not a regular expression"),
        (("  words:", "  wordz: []\n  words:"), "languages/xx.yaml: translation.wordz: unknown field"),
        (("  words:", "  cation_counts: [[\"2\"]]\n  words:"),
         "languages/xx.yaml: translation.cation_counts[0]: ['2'] is not a [from, to] pair"),
        (("  words:", "  unwritten:\n    - {word: esencial, source: shop, at: \"row 2\"}\n  words:"),
         "languages/xx.yaml: translation.unwritten[0].source: 'shop'"),
        (("  words:", "  unwritten:\n    - {word: esencial, source: lab}\n  words:"),
         "languages/xx.yaml: translation.unwritten[0].at: missing"),
    ],
)
def test_a_bad_translation_row_is_named_by_file_row_and_field(edit, expected):
    assert _problems(GOOD) == []
    problems = _problems(GOOD.replace(*edit))
    assert any(p.startswith(expected) for p in problems), problems


def test_a_word_row_twice_is_refused():
    text = GOOD + "    - {word: Aceite, inci: oil, source: lab, at: \"row 2\"}\n"
    assert _problems(text) == ["languages/xx.yaml: translation.words[1].word: 'Aceite' -> oil is already a row of this file"]


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # Chinese and Japanese names cut into table words (../shared/data/products/multilingual/
        # zh-hans.csv, ja.csv): the same order as INCI, salts and esters acid first
        ("葡萄籽提取物", "VITIS VINIFERA SEED EXTRACT"),  # zh-hans.csv
        ("聚谷氨酸", "POLYGLUTAMIC ACID"),  # a prefix row (聚 POLY-) glued onto the next word
        ("谷氨酸钠", "SODIUM GLUTAMATE"),  # acid + cation: the cation first, the acid's -ate
        ("积雪草提取物", "CENTELLA ASIATICA EXTRACT"),
        ("オウゴン根エキス", "SCUTELLARIA BAICALENSIS ROOT EXTRACT"),  # ja.csv
        ("塩化Na", "SODIUM CHLORIDE"),  # a Latin run inside the name
        ("ALPHA-熊果素", "ALPHA-ARBUTIN"),  # a Latin word a hyphen joins to the next (zh-hant.csv)
        ("パルミチン酸セチル", "CETYL PALMITATE"),  # an ester: the alcohol first (セチル by transliteration)
        ("イソステアリン酸ソルビタン", "SORBITAN ISOSTEARATE"),  # an acid stem (ステアリン) as its -ic form
        ("ポリアクリル酸Na", "SODIUM POLYACRYLATE"),  # ... and a salt of one
        ("ポリアクリル酸アルキル(C10-30)", "POLY C10-30 ALKYL ACRYLATE"),  # a polymer acid's ester: POLY first
        ("ステアリン酸ソルビタン", "SORBITAN STEARATE"),  # ステアリ + ク: STEARIC, its vowels exactly
        ("ラウリン酸", "LAURIC ACID"),  # ラウリク (a short key, vowels exact), not ラウリンク HYALURONIC (2026-12-03)
        ("ラウリル硫酸Na", "SODIUM LAURYL SULFATE"),  # ラウリル: one consonant (R and L are one), vowels exact
        ("ラウロイルグルタミン酸Na", "SODIUM LAUROYL GLUTAMATE"),  # ラウロイル + グルタミン, not LAURYLGLUTAMINE
        ("ジラウラミドグルタミドリシンNa", "SODIUM DILAURAMIDOGLUTAMIDE LYSINE"),  # a glued run cut in two words
        ("オレイン酸Na", "SODIUM OLEATE"),  # read as SODIUM HYALURONATE before 2026-12-03
        ("ヒアルロン酸", "HYALURONIC ACID"),  # ヒアルロク is no word: ヒアルロンク is tried
        ("ビワ葉エキス", "ERIOBOTRYA JAPONICA LEAF EXTRACT"),  # a plant word row (Beaker media)
        ("ダマスクバラ花水", "ROSA DAMASCENA FLOWER WATER"),  # 水 WATER is a zh-hans row
        ("水酸化Na", "SODIUM HYDROXIDE"),  # the anion first, the cation's symbol last
        ("安息香酸アルキル(C16-17)", "C16-17 ALKYL BENZOATE"),  # a carbon range after the word it counts
        ("トリステアリン酸ポリグリセリル-10", "POLYGLYCERYL-10 TRISTEARATE"),  # a count before the acid stem
        ("ジステアリン酸グリコール", "GLYCOL DISTEARATE"),  # GLYCOL STEARATE before (ジ and ス share a key)
        ("ジイソステアリン酸ポリグリセリル-2", "POLYGLYCERYL-2 DIISOSTEARATE"),  # ... -2 ISOSTEARATE before
        ("トリイソステアリン酸ポリグリセリル-2", "POLYGLYCERYL-2 TRIISOSTEARATE"),
        ("PEG-40水添ヒマシ油", "PEG-40 HYDROGENATED CASTOR OIL"),  # ヒマシ CASTOR (Beaker 水添ヒマシ油)
        ("ポリクオタニウム-10", "POLYQUATERNIUM-10"),  # a word row and the number after it
        ("アスパラギン酸Na", "SODIUM ASPARTATE"),
        ("ステアロイルグルタミン酸Na", "SODIUM STEAROYL GLUTAMATE"),  # a kana run cut before a row (グルタミン)
        ("ココイルグルタミン酸K", "POTASSIUM COCOYL GLUTAMATE"),  # K, the cation's symbol, as Na
        ("グリチルリチン酸2K", "DIPOTASSIUM GLYCYRRHIZATE"),  # a count before the cation: its INCI prefix (DI)
        ("ステアロイルグルタミン酸2Na", "DISODIUM STEAROYL GLUTAMATE"),
        ("イソノナン酸イソノニル", "ISONONYL ISONONANOATE"),  # -アン酸, an alkanoic acid (ン -> ノイク)
        ("サリチル酸エチルヘキシル", "ETHYLHEXYL SALICYLATE"),  # サリチル SALICYLIC, a word row
        ("セイヨウシロヤナギ樹皮エキス", "SALIX ALBA BARK EXTRACT"),  # 樹皮 BARK
        ("コメ胚芽油", "ORYZA SATIVA GERM OIL"),  # 胚芽 GERM
        ("リンゴ酸ジイソステアリル", "DIISOSTEARYL MALATE"),  # リンゴ酸 MALIC ACID, one word row: an ester, acid first
        ("レモン果実エキス", "CITRUS LIMON FRUIT EXTRACT"),
        ("炭酸ジカプリリル", "DICAPRYLYL CARBONATE"),  # 炭酸 carbonic acid: a carbonate ester, acid first
        ("棕榈酰四肽-7", "PALMITOYL TETRAPEPTIDE-7"),  # IECIC peptide words and a Latin run (-7)
        ("乙酰基六肽-8", "ACETYL HEXAPEPTIDE-8"),
        ("生物糖胶-1", "BIOSACCHARIDE GUM-1"),
        ("聚山梨醇酯 20", "POLYSORBATE 20"),  # the label's space instead of IECIC's hyphen
        ("玻尿酸鈉", "SODIUM HYALURONATE"),  # a Taiwan word (玻尿酸) + a cation, acid first
        ("α熊果素", "ALPHA-ARBUTIN"),  # α as its own word; 熊果素 the Taiwan name of arbutin
        ("石榴果實萃取", "PUNICA GRANATUM FRUIT EXTRACT"),  # Taiwan words 果實 FRUIT and 萃取 EXTRACT
        ("歐洲七葉樹籽萃取", "AESCULUS HIPPOCASTANUM SEED EXTRACT"),  # ... read in simplified script (樹 树)
        ("泰國野葛根萃取", "PUERARIA MIRIFICA ROOT EXTRACT"),  # 國 国
        ("黃芩根萃取物", "SCUTELLARIA BAICALENSIS ROOT EXTRACT"),  # 萃取物, the other Taiwan form
        ("水解膠原蛋白", "HYDROLYZED COLLAGEN"),  # 膠原蛋白 the Taiwan word for collagen
        ("橄欖果油", "OLEA EUROPAEA FRUIT OIL"),  # 橄欖 the Taiwan plant word (IECIC 油橄榄)
        # Korean (KCIA) names of native words and transcriptions, in INCI's order (ko.csv)
        ("해바라기씨오일", "HELIANTHUS ANNUUS SEED OIL"),
        ("살구씨오일", "PRUNUS ARMENIACA KERNEL OIL"),  # 씨 is SEED or KERNEL: one is a CosIng name
        ("동백나무꽃추출물", "CAMELLIA JAPONICA FLOWER EXTRACT"),
        ("서양측백나무잎오일", "THUJA OCCIDENTALIS LEAF OIL"),
        ("쐐기풀잎추출물", "URTICA DIOICA LEAF EXTRACT"),
        ("티트리잎오일", "MELALEUCA ALTERNIFOLIA LEAF OIL"),
        ("카카오씨버터", "THEOBROMA CACAO SEED BUTTER"),  # 버터 BUTTER, 카카오 (Beaker media rows)
        ("아르간커넬오일", "ARGANIA SPINOSA KERNEL OIL"),  # 커넬 KERNEL
        ("버지니아풍년화잎추출물", "HAMAMELIS VIRGINIANA LEAF EXTRACT"),
        ("망고씨버터", "MANGIFERA INDICA SEED BUTTER"),  # 망고, not 망고스틴 (a longer word row)
        ("오일팜오일", "ELAEIS GUINEENSIS OIL"),  # 오일팜 before 오일: longest word first
        ("합성왁스", "SYNTHETIC WAX"),  # 합성 SYNTHETIC (BEAUTY BY MAFIA), 왁스 WAX
        ("합성비즈왁스", "SYNTHETIC BEESWAX"),  # 비즈왁스 BEESWAX, one word as INCI writes it
        ("쌀겨왁스", "ORYZA SATIVA BRAN WAX"),  # 쌀겨 rice bran, before 쌀 (longest first)
        ("해수", "SEA WATER"),
        ("연꽃잎추출물", "NELUMBO NUCIFERA LEAF EXTRACT"),  # 연꽃 holds 꽃 FLOWER: the longer row wins
        ("하이드롤라이즈드밀단백질", "HYDROLYZED WHEAT PROTEIN"),  # 밀 WHEAT, INCI's bracketed common name
        ("밀배아오일", "TRITICUM VULGARE GERM OIL"),  # 밀 TRITICUM VULGARE, 배아 GERM
        ("락토바실러스발효여과물", "LACTOBACILLUS FERMENT FILTRATE"),  # 발효 FERMENT, 여과물 FILTRATE
    ],
)
def test_a_chinese_or_japanese_name_is_read_from_its_parts(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci
    if "IECIC 2021" in m.reason:  # (the official list prints it: read there, before the rule)
        reading = matcher._translated_reading(name)
        assert reading is not None
        m = reading[0]
        assert m.inci == inci
    assert m.confidence < 0.9 and "translation" in m.reason


@pytest.mark.parametrize(
    ("name", "not_inci"),
    [
        ("カイメン", "COCAMINE"),  # sponge (JCIA 加水分解カイメン, HYDROLYZED SPONGE), read as its consonants before 2026-12-03
    ],
)
def test_a_lone_katakana_word_is_left_to_the_transliteration_rule(matcher, name, not_inci):
    assert matcher._translated_reading(name) is None
    assert matcher.match(name).inci != not_inci


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # JCIA writes a polymer acid's ester with the prefix on the acid (ポリ + アクリル酸), INCI
        # before the ester's alcohol part (root.yaml polymer_prefixes)
        ("ポリアクリル酸アルキル(C10-30)", "POLY C10-30 ALKYL ACRYLATE"),
        ("ポリメタクリル酸メチル", "POLYMETHYL METHACRYLATE"),  # ja.yaml's row (cosmetic-ingredients.org) agrees
        ("ポリアクリル酸Na", "SODIUM POLYACRYLATE"),  # a salt keeps the prefix on its acid
    ],
)
def test_a_polymer_acids_ester_is_read_with_the_prefix_first(matcher, name, inci):
    reading = matcher._translated_reading(name)  # (the word rule, whatever name row the packs hold)
    assert reading is not None and reading[0].inci == inci


@pytest.mark.parametrize(
    "name",
    [
        "大马士革玫瑰花提取物",  # a part no row names (大马士革): no reading from the rest
        "水杨酸",  # 水 is a row (WATER) but 杨 is none: no reading by pieces
        "玫瑰花粉",  # 花粉 is POLLEN (IECIC ROSE POLLEN), not 花 FLOWER + 粉 POWDER
        "柑橘皮粹取",  # 粹取 (a misprint of 萃取) is no row: no reading
        "グリチルリチン酸3K",  # 3 is no count of ja.yaml's cation_counts: not TRIPOTASSIUM
        "감초추출물",  # 감초 (licorice, the root drug) is no plant row: KCIA's part is not guessed
    ],
)
def test_a_name_with_a_part_no_row_names_is_not_read_by_pieces(matcher, name):
    m = matcher.match(name)
    assert not (m.read and "translation" in m.reason)


@pytest.mark.parametrize(
    ("text", "inci"),
    [
        # The standard Chinese (IECIC) form prints the species in Latin inside the name: the
        # parts around it are read with it, never the species alone (VITIS VINIFERA is
        # another CosIng name than grape seed oil)
        ("葡萄(VITIS VINIFERA)籽油", "VITIS VINIFERA SEED OIL"),
        ("甘草(GLYCYRRHIZA URALENSIS)根提取物", "GLYCYRRHIZA URALENSIS ROOT EXTRACT"),
    ],
)
def test_the_chinese_standard_form_with_a_latin_species(matcher, text, inci):
    (item,) = ingredients.parse(text)
    m = ingredients.match(item)
    assert m.inci == inci and (m.confidence < 0.9 or "IECIC 2021" in m.reason)
    reading = matcher._translated_reading(item.name, item.alternatives)  # the rule reads it too
    assert reading is not None and reading[0].inci == inci and reading[0].confidence < 0.9


@pytest.mark.parametrize(
    ("name", "inci", "also"),
    [
        # (ja.csv's PEG-12ジメチコン and セラミドAP were such names until the Japanese rule came to
        # check a label's Latin words itself)
        ("세이지추출물", "SALVIA OFFICINALIS EXTRACT", "SEAHORSE EXTRACT"),  # 세이지 (sage) a word row
        # (오이추출물 was one too, beside WHEY EXTRACT and HAIR EXTRACT, until names whose first or
        # last word is heard as no consonant lost that key: test_transliteration.py)
    ],
)
def test_a_name_the_transliteration_rule_finds_ambiguous_is_read_by_its_words(matcher, name, inci, also):
    """The rule alone reads the name as several CosIng names; its words (a Latin run and a
    word row) name one."""
    assert also in matcher._transliterated(name, name).candidates
    m = matcher.match(name)
    assert m.inci == inci and m.confidence < 0.9 and "translation" in m.reason


def test_an_ambiguous_name_whose_words_name_nothing_keeps_the_rules_candidates(matcher):
    m = matcher.match("소듐나이트레이트")  # 소듐 and 나이트레이트 are no word rows
    assert m.inci is None and "SODIUM NITRATE" in m.candidates
    # (하이드로제네이티드코코넛오일 was the example until 코코넛 became a word row)


def test_segments_take_the_longest_row_first():
    translator = Matcher(ingredients.default_database())
    translator._translated_reading("葡萄籽提取物")
    assert translator._translator is not None
    assert translator._translator.segments("葡萄籽提取物") == ["葡萄", "籽", "提取物"]


@pytest.mark.parametrize(
    ("name", "cut"),
    [
        # a kana run ending in a word row is cut before it, and the kana before it again
        ("アクリロイルジメチルタウリンアンモニウム", ["アクリロイルジメチル", "タウリン", "アンモニウム"]),
        ("アクリロイルジメチルタウリンNa", ["アクリロイルジメチル", "タウリン", "na"]),
        ("ステアロイルグルタミン酸Na", ["ステアロイル", "グルタミン", "酸", "na"]),
    ],
)
def test_a_kana_run_is_cut_before_each_row_it_ends_in(name, cut):
    translator = Matcher(ingredients.default_database())
    translator._translated_reading("ステアリン酸セチル")
    assert translator._translator is not None
    assert [p.lower() for p in translator._translator.segments(name) or []] == [c.lower() for c in cut]


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        ("ココイルタウリンNa", "SODIUM COCOYL TAURATE"),  # タウリン + a cation: the taurate
        ("ラウレス硫酸アンモニウム", "AMMONIUM LAURETH SULFATE"),  # the cation last, as Na
    ],
)
def test_a_taurate_and_an_ammonium_salt_are_read_cation_first(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci and m.confidence < 0.9


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # JCIA copolymer names: the monomers in a bracket apart by slashes, then the polymer word;
        # each monomer read as a whole name is, salts and esters acid first, INCI's slashes kept
        ("(アクリル酸Na/VP)コポリマー", "SODIUM ACRYLATE/VP COPOLYMER"),
        ("(アクリル酸/アクリル酸ステアリル)コポリマー", "ACRYLIC ACID/STEARYL ACRYLATE COPOLYMER"),
        ("(アクリレーツ/アクリル酸エチルヘキシル)コポリマー", "ACRYLATES/ETHYLHEXYL ACRYLATE COPOLYMER"),
        ("(アクリレーツ/メタクリル酸ステアリル)コポリマー", "ACRYLATES/STEARYL METHACRYLATE COPOLYMER"),
        ("(アクリレーツ/VA)コポリマー", "ACRYLATES/VA COPOLYMER"),  # a Latin monomer as written
        # a monomer of several words also tried as one, as INCI often writes it (ja labels)
        ("(アクリレーツ/メタクリル酸ポリトリメチルシロキシ)コポリマー",
         "ACRYLATES/POLYTRIMETHYLSILOXYMETHACRYLATE COPOLYMER"),
        # a taurate salt is タウリン and its cation (ja.yaml rows; ja labels); a kana run ending
        # in two rows is cut at both (アクリロイルジメチル + タウリン + アンモニウム)
        ("(アクリル酸Na/アクリロイルジメチルタウリンNa)コポリマー",
         "SODIUM ACRYLATE/SODIUM ACRYLOYLDIMETHYL TAURATE COPOLYMER"),
        ("(アクリロイルジメチルタウリンアンモニウム/VP)コポリマー",
         "AMMONIUM ACRYLOYLDIMETHYLTAURATE/VP COPOLYMER"),
    ],
)
def test_a_jcia_copolymer_is_read_from_its_monomers(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci and m.confidence < 0.9 and "translation" in m.reason


@pytest.mark.parametrize(
    "name",
    [
        "(アクリル酸Na/テストタウリンNa)コポリマー",  # a monomer no rule reads
        "(アクリル酸Na)コポリマー",  # one monomer: no slash, no copolymer name of this shape
        "(アクリル酸Na/VP)",  # no polymer word after the bracket
    ],
)
def test_a_copolymer_with_a_monomer_no_rule_reads_stays_unread(matcher, name):
    assert not matcher.match(name).read
    assert matcher._translator is not None and matcher._translator.polymer_reading(name) is None


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # IECIC's ferments: organism/substrate, each part read from its word rows, the slash kept
        ("乳酸杆菌/莲籽发酵产物滤液", "LACTOBACILLUS/NELUMBO NUCIFERA SEED FERMENT FILTRATE"),
        ("乳酸桿菌/蓮籽發酵產物濾液", "LACTOBACILLUS/NELUMBO NUCIFERA SEED FERMENT FILTRATE"),  # traditional
    ],
)
def test_a_slashed_chinese_name_is_read_part_by_part(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci and m.confidence < 0.9 and "translation" in m.reason


@pytest.mark.parametrize(
    "name",
    [
        "乳酸杆菌/萱草花发酵产物滤液",  # a part no row names (萱草)
        "乳酸杆菌",  # no slash
        "乳酸杆菌/莲籽发酵产物滤液/牛奶/大豆/水",  # more parts than a name of this shape holds
    ],
)
def test_a_slashed_chinese_name_with_a_part_no_row_reads_stays_unread(matcher, name):
    assert matcher._translator is not None and matcher._translator.slash_reading(name) is None


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("A/B", ["A", "B"]),
        ("アクリレーツ/アクリル酸アルキル(C10-30)", ["アクリレーツ", "アクリル酸アルキル(C10-30)"]),
        ("ジメチコン/(PEG-10/15)", ["ジメチコン", "(PEG-10/15)"]),  # a slash inside a bracket stays
        ("A/(B", []),  # brackets that do not pair
        ("A//B", []),  # an empty monomer
    ],
)
def test_monomers_are_cut_at_the_slashes_outside_brackets(text, parts):
    assert _top_level_split(text) == parts

@pytest.mark.parametrize(
    ("name", "parts"),
    [
        # A katakana run no transliterated word reads is cut before the word row it ends in
        ("ステアロイルグルタミン酸Na", ["ステアロイル", "グルタミン", "酸", "Na"]),
        # ... a run read as a word stays whole, and so does one with fewer than two kana before a row
        ("パルミチン酸セチル", ["パルミチン", "酸", "セチル"]),
        ("グルタミン酸", ["グルタミン", "酸"]),
        # ... but a run read as a word is cut too when the kana before the row are a word
        ("ラウロイルグルタミン酸Na", ["ラウロイル", "グルタミン", "酸", "Na"]),
        # A run no word reads and that ends in no row is cut in two where both halves are words
        ("ジラウラミドグルタミドリシンNa", ["ジラウラミドグルタミド", "リシン", "Na"]),
    ],
)
def test_a_kana_run_is_cut_before_a_word_row_it_ends_in(matcher, name, parts):
    matcher._translated_reading(name)
    assert matcher._translator is not None
    assert matcher._translator.segments(name) == parts


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # The first part's reading, with the parts' word rows apart by slashes as INCI writes them
        ("스타아니스열매/씨오일", "ILLICIUM VERUM FRUIT/SEED OIL"),  # 스타아니스열매오일: FRUIT OIL
    ],
)
def test_a_slashed_list_of_plant_parts_is_read_part_by_part(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci and "plant parts" in m.reason


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # Word rows giving a known English name of one CosIng name (the synonym tables)
        ("돌콩오일", "GLYCINE SOJA OIL"),  # 돌콩 SOYBEAN + 오일 OIL: SOYBEAN OIL
        # a Latin-script name too, every word but its "of" word a row
        ("olej ze słonecznika", "HELIANTHUS ANNUUS SEED OIL"),  # OIL + HELIANTHUS ANNUUS: HELIANTHUS ANNUUS OIL
        # pt.csv: ``Óleo de Damasco``, OIL + APRICOT: APRICOT OIL
        ("Óleo de Damasco", "PRUNUS ARMENIACA KERNEL OIL"),
    ],
)
def test_word_rows_giving_a_known_name_read_as_its_inci(matcher, name, inci):
    m = matcher.match(name)
    assert m.inci == inci and "a known name for" in m.reason


@pytest.mark.parametrize(
    "name",
    [
        "オニサルビア油",  # a katakana word read by its sounds (ANDIROBA) is too loose for a known name
    ],
)
def test_a_known_name_is_not_reached_through_a_sounded_out_word(matcher, name):
    assert matcher.match(name).inci is None


@pytest.mark.parametrize(
    "name",
    [
        "olej sunflower",  # sunflower is no Polish word row: SUNFLOWER OIL is not reached through it
    ],
)
def test_a_known_name_is_not_reached_through_a_word_no_row_names(matcher, name):
    assert matcher.match(name).inci is None


@pytest.mark.parametrize(
    "name",
    [
        "프랑스해안송껍질/싹추출물",  # 싹 has no word row
        "스타아니스열매/씨",  # 스타아니스열매 alone is no CosIng name's reading
    ],
)
def test_a_slashed_part_list_without_rows_or_reading_stays_unread(matcher, name):
    assert matcher.match(name).inci is None


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # KCIA names printed beside their INCI or Colour Index names (ko.yaml, source poudy)
        ("청색1호", "CI 42090"),
        ("적색227호", "CI 17200"),
        ("등색205호", "CI 15510"),
        ("변성알코올", "ALCOHOL DENAT."),
        ("적색218호", "CI 45410"),  # printed 'CI 45410:1': the salt form :1 of CI 45410
        ("황색201호", "CI 45350"),  # ... 'CI 45350:1'
        # A JCIA name row with its bracket: the label's bracket completes the name (takarashampoo)
        ("ホウケイ酸(Ca/Na)", "CALCIUM SODIUM BOROSILICATE"),
    ],
)
def test_kcia_and_jcia_names_are_read_by_their_rows(matcher, name, inci):
    assert matcher.match(name).inci == inci


# --------------------------------------------------------------------------- properties

from hypothesis import given, settings  # noqa: E402
from strategies import translated_names  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(translated_names())
def test_a_reading_is_always_one_cosing_name(matcher, text):
    """Whatever the text, a translation never raises and names only a CosIng name."""
    m = matcher.match(text)
    if m.read and "translation" in m.reason:
        assert m.inci in matcher.db.vocabulary
        assert m.confidence < 0.9


def test_a_bracket_inside_a_word_is_chemistry_not_a_gloss(matcher):
    """Swissmedic ``methyl(chloro)isothiazolinonum`` is the chloro compound and the plain
    one together: dropping the bracket read it as METHYLISOTHIAZOLINONE alone."""
    m = matcher.match("methyl(chloro)isothiazolinonum", ("methyl isothiazolinonum", "chloro isothiazolinonum"))
    assert m.inci != "METHYLISOTHIAZOLINONE" or m.confidence < 0.6
    assert "translation" not in m.reason


@pytest.mark.parametrize(
    ("name", "inci"),
    [
        # multilingual/ja.csv prints JCIA names spaced out at their brackets; the JCIA list writes
        # none (its row トリ(カプリル酸/カプリン酸)グリセリル reads it)
        ("トリ (カプリル酸/カプリン酸) グリセリル", "CAPRYLIC/CAPRIC TRIGLYCERIDE"),
    ],
)
def test_a_spaced_out_japanese_name_is_read_closed_up(matcher, name, inci):
    m = matcher.match(name)
    assert (m.inci, m.read) == (inci, True)
    assert "closed up" in m.reason and m.query == name


def test_closing_up_reads_no_two_names_as_one(matcher):
    # two names a space parts, neither read alone: closing up gives no reading either
    assert not matcher.match("リパーゼ 水").read
