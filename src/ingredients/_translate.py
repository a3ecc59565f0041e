"""Reading INCI names translated word by word into a Latin-script language.

Spanish, Portuguese, French, Italian and Indonesian labels often translate the INCI
name instead of printing it: ``aceite de semilla de Helianthus annuus`` is
HELIANTHUS ANNUUS SEED OIL, ``cloreto de sódio`` SODIUM CHLORIDE, ``ácido
hialurónico hidrolizado`` HYDROLYZED HYALURONIC ACID, ``Asam Traneksamat``
TRANEXAMIC ACID. Chemistry words in these languages are the INCI words spelled
by each language's own rules (``etil`` ethyl, ``fenil`` phenyl, ``-ato`` -ate),
and the noun comes before what qualifies it, so a reading takes three steps, each
driven by the packs' ``translation:`` data (``data/languages/README.md``):

1. **Words.** A word of a pack's word table is replaced by its INCI word
   (``aceite`` OIL, ``hoja`` LEAF, ``natrium`` SODIUM); a word with a local
   ending is also tried with its INCI-style ending (``cloruro`` -> ``clorido``).
2. **Order.** The name is cut at "of" words (``de``, ``da``, ``di``) and the
   pieces are tried in both orders, each piece forwards and backwards; words the
   root pack lists as ``leading`` (HYDROLYZED) are also tried first.
3. **Key.** Each candidate is reduced to a spelling key (``ph``/``f``,
   ``th``/``t``, ``y``/``i``, ``x``/``ks``, double letters, end vowels: the
   root pack's ``key_rewrites`` and ``key_endings``), and so is every CosIng
   name; a candidate whose key is the key of a CosIng name reads as that name.

The answer must be one substance: when candidates lead to CosIng names that are
not the same substance (no CAS number in common), the name stays unread. A
reading is a rule's reading, never a table row, so its confidence stays under
0.9 and the report gives the reason.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise, product
from typing import Any

from ingredients._languages import compiled_documents, fold_accents, to_simplified
from ingredients._transliterate import range_first

__all__ = ["TranslationRules", "Translator", "is_cjk", "translation_rules"]

WORD_KEY_CACHE = 200_000
MAX_CANDIDATES = 512
"""Word orders times word choices tried for one name, at most (a long name stops here)."""
SHORT_WORD = 4
"""A word shorter than this (a letter, a numeral, an acronym) keeps its end in the key."""

_TOKEN = re.compile(r"[^\s]+")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9,.\-]*|-\d+")
_JOINED_WORD = re.compile(r"[A-Za-z]{2,}-")
"""A Latin word a hyphen joins to the Chinese or Japanese word after it (``ALPHA-熊果素``)."""
_KANA_RUN = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]+")
_DOTS = "・·･"
KANA_HALF = 3
"""A katakana run is cut in two only into halves of this many kana or more."""
GLUED_HALF = 4
"""A Latin word is cut in two INCI words only into halves of this many letters or more."""
_COUNT = re.compile(r"(.*[^\W\d_])(-\d+)")
"""A word ending in a count (``cobre-1``, ``Bis-Diglicerila-2``): the word, the count."""
_CATION_COUNT = re.compile(r"(\d)([A-Za-z]{1,2})")
"""A count before a cation's symbol (JCIA ``2Na``, ``2K``): the count, the symbol."""


def is_cjk(ch: str) -> bool:
    """A Han character, kana or Hangul (the scripts whose names are cut into table words)."""
    code = ord(ch)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_Candidate = tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]
"""A candidate's words in INCI order, the (local, INCI) word swaps made, their languages."""
_POLYMER = re.compile(r"\((.+/.+)\)([^()/\s]+)")
"""A JCIA copolymer name: its monomers in a bracket, apart by slashes, then the polymer word."""


def _with_glued(candidates: list[_Candidate]) -> list[_Candidate]:
    """A copolymer's monomer candidates, and each of several words also as one word, as INCI
    often writes a monomer (``メタクリル酸ポリトリメチルシロキシ``: POLYTRIMETHYL SILOXY
    METHACRYLATE and POLYTRIMETHYLSILOXYMETHACRYLATE, whose keys differ by the vowel a
    word's end drops)."""
    glued = [(("".join(words),), swaps, langs) for words, swaps, langs in candidates if len(words) > 1]
    return list(dict.fromkeys([*candidates, *glued]))


def _top_level_split(text: str) -> list[str]:
    """``A/B(C/D)/E`` as [A, B(C/D), E]: the slashes outside any bracket; [] when the
    brackets do not pair."""
    parts, depth, start = [], 0, 0
    for at, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return []
        if ch == "/" and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return [p.strip() for p in parts] if depth == 0 and all(p.strip() for p in parts) else []
_KEY_DROP = re.compile(r"[\s\-'’.]+")


@dataclass(frozen=True, slots=True)
class WordRow:
    """One row of a pack's word table: a local word and the INCI word it stands for."""

    word: str
    inci: str
    language: str
    source: str
    at: str


