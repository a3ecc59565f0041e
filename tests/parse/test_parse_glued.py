"""Glued names (issue 15): an item is cut into names only where every part is a known
name, the whole is not, and neighbouring parts name different substances.

The texts are real (file and row of the shared corpora, 0-based data rows, in the
comments); the parts of a cut item keep their offsets and follow each other.
"""

from __future__ import annotations

import pytest

import ingredients
from ingredients._parse import document as document_stage
from ingredients._parse import parse

SPLITS = [
    # sephora_2019_cosmetics.csv#816 (hand-labelled: both were missed)
    pytest.param("Dimethicone, Pentylene Glycol Glyceryl Stearate, PEG-100 Stearate",
                 ["Dimethicone", "Pentylene Glycol", "Glyceryl Stearate", "PEG-100 Stearate"],
                 id="comma-lost"),
    # sociolla_skincare.csv#2423 (hand-labelled: both were missed)
    pytest.param("Butyl Methoxydibenzoylmethane, Ethylhexyl Salicylate Octocrylene, Distarch Phosphate",
                 ["Butyl Methoxydibenzoylmethane", "Ethylhexyl Salicylate", "Octocrylene",
                  "Distarch Phosphate"], id="comma-lost-before-a-one-word-name"),
    # sephora_2023_product_info_mixed.csv#1529
    pytest.param("Pentaerythrityl Tetraoctanoate, Phenyl Trimethicone Glycerin Dipropylene Glycol, Betaine",
                 ["Pentaerythrityl Tetraoctanoate", "Phenyl Trimethicone", "Glycerin",
                  "Dipropylene Glycol", "Betaine"], id="three-names"),
    # sephora_2020_raw_html.csv#1865
    pytest.param("Alcohol Denat., GlycerinSodium Hydroxide, Hydroxyethylpiperazine Ethane Sulfonic Acid",
                 ["Alcohol Denat.", "Glycerin", "Sodium Hydroxide",
                  "Hydroxyethylpiperazine Ethane Sulfonic Acid"], id="camel-case-glue"),
    # sociolla_skincare.csv#2266
    pytest.param("Tranexamic acid Purified water, dipropropylene glycol",
                 ["Tranexamic acid", "Purified water", "dipropropylene glycol"], id="lower-case"),
    # sociolla_skincare.csv#1937
    pytest.param("Aqua, Fragrance (Parfum) Disodium EDTA, Glycerin",
                 ["Aqua", "Fragrance", "Disodium EDTA", "Glycerin"], id="a-bracketed-alternative-before"),
    # sephora_2023_product_info_mixed.csv#53
    pytest.param("Cocos Nucifera (Coconut) Oil Helianthus Annuus (Sunflower) Seed Oil, Water",
                 ["Cocos Nucifera (Coconut) Oil", "Helianthus Annuus (Sunflower) Seed Oil", "Water"],
                 id="two-oils-with-common-names"),
    # multilingual/ko.csv#11
    pytest.param("참마뿌리추출물  정제수", ["참마뿌리추출물", "정제수"], id="korean-name-table"),
    # sephora_2019_cosmetics.csv#1261
    pytest.param("Diamond Powder Water, Glycerin", ["Diamond Powder", "Water", "Glycerin"],
                 id="water-after-a-complete-name"),
    # a line join: sephora_2023_product_info_mixed.csv (Triethanolamine / Chlorphenesin)
    pytest.param("Water, Carbomer, Triethanolamine\nChlorphenesin, Glycerin",
                 ["Water", "Carbomer", "Triethanolamine", "Chlorphenesin", "Glycerin"],
                 id="joined-lines"),
    # multilingual/id.csv#3: a lost line break; the part after it is read by translation only
    pytest.param("Bisabolol, AllantoinAsam Traneksamat, Titanium Dioksida",
                 ["Bisabolol", "Allantoin", "Asam Traneksamat", "Titanium Dioksida"],
                 id="camel-case-glue-before-a-translated-name"),
    # multilingual/zh-hant.csv#2 shape ("丁二醇 矽粉": 矽粉 has no name row yet): two Han names
    # parted by one space, both known
    pytest.param("水、丁二醇 甘油、滑石粉", ["水", "丁二醇", "甘油", "滑石粉"], id="han-names-parted-by-a-space"),
    # multilingual/zh-hant.csv#2 itself: a Han name parted by a space from one no row names
    # (矽粉) is cut all the same, so the name beside the unread one is read
    pytest.param("水、丁二醇 矽粉、甘油", ["水", "丁二醇", "矽粉", "甘油"], id="han-name-beside-an-unread-one"),
    # (the label's full-width slashes written as "/": the test checks names against raw text)
    pytest.param("水、裂殖酵母菌絲體/無花果發酵產物濾液 乳酸桿菌/玫瑰茄花發酵產物濾液",
                 ["水", "裂殖酵母菌絲體/無花果發酵產物濾液", "乳酸桿菌/玫瑰茄花發酵產物濾液"],
                 id="two-han-ferments-parted-by-a-space"),
    pytest.param("Water, Glycerin Dimethicone 2%, Parfum", ["Water", "Glycerin", "Dimethicone", "Parfum"],
                 id="dose-goes-with-its-part"),
    # A written conjunction between two names (sociolla_skincare.csv, soco_haircare.csv#59,
    # multilingual/fr.csv#0, benchmarks/labels/extra_lists.csv nl #17): the word goes with neither
    pytest.param("Water, PEG-200 Hydrogenated Glyceryl Palmate and PEG-7 Glyceryl Cocoate, Glycerin",
                 ["Water", "PEG-200 Hydrogenated Glyceryl Palmate", "PEG-7 Glyceryl Cocoate", "Glycerin"],
                 id="and-between-two-names"),
    pytest.param("cyclomethicone and dimethiconol | dimethicone", ["cyclomethicone", "dimethiconol", "dimethicone"],
                 id="lower-case-and"),
    pytest.param("AQUA, LIMONENE AND LINALOOL", ["AQUA", "LIMONENE", "LINALOOL"], id="upper-case-and"),
    pytest.param("Aqua, Mica and Silica", ["Aqua", "Mica", "Silica"], id="a-written-and"),
    pytest.param("Basis: vaseline en adeps lanae.", ["vaseline", "adeps lanae"], id="dutch-en"),
    # past a written conjunction a name starts whatever its first word (``Water`` ends names
    # too, so it is no cut after a name that is not complete): benchmarks/labels/extra_lists.csv
    # nl ("natriumchloride en water", here with a known name before it) and multilingual/
    # la-pharm.csv ("... et vaselinum album et ...")
    pytest.param("menthol en water", ["menthol", "water"], id="conjunction-before-water"),
    # a conjunction between a name that is read and one that is not parts them too
    # (sociolla_skincare.csv: "noni juice and glycerin", 36 rows; extra_lists.csv extra-pl-0002)
    pytest.param("Aqua, noni juice and glycerin", ["Aqua", "noni juice", "glycerin"], id="read-and-unread"),
    pytest.param("Zawiera masło shea, wosk karnauba i witaminę e.", ["masło shea", "wosk karnauba", "witaminę e"],
                 id="read-and-unread-polish"),
    # past a written conjunction a part may be read by translation (as after a lost line
    # break): "kwas salicylowy" is read word by word (pl.yaml), "woda oczyszczona" by name
    pytest.param("kwas salicylowy i woda oczyszczona", ["kwas salicylowy", "woda oczyszczona"],
                 id="translated-part-past-a-conjunction"),
    pytest.param("alcoholes adipis lanae et vaselinum album et alcohol cetylicus et stearylicus",
                 ["alcoholes adipis lanae", "vaselinum album", "alcohol cetylicus et stearylicus"],
                 id="latin-et-between-names"),
    # multilingual/pt.csv#17, sephora_2025_raw.csv#289: a blend written with a slash
    pytest.param("aqua, methylchloroisothiazolinone/ methylisothiazolinone, parfum",
                 ["aqua", "methylchloroisothiazolinone", "methylisothiazolinone", "parfum"], id="slashed-blend"),
    pytest.param("Isododecane, Dodecane/Coconut Alkanes", ["Isododecane", "Dodecane", "Coconut Alkanes"],
                 id="slashed-blend-of-two-word-names"),
    # sociolla_skincare.csv: "Oil" and "Soybean" are neighbours only across the slash of
    # PSEUDOZYMA EPICOLA/OLIVE FRUIT OIL/SOYBEAN FLOUR FERMENT FILTRATE, which is no reason
    # to keep "Canola Oil Sunflower Seed Oil Unsaponifiables" together
    pytest.param("Squalane, Canola Oil Sunflower Seed Oil Unsaponifiables, Tocopherol",
                 ["Squalane", "Canola Oil", "Sunflower Seed Oil Unsaponifiables", "Tocopherol"],
                 id="no-neighbours-across-a-slash"),
    # benchmarks/labels/extra_lists.csv extra-en-common-0006 (reach.dog, Gia Roma bar soap): a
    # list that lost every comma and its colon; "Organic" may go with either neighbour, the
    # same names either way: it goes with the name after it
    pytest.param("Ingredients Olive Oil Soybean Oil Coconut Oil Corn Oil Sunflower Oil Organic Shea Butter "
                 "Water Sodium Hydroxide (Lye) Fragrance",
                 ["Olive Oil", "Soybean Oil", "Coconut Oil", "Corn Oil", "Sunflower Oil", "Organic Shea Butter",
                  "Water", "Sodium Hydroxide", "Fragrance"], id="a-list-without-commas"),
    # openbeautyfacts_sample.csv (3549620005585)
    pytest.param("INGREDIENTS SODIUM PALMATE SODIUM PALM KERNELATE", ["SODIUM PALMATE", "SODIUM PALM KERNELATE"],
                 id="upper-case-list-without-commas"),
]

