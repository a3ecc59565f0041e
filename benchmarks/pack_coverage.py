"""How much of the vocabulary that matters each language pack covers with name rows.

For every pack: of the ingredients with a risk entry, and of the 400 ingredients most
often named in the shared English corpora, how many have a row of that pack's name
table (a local, common or pharmacopoeia name); for Chinese, also with the rows of the IECIC
2021 table (``data/languages/zh-hans-iecic.tsv``); ``zh-hant+iecic`` adds the simplified rows
too, which a traditional name reaches through the simplified conversion (a ceiling: the
conversion must know each of its characters). Names read by rules (a translation word
by word, a Korean or Japanese transcription) need no row, so these figures are a floor
of what a language reads, not its recall: `benchmarks/match_eval.py` measures that on
real labels.

    python benchmarks/pack_coverage.py [--limit ROWS]
"""

from __future__ import annotations

import argparse
from collections import Counter

from corpora import CORPORA, read_corpus

import ingredients
from ingredients._languages import language_codes, name_table
from ingredients._match import matcher_for
from ingredients._name_lists import iecic_table


def frequent_inci(limit: int | None, top: int = 400) -> list[str]:
    """The ``top`` CosIng names most often read in the shared corpora."""
    matcher = matcher_for()
    counts: Counter[str] = Counter()
    for corpus in CORPORA:
        for text in read_corpus(corpus, limit):
            for item in ingredients.parse(text):
                m = matcher.match(item.name, item.alternatives)
                if m.read and m.inci:
                    counts[m.inci] += 1
    return [name for name, _ in counts.most_common(top)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=2000, help="rows read per corpus")
    args = parser.parse_args()
    db = ingredients.default_database()
    rated = sorted({e.inci for e in db.rated_entries()})
    frequent = frequent_inci(args.limit)
    covered: dict[str, set[str]] = {}
    for rows in name_table().values():
        for row in rows:
            entry = db.entries.get(row.inci)
            # (both names: a row may name AQUA, whose entry is WATER, and the frequent list
            # keeps the name the matcher gives)
            covered.setdefault(row.language, set()).update({row.inci, entry.inci} if entry else {row.inci})
    print(f"{len(rated)} ingredients with a risk entry; {len(frequent)} most frequent in the "
          f"shared corpora (first {args.limit} rows of each)")
    print(f"  {'pack':13} {'rows':>6} {'rated':>14} {'frequent':>14}")
    lines = {code: (covered.get(code, set()),
                    sum(1 for rs in name_table().values() for r in rs if r.language == code))
             for code in sorted(language_codes())}
    listed = {r.inci for r in iecic_table()} | {db.entries[r.inci].inci for r in iecic_table() if r.inci in db.entries}
    hans, hans_rows = lines.get("zh-hans", (set(), 0))
    hant, hant_rows = lines.get("zh-hant", (set(), 0))
    lines["zh-hans+iecic"] = (hans | listed, hans_rows + len(iecic_table()))
    lines["zh-hant+iecic"] = (hant | hans | listed, hant_rows + hans_rows + len(iecic_table()))
    for code, (have, rows) in lines.items():
        r = sum(1 for n in rated if n in have)
        f = sum(1 for n in frequent if n in have)
        print(f"  {code:13} {rows:6} {r:6}/{len(rated):<4} {r / len(rated):4.0%} "
              f"{f:6}/{len(frequent):<4} {f / max(len(frequent), 1):4.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