@dataclass(frozen=True, slots=True)
class TranslationRules:
    """The ``translation:`` data of every pack, merged."""

    key_rewrites: tuple[tuple[re.Pattern[str] | str, str], ...]
    """In order: a literal (``ph``) is replaced as text, anything else as a pattern."""
    key_endings: tuple[re.Pattern[str], ...]
    leading: frozenset[str]
    of_words: frozenset[str]
    endings: tuple[tuple[str, str], ...]
    words: Mapping[str, tuple[WordRow, ...]]
    rules: Mapping[str, str]
    """Language code -> the reference of the documented rule its spellings follow."""
    acid: str = "acid"
    """The INCI word a salt's or ester's acid ends in (``透明质酸钠`` is hyaluronic acid + sodium)."""
    cations: frozenset[str] = frozenset()
    """INCI words a salt names first and Chinese and Japanese names last (SODIUM)."""
    salt_endings: tuple[tuple[str, str], ...] = ()
    """An acid's adjective as the salt or ester writes it (``-ic`` -> ``-ate``)."""
    acid_stems: tuple[tuple[str, str], ...] = ()
    """A kana acid stem's end before the acid word, and what it is also tried as (``ン`` ->
    ``ク``: ステアリン酸 is STEARIC ACID)."""
    acid_multipliers: tuple[tuple[str, str], ...] = ()
    """A kana count before an acid stem and the INCI prefix it stands for (``ペンタ`` PENTA:
    ペンタステアリン酸ポリグリセリル-10 is POLYGLYCERYL-10 PENTASTEARATE)."""
    cation_counts: tuple[tuple[str, str], ...] = ()
    """A count a label writes before a cation's symbol and the INCI prefix it stands for
    (``2`` DI: グリチルリチン酸2K is DIPOTASSIUM GLYCYRRHIZATE)."""
    polymer_prefixes: tuple[str, ...] = ()
    """Starts of an acid's adjective that name a polymer of its ester: INCI writes the prefix
    as a word before the ester's alcohol part (``poly``: ポリアクリル酸アルキル(C10-30) is POLY
    C10-30 ALKYL ACRYLATE; ポリメタクリル酸メチル POLYMETHYL METHACRYLATE), lower-case."""
    leading_prefixes: tuple[str, ...] = ()
    """Starts of INCI words that come first, before ``leading`` words, whatever the label's
    order (``peg-``: ``PEG-60 óleo de rícino hidrogenado`` is PEG-60 HYDROGENATED CASTOR OIL)."""
    compound_words: frozenset[str] = frozenset()
    """Word-table words of packs that write compounds as one word (``compounds: true``, German
    ``Blütenextrakt`` = Blüten + Extrakt), lower-case."""
    unwritten: Mapping[str, WordRow] = field(default_factory=dict)
    """Local words INCI writes no word for (``essenziale``: ``olio essenziale di eucalipto``
    is EUCALYPTUS OIL), lower-case and accent-free, each a sourced row (``inci`` empty)."""
    _word_keys: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def key(self, text: str) -> str:
        """The spelling key of a name or word: what both spellings of a word reduce to."""
        known = self._word_keys
        out = []
        for word in _KEY_DROP.split(fold_accents(text.lower())):
            if "/" in word:  # (``caprílico/cáprico``: each side ends as a word does)
                out.append("/".join(self.key(side) for side in word.split("/")))
            elif word:
                out.append(known[word] if word in known else self.word_key(word))
        return "".join(out)

    def word_key(self, word: str) -> str:
        """The spelling key of one lower-case, accent-free word."""
        found = self._word_keys.get(word)
        if found is None:
            found = word
            for rx, to in self.key_rewrites:
                found = found.replace(rx, to) if isinstance(rx, str) else rx.sub(to, found)
            if len(found) >= SHORT_WORD:  # (a letter, a numeral or an acronym keeps its end)
                for rx in self.key_endings:
                    found = rx.sub("", found)
            if len(self._word_keys) < WORD_KEY_CACHE:
                self._word_keys[word] = found
        return found


def _pairs(value: object) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        return []
    return [(str(p[0]), str(p[1])) for p in value
            if isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)]


@lru_cache(maxsize=1)
def translation_rules() -> TranslationRules:
    """The packs' translation data, merged (read on first use)."""
    return rules_from(compiled_documents())


