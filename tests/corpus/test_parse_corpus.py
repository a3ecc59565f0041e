"""Parse every product of every real corpus in ``../shared/data/products``.

Skipped (with the reason) when the shared data is absent. Prints statistics per
file (run with ``-s`` to see them): items per product, share of items flagged
``prose``, rows without ingredients, the longest item.
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_data_path

from ingredients._parse import parse
from ingredients._parse import text as text_stage

# file -> (text column, encoding, most rows without any ingredient we accept,
#          largest share of items flagged "prose" we accept)
CORPORA = {
    "sephora_2019_cosmetics.csv": ("Ingredients", "cp1252", 0.17, 0.01),
    "sephora_2023_product_info_mixed.csv": ("ingredients", "utf-8", 0.07, 0.01),
    "sephora_2023_skincare.csv": ("ingredients", "utf-8", 0.01, 0.01),
    "sephora_2025_raw.csv": ("ingredients", "utf-8", 0.05, 0.01),
    "sephora_2020_raw_html.csv": ("ingredients", "utf-8", 0.08, 0.01),
    "sociolla_skincare.csv": ("ingredients", "utf-8", 0.01, 0.01),
    "soco_haircare.csv": ("ingredients", "utf-8", 0.16, 0.03),
    "lookfantastic_2020_skincare_clean.csv": ("clean_ingreds", "utf-8", 0.0, 0.0),
    "openbeautyfacts_sample.csv": ("ingredients_text", "utf-8", 0.5, 0.03),
}


def read_texts(path: Path, column: str, encoding: str) -> list[str]:
    """The text column of every row of a corpus file."""
    with path.open(encoding=encoding, newline="") as handle:
        return [row[column] or "" for row in csv.DictReader(handle)]


def test_every_corpus_file_is_covered() -> None:
    """A new CSV in the shared data gets a line in CORPORA (column, encoding, bounds)."""
    products = shared_data_path() / "products"
    assert {p.name for p in products.glob("*.csv")} == set(CORPORA)


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpus_parses(name: str) -> None:
    """Every row parses; spans, raw text and positions hold; the statistics stay sane."""
    column, encoding, max_empty, max_prose = CORPORA[name]
    texts = read_texts(shared_data_path() / "products" / name, column, encoding)
    per_product: list[int] = []
    flags: Counter[str] = Counter()
    longest = ""
    for text in texts:
        found = parse(text)
        assert [i.position for i in found] == list(range(1, len(found) + 1))
        for item in found:
            assert text[item.span[0] : item.span[1]] == item.raw
            flags.update(item.flags)
            if len(item.name) > len(longest):
                longest = item.name
        per_product.append(len(found))
    items = sum(per_product)
    empty = per_product.count(0)
    print(
        f"\n{name}: {len(texts)} products, {items} items, "
        f"items/product mean {items / len(texts):.1f} median {statistics.median(per_product)} "
        f"max {max(per_product)}; no items: {empty} ({empty / len(texts):.1%}); "
        f"prose {flags['prose'] / max(items, 1):.2%}; flags {dict(flags)}; "
        f"longest item {len(longest)} chars: {longest[:80]!r}"
    )
    assert empty <= max_empty * len(texts)
    assert flags["prose"] <= max_prose * items


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpus_full_path_shortcuts(name: str) -> None:
    """Every row read by the full path gives the same items with its shortcuts (a quiet
    sentence is no prose, a run of commas at once) as without them."""
    from unittest import mock

    from ingredients._parse import document, labels, pieces

    def full_path(text: str) -> object:  # (as in tests/parse/test_parse_fast_path.py)
        if not text.strip() or text_stage._is_junk(text):
            return []
        return document._parse_full(text, fast_lines=False)

    column, encoding, _max_empty, _max_prose = CORPORA[name]
    texts = read_texts(shared_data_path() / "products" / name, column, encoding)
    fast = [full_path(text) for text in texts]
    with mock.patch.object(labels, "_quiet_sentence", return_value=False), \
            mock.patch.object(pieces, "_PIECE_NOT_COMMA_RE", None):
        for text, found in zip(texts, fast, strict=True):
            assert found == full_path(text), text[:200]
