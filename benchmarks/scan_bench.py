"""Catalogue scanning speed and memory, against two baselines measured in the same run.

(a) floor: read the CSV and, per product, split on commas and look each
    lower-cased name up in a dict of the vocabulary - the least any tool must do;
(b) naive: per ingredient `rapidfuzz.process.extractOne(name, vocabulary,
    scorer=WRatio)`, timed on a sample and extrapolated;
(c) `milia scan` end to end (all cores), as a retailer runs it.

Prints products/s, the ratios (c)/(a) and (b)/(c), and the peak memory (RSS of
the whole process tree) of (c). Catalogues come from make_catalogue.py.

    python benchmarks/scan_bench.py [SIZE ...]     # default: 100000 1000000
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"


def floor(path: Path) -> float:
    """Products per second of the floor (a)."""
    import ingredients

    vocab = {n.lower() for n in ingredients.default_database().vocabulary}
    csv.field_size_limit(sys.maxsize)
    start = time.perf_counter()
    n = hits = 0
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            n += 1
            for item in row[2].split(","):
                hits += item.strip().lower() in vocab
    return n / (time.perf_counter() - start)


def naive(path: Path, sample: int = 30) -> float:
    """Products per second of per-ingredient extractOne(WRatio), from a sample."""
    from rapidfuzz import fuzz, process

    import ingredients

    vocab = list(ingredients.default_database().vocabulary)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        rows = [next(reader)[2] for _ in range(sample)]
    start = time.perf_counter()
    for text in rows:
        for item in text.split(","):
            process.extractOne(item.strip(), vocab, scorer=fuzz.WRatio)
    return sample / (time.perf_counter() - start)


def _tree_rss_kb(pid: int) -> int:
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def milia_scan(path: Path) -> tuple[float, float, float]:
    """Products per second, peak tree RSS (MB) and CPU microseconds per product (all
    processes) of `milia scan` end to end."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    milia = shutil.which("milia", path=str(Path(sys.executable).parent)) or "milia"
    dest = OUT / (path.stem + "_scored.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = sum(1 for _ in csv.reader(fh)) - 1
    start = time.perf_counter()
    proc = subprocess.Popen([milia, "scan", str(path), "-o", str(dest), "--quiet"])
    peak = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    t = threading.Thread(target=poll, daemon=True)
    t.start()
    proc.wait()
    stop.set()
    t.join()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"milia scan failed with {proc.returncode}")
    dest.unlink(missing_ok=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return rows / elapsed, peak / 1024, cpu / rows * 1e6


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    for n in sizes:
        path = OUT / f"catalogue_{n}.csv"
        if not path.exists():
            subprocess.run([sys.executable, str(HERE / "make_catalogue.py"), str(n)], check=True)
        if not path.exists():
            print(f"skipped {n}: no catalogue (needs ../shared/data)")
            continue
        # The floor is measured before and after the scan and the two averaged: this
        # machine's speed drifts by 20% or more within minutes.
        a_before = floor(path)
        b = naive(path)
        c, peak, cpu = milia_scan(path)
        a_after = floor(path)
        a = (a_before + a_after) / 2
        print(f"\n{n:,} rows ({path.stat().st_size / 1e6:.0f} MB), {os.cpu_count()} cores")
        print(f"  (a) floor, split + dict lookup      {a:12,.0f} products/s "
              f"(mean of {a_before:,.0f} before and {a_after:,.0f} after the scan)")
        print(f"  (b) naive extractOne(WRatio)        {b:12,.1f} products/s (sample, extrapolated)")
        print(f"  (c) milia scan end to end           {c:12,.0f} products/s, peak RSS {peak:,.0f} MB")
        print(f"      CPU, all processes: {cpu:,.0f} us per product "
              f"(the floor spends {1e6 / a:,.0f} on one core)")
        print(f"  (c) takes {a / c:.1f}x the floor's time; {c / b:,.0f}x faster than naive")
    print("\ntargets: >= 10,000 products/s on 1M rows; within 3x of the floor; "
          ">= 1,000x naive; peak memory < 1 GB, flat from 100k to 1M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