def rules_from(docs: Mapping[str, Mapping[str, Any]]) -> TranslationRules:
    """Merge the ``translation:`` sections of pack documents (by file name)."""
    rewrites: list[tuple[re.Pattern[str] | str, str]] = []
    key_endings: list[re.Pattern[str]] = []
    leading: set[str] = set()
    leading_prefixes: list[str] = []
    polymer_prefixes: list[str] = []
    of_words: set[str] = set()
    endings: list[tuple[str, str]] = []
    words: dict[str, list[WordRow]] = {}
    rules: dict[str, str] = {}
    cations: set[str] = set()
    salt_endings: list[tuple[str, str]] = []
    acid_stems: list[tuple[str, str]] = []
    acid_multipliers: list[tuple[str, str]] = []
    cation_counts: list[tuple[str, str]] = []
    compound_words: set[str] = set()
    unwritten: dict[str, WordRow] = {}
    acid = "acid"
    for file_name, doc in sorted(docs.items(), key=lambda kv: (kv[0] != "root.yaml", kv[0])):
        section = doc.get("translation")
        if not isinstance(section, dict):
            continue
        code = str(doc.get("language", file_name.removesuffix(".yaml")))
        sources = doc.get("sources") if isinstance(doc.get("sources"), dict) else {}
        assert isinstance(sources, dict)

        def reference(sid: object, sources: dict[str, Any] = sources) -> str:
            src = sources.get(sid) if isinstance(sid, str) else None
            return str(src.get("reference", sid)) if isinstance(src, dict) else str(sid)

        if section.get("rule") is not None:
            rules[code] = reference(section.get("rule"))
        rewrites += [(a if a.isalpha() else re.compile(a), b) for a, b in _pairs(section.get("key_rewrites"))]
        key_endings += [re.compile(e) for e in section.get("key_endings") or [] if isinstance(e, str)]
        leading |= {w.lower() for w in section.get("leading") or [] if isinstance(w, str)}
        leading_prefixes += [w.lower() for w in section.get("leading_prefixes") or [] if isinstance(w, str)]
        polymer_prefixes += [w.lower() for w in section.get("polymer_prefixes") or [] if isinstance(w, str)]
        of_words |= {w.lower() for w in section.get("of_words") or [] if isinstance(w, str)}
        endings += [(fold_accents(a.lower()), b.lower()) for a, b in _pairs(section.get("endings"))]
        cations |= {w.lower() for w in section.get("cations") or [] if isinstance(w, str)}
        if isinstance(section.get("acid"), str):
            acid = section["acid"].lower()
        salt_endings += [(a.lower(), b.lower()) for a, b in _pairs(section.get("salt_endings"))]
        acid_stems += [(a, b) for a, b in _pairs(section.get("acid_stems"))]
        acid_multipliers += [(a, b.upper()) for a, b in _pairs(section.get("acid_multipliers"))]
        cation_counts += [(a, b.upper()) for a, b in _pairs(section.get("cation_counts"))]
        for row in section.get("words") or []:
            if not isinstance(row, dict):
                continue
            word, inci = row.get("word"), row.get("inci")
            if not (isinstance(word, str) and isinstance(inci, str)):
                continue
            entry = WordRow(word.lower(), inci.upper(), code, reference(row.get("source")),
                            str(row.get("at", "")))
            for key in {word.lower(), fold_accents(word.lower())}:
                if all(r.inci != entry.inci for r in words.get(key, ())):
                    words.setdefault(key, []).append(entry)
                if section.get("compounds") is True:
                    compound_words.add(key)
        for row in section.get("unwritten") or []:
            if isinstance(row, dict) and isinstance(row.get("word"), str):
                low = row["word"].lower()
                entry = WordRow(low, "", code, reference(row.get("source")), str(row.get("at", "")))
                for key in {low, fold_accents(low)}:
                    unwritten.setdefault(key, entry)
    endings.sort(key=lambda p: -len(p[0]))
    return TranslationRules(
        tuple(rewrites), tuple(key_endings), frozenset(leading), frozenset(of_words),
        tuple(endings), {k: tuple(v) for k, v in words.items()}, rules,
        acid=acid, cations=frozenset(cations), salt_endings=tuple(salt_endings),
        acid_stems=tuple(acid_stems), compound_words=frozenset(compound_words),
        acid_multipliers=tuple(acid_multipliers), cation_counts=tuple(cation_counts),
        leading_prefixes=tuple(leading_prefixes),
        polymer_prefixes=tuple(polymer_prefixes),
        unwritten=unwritten,
    )


@dataclass(frozen=True, slots=True)
class Reading:
    """What a translated name reads as."""

    inci: str
    words: tuple[str, ...]
    """The candidate, word by word, whose key is the key of ``inci``."""
    languages: tuple[str, ...]
    """Codes of the packs whose word rows the candidate used (may be empty)."""
    others: tuple[str, ...] = ()
    """Other CosIng names the candidates led to (an unread name's possibilities)."""
    local: bool = False
    """The name shows another language: a word of a word table, an "of" word, a local
    ending, a letter with an accent, or INCI's word order differing from the label's."""
    swaps: tuple[tuple[str, str], ...] = ()
    """The label's words that word rows gave INCI words for: ``(("aceite", "OIL"), ...)``."""


