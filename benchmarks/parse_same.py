"""Does this checkout's parser give what another revision's gives, row by row?

``parse`` of every row of every shared corpus (corpora.py and
``multilingual/*.csv``) and of the first rows of a benchmark catalogue, here and
in ``--base REF`` (unpacked into a temporary folder, as scan_bench.py does), each
ingredient compared field by field (name, raw text, position, span, percentage,
may-contain, alternatives, flags, section), and the batch interface's
``items_not_plain`` too. Prints the rows compared and the rows that differ (must
be 0), with examples. A parser change that claims to change no result is checked
with this; `scan_agreement.py` cannot see it (both sides of it use the parser).

    python benchmarks/parse_same.py --base main [--catalogue 100000]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def texts(catalogue: int) -> dict[str, list[str]]:
    """The rows compared, by source."""
    sys.path.insert(0, str(HERE))
    from scan_agreement import corpora

    out = corpora()
    if catalogue:
        from plain_reasons import catalogue as read_catalogue

        out[f"catalogue_{catalogue}"] = read_catalogue(catalogue)
    return out


def digests(rows: list[str]) -> list[bytes]:
    """One digest per row of everything parse and items_not_plain give."""
    from ingredients import parse
    from ingredients._parse.batch import items_not_plain

    out = []
    for text in rows:
        found = [(i.name, i.raw, i.position, i.span, i.percent, i.may_contain, i.alternatives,
                  i.flags, i.section) for i in parse(text)]
        records = items_not_plain(text)
        batch = None if records is None else [
            (r.start, r.end, r.name, r.percent, r.may_contain, r.alternatives, r.flags, r.section)
            for r in records]
        out.append(hashlib.blake2b(repr((found, batch)).encode("utf-8", "surrogatepass"),
                                   digest_size=16).digest())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="git revision to compare with")
    parser.add_argument("--catalogue", type=int, default=100_000, help="catalogue rows (0: none)")
    parser.add_argument("--dump", help=argparse.SUPPRESS)  # (the base's side: digests to a file)
    args = parser.parse_args()
    csv.field_size_limit(sys.maxsize)
    sources = texts(args.catalogue)
    if args.dump:
        with open(args.dump, "wb") as fh:
            pickle.dump({name: digests(rows) for name, rows in sources.items()}, fh)
        return 0
    if not args.base:
        parser.error("--base REF is needed")
    sys.path.insert(0, str(HERE))
    from scan_bench import unpack

    with tempfile.TemporaryDirectory() as tmp:
        code = unpack(args.base, Path(tmp))
        dump = Path(tmp) / "digests.pickle"
        env = {**os.environ, "PYTHONPATH": str(code)}
        subprocess.run([sys.executable, __file__, "--catalogue", str(args.catalogue), "--dump", str(dump)],
                       check=True, env=env, cwd=tmp)
        with dump.open("rb") as fh:
            theirs = pickle.load(fh)
    status = 0
    for name, rows in sources.items():
        mine = digests(rows)
        differ = [k for k, (a, b) in enumerate(zip(mine, theirs[name], strict=True)) if a != b]
        print(f"{name}: {len(rows):,} rows, {len(differ)} differ from {args.base}")
        for k in differ[:3]:
            print(f"  e.g. row {k}: {rows[k][:150]!r}")
        status |= bool(differ)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
