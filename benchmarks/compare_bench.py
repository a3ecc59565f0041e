"""Cold `milia compare` of two 100-ingredient lists, against a cold `milia check` of one
of them and `python -c pass`, all measured in the same run (the issue's bar: under 0.5 s).

The lists are real: the two longest lists of ../shared/data/products/sephora_2023_skincare.csv
cut to 100 names each; without the shared data, 100 names of the shipped vocabulary.

    python benchmarks/compare_bench.py [--runs 7]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "products" / "sephora_2023_skincare.csv"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def lists() -> tuple[str, str]:
    if SHARED.is_file():
        with SHARED.open(encoding="utf-8") as fh:
            texts = [r["ingredients"].strip("[]'\"") for r in csv.DictReader(fh)]
        longest = sorted(texts, key=lambda t: -t.count(","))[:2]
        return tuple(", ".join(t.split(", ")[:100]) for t in longest)  # type: ignore[return-value]
    sys.path.insert(0, str(ROOT / "src"))
    import ingredients

    names = sorted(ingredients.default_database().vocabulary)[::300][:200]
    return ", ".join(names[:100]), ", ".join(names[100:])


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=ENV)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    milia = shutil.which("milia", path=str(Path(sys.executable).parent)) or "milia"
    a, b = lists()
    print(f"lists: {a.count(',') + 1} and {b.count(',') + 1} names; median of {runs} cold runs")
    base = wall([sys.executable, "-c", "pass"], runs)
    check = wall([milia, "check", a], runs)
    both = wall([milia, "compare", a, b], runs)
    print(f"python -c pass        {base:7.0f} ms")
    print(f"milia check A         {check:7.0f} ms")
    print(f"milia compare A B     {both:7.0f} ms   ({both / check:.2f}x check; "
          f"{'under' if both < 500 else 'OVER'} the 500 ms bar)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
