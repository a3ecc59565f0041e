"""The shared product corpora (../shared/data/products): which column holds the
ingredient text, and how each file is encoded. Used by the benchmark scripts."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

PRODUCTS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "products"

# file -> (text column, encoding)
CORPORA = {
    "sephora_2019_cosmetics.csv": ("Ingredients", "cp1252"),
    "sephora_2023_product_info_mixed.csv": ("ingredients", "utf-8"),
    "sephora_2023_skincare.csv": ("ingredients", "utf-8"),
    "sephora_2025_raw.csv": ("ingredients", "utf-8"),
    "sephora_2020_raw_html.csv": ("ingredients", "utf-8"),
    "sociolla_skincare.csv": ("ingredients", "utf-8"),
    "soco_haircare.csv": ("ingredients", "utf-8"),
    "lookfantastic_2020_skincare_clean.csv": ("clean_ingreds", "utf-8"),
    "openbeautyfacts_sample.csv": ("ingredients_text", "utf-8"),
}


def read_corpus(name: str, limit: int | None = None) -> Iterator[str]:
    """Texts of one shared corpus, in file order (nothing when the data is absent)."""
    column, encoding = CORPORA[name]
    path = PRODUCTS / name
    if not path.exists():
        return
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding=encoding, newline="", errors="replace") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if limit is not None and i >= limit:
                break
            yield row.get(column) or ""
