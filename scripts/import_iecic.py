"""Write data/languages/zh-hans-iecic.tsv from a machine-readable copy of IECIC 2021.

IECIC 2021 is the NMPA list of cosmetic ingredients in use, 已使用化妆品原料目录（2021年版）
(NMPA announcement 2021 No. 62): each entry prints a serial number, the standard Chinese
name and the INCI name. An official list's name pairs are facts; the copy read here is
``data/seed/inci_cn_map.json`` of github.com/go-bananas-wwj/olaiya_front (``map``: INCI ->
{cn_name, iecic_serial}), and only its name pairs are taken. Run by hand, not at install:

    git -C /work/.mirror/go-bananas-wwj+olaiya_front/repo show HEAD:data/seed/inci_cn_map.json > iecic.json
    python scripts/import_iecic.py iecic.json [--commit SHA]

Rows (``src/ingredients/_name_lists.py`` reads them; review the diff):

* ``listed``: the Chinese name as printed (full-width brackets as the matcher reads them) ->
  the entry's INCI name when it is a CosIng name, written as is or without its bracketed
  common name (``VITIS VINIFERA (GRAPE) SEED OIL`` -> VITIS VINIFERA SEED OIL); an INCI
  name placed no other way is skipped (no fuzzy matching);
* ``stripped``: the same name without its Latin species bracket (``葡萄（VITIS VINIFERA）籽油``
  -> ``葡萄籽油``), when the INCI name spells that Latin;
* a name (printed or stripped) that entries of two substances give (by the database's
  same-substance test: CAS or risk entry; an entry whose INCI CosIng lacks counts as a
  substance of its own) is dropped, and so is a name a language pack row already reads
  (pack rows win); so is a name of ``HELD`` while a question about it is open.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import ingredients  # noqa: E402
from ingredients._database import Database  # noqa: E402
from ingredients._languages import name_table  # noqa: E402
from ingredients._name_lists import IECIC_FILE, has_han, list_key, same_substance  # noqa: E402
from ingredients._normalize import normalize  # noqa: E402

MIRROR_COMMIT = "e1b781241d79b380862ebb10bfe5bcebd12b7d33"
_BRACKET = re.compile(r"\s*\([^()]*\)\s*")
_LATIN_BRACKET = re.compile(r"\(([A-Z][A-Z .\-]*)\)")

Entry = tuple[str, str, str]  # (printed name, IECIC INCI, serial)

# Names held out of the table while a question about them is open (name -> why).
HELD: dict[str, str] = {}


def printed(name: str) -> str:
    """The name as printed, its full-width brackets and spaces as the matcher reads them."""
    return " ".join(unicodedata.normalize("NFKC", name).split())


def place(db: Database, inci: str) -> str | None:
    """The CosIng name of an IECIC INCI name: as written, else without its bracketed
    common name; None when neither is a CosIng name."""
    for text in dict.fromkeys((inci, _BRACKET.sub(" ", inci))):
        names = db.keys.get(normalize(text))
        if names:
            upper = " ".join(text.upper().split())
            return upper if upper in names else names[0]
    return None


def stripped(name: str, inci: str) -> str | None:
    """``葡萄(VITIS VINIFERA)籽油`` -> ``葡萄籽油``: the name without the brackets holding Latin
    the INCI name spells (a species); None when it has none."""
    spelled = normalize(inci)
    out = _LATIN_BRACKET.sub(lambda m: "" if normalize(m.group(1)) in spelled else m.group(0), name)
    return out if out != name and list_key(out) else None


def _preferred(db: Database, names: list[str]) -> str:
    """Of the CosIng names of one substance, the one with a risk entry (else the first)."""
    return next((n for n in names if n in db.entries), names[0])


def build(db: Database, entries: list[Entry]) -> tuple[list[tuple[str, str, str, str]], dict[str, int]]:
    """The rows, sorted, and counts of what was left out."""
    counts: dict[str, int] = defaultdict(int)
    # key -> [(name, kind, serial, identity)]: identity is the CosIng name, or ("raw", INCI)
    by_key: dict[str, list[tuple[str, str, str, str | tuple[str, str]]]] = defaultdict(list)
    for cn, inci, serial in entries:
        name = printed(cn)
        cosing = place(db, inci)
        identity: str | tuple[str, str] = cosing or ("raw", normalize(inci))
        counts["placed" if cosing else "not a CosIng name"] += 1
        by_key[list_key(name)].append((name, "listed", serial, identity))
        bare = stripped(name, inci)
        if bare is not None:
            by_key[list_key(bare)].append((bare, "stripped", serial, identity))
    pack_keys = {list_key(k) for k in name_table()}
    rows: list[tuple[str, str, str, str]] = []
    for key, found in by_key.items():
        placed = [f for f in found if isinstance(f[3], str)]
        if not placed or not has_han(placed[0][0]):
            continue  # (``CI 77491``: the matcher reads a name without Han itself)
        cosing = [str(f[3]) for f in placed]
        # An entry CosIng lacks under a name printed alike by a placed one is a spelling of
        # it (水: AQUA and WATER; 茶(CAMELLIA SINENSIS)提取物 also as RYOKU-CHA EKISU); under a
        # stripped name, or alone, it is another substance.
        printed_placed = {f[0] for f in placed if f[1] == "listed"}
        other = any(f[0] not in printed_placed or f[1] == "stripped" for f in found
                    if not isinstance(f[3], str))
        if other or any(c != cosing[0] and not same_substance(db, cosing[0], c) for c in cosing[1:]):
            counts["dropped: names of two substances"] += 1
            continue
        if key in pack_keys:
            counts["dropped: a pack row reads it"] += 1
            continue
        if any(f[0] in HELD for f in placed):
            counts["held (HELD)"] += 1
            continue
        inci = _preferred(db, sorted(set(cosing), key=cosing.index))
        best = min((f for f in placed if f[3] == inci), key=lambda f: (KIND_ORDER[f[1]], f[2]))
        rows.append((best[0], inci, best[2], best[1]))
        counts[best[1]] += 1
    rows.sort(key=lambda r: (list_key(r[0]), r))
    return rows, dict(counts)


KIND_ORDER = {"listed": 0, "stripped": 1}


def header(source: dict[str, str], commit: str, rows: int) -> str:
    return "\n".join([
        f"# IECIC 2021: {source.get('name', '已使用化妆品原料目录（2021年版）')}",
        f"# {source.get('announcement', 'NMPA announcement 2021 No. 62')}",
        f"# {source.get('announcement_url', '')}",
        "# Read from the machine-readable copy data/seed/inci_cn_map.json of",
        f"# github.com/go-bananas-wwj/olaiya_front at commit {commit} (name pairs only).",
        "# Licence basis: an official list's name pairs are facts (data/SOURCES.md).",
        "# Written by scripts/import_iecic.py; do not edit by hand.",
        f"# {rows} rows: name<TAB>CosIng INCI<TAB>IECIC serial<TAB>kind (listed: as printed;",
        "# stripped: without its Latin species bracket).",
    ]) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", type=Path, help="inci_cn_map.json")
    parser.add_argument("--commit", default=MIRROR_COMMIT, help="the copy's commit")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "languages" / IECIC_FILE)
    args = parser.parse_args()
    doc = json.loads(args.json.read_text(encoding="utf-8"))
    entries = [(v["cn_name"], inci, v["iecic_serial"]) for inci, v in doc["map"].items()]
    rows, counts = build(ingredients.default_database(), entries)
    args.out.write_text(header(doc.get("source", {}), args.commit, len(rows))
                        + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(entries)} entries -> {len(rows)} rows in {args.out} "
          f"({args.out.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)
    for what, n in sorted(counts.items()):
        print(f"  {what}: {n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
