"""Stage 2: recognise each label name as a CosIng ingredient.

Stages, in order (the first that succeeds decides):

1. ``exact``   - the normalised name is a CosIng name;
2. ``synonym`` - it is a known alternative name (curated, from a risk entry, or
   pointed to by CosDNA), or one of the alternatives the label itself gives
   (``Water (Aqua)``, the ``(Coconut)`` in ``Cocos Nucifera (Coconut) Oil``);
3. ``number``  - it carries a CAS or EC number that CosIng knows;
4. ``family``  - a family rule (``PEG-n Lanolin``, ``Laureth-n``) recognises it;
   this also applies to CosIng names that have no entry of their own, whose
   risk is then extrapolated from rated members;
5. ``fuzzy``   - a spelling or OCR slip of a name anywhere in the vocabulary,
   under guards: numbers must agree, short names need a closer match, and the
   winner needs a margin over the runner-up;
6. ``unknown`` - everything else, including prose, claims and lot numbers.

A fuzzy answer never gets a confidence of 0.9 or more: it is a guess, and says so.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product
from typing import TYPE_CHECKING, Literal

from ingredients._database import Database, RiskEntry, default_database
from ingredients._languages import (
    detect_language,
    fold_accents,
    hangul_unspaced,
    label_words,
    name_table,
    to_simplified,
)
from ingredients._normalize import normalize
from ingredients._parse import Ingredient

if TYPE_CHECKING:
    from ingredients._database import _Synonym
    from ingredients._translate import Translator
    from ingredients._transliterate import Transliterator

# The translation and transliteration rules are imported when a name first needs them:
# a cold check of an English list never does.

__all__ = ["READ_CONFIDENCE", "Match", "MatchMethod", "Matcher", "match", "match_many"]

MatchMethod = Literal["exact", "synonym", "number", "family", "fuzzy", "unknown"]

CONFIDENCE = {
    "exact": 1.0,
    "synonym": 0.97,
    "label-alternative": 0.95,
    "bracket-only": 0.8,
    "pointer": 0.93,
    "name-table": 0.96,
    "number": 0.95,
    "family-known": 0.85,
    "family-unknown": 0.65,
    "translated": 0.88,
}
FUZZY_MAX_CONFIDENCE = 0.89
TRANSLITERATION_CONFIDENCE = 0.85
VOWEL_READING_CONFIDENCE = 0.8
"""A name read by a transliteration rule, not a table row: below 0.9, so the report
shows the reason."""
OCR_CONFIDENCE = 0.85
TIE_CONFIDENCE = 0.4
REWRITE_CONFIDENCE = 0.5
"""A guess that changes much of one word (``Kelp`` for HEMP, ``Myrtle`` for TURTLE) is
shown as a possibility, never read: under :data:`READ_CONFIDENCE`."""
READ_CONFIDENCE = 0.6
"""A guess below this is not taken as a reading of the name: scoring treats the name
as unread (the guess is shown as a possibility, never as the ingredient)."""
COMPLETING_BRACKET_CHARS = 12
"""Longest bracket also tried as words ending its name (a grade: ``SE``, ``Denat.``)."""
SHORTHAND_LETTERS = 4
"""A label's alternative of fewer letters than this, letters only (``BHA``, ``Eau``), does
not read a name alone: such shorthand means different things on different labels."""

SPECIES_CONFIDENCE = 0.6
KANA_WORD_LETTERS = 4
KANA_WORD_CONSONANTS = 3
KANA_WORD_CHOICES = 40
KANA_VOWEL_SLACK = 0.15
"""A katakana word inside a translated name reads as CosIng words of four letters or more,
when its key has three consonants or more, and as forty words at most."""
SHORT_NAME = 8
CACHE_SIZE = 200_000


@dataclass(frozen=True, slots=True)
class Match:
    """How one label name was recognised."""

    query: str
    """The name as given (label text, cleaned by the parser)."""
    inci: str | None
    """Canonical CosIng name, or None when unknown."""
    method: MatchMethod
    confidence: float
    """0-1: how sure the identification is (1 for an exact CosIng name)."""
    entry: RiskEntry | None
    """The risk entry (listed or extrapolated from a family), or None when unrated."""
    candidates: tuple[str, ...] = ()
    """Runner-up canonical names when the decision was close (or suggestions when unknown)."""
    reason: str = ""
    """Plain-English account of the decision, for ``milia explain``."""

    @property
    def known(self) -> bool:
        """True when the name was recognised as a CosIng ingredient (or a family member)."""
        return self.method != "unknown"

    @property
    def read(self) -> bool:
        """True when the name counts as read: recognised, and not a weak guess
        (confidence below :data:`READ_CONFIDENCE`)."""
        return self.method != "unknown" and self.confidence >= READ_CONFIDENCE

    @property
    def possibly(self) -> tuple[str, ...]:
        """The canonical names a weak guess was between (best first); empty otherwise."""
        if self.method == "unknown" or self.read or self.inci is None:
            return ()
        return (self.inci, *self.candidates)

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {
            "query": self.query,
            "inci": self.inci,
            "method": self.method,
            "confidence": round(self.confidence, 3),
            "candidates": list(self.candidates),
            "reason": self.reason,
            "rated": self.entry is not None,
            "read": self.read,
        }


# --------------------------------------------------------------------------- guards

_NUMBER = re.compile(r"\d+")
_CAS = re.compile(r"\b(\d{2,7}-\d{2}-\d)\b")
_EC = re.compile(r"\b(\d{3}-\d{3}-\d)\b")
_PAREN = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_WORD = re.compile(r"[A-Z]+")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*")
"""A run of Latin letters as a label writes it (``t-``, ``Na``, ``C10-30``), for a reason text."""
# A bracketed common name on a label: a few plain words, no digits, slashes or hyphens;
# or colour-index numbers ("Titanium Dioxide (CI 77891)").
_COMMON_NAME_INSERT = re.compile(
    r"[^\W\d_]+(?:[ '.&’]+[^\W\d_]+){0,4}\.?"
    r"|C\.?\s?[IL]\.?\s?\d{5}(?:\s*,\s*C\.?\s?[IL]\.?\s?\d{5})*",
    re.IGNORECASE,
)
# Words that occur in sentences, claims and headings but not in INCI names.
_PROSE_WORDS = frozenset(
    """
    THE A AN IS ARE BE BEEN WAS WERE YOUR YOU OUR WE IT ITS THIS THAT THESE THOSE FOR WITH
    WITHOUT FROM INTO ONTO TO BY AS AT ON IN OR NOT NO FREE HELPS HELP HELPING SUPPORTS
    SUPPORT VISIBLY REDUCES REDUCE LOOK LOOKS APPEARANCE SKIN SKINS HAIR FACE EYES LIPS BODY
    DAILY NIGHT USE USED APPLY APPLIED FORMULATED CONTAINS CONTAIN MAY CHANGE CHANGES PLEASE
    VISIT BOUTIQUE REFER PACKAGING PRODUCT PRODUCTS LIST LISTS ACCURATE UP DATE CERTIFIED
    ORIGIN NATURAL ORGANIC DERIVED CLEAN SEPHORA INGREDIENT INGREDIENTS INFO INFORMATION
    BATCH LOT EXP BEST BEFORE MADE COUNTRY WWW HTTP HTTPS COM TESTED ANIMALS CRUELTY VEGAN
    PARABEN PARABENS SULFATE SULFATES PHTHALATES DERMATOLOGIST RECOMMENDED
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Words that make a string look like an ingredient even among prose words.
_INCI_WORDS = frozenset(
    """
    ACID OIL EXTRACT BUTTER WAX ALCOHOL GLYCOL ESTER OXIDE SULFATE CHLORIDE GLYCERIN
    GLYCERYL STEARATE PALMITATE MYRISTATE LAURATE OLEATE WATER AQUA PARFUM FRAGRANCE
    DIMETHICONE SILICA SODIUM POTASSIUM CALCIUM MAGNESIUM ZINC PEG PPG CI POWDER JUICE LEAF
    SEED ROOT FLOWER FRUIT GUM CELLULOSE POLYMER COPOLYMER CROSSPOLYMER
    """.split()  # noqa: SIM905 - a word list reads better as text
)


