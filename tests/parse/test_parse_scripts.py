"""Script-aware reading: CJK list marks, full-width forms and brackets, names without spaces."""

from __future__ import annotations

import pytest

from ingredients import parse

CASES = [
    # Japanese: ideographic commas, a Latin abbreviation among katakana names
    ("水、BG、グリセリン、ミネラルオイル", ["水", "BG", "グリセリン", "ミネラルオイル"]),
    # Korean: names without spaces, ordinary commas
    ("정제수, 글리세린, 미네랄오일", ["정제수", "글리세린", "미네랄오일"]),
    # Simplified Chinese: ideographic commas and a closing ideographic full stop
    ("水、甘油、矿油。", ["水", "甘油", "矿油"]),
    # Full-width letters, commas, colon and a header word: ＢＧ is BG
    ("全成分：水，ＢＧ，グリセリン", ["水", "BG", "グリセリン"]),
    # Katakana middle dot as the list mark
    ("水・BG・グリセリン", ["水", "BG", "グリセリン"]),
    # Full-width semicolons
    ("水；甘油；丁二醇", ["水", "甘油", "丁二醇"]),
    # Korean header before the list
    ("전성분: 정제수, 글리세린", ["정제수", "글리세린"]),
    # A shop export joining names with "@" (../shared/data/products/multilingual/ko.csv, rows 2, 53)
    ("정제수@부틸렌글라이콜@아크릴레이트코폴리머", ["정제수", "부틸렌글라이콜", "아크릴레이트코폴리머"]),
    # A ferment split by a list mark is IECIC's organism/substrate name (multilingual/zh-hant.csv, row 1)
    ("乳酸桿菌、蓮籽發酵產物濾液、酵母菌、薏苡種子發酵產物濾液、甘油",
     ["乳酸桿菌/蓮籽發酵產物濾液", "酵母菌/薏苡種子發酵產物濾液", "甘油"]),
    ("乳酸杆菌，莲籽发酵产物滤液", ["乳酸杆菌/莲籽发酵产物滤液"]),
    # ... not when the next item names its own organism, nor before an item that is no ferment
    ("酵母菌、二裂酵母發酵產物濾液", ["酵母菌", "二裂酵母發酵產物濾液"]),
    ("乳酸桿菌、甘油、酵母菌發酵產物濾液", ["乳酸桿菌", "甘油", "酵母菌發酵產物濾液"]),
    # A name's number glued to the locants of the next name by a lost space (ko.csv rows 22, 41;
    # zh-hant.csv row 3); a list mark between digits always cuts
    ("폴리쿼터늄-51,1,2-헥산다이올,소듐폴리아크릴레이트", ["폴리쿼터늄-51", "1,2-헥산다이올", "소듐폴리아크릴레이트"]),
    ("寡肽-24、1,10-癸二醇", ["寡肽-24", "1,10-癸二醇"]),
    ("维生素B12、1,2-己二醇", ["维生素B12", "1,2-己二醇"]),
    ("1,3-丙二醇、水", ["1,3-丙二醇", "水"]),
    # Pictographs end a name like a bullet; trade marks do not
    ("Aqua 🌿 Glycerin ✨ Niacinamide", ["Aqua", "Glycerin", "Niacinamide"]),
    ("Hydra Capture Complex™, Water", ["Hydra Capture Complex", "Water"]),
    # An Italian leaflet: a word joined by an en dash is one word (the prose test saw 'para')
    ("Mono e di–palmito stearato, para–ossibenzoato di metile, acqua demineralizzata.",
     ["Mono e di–palmito stearato", "para–ossibenzoato di metile", "acqua demineralizzata"]),
    # ... but an e-mail address is no list
    ("Aqua, Glycerin. Contact: care@brand.com", ["Aqua", "Glycerin", "care@brand.com"]),
]


def test_one_at_sign_is_no_separator():
    assert len(parse("Water, Glycerin @ 2%")) == 2


@pytest.mark.parametrize(("text", "names"), CASES)
def test_cjk_lists_are_read(text, names):
    items = parse(text)
    assert [i.name for i in items] == names
    for item in items:
        assert text[item.span[0] : item.span[1]] == item.raw  # offsets into the original text


def test_full_width_may_contain_block():
    """``（＋／－）`` is the full-width ``(+/-)`` of a shade range: what follows may be contained."""
    items = parse("水、グリセリン（＋／－）酸化鉄、酸化チタン")
    assert [(i.name, i.may_contain) for i in items] == [
        ("水", False), ("グリセリン", False), ("酸化鉄", True), ("酸化チタン", True)]


def test_raw_keeps_the_labels_own_characters():
    [first, second] = parse("ＢＧ，水")
    assert (first.name, first.raw) == ("BG", "ＢＧ")
    assert (second.name, second.raw) == ("水", "水")


PROSE_BEFORE_HEADER = [
    # Polish marketing sentence, then the list after "Skład:"
    ("Krem nawilżający dla skóry suchej, który jest lekki i szybko się wchłania.\n"
     "Skład: Aqua, Glycerin, Paraffinum Liquidum", ["Aqua", "Glycerin", "Paraffinum Liquidum"]),
    # French sentence, then "Composition :" with a space before the colon
    ("Une crème riche qui nourrit votre peau dans la journée.\nComposition : Aqua, Glycerin",
     ["Aqua", "Glycerin"]),
    # Spanish sentence on the same line as the header
    ("Crema hidratante para una piel suave con ácido hialurónico. Ingredientes: Agua, Glicerina",
     ["Agua", "Glicerina"]),
]


@pytest.mark.parametrize(("text", "names"), PROSE_BEFORE_HEADER)
def test_local_language_prose_before_a_header_is_dropped(text, names):
    assert [i.name for i in parse(text)] == names
