"""Evaluate the matcher: how often, how well and how fast it recognises label names.

Prints, per shared corpus, the share of items matched by each method, then
accuracy on four sets built here:

* typo/OCR variants of real names (deletions, insertions, substitutions,
  transpositions, rn<->m, l<->I, 0<->O, lost spaces and hyphens);
* near-miss pairs: every rated name and its close neighbours in the vocabulary
  must each resolve to itself;
* non-ingredient strings (benchmarks/labels/non_ingredients.txt): must be unknown;
* hand-labelled products (benchmarks/labels/hand_labelled.yaml);
* hand-labelled lists in other languages (benchmarks/labels/multilingual.yaml):
  precision and recall per language (the Italian, Dutch, Polish and English
  common-name lists are kept in benchmarks/labels/extra_lists.csv and scored even
  without ../shared);
* every list of ../shared/data/products/multilingual/, labelled or not: per language,
  the share of items read at all, read from a table or exactly (confidence >= 0.9),
  and read by a rule (a translation or a transcription, below 0.9). No labels, so no
  precision: a breadth check that the labelled lists are not all a pack was tuned on.

and speed: the warm exact path, a fuzzy look-up of an unseen name, and the naive
baseline ``process.extractOne(name, vocabulary, scorer=WRatio)`` measured in the
same run.

    python benchmarks/match_eval.py [--quick]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

import ingredients
from ingredients._match import Matcher

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import CORPORA, PRODUCTS, read_corpus

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels"

TARGETS = {
    "exact_on_vocabulary": 0.99,
    "near_miss_confusions": 0,
    "typo_accuracy": 0.95,
    "non_ingredient_unknown": 0.95,
    "hand_labelled_accuracy": 0.97,
}


# --------------------------------------------------------------------------- sets


def corpus_shares(matcher: Matcher, limit: int | None) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for name in CORPORA:
        counts: Counter[str] = Counter()
        for text in read_corpus(name, limit):
            for ing in ingredients.parse(text):
                counts[matcher.match(ing.name, ing.alternatives).method] += 1
        if counts:
            out[name] = counts
    return out


_OCR = (("m", "rn"), ("rn", "m"), ("l", "I"), ("I", "l"), ("i", "l"), ("O", "0"), ("o", "0"))


def typo_variants(name: str, rng: random.Random) -> list[tuple[str, str]]:
    """(variant, kind) pairs for one real name."""
    out = []
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(letters) < 6:
        return out
    i = rng.choice(letters[1:])
    out.append((name[:i] + name[i + 1:], "deletion"))
    i = rng.choice(letters)
    out.append((name[:i] + rng.choice("aeiourstln") + name[i:], "insertion"))
    i = rng.choice(letters)
    out.append((name[:i] + rng.choice("aeiou".replace(name[i].lower(), "")) + name[i + 1:],
                "substitution"))
    j = rng.choice(letters[:-1])
    if j + 1 < len(name) and name[j + 1].isalpha() and name[j] != name[j + 1]:
        out.append((name[:j] + name[j + 1] + name[j] + name[j + 2:], "transposition"))
    for wrong, right in _OCR:
        if wrong in name:
            k = name.index(wrong)
            out.append((name[:k] + right + name[k + len(wrong):], f"ocr {wrong}->{right}"))
            break
    if " " in name:
        k = name.index(" ")
        out.append((name[:k] + name[k + 1:], "lost space"))
    if "-" in name:
        out.append((name.replace("-", "", 1), "lost hyphen"))
    return out


def _title(inci: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in inci.split(" "))


@dataclass
class Score:
    total: int = 0
    correct: int = 0
    confident_wrong: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else float("nan")


def _same(db: ingredients.Database, a: str | None, b: str) -> bool:
    if a is None:
        return False
    if a == b:
        return True
    ea, eb = db.entries.get(a), db.entries.get(b)
    return ea is not None and ea is eb


def evaluate_typos(matcher: Matcher, names: list[str], rng: random.Random) -> Score:
    db = matcher.db
    score = Score()
    for inci in names:
        for variant, kind in typo_variants(_title(inci), rng):
            key = ingredients.normalize(variant)
            if key in db.keys or key in db.synonyms:
                continue  # the slip spelled another real name: not a typo test
            m = matcher.match(variant)
            score.total += 1
            if _same(db, m.inci, inci):
                score.correct += 1
            else:
                if m.inci is not None and m.confidence >= 0.9:
                    score.confident_wrong += 1
                if len(score.failures) < 15:
                    score.failures.append(f"{kind}: {variant!r} -> {m.inci} ({m.method} "
                                          f"{m.confidence:.2f}), want {inci}")
    return score


def near_miss_pairs(db: ingredients.Database, rated: list[str]) -> list[tuple[str, str]]:
    """Every rated name with each vocabulary name within ratio 85 of it."""
    vocab = list(db.vocabulary)
    pairs = []
    for name in rated:
        for other, _, _ in process.extract(name, vocab, scorer=fuzz.ratio, limit=6,
                                           score_cutoff=85):
            if other != name:
                pairs.append((name, other))
    return pairs


def evaluate_near_misses(matcher: Matcher, pairs: list[tuple[str, str]]) -> Score:
    db = matcher.db
    score = Score()
    for a, b in pairs:
        for name in (a, b):
            m = matcher.match(_title(name))
            score.total += 1
            if _same(db, m.inci, name) or ingredients.normalize(m.inci or "") == ingredients.normalize(name):
                score.correct += 1
            elif len(score.failures) < 15:
                score.failures.append(f"{name} -> {m.inci} ({m.method})")
    return score


def evaluate_non_ingredients(matcher: Matcher) -> Score:
    score = Score()
    path = LABELS / "non_ingredients.txt"
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = matcher.match(line)
        score.total += 1
        if m.method == "unknown":
            score.correct += 1
        elif len(score.failures) < 15:
            score.failures.append(f"{line!r} -> {m.inci} ({m.method} {m.confidence:.2f})")
    return score


def _source(file: str) -> Path:
    """Where a labelled list's file is: ``labels/...`` is relative to benchmarks/ (lists kept in this
    repository as test data, such as labels/extra_lists.csv), anything else to ../shared/data/products."""
    return HERE / file if file.startswith("labels/") else PRODUCTS / file


def _row(file: str, row: int, column: str, encoding: str) -> str:
    csv.field_size_limit(sys.maxsize)
    with _source(file).open(encoding=encoding, newline="", errors="replace") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            if i == row:
                return r.get(column) or ""
    raise IndexError(f"{file} has no row {row}")


def evaluate_hand_labelled(matcher: Matcher, limit: int | None = None) -> Score:
    """Align predicted canonical names with the hand labels; count agreeing items."""
    db = matcher.db
    doc = yaml.safe_load((LABELS / "hand_labelled.yaml").read_text(encoding="utf-8"))
    classes: dict[str, str] = {}
    for group in doc.get("equivalent") or []:
        for name in group:
            classes[name] = group[0]

    def canon(name: str | None) -> str | None:
        if name is None:
            return None
        entry = db.entries.get(name)
        name = entry.inci if entry is not None else name
        return classes.get(name, name)

    score = Score()
    for product in (doc.get("products") or [])[:limit]:
        if not (PRODUCTS / product["file"]).exists():
            continue
        text = _row(product["file"], product["row"], product["column"],
                    product.get("encoding", "utf-8"))
        predicted = [canon(matcher.match(i.name, i.alternatives).inci)
                     for i in ingredients.parse(text)]
        expected = [canon(e) for e in product["expected"]]
        sm = difflib.SequenceMatcher(a=expected, b=predicted, autojunk=False)
        good = sum(block.size for block in sm.get_matching_blocks())
        # Items labelled null (no CosIng name) count as right when predicted unknown.
        score.total += len(expected)
        score.correct += good
        if good < len(expected) and len(score.failures) < 25:
            missing = [e for e in expected if e not in predicted]
            extra = [p for p in predicted if p not in expected]
            score.failures.append(f"{product['id']}: {good}/{len(expected)}; "
                                  f"missed {missing[:4]} got {extra[:4]}")
    return score


_LABEL_NULL = "<labelled null>"
_UNREAD = "<unread>"


def aligned_right(expected: list[str | None], predicted: list[str | None]) -> int:
    """How many labelled CosIng names the matcher named in label order (difflib alignment).

    A null label and an unread item are kept apart before aligning: they mean nothing alike
    for scoring, and letting them pair up lets a run of them pull the alignment off a real
    match (a list with many unread items would lose names it did read)."""
    a = [_LABEL_NULL if e is None else e for e in expected]
    b = [_UNREAD if p is None else p for p in predicted]
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return sum(block.size for block in sm.get_matching_blocks())


@dataclass
class LanguageScore:
    """Precision and recall of one language's hand-labelled lists."""

    lists: int = 0
    expected: int = 0  # labelled items with a CosIng name
    predicted: int = 0  # items the matcher named
    right: int = 0  # named, and as labelled
    confident_wrong: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def labelled_lists(matcher: Matcher) -> Iterator[tuple[dict[str, Any], list[Any], list[Any],
                                                      list[str | None], list[str | None]]]:
    """Each list of benchmarks/labels/multilingual.yaml whose file is present:
    ``(product, items, matches, predicted, expected)``, names made canonical (an entry's
    own name, one name for each ``equivalent`` group)."""
    db = matcher.db
    doc = yaml.safe_load((LABELS / "multilingual.yaml").read_text(encoding="utf-8"))
    classes = {name: group[0] for group in doc.get("equivalent") or [] for name in group}

    def canon(name: str | None) -> str | None:
        if name is None:
            return None
        entry = db.entries.get(name)
        name = entry.inci if entry is not None else name
        return classes.get(name, name)

    for product in doc.get("products") or []:
        if not _source(product["file"]).exists():
            continue
        text = _row(product["file"], product["row"], product["column"], product.get("encoding", "utf-8"))
        items = ingredients.parse(text)
        matches = [matcher.match(i.name, i.alternatives) for i in items]
        yield (product, items, matches, [canon(_named(m)) for m in matches],
               [canon(e) for e in product["expected"]])