PROSE_TOKENS = 6
"""A name in another script with more space-separated parts than this is a sentence."""


def _other_script(name: str) -> str | None:
    """The script of a name's first letter outside the Latin alphabet (``Hangul``,
    ``Katakana``, ``Han``, ``Georgian``), or None when every letter is Latin."""
    if name.isascii():
        return None
    import unicodedata

    for ch in name:
        if ch.isalpha() and not ch.isascii() and "LATIN" not in unicodedata.name(ch, "LATIN"):
            first = unicodedata.name(ch, "").split()[0]
            return {"CJK": "Han", "HANGUL": "Hangul", "KATAKANA": "Katakana", "HIRAGANA": "Hiragana",
                    "HALFWIDTH": "Katakana"}.get(first, first.title())
    return None


def looks_like_prose(key: str) -> bool:
    """True for text that is a sentence, claim, heading or code rather than a name."""
    words = _WORD.findall(key)
    if not words:
        return True  # only digits and punctuation: a lot number, a price, a code
    if len(words) > 12:
        return True
    prose = sum(1 for w in words if w in _PROSE_WORDS)
    inci = sum(1 for w in words if w in _INCI_WORDS)
    if prose >= 2 and prose >= inci:
        return True
    if prose and len(words) <= 2 and not inci:
        return True
    letters = sum(len(w) for w in words)
    # Codes like "L2345A7" or "EXP0326": more digits than letters, no real word.
    return letters < 3 or (max(len(w) for w in words) < 3 and len(_NUMBER.findall(key)) >= 1
                           and not key.startswith(("CI ", "C ")))


def numbers_agree(a: str, b: str) -> bool:
    """Names that differ in a number are different substances (Laureth-4, Laureth-23).

    The same digits run together count as agreeing: ``C1215`` is ``C12-15`` with the
    hyphen lost, not another chain length.
    """
    na, nb = _NUMBER.findall(a), _NUMBER.findall(b)
    return sorted(na) == sorted(nb) or "".join(na) == "".join(nb)


_LETTERS = re.compile(r"[A-Z]+")
REAL_WORD = 5
"""A word in this many CosIng names or more is a word of the vocabulary, not a slip."""


def _keeps_words(words: list[str], choice: str, real: frozenset[str] = frozenset()) -> bool:
    """Does ``choice`` hold every word of ``words`` (of three letters or more) as it is,
    within one slip, or run together with its neighbour (``VINYLDIMETHICONE``)? Two
    words of ``real`` (words of the vocabulary) of five letters or more are slips of each
    other only when they are one word (:func:`_one_word`): ``Lemon`` is ``LIMON`` and
    ``Glycerides`` ``GLYCERIDE``, but ``Methyl`` is not ``ETHYL`` nor ``Alkyl`` ``ALLYL``."""
    from rapidfuzz.distance import OSA  # imported on first guess: most runs never guess

    theirs = _LETTERS.findall(choice)
    joined = "".join(theirs)
    for word in words:
        if len(word) < 3 or word in theirs or word in joined:
            continue
        if not any(OSA.distance(word, other, score_cutoff=1) <= 1
                   and (word not in real or other not in real or min(len(word), len(other)) < 5
                        or _one_word(word, other, vowels=True))
                   for other in theirs):
            return False
    return True


def _rewritten_word(words: list[str], choice: str) -> tuple[str, int] | None:
    """A word of ``words`` (four letters or more) that ``choice`` holds only with two
    edits or more, making up 30% of its letters or more, and how many (None: no such
    word). Typing and OCR slips spread over a name or stay small in a word (``Gentelia``,
    ``Hydrogenated Lechitin``); a word written anew is more likely another word."""
    from rapidfuzz.distance import OSA  # imported on first guess: most runs never guess

    theirs = _LETTERS.findall(choice)
    joined = "".join(theirs)
    for word in words:
        if len(word) < 4 or word in theirs or word in joined:
            continue
        edits = min((int(OSA.distance(word, other)) for other in theirs), default=len(word))
        if edits >= 2 and edits >= 0.3 * len(word):
            return word, edits
    return None


def _species_words(words: list[str]) -> bool:
    """Can ``words`` be a plant species (genus, epithet and maybe a variety)? Not when one
    is a plant part or a preparation (the packs' ``plant_parts`` and ``name_ends``)."""
    from ingredients._languages import label_words

    words_of = label_words()
    return not any(w.lower() in words_of.plant_parts or w.lower() in words_of.name_ends for w in words)


def _other_species(genus: str, species: str, names: Iterable[str]) -> bool:
    """Does CosIng list a species of ``genus`` other than ``species`` (alone or first in a
    blend: ``CENTELLA ASIATICA/…``)?"""
    prefix = genus + " "
    return any(n.startswith(prefix) and not (n == species or n.startswith((species + " ", species + "/")))
               for n in names)


_GLUED_BRACKET = re.compile(r"[^\W\d_][(\[]|[)\]][^\W\d_]")
"""A bracket written inside a word."""
_LATIN_ENDING = re.compile(r"(?:UM|US|AE|IS|ES|A|I|E|S)$")
_VOWELS = frozenset("AEIOU")


def _one_word(a: str, b: str, *, vowels: bool) -> bool:
    """Are two words one word: the same but for an ending (``GRANDIFLORUM`` and
    ``GRANDIFLORUS``, ``GLYCERIDES`` and ``GLYCERIDE``) or, with ``vowels``, one vowel
    written for another (``LEMON`` and ``LIMON``)?"""
    if _LATIN_ENDING.sub("", a) == _LATIN_ENDING.sub("", b):
        return True
    if not vowels or len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS


def has_chemical_brackets(name: str) -> bool:
    """True when a bracket is part of the chemistry (``Bis-(Ethyl PPG-3 Behenate) ...``),
    not a common-name insert (``Cocos Nucifera (Coconut) Oil``): then no reading that
    drops or isolates it can be trusted."""
    for m in _PAREN.finditer(name):
        inner = (m.group(1) or m.group(2) or "").strip()
        if not _COMMON_NAME_INSERT.fullmatch(inner):
            return True
        if name[: m.start()].rstrip().endswith(("-", "/")):
            return True
    return False


def _shorthand(alt: str) -> bool:
    """A label's shorthand (``BHA``, ``aha``): letters only, fewer than
    :data:`SHORTHAND_LETTERS`. It names no substance alone: ``Kwas salicylowy (bha)`` is a
    beta hydroxy acid, not BHA."""
    return alt.isalpha() and len(alt) < SHORTHAND_LETTERS


