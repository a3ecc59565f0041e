"""Parser speed on the real corpora: microseconds per product, per corpus file.

A script, not a test: ``python benchmarks/parse_bench.py``. Needs ``../shared/data``
beside the repository (skips with a message otherwise).
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from pathlib import Path

from ingredients._parse import parse

PRODUCTS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "products"
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
REPEATS = 3


def main() -> int:
    """Print one line per corpus: products, items, µs per product (best of REPEATS)."""
    if not PRODUCTS.is_dir():
        print(f"skipped: {PRODUCTS} is absent", file=sys.stderr)
        return 0
    print(f"{'corpus':40} {'products':>8} {'items':>7} {'us/product':>11} {'us/item':>8}")
    all_texts: list[str] = []
    for name, (column, encoding) in CORPORA.items():
        with (PRODUCTS / name).open(encoding=encoding, newline="") as handle:
            texts = [row[column] or "" for row in csv.DictReader(handle)]
        all_texts.extend(texts)
        items = sum(len(parse(t)) for t in texts)  # warm-up, and the item count
        runs = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            for text in texts:
                parse(text)
            runs.append(time.perf_counter() - start)
        best = min(runs)
        print(
            f"{name:40} {len(texts):8d} {items:7d} {best / len(texts) * 1e6:11.0f} "
            f"{best / max(items, 1) * 1e6:8.1f}"
        )
    sizes = sorted(len(t) for t in all_texts)
    print(f"(text length: median {statistics.median(sizes):.0f}, max {sizes[-1]} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