class Translator:
    """Reads translated names against one vocabulary (CosIng names, with CAS numbers)."""

    def __init__(self, names: Iterable[str], cas: Callable[[str], tuple[str, ...]],
                 exact: Callable[[str], str | None] = lambda _text: None,
                 rules: TranslationRules | None = None,
                 kana: Callable[[str], list[str]] | None = None,
                 index: Mapping[str, tuple[str, ...]] | None = None,
                 known: Callable[[str], str | None] = lambda _text: None) -> None:
        self.rules = translation_rules() if rules is None else rules
        self._kana = kana
        self._longest = max((len(w) for w in self.rules.words), default=1)
        self._names = tuple(names)
        self._cas = cas
        self._exact = exact
        self._known = known
        self._index: Mapping[str, tuple[str, ...]] | None = index  # (``make data`` computes it)
        self._inci_word_keys: frozenset[str] | None = None
        self._lock = threading.Lock()

    def index(self) -> Mapping[str, tuple[str, ...]]:
        """Key -> CosIng names with that key (built on first use)."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    found: dict[str, list[str]] = {}
                    key = self.rules.key
                    for name in self._names:
                        k = key(name)
                        if k:
                            found.setdefault(k, []).append(name)
                    self._index = {k: tuple(v) for k, v in found.items()}
        return self._index

    def _choices(self, token: str) -> list[tuple[str, str | None]]:
        """Ways to read one word: (text, language of the word row used or None)."""
        low = token.lower()
        rows = self.rules.words.get(low) or self.rules.words.get(fold_accents(low))
        out: list[tuple[str, str | None]] = [(r.inci, r.language) for r in rows or ()]
        if not rows and self.rules.cation_counts and (counted_cation := self._counted_cation(token)):
            return counted_cation
        if not rows and self._kana is not None and _KANA_RUN.fullmatch(token):
            # A kana word no row names: the English words it transliterates (セチル CETYL).
            return [(word, "ja") for word in self._kana(token)]
        counted = _COUNT.fullmatch(low)
        if not rows and counted and not is_cjk(low[0]):
            # (a row word with a count: ``cobre-1`` is COPPER-1, the count moved last later)
            word = counted.group(1)
            rows = self.rules.words.get(word) or self.rules.words.get(fold_accents(word))
            out += [(r.inci + counted.group(2), r.language) for r in rows or ()]
        if not rows:
            # (a word a row translates is not also read as written: the row says what it
            # means, and its letters could join a neighbour's into another name's key --
            # Italian ``olio di timo``, thyme oil, spelled ``timo olio``, is THYMOL's key)
            out.append((token, None))
        plain = fold_accents(low)
        for end, to in self.rules.endings:
            if plain.endswith(end) and len(plain) > len(end) + 2:
                out.append((plain[: -len(end)] + to, None))
        if not rows and (token.isupper() or not any(c.isupper() for c in token[1:])):
            # (not ``CoperniciaCerifera``: a capital inside a word is a space an English
            # name lost, left to the fuzzy matcher)
            halves = self._glued_halves(plain)
            if halves is not None:
                out.append((" ".join(halves), None))
        return list(dict.fromkeys(out))

    def _glued_halves(self, word: str) -> list[str] | None:
        """A lower-case, accent-free word cut where both halves are INCI words by the spelling
        key, when exactly one such cut exists (``difenilsiloxifenil``: difenilsiloxi +
        fenil, DIPHENYLSILOXY PHENYL; ``betaglucano``: beta + glucano, BETA-GLUCAN): labels
        write as one word what INCI writes as two, keeping the vowel the key drops at a
        word's end (the word is also tried whole)."""
        if len(word) < 2 * GLUED_HALF or not word.isalpha() or not word.isascii():
            return None
        known = self._word_key_set()
        key = self.rules.word_key
        cuts = [[word[:at], word[at:]] for at in range(GLUED_HALF, len(word) - GLUED_HALF + 1)
                if key(word[:at]) in known and key(word[at:]) in known]
        return cuts[0] if len(cuts) == 1 else None

    def _word_key_set(self) -> frozenset[str]:
        """The spelling keys of the words of the CosIng names (built on first use)."""
        if self._inci_word_keys is None:
            with self._lock:
                if self._inci_word_keys is None:
                    key = self.rules.word_key
                    words = {w for name in self._names
                             for w in _KEY_DROP.split(fold_accents(name.lower())) if w.isalpha()}
                    self._inci_word_keys = frozenset(key(w) for w in words)
        return self._inci_word_keys

    def _orders(self, tokens: list[str]) -> list[list[str]]:
        """Word orders to try: pieces cut at "of" words, in either order, each either way."""
        pieces: list[list[str]] = [[]]
        for tok in tokens:
            if tok.lower() in self.rules.of_words:
                if pieces[-1]:
                    pieces.append([])
            else:
                pieces[-1].append(tok)
        pieces = [p for p in pieces if p]
        if not pieces or len(pieces) > 4:
            return []
        orders: list[list[str]] = []
        for outer in (pieces[::-1], pieces):
            for flips in product((False, True), repeat=len(outer)):
                words = [w for p, f in zip(outer, flips, strict=True) for w in (p[::-1] if f else p)]
                if words not in orders:
                    orders.append(words)
        if len(pieces) == 1 and len(pieces[0]) > 2:
            # The head noun first, the rest as INCI writes it (``ácido 3-O-etil ascórbico``),
            # or a salt's cation last (``Laurete Sulfossuccinato Dissódico``).
            orders.append(pieces[0][1:] + pieces[0][:1])
            orders.append(pieces[0][-1:] + pieces[0][:-1])
        return orders

    def segments(self, name: str) -> list[str] | None:
        """A Chinese or Japanese name cut into the words of the word tables (longest first),
        Latin runs (``Na``, ``PEG-10``, ``-5``) and kana runs; None when a part is none of them."""
        text = range_first(unicodedata.normalize("NFKC", name))
        if any(c in "()[]/" for c in text):
            return None  # (brackets and slashes hold chemistry the parts cannot place)
        out: list[str] = []
        at, end = 0, len(text)
        while at < end:
            if text[at].isspace() or text[at] in _DOTS:
                at += 1
                continue
            for size in range(min(self._longest, end - at), 0, -1):
                piece = text[at: at + size].lower()
                if not piece.isascii() and piece in self.rules.words:
                    out.append(piece)
                    at += size
                    break
            else:
                run = _LATIN_RUN.match(text, at) or (_KANA_RUN.match(text, at) if self._kana else None)
                if run is None:
                    return None
                latin = run.group()
                if _JOINED_WORD.fullmatch(latin):
                    latin = latin[:-1]  # (``ALPHA-熊果素``: the hyphen joins the word to the next)
                out += self._kana_pieces(latin) if _KANA_RUN.fullmatch(latin) else [latin]
                at = run.end()
        return out

    def _kana_pieces(self, run: str) -> list[str]:
        """A katakana run no word of the transliteration rule reads, cut before the longest
        kana word row it ends in (``ステアロイルグルタミン``: ステアロイル + グルタミン, as
        ``ステアロイルグルタミン酸Na`` is SODIUM STEAROYL GLUTAMATE). JCIA names glue an acyl
        group onto the acid it qualifies; the row is found only at a word's start otherwise.
        A run with fewer than two kana before the row is kept whole, and so is a run read as a
        word, unless the kana before the row are read as a word too (``ラウロイルグルタミン``:
        ラウロイル + グルタミン, though the whole run shares its key with LAURYLGLUTAMINE).
        The kana before the row are cut again, as a run is (two rows at its end:
        ``アクリロイルジメチルタウリンアンモニウム``, AMMONIUM ACRYLOYLDIMETHYL TAURATE)."""
        if self._kana is None:
            return [run]
        whole = bool(self._kana(run))
        for size in range(min(self._longest, len(run) - 2), 1, -1):
            tail = run[-size:]
            if tail in self.rules.words and _KANA_RUN.fullmatch(tail):
                head = run[:-size]
                if whole and not self._kana(head):
                    return [run]
                # (the kana before the row are cut the same way: アクリロイルジメチルタウリン
                # + アンモニウム, then アクリロイルジメチル + タウリン)
                return [*self._kana_pieces(head), tail]
        return [run] if whole else self._kana_halves(run) or [run]

    def _kana_halves(self, run: str) -> list[str] | None:
        """A katakana run no word reads, cut in two where both halves are read as words
        (``ジラウラミドグルタミドリシン``: ジラウラミドグルタミド + リシン, as
        ``ジラウラミドグルタミドリシンNa`` is SODIUM DILAURAMIDOGLUTAMIDE LYSINE): JCIA names
        glue the words INCI writes apart. Only when one cut, halves of three kana or more, does."""
        if self._kana is None:
            return None
        cuts = [[run[:at], run[at:]] for at in range(KANA_HALF, len(run) - KANA_HALF + 1)
                if self._kana(run[:at]) and self._kana(run[at:])]
        return cuts[0] if len(cuts) == 1 else None

    def read(self, name: str) -> Reading | None:
        """The CosIng name a translated ``name`` reads as; None when there is none.

        A reading with ``others`` led to several substances and is not an answer.
        """
        script = any(is_cjk(c) for c in name)
        if script and _POLYMER.fullmatch(range_first(unicodedata.normalize("NFKC", name)).strip()):
            return self.polymer_reading(name)
        if script and "/" in name and not any(c in "()[]（）" for c in name):
            return self.slash_reading(name)
        if script:
            cut = self.segments(name) or self.segments(to_simplified(name))
            if not cut or len(cut) > 10 or self._lone_sounded_word(cut):
                return None
            tokens = cut
            orders = [tokens]
            dropped: tuple[tuple[str, str], ...] = ()
        else:
            text = " ".join(_BRACKETED.sub(" ", name).replace("/ ", "/").replace(" /", "/").split())
            tokens, dropped = self._unwritten(self._compound_tokens(_TOKEN.findall(text)))
            if not tokens or len(tokens) > 10:
                return None
            orders = self._orders(tokens)
        index = self.index()
        key = self.rules.key
        choices = self._script_choices(tokens) if script else {t: self._choices(t) for t in tokens}
        # A candidate that is a CosIng name as written outranks one that only shares its key.
        exact: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool, tuple[tuple[str, str], ...]]] = {}
        hits: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool, tuple[tuple[str, str], ...]]] = {}
        # (a Chinese, Japanese or Korean name whose words, all word rows, give a known English name
        # of one CosIng name, as 돌콩오일 gives SOYBEAN OIL, GLYCINE SOJA OIL: read so only when
        # nothing else is; a katakana word read by its sounds is too loose for it: オニサルビア
        # sounds like ANDIROBA)
        known: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool, tuple[tuple[str, str], ...]]] = {}
        by_rows = script and all(t in self.rules.words or not _KANA_RUN.search(t) for t in tokens)
        # (a Latin-script name too, when every word but its "of" words is a word row and the
        # candidate is made of those rows only: ``olej ze słonecznika``, SUNFLOWER OIL)
        latin_rows = not script and self._all_word_rows(tokens)
        tried = 0
        for order in orders:
            for picked in product(*(choices[t] for t in order)):
                tried += 1
                if tried > MAX_CANDIDATES:
                    break
                words = [w for w, _ in picked]
                langs = tuple(sorted({lang for _, lang in picked if lang}))
                # (a word only cut in two, ``Butyleneglycol``, shows no other language: an
                # English name that lost a space is first the fuzzy matcher's)
                moved = bool(dropped) or order != tokens or any(
                    w != t and w.replace(" ", "") != fold_accents(t.lower())
                    for w, t in zip(words, order, strict=True))
                swaps = (*dropped, *((t, w) for (w, lang), t in zip(picked, order, strict=True) if lang))
                for candidate in (self._as_salt(words) if script else self._with_leading(words)):
                    named = self._exact(" ".join(candidate))
                    local = moved or candidate is not words or bool(langs)
                    if named is not None:
                        exact.setdefault(named, (tuple(candidate), langs, local, swaps))
                    for inci in index.get("".join(key(w) for w in candidate), ()):
                        hits.setdefault(inci, (tuple(candidate), langs, local, swaps))
                    if by_rows or (latin_rows and all(lang for _, lang in picked)):
                        common = self._known(" ".join(candidate))
                        if common is not None:
                            known.setdefault(common, (tuple(candidate), langs, local, swaps))
        hits = exact or hits or known
        if not hits:
            return None
        first, *rest = sorted(hits, key=lambda n: (not hits[n][2], len(hits[n][1]) == 0, n))
        others = tuple(n for n in rest if not self._same_substance(first, n))
        if dropped:
            langs_used = tuple(sorted({*hits[first][1], *(self.rules.unwritten[w.lower()].language
                                                            for w, _ in dropped)}))
            hits[first] = (hits[first][0], langs_used, True, hits[first][3])
        foreign = script or hits[first][2] or any(c.isalpha() and not c.isascii() for c in name) or any(
            t.lower() in self.rules.of_words for t in tokens)
        return Reading(first, hits[first][0], hits[first][1], others, foreign, hits[first][3])

    def _lone_sounded_word(self, cut: list[str]) -> bool:
        """A name that is one katakana word no row names (``カイメン``, sponge): the
        transliteration rule alone reads it, with its own checks of the vowels and of the
        names sharing its key; read here as a word it could be any CosIng word of its
        consonants (COCAMINE)."""
        return len(cut) == 1 and bool(_KANA_RUN.fullmatch(cut[0])) and cut[0] not in self.rules.words

    def _unwritten(self, tokens: list[str]) -> tuple[list[str], tuple[tuple[str, str], ...]]:
        """A Latin-script name without the words INCI writes no word for (``olio essenziale di
        eucalipto``: olio di eucalipto), and those words, each as a swap for nothing; the name
        as it is when nothing else but "of" words would be left."""
        unwritten = self.rules.unwritten
        if not unwritten:
            return tokens, ()
        kept = [t for t in tokens if t.lower() not in unwritten and fold_accents(t.lower()) not in unwritten]
        if len(kept) == len(tokens) or all(t.lower() in self.rules.of_words for t in kept):
            return tokens, ()
        dropped = tuple((t, "") for t in tokens if t not in kept)
        while kept and kept[0].lower() in self.rules.of_words:
            kept.pop(0)
        return kept, dropped

    def _all_word_rows(self, tokens: list[str]) -> bool:
        """Every word of a Latin-script name is a word row or an "of" word (one row at least)."""
        words = self.rules.words
        rows = [t.lower() for t in tokens if t.lower() not in self.rules.of_words]
        return bool(rows) and all(w in words or fold_accents(w) in words for w in rows)

    def _script_choices(self, tokens: list[str]) -> dict[str, list[tuple[str, str | None]]]:
        """Ways to read each word of a Chinese or Japanese name cut by :meth:`segments`."""
        choices = {t: self._choices(t) for t in tokens}
        if self._kana is not None and self.rules.acid_stems:
            # A kana acid before 酸 is written as its stem (ステアリン酸, ポリアクリル酸): its
            # -ic form is tried too (STEARIC, POLYACRYLIC), for the acid, salt or ester.
            for tok, after in pairwise(tokens):
                if _KANA_RUN.fullmatch(tok) and any(
                        r.inci.lower() == self.rules.acid for r in self.rules.words.get(after, ())):
                    choices[tok] = list(dict.fromkeys([*choices[tok], *self._acid_stem(tok)]))
        return choices

    def _part_candidates(self, part: str) -> list[_Candidate]:
        """A Chinese or Japanese name's INCI-order candidates, not looked up: each with the
        word rows it used and their languages (``アクリル酸Na``: SODIUM ACRYLATE, among others)."""
        cut = self.segments(part) or self.segments(to_simplified(part))
        if not cut or len(cut) > 10:
            return []
        choices = self._script_choices(cut)
        out: list[_Candidate] = []
        for picked in product(*(choices[t] for t in cut)):
            swaps = tuple((t, w) for (w, lang), t in zip(picked, cut, strict=True) if lang)
            langs = tuple(sorted({lang for _, lang in picked if lang}))
            out += [(tuple(c), swaps, langs) for c in self._as_salt([w for w, _ in picked])]
            if len(out) >= MAX_CANDIDATES:
                break
        return list(dict.fromkeys(out))

    def polymer_reading(self, name: str) -> Reading | None:
        """``(アクリレーツ/ジメチコン)コポリマー``: a JCIA copolymer name, its monomers in a
        bracket apart by slashes before the polymer word, read as INCI writes it, the monomers
        apart by slashes before that word (ACRYLATES/DIMETHICONE COPOLYMER). Each monomer and
        the polymer word are read as a whole name is (word rows, transliteration, salts and
        esters acid first); the joined candidate must be the key of exactly one substance."""
        found = _POLYMER.fullmatch(range_first(unicodedata.normalize("NFKC", name)).strip())
        parts = _top_level_split(found.group(1)) if found else []
        if found is None or len(parts) < 2 or len(parts) > 4:
            return None
        tails = self._part_candidates(found.group(2))
        monomers = [_with_glued(self._part_candidates(p)) for p in parts]
        if not tails or not all(monomers):
            return None
        return self._joined_reading(
            (("/".join(" ".join(c[0]) for c in picked), *tail[0]), (*picked, tail))
            for tail, picked in product(tails, product(*monomers)))

    def slash_reading(self, name: str) -> Reading | None:
        """``乳酸杆菌/莲籽发酵产物滤液``: a Chinese or Japanese name without brackets whose
        parts, apart by slashes, are each read as a whole name is (word rows, salts and esters
        acid first), joined by slashes as INCI writes them (IECIC's ferments name the organism,
        then the substrate: LACTOBACILLUS/NELUMBO NUCIFERA SEED FERMENT FILTRATE). The joined
        candidate must be the key of exactly one substance."""
        parts = _top_level_split(range_first(unicodedata.normalize("NFKC", name)).strip())
        if len(parts) < 2 or len(parts) > 4:
            return None
        readings = [self._part_candidates(p) for p in parts]
        if not all(readings):
            return None
        return self._joined_reading(
            (("/".join(" ".join(c[0]) for c in picked),), picked) for picked in product(*readings))

    def _joined_reading(
        self, tries: Iterable[tuple[tuple[str, ...], Sequence[_Candidate]]]
    ) -> Reading | None:
        """The one substance that candidates built from parts name: each try is the joined
        words and the part candidates used (their swaps and languages), at most
        :data:`MAX_CANDIDATES` tries; a CosIng name spelled out wins over a key's names."""
        index, key = self.index(), self.rules.key
        exact: dict[str, _Candidate] = {}
        hits: dict[str, _Candidate] = {}
        for tried, (words, used) in enumerate(tries):
            if tried >= MAX_CANDIDATES:
                break
            found_by = (words, tuple(s for c in used for s in c[1]),
                        tuple(sorted({lang for c in used for lang in c[2]})))
            text = " ".join(words)
            named = self._exact(text)
            if named is not None:
                exact.setdefault(named, found_by)
            for inci in index.get(key(text), ()):
                hits.setdefault(inci, found_by)
        hits = exact or hits
        if not hits:
            return None
        first, *rest = sorted(hits)
        others = tuple(n for n in rest if not self._same_substance(first, n))
        words, swaps, langs = hits[first]
        return Reading(first, words, langs, others, True, swaps)

    def _compound_tokens(self, tokens: list[str]) -> list[str]:
        """Compounds of a pack that writes them as one word, cut into its word-table words:
        ``Aloe-Barbadensis-Blattextrakt`` is Aloe Barbadensis Blatt extrakt,
        ``(Weißdorn)-Extrakt`` Extrakt. Other tokens are kept as written."""
        compound = self.rules.compound_words
        if not compound:
            return tokens
        out: list[str] = []
        for token in tokens:
            pieces = [p for p in token.split("-") if p]
            parts: list[str] = []
            cut = False
            for piece in pieces:
                halves = self._compound_halves(piece)
                cut = cut or halves is not None
                parts += halves or [piece]
            if pieces and (cut or (pieces != [token] and fold_accents(pieces[-1].lower()) in compound)):
                out += parts
            else:
                out.append(token)
        return out

    def _compound_halves(self, word: str) -> list[str] | None:
        """``Samenöl`` as [Samen, öl] when both halves are compound-pack words; else None."""
        compound = self.rules.compound_words
        low = fold_accents(word.lower())
        if len(low) != len(word) or low in compound:
            return None
        for at in range(2, len(low) - 1):
            if low[:at] in compound and low[at:] in compound:
                return [word[:at], word[at:]]
        return None

    def bracket_readings(self, name: str, alternatives: Iterable[str]) -> list[str]:
        """A Latin-script name whose last "of" piece is a common name the label's bracket
        gives as the species: ``Óleo de Coco (Cocos Nucifera)`` is also read as ``Óleo de
        Cocos Nucifera``. Only brackets of two or more words of letters are used."""
        tokens = _TOKEN.findall(_BRACKETED.sub(" ", name))
        at = max((k for k, t in enumerate(tokens) if t.lower() in self.rules.of_words), default=-1)
        if at < 1 or at == len(tokens) - 1:
            return []
        out = []
        for alt in alternatives:
            words = alt.split()
            if len(words) >= 2 and all(w.isalpha() for w in words):
                out.append(" ".join([*tokens[: at + 1], *words]))
        return out

    def _acid_stem(self, token: str, counted: bool = True) -> list[tuple[str, str | None]]:
        """The -ic words a kana acid stem may stand for, by the first of the pack's stem ends
        that gives one (``ラウリン``: ラウリク, LAURIC; only when none does is ラウリンク tried).
        A stem after a count is read with it first (``ペンタステアリン``: PENTASTEARIC)."""
        found: list[tuple[str, str | None]] = self._counted_acid_stem(token) if counted else []
        if found:
            return found
        for end, to in self.rules.acid_stems:
            if token.endswith(end):
                found = [(w, lang) for w, lang in self._choices(token[: len(token) - len(end)] + to) if lang]
                if found:
                    return found
        return []

    def _counted_acid_stem(self, token: str) -> list[tuple[str, str | None]]:
        """A kana acid stem after a count of the pack's ``acid_multipliers``, read with the
        count as INCI's prefix (``トリステアリン``: TRISTEARIC, whose ester is -TRISTEARATE).
        Tried before the whole stem, whose consonants would lose the count (ジステアリン and
        ステアリン have one key: ジ and ス are both s)."""
        for prefix, inci in self.rules.acid_multipliers:
            if token.startswith(prefix) and len(token) > len(prefix) + 2:
                found = [(inci + w, lang) for w, lang in self._acid_stem(token[len(prefix):], counted=False)]
                if found:
                    return found
        return []

    def _counted_cation(self, token: str) -> list[tuple[str, str | None]]:
        """A count written before a cation's symbol (``2Na``, ``2K``), read as INCI's prefix
        glued onto the cation (DISODIUM, DIPOTASSIUM): JCIA グリチルリチン酸2K is DIPOTASSIUM
        GLYCYRRHIZATE. Only a count of the packs' ``cation_counts`` and a word row that is a cation."""
        found = _CATION_COUNT.fullmatch(token)
        if found is None:
            return []
        prefix = dict(self.rules.cation_counts).get(found.group(1))
        rows = self.rules.words.get(found.group(2).lower(), ())
        return [(prefix + r.inci, r.language) for r in rows
                if prefix is not None and r.inci.lower() in self.rules.cations]

    def _is_cation(self, word: str) -> bool:
        """A lower-case INCI word naming a cation, with or without a ``cation_counts`` prefix."""
        cations = self.rules.cations
        return word in cations or any(
            word.startswith(p.lower()) and word[len(p):] in cations for _, p in self.rules.cation_counts)

    def _as_salt(self, words: list[str]) -> list[list[str]]:
        """Chinese and Japanese order, and the salt or ester it may spell: ``HYALURONIC ACID
        SODIUM`` is SODIUM HYALURONATE, ``PALMITIC ACID CETYL`` CETYL PALMITATE."""
        flat: list[str] = []
        for word in " ".join(words).split():
            if flat and flat[-1].endswith("-") and not flat[-1][:-1].isdigit():
                flat[-1] = flat[-1][:-1] + word  # (a prefix row: 聚 POLY- + 谷氨 GLUTAMIC)
            else:
                flat.append(word)
        out = [flat]
        low = [w.lower() for w in flat]
        acid = self.rules.acid
        if acid in low[1:-1]:
            at = low.index(acid, 1)
            adjective = low[at - 1]
            for end, to in self.rules.salt_endings:
                if adjective.endswith(end):
                    out.append(flat[at + 1:] + flat[: at - 1] + [adjective[: -len(end)] + to])
                    out += self._polymer_ester(flat[: at - 1], adjective[: -len(end)] + to, flat[at + 1:])
        elif len(low) > 1 and self._is_cation(low[-1]):
            out.append(flat[-1:] + flat[:-1])
        return out

    def _polymer_ester(self, before: list[str], ester: str, alcohol: list[str]) -> list[list[str]]:
        """An ester of a polymer acid the label names as the acid's polymer (JCIA
        ポリアクリル酸アルキル(C10-30), polyacrylic acid + C10-30 alkyl) read as INCI writes it, the
        polymer prefix before the alcohol part, as a word (POLY C10-30 ALKYL ACRYLATE) or glued
        onto it (ポリメタクリル酸メチル: POLYMETHYL METHACRYLATE). Not for a salt (a cation is
        named first: ポリアクリル酸Na is SODIUM POLYACRYLATE)."""
        if not alcohol or self._is_cation(alcohol[0].lower()):
            return []
        out = []
        for prefix in self.rules.polymer_prefixes:
            if ester.startswith(prefix) and len(ester) > len(prefix) + 2:
                rest = [*before, ester[len(prefix):]]
                out.append([prefix.upper(), *alcohol, *rest])
                if alcohol[0].isalpha():
                    out.append([prefix.upper() + alcohol[0], *alcohol[1:], *rest])
        return out

    def _with_leading(self, words: list[str]) -> list[list[str]]:
        first = tuple(self.rules.leading_prefixes)
        front = [w for w in words if first and w.lower().startswith(first)]
        front += [w for w in words if w.lower() in self.rules.leading]
        out = [words] if not front or words[: len(front)] == front else [
            words, front + [w for w in words if w not in front]]
        return out + [c for c in map(self._count_last, out) if c is not None]

    def _count_last(self, words: list[str]) -> list[str] | None:
        """A count the label wrote on a word before the last, moved to the end, where INCI
        writes it (``tripéptido de cobre-1``: COPPER TRIPEPTIDE-1; ``Poliaciladipato de
        Bis-Diglicerila-2``: BIS-DIGLYCERYL POLYACYLADIPATE-2). Only one such count, never a
        ``leading_prefixes`` word's (PEG-60)."""
        first = tuple(self.rules.leading_prefixes) or ("\0",)
        counted = [k for k, w in enumerate(words[:-1])
                   if _COUNT.fullmatch(w) and not w.lower().startswith(first)]
        if len(counted) != 1:
            return None
        at = counted[0]
        found = _COUNT.fullmatch(words[at])
        assert found is not None
        return [*words[:at], found.group(1), *words[at + 1:-1], words[-1] + found.group(2)]

    def _same_substance(self, a: str, b: str) -> bool:
        # One name spelled with and without a space or hyphen, or one CAS number.
        if _KEY_DROP.sub("", a) == _KEY_DROP.sub("", b):
            return True
        return bool(set(self._cas(a)) & set(self._cas(b)))

    def language_names(self, codes: Iterable[str]) -> list[str]:
        """The packs' names for language codes (``Spanish`` for ``es``)."""
        names = {str(d.get("language")): str(d.get("name", "")) for d in compiled_documents().values()}
        return [names.get(c) or c for c in codes]
