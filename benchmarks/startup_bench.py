"""Cold-start costs, each against `python -c pass` measured in the same run.

* import ingredients (nothing is read at import);
* cold load of the full database (vocabulary + risk entries), in a fresh process;
* warm load (the cached database);
* `milia check "..."` end to end, as a shopper runs it (wall and CPU time; the
  commands take turns so that a passing load falls on all of them).

    python benchmarks/startup_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

LIST = "Aqua, Paraffinum Liquidum, Petrolatum, Lanolin Alcohol, Glycerin, Phenoxyethanol"
ROOT = Path(__file__).resolve().parent.parent
# Measured as installed: pip compiles bytecode at install time, so the children may
# use (and write) .pyc files even where the shell sets PYTHONDONTWRITEBYTECODE.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmds: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU (user + system) time of each command, in ms.

    The commands take turns, round after round, so a load that comes and goes on
    this machine (its speed drifts 20-30% within minutes) falls on all of them alike;
    CPU time is the steadier figure when other work shares the cores."""
    walls: dict[str, list[float]] = {name: [] for name in cmds}
    cpus: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=ENV)
            walls[name].append((time.perf_counter() - start) * 1e3)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append((after.ru_utime - before.ru_utime
                               + after.ru_stime - before.ru_stime) * 1e3)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name]))
            for name in cmds}


def in_process(code: str, runs: int) -> float:
    """Median of a time the child measures itself (ms)."""
    out = []
    for _ in range(runs):
        r = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                           env=ENV)
        out.append(float(r.stdout))
    return statistics.median(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    runs = args.runs
    py = sys.executable
    for folder in (ROOT / "src", ROOT / "cli"):
        compileall.compile_dir(folder, quiet=1)
    milia = shutil.which("milia", path=str(Path(py).parent)) or "milia"
    times = timed({"pass": [py, "-c", "pass"], "import": [py, "-c", "import ingredients"],
                   "check": [milia, "check", LIST]}, runs)
    (base, base_cpu), (imp, _), (check, check_cpu) = (
        times["pass"], times["import"], times["check"])
    load = in_process(
        "import time; t = time.perf_counter(); import ingredients; "
        "ingredients.default_database(); print((time.perf_counter() - t) * 1e3)", runs)
    only_load = in_process(
        "import ingredients, time; t = time.perf_counter(); "
        "ingredients.default_database(); print((time.perf_counter() - t) * 1e3)", runs)
    warm = in_process(
        "import ingredients, time; ingredients.default_database(); t = time.perf_counter(); "
        "[ingredients.default_database() for _ in range(1000)]; "
        "print((time.perf_counter() - t))", runs)  # ms per call = s per 1000
    print(f"python -c pass                      {base:7.1f} ms (baseline)")
    print(f"python -c 'import ingredients'      {imp:7.1f} ms  (+{imp - base:.1f} ms)")
    print(f"cold database load (in process)     {only_load:7.1f} ms  (import + load {load:.1f} ms)")
    print(f"warm database access                {warm * 1e3:7.3f} us")
    print(f"milia check '<6 ingredients>'       {check:7.1f} ms  ({check / base:.1f}x python -c pass)")
    print(f"  in CPU time (user + system)       {check_cpu:7.1f} ms  "
          f"({check_cpu / base_cpu:.1f}x python -c pass's {base_cpu:.1f} ms)")
    print("targets: cold load < 150 ms; milia check at most 6x python -c pass (issue 19)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
