"""What the matcher misses on the hand-labelled multilingual lists, item by item.

For each language of ``benchmarks/labels/multilingual.yaml`` (or those named), the label
names that were not read or were read as something else than labelled, beside the CosIng
names they were labelled with, most frequent first: the work list for the language packs.
Needs ``../shared/data`` (as ``match_eval.py``).

    python benchmarks/multilingual_misses.py [LANGUAGE ...]
"""

from __future__ import annotations

import argparse
import difflib
from collections import Counter, defaultdict

import yaml
from match_eval import LABELS, PRODUCTS, _row

import ingredients
from ingredients._match import Matcher


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("languages", nargs="*", help="language codes (all when none)")
    args = parser.parse_args()
    db = ingredients.default_database()
    matcher = Matcher(db)
    doc = yaml.safe_load((LABELS / "multilingual.yaml").read_text(encoding="utf-8"))
    classes = {name: group[0] for group in doc.get("equivalent") or [] for name in group}

    def canon(name: str | None) -> str | None:
        if name is None:
            return None
        entry = db.entries.get(name)
        name = entry.inci if entry is not None else name
        return classes.get(name, name)

    misses: dict[str, Counter[tuple[tuple[str, ...], tuple[str | None, ...], tuple[str | None, ...]]]]
    misses = defaultdict(Counter)
    for product in doc.get("products") or []:
        if args.languages and product["language"] not in args.languages:
            continue
        if not (PRODUCTS / product["file"]).exists():
            continue
        text = _row(product["file"], product["row"], product["column"], product.get("encoding", "utf-8"))
        items = ingredients.parse(text)
        got = [canon(matcher.match(i.name, i.alternatives).inci) for i in items]
        want = [canon(e) for e in product["expected"]]
        a = ["<null>" if e is None else e for e in want]
        b = ["<unread>" if g is None else g for g in got]
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag != "equal":
                names = tuple(items[j].name for j in range(j1, j2))
                misses[product["language"]][(names, tuple(got[j1:j2]), tuple(want[i1:i2]))] += 1
    for language, counts in sorted(misses.items()):
        print(f"===== {language}")
        for (names, got_, want_), n in counts.most_common():
            read = f" read as {list(got_)}" if any(got_) else ""
            print(f"{n} | {' ; '.join(names)}{read} => {' ; '.join(str(w) for w in want_)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
