"""Catalogue scanning speed and memory, against two baselines measured in the same run.

(a) floor: read the CSV and, per product, split on commas and look each
    lower-cased name up in a dict of the vocabulary - the least any tool must do;
(b) naive: per ingredient `rapidfuzz.process.extractOne(name, vocabulary,
    scorer=WRatio)`, timed on a sample and extrapolated;
(c) `milia scan` end to end (all cores), as a retailer runs it.

Prints products/s, the ratios (c)/(a) and (b)/(c), and the peak memory (RSS of
the whole process tree) of (c). Catalogues come from make_catalogue.py.

With ``--base REF`` (any git revision) the same scan is also run on that revision's
code, unpacked into a temporary folder (as batch_ab_bench.py does), right after
this checkout's, and the ratio of the two is printed: this machine's speed drifts
by 20-30% within minutes, so only ratios measured in one run mean much.

With ``--repeat N`` (and ``--base``) the two scans are run N times each, interleaved
(this checkout first, then the base first, and so on), and the medians are printed
with every pair's ratios.

    python benchmarks/scan_bench.py [SIZE ...] [--base REF] [--repeat N]   # default: 100000 1000000
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
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


def unpack(ref: str, into: Path) -> Path:
    """``src/ingredients``, ``data`` and ``cli`` of ``ref`` as importable packages
    (``ingredients`` with its data inside, ``milia_cli``): the folder to put on the path."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src/ingredients", "data", "cli"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    shutil.move(str(into / "data"), str(into / "src" / "ingredients" / "data"))
    shutil.move(str(into / "cli"), str(into / "src" / "milia_cli"))
    return into / "src"


def milia_scan(path: Path, code: Path | None = None) -> tuple[float, float, float]:
    """Products per second, peak tree RSS (MB) and CPU microseconds per product (all
    processes) of `milia scan` end to end; of the code unpacked in ``code`` if given."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    milia = shutil.which("milia", path=str(Path(sys.executable).parent)) or "milia"
    command = [milia]
    env = None
    if code is not None:
        command = [sys.executable, "-c", "from milia_cli.main import run; run()"]
        env = {**os.environ, "PYTHONPATH": str(code)}
    dest = OUT / (path.stem + "_scored.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = sum(1 for _ in csv.reader(fh)) - 1
    start = time.perf_counter()
    proc = subprocess.Popen([*command, "scan", str(path), "-o", str(dest), "--quiet"], env=env)
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--base", help="git revision to run side by side (same run)")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved pairs of scans (with --base)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = unpack(args.base, Path(tmp)) if args.base else None
        return _run(args.sizes or [100_000, 1_000_000], base, args.base, args.repeat)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _run(sizes: list[int], base: Path | None, ref: str | None, repeat: int = 1) -> int:
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
        mine: list[tuple[float, float, float]] = []
        theirs: list[tuple[float, float, float]] = []
        for k in range(repeat if base is not None else 1):
            if base is not None and k % 2:
                theirs.append(milia_scan(path, base))
            mine.append(milia_scan(path))
            if base is not None and not k % 2:
                theirs.append(milia_scan(path, base))
        c, peak, cpu = (_median([m[i] for m in mine]) for i in range(3))
        if base is not None:
            c0, peak0, cpu0 = (_median([t[i] for t in theirs]) for i in range(3))
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
        if base is not None:
            print(f"  (d) {ref} end to end, just after (c) {c0:12,.0f} products/s, peak RSS {peak0:,.0f} MB, "
                  f"{cpu0:,.0f} us CPU per product; {a / c0:.1f}x the floor's time")
            print(f"  (c)/(d): {c / c0:.2f}x the products/s of {ref}, {cpu / cpu0:.2f}x its CPU per product")
            if repeat > 1:
                print(f"  (medians of {repeat} interleaved pairs; each pair's (c)/(d) products/s and CPU:")
                print("   " + ", ".join(f"{m[0] / t[0]:.2f}/{m[2] / t[2]:.2f}"
                                        for m, t in zip(mine, theirs, strict=True)) + ")")
                print("   this checkout: " + ", ".join(f"{m[0]:,.0f}/s {m[2]:.0f}us" for m in mine))
                print(f"   {ref}: " + ", ".join(f"{t[0]:,.0f}/s {t[2]:.0f}us" for t in theirs))
    print("\ntargets: >= 10,000 products/s on 1M rows; within 3x of the floor; "
          ">= 1,000x naive; peak memory < 1 GB, flat from 100k to 1M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