def _variants(name: str) -> list[tuple[str, str, float]]:
    """Alternative readings of one label name, with the most confidence each deserves:
    without its parenthetical (the label's common-name insert), the parenthetical alone
    (the rest of the name unchecked, so less sure). Slashes are handled apart, in
    :meth:`Matcher._slash_reading`, because every side must check out."""
    out: list[tuple[str, str, float]] = []
    if "(" in name or "[" in name:
        stripped = " ".join(_PAREN.sub(" ", name).split())
        if stripped and stripped != name and not has_chemical_brackets(name):
            out.append((stripped, "without the bracketed part", CONFIDENCE["label-alternative"]))
        # (Not in a Chinese or Japanese name: ``葡萄(VITIS VINIFERA)籽油`` is the standard
        # Chinese form of a plant part, whose species alone is another CosIng name.)
        from ingredients._translate import is_cjk

        if not any(is_cjk(c) for c in _PAREN.sub(" ", name)):
            for m in _PAREN.finditer(name):
                inner = (m.group(1) or m.group(2) or "").strip()
                if inner and not _shorthand(inner):
                    out.append((inner, "the bracketed name", CONFIDENCE["bracket-only"]))
    return out


# --------------------------------------------------------------------------- matcher


_KANA = re.compile(r"[\u3040-\u30ff]")
_BY_KANA = r"[\u3040-\u30ff\u3400-\u9fff()（）]"
_SPACE_BY_KANA = re.compile(rf"(?<={_BY_KANA})\s+|\s+(?={_BY_KANA})")
"""Spaces beside kana, kanji or a bracket (JCIA labelling names hold none)."""