KEPT = [
    # an IECIC name with a space between Han characters (zh-hans-iecic.tsv 06025), and an
    # unread Han text with a space in it: nothing read beside it, nothing cut
    pytest.param("生物糖 胶-1、水", ["生物糖 胶-1", "水"], id="iecic-name-with-a-space"),
    pytest.param("裂殖酵母 菌絲體、水", ["裂殖酵母 菌絲體", "水"], id="han-parts-none-read"),
    pytest.param("Water, Iron Oxides CI 77491, Mica", ["Water", "Iron Oxides CI 77491", "Mica"],
                 id="a-colourant-and-its-number"),
    # sephora_2025_raw.csv (Ci 77499 Iron Oxides)
    pytest.param("Talc, Ci 77499 Iron Oxides, Mica", ["Talc", "Ci 77499 Iron Oxides", "Mica"],
                 id="the-number-first"),
    pytest.param("Beta-Carotene CI 40800, Water", ["Beta-Carotene CI 40800", "Water"],
                 id="a-number-of-another-name"),
    pytest.param("Butyrospermum Parkii Shea Butter, Water", ["Butyrospermum Parkii Shea Butter", "Water"],
                 id="inci-and-common-name"),
    pytest.param("Water, oryza sativa rice bran oil", ["Water", "oryza sativa rice bran oil"],
                 id="species-and-common-name"),
    pytest.param("Cocos Nucifera Coconut Oil, Water", ["Cocos Nucifera Coconut Oil", "Water"],
                 id="genus-and-common-name"),
    pytest.param("Aqua Water, Glycerin", ["Aqua Water", "Glycerin"], id="same-cas"),
    # soco_haircare.csv (cera alba beeswax)
    pytest.param("Water, cera alba beeswax", ["Water", "cera alba beeswax"], id="known-synonyms"),
    # sephora_2019_cosmetics.csv (Butyrospermum Parkii (Shea/Karite) Butter): "Butter" goes on
    pytest.param("Butyrospermum Parkii (Shea/Karite) Butter, Water",
                 ["Butyrospermum Parkii (Shea/Karite) Butter", "Water"], id="butter-carries-a-name-on"),
    # sephora_2023_product_info_mixed.csv (Oryza Sativa (Longsheng Rice) Water)
    pytest.param("Oryza Sativa (Longsheng Rice) Water, Glycerin",
                 ["Oryza Sativa (Longsheng Rice) Water", "Glycerin"], id="water-carries-a-name-on"),
    # sephora_2023_product_info_mixed.csv (Rosa Damascena FlowerWater)
    pytest.param("Rosa Damascena FlowerWater, Glycerin", ["Rosa Damascena FlowerWater", "Glycerin"],
                 id="neighbours-in-a-name"),
    pytest.param("Water, Polyethylene Glycol", ["Water", "Polyethylene Glycol"], id="polyethylene-glycol"),
    pytest.param("Aqua/Water/Eau, Parfum/Fragrance", ["Aqua", "Parfum"], id="slashed-synonyms"),
    # a conjunction between two unread parts is no cut (neither is a name to keep apart)
    pytest.param("cholesterol, natriumchloride en waterstofperoxide", ["cholesterol", "natriumchloride en waterstofperoxide"],
                 id="a-conjunction-between-unread-parts"),
    pytest.param("Water, Sodium Hydroxide and/or Citric Acid", ["Water", "Sodium Hydroxide and/or Citric Acid"],
                 id="and-or"),
    # a slash inside a known name (LACTOBACILLUS/SOYBEAN ... FERMENT ...): a name cut short
    pytest.param("Lactobacillus/Soybean Extract, Water", ["Lactobacillus/Soybean Extract", "Water"],
                 id="slash-of-a-ferment-cut-short"),
    # sephora_2019_cosmetics.csv (Serica/Silk Powder/Poudre De Soie): three slashed parts are not cut
    pytest.param("Serica/Silk Powder/Poudre De Soie, Water", ["Serica/Silk Powder/Poudre De Soie", "Water"],
                 id="three-slashed-parts"),
    # IECIC names keep a space after a Latin part (multilingual/zh-hant.csv#4, zh-hans.csv)
    pytest.param("水、聚甘油-10 月桂酸酯、PEG-10 向日葵油甘油酯類、EDTA 二钠、聚山梨醇酯 20",
                 ["水", "聚甘油-10 月桂酸酯", "PEG-10 向日葵油甘油酯類", "EDTA 二钠", "聚山梨醇酯 20"],
                 id="iecic-spaces-after-latin-parts"),
    # multilingual/zh-hans.csv#17: a space inside one name (a wrap), halves no names
    pytest.param("白茅根提取物、葡萄籽提取 物、黄瓜 提取物。", ["白茅根提取物", "葡萄籽提取 物", "黄瓜 提取物"],
                 id="han-name-broken-by-a-space"),
    # sephora_2020_raw_html.csv (Dimethylacrylamide/Acrylic Acid/Polystyrene Ethyl Methacrylate)
    pytest.param("Dimethylacrylamide/Acrylic Acid/Polystyrene Ethyl Methacrylate, Water",
                 ["Dimethylacrylamide/Acrylic Acid/Polystyrene Ethyl Methacrylate", "Water"],
                 id="a-copolymer-cut-short"),
    pytest.param("Water, PolymethylMethacrylate", ["Water", "PolymethylMethacrylate"], id="lost-space"),
    # at a space, a part read only by translation (0.88) is no name to cut at
    pytest.param("Bisabolol, Allantoin Asam Traneksamat", ["Bisabolol", "Allantoin Asam Traneksamat"],
                 id="translated-part-at-a-space"),
    # multilingual/id.csv#3: "Oligopeptida -68" is read only by a fuzzy guess
    pytest.param("Asam Traneksamat Oligopeptida -68, Gliserin", ["Asam Traneksamat Oligopeptida -68", "Gliserin"],
                 id="fuzzy-part"),
    pytest.param("Water, CoQ10, Glycerin", ["Water", "CoQ10", "Glycerin"], id="inner-capital"),
    pytest.param("Water, Cetearyl Alcohol, Glycerin", ["Water", "Cetearyl Alcohol", "Glycerin"],
                 id="a-known-name"),
    # sephora_2020_raw_html.csv (Helianthus Annuus (Sunflower) Seed Oil & Lentinus Edodes ...)
    pytest.param("Helianthus Annuus (Sunflower) Seed Oil & Lentinus Edodes (Shiitake) Extract",
                 ["Helianthus Annuus (Sunflower) Seed Oil & Lentinus Edodes (Shiitake) Extract"],
                 id="no-part-starts-with-oil"),
    # sociolla_skincare.csv (Organic ... qualifier words read the whole)
    pytest.param("Water, Organic Shea Butter", ["Water", "Organic Shea Butter"], id="qualifier-word"),
]


