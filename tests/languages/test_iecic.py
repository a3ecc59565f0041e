"""The Chinese official list (data/languages/zh-hans-iecic.tsv): rows read, read lazily, validated."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ingredients
from ingredients import _name_lists
from ingredients._name_lists import iecic_name, validate_iecic

ROOT = Path(__file__).resolve().parents[2]
MIRROR = Path(os.environ.get("MILIA_IECIC_MIRROR", "/work/.mirror/go-bananas-wwj+olaiya_front/repo"))


def _script():  # scripts/import_iecic.py, imported as a module
    spec = importlib.util.spec_from_file_location("import_iecic", ROOT / "scripts" / "import_iecic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_table_is_valid():
    assert validate_iecic(ingredients.default_database()) == []


@pytest.mark.parametrize(
    ("name", "inci", "serial"),
    [
        ("丙氨酸", "ALANINE", "01378"),  # a listed name
        ("聚甘油-6 二癸酸酯", "POLYGLYCERYL-6 DICAPRATE", "03863"),  # as listed, with its space
        ("聚甘油-6二癸酸酯", "POLYGLYCERYL-6 DICAPRATE", "03863"),  # as labels also print it
        ("生物糖胶-1", "BIOSACCHARIDE GUM-1", "06025"),  # the copy's 生物糖 胶-1 (a PDF line break)
        ("葡萄（VITIS VINIFERA）籽油", "VITIS VINIFERA SEED OIL", "05154"),  # full-width brackets
        ("库拉索芦荟叶汁", "ALOE BARBADENSIS LEAF JUICE", "04173"),  # stripped: 库拉索芦荟（ALOE BARBADENSIS）叶汁
        ("6-羥基吲哚", "6-HYDROXYINDOLE", "00079"),  # traditional script, read as 6-羟基吲哚
    ],
)
def test_a_listed_name_has_its_row(name, inci, serial):
    found = iecic_name(name)
    assert found is not None
    assert (found[0].inci, found[0].serial) == (inci, serial)


@pytest.mark.parametrize(
    ("name", "inci", "said"),
    [
        ("丙氨酸", "ALANINE", "IECIC 2021 name (serial 01378)"),
        ("库拉索芦荟叶汁", "ALOE BARBADENSIS LEAF JUICE", "written without its Latin species name"),
        ("6-羥基吲哚", "6-HYDROXYINDOLE", "(read as '6-羟基吲哚')"),  # traditional, through the table
        ("黄原胶", "XANTHAN GUM", "Chinese (simplified) name"),  # a pack row: it wins, the list has no row
        ("1,2-戊二醇", "PENTYLENE GLYCOL", "Chinese (simplified) name"),  # (IECIC 00005, also a pack row)
        # Taiwan words written as IECIC writes them (萃取 -> 提取物, 果實 -> 果): zh-hant.csv#4, #0
        ("廣西沙柑果皮萃取", "CITRUS NOBILIS PEEL EXTRACT", "(read as '广西沙柑果皮提取物')"),
        ("石榴果實萃取", "PUNICA GRANATUM FRUIT EXTRACT", "(read as '石榴果提取物')"),
    ],
)
def test_the_matcher_reads_a_han_name_through_the_list(name, inci, said):
    m = ingredients.match(name)
    assert (m.inci, m.confidence) == (inci, 0.96)
    assert said in m.reason, m.reason


@pytest.mark.parametrize(
    "name",
    [
        "黄原胶",  # a pack row reads it: left out of the list
        "苹果果提取物",  # MALUS DOMESTICA and PYRUS MALUS entries both strip to it: two substances
        "醋",  # ACETUM and VINEGAR: no shared CAS number, so two substances
        "CI 77491",  # no Han character: the matcher reads it itself
    ],
)
def test_a_name_left_out_has_no_row(name):
    assert iecic_name(name) is None


def test_a_cold_english_check_never_reads_the_list():
    code = ("import sys, ingredients; ingredients.analyze('Aqua, Paraffinum Liquidum, Glycerin, "
            "Cetearyl Alcohol, Phenoxyethanol'); print('ingredients._name_lists' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"


GOOD = "# comment\n丙氨酸\tALANINE\t01378\tlisted\n甘氨酸\tGLYCINE\t02432\tlisted\n"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("\t01378\tlisted", "\t01378"), "languages/zh-hans-iecic.tsv: row 2: 3 fields"),
        (("ALANINE", "ALANINES"), "languages/zh-hans-iecic.tsv: row 2.inci: 'ALANINES' is not a CosIng name"),
        (("01378", "1378a"), "languages/zh-hans-iecic.tsv: row 2.serial: '1378a' is not a serial number"),
        (("01378\tlisted", "01378\tguessed"), "languages/zh-hans-iecic.tsv: row 2.kind: 'guessed'"),
        (("丙氨酸", "ALANIN"), "languages/zh-hans-iecic.tsv: row 2.name: 'ALANIN' holds no Han character"),
        (("甘氨酸", "丁氨酸"), "languages/zh-hans-iecic.tsv: row 3.name: '丁氨酸' is out of order"),
        (("甘氨酸\tGLYCINE", "丙氨酸\tGLYCINE"),
         "languages/zh-hans-iecic.tsv: row 3.name: '丙氨酸' -> GLYCINE but row 2 maps it to ALANINE"),
    ],
)
def test_a_bad_row_is_named_by_file_row_and_field(edit, expected):
    db = ingredients.default_database()
    assert validate_iecic(db, GOOD) == []
    problems = validate_iecic(db, GOOD.replace(*edit))
    assert any(p.startswith(expected) for p in problems), problems


def test_db_validate_checks_the_list(monkeypatch):
    monkeypatch.setattr(_name_lists, "_read_text", lambda: GOOD.replace("GLYCINE", "GLYCINES"))
    assert ingredients.validate_database() == [
        "languages/zh-hans-iecic.tsv: row 3.inci: 'GLYCINES' is not a CosIng name"]


# --------------------------------------------------------------------------- the import script


@pytest.mark.parametrize(
    ("name", "inci", "bare"),
    [
        ("葡萄(VITIS VINIFERA)籽油", "VITIS VINIFERA (GRAPE) SEED OIL", "葡萄籽油"),
        ("(动物)胎盘蛋白", "PLACENTAL PROTEIN", None),  # a Han bracket stays
        ("紫苏(PERILLA OCYMOIDES)籽油", "PERILLA FRUTESCENS SEED OIL", None),  # Latin the INCI does not spell
        ("PEG-2 硬脂酸酯", "PEG-2 STEARATE", None),  # no bracket
    ],
)
def test_the_script_strips_a_latin_species_bracket(name, inci, bare):
    assert _script().stripped(name, inci) == bare


@pytest.mark.parametrize(
    ("inci", "cosing"),
    [
        ("ALANINE", "ALANINE"),
        ("VITIS VINIFERA (GRAPE) SEED OIL", "VITIS VINIFERA SEED OIL"),  # the common name dropped
        ("AKA104（1）", None),  # no CosIng name: skipped, never guessed
    ],
)
def test_the_script_places_an_inci_name_exactly(inci, cosing):
    assert _script().place(ingredients.default_database(), inci) == cosing


def test_the_script_drops_a_name_of_two_substances():
    entries = [
        ("苹果（MALUS DOMESTICA）果提取物", "MALUS DOMESTICA FRUIT EXTRACT", "05075"),
        ("苹果（PYRUS MALUS）果提取物", "PYRUS MALUS (APPLE) FRUIT EXTRACT", "05083"),
        ("石栗（ALEURITES MOLUCCANA）籽油", "ALEURITES MOLUCCANA SEED OIL", "06131"),  # no CosIng name
        ("石栗（ALEURITES MOLUCCANUS BAKOLY）籽油", "ALEURITES MOLUCCANUS BAKOLY SEED OIL", "06132"),
    ]
    rows, counts = _script().build(ingredients.default_database(), entries)
    assert [r[0] for r in rows] == [
        "石栗(ALEURITES MOLUCCANUS BAKOLY)籽油", "苹果(MALUS DOMESTICA)果提取物", "苹果(PYRUS MALUS)果提取物"]
    assert counts["dropped: names of two substances"] == 2  # 苹果果提取物, 石栗籽油


def test_the_script_rebuilds_the_shipped_table(tmp_path):
    """Needs the machine-readable copy of IECIC 2021 (a git mirror; MILIA_IECIC_MIRROR)."""
    if not (MIRROR / "HEAD").exists() and not (MIRROR / ".git").exists():
        pytest.skip(f"no mirror of go-bananas-wwj/olaiya_front at {MIRROR} (set MILIA_IECIC_MIRROR)")
    raw = subprocess.run(["git", "-C", str(MIRROR), "show", f"{_script().MIRROR_COMMIT}:data/seed/inci_cn_map.json"],
                         capture_output=True, check=False)
    if raw.returncode != 0:
        pytest.skip(f"the mirror at {MIRROR} lacks commit {_script().MIRROR_COMMIT}")
    assert len(json.loads(raw.stdout)["map"]) == 8927
    (tmp_path / "iecic.json").write_bytes(raw.stdout)
    out = tmp_path / "out.tsv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "import_iecic.py"), str(tmp_path / "iecic.json"),
                    "--out", str(out)], check=True, capture_output=True)
    shipped = ROOT / "data" / "languages" / "zh-hans-iecic.tsv"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8"), "re-run the script"



def test_taiwan_words_have_one_mainland_counterpart():
    """Every Taiwan word rewritten for a lookup is a word of the traditional pack's table whose
    INCI word the simplified pack writes in one way only."""
    from ingredients._languages import _mainland_words, compiled_documents

    hans = {(r["word"], r["inci"]) for r in compiled_documents()["zh-hans.yaml"]["translation"]["words"]}
    for taiwan, mainland in _mainland_words():
        assert taiwan != mainland
        assert sum(1 for word, _inci in hans if word == mainland) >= 1
