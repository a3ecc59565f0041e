"""Why rows are not plain: each row that batch scoring sends to the full parser,
counted by the first reason the plain test (``plain_parts``, the parts' ``ok``,
``plain_verdict``, the locant check) turns it away, in the order the test asks.

A reason that is a character (the line-wide character test) names the first
character of the row outside the plain set: a line break, a colon (``header`` when
the text before it reads ``Ingredients:``/``INCI:``), a semicolon, a non-ASCII
letter, a curly quote, a trademark sign, ...

Not a timing of the scan; ``--time`` adds each reason's share of the full parser's
time (``items_not_plain`` on those rows, warm memos, one pass).

    python benchmarks/plain_reasons.py [--catalogue SIZE] [--time]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import CORPORA, read_corpus

from ingredients._batch import cell_problem
from ingredients._parse.batch import (
    items_not_plain,
    joins_locant,
    plain_parts,
    plain_verdict,
    read_plain_part,
    starts_locant,
)
from ingredients._parse.items import _piece
from ingredients._parse.languages import _MARKER_HINTS
from ingredients._parse.plain import _PLAIN_MAX, _PLAIN_RE, _PLAIN_SIMPLE_RE
from ingredients._parse.rules import _MAX_ITEMS
from ingredients._parse.text import _is_junk

HERE = Path(__file__).resolve().parent
_PLAIN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,.'()[]{}/*%?!-")
_HEADER_RE = re.compile(r"(?i)(ingredients?|inci|composition|ingr[ée]dients?|ingredientes|inhaltsstoffe)\s*\Z")
_CURLY = frozenset("‘’‚‛“”„‟′″")


def _char_reason(text: str) -> str:
    """The first character of ``text`` outside the plain set, named."""
    for i, ch in enumerate(text):
        if ch in _PLAIN_CHARS:
            continue
        if ch in "\n\r\u2028\u2029\x0b\x0c\x85":
            return "line break"
        if ch == "\t":
            return "tab"
        if ch == ":":
            return "colon: header" if _HEADER_RE.search(text[max(0, i - 40):i]) else "colon: other"
        if ch in ";|+&\"<>#=_\\@$~`^":
            return {";": "semicolon", "|": "pipe", "+": "plus (+/-)", "&": "ampersand",
                    '"': "double quote", "<": "markup <", ">": "'>'"}.get(ch, f"other ASCII {ch!r}")
        if ch in _CURLY:
            return "curly quote"
        if ch in "™®©℠":
            return "trademark sign"
        if ch in "\u00a0\u2009\u202f\u2002\u2003":
            return "non-breaking/odd space"
        if ch in "–—":
            return "en/em dash"
        if ch in "•·●▪◦∙":
            return "bullet"
        if ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
            return "invisible character"
        cat = unicodedata.category(ch)
        if cat.startswith("L"):
            base = unicodedata.normalize("NFKD", ch)[0]
            return "accented Latin letter" if base.isascii() else "non-Latin letter"
        return f"other non-ASCII ({cat})"
    return "?"


def reason(text: object) -> str | None:
    """The first reason the batch path sends ``text`` to the full parser, None when it
    does not (plain, blank, junk, or refused before parsing)."""
    if cell_problem(text) is not None:
        return None
    assert isinstance(text, str)
    if not text.strip() or _is_junk(text):
        return None
    if len(text) > _PLAIN_MAX:
        return "longer than the plain limit"
    simple = _PLAIN_SIMPLE_RE.fullmatch(text) is not None
    if not simple and (not text.isascii() or _PLAIN_RE.fullmatch(text) is None):
        return _char_reason(text)
    first = text.lstrip(" ")[:1]
    if first in "[-*":
        return f"starts with {first!r}"
    parts = plain_parts(text)
    if parts is None:
        return f"{_MAX_ITEMS}+ parts"
    records = [read_plain_part(p) for p in parts]
    for part, rec in zip(parts, records, strict=True):
        if not rec.ok:
            if _piece(part)[2]:
                return "part: may-contain marker"
            low = part.lower()
            hint = next((h for h in _MARKER_HINTS if h in low), None)
            if hint is not None:
                return f"part: marker hint {hint.strip()!r}"
            return "part: footnote star or dose cut ('* Organic', '2%Water')"
    if plain_verdict(text, records) is None:
        return "sentence end or dominant ' / ', ' - ', '(and)'"
    run = 0
    for part, rec in zip(parts, records, strict=True):
        if rec.fields is not None and starts_locant(rec.fields[0]) and joins_locant(text, run + rec.start):
            return "spaced locant (1, 2-Hexanediol)"
        run += len(part) + 1
    return None


def catalogue(size: int) -> list[str]:
    """The ingredient cells of benchmarks/out/catalogue_<size>.csv (built if missing)."""
    path = HERE / "out" / f"catalogue_{size}.csv"
    if not path.exists():
        import subprocess
        subprocess.run([sys.executable, str(HERE / "make_catalogue.py"), str(size)], check=True)
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        col = next(reader).index("ingredients")
        return [row[col] if col < len(row) else "" for row in reader]


def table(name: str, texts: Iterable[str], timed: bool) -> None:
    rows = 0
    counts: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    for text in texts:
        rows += 1
        why = reason(text)
        if why is None:
            continue
        counts[why] += 1
        if timed:
            start = time.perf_counter()
            items_not_plain(text)
            seconds[why] += time.perf_counter() - start
    total = sum(counts.values())
    print(f"\n{name}: {rows:,} rows, {total:,} not plain ({total / max(rows, 1):.1%})")
    head = f"  {'reason':50} {'rows':>8} {'share':>7}" + (f" {'parse time':>10}" if timed else "")
    print(head)
    all_time = sum(seconds.values()) or 1.0
    for why, n in counts.most_common():
        line = f"  {why:50} {n:8,} {n / max(rows, 1):7.2%}"
        if timed:
            line += f" {seconds[why] / all_time:10.1%}"
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogue", type=int, default=100_000, help="catalogue size (0: none)")
    parser.add_argument("--time", action="store_true", help="each reason's share of parse time")
    args = parser.parse_args()
    if args.catalogue:
        texts = catalogue(args.catalogue)
        if args.time:
            for text in texts:  # (warm the memos, as a long scan has them)
                if reason(text) is not None:
                    items_not_plain(text)
        table(f"catalogue_{args.catalogue}", texts, args.time)
    for name in CORPORA:
        table(name, read_corpus(name), args.time)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