def _named(m: Any) -> str | None:
    """The CosIng name a match gives for the label name: none for a possibility only (a guess
    below the read threshold, which scoring treats as unread), nor for a species-level
    answer (``a preparation of Anthemis nobilis, part not stated``, ``an extract of Citrus
    paradisi, part not stated``: it names a plant, not
    one of its CosIng names, as a null label does)."""
    if not m.read or (m.method == "family" and ", part not stated" in m.reason):
        return None
    return m.inci


def evaluate_languages(matcher: Matcher) -> dict[str, LanguageScore]:
    """Per language of benchmarks/labels/multilingual.yaml: of the names the matcher gave, how
    many are right (precision); of the labelled CosIng names, how many it found (recall).
    Predicted and labelled lists are aligned (difflib), so a split or merged item costs only
    itself; an unread item costs recall, never precision."""
    scores: dict[str, LanguageScore] = {}
    for product, _items, matches, predicted, expected in labelled_lists(matcher):
        score = scores.setdefault(product["language"], LanguageScore())
        score.lists += 1
        score.expected += sum(1 for e in expected if e is not None)
        score.predicted += sum(1 for p in predicted if p is not None)
        score.right += aligned_right(expected, predicted)
        right = {p for p in expected if p is not None}
        score.confident_wrong += sum(1 for m, p in zip(matches, predicted, strict=True)
                                     if p is not None and p not in right and m.confidence >= 0.9)
    return scores


