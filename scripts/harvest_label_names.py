"""Find name pairs that real labels print: a local or common name beside its CosIng name.

Reads the shared corpora (``../shared/data/products``: the English retail scrapes and
``multilingual/*.csv``), parses every list, and for each item whose label gives two
names -- ``Aqua (Wasser)``, ``Prunus Amygdalus Dulcis (Sweet Almond) Oil``,
``Ekstrak Lidah Buaya (Aloe Barbadensis Leaf Extract)`` -- where exactly one of them is a
CosIng name and the other is no name the matcher knows, prints a candidate row with
the file and row that prints it. A name seen beside two different CosIng names (also
as a bracketed insert: ``Anthemis Nobilis (Chamomile) Flower Oil``) is dropped, and so
is an English one whose last word is not the CosIng name's (``Chamomile`` beside ``... FLOWER
EXTRACT`` names a plant, not which part or form of it). Candidates are for a person
to review before they go into ``data/languages/<code>.yaml`` (label text itself is
never copied: file and row locate it).

    python scripts/harvest_label_names.py [--min-count 1] > candidates.tsv
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpora import CORPORA, PRODUCTS, read_corpus  # noqa: E402

import ingredients  # noqa: E402
from ingredients._match import looks_like_prose  # noqa: E402
from ingredients._normalize import normalize  # noqa: E402

MULTILINGUAL = PRODUCTS / "multilingual"
_INNER = re.compile(r"\(([^()]{3,40})\)")


def _texts() -> list[tuple[str, str, int, str]]:
    """(language, file, 0-based data row, text) of every list."""
    out: list[tuple[str, str, int, str]] = []
    for name in CORPORA:
        out += [("en-common", name, i, t) for i, t in enumerate(read_corpus(name))]
    csv.field_size_limit(sys.maxsize)
    for path in sorted(MULTILINGUAL.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                out.append((path.stem, f"multilingual/{path.name}", i, row["ingredients"]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=1)
    args = parser.parse_args()
    if not PRODUCTS.is_dir():
        print(f"skipped: {PRODUCTS} is absent", file=sys.stderr)
        return 0
    db = ingredients.default_database()

    def known(name: str) -> bool:
        key = normalize(name)
        return key in db.keys or key in db.synonyms

    seen: dict[str, dict[str, list[tuple[str, str, int]]]] = defaultdict(lambda: defaultdict(list))
    shown: dict[str, str] = {}
    for language, file, row, text in _texts():
        for item in ingredients.parse(text):
            names = [item.name, *item.alternatives]
            cosing = [n for n in names if normalize(n) in db.keys]
            others = [n for n in names if not known(n)]
            if len(cosing) != 1 or not others:
                continue
            inci = db.keys[normalize(cosing[0])][0]
            for inner in _INNER.findall(item.name):
                # ("Anthemis Nobilis (Chamomile) Flower Oil": evidence of what "Chamomile" names)
                if normalize(inner) and not known(inner):
                    seen[normalize(inner)][inci].append((language, file, row))
                    shown.setdefault(normalize(inner), inner)
            for other in others:
                key = normalize(other)
                if (not key or looks_like_prose(key) or len(key.split()) > 6
                        or sum(c.isalpha() for c in key) < 4 or any(c in other for c in "()[]/")):
                    continue  # (a bracketed or slashed name is read by the matcher already)
                if (inci + " ").startswith(key + " "):
                    continue  # a species without its part ("Aloe Barbadensis") names no one substance
                seen[key][inci].append((language, file, row))
                shown.setdefault(key, other)
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(["language", "name", "inci", "count", "file", "row"])
    for key, by_inci in sorted(seen.items()):
        if len(by_inci) != 1:
            continue  # one name beside two CosIng names: not a name of one substance
        (inci, where), = by_inci.items()
        if where[0][0] == "en-common" and key.split()[-1] != inci.split()[-1]:
            continue  # "Chamomile" beside "... FLOWER EXTRACT": a plant, not which part or form
        if len(where) < args.min_count:
            continue
        language, file, row = where[0]
        writer.writerow([language, shown[key], inci, len(where), file, row])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