@pytest.mark.parametrize(("text", "names"), SPLITS)
def test_glued_names_are_cut(text: str, names: list[str]) -> None:
    items = parse(text)
    assert [i.name for i in items] == names
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    for item in items:
        assert text[item.span[0] : item.span[1]] == item.raw
        assert item.name in " ".join(item.raw.split()) or item.percent is not None


@pytest.mark.parametrize(("text", "names"), KEPT)
def test_what_is_not_cut(text: str, names: list[str]) -> None:
    assert [i.name for i in parse(text)] == names


def test_a_cut_part_keeps_its_dose_and_span() -> None:
    text = "Water, Glycerin Dimethicone 2%, Parfum"
    glycerin, dimethicone = parse(text)[1:3]
    assert (glycerin.raw, glycerin.percent) == ("Glycerin", None)
    assert (dimethicone.raw, dimethicone.percent, dimethicone.span) == ("Dimethicone 2%", 2.0, (16, 30))


@pytest.mark.parametrize(("text", "names"), SPLITS + KEPT)
def test_every_path_cuts_alike(text: str, names: list[str]) -> None:
    """The fast path refuses a line that holds a glued item: the full path cuts it."""
    full = document_stage._join_spaced_locants(text, document_stage._parse_full(text, fast_lines=False))
    assert parse(text) == full


@pytest.mark.parametrize(("text", "names"), SPLITS)
def test_batch_rows_cut_alike(text: str, names: list[str]) -> None:
    from ingredients._batch import RESULT_COLUMNS, RowScorer

    row = RowScorer(ingredients.default_database()).row(text, "leave-on", "face")
    got = dict(zip(RESULT_COLUMNS, row, strict=True))
    report = ingredients.analyze(text)
    assert got["n_ingredients"] == len(names) == len(report.findings)
