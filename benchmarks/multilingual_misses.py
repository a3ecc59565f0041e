"""What the matcher misses on the hand-labelled multilingual lists, item by item.

For each language of ``benchmarks/labels/multilingual.yaml`` (or those named), the label
names that were not read or were read as something else than labelled, beside the CosIng
names they were labelled with, most frequent first: the work list for the language packs.
Lists of ``../shared/data`` are read when it is present; those of
``benchmarks/labels/extra_lists.csv`` (it, nl, pl, en-common) always (as ``match_eval.py``).

    python benchmarks/multilingual_misses.py [LANGUAGE ...]
"""

from __future__ import annotations

import argparse
import difflib
from collections import Counter, defaultdict

from match_eval import labelled_lists

import ingredients
from ingredients._match import Matcher

_Miss = tuple[tuple[str, ...], tuple[str | None, ...], tuple[str | None, ...]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("languages", nargs="*", help="language codes (all when none)")
    args = parser.parse_args()
    misses: dict[str, Counter[_Miss]] = defaultdict(Counter)
    for product, items, _matches, got, want in labelled_lists(Matcher(ingredients.default_database())):
        if args.languages and product["language"] not in args.languages:
            continue
        # (an item labelled null and left unread is right: both sides the same mark)
        a = ["<none>" if e is None else e for e in want]
        b = ["<none>" if g is None else g for g in got]
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag != "equal":
                names = tuple(items[j].name for j in range(j1, j2))
                # (the labels as written: the canonical names merge a risk entry's names,
                # so ALCOHOL would show as ALCOHOL DENAT.)
                labelled = tuple(product["expected"][i1:i2])
                misses[product["language"]][(names, tuple(got[j1:j2]), labelled)] += 1
    for language, counts in sorted(misses.items()):
        print(f"===== {language}")
        for (names, got_, want_), n in counts.most_common():
            read = f" read as {list(got_)}" if any(got_) else ""
            shown = " ; ".join(names) if names else "(no item parsed here)"
            print(f"{n} | {shown}{read} => {' ; '.join(str(w) for w in want_) or '(no labelled item here)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
