"""Build a large, realistic catalogue for the scan benchmark, deterministically.

Real ingredient lists from ../shared/data/products are split into items and
recombined - a head of one real product joined to the tail of another, a few
items swapped in from elsewhere - so that most rows are distinct but every name
is one that real labels use. About 1% of rows are the messy cells real exports
have (empty, #NAME?, a sentence, NUL bytes).

    python benchmarks/make_catalogue.py 10000 100000 1000000   # -> benchmarks/out/catalogue_<n>.csv
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PRODUCTS = HERE.parent.parent / "shared" / "data" / "products"
OUT = HERE / "out"
SOURCES = {
    "sephora_2019_cosmetics.csv": ("Ingredients", "cp1252", "Label"),
    "sociolla_skincare.csv": ("ingredients", "utf-8", "sub-category"),
    "sephora_2023_skincare.csv": ("ingredients", "utf-8", "secondary_category"),
    "soco_haircare.csv": ("ingredients", "utf-8", "category"),
}
MESSY = ["", "#NAME?", "No Info", "Visit the Dior boutique", "Aqua\x00Glycerin", "-", "N/A"]


def real_lists() -> list[tuple[str, list[str]]]:
    """(category, items) of every usable real product, in file order."""
    csv.field_size_limit(sys.maxsize)
    out = []
    for name, (column, encoding, category) in SOURCES.items():
        with (PRODUCTS / name).open(encoding=encoding, newline="") as fh:
            for row in csv.DictReader(fh):
                text = (row.get(column) or "").strip().strip("[]'\"")
                items = [i.strip() for i in text.replace(" | ", ", ").split(", ") if i.strip()]
                if 5 <= len(items) <= 80:
                    out.append((row.get(category) or "", items))
    return out


def build(n: int, lists: list[tuple[str, list[str]]], seed: int = 20261121) -> Path:
    rng = random.Random(seed + n)
    OUT.mkdir(exist_ok=True)
    path = OUT / f"catalogue_{n}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["sku", "category", "ingredients"])
        for i in range(n):
            if rng.random() < 0.01:
                writer.writerow([f"SKU{i:07d}", "", rng.choice(MESSY)])
                continue
            cat, a = rng.choice(lists)
            _, b = rng.choice(lists)
            cut_a = rng.randint(2, len(a))
            cut_b = rng.randint(0, len(b) - 1)
            items = a[:cut_a] + b[cut_b:]
            for _ in range(rng.randint(0, 3)):  # swap a few items in from elsewhere
                _, c = rng.choice(lists)
                items[rng.randrange(len(items))] = rng.choice(c)
            writer.writerow([f"SKU{i:07d}", cat, ", ".join(items)])
    return path


def main() -> int:
    if not PRODUCTS.exists():
        print(f"skipped: {PRODUCTS} not found", file=sys.stderr)
        return 0
    sizes = [int(a) for a in sys.argv[1:]] or [10_000]
    lists = real_lists()
    for n in sizes:
        path = build(n, lists)
        with path.open(encoding="utf-8", newline="") as fh:
            distinct = len({row[2] for row in csv.reader(fh)}) - 1
        print(f"{path.relative_to(HERE.parent)}: {n:,} rows, {distinct:,} distinct lists, "
              f"{path.stat().st_size / 1e6:.1f} MB (from {len(lists):,} real lists)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
