"""Known names, for the two layout rules that need them.

A line starting with a word that ends names but also starts some (``Alcohol``,
``Butter``: the root pack's ``wrap_checked``) carries on the name the line before
breaks off only when the joined name is a known one and the two lines are not both
known names (``Cetearyl`` / ``Alcohol`` is ``Cetearyl Alcohol``; ``Glycerin`` /
``Alcohol`` are two ingredients). Known means a CosIng name, a known synonym or a
name of the language packs' name tables, written as in the shipped database (a
user's overlay does not change how a text is cut).

Glued names (:mod:`.glued`: ``Glycerin Dimethicone``, ``AllantoinAsam Traneksamat``) are
cut only where every part is read as a name without a guess and the whole is not
(:func:`known_as`: the matcher's readings short of numbers, families and fuzzy guesses,
against the shipped database), and never between two names of one substance
(:func:`same_substance`: ``Aqua Water``, ``Iron Oxides CI 77491``).

The database is loaded on first need only (some 0.3 s, once): texts that never ask
-- lists of one-word names, and lists whose lines start otherwise -- never load it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from ingredients._languages import compiled_documents, fold_accents, name_table, translation_words
from ingredients._normalize import normalize
from ingredients._parse.rules import _ROUND_PAIR_RE


@lru_cache(maxsize=4096)
def _is_known(name: str) -> bool:
    """``name``, as written, is a known name."""
    from ingredients._database import default_database  # (lazy: see the module docstring)

    try:
        db = default_database()
        table = name_table()
    except (OSError, ValueError):  # (a broken install: the lines stay apart, parse never raises)
        return False
    key = normalize(name)
    return bool(key) and (key in db.keys or key in db.synonyms or key in table or fold_accents(key) in table)


def joins_to_known_name(first: str, second: str) -> bool:
    """``first + " " + second`` is a known name (as written or without its round brackets:
    ``Butyrospermum Parkii (Shea)`` / ``Butter``), and ``first`` and ``second`` are not
    both known names as written (whitespace is read as one space)."""
    first, second = " ".join(first.split()), " ".join(second.split())
    if not first or not second:
        return False
    joined = f"{first} {second}"
    if not (_is_known(joined) or _is_known(" ".join(_ROUND_PAIR_RE.sub(" ", joined).split()))):
        return False
    return not (_is_known(first) and _is_known(second))


@lru_cache(maxsize=8192)
def _known_as(name: str, alternatives: tuple[str, ...]) -> tuple[str, float] | None:
    from ingredients._database import default_database  # (lazy: see the module docstring)
    from ingredients._match import matcher_for  # (the match stage reads names; lazy: it imports this one)

    try:
        matcher = matcher_for(default_database())
    except (OSError, ValueError):  # (a broken install: nothing is cut, parse never raises)
        return None
    return matcher.named(name, alternatives)


def known_as(name: str, alternatives: Sequence[str] = ()) -> tuple[str, float] | None:
    """``(CosIng name, confidence)`` when ``name`` (with the label's ``alternatives``) is
    read without a guess (:meth:`ingredients._match.Matcher.named`), else None."""
    return _known_as(name, tuple(alternatives))


@lru_cache(maxsize=4096)
def translated_as(name: str) -> tuple[str, float] | None:
    """``(CosIng name, confidence)`` when the matcher reads ``name`` by a name-for-name
    reading at least as surely as a word-by-word translation (``Asam Traneksamat``:
    TRANEXAMIC ACID, 0.88), else None (fuzzy guesses, families and transliterations are
    below that or of another method)."""
    from ingredients._database import default_database  # (lazy: see the module docstring)
    from ingredients._match import CONFIDENCE, matcher_for

    try:
        found = matcher_for(default_database()).match(name)
    except (OSError, ValueError):
        return None
    if found.inci is None or found.method != "synonym" or found.confidence < CONFIDENCE["translated"]:
        return None
    return found.inci, found.confidence


def same_substance(first: str, second: str) -> bool:
    """Do two CosIng names name one substance? The same name, a shared CAS number
    (``AQUA``, ``WATER``), or one is the other's first words (a species and a part of
    it: ``ORYZA SATIVA``, ``ORYZA SATIVA BRAN OIL``)."""
    if first == second or first.startswith(second + " ") or second.startswith(first + " "):
        return True
    from ingredients._database import default_database

    db = default_database()
    a, b = db.vocabulary.get(first), db.vocabulary.get(second)
    if a is not None and b is not None and set(a.cas) & set(b.cas):
        return True
    # a known name of one is the other (``CERA ALBA``, ``BEESWAX``)
    return normalize(second) in {normalize(n) for n in db.synonyms_of(first)} or normalize(
        first) in {normalize(n) for n in db.synonyms_of(second)}


@lru_cache(maxsize=1)
def _name_index() -> tuple[frozenset[str], frozenset[str]]:
    """Every two neighbouring words of a CosIng name or known synonym, and every word of
    one or of a name of the packs' name tables (normalised; a slash parts words:
    ``ACRYLIC ACID/POLYSTYRENE ETHYL METHACRYLATE COPOLYMER``; the words either side of
    it are neighbours across a slash, ``OIL/SOYBEAN``, not across a space: ``OLIVE FRUIT
    OIL/SOYBEAN FLOUR`` does not make ``Oil Soybean`` a run a name may hold), in one pass."""
    from ingredients._database import default_database

    try:
        db = default_database()
        table = name_table()
    except (OSError, ValueError):
        return frozenset(), frozenset()
    pairs: set[str] = set()
    words: set[str] = set()
    for key in (*db.keys, *db.synonyms):
        runs = key.split("/")
        for run in runs:
            parts = run.split()
            words.update(parts)
            pairs.update(f"{a} {b}" for a, b in pairwise(parts))
        # (the words either side of a slash are neighbours across a slash only)
        pairs.update(f"{a.split()[-1]}/{b.split()[0]}" for a, b in pairwise(runs) if a.split() and b.split())
    for key in table:
        words.update(key.replace("/", " ").split())
    return frozenset(pairs), frozenset(words)


def _neighbours() -> frozenset[str]:
    """Every two neighbouring words of a CosIng name or known synonym (:func:`_name_index`)."""
    return _name_index()[0]


def neighbours_in_a_name(left: str, right: str, slash: bool = False) -> bool:
    """Are the words ``left`` and ``right`` (as written) neighbours in some known name
    (``Flower`` / ``Water``, ``230`` / ``Salt``; with ``slash``, either side of a slash in
    one: ``Lactobacillus/Soybean``)? Then a name may run on across them."""
    before, after = normalize(left).split()[-1:], normalize(right).split()[:1]
    joint = "/" if slash else " "
    return bool(before and after) and f"{before[0]}{joint}{after[0]}" in _neighbours()


def _name_words() -> frozenset[str]:
    """Every word of a known name (:func:`_name_index`)."""
    return _name_index()[1]


def in_a_name(word: str) -> bool:
    """Is ``word`` (as written) a word of some known name (``Sunflower``, ``Organic``)?"""
    return any(w in _name_words() for w in normalize(word).split())


@lru_cache(maxsize=1)
def _translation_words() -> frozenset[str]:
    """The local words of the packs' translation word tables and their ``of`` words
    (``asam``, ``de``), lower-case, also without accents (read from the packs, as
    :func:`ingredients._translate.rules_from` reads them, without building the rules)."""
    out: set[str] = set()
    for doc in compiled_documents().values():
        for word in translation_words(doc):
            out.update((word.lower(), fold_accents(word.lower())))
    return frozenset(out)


def foreign_word(name: str) -> bool:
    """Does ``name`` hold a word that is no word of a known name and is a word of the packs'
    translation tables (``Asam`` = ACID) or one of their ``of`` words (``de``)? Only such a
    name is tried as a translation (cheap tests before one: the translator takes a while
    to build)."""
    table = _translation_words()
    for word in normalize(name).replace("/", " ").split():
        low = word.lower()
        if word.isalpha() and (low in table or fold_accents(low) in table) and not in_a_name(word):
            return True
    return False
