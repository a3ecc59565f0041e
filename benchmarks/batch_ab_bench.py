"""Batch scoring of this checkout against an earlier commit, both in the same run.

This machine's speed drifts by 20-30% within minutes, so timing the old code and
then the new one says little. Here the two run *at the same time*, one process
each (the machine has two cores), on the same catalogue, and each reports the CPU
time its own process spent in ``score_frame``; rounds alternate which one starts
first. The ratio of CPU times is what to read.

    python benchmarks/batch_ab_bench.py [--base REF] [--rows N] [--rounds K]

``--base`` is any git revision (default ``HEAD~1``); its ``src/ingredients`` and
``data`` are unpacked into a temporary folder. The catalogue is
``benchmarks/out/catalogue_<N>.csv`` from make_catalogue.py (built when missing).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# What each side runs: read the catalogue, score it in chunks as `milia scan` does,
# print the CPU seconds of scoring alone (reading excluded) and a digest of the results.
_WORKER = r"""
import csv, hashlib, json, sys, time
sys.path.insert(0, sys.argv[1])
import pandas as pd
import ingredients
path, chunk = sys.argv[2], 5000
csv.field_size_limit(sys.maxsize)
with open(path, encoding="utf-8", newline="") as fh:
    reader = csv.reader(fh)
    header = next(reader)
    col = header.index("ingredients")
    texts = [row[col] if col < len(row) else "" for row in reader]
ingredients.default_database()
start = time.process_time()
digest = hashlib.sha256()
for k in range(0, len(texts), chunk):
    out = ingredients.score_frame(pd.DataFrame({"ingredients": texts[k:k + chunk]}))
    digest.update(out["score"].to_numpy().tobytes())
cpu = time.process_time() - start
print(json.dumps({"cpu": cpu, "rows": len(texts), "scores": digest.hexdigest()[:12]}))
"""


def _unpack(ref: str, into: Path) -> Path:
    """``src/ingredients`` and ``data`` of ``ref`` as an importable ``ingredients`` package."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src/ingredients", "data"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    package = into / "src" / "ingredients"
    shutil.move(str(into / "data"), str(package / "data"))
    return into / "src"


def _catalogue(rows: int) -> Path:
    path = HERE / "out" / f"catalogue_{rows}.csv"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "make_catalogue.py"), str(rows)], check=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD~1", help="git revision to compare with")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    catalogue = _catalogue(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        sides = {"base": _unpack(args.base, Path(tmp)), "this": ROOT / "src"}
        ratios = []
        print(f"batch scoring of {catalogue.name}: this checkout against {args.base}, "
              "run side by side (CPU seconds of scoring)")
        for k in range(args.rounds):
            order = list(sides) if k % 2 == 0 else list(reversed(sides))
            procs = {name: subprocess.Popen([sys.executable, "-c", _WORKER, str(sides[name]),
                                             str(catalogue)], stdout=subprocess.PIPE, text=True)
                     for name in order}
            got = {name: json.loads(p.communicate()[0]) for name, p in procs.items()}
            ratio = got["this"]["cpu"] / got["base"]["cpu"]
            ratios.append(ratio)
            print(f"  round {k + 1}: base {got['base']['cpu']:.1f} s "
                  f"({got['base']['rows'] / got['base']['cpu']:,.0f} rows/s), "
                  f"this {got['this']['cpu']:.1f} s "
                  f"({got['this']['rows'] / got['this']['cpu']:,.0f} rows/s), ratio {ratio:.3f}")
        print(f"median CPU ratio this/base: {statistics.median(ratios):.3f} "
              f"(below 1: faster; the machine's noise is some ±5% side by side)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
