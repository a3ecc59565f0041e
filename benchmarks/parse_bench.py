"""Parser speed on the real corpora: microseconds per product, per corpus file.

A script, not a test: ``python benchmarks/parse_bench.py``. Needs ``../shared/data``
beside the repository (skips with a message otherwise).

The parser memoises per-item work, so two figures are printed: ``cold`` is the
first pass over a corpus with empty memos, ``warm`` the best of later passes
(what a long catalogue scan sees once the common item texts are memoised).

``--compare PATH`` also times another copy of the parser module (for example an
older ``_parse.py`` saved outside the repository) in the same run, interleaved,
so that the load of a shared machine hits both alike. Times are CPU time of this
process (``time.process_time``), which other processes disturb less than wall time.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from ingredients import _parse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import CORPORA, PRODUCTS, read_corpus

REPEATS = 5


def _load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("parse_reference", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _clear(module: ModuleType) -> None:
    clear = getattr(module, "_clear_caches", None)
    if clear is not None:
        clear()


def _time(parse: Callable[[str], object], texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        parse(text)
    return time.process_time() - start


def _row(name: str, products: int, items: int, cold: dict[str, float], warm: dict[str, float]) -> str:
    line = f"{name:38} {products:8d} {items:6d}"
    for label, seconds in cold.items():
        line += f" {seconds / products * 1e6:13.0f} {warm[label] / products * 1e6:13.0f}"
    if "compared" in warm:
        line += f"   {warm['compared'] / warm['current']:6.1f}x"
    return line


def main() -> int:
    """Print one line per corpus: products, items, µs per product cold and warm (and for --compare)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="another copy of _parse.py to time alongside")
    args = parser.parse_args()
    if not PRODUCTS.is_dir():
        print(f"skipped: {PRODUCTS} is absent", file=sys.stderr)
        return 0
    modules = {"current": _parse}
    if args.compare:
        modules = {"compared": _load_module(args.compare), **modules}
    header = f"{'corpus':38} {'products':>8} {'items':>6}"
    for label in modules:
        header += f" {label + ' cold':>13} {label + ' warm':>13}"
    print(header + "   (µs/product)" + ("   speed-up (warm)" if args.compare else ""))
    all_texts: list[str] = []
    total_cold = dict.fromkeys(modules, 0.0)
    total_warm = dict.fromkeys(modules, 0.0)
    for name in CORPORA:
        texts = list(read_corpus(name))
        all_texts.extend(texts)
        cold: dict[str, float] = {}
        warm: dict[str, list[float]] = {label: [] for label in modules}
        for label, module in modules.items():
            _clear(module)
            cold[label] = _time(module.parse, texts)
        for _ in range(REPEATS):
            for label, module in modules.items():
                warm[label].append(_time(module.parse, texts))
        items = sum(len(_parse.parse(t)) for t in texts)
        for label in modules:
            total_cold[label] += cold[label]
            total_warm[label] += min(warm[label])
        print(_row(name, len(texts), items, cold, {label: min(runs) for label, runs in warm.items()}))
    items = sum(len(_parse.parse(t)) for t in all_texts)
    print(_row("all corpora", len(all_texts), items, total_cold, total_warm))
    sizes = sorted(len(t) for t in all_texts)
    print(f"(text length: median {statistics.median(sizes):.0f}, max {sizes[-1]} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
