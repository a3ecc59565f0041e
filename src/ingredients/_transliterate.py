"""Transliteration: read a Korean or Japanese phonetic spelling of an INCI name.

Korean labels (KCIA standard names) and Japanese labels (JCIA labelling names)
write most INCI names as a phonetic transcription of the English name:
``헥실신남알`` is HEXYL CINNAMAL, ``ジメチコン`` DIMETHICONE. Both sides are reduced
to the same phonetic *key* and compared:

1. the label name, letter by letter, through its pack's ``transliteration.letters``
   table (Hangul is first decomposed into its jamo; the table gives initial and
   final consonants apart), Latin runs in it (``PEG-9``) through the English rules,
   and native words at its end (``추출물`` = EXTRACT) through ``words``;
2. every CosIng name through the English spelling rules of ``root.yaml``
   (``transliteration.spelling``), with the pack's own rules first
   (``ジ`` is written for *di* in Japanese chemistry); short words also read
   letter by letter (``PEG`` as ``피이지``) through the pack's ``letter_names``;
3. both symbol strings then go through the same steps: a consonant of the
   ``weak`` classes that no vowel follows is dropped (``알코올``, ``アルコール``
   and ALCOHOL agree), vowels are dropped, repeated consonants are one, and
   each number is kept whole, so numbers must agree (PEG-7 is not PEG-8).

A name is read when its key is at least ``min_key`` consonants long and belongs
to one substance only (names sharing a CAS number or a risk entry count as one).
All language knowledge is in the packs; this module only applies it. The
index of the vocabulary's keys is built once per language, on the first
Hangul or kana name that reaches this stage.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Reading",
    "Rule",
    "Transliteration",
    "Transliterator",
    "consonants",
    "english_vowels",
    "has_phonetic_script",
    "range_first",
    "spelled_vowels",
    "transcribed_vowels",
    "transliteration",
    "validate_transliteration",
    "vowel_fit",
    "vowel_match",
]

VOWEL = "V"
"""The symbol of a vowel in the letter tables (dropped from keys, but a weak
consonant before one is kept)."""
NUMBER = "#"
_DIGITS = re.compile(r"\d+")
_LATIN = re.compile(r"[A-Za-z]+")
MAX_READINGS = 16
MIN_HEAD = 2
"""A native word is read off the end of a name only when this many letters stay before it
(``고수추출물`` is no transcription with 수 = WATER after 고)."""
VOWEL_KEY = 3
"""A key shorter than the rule's ``min_key`` but this long is read only by its vowels."""
VOWEL_FIT = 0.8
VOWEL_MARGIN = 0.25
"""Names sharing a key are told apart by their vowels only when one fits the label's
vowels this well (a share of its own vowels heard in order) and this much better than
any other."""
_HANGUL_FIRST, _HANGUL_LAST = "\uac00", "\ud7a3"
"""At most this many keys per name (letter-by-letter readings multiply)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One English spelling rule: a run of letters and the key symbols it stands for."""

    spell: str
    key: str
    """Consonant classes, ``V`` for a vowel; empty for a silent letter."""
    before: str | None = None
    """Applies only when the next letter is one of these (``C`` before ``EIY``)."""
    word_start: bool = False
    """Applies only at the start of a word (``X`` of XANTHAN)."""
    word_end: bool = False
    """Applies only at the end of a word (a final ``R`` is silent)."""
    optional: bool = False
    """The language writes the letters either way: a CosIng word is read both with this
    rule and with the next fitting one (``R`` before a consonant: 카보머, 카르노신)."""


@dataclass(frozen=True, slots=True)
class Transliteration:
    """The transliteration rule of one language, merged with root's English side."""

    language: str
    language_name: str
    reference: str
    """The orthography the rule follows, as its source names it."""
    spelling: tuple[Rule, ...]
    """English spelling rules, the language's own first (first fitting rule wins)."""
    classes: frozenset[str]
    weak: frozenset[str]
    min_key: int
    vowel_marks: bool
    """Keys keep where vowels stand (as one ``V`` per run): for a script that writes no
    vowel it did not hear (Hangul's epenthetic ㅡ is read as none)."""
    letters: Mapping[str, str]
    initials: Mapping[str, str]
    finals: Mapping[str, str]
    letter_names: Mapping[str, str]
    """Latin letter -> how the language spells its name (``P`` -> ``피``)."""
    acronym_letters: int
    """Words of at most this many letters are also read letter by letter."""
    words: Mapping[str, tuple[str, ...]]
    """Native word (read at the end of a name) -> the English words it may stand for."""
    vowel_letters: Mapping[str, str] = field(default_factory=dict)
    """Kana or vowel jamo -> the vowel (a, e, i, o, u) it is heard with: when names share a
    key, the one whose vowels fit the label's best is read (``レシチン`` LECITHIN, not ELASTIN)."""
    vowel_modifiers: Mapping[str, str] = field(default_factory=dict)
    """Small kana that give the kana before them their vowel (``シャ`` is sha)."""
    vowel_pairs: Mapping[str, str] = field(default_factory=dict)
    """Two Hangul syllables whose vowels write one English vowel letter (``에이`` is the
    diphthong [ei], which English spells ``a``: 카프릴레이트 CAPRYLATE); used only by the
    exact-vowel tie-break (:meth:`Transliterator._transcribed`)."""
    epenthetic_vowels: Mapping[str, str] = field(default_factory=dict)
    """English consonant -> the vowel the script writes after it when English has none
    (``L`` -> ``u``: ALKYL is アルキル); a consonant not listed is written with none (``N``, ン)."""