@dataclass
class ReadShare:
    lists: int = 0
    items: int = 0
    read: int = 0
    sure: int = 0


def multilingual_read_shares(matcher: Matcher) -> dict[str, ReadShare]:
    """Per language file of ../shared/data/products/multilingual/: how many parsed items
    the matcher reads at all, and how many at confidence >= 0.9."""
    shares: dict[str, ReadShare] = {}
    csv.field_size_limit(sys.maxsize)
    for path in sorted((PRODUCTS / "multilingual").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                share = shares.setdefault(path.stem, ReadShare())
                share.lists += 1
                for item in ingredients.parse(row.get("ingredients") or ""):
                    m = matcher.match(item.name, item.alternatives)
                    share.items += 1
                    share.read += m.inci is not None
                    share.sure += m.inci is not None and m.confidence >= 0.9
    return shares


# --------------------------------------------------------------------------- speed


def _time_per_call(fn: Callable[[str], object], items: list[str], repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            fn(item)
    return (time.perf_counter() - start) / (len(items) * repeat)


def speed(matcher: Matcher, exact_names: list[str], unseen: list[str]) -> dict[str, float]:
    for n in exact_names:
        matcher.match(n)  # warm
    warm = _time_per_call(matcher.match, exact_names, repeat=20)
    fresh = Matcher(matcher.db)
    fresh.match("warm the fuzzy index")
    fuzzy_time = _time_per_call(fresh.match, unseen)
    vocab = list(matcher.db.vocabulary)
    sample = unseen[: max(5, len(unseen) // 10)]
    naive = _time_per_call(lambda n: process.extractOne(n, vocab, scorer=fuzz.WRatio), sample)
    return {"warm_exact_us": warm * 1e6, "fuzzy_ms": fuzzy_time * 1e3, "naive_ms": naive * 1e3}


# --------------------------------------------------------------------------- main


def run(quick: bool = False, out: Callable[[str], None] = print) -> dict[str, float]:
    """Run every evaluation; return the headline figures."""
    rng = random.Random(20261121)
    db = ingredients.default_database()
    matcher = Matcher(db)
    figures: dict[str, float] = {}

    # Names spelled as in the vocabulary resolve exactly.
    sample = rng.sample(sorted(db.vocabulary), 500 if quick else 5000)
    exact = sum(1 for n in sample if matcher.match(_title(n)).method in ("exact", "family"))
    figures["exact_on_vocabulary"] = exact / len(sample)
    out(f"vocabulary names resolving exactly: {exact}/{len(sample)} = {exact / len(sample):.2%}")

    if PRODUCTS.exists():
        out("\nper corpus (share of parsed items by method):")
        methods = ("exact", "synonym", "number", "family", "fuzzy", "unknown")
        out(f"  {'corpus':40} {'items':>7} " + " ".join(f"{m:>8}" for m in methods))
        for name, counts in corpus_shares(matcher, 60 if quick else None).items():
            total = sum(counts.values())
            out(f"  {name:40} {total:7d} " + " ".join(f"{counts[m] / total:8.1%}" for m in methods))

    rated = sorted({e.inci for e in db.rated_entries() if e.inci in db.vocabulary})
    common = rated + rng.sample(sorted(db.vocabulary), 100 if quick else 800)
    typos = evaluate_typos(matcher, common[: 150 if quick else None], rng)
    figures["typo_accuracy"] = typos.rate
    figures["typo_confident_wrong"] = typos.confident_wrong
    out(f"\ntypo/OCR variants: {typos.correct}/{typos.total} = {typos.rate:.2%} right; "
        f"wrong with confidence >= 0.9: {typos.confident_wrong}")
    for f in typos.failures[:8]:
        out(f"    {f}")

    pairs = near_miss_pairs(db, rated[: 60 if quick else None])
    near = evaluate_near_misses(matcher, pairs)
    figures["near_miss_confusions"] = near.total - near.correct
    out(f"\nnear-miss pairs: {len(pairs)} pairs, {near.total - near.correct} confusions")
    for f in near.failures[:8]:
        out(f"    {f}")

    if (LABELS / "non_ingredients.txt").exists():
        non = evaluate_non_ingredients(matcher)
        figures["non_ingredient_unknown"] = non.rate
        out(f"\nnon-ingredient strings unknown: {non.correct}/{non.total} = {non.rate:.2%}")
        for f in non.failures[:8]:
            out(f"    {f}")

    if (LABELS / "hand_labelled.yaml").exists() and PRODUCTS.exists():
        hand = evaluate_hand_labelled(matcher, 10 if quick else None)
        figures["hand_labelled_accuracy"] = hand.rate
        out(f"\nhand-labelled products: {hand.correct}/{hand.total} items = {hand.rate:.2%}")
        for f in hand.failures[:12]:
            out(f"    {f}")

    if (LABELS / "multilingual.yaml").exists():
        # Always: the lists of labels/extra_lists.csv are kept in this repository; those of
        # ../shared/data/products are scored when it is present.
        langs = evaluate_languages(matcher)
        out("\nmultilingual hand-labelled lists (benchmarks/labels/multilingual.yaml):")
        out(f"  {'language':10} {'lists':>5} {'labelled':>8} {'named':>6} {'right':>6} {'precision':>9} "
            f"{'recall':>7} {'wrong >= 0.9':>12}")
        for code, ls in sorted(langs.items()):
            out(f"  {code:10} {ls.lists:5d} {ls.expected:8d} {ls.predicted:6d} {ls.right:6d} "
                f"{ls.precision:9.1%} {ls.recall:7.1%} {ls.confident_wrong:12d}")
            figures[f"precision_{code}"] = ls.precision
            figures[f"recall_{code}"] = ls.recall
        figures["multilingual_confident_wrong"] = sum(ls.confident_wrong for ls in langs.values())

    if PRODUCTS.exists():
        shares = multilingual_read_shares(matcher)
        out("\nevery multilingual list, labelled or not (items read; no labels, so no precision):")
        out(f"  {'language':10} {'lists':>5} {'items':>6} {'read':>7} {'>= 0.9':>7} {'by rule':>7}")
        for code, sh in shares.items():
            if sh.items:
                out(f"  {code:10} {sh.lists:5d} {sh.items:6d} {sh.read / sh.items:7.1%} "
                    f"{sh.sure / sh.items:7.1%} {(sh.read - sh.sure) / sh.items:7.1%}")
                figures[f"read_share_{code}"] = sh.read / sh.items

    exact_names = [_title(n) for n in sample[:300]]
    unseen = []
    for n in rng.sample(rated, min(60, len(rated))):
        variants = typo_variants(_title(n), rng)
        if variants:
            unseen.append(variants[0][0])
    if unseen:
        sp = speed(matcher, exact_names, unseen)
        figures.update(sp)
        out(f"\nspeed: warm exact {sp['warm_exact_us']:.2f} us/name; fuzzy unseen "
            f"{sp['fuzzy_ms']:.2f} ms/name; naive extractOne(WRatio) {sp['naive_ms']:.1f} ms/name "
            f"-> {sp['naive_ms'] / sp['fuzzy_ms']:.0f}x slower than our fuzzy path, "
            f"{sp['naive_ms'] * 1e3 / sp['warm_exact_us']:.0f}x slower than the warm exact path")

    out("\ntargets: " + ", ".join(f"{k} {'>=' if k != 'near_miss_confusions' else '=='} {v}"
                                  for k, v in TARGETS.items()))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small samples")
    args = parser.parse_args()
    run(quick=args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
