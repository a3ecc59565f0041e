"""Every row of a benchmark catalogue: batch scoring (as `milia scan` does it) against
`analyze` (as `milia check` does it), column by column.

Not a timing: it prints how many rows were compared, the largest difference of each
number column, and how many rows differ in each column (bands, band range, flags,
unknown names, top contributors, counts, errors). All must be 0.

``--corpora`` checks every row of every shared corpus instead (the files of
corpora.py and ``multilingual/*.csv``), each file on its own line.

    python benchmarks/scan_agreement.py [SIZE] [--processes N] [--rows N]   # default 1000000, 2
    python benchmarks/scan_agreement.py --corpora
"""

from __future__ import annotations

import argparse
import csv
import sys
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
NUMBERS = ("score", "score_low", "score_high", "unread_share", "confidence", "coverage")
CHUNK = 5000


def expected_row(text: str) -> dict[str, object] | None:
    """The result columns from the full report of ``analyze``; None when it refuses the text."""
    import ingredients

    try:
        report = ingredients.analyze(text)
    except ingredients.InputError:
        return None
    return {
        "score": round(report.score, 1), "score_low": round(report.score_range[0], 1),
        "score_high": round(report.score_range[1], 1), "band": report.band,
        "band_low": report.band_range[0], "band_high": report.band_range[1],
        "unread_share": round(report.unread_share, 3),
        "confidence": round(report.confidence, 3), "coverage": round(report.coverage, 3),
        "top_contributors": "; ".join(f.name for f in report.top_contributors()),
        "n_ingredients": len(report.findings), "n_unknown": len(report.unknown),
        "unknown": "; ".join(report.unknown),
        "flags": "; ".join(f"{f.kind}: {f.ingredient}" for f in report.flags), "error": "",
    }


def compare(texts: list[str]) -> dict[str, object]:
    """Counts of differing rows per column and the largest difference per number column."""
    import pandas as pd

    import ingredients
    from ingredients._batch import RESULT_COLUMNS, cell_problem

    got = ingredients.score_frame(pd.DataFrame({"ingredients": texts}))
    differ = dict.fromkeys(RESULT_COLUMNS, 0)
    largest = dict.fromkeys(NUMBERS, 0.0)
    examples: list[str] = []
    for text, row in zip(texts, got.itertuples(index=False), strict=True):
        have = dict(zip(RESULT_COLUMNS, row, strict=True))
        problem = cell_problem(text)  # (cells a catalogue scan refuses: NUL bytes, too long)
        want = None if problem is not None else expected_row(text)
        if problem is not None:
            differ["error"] += have["error"] != problem
            continue
        if want is None:
            differ["error"] += not have["error"]
            continue
        for column in RESULT_COLUMNS:
            if have[column] != want[column]:
                differ[column] += 1
                if len(examples) < 5:
                    examples.append(f"{column}: {have[column]!r} != {want[column]!r} in {text[:120]!r}")
        for column in NUMBERS:
            largest[column] = max(largest[column], abs(float(have[column]) - float(want[column])))  # type: ignore[arg-type]
    return {"rows": len(texts), "differ": differ, "largest": largest, "examples": examples}


def corpora() -> dict[str, list[str]]:
    """Every shared corpus's texts, by file name."""
    sys.path.insert(0, str(HERE))
    from corpora import CORPORA, PRODUCTS, read_corpus

    out = {name: list(read_corpus(name)) for name in CORPORA}
    for path in sorted((PRODUCTS / "multilingual").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            out[f"multilingual/{path.name}"] = [row.get("ingredients") or "" for row in csv.DictReader(fh)]
    return {name: texts for name, texts in out.items() if texts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--corpora", action="store_true", help="every shared corpus instead")
    parser.add_argument("--rows", type=int, help="only the catalogue's first ROWS rows")
    args = parser.parse_args()
    csv.field_size_limit(sys.maxsize)
    if args.corpora:
        status = 0
        for name, texts in corpora().items():
            status |= check(name, texts, args.processes)
        return status
    path = HERE / "out" / f"catalogue_{args.size}.csv"
    if not path.exists():
        print(f"no {path}: run make_catalogue.py {args.size} first (needs ../shared/data)")
        return 0
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        col = next(reader).index("ingredients")
        texts = [row[col] if col < len(row) else "" for row in reader]
    if args.rows is not None:
        texts = texts[:args.rows]
    return check(path.name, texts, args.processes)


def check(name: str, texts: list[str], processes: int) -> int:
    """Compare every row of ``texts``; print the counts; 1 when any row differs."""
    chunks = [texts[k:k + CHUNK] for k in range(0, len(texts), CHUNK)]
    total: dict[str, int] = {}
    largest: dict[str, float] = dict.fromkeys(NUMBERS, 0.0)
    rows = 0
    examples: list[str] = []
    with get_context("fork").Pool(processes) as pool:
        for got in pool.imap(compare, chunks):
            rows += got["rows"]  # type: ignore[operator]
            for column, n in got["differ"].items():  # type: ignore[attr-defined]
                total[column] = total.get(column, 0) + n
            for column, d in got["largest"].items():  # type: ignore[attr-defined]
                largest[column] = max(largest[column], d)
            examples += got["examples"]  # type: ignore[arg-type]
    print(f"{name}: {rows:,} rows, batch (score_frame) against analyze, every row")
    print("  (cells the scan refuses, such as NUL bytes, are checked to get that error)")
    print("  rows differing, per column: " + ", ".join(f"{c} {n}" for c, n in total.items()))
    print("  largest difference: " + ", ".join(f"{c} {d:g}" for c, d in largest.items()))
    for line in examples[:5]:
        print("  e.g. " + line)
    return 1 if any(total.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
