"""Build ``data/vocabulary.txt`` from the EU CosIng snapshots in ``../shared/data``.

The shipped vocabulary is generated, never edited by hand: run ``make vocabulary``.
Inputs (see data/SOURCES.md for their terms):

* ``cosing_functions_2026.json`` - CosIng INCI name -> functions (the larger, newer list);
* ``cosing_inci_cas_2020.csv`` - CosIng INCI name, CAS, EC numbers and functions;
* ``cosdna_ingredients_synonyms.jl`` - used only as a *pointer* for alternative names
  of substances that CosIng already lists; an alternative is kept only when it is not
  itself a CosIng name, is not a blend, and points to exactly one CosIng name.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from ingredients._database import (
    VOCABULARY_FILE,
    VOCABULARY_FORMAT,
    shared_keys,
    vocabulary_columns,
    vocabulary_document,
    vocabulary_text,
)
from ingredients._normalize import NORMALIZER_VERSION, normalize

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "vocabulary"
OUT = ROOT / "data" / VOCABULARY_FILE
OLD = ROOT / "data" / "vocabulary.json.gz"  # format 4, read by --rekey to convert it

_BLEND = re.compile(r"/|\band\b|&|,|\(|\)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def _clean(name: str) -> str:
    return _SPACES.sub(" ", name.replace("\u00a0", " ")).strip()


def _split_numbers(cell: str) -> list[str]:
    """CAS/EC cells hold several numbers separated by '/', ',' or ';' and '(I)' marks."""
    out = []
    for piece in re.split(r"[/,;]", cell):
        part = piece.replace("(I)", "").strip(" -")
        if re.fullmatch(r"\d{2,7}-\d{2,3}-\d", part):
            out.append(part)
    return out


def build() -> dict[str, object]:
    functions_2026: dict[str, list[str]] = json.loads(
        (SHARED / "cosing_functions_2026.json").read_text(encoding="utf-8")
    )
    names: dict[str, dict[str, object]] = {}
    for raw, fns in functions_2026.items():
        name = _clean(raw).upper()
        entry = names.setdefault(name, {"cas": [], "ec": [], "functions": set()})
        entry["functions"].update(f.strip().upper() for f in fns if f.strip())  # type: ignore[attr-defined]

    with (SHARED / "cosing_inci_cas_2020.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = _clean(row["inci_name"]).upper()
            if not name:
                continue
            entry = names.setdefault(name, {"cas": [], "ec": [], "functions": set()})
            entry["cas"] = sorted(set(entry["cas"]) | set(_split_numbers(row["cas_number"])))  # type: ignore[arg-type]
            entry["ec"] = sorted(set(entry["ec"]) | set(_split_numbers(row["einecs_number"])))  # type: ignore[arg-type]
            for fn in row["function"].split(","):
                if fn.strip():
                    entry["functions"].add(fn.strip().upper())  # type: ignore[attr-defined]

    all_functions = sorted({f for e in names.values() for f in e["functions"]})  # type: ignore[attr-defined]
    fn_index = {f: i for i, f in enumerate(all_functions)}
    # Columnar lists load several times faster than a list of rows. The lookup key
    # is stored so that loading need not normalise 34k names; a test checks that
    # every stored key equals normalize(name).
    ordered = sorted(names)
    columns = {
        "names": ordered,
        "keys": [normalize(n) for n in ordered],
        "cas": [names[n]["cas"] for n in ordered],
        "ec": [names[n]["ec"] for n in ordered],
        "function_ids": [sorted(fn_index[f] for f in names[n]["functions"]) for n in ordered],  # type: ignore[attr-defined]
    }

    # Alternative names pointed to by CosDNA; each must land on one CosIng name.
    targets: dict[str, set[str]] = defaultdict(set)
    with (SHARED / "cosdna_ingredients_synonyms.jl").open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            target = _clean(obj.get("name") or "").upper()
            if target not in names:
                continue
            for alias in obj.get("synonym") or []:
                syn = _clean(alias)
                key = syn.upper()
                if not syn or key == target or key in names or _BLEND.search(syn):
                    continue
                if len(syn) < 3 or len(syn) > 80:
                    continue
                targets[key].add(target)
    synonyms = sorted(
        [key, next(iter(t))] for key, t in targets.items() if len(t) == 1
    )
    return {
        "format": VOCABULARY_FORMAT,
        "normalizer": NORMALIZER_VERSION,
        "source": "EU CosIng inventory (snapshots 2020-12-30 and 2026); "
        "alternative names pointed to by CosDNA and checked against CosIng",
        "functions": all_functions,
        **columns,
        "synonyms": synonyms,
        "synonym_keys": [normalize(s[0]) for s in synonyms],
    }


def rekey(vocab: dict[str, object]) -> dict[str, object]:
    """Recompute the stored keys of an existing vocabulary (after a normaliser change);
    a format 3 file (a list per column) is read too, and written in today's format."""
    if vocab.get("format") in (4, 5):
        cols = vocabulary_columns(vocab)
        vocab = {**vocab, "names": cols["names"], "keys": cols["keys"],
                 **{c: [line.split() for line in cols[c]] for c in ("cas", "ec", "function_ids")}}
    vocab["keys"] = [normalize(n) for n in vocab["names"]]  # type: ignore[attr-defined]
    vocab["synonym_keys"] = [normalize(s[0]) for s in vocab["synonyms"]]  # type: ignore[attr-defined]
    vocab["normalizer"] = NORMALIZER_VERSION
    vocab["format"] = VOCABULARY_FORMAT
    return vocab


def _shipped() -> dict[str, object]:
    if OUT.is_file():
        return vocabulary_document(OUT.read_bytes())
    return dict(json.loads(gzip.decompress(OLD.read_bytes())))


def packed(vocab: dict[str, object]) -> dict[str, object]:
    """The columns as the shipped file holds them (one string per column, a line per
    name, values separated by spaces; see ingredients._database)."""
    out = dict(vocab)
    out["shared_keys"] = shared_keys(vocab["keys"], vocab["names"])  # type: ignore[arg-type]
    for column in ("names", "keys"):
        values = vocab[column]
        assert all("\n" not in v for v in values), column  # type: ignore[attr-defined]
        out[column] = "\n".join(values)  # type: ignore[arg-type]
    for column in ("cas", "ec", "function_ids"):
        rows = [[str(v) for v in row] for row in vocab[column]]  # type: ignore[attr-defined]
        assert all(not any(c.isspace() for c in v) for row in rows for v in row), column
        out[column] = "\n".join(" ".join(row) for row in rows)
    return out


def main() -> int:
    if "--rekey" in sys.argv[1:]:
        vocab = rekey(_shipped())
    elif not SHARED.is_dir():
        print(f"error: {SHARED} not found; the CosIng snapshots live in ../shared/data "
              "(use --rekey to only recompute keys of the shipped file)", file=sys.stderr)
        return 2
    else:
        vocab = build()
    OUT.write_text(vocabulary_text(packed(vocab)), encoding="utf-8", newline="\n")
    OLD.unlink(missing_ok=True)
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(vocab['names'])} names, "  # type: ignore[arg-type]
        f"{len(vocab['synonyms'])} synonyms, {OUT.stat().st_size / 1024:.0f} KiB"  # type: ignore[arg-type]
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
