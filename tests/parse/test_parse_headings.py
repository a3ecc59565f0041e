"""Kit part names in brackets (issue 15): ``(컨실러) 옥틸도데칸올, …, 흑색산화철 (쉐딩)
에틸헥실팔미테이트, …`` lists two parts, each led by its name in brackets with no separator
before it. The bracketed name is no ingredient and no part of a name: it is the
``section`` of the items after it. Real names with brackets are never read so.

Texts marked "real" are excerpts of the shared corpora (file and 0-based data row).
"""

from __future__ import annotations

import pytest

from ingredients._parse import document as document_stage
from ingredients._parse import parse
from ingredients._parse.batch import items_not_plain

HEADED = [
    # real: multilingual/ko.csv#40 (a concealer and shading stick)
    pytest.param("(컨실러) 옥틸도데칸올, 실리카, 흑색산화철 (쉐딩) 에틸헥실팔미테이트, 옥틸도데칸올",
                 [("옥틸도데칸올", "컨실러"), ("실리카", "컨실러"), ("흑색산화철", "컨실러"),
                  ("에틸헥실팔미테이트", "쉐딩"), ("옥틸도데칸올", "쉐딩")],
                 id="korean-kit-glued-second-heading"),
    pytest.param("(Shade 1) Water, Glycerin, Mica, (Shade 2) Water, Talc",
                 [("Water", "Shade 1"), ("Glycerin", "Shade 1"), ("Mica", "Shade 1"),
                  ("Water", "Shade 2"), ("Talc", "Shade 2")], id="shades-with-commas"),
    pytest.param("Water, Glycerin\n(Shade 2) Water, Talc",
                 [("Water", None), ("Glycerin", None), ("Water", "Shade 2"), ("Talc", "Shade 2")],
                 id="at-a-line-start"),
    pytest.param("(Shade 1) Water, Mica (Shade 2) Talc, Glycerin",
                 [("Water", "Shade 1"), ("Mica", "Shade 1"), ("Talc", "Shade 2"), ("Glycerin", "Shade 2")],
                 id="english-glued-second-heading"),
]

NOT_HEADED = [
    # a bracket that is a name, a qualifier or a common name (real shapes: sephora_2019/2023/2025)
    pytest.param("(Mel) Honey, Water", ["(Mel) Honey", "Water"], id="a-synonym"),
    pytest.param("(Organic) Glycerin, Water", ["(Organic) Glycerin", "Water"], id="a-qualifier"),
    pytest.param("(Sunflower) Helianthus Annuus Seed Oil, Water",
                 ["(Sunflower) Helianthus Annuus Seed Oil", "Water"], id="a-common-name"),
    pytest.param("(Tapioca) Maltodextrin, Water", ["(Tapioca) Maltodextrin", "Water"],
                 id="a-word-of-a-name"),
    pytest.param("(Jojoba) Seed Oil, Water", ["(Jojoba) Seed Oil", "Water"], id="no-name-after"),
    pytest.param("(Ethoxymethoxy)Cyclododecane, Water", ["(Ethoxymethoxy)Cyclododecane", "Water"],
                 id="chemistry-no-space"),
    pytest.param("(CI 77491) Iron Oxides, Water", ["(CI 77491) Iron Oxides", "Water"], id="a-colour-number"),
    # not at a line start, and no part name read before it
    pytest.param("Water, (Shade 2) Aqua, Talc", ["Water", "(Shade 2) Aqua", "Talc"], id="mid-list"),
    # brackets inside and at the end of names, blends
    pytest.param("Water (Aqua) Glycerin, Butyrospermum Parkii (Shea) Butter, Cetearyl Alcohol (and) Ceteareth-20",
                 ["Water", "Glycerin", "Butyrospermum Parkii (Shea) Butter", "Cetearyl Alcohol", "Ceteareth-20"],
                 id="real-names-with-brackets"),
]


@pytest.mark.parametrize(("text", "expected"), HEADED)
def test_bracketed_part_names_head_sections(text: str, expected: list[tuple[str, str | None]]) -> None:
    items = parse(text)
    assert [(i.name, i.section) for i in items] == expected
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    for item in items:
        assert text[item.span[0] : item.span[1]] == item.raw
        assert "(" not in item.raw and not item.alternatives


@pytest.mark.parametrize(("text", "names"), NOT_HEADED)
def test_names_with_brackets_are_no_part_names(text: str, names: list[str]) -> None:
    items = parse(text)
    assert [i.name for i in items] == names
    assert all(i.section is None for i in items)


@pytest.mark.parametrize(("text", "names"), HEADED + NOT_HEADED)
def test_every_path_reads_part_names_alike(text: str, names: object) -> None:
    """The fast path refuses a line that starts with a part name: the full path reads it."""
    full = document_stage._join_spaced_locants(text, document_stage._parse_full(text, fast_lines=False))
    assert parse(text) == full
    records = items_not_plain(text)
    if records is not None:
        assert [(r.name, r.section) for r in records] == [(i.name, i.section) for i in full]