@dataclass(frozen=True, slots=True)
class Reading:
    """The outcome of reading one name by a transliteration rule."""

    key: str
    """The label name's phonetic key (the first, when it has several)."""
    inci: str | None
    """The one CosIng name it reads as, or None."""
    candidates: tuple[str, ...]
    """Different ingredients that share the key (when more than one: no reading)."""
    why: str
    """Why there is no reading (empty when there is one)."""
    how: str = ""
    """How a reading was chosen among names sharing the key (empty when it was alone)."""


def english_vowels(name: str) -> str:
    """The vowel letters of an English name in order (``Y`` as ``i``; a word's silent final
    ``E`` after a consonant dropped)."""
    out: list[str] = []
    for word in re.findall(r"[A-Za-z]+", name.upper()):
        silent = len(word) > 2 and word.endswith("E") and word[-2] not in "AEIOUY"
        out += ["i" if c == "Y" else c.lower() for c in (word[:-1] if silent else word) if c in "AEIOUY"]
    return "".join(out)


def spelled_vowels(word: str, rules: Mapping[str, Sequence[Rule]]) -> str:
    """The vowels of one English word as :func:`english_vowels` reads them, but through the
    spelling rules the word's key is read by (filed by first letter, as
    :func:`_english_symbols` takes them): the vowel letters a rule spells are heard only
    when its key holds a vowel (``ZED`` -> ``SD``: the E of HYDROLYZED is unheard, 하이드롤라이즈드;
    root's final ``E`` -> nothing: the E of STEARATE)."""
    upper = word.upper()
    out: list[str] = []
    i = 0
    while i < len(upper):
        for rule in rules.get(upper[i], ()):
            end = i + len(rule.spell)
            if (not upper.startswith(rule.spell, i) or (rule.word_start and i != 0)
                    or (rule.word_end and end != len(upper))
                    or (rule.before is not None and (end >= len(upper) or upper[end] not in rule.before))):
                continue
            if VOWEL in rule.key or (rule.spell == "E" and (len(upper) <= 2 or upper[i - 1] in "AEIOUY")):
                # (a final e is silent only after a consonant, as english_vowels reads it: ALOE)
                out += ["i" if c == "Y" else c.lower() for c in rule.spell if c in "AEIOUY"]
            i = end
            break
        else:
            if upper[i] in "AEIOUY":
                out.append("i" if upper[i] == "Y" else upper[i].lower())
            i += 1
    return "".join(out)


def transcribed_vowels(name: str, epenthetic: Mapping[str, str]) -> str:
    """The vowels a kana transcription of an English name is heard with: the name's own
    vowels as :func:`english_vowels` reads them (a doubled vowel once), and after each
    consonant no vowel follows, the vowel the script writes there (``epenthetic``; none
    after a doubled consonant, nor after the first letter of ``CH``, ``PH``, ``SH``, ``TH``,
    ``GH``, whose ``H`` stands for the pair). ALKYL is ``auiu``, as アルキル."""
    if not epenthetic:
        return ""
    vowels = "AEIOUY"
    out: list[str] = []
    for word in re.findall(r"[A-Za-z]+", name.upper()):
        silent = len(word) > 2 and word.endswith("E") and word[-2] not in vowels
        letters = word[:-1] if silent else word
        for i, c in enumerate(letters):
            before = letters[i - 1] if i else ""
            after = letters[i + 1] if i + 1 < len(letters) else ""
            if c in vowels and not (c == "Y" and after in tuple("AEIOU")):
                vowel = "i" if c == "Y" else c.lower()
                if not (before == c and out and out[-1] == vowel):
                    out.append(vowel)
            elif (after and after in vowels) or after == c or (after == "H" and c in "CPSTG") or (
                    c == "H" and (not before or before in vowels)):
                continue  # a vowel follows; a doubled letter; ch, ph, sh, th; a silent h
            else:
                out.append(epenthetic.get(c, ""))
    return "".join(out)


