"""Throughput and peak memory of `milia report` and `milia diff`, at 100k and 1M rows.

Each is run as its own process (its peak RSS read from the kernel when it exits)
next to a floor measured in the same run: reading the same file(s) with Python's
csv module and nothing else, the least any tool must do. Prints rows/s, the ratio
to the floor, and peak memory; memory should not grow from 100k to 1M rows.

The scored catalogue is `milia scan` of make_catalogue.py's 100k-row catalogue; a
1M-row one repeats it ten times with fresh IDs (so it has the distinct names of
100k real-looking rows). The "new" snapshot of the diff drops 1% of the products,
adds 1% and puts mineral oil in front of 1% of the lists.

    python benchmarks/report_diff_bench.py [SIZE ...]     # default: 100000 1000000
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent


def _run(args: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of a command run as a child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def _floor(paths: list[Path]) -> tuple[float, float]:
    code = ("import csv,sys\ncsv.field_size_limit(sys.maxsize)\n"
            "for p in sys.argv[1:]:\n"
            "    n=0\n"
            "    with open(p,encoding='utf-8',newline='') as fh:\n"
            "        for row in csv.reader(fh): n+=1\n")
    return _run([sys.executable, "-c", code, *map(str, paths)])


def scored_base() -> Path:
    out = OUT / "scored_100000.csv"
    if not out.exists():
        catalogue = OUT / "catalogue_100000.csv"
        if not catalogue.exists():
            subprocess.run([sys.executable, str(HERE / "make_catalogue.py"), "100000"], check=True)
        subprocess.run([str(BIN / "milia"), "scan", str(catalogue), "-o", str(out),
                        "--product-type-column", "category", "-q"], check=True)
    return out


def scored(size: int) -> Path:
    base = scored_base()
    if size == 100_000:
        return base
    out = OUT / f"scored_{size}.csv"
    if out.exists():
        return out
    csv.field_size_limit(sys.maxsize)
    with base.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(rows[0])
        n = 0
        while n < size:
            for row in rows[1:]:
                if n >= size:
                    break
                w.writerow([f"SKU{n:08d}", *row[1:]])
                n += 1
    return out


def reformulated(path: Path) -> Path:
    out = path.with_name(path.stem + "_new.csv")
    if out.exists():
        return out
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh, \
            out.open("w", encoding="utf-8", newline="") as fo:
        reader, w = csv.reader(fh), csv.writer(fo)
        header = next(reader)
        w.writerow(header)
        text = header.index("ingredients")
        band = header.index("band")
        for k, row in enumerate(reader):
            if k % 100 == 1:
                continue  # discontinued
            if k % 100 == 2:
                row[text] = "Mineral Oil, " + row[text]
                row[band] = ""  # (a raw change: the diff scores it again)
            w.writerow(row)
            if k % 100 == 3:
                w.writerow([f"NEW{k:08d}", *row[1:]])
    return out


def main(sizes: list[int]) -> None:
    OUT.mkdir(exist_ok=True)
    milia = str(BIN / "milia")
    print(f"{'what':10} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'x floor':>8} {'peak MB':>8}")
    for size in sizes:
        path = scored(size)
        f_s, _f_mb = _floor([path])
        r_s, r_mb = _run([milia, "report", str(path), "-o", str(OUT / f"report_{size}.html"),
                          "-q"])
        print(f"{'report':10} {size:>9,} {r_s:8.1f} {size / r_s:9,.0f} {r_s / f_s:8.1f} "
              f"{r_mb:8.0f}")
        new = reformulated(path)
        f_s, _f_mb = _floor([path, new])
        d_s, d_mb = _run([milia, "diff", str(path), str(new), "--id-column", "sku", "-o",
                          str(OUT / f"changes_{size}.csv"), "-q"])
        print(f"{'diff':10} {size:>9,} {d_s:8.1f} {size / d_s:9,.0f} {d_s / f_s:8.1f} "
              f"{d_mb:8.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