class Matcher:
    """Matching against one :class:`Database`, with a bounded cache of decisions.

    The cache only remembers answers (same input, same database, same answer), so
    results never depend on the order of calls.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: dict[tuple[str, tuple[str, ...]], Match] = {}
        self._lock = threading.Lock()
        self._fuzzy_index: tuple[list[str], list[int], list[str]] | None = None
        self._vocabulary_words: frozenset[str] = frozenset()
        self._names_sorted: list[str] | None = None
        self._common_species: dict[str, str] | None = None
        self._synonyms_of: dict[str, frozenset[str]] = {}
        self._synonym_names: dict[str, _Synonym] | None = None
        self._latin_table_keys: list[str] | None = None
        self._translator: Translator | None = None
        self._kana_index: dict[str, tuple[str, ...]] | None = None
        self._joining_heads: frozenset[str] | None = None
        self._common_readers: dict[str, Transliterator] = {}

    # -- the fuzzy index: every key of the vocabulary and of the synonyms, sorted by length
    def _index(self) -> tuple[list[str], list[int], list[str]]:
        if self._fuzzy_index is None:
            with self._lock:
                if self._fuzzy_index is None:
                    pairs = [(k, names[0]) for k, names in self.db.keys.items()]
                    pairs += [(k, s.inci) for k, s in self.db.synonyms.items()]
                    pairs.sort(key=lambda p: (len(p[0]), p[0]))
                    counts = Counter(w for n in self.db.vocabulary for w in set(_LETTERS.findall(n)))
                    self._vocabulary_words = frozenset(w for w, c in counts.items() if c >= REAL_WORD)
                    self._fuzzy_index = (
                        [p[0] for p in pairs], [len(p[0]) for p in pairs], [p[1] for p in pairs]
                    )
        return self._fuzzy_index

    def warm(self) -> None:
        """Build the fuzzy index now (before forking worker processes, say)."""
        self._index()

    def match(self, name: str, alternatives: Sequence[str] = ()) -> Match:
        """Recognise one name (with the label's alternatives for it)."""
        cache_key = (name, tuple(alternatives))
        found = self._cache.get(cache_key)
        if found is not None:
            return found
        result = self._decide(name, tuple(alternatives))
        if not result.read and " " in name and _KANA.search(name):
            result = self._closed_up(name, tuple(alternatives)) or result
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[cache_key] = result
        return result

    def _closed_up(self, name: str, alternatives: tuple[str, ...]) -> Match | None:
        """A Japanese name a label spaced out (``トリ (カプリル酸/カプリン酸) グリセリル``), read
        without the spaces beside its kana, kanji and brackets, as JCIA writes its names; None
        when that reads nothing either."""
        closed = _SPACE_BY_KANA.sub("", name)
        if closed == name:
            return None
        again = self._decide(closed, alternatives)
        if not again.read:
            return None
        return replace(again, query=name, reason=f"{again.reason} (read with the spaces of the "
                       "Japanese name closed up)")

    def _result(
        self, query: str, inci: str, method: MatchMethod, confidence: float, reason: str,
        candidates: tuple[str, ...] = (),
    ) -> Match:
        entry = self.db.entries.get(inci)
        if entry is None:
            family_entry = self.db.family_entry(inci)
            if family_entry is not None:
                return Match(query, inci, "family",
                             min(confidence, CONFIDENCE["family-known"]), family_entry,
                             candidates,
                             f"{reason}; no rating of its own, so the {family_entry.family} "
                             "family rule supplies an extrapolated one")
        return Match(query, inci, method, confidence, entry, candidates, reason)

    def _lookup(self, text: str) -> tuple[str, MatchMethod, float, str] | None:
        """Exact name or known synonym for one text."""
        key = normalize(text)
        if not key:
            return None
        names = self.db.keys.get(key)
        if names:
            upper = " ".join(text.upper().split())
            inci = upper if upper in names else names[0]
            return inci, "exact", CONFIDENCE["exact"], f"{text!r} is the CosIng name {inci}"
        syn = self.db.synonyms.get(key)
        if syn is not None:
            conf = CONFIDENCE["pointer" if syn.source == "cosdna" else "synonym"]
            where = "a name CosDNA gives for" if syn.source == "cosdna" else "a known name for"
            return syn.inci, "synonym", conf, f"{text!r} is {where} {syn.inci} ({syn.origin})"
        return self._table_lookup(text, key)

    def _table_lookup(self, text: str, key: str) -> tuple[str, MatchMethod, float, str] | None:
        """A local, common or pharmacopoeia name from the language packs' name tables."""
        table = name_table()
        rows = (table.get(key) or table.get(fold_accents(key)) or table.get(to_simplified(key))
                or table.get(hangul_unspaced(key)))
        if not rows:
            return None
        incis = {self.db.keys.get(normalize(r.inci), (r.inci,))[0] for r in rows}
        if len(incis) != 1:
            return None  # (the validator refuses such rows; an overlay could still make them)
        row = rows[0]
        inci = incis.pop()
        return (inci, "synonym", CONFIDENCE["name-table"],
                f"{text!r} is the {row.language_name} name of {inci} "
                f"({row.source}; {row.at})")

    def _slash_reading(self, name: str) -> tuple[str, MatchMethod, float, str] | None:
        """``Aqua/Water/Eau``, ``CI 77891/Titanium Dioxide``: a slash between synonyms.

        Every side must be a known name, otherwise the slash belongs to one name
        (``Dimethicone/Vinyl Dimethicone Crosspolymer`` misspelled is not dimethicone).
        """
        if "/" not in name or len(name) > 120:
            return None
        parts = [p.strip() for p in name.split("/") if p.strip()]
        if len(parts) < 2:
            return None
        hits = [self._lookup(p) for p in parts]
        if any(h is None for h in hits):
            return None
        first = hits[0]
        assert first is not None
        if any(h is not None and not self._one_substance(first[0], h[0]) for h in hits[1:]):
            # Sides of other substances: a blend (``Methylchloroisothiazolinone/
            # Methylisothiazolinone``: the parser cuts it) or a name cut short
            # (``Lactobacillus/Soybean Extract`` of a ferment), never its first side.
            return None
        return (first[0], "synonym", min(first[2], CONFIDENCE["label-alternative"]),
                f"every side of the slash is a known name; {first[3]}")

    def _qualifier_reading(self, name: str) -> tuple[str, MatchMethod, float, str] | None:
        """``Organic Glycerin``, ``Unrefined Shea Butter``: a word labels put before or
        after a name (``name_qualifiers`` of the language packs) that is not part of
        its INCI name. Read only when the rest is a known name."""
        for said, rest in _without_qualifiers(name):
            # The rest as written, then its bracket readings (``Sclerocarya Birrea
            # (Marula) Kernel Oil``), each no surer than such a reading alone.
            for text, most in ((rest, CONFIDENCE["label-alternative"]),
                               *((t, m) for t, _how, m in _variants(rest))):
                hit = self._lookup(text)
                if hit is not None:
                    return (hit[0], "synonym", min(hit[2], most),
                            f"read without {said!r}, a word labels add that is not part of "
                            f"the name: {hit[3]}")
        return None

    def named(self, name: str, alternatives: Sequence[str] = ()) -> tuple[str, float] | None:
        """``(inci, confidence)`` when the name is read without a guess -- a CosIng name, a
        known synonym or name-table name, the label's alternatives, its bracket readings,
        synonyms either side of a slash, a qualifier word dropped -- else None.

        The parser asks this (through :mod:`ingredients._parse.names`) before cutting a
        name it thinks two glued names apart."""
        hit = self._named(name, tuple(alternatives))
        return None if hit is None else (hit[0], hit[2])

    def _named(self, name: str, alternatives: tuple[str, ...]) -> tuple[str, MatchMethod, float, str] | None:
        """The first of the readings of :meth:`named` that succeeds, as :meth:`_lookup` gives it."""
        for alt in alternatives:
            # A bracket holding the rest of the name (``Glyceryl Stearate (SE)`` is GLYCERYL
            # STEARATE SE, another grade with another rating; ``Alcohol (Denat.)``): short.
            # A long one only as chemistry, written on: ``PEG-15 Pentaerythrityl Tetra(Laureth-6
            # Carboxylate)`` (one lookup fewer for every ``Name (Common Name)`` a label prints).
            short = len(alt) <= COMPLETING_BRACKET_CHARS
            for joined in (f"{name} {alt}", f"{name}({alt})") if short else (f"{name}({alt})",):
                hit = self._lookup(joined)
                if hit is not None:
                    return (hit[0], hit[1], hit[2], f"the bracket completes the name: {hit[3]}")
        hit = self._lookup(name)
        if hit is not None:
            return hit
        # Alternatives written on the label, then readings of the name itself - unless
        # its brackets are chemistry, where dropping them names another substance.
        if has_chemical_brackets(name):
            alternatives = ()
        for alt in alternatives:
            if _shorthand(alt):
                continue  # (it still completes a name: ``(SE)``, above)
            hit = self._lookup(alt)
            if hit is not None:
                return (hit[0], "synonym", min(hit[2], CONFIDENCE["label-alternative"]),
                        f"the label also calls it {alt!r}: {hit[3]}")
        for text, how, most in _variants(name):
            hit = self._lookup(text)
            if hit is not None:
                return hit[0], "synonym", min(hit[2], most), f"read {how} {text!r}: {hit[3]}"
        return self._slash_reading(name) or self._qualifier_reading(name)

    def _decide(self, name: str, alternatives: tuple[str, ...]) -> Match:
        query = name
        key = normalize(name)
        if not key:
            return Match(query, None, "unknown", 0.0, None, (), "empty name")
        hit = self._named(name, alternatives)
        if hit is not None:
            return self._result(query, *hit)
        if has_chemical_brackets(name):
            alternatives = ()  # (as :meth:`_named` reads them)
        from ingredients._transliterate import has_phonetic_script

        if has_phonetic_script(name):
            spelled = self._transliterated(query, name)
            if spelled is not None:
                return spelled if spelled.known else self._translated_or(spelled, name, alternatives)
        # A name in another language's words or order is read as a translation now; one
        # spelled like INCI English only after a slip of an English name has been ruled out
        # (``Benyl Alcohol`` is a slip of Benzyl Alcohol, not a respelling of Behenyl Alcohol).
        if not has_phonetic_script(name):
            # (a Chinese name the official list prints is read by it, before any rule)
            listed = self._listed_reading(query, name, alternatives)
            if listed is not None:
                return listed
        translated = self._translated_reading(name, alternatives)
        if translated is not None and translated[1]:
            return translated[0]
        later = translated[0] if translated is not None else None
        if later is None and has_phonetic_script(name):
            common = self._transliterated_common_name(query, name)
            if common is not None:
                return common
        if later is None:
            parts = self._part_list_reading(query, name)
            if parts is not None:
                return parts

        # CAS / EC numbers.
        for rx, label in ((_CAS, "CAS"), (_EC, "EC")):
            for m in rx.finditer(name):
                owners = self.db.by_number(m.group(1))
                if len(owners) == 1:
                    return self._result(query, owners[0], "number", CONFIDENCE["number"],
                                        f"{label} number {m.group(1)} belongs to {owners[0]}")
                if 1 < len(owners) <= 3:
                    # One substance under several CosIng names (AQUA and WATER share a CAS).
                    first, *others = sorted(owners)
                    return self._result(query, first, "number", CONFIDENCE["number"] - 0.05,
                                        f"{label} number {m.group(1)} belongs to "
                                        f"{', '.join(owners)}", tuple(others))

        script = _other_script(name)
        if script is not None and not _WORD.search(key):
            # (no Latin letters to guess a slip from: the name tables and rules were its chance)
            if len(name.split()) > PROSE_TOKENS:
                return Match(query, None, "unknown", 0.0, None, (),
                             f"reads like a sentence in {script} script, not an ingredient name")
            return Match(query, None, "unknown", 0.0, None, (),
                         f"written in {script} script, and no name-table row, transliteration or "
                         "word-by-word reading gives one CosIng name for it")
        if (script is not None and looks_like_prose(key) and len(name.split()) <= PROSE_TOKENS
                and not any(w in _PROSE_WORDS for w in _WORD.findall(key))):
            # (``t-ブチルメトキシジベンゾイルメタン``: a name in another script holding a Latin run
            # too short to guess a slip from, and no word of a claim, is a name not read, not a
            # sentence or a code)
            latin = " ".join(_LATIN_RUN.findall(name))
            return Match(query, None, "unknown", 0.0, None, (),
                         f"written in {script} script with the Latin letters {latin!r}, and no "
                         "name-table row, transliteration or word-by-word reading gives one CosIng "
                         "name for it")
        if looks_like_prose(key):
            return Match(query, None, "unknown", 0.0, None, (),
                         "reads like a sentence, claim or code, not an ingredient name")

        species = self._species(query, key)
        if species is not None:
            return species if later is None or species.read else later

        # Family rules on a name CosIng does not list - unless the name is a clear slip
        # of a real one ("Ascobyl Palmitate" is ascorbyl palmitate, not a new ester).
        upper = " ".join(name.upper().split())
        fam = self.db.family_entry(upper)
        guess = self._local_words_guess(self._against_other_names(self._fuzzy(query, key, alternatives),
                                                                   alternatives))
        if not guess.read:
            guess = self._qualified_guess(query, name) or guess
        if fam is not None and not (guess.method == "fuzzy" and guess.confidence >= READ_CONFIDENCE):
            return Match(query, upper, "family", CONFIDENCE["family-unknown"], fam, (),
                         f"not a CosIng name, but the {fam.family} family rule recognises it")
        return guess if later is None or guess.read else later

    def _against_other_names(self, guess: Match, alternatives: tuple[str, ...]) -> Match:
        """A read guess at a misspelling, checked against the other names the label gives
        (``lewomentol (Levomenthoum)``: the name is 2 edits from LEVOMENOL, BISABOLOL, and
        its bracket a slip of LEVOMENTHOL, MENTHOL): when one of them reads as another
        substance, the guess is only a possibility."""
        if not guess.read or guess.method != "fuzzy" or guess.inci is None or not alternatives:
            return guess
        own = set(normalize(guess.query).split())
        for alt in alternatives:
            if own & set(normalize(alt).split()):
                continue  # (a reading of the name's own words: ``Bark Extract`` of ``X (Bark) Extract``)
            other = self._named(alt, ())
            inci = other[0] if other is not None else None
            if inci is None:
                key = normalize(alt)
                fuzzy = self._fuzzy(alt, key, ()) if key else None
                inci = fuzzy.inci if fuzzy is not None and fuzzy.read else self._table_slip(key)
            if inci is not None and not self._one_substance(guess.inci, inci):
                return replace(guess, confidence=min(guess.confidence, REWRITE_CONFIDENCE),
                               reason=f"{guess.reason}; but the label also calls it {alt!r}, which reads "
                                      f"as {inci}: only a possibility")
        return guess

    def _qualified_guess(self, query: str, name: str) -> Match | None:
        """A misspelling of a name with a qualifier word before or after it (``Organic
        Copernica Cerifera Wax``): the rest guessed alone, when the whole is too far."""
        for said, rest in _without_qualifiers(name):
            key = normalize(rest)
            guess = self._fuzzy(query, key, ()) if key else None
            if guess is not None and guess.read:
                return replace(guess, reason=f"read without {said!r}, a word labels add that is not "
                                             f"part of the name: {guess.reason}")
        return None

    def _local_words_guess(self, guess: Match) -> Match:
        """A read guess at a misspelling of a name made only of words of the packs'
        translation tables that no known name has (``eucalipto``, Italian for the plant, is
        2 edits from EUCALYPTOL): a local name is no slip of an English one, so the guess is
        only a possibility."""
        if not guess.read or guess.method != "fuzzy" or guess.inci is None:
            return guess
        from ingredients._parse.names import foreign_word

        words = _LETTERS.findall(normalize(guess.query))
        if not words or not all(foreign_word(w) for w in words):
            return guess
        return replace(guess, confidence=min(guess.confidence, REWRITE_CONFIDENCE),
                       reason=f"{guess.reason}; but {guess.query!r} is written in the words of another "
                              "language, not a slip of an English name: only a possibility")

    def _table_slip(self, key: str) -> str | None:
        """The CosIng name of the one Latin-script name-table row ``key`` is a slip of
        (``LEVOMENTHOUM``: LEVOMENTHOLUM, MENTHOL), else None; only to check a guess
        against a label's other name, never to read a name."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        allowed = allowed_edits(len(key))
        if not allowed:
            return None
        if self._latin_table_keys is None:
            self._latin_table_keys = [k for k in name_table() if k.isascii()]
        hits = process.extract(key, self._latin_table_keys, scorer=OSA.distance, limit=None,
                               score_cutoff=allowed)
        incis = {self.db.keys.get(normalize(r.inci), (r.inci,))[0]
                 for choice, _, _ in hits for r in name_table()[choice]}
        return next(iter(incis)) if len(incis) == 1 else None

    def _translated_or(self, unread: Match, name: str, alternatives: tuple[str, ...]) -> Match:
        """A name the transliteration rule could read as several CosIng names, read word by
        word if its words name one (``하이드로제네이티드코코넛오일``: 코코넛 is not KUKUI NUT),
        else left unread with the rule's candidates."""
        translated = self._translated_reading(name, alternatives)
        if translated is not None and translated[0].known:
            return translated[0]
        return unread

    def _translated_reading(
        self, name: str, alternatives: tuple[str, ...] = ()
    ) -> tuple[Match, bool] | None:
        """``aceite de semilla de Helianthus annuus``: an INCI name translated word by word
        (:mod:`ingredients._translate`). One substance, or no answer; with whether the name
        shows another language (its words, letters, endings or word order)."""
        from ingredients._name_indexes import precomputed
        from ingredients._translate import Translator, is_cjk

        if not any(c.isalpha() for c in name):
            return None
        if not fold_accents(name).replace("ß", "ss").isascii() and not any(is_cjk(c) for c in name):
            return None  # (other scripts have no translation data; German ß is Latin)
        if self._translator is None:
            with self._lock:
                if self._translator is None:
                    vocabulary = self.db.vocabulary
                    keys = self.db.keys

                    def exact(text: str) -> str | None:
                        names = keys.get(normalize(text))
                        return names[0] if names else None

                    self._translator = Translator(
                        vocabulary, lambda n: vocabulary[n].cas if n in vocabulary else (), exact,
                        kana=self._kana_words,
                        index=precomputed("translation", vocabulary, _vocabulary_digest(self.db)),
                        known=self._known_english_name)
        if _GLUED_BRACKET.search(name) and not any(is_cjk(c) for c in name):
            return None  # (``methyl(chloro)isothiazolinonum``: the bracket is chemistry, not a gloss)
        if any(self._starts_with_joining_head(alt) for alt in alternatives):
            # ``Cloreto de X / Copolímero de Y``: the slash joins one substance's name, whose
            # head comes first in this language; the part before it alone is another substance.
            return None
        reading = self._translator.read(name)
        if reading is None and alternatives and any(is_cjk(c) for c in name):
            # ``积雪草(CENTELLA ASIATICA)提取物``: read the label's bracket-free readings of it
            # (``积雪草 提取物``, ``CENTELLA ASIATICA 提取物``); they must not disagree.
            found = [r for r in (self._translator.read(alt) for alt in alternatives) if r is not None]
            readings = {r.inci for r in found if not r.others}
            if len(readings) == 1 and all(not r.others for r in found):
                reading = found[0]
        if (reading is None or not reading.others) and alternatives and not any(is_cjk(c) for c in name):
            # ``Óleo de Coco (Cocos Nucifera)``: the bracket names the species of the last piece;
            # read so, the name is as precise as the label (``Óleo de Semente de Camélia
            # (Camellia Japonica)`` is CAMELLIA JAPONICA SEED OIL, not CAMELLIA SEED OIL).
            bracketed = self._translator.bracket_readings(name, alternatives)
            found = [r for r in map(self._translator.read, bracketed) if r is not None]
            if len(found) == 1 and not found[0].others:
                reading = found[0]
        if reading is None:
            return None
        if reading.others:
            return Match(name, None, "unknown", 0.0, None, (reading.inci, *reading.others)[:6],
                         "read as a translation, it could be any of several CosIng names, "
                         "so it is unread"), False
        langs = self._translator.language_names(reading.languages)
        swapped = ", ".join(f"{local} = {inci or 'no INCI word'}"
                            for local, inci in dict(reading.swaps).items())
        how = (f"{swapped} ({' and '.join(langs)} word rows); " if swapped else "") + (
            "the words in INCI's order and spelling")
        said = " ".join(reading.words)
        if not self.db.keys.get(normalize(said)) and self._known_english_name(said) == reading.inci:
            how += f", {said!r}, a known name for {reading.inci}"
        return self._result(
            name, reading.inci, "synonym", CONFIDENCE["translated"],
            f"{name!r} reads as a translation of the CosIng name {reading.inci}: {how}"), reading.local

    def _listed_reading(self, query: str, name: str, alternatives: tuple[str, ...]) -> Match | None:
        """A Han-script name no pack row reads, looked up in the official Chinese list (IECIC
        2021, :mod:`ingredients._name_lists`) before any rule reads it word by word: the name,
        else the label's bracket-free readings of it when they agree (``葡萄 籽油``)."""
        from ingredients._name_lists import has_han, iecic_name

        if not has_han(name):
            return None
        found = iecic_name(name)
        if found is None:
            hits = [h for h in map(iecic_name, alternatives) if h is not None]
            incis = {self.db.keys.get(normalize(h[0].inci), (h[0].inci,))[0] for h in hits}
            found = hits[0] if len(incis) == 1 else None
        if found is None:
            return None
        row, text = found
        inci = self.db.keys.get(normalize(row.inci), (row.inci,))[0]
        how = "" if normalize(text) == normalize(name) else f" (read as {text!r})"
        bare = ", written without its Latin species name" if row.kind == "stripped" else ""
        return self._result(query, inci, "synonym", CONFIDENCE["name-table"],
                            f"{name!r}{how} is the IECIC 2021 name (serial {row.serial}) of "
                            f"{inci}{bare}")

    def _kana_words(self, run: str) -> list[str]:
        """CosIng words a katakana word transliterates (``セチル`` CETYL), for names the
        translation rule cuts into words (``パルミチン酸セチル``)."""
        from ingredients._name_indexes import precomputed
        from ingredients._transliterate import consonants, english_vowels, transliteration, vowel_match

        reader = transliteration("ja")
        if reader is None:
            return []
        if self._kana_index is None:
            shipped = precomputed("ja-words", (), _vocabulary_digest(self.db))
            with self._lock:
                if self._kana_index is None:
                    self._kana_index = dict(shipped) if shipped is not None else kana_word_index(
                        self.db.vocabulary)
        keys = reader.label_keys(run)
        index = self._kana_index
        found = {w for k in keys if consonants(k) >= KANA_WORD_CONSONANTS for w in index.get(k, ())}
        # (a shorter key only for the words a transcription gives exactly its vowels: ラウリク LAURIC,
        # and ラウリル LAURYL, whose R and L are one consonant)
        short = {w for k in keys if 0 < consonants(k) < KANA_WORD_CONSONANTS for w in index.get(k, ())}
        found |= set(reader.transcribed_words(run, short))
        heard = reader.label_vowels(run)
        if len(found) > 1:  # (the one word a transcription gives exactly these vowels)
            found = set(reader.transcribed_words(run, found)) or found
        if heard and len(found) > 1:
            # Words whose vowels match the kana's best (both ways: ISOSTEARIC, not STEARIC,
            # for イソステアリク) stand; the rest, whose consonants only agree, drop out.
            score = {w: vowel_match(heard, english_vowels(w)) for w in found}
            best = max(score.values())
            found = {w for w, v in score.items() if v >= best - KANA_VOWEL_SLACK}
        return sorted(found)[:KANA_WORD_CHOICES]

    def _starts_with_joining_head(self, text: str) -> bool:
        words = text.split()
        if not words or self._translator is None:
            return False  # (only asked once the translator exists)
        rules = self._translator.rules
        if self._joining_heads is None:
            self._joining_heads = frozenset(rules.key(h) for h in label_words().joining_heads)
        return rules.key(words[0]) in self._joining_heads

    def _transliterated(self, query: str, name: str) -> Match | None:
        """A Hangul or katakana name with no row of its own, read as a transcription of its
        English INCI name by its language's transliteration rule (``_transliterate.py``).

        One substance with the name's key: read, below the confidence of a table row.
        Several: unknown, with them as candidates. None: the later stages go on.
        """
        from ingredients._name_indexes import precomputed
        from ingredients._transliterate import transliteration

        language = detect_language(name) or ""
        reader = transliteration(language)
        if reader is None:
            return None
        shipped = precomputed(language, self.db.vocabulary, _vocabulary_digest(self.db))
        if shipped is not None:
            reader.preset_index(shipped)
        reading = reader.read(name, self.db.vocabulary, self._same_substance)
        if reading.inci is None:
            if len(reading.candidates) > 1:
                return Match(query, None, "unknown", 0.0, None, reading.candidates,
                             f"{name!r} could be read by the {reader.rule.language_name} "
                             f"transliteration rule as any of {', '.join(reading.candidates)}: "
                             f"{reading.why}, so it is unread")
            return None
        inci = self._preferred(reading.inci, reading.candidates)
        rule = reader.rule.reference.split(" (")[0]
        if reading.how:  # (told apart from names with the same consonants by its vowels)
            return self._result(query, inci, "synonym", VOWEL_READING_CONFIDENCE,
                                f"{name!r} read by the {reader.rule.language_name} "
                                f"transliteration rule as {inci} ({rule}); {reading.how}")
        return self._result(query, inci, "synonym", TRANSLITERATION_CONFIDENCE,
                            f"{name!r} read by the {reader.rule.language_name} transliteration "
                            f"rule as {inci} ({rule})")

    def _one_substance(self, a: str, b: str) -> bool:
        """Two CosIng names of one substance (:meth:`_same_substance`), or one a known
        name of the other (``PARFUM``, ``FRAGRANCE``)."""
        if a == b or self._same_substance(a, b):
            return True
        return normalize(b) in self._synonym_keys(a) or normalize(a) in self._synonym_keys(b)

    def _synonym_keys(self, inci: str) -> frozenset[str]:
        """The normalised known names of ``inci`` (memoised: the database's list is a scan)."""
        keys = self._synonyms_of.get(inci)
        if keys is None:
            keys = frozenset(normalize(n) for n in self.db.synonyms_of(inci))
            self._synonyms_of[inci] = keys
        return keys

    def _transliterated_common_name(self, query: str, name: str) -> Match | None:
        """A Hangul or katakana name that no CosIng name's transcription gives, read as the
        transcription of an English name the synonym tables give for one CosIng name
        (``에탄올`` ETHANOL, a name CosDNA gives for ALCOHOL; ``비스머스옥시클로라이드``
        BISMUTH OXYCHLORIDE, CI 77163): labels transcribe the English name where INCI's is
        Latin or a colour index. Below a direct transcription's confidence."""
        from ingredients._transliterate import Transliterator, transliteration

        language = detect_language(name) or ""
        rule = transliteration(language)
        if rule is None or not rule.rule.vowel_marks:
            return None  # (only keys keeping vowel places are strict enough: コウホネ is no QUINOA)
        reader = self._common_readers.get(language)
        if reader is None:
            with self._lock:
                reader = self._common_readers.setdefault(language, Transliterator(rule.rule, rule.vowels))
        by_name = self._synonyms_by_name()

        def same(a: str, b: str) -> bool:
            x, y = by_name[a].inci, by_name[b].inci
            return x == y or self._same_substance(x, y)

        reading = reader.read(name, by_name, same)
        if reading.inci is None:
            return None
        syn = by_name[reading.inci]
        if not reader.starts_alike(name, syn.name):
            return None  # (화이트티트리 is no TEA TREE: its first sound, a vowel, left the key)
        inci = self._preferred(syn.inci, tuple(by_name[c].inci for c in reading.candidates))
        where = "a name CosDNA gives for" if syn.source == "cosdna" else "a known name for"
        return self._result(query, inci, "synonym", VOWEL_READING_CONFIDENCE,
                            f"{name!r} read by the {rule.rule.language_name} transliteration rule as "
                            f"{syn.name!r}, {where} {syn.inci} ({syn.origin})"
                            + (f"; {reading.how}" if reading.how else ""))

    def _synonyms_by_name(self) -> dict[str, _Synonym]:
        """The synonym tables' entries by their name as written, upper-cased (built once)."""
        if self._synonym_names is None:
            self._synonym_names = {" ".join(s.name.upper().split()): s for s in self.db.synonyms.values()}
        return self._synonym_names

    def _known_english_name(self, text: str) -> str | None:
        """The CosIng name an English name of the synonym tables (not CosDNA's, which are
        pointers only) stands for (SOYBEAN OIL: GLYCINE SOJA OIL), for the translator."""
        syn = self.db.synonyms.get(normalize(text))
        return None if syn is None else syn.inci

    def _part_list_reading(self, query: str, name: str) -> Match | None:
        """``스타아니스열매/씨오일``: a Korean, Japanese or Chinese name listing plant parts apart
        by slashes, as INCI does (ILLICIUM VERUM FRUIT/SEED OIL). The name with its first part
        only (``스타아니스열매오일``) is read as any name is; in that reading the first part's
        English word is replaced by the parts' words of the packs' word rows, apart by
        slashes, and the result must be one CosIng name. Every part but the first and last
        must be a word row as it is; the first ends its piece and the last starts its own."""
        from ingredients._translate import is_cjk

        pieces = name.split("/")
        if len(pieces) < 2 or not all(pieces) or not any(is_cjk(c) for c in name) or self._translator is None:
            return None
        rows = self._translator.rules.words
        head, tail = pieces[0], pieces[-1]
        first = next((head[-n:] for n in range(len(head) - 1, 0, -1) if head[-n:] in rows), None)
        last = next((tail[:n] for n in range(len(tail), 0, -1) if tail[:n] in rows), None)
        if first is None or last is None or not all(p in rows for p in pieces[1:-1]):
            return None
        single = head + tail[len(last):]
        base = self.match(single)
        if not base.read or base.inci is None:
            return None
        words = base.inci.split()
        found: set[str] = set()
        for at, word in enumerate(words):
            if word not in {r.inci for r in rows[first]}:
                continue
            for picked in product(*({r.inci for r in rows[p]} for p in (first, *pieces[1:-1], last))):
                if word != picked[0]:
                    continue
                text = " ".join([*words[:at], "/".join(picked), *words[at + 1:]])
                found.update(self.db.keys.get(normalize(text)) or ())
        if len(found) != 1:
            return None
        inci = found.pop()
        return self._result(query, inci, "synonym", min(base.confidence, CONFIDENCE["translated"]),
                            f"{name!r} lists plant parts apart by slashes, as INCI does: read as "
                            f"{single!r} ({base.inci}) with its part words "
                            f"{', '.join((first, *pieces[1:-1], last))} for the parts")

    def _same_substance(self, a: str, b: str) -> bool:
        """Two CosIng names of one substance: a shared CAS number or one risk entry."""
        from ingredients._name_lists import same_substance

        return same_substance(self.db, a, b)

    def _preferred(self, first: str, others: tuple[str, ...]) -> str:
        """Of the names of one substance, the one with a risk entry (else the first)."""
        for name in (first, *others):
            if name in self.db.entries:
                return name
        return first

    def _species(self, query: str, key: str) -> Match | None:
        """``Hamamelis Virginiana``: a plant species without the part or form used;
        ``Citrus Paradisi Extract``: a form of it without the part; ``Grapefruit Extract``,
        ``Calendula``: the same by the species' common name (:meth:`_common_names`).

        The answer is about the species: when every rated CosIng name of it (of that form,
        when one is named) is rated alike, that rating is used (a guess, and said so);
        otherwise it is unread, with the species' CosIng names as candidates.
        """
        words = key.split()
        if not 1 <= len(words) <= 4 or not all(w.isalpha() and len(w) >= 3 for w in words):
            return None
        from ingredients._languages import label_words

        form = words[-1] if words[-1].lower() in label_words().name_ends else None
        head = words[:-1] if form else words
        common = self._common_names().get(" ".join(head))
        if common is not None:
            head = common.split()
        if not 2 <= len(head) <= 3 or not _species_words(head):
            return None  # (``Almond Oil``: a part is named, so this is no species)
        if self._names_sorted is None:
            with self._lock:
                if self._names_sorted is None:
                    self._names_sorted = sorted(self.db.vocabulary)
        names_sorted = self._names_sorted
        species = " ".join(head)
        prefix = species + " "
        at = bisect_left(names_sorted, prefix)
        names: list[str] = []
        while at < len(names_sorted) and names_sorted[at].startswith(prefix):
            if form is None or names_sorted[at].endswith(" " + form):
                names.append(names_sorted[at])
            at += 1
        if len(names) < (1 if form else 2):
            return None
        title = species.capitalize()
        if form is None:
            what = (f"a preparation of {title}, part not stated "
                    f"(CosIng lists {len(names)} parts and forms of it)")
        else:
            low = form.lower()
            listed = f"one {low} of it, {names[0]}" if len(names) == 1 else f"{len(names)} {low}s of it"
            article = "an" if form[0] in _VOWELS else "a"
            what = f"{article} {low} of {title}, part not stated (CosIng lists {listed})"
        if common is not None:
            said = " ".join(w.capitalize() for w in words[:len(words) - (form is not None)])
            what = f"{said} is the common name of {title} (data/synonyms.yaml); {what}"
        rated = [(n, e) for n in names if (e := self.db.entries.get(n)) is not None]
        ratings = {(e.comedogenic_range, e.occlusivity) for _, e in rated}
        if rated and len(ratings) == 1:
            first, entry = rated[0]
            return Match(query, first, "family", SPECIES_CONFIDENCE, entry,
                         tuple(n for n in names if n != first)[:6],
                         f"{what}; "
                         + (f"every rated one ({', '.join(n for n, _ in rated)}) is rated alike"
                            if len(rated) > 1 else f"the only rated one is {first}")
                         + ", so that rating stands for the species, as a guess")
        why = "their ratings differ" if rated else "none of them is rated"
        return Match(query, None, "unknown", 0.0, None, tuple(names[:6]), f"{what}; {why}, so it is unread")

    def _common_names(self) -> dict[str, str]:
        """Common plant names and the one species each names, as the curated label names of
        ``synonyms.yaml`` pair them (``Yarrow Flower Extract`` is ACHILLEA MILLEFOLIUM FLOWER
        EXTRACT, so Yarrow is Achillea millefolium); a name paired with two species is left
        out, and so is a genus written alone when CosIng lists other species of it (Acacia)."""
        if self._common_species is None:
            with self._lock:
                if self._common_species is None:
                    found: dict[str, set[str]] = {}
                    for syn in self.db.synonyms.values():
                        if syn.source != "inci-common-names":
                            continue
                        mine, theirs = normalize(syn.name).split(), syn.inci.split()
                        k = 0
                        while k < min(len(mine), len(theirs)) - 1 and mine[-1 - k] == theirs[-1 - k]:
                            k += 1
                        common, species = mine[:len(mine) - k], theirs[:len(theirs) - k]
                        if (k and 2 <= len(species) <= 3 and _species_words(species)
                                and _species_words(common) and not self._lookup(" ".join(common))):
                            found.setdefault(" ".join(common), set()).add(" ".join(species))
                    one = {c: next(iter(s)) for c, s in found.items() if len(s) == 1}
                    self._common_species = {
                        c: s for c, s in one.items()
                        if not (c == s.split()[0] and _other_species(c, s, self.db.vocabulary))}
        return self._common_species

    def _fuzzy(self, query: str, key: str, alternatives: tuple[str, ...]) -> Match:
        # OCR slips first: one reading with the usual confusions undone may be exact.
        for fixed in _ocr_readings(" ".join(query.upper().split())):
            hit = self._lookup(fixed)
            if hit is not None:
                return self._result(query, hit[0], "fuzzy", OCR_CONFIDENCE,
                                    f"read as {fixed!r} (a common OCR or typing slip): {hit[3]}")
        if key.isalpha() and len(key) >= 8:
            # "Hexadecanol": a chemical name written without its locant 1- ("1-Hexadecanol")
            hit = self._lookup("1-" + key)
            if hit is not None:
                return self._result(query, hit[0], "fuzzy", OCR_CONFIDENCE,
                                    f"read as '1-{query}' (the locant left out): {hit[3]}")
        from rapidfuzz import process  # imported on first guess: most runs never guess
        from rapidfuzz.distance import OSA, Indel

        keys, lengths, targets = self._index()
        n = len(key)
        allowed = allowed_edits(n)
        if allowed == 0:
            return Match(query, None, "unknown", 0.0, None, (),
                         "too short to guess a misspelling safely")
        # Edit distance with transpositions (OSA), over names within reach by length.
        # Indel distance (insertions and deletions only) is at most twice the OSA
        # distance and much cheaper, so it picks the candidates without missing any.
        lo = bisect_left(lengths, n - allowed - 1)
        hi = bisect_right(lengths, n + allowed + 1)
        hits = process.extract(key, keys[lo:hi], scorer=Indel.distance, limit=None,
                               score_cutoff=2 * (allowed + 1))
        # A name made only of words the vocabulary uses is no misspelling of a name with
        # other words: it is another name (``Almond Oil`` is not ``SALMON OIL``), or a word
        # of names that is none by itself (the genus ``Echinacea`` is not ECHINACIN, the
        # pharmacopoeia's ``saccharum``, sucrose, not SACCHARIN).
        words = _LETTERS.findall(key)
        real = bool(words) and all(len(w) >= 3 and w in self._vocabulary_words for w in words)
        best: dict[str, int] = {}
        chosen: dict[str, str] = {}
        for choice, _, idx in hits:
            if real and not (_one_word(key, choice, vowels=False) if key == words[0]
                             else _keeps_words(words, choice, self._vocabulary_words)):
                continue
            inci = targets[lo + idx]
            dist = int(OSA.distance(key, choice))
            if dist > allowed + 1 or not numbers_agree(key, choice):
                continue
            if inci not in best or dist < best[inci]:
                best[inci], chosen[inci] = dist, choice
        ranked = sorted(best.items(), key=lambda kv: (kv[1], kv[0]))
        if not ranked or ranked[0][1] > allowed:
            why = ("no name in the vocabulary is close enough" if not ranked else
                   f"closest is {ranked[0][0]} ({ranked[0][1]} edits; at most {allowed} allowed "
                   f"for a name of {n} characters)")
            return Match(query, None, "unknown", 0.0, None, tuple(i for i, _ in ranked[:3]), why)
        inci, dist = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else allowed + 2
        confidence = FUZZY_MAX_CONFIDENCE - 0.08 * (dist - 1) - (0.08 if n <= SHORT_NAME else 0.0)
        reason = f"{dist} edit{'s' if dist > 1 else ''} from {inci}"
        if runner <= dist:
            confidence = min(confidence, TIE_CONFIDENCE)
            reason += f", and {ranked[1][0]} is as close: low confidence"
        elif runner == dist + 1:
            confidence -= 0.1
            reason += f"; next closest {ranked[1][0]} ({runner} edits)"
        rewritten = _rewritten_word(words, chosen[inci])
        if rewritten is not None:
            confidence = min(confidence, REWRITE_CONFIDENCE)
            reason += (f"; but that changes {rewritten[1]} of the {len(rewritten[0])} letters of "
                       f"{rewritten[0].title()!r}, so it may be another word: only a possibility")
        return self._result(query, inci, "fuzzy", round(confidence, 3), reason,
                            tuple(i for i, _ in ranked[1:4]))


def _without_qualifiers(name: str) -> Iterator[tuple[str, str]]:
    """``(qualifier word as written, the rest)`` for each of the packs' ``name_qualifiers``
    that starts or ends ``name`` (``Organic Glycerin``: ``Organic``, ``Glycerin``)."""
    text = " ".join(name.split())
    low = text.lower()
    for word in _qualifiers():
        if low.startswith(word + " "):
            said, rest = text[: len(word)], text[len(word):]
        elif low.endswith(" " + word):
            said, rest = text[-len(word):], text[: -len(word)]
        else:
            continue
        rest = rest.strip(" -,")
        if rest:
            yield said, rest


@lru_cache(maxsize=1)
def _qualifiers() -> tuple[str, ...]:
    """The packs' ``name_qualifiers``, longest first (``certified organic`` before
    ``organic``)."""
    from ingredients._languages import label_words

    return tuple(sorted(label_words().name_qualifiers, key=len, reverse=True))


def kana_word_index(vocabulary: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Japanese transliteration key -> the CosIng words (four letters or more) with it."""
    from ingredients._transliterate import transliteration

    reader = transliteration("ja")
    index: dict[str, set[str]] = {}
    if reader is None:
        return {}
    for word in {w for n in vocabulary for w in _LETTERS.findall(n)}:
        if len(word) >= KANA_WORD_LETTERS:
            for k in reader.vocabulary_keys(word):
                index.setdefault(k, set()).add(word)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def _vocabulary_digest(db: Database) -> str:
    return str(getattr(db.vocabulary, "digest", ""))


def allowed_edits(n: int) -> int:
    """How many edits a misspelling of an ``n``-character name may contain."""
    if n < 5:
        return 0
    if n <= 8:
        return 1
    if n <= 13:
        return 2
    if n <= 20:
        return 3
    return min(5, n // 7)


# Confusions of OCR and hurried typing, undone one kind at a time.
_OCR_PAIRS = (("RN", "M"), ("M", "RN"), ("VV", "W"), ("CL", "D"), ("0", "O"), ("1", "L"), ("1", "I"),
              ("L", "I"), ("I", "L"), ("5", "S"), ("8", "B"))


def _ocr_readings(key: str) -> list[str]:
    out = []
    for wrong, right in _OCR_PAIRS:
        if wrong in key:
            out.append(key.replace(wrong, right))
    return out


_matchers: dict[int, tuple[Database, Matcher]] = {}
_matchers_lock = threading.Lock()


def matcher_for(db: Database | None = None) -> Matcher:
    """The (cached) matcher of a database; the default database when None."""
    db = db or default_database()
    held = _matchers.get(id(db))
    if held is None or held[0] is not db:
        with _matchers_lock:
            held = _matchers.get(id(db))
            if held is None or held[0] is not db:
                if len(_matchers) > 16:
                    _matchers.clear()
                held = (db, Matcher(db))
                _matchers[id(db)] = held
    return held[1]


def match(name_or_ingredient: str | Ingredient, *, db: Database | None = None) -> Match:
    """Recognise one label name (or parsed :class:`Ingredient`) as a CosIng ingredient."""
    m = matcher_for(db)
    if isinstance(name_or_ingredient, Ingredient):
        return m.match(name_or_ingredient.name, name_or_ingredient.alternatives)
    return m.match(name_or_ingredient)


def match_many(
    names: Iterable[str | Ingredient], *, db: Database | None = None
) -> list[Match]:
    """Recognise many names at once; repeated names are decided once."""
    m = matcher_for(db)
    out = []
    for item in names:
        if isinstance(item, Ingredient):
            out.append(m.match(item.name, item.alternatives))
        else:
            out.append(m.match(item))
    return out