def vowel_fit(heard: str, english: str) -> float:
    """How much of ``english`` is heard in order in ``heard`` (scripts add vowels: プ is pu)."""
    if not english:
        return 0.0
    import difflib

    blocks = difflib.SequenceMatcher(None, heard, english, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(english)


def vowel_match(heard: str, english: str) -> float:
    """How alike two vowel strings are, both ways (0 to 1: difflib's ratio)."""
    import difflib

    return difflib.SequenceMatcher(None, heard, english, autojunk=False).ratio()


_KANA_WITH_RANGE = re.compile(r"([\u30a0-\u30ff]+)\((C\d+(?:-\d+)?)\)")
"""A kana word with a carbon range in brackets after it: ``アルキル(C12-15)``."""


def range_first(text: str) -> str:
    """A carbon range written after the kana word it counts (JCIA: ``安息香酸アルキル(C12-15)``
    is C12-15 ALKYL BENZOATE), put before it as INCI writes it (``安息香酸C12-15アルキル``)."""
    return _KANA_WITH_RANGE.sub(r"\2\1", text)


def has_phonetic_script(text: str) -> bool:
    """True when ``text`` holds Hangul or katakana, the scripts this stage reads."""
    for ch in text:
        if ch.isascii():
            continue
        if "\uac00" <= ch <= "\ud7a3" or "\u30a0" <= ch <= "\u30ff" or "\u3130" <= ch <= "\u318f":
            return True
        if "\uff66" <= ch <= "\uff9f":  # half-width katakana
            return True
    return False


# --------------------------------------------------------------------------- keys


def _english_symbols(text: str, rules: Mapping[str, Sequence[Rule]], vowels: str) -> list[str]:
    """Key symbols of English spelling: word by word, letters through the rules (filed
    by their first letter, in order)."""
    out: list[str] = []
    for token in re.findall(r"[A-Za-z]+|\d+", text):
        if token.isdigit():
            out.append(NUMBER + token)
            continue
        word = token.upper()
        i = 0
        while i < len(word):
            for rule in rules.get(word[i], ()):
                if not word.startswith(rule.spell, i):
                    continue
                end = i + len(rule.spell)
                if rule.word_start and i != 0:
                    continue
                if rule.word_end and end != len(word):
                    continue
                if rule.before is not None and (end >= len(word) or word[end] not in rule.before):
                    continue
                out.extend(rule.key)
                i = end
                break
            else:
                out.append(VOWEL if word[i] in vowels else "")
                i += 1
    return out


def _key(symbols: Iterable[str], weak: frozenset[str], marks: bool = False) -> str:
    """The key of a symbol string: weak consonants before no vowel dropped, numbers kept
    whole, and then either (``marks``) each run of vowels kept as one ``V`` (none at
    the ends) and a doubled consonant made one, or vowels dropped and every repeated
    consonant made one."""
    seq = [s for s in symbols if s]
    kept: list[str] = []
    for i, sym in enumerate(seq):
        if sym in weak:
            after = seq[i + 1] if i + 1 < len(seq) else None
            if after is not None and after != VOWEL:
                continue
        kept.append(sym)
    out: list[str] = []
    for sym in kept:
        if sym == VOWEL and not marks:
            continue
        if out and sym == out[-1] and not sym.startswith(NUMBER):
            continue
        out.append(sym)
    if marks:
        while out and out[0] == VOWEL:
            out.pop(0)
        while out and out[-1] == VOWEL:
            out.pop()
    return "".join(out)


def consonants(key: str) -> int:
    """How many consonant symbols a key holds (its numbers not counted)."""
    return len(_DIGITS.sub("", key).replace(NUMBER, "").replace(VOWEL, ""))


def key_size(key: str) -> int:
    """A key's length as ``min_key`` counts it: its consonants, and each number as one (the
    number must agree too: ``피이지-32`` has two consonants, but only PEG-32 has its key)."""
    return consonants(key) + key.count(NUMBER)


def _unheard(token: str, reading: Sequence[str]) -> bool:
    """True for a word of two letters or more read as no consonant (WHEY; HAIR as spelled):
    at a name's start or end its vowels leave the key, which would then be that of the
    name without it (``하이드롤라이즈드`` alone is no HYDROLYZED WHEY, ``오이추출물`` no HAIR
    EXTRACT), so a vocabulary name read so gets no key that way."""
    return len(token) >= 2 and token.isalpha() and all(sym in ("", VOWEL) for sym in reading)


class _Unreadable(ValueError):
    """A letter no table of the rule reads (a kanji, a Hangul word's letter left out):
    the name is not read at all, rather than read without it."""


class Transliterator:
    """Reads names of one language; indexes the vocabulary once, on first use."""

    def __init__(self, rule: Transliteration, vowels: str) -> None:
        self.rule = rule
        self.vowels = vowels
        self._index: dict[str, frozenset[str]] | None = None
        self._lock = threading.Lock()
        self._by_letter: dict[str, list[Rule]] = {}
        self._by_letter_optional: dict[str, list[Rule]] = {}
        for spelling in rule.spelling:
            if not spelling.optional:
                self._by_letter.setdefault(spelling.spell[:1], []).append(spelling)
            self._by_letter_optional.setdefault(spelling.spell[:1], []).append(spelling)
        if not any(s.optional for s in rule.spelling):
            self._by_letter_optional = {}
        self._words: dict[str, list[list[str]]] = {}
        self._pairs = _pair_patterns(rule.vowel_pairs)

    # -- the label side
    def _label_symbols(self, text: str) -> list[list[str]]:
        """Key symbols of a label name, one list per reading of its native words."""
        text = range_first(unicodedata.normalize("NFKC", text))
        text = "".join(text.split())
        tails: list[list[str]] = [[]]
        words = sorted(self.rule.words, key=len, reverse=True)
        peeled = True
        while peeled:
            peeled = False
            for word in words:
                if len(text) >= len(word) + MIN_HEAD and text.endswith(word):
                    english = self.rule.words[word]
                    tails = [self.english(e) + t for e in english for t in tails][:MAX_READINGS]
                    text = text[: -len(word)]
                    peeled = True
                    break
        head = self._script_symbols(text)
        return [head + t for t in tails]

    def _script_symbols(self, text: str) -> list[str]:
        out: list[str] = []
        for run in re.findall(r"[A-Za-z]+|[^A-Za-z]+", text):
            if _LATIN.fullmatch(run):
                out.extend(self.english(run))
                continue
            # Hangul syllables are taken apart into their jamo; kana stay whole (taken apart,
            # プ would be フ and a sound mark the letter table does not hold).
            spelled = "".join(unicodedata.normalize("NFD", ch) if _HANGUL_FIRST <= ch <= _HANGUL_LAST
                              else ch for ch in run)
            for piece in re.findall(r"\d+|\D+", spelled):
                if piece.isdigit():
                    out.append(NUMBER + piece)
                else:
                    out.extend(sym for ch in piece for sym in self._letter(ch))
        return out

    def _letter(self, ch: str) -> str:
        name = unicodedata.name(ch, "")
        if ch.isalpha() and ch not in self.rule.letters and not name.startswith("HANGUL "):
            raise _Unreadable(ch)
        for prefix, table in (("HANGUL CHOSEONG ", self.rule.initials),
                              ("HANGUL JUNGSEONG ", self.rule.letters),
                              ("HANGUL JONGSEONG ", self.rule.finals)):
            if name.startswith(prefix):
                try:
                    letter = unicodedata.lookup("HANGUL LETTER " + name[len(prefix):])
                except KeyError:
                    return ""
                if table is self.rule.finals and self.rule.finals and letter not in table:
                    raise _Unreadable(ch)  # (a final the orthography never writes: a native word)
                return table.get(letter, "")
        return self.rule.letters.get(ch, "")

    def english(self, text: str) -> list[str]:
        """Key symbols of English (or Latin-letter) text by the rule's spelling rules."""
        return _english_symbols(text, self._by_letter, self.vowels)

    def label_keys(self, text: str) -> list[str]:
        """The keys of a label name (more than one when a native word has two meanings);
        none when it holds a letter the rule cannot read."""
        try:
            readings = self._label_symbols(text)
        except _Unreadable:
            return []
        return list(dict.fromkeys(_key(s, self.rule.weak, self.rule.vowel_marks) for s in readings))

    def starts_alike(self, text: str, english: str) -> bool:
        """Whether a label name and an English name both start with a vowel sound or both
        with a consonant: keys drop a leading vowel, so ``화이트티트리`` (white tea tree) and
        TEA TREE share one, though the label starts with a sound the name lacks."""
        try:
            label = next((s for s in self._label_symbols(text)[0] if s), "")
        except _Unreadable:
            return False
        name = next((s for s in self.english(english) if s), "")
        return (label == VOWEL) == (name == VOWEL)

    # -- the vocabulary side
    def vocabulary_keys(self, name: str) -> list[str]:
        """The keys of a CosIng name: as spelled, and with its short words read letter by
        letter (``PEG`` as the language says P, E, G)."""
        tokens = re.findall(r"[A-Za-z]+|\d+", name)
        parts = [self._word_readings(token) for token in tokens]
        ends = {0, len(tokens) - 1}
        keys: list[str] = []
        for combo in itertools.islice(itertools.product(*parts), MAX_READINGS):
            if any(_unheard(tokens[i], combo[i]) for i in ends if tokens):
                continue
            keys.append(_key([s for part in combo for s in part], self.rule.weak, self.rule.vowel_marks))
        return list(dict.fromkeys(keys))

    def _word_readings(self, token: str) -> list[list[str]]:
        """A word's symbols as spelled, and read letter by letter when it is short
        (remembered: the vocabulary repeats its words)."""
        found = self._words.get(token)
        if found is None:
            spelled = self.english(token)
            found = [spelled]
            if self._by_letter_optional:
                other = _english_symbols(token, self._by_letter_optional, self.vowels)
                if other != spelled:
                    found.append(other)
            said_as = self._letter_names(token)
            if said_as:
                said = self._script_symbols(said_as)
                if said != spelled:
                    found.append(said)
            self._words[token] = found
        return found

    def _letter_names(self, token: str) -> str:
        """A short word spelled out by the language's names of its letters (``DNA`` as
        ``디엔에이``), or empty when it is no word the rule reads letter by letter."""
        upper = token.upper()
        if (token.isalpha() and len(token) <= self.rule.acronym_letters
                and all(c in self.rule.letter_names for c in upper)):
            return "".join(self.rule.letter_names[c] for c in upper)
        return ""

    def name_vowels(self, name: str, keys: Iterable[str], paired: bool = False) -> list[str]:
        """The vowels a CosIng name is heard with, one string per reading of its words that
        gives one of ``keys`` (the label's): a word read as spelled by :func:`spelled_vowels`
        (by the rules every word is read by: a plural an optional rule leaves unwritten is
        still heard with its vowels, so GLYCERYL STEARATES stays apart from GLYCERYL STEARATE),
        a word read letter by letter by the vowels of its letters' names, as the label's are
        read (``DNA`` as 디엔에이, i-e-e-i, or with ``paired`` i-e-a). The name as spelled
        when no reading gives one of the keys."""
        wanted = set(keys)
        parts: list[list[tuple[list[str], str]]] = []
        for token in re.findall(r"[A-Za-z]+|\d+", name):
            said_as = self._letter_names(token)
            said = self._script_symbols(said_as) if said_as else None
            parts.append([(symbols, self.label_vowels(said_as, paired) if symbols == said
                           else spelled_vowels(token, self._by_letter))
                          for symbols in self._word_readings(token)])
        found = [("".join(v for _, v in combo))
                 for combo in itertools.islice(itertools.product(*parts), MAX_READINGS)
                 if _key([s for symbols, _ in combo for s in symbols], self.rule.weak,
                         self.rule.vowel_marks) in wanted]
        return list(dict.fromkeys(found)) or ["".join(
            spelled_vowels(t, self._by_letter) for t in re.findall(r"[A-Za-z]+", name))]

    def preset_index(self, index: Mapping[str, Iterable[str]]) -> None:
        """Use an index computed beforehand (``make data``: :mod:`ingredients._name_indexes`)."""
        with self._lock:
            if self._index is None:
                self._index = {k: frozenset(v) for k, v in index.items()}

    def index(self, vocabulary: Iterable[str]) -> Mapping[str, frozenset[str]]:
        """Key -> the CosIng names with that key (built once, thread-safe)."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    found: dict[str, set[str]] = {}
                    for name in vocabulary:
                        for key in self.vocabulary_keys(name):
                            found.setdefault(key, set()).add(name)
                    self._index = {k: frozenset(v) for k, v in found.items()}
        return self._index

    def read(self, text: str, vocabulary: Iterable[str],
             same: Callable[[str, str], bool] | None = None) -> Reading:
        """Read one label name: the one CosIng name its key points at, if any.

        ``same(a, b)`` says whether two CosIng names are one substance (then they count
        as one answer); by default only equal names are.
        """
        keys = self.label_keys(text)
        if not keys:
            return Reading("", None, (), "it holds a letter the rule cannot read (a native word)")
        index = self.index(vocabulary)
        first = keys[0]
        long_keys = [k for k in keys if key_size(k) >= self.rule.min_key]
        by_vowels = False
        if not long_keys and self.rule.vowel_letters:
            # A short key is read only where the vowels, too, point at one name.
            long_keys = [k for k in keys if consonants(k) >= VOWEL_KEY]
            by_vowels = True
        if not long_keys:
            return Reading(first, None, (), f"its key {first!r} is too short to read safely "
                                            f"(at least {self.rule.min_key} consonants)")
        names: set[str] = set()
        for key in long_keys:
            names |= index.get(key, frozenset())
        if not names:
            return Reading(first, None, (), "no CosIng name has its key")
        groups: list[list[str]] = []
        for name in sorted(names):
            for group in groups:
                if same is not None and any(same(name, other) for other in group):
                    group.append(name)
                    break
            else:
                groups.append([name])
        if len(groups) > 1:
            groups = self._latin_agrees(text, groups) or groups
        if len(groups) > 1 or by_vowels:
            best = self._best_vowels(text, groups, long_keys)
            if best is not None:
                how = (f"of {len(groups)} ingredients with its consonants, its vowels fit "
                       f"{best[0]} best" if len(groups) > 1 else
                       f"its key is short, but its vowels, too, are those of {best[0]}")
                return Reading(first, best[0], tuple(best[1:]), "", how)
            return Reading(first, None, tuple(g[0] for g in groups)[:6],
                           f"{len(groups)} different ingredients share its key")
        return Reading(first, groups[0][0], tuple(groups[0][1:]), "")

    @staticmethod
    def _latin_agrees(text: str, groups: list[list[str]]) -> list[list[str]]:
        """The groups whose name holds, as words, the Latin words the label prints as INCI
        does (``PEG-12ジメチコン``: PEG-12 DIMETHICONE, not PPG-12 DIMETHICONE, whose keys
        agree); none when the label prints no Latin word of two letters or more."""
        printed = {w.upper() for w in re.findall(r"[A-Za-z]{2,}", unicodedata.normalize("NFKC", text))}
        if not printed:
            return []
        return [g for g in groups if any(printed <= set(re.findall(r"[A-Z]+", n.upper())) for n in g)]

    def label_vowels(self, text: str, paired: bool = False) -> str:
        """The vowels a label name is heard with (``a``, ``e``, ``i``, ``o``, ``u``); with
        ``paired``, each pair of ``vowel_pairs`` as the one letter English writes it with."""
        spelled = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
        if paired:
            spelled = "".join(spelled.split())  # (no vowel in a space: 카프릴레 이트)
            for pattern, letter in self._pairs:
                spelled = spelled.replace(pattern, letter)
        out: list[str] = []
        for ch in spelled:
            if paired and ch in _PAIR_MARKS:
                out.append(_PAIR_MARKS[ch])
                continue
            if ch in self.rule.vowel_modifiers and out:
                out[-1] = self.rule.vowel_modifiers[ch]
                continue
            vowel = self.rule.vowel_letters.get(ch)
            if vowel is None:  # (a jamo is matched by its letter form)
                name = unicodedata.name(ch, "")
                if name.startswith("HANGUL JUNGSEONG "):
                    try:
                        vowel = self.rule.vowel_letters.get(
                            unicodedata.lookup("HANGUL LETTER " + name[len("HANGUL JUNGSEONG "):]))
                    except KeyError:
                        vowel = None
            if vowel:
                out.append(vowel)
        return "".join(out)

    def _best_vowels(self, text: str, groups: list[list[str]], keys: Sequence[str] = ()) -> list[str] | None:
        """The group whose name's vowels fit the label's clearly best, if one does (a short
        word the label's ``keys`` hear letter by letter, by its letters' names: DNA)."""
        if not self.rule.vowel_letters:
            return None
        heard = self.label_vowels(text)
        if not heard:
            return None
        paired = self.label_vowels(text, paired=True)
        for label, pairs in ((heard, False), (paired, True)):
            if pairs and label == heard:
                break
            scored = sorted(((max(vowel_fit(label, v) for v in self.name_vowels(g[0], keys, pairs)), i)
                             for i, g in enumerate(groups)), reverse=True)
            (top, at), (second, _) = scored[0], (scored[1] if len(scored) > 1 else (0.0, -1))
            if top >= VOWEL_FIT and top - second >= VOWEL_MARGIN:
                return groups[at]
        return self._transcribed(heard, groups, paired, keys)

    def _transcribed(self, heard: str, groups: list[list[str]], paired: str = "",
                     keys: Sequence[str] = ()) -> list[str] | None:
        """The one group whose name a kana transcription would give exactly the label's
        vowels (``プロリン`` PROLINE, not PRUNIN, whose vowels the label holds too), if one
        and only one does. ``paired`` is the label's vowels with its vowel pairs read as
        English letters (``글리세릴카프릴레이트`` i-e-i-a-i-a: GLYCERYL CAPRYLATE, not
        GLYCERYL CAPRYL ETHER); a name may fit either."""
        if not self.rule.epenthetic_vowels:
            # (Korean writes a bare consonant with ㅡ, which is heard as no vowel: a faithful
            # transcription has the name's own vowels, 올레아놀릭애씨드 OLEANOLIC ACID)
            fits = [g for g in groups if heard in self.name_vowels(g[0], keys)
                    or (paired or heard) in self.name_vowels(g[0], keys, paired=True)]
        else:
            fits = [g for g in groups if transcribed_vowels(g[0], self.rule.epenthetic_vowels) == heard]
        return fits[0] if len(fits) == 1 else None

    def transcribed_words(self, run: str, words: Iterable[str]) -> list[str]:
        """Of CosIng words sharing a kana word's consonants, those a transcription would
        give exactly its vowels (``ステアリク``: STEARIC, not ISOSTEARIC; ``アルキル``: ALKYL,
        not AURICULA). Empty when none does or the rule has no epenthetic vowels."""
        heard = self.label_vowels(run)
        if not heard or not self.rule.epenthetic_vowels:
            return []
        return [w for w in words if transcribed_vowels(w, self.rule.epenthetic_vowels) == heard]


_PAIR_MARKS = {chr(0xE000 + i): v for i, v in enumerate("aeiou")}
"""What :func:`_pair_patterns` puts in a name's jamo for a vowel pair (private-use
characters, which no label name holds) -> the vowel letter each stands for."""
_PAIR_MARK_OF = {v: k for k, v in _PAIR_MARKS.items()}


def _pair_patterns(pairs: Mapping[str, str]) -> list[tuple[str, str]]:
    """``vowel_pairs`` as jamo runs to find in a name taken apart: the pair's syllables
    without the first one's initial (``에이`` is ᅦ ᄋ ᅵ, found in 레이 and 네이 alike; a
    final after the first vowel breaks the run, as 렌이 is no diphthong), each with the mark
    :meth:`Transliterator.label_vowels` reads as its letter."""
    out: list[tuple[str, str]] = []
    for pair, letter in pairs.items():
        jamo = unicodedata.normalize("NFD", pair)
        if jamo and unicodedata.name(jamo[0], "").startswith("HANGUL CHOSEONG "):
            jamo = jamo[1:]
        if jamo and letter in _PAIR_MARK_OF:
            out.append((jamo, _PAIR_MARK_OF[letter]))
    return sorted(out, key=lambda p: len(p[0]), reverse=True)


# --------------------------------------------------------------------------- loading

_lock = threading.Lock()
_readers: dict[str, Transliterator | None] = {}


def transliteration(language: str) -> Transliterator | None:
    """The transliterator of a language pack (``ko``, ``ja``), or None when it has no rule."""
    if language in _readers:
        return _readers[language]
    from ingredients._languages import ROOT, compiled_documents

    docs = compiled_documents()
    root = docs.get(f"{ROOT}.yaml", {}).get("transliteration")
    doc = docs.get(f"{language}.yaml", {})
    own = doc.get("transliteration")
    reader: Transliterator | None = None
    if isinstance(root, dict) and isinstance(own, dict):
        sources = doc.get("sources")
        rule, vowels = _build(language, str(doc.get("name", language)), root, own,
                              sources if isinstance(sources, dict) else {})
        reader = Transliterator(rule, vowels)
    with _lock:
        _readers.setdefault(language, reader)
    return _readers[language]


def languages_with_rules() -> list[str]:
    """Codes of the packs that carry a transliteration rule."""
    from ingredients._languages import ROOT, compiled_documents

    return [str(d.get("language")) for n, d in compiled_documents().items()
            if n != f"{ROOT}.yaml" and isinstance(d.get("transliteration"), dict)]


def _rules(rows: object) -> list[Rule]:
    out = []
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and isinstance(row.get("spell"), str):
            out.append(Rule(str(row["spell"]).upper(), str(row.get("key", "")),
                            row.get("before"), bool(row.get("word_start")), bool(row.get("word_end")),
                            bool(row.get("optional"))))
    return out


def _table(value: object) -> dict[str, str]:
    """``{"カキクケコ": "KV"}``: every character of a key gets the value."""
    out: dict[str, str] = {}
    if isinstance(value, dict):
        for chars, key in value.items():
            for ch in str(chars):
                out[ch] = "" if key is None else str(key)
    return out


def _build(language: str, language_name: str, root: Mapping[str, Any], own: Mapping[str, Any],
           sources: Mapping[str, Any]) -> tuple[Transliteration, str]:
    source_id = own.get("source")
    src = sources.get(source_id) if isinstance(source_id, str) else None
    reference = str(src.get("reference", "")) if isinstance(src, dict) else ""
    letter_names = {str(r["letter"]).upper(): str(r["name"])
                    for r in own.get("letter_names") or [] if isinstance(r, dict)
                    and isinstance(r.get("letter"), str) and isinstance(r.get("name"), str)}
    words: dict[str, list[str]] = {}
    for r in own.get("words") or []:
        if isinstance(r, dict) and isinstance(r.get("word"), str) and isinstance(r.get("english"), str):
            words.setdefault(r["word"], []).append(r["english"])
    rule = Transliteration(
        language=language,
        language_name=language_name,
        reference=reference,
        spelling=tuple(_rules(own.get("spelling")) + _rules(root.get("spelling"))),
        classes=frozenset(str(c) for c in root.get("classes") or []),
        weak=frozenset(str(c) for c in own.get("weak", root.get("weak")) or []),
        min_key=int(own.get("min_key", root.get("min_key", 5))),
        vowel_marks=bool(own.get("vowel_marks", False)),
        letters=_table(own.get("letters")),
        initials=_table(own.get("initials")),
        finals=_table(own.get("finals")),
        letter_names=letter_names,
        acronym_letters=int(own.get("acronym_letters", 0)),
        words={k: tuple(v) for k, v in words.items()},
        vowel_letters=_table(own.get("vowel_letters")),
        vowel_modifiers=_table(own.get("vowel_modifiers")),
        vowel_pairs={str(k): str(v) for k, v in (own.get("vowel_pairs") or {}).items()}
        if isinstance(own.get("vowel_pairs"), dict) else {},
        epenthetic_vowels={k.upper(): v for k, v in _table(own.get("epenthetic_vowels")).items()},
    )
    return rule, str(root.get("vowels", "AEIOU")).upper()


# --------------------------------------------------------------------------- validation


def _vowel_table_problems(at: str, field: str, table: object, keys: str,
                          key_ok: Callable[[object], bool]) -> list[str]:
    """A table of ``keys`` -> one vowel letter (a, e, i, o, u): ``epenthetic_vowels``,
    ``vowel_pairs``."""
    if table is None:
        return []
    if not isinstance(table, dict):
        return [f"{at}.{field}: must be a mapping of {keys} to a vowel letter"]
    return [f"{at}.{field}[{key}]: {key!r} -> {value!r} is not {keys} -> one of a, e, i, o, u"
            for key, value in table.items() if not (key_ok(key) and value in tuple("aeiou"))]


def _latin_consonants(chars: object) -> bool:
    return (isinstance(chars, str) and chars.isascii() and chars.isalpha()
            and not set(chars.upper()) & set("AEIOU"))


def _hangul_syllables(pair: object) -> bool:
    return (isinstance(pair, str) and len(pair) >= 2
            and all(_HANGUL_FIRST <= ch <= _HANGUL_LAST for ch in pair))


_ROOT_KEYS = ("reference", "vowels", "classes", "weak", "min_key", "spelling")
_OWN_KEYS = ("source", "min_key", "weak", "vowel_marks", "spelling", "letters", "initials", "finals",
             "letter_names", "acronym_letters", "words", "vowel_letters", "vowel_modifiers",
             "epenthetic_vowels", "vowel_pairs")
_RULE_KEYS = ("spell", "key", "before", "word_start", "word_end", "optional", "note")
_ROW_SOURCES = ("source", "at")


def validate_transliteration(where: str, doc: Mapping[str, Any], root: Mapping[str, Any] | None,
                             is_root: bool) -> list[str]:
    """Problems of one pack's ``transliteration:`` section, one line each naming the
    file, the row and the field."""
    from ingredients._languages import row_problems  # (the packs' module imports this one)

    section = doc.get("transliteration")
    if section is None:
        return []
    at = f"{where}: transliteration"
    if not isinstance(section, dict):
        return [f"{at}: must be a mapping"]
    problems: list[str] = []
    allowed = _ROOT_KEYS if is_root else _OWN_KEYS
    for key in section:
        if key not in allowed:
            problems.append(f"{at}.{key}: unknown field (expected one of {', '.join(allowed)})")
    classes_doc = section if is_root else (root or {})
    classes = {str(c) for c in classes_doc.get("classes") or []} if isinstance(classes_doc, dict) else set()
    symbols = classes | {VOWEL}

    def check_key(field: str, value: object) -> None:
        if value is None:
            return  # a silent letter
        if not isinstance(value, str) or any(ch not in symbols for ch in value):
            problems.append(f"{at}.{field}: {value!r} is not a string of the classes "
                            f"{''.join(sorted(classes))} and {VOWEL} (or empty)")

    if is_root:
        if not isinstance(section.get("reference"), str) or not section["reference"].strip():
            problems.append(f"{at}.reference: missing")
        if not isinstance(section.get("classes"), list) or not section["classes"]:
            problems.append(f"{at}.classes: must be a list of one-letter classes")
        elif any(not isinstance(c, str) or len(c) != 1 or not c.isupper() or c == VOWEL
                 for c in section["classes"]):
            problems.append(f"{at}.classes: each class is one capital letter other than {VOWEL}")
        for k, c in enumerate(section.get("weak") or []):
            if c not in classes:
                problems.append(f"{at}.weak[{k}]: {c!r} is not a class")
    else:
        src = section.get("source")
        sources = doc.get("sources") if isinstance(doc.get("sources"), dict) else {}
        assert isinstance(sources, dict)
        if not isinstance(src, str) or src not in sources:
            problems.append(f"{at}.source: {src!r} is not in this file's sources")
        elif not isinstance(sources[src], dict) or sources[src].get("kind") != "transliteration-rule":
            problems.append(f"{at}.source: {src!r} must be of kind transliteration-rule")
        for field in ("letters", "initials", "finals"):
            table = section.get(field)
            if table is None:
                continue
            if not isinstance(table, dict):
                problems.append(f"{at}.{field}: must be a mapping of letters to key symbols")
                continue
            for chars, value in table.items():
                check_key(f"{field}[{chars}]", value)
        problems += _vowel_table_problems(at, "epenthetic_vowels", section.get("epenthetic_vowels"),
                                          "Latin consonants", _latin_consonants)
        problems += _vowel_table_problems(at, "vowel_pairs", section.get("vowel_pairs"),
                                          "two or more Hangul syllables", _hangul_syllables)
        for field, keys in (("letter_names", ("letter", "name")), ("words", ("word", "english"))):
            rows = section.get(field) or []
            if not isinstance(rows, list):
                problems.append(f"{at}.{field}: must be a list of rows")
                continue
            for k, row in enumerate(rows):
                rat = f"{at}.{field}[{k}]"
                problems += row_problems(rat, row, keys + _ROW_SOURCES, (*keys, *_ROW_SOURCES, "note"),
                                         sources)
                if not isinstance(row, dict):
                    continue
                letter = row.get("letter")
                if field == "letter_names" and isinstance(letter, str) and (
                        len(letter) != 1 or not letter.isascii() or not letter.isalpha()):
                    problems.append(f"{rat}.letter: {row['letter']!r} is not one Latin letter")
        for field in ("min_key", "acronym_letters"):
            value = section.get(field)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                problems.append(f"{at}.{field}: must be a whole number")
    rules = section.get("spelling") or []
    if not isinstance(rules, list):
        problems.append(f"{at}.spelling: must be a list of rules")
        rules = []
    for k, row in enumerate(rules):
        rat = f"spelling[{k}]"
        if not isinstance(row, dict):
            problems.append(f"{at}.{rat}: must be a mapping with spell and key")
            continue
        for key in row:
            if key not in _RULE_KEYS:
                problems.append(f"{at}.{rat}.{key}: unknown field")
        spell = row.get("spell")
        if not isinstance(spell, str) or not spell.isascii() or not spell.isalpha():
            problems.append(f"{at}.{rat}.spell: {spell!r} is not a run of Latin letters")
        check_key(f"{rat}.key", row.get("key", ""))
        before = row.get("before")
        if before is not None and (not isinstance(before, str) or not before.isalpha()):
            problems.append(f"{at}.{rat}.before: {before!r} is not a string of letters")
    return problems
