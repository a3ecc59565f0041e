"""Stage 1: turn label text into an ordered list of :class:`Ingredient`.

The parser is a chain of small, linear scanners (no recursion, no backtracking
regular expressions) with hard caps, so any ``str`` -- 5 MB of junk, 10,000
nested brackets, a 100,000-character token -- parses in well under a second and
never raises.

Speed: a plain comma-separated line (ASCII, no markup, markers or separators
other than commas: most real labels) is read by a fast path that gives exactly
what the stages below give (see :func:`_read_plain_line` for why), and the work
on each piece of text between separators is memoised (item texts such as
``Glycerin`` recur across a catalogue).

Stages, in order:

1. **Decode** (offsets kept): a stringified Python list (``['Big Sky:', 'Water, ...']``)
   is decoded element by element (checked against :func:`ast.literal_eval`
   when it holds escapes or unusual characters),
   HTML tags become line breaks or vanish and entities are unescaped. Every
   character of the decoded text remembers where it came from, so ``span`` and
   ``raw`` always point into the *original* string: ``text[s:e] == raw``.
2. **Lines**: the decoded text is cut into lines (``<br>``, list elements, line
   breaks). Per line, in order: text from a stop marker on is dropped
   (``Please be aware that ingredient lists may change``, ``Disclaimer:``);
   "formulated without ..." / "free of ..." sentences are dropped (they *name*
   ingredients the product does not contain); leading marketing bullets
   (``-Snap 8 Peptide: Helps relax ...``) are dropped.
3. **Pieces**: the rest of a line is cut at top-level separators -- ``,`` (not
   between digits: ``1,2-Hexanediol``), ``;``, ``|``, bullets (``• · ●``), sentence
   ends (``Phenoxyethanol. May Contain``), a dose followed by a name
   (``1.50%Water``, ``7.5% Water``), a may-contain marker inside an item,
   `` / `` or `` - `` when it is the line's dominant separator, ``(and)`` when a
   whole comma-less list is written as a blend, and colons. Brackets are
   matched first (unmatched ones are ignored); separators inside matched
   brackets do not count.
4. **Labels** (a piece ending in a colon): ``Ingredients:``, ``INCI:``,
   ``Active/Inactive Ingredients:`` are headers (a title glued before them is
   dropped, a dose such as ``Octocrylene 2.70%`` is kept); ``May Contain:``,
   ``+/-``, ``[+/- ...]`` switch on ``may_contain`` until the next section;
   a short title (``Big Sky:``) becomes the ``section``; a sentence before a
   colon is a lead-in and is dropped. Footnotes (``*Certified organic``) after a
   sentence end or at a line start are dropped, and so are sentences that read
   as prose (brand blurbs, claims), web addresses and batch codes
   (``F.I.L. C253486/1``). Marketing bullets without a description
   (``-Hyaluronic Acid``) and doses in bullets (``-Avobenzone 3%``) are kept,
   flagged ``"highlight"``, unless the list names them again.
5. **Items**: each piece becomes an :class:`Ingredient` -- percentages
   (``17.1%``, ``0,5 %``) go to ``percent``; ``nano``/``[nano]`` is removed and
   flagged; ``™®©``, footnote marks, trailing periods, invisible characters are
   removed from ``name`` by an ordered list of small cleaning functions
   (:data:`NAME_CLEANERS`); case is kept as written.

Names and alternatives (what the matcher downstream sees):

* Parenthesis at the **end** (``Water (Aqua)``, ``Tocopheryl Acetate (Vitamin E)``,
  ``Iron Oxides (CI 77491, CI 77492)``): ``name`` is the text before it, the
  content (split at commas and synonym slashes) are ``alternatives``. Nested
  brackets stay inside the alternative as written.
* Parenthesis **inside** the name (``Butyrospermum Parkii (Shea) Butter``):
  ``name`` is kept as written; alternatives are the name without the
  parenthetical (``Butyrospermum Parkii Butter``) and, when the content is a
  short name, the content plus the words after it (``Shea Butter``).
* A bracket glued to ``Poly`` or holding a carbon range (``Poly(C6-14 Olefin)``)
  and blends ``(and)`` are part of the name.
* **Slashes** (``/`` or ``\\``): *synonyms* when a part is a CI number or a
  colour (``CI 77891/Titanium Dioxide``, ``Ci 19140 / Yellow 5``), when every
  part is a synonym word (``Aqua/Water/Eau``, ``Parfum/Fragrance``), when a later
  part starts with a French/Spanish word (``Extrait D'Orge``), or when all parts
  are multi-word names (``Paraffinum Liquidum / Mineral Oil``). The slash is
  *part of the name* when the last part ends in a polymer/ferment-type word
  (``... Crosspolymer``, ``... Triglyceride``, ``... Ferment Filtrate``), when
  plant parts meet (``Flower/Leaf/Stem``), when a part is a number
  (``PEG/PPG-18/18``), or when a one-word part modifies its neighbour
  (``Caprylic/Capric Triglyceride``, ``Dicaprylate/Dicaprate``). For synonyms,
  ``name`` is the first part and the others are alternatives.
* In a list whose dominant separator is `` / `` (some scraped lists), ``/``
  separates ingredients; two neighbours ``cocos nucifera oil / coconut oil``
  (same last word, the second shorter) or synonym words are merged into one
  ingredient with an alternative.

Doubts are never silent: ``flags`` holds ``"prose"`` (reads like a sentence),
``"long"`` (over 100 characters; names are cut at 300), ``"uncertain-split"``
(a boundary was guessed), ``"highlight"`` (named only in a marketing bullet),
``"nano"``, and ``"truncated"`` on the last item when a hard cap stopped the
parse (1,000,000 characters, 5,000 lines, 200,000 characters a line, 2,000
items -- far beyond any label). Only text that is clearly not an ingredient is dropped: headers,
footnotes, "formulated without" sentences, marketing bullets, and whole
paragraphs of sentences.
"""

from __future__ import annotations

import ast
import dataclasses
import html
import re
import warnings
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from ingredients._normalize import drop_pictographs

__all__ = ["NAME_CLEANERS", "Ingredient", "clean_name", "parse"]


@dataclass(frozen=True, slots=True)
class Ingredient:
    """One ingredient as written on the label."""

    name: str
    """The cleaned label name (markup, footnote marks, percentages and synonyms removed)."""
    raw: str
    """The exact text it came from: ``text[span[0]:span[1]] == raw``."""
    position: int
    """1-based position in label order."""
    span: tuple[int, int]
    """Start and end offsets into the original text."""
    percent: float | None = None
    """Percentage stated on the label (``Zinc Oxide 17.1%``), else None."""
    may_contain: bool = False
    """Listed under "may contain" / "+/-" (colour ranges of a shade line)."""
    alternatives: tuple[str, ...] = ()
    """Other names the label gives for it (``Water (Aqua)``, ``Aqua/Water/Eau``)."""
    flags: tuple[str, ...] = ()
    """Parser doubts, e.g. ``"prose"`` when the item reads like a sentence, not a name."""
    section: str | None = None
    """Kit sub-heading it was listed under (``Big Sky:``), if any."""


_INGREDIENT_SETTERS = tuple(getattr(Ingredient, name).__set__ for name in Ingredient.__slots__)


def _ingredient(
    name: str,
    raw: str,
    position: int,
    span: tuple[int, int],
    percent: float | None,
    may_contain: bool,
    alternatives: tuple[str, ...],
    flags: tuple[str, ...],
    section: str | None,
) -> Ingredient:
    """``Ingredient(...)`` with all fields given, in half the time.

    The frozen dataclass ``__init__`` assigns each field through
    ``object.__setattr__``; writing the slots directly makes the same object
    (there is no ``__post_init__``; ``test_parse_fast_path.py`` checks both).
    Parsing a catalogue makes tens of millions of these.
    """
    item = object.__new__(Ingredient)
    set_name, set_raw, set_position, set_span, set_percent, set_may, set_alts, set_flags, set_section = (
        _INGREDIENT_SETTERS
    )
    set_name(item, name)
    set_raw(item, raw)
    set_position(item, position)
    set_span(item, span)
    set_percent(item, percent)
    set_may(item, may_contain)
    set_alts(item, alternatives)
    set_flags(item, flags)
    set_section(item, section)
    return item


# ---------------------------------------------------------------------------
# Word sets. These are syntax rules of label writing (which words make a slash
# a synonym marker, which words make a sentence), not curated knowledge about
# ingredients: that lives in the database, which the parser must not import.
# ---------------------------------------------------------------------------

# Words that, alone, make up the alternative names of one ingredient: every
# part of ``Aqua/Water/Eau`` or ``Parfum/Fragrance`` is one of these.
_SYNONYM_WORDS = frozenset(
    {
        "aqua", "water", "eau", "parfum", "fragrance", "perfume", "aroma",
        "flavor", "flavour", "arome", "honey", "mel", "miel", "wasser", "agua",
    }
)  # fmt: skip

# A part starting with one of these is a translation (``Extrait De Levure``).
_FOREIGN_LEADS = frozenset(
    {"extrait", "eau", "huile", "cire", "beurre", "extracto", "aceite", "agua", "parfum"}
)

# Colour names used with a number (``Yellow 5``, ``Red 6 Lake``) beside a CI number.
_COLOUR_WORDS = frozenset(
    {"red", "yellow", "blue", "green", "orange", "violet", "black", "white", "brown", "ext"}
)

# A slashed name whose last word is one of these is one substance
# (``Acrylates/C10-30 Alkyl Acrylate Crosspolymer``, ``Caprylic/Capric Triglyceride``).
_JOINING_HEADS = frozenset(
    {
        "copolymer", "crosspolymer", "polymer", "triglyceride", "triglycerides",
        "glycerides", "polyglycerides", "filtrate", "ferment", "lysate", "esters",
        "ester", "glucoside", "glutamate", "stearate", "succinate", "adipate",
        "dimethicone", "glycerin", "glyceride", "alcohols", "acids",
    }
)  # fmt: skip

# Plant parts: ``Flower/Leaf/Stem Extract`` is one extract.
_PLANT_PARTS = frozenset(
    {
        "flower", "flowers", "leaf", "leaves", "stem", "stems", "root", "roots", "fruit",
        "seed", "seeds", "bark", "peel", "twig", "twigs", "bud", "buds", "shoot", "kernel",
        "wood", "rhizome", "needle", "branch", "cone", "callus", "husk", "hull", "sprout",
        "herb", "plant", "stalk", "petal", "juice", "extract", "oil", "pulp", "nut", "germ",
        "bulb", "tuber", "thallus", "meristem", "cell", "water",
    }
)  # fmt: skip

# Sentence words. Strong ones make a piece prose even once in a few words;
# weak ones (``and``, ``of``) also appear in real names and count for less.
_STRONG_FUNCTION_WORDS = frozenset(
    {
        "the", "is", "are", "was", "be", "been", "your", "you", "our", "we", "us",
        "this", "that", "these", "those", "which", "will", "can", "helps", "help",
        "to", "for", "with", "from", "it", "its", "their", "they", "has", "have",
        "while", "into", "when", "also", "more", "than", "not", "all", "every",
        "yang", "dan", "untuk", "dengan", "ini", "itu", "dari", "pada", "adalah",
        "serta", "juga", "akan", "bisa", "dapat", "membantu", "kulit", "rambut",
        "les", "pour", "avec", "est", "und", "mit", "für", "der", "die", "das",
        "provides", "gives", "leaves", "keeps", "makes", "made", "without",
        "contains", "free", "please", "visit", "formulated", "skin's", "skin’s",
        "visibly", "designed", "like", "by", "on", "so", "if", "or", "any", "how",
    }
)  # fmt: skip
_WEAK_FUNCTION_WORDS = frozenset({"and", "of", "in", "a", "an", "as", "at", "no", "&"})

# Header words before a colon: the list starts after them.
_HEADER_WORDS = frozenset(
    {
        "ingredients", "ingredient", "inci", "composition", "ingrédients", "ingredientes",
        "zutaten", "bahan", "bahan-bahan", "komposisi", "inactive", "active",
        "ingredienti", "inhaltsstoffe", "purpose",
    }
)  # fmt: skip

# Catalogue keys (``Product Name:``, ``Division:``): the label and its value are dropped.
_METADATA_KEYS = frozenset({"division", "product name", "name", "size", "bpom", "no. bpom"})

# Abbreviations after which ``. `` does not end a sentence (``Alcohol Denat.``, ``St. John``).
_ABBREVIATIONS = frozenset(
    {"denat", "st", "vit", "no", "sp", "spp", "var", "ssp", "subsp", "ext", "aq", "inc",
     "co", "ltd", "approx", "fl", "oz", "nr", "ca", "dr", "mr", "ms", "n", "fil", "lot"}
)  # fmt: skip

# Phrases that end the useful text: everything after them is dropped.
_STOP_MARKERS = (
    "please be aware that ingredient",
    "please refer to the ingredient list",
    "ingredient lists may change",
    "product ingredient listings are updated",
    "disclaimer:",
    "this information is presented for educational",
    "have not been evaluated by the food and drug",
    "this ingredient list is subject to change",
)

# Phrases that introduce ingredients the product does NOT contain. The sentence
# holding them (and, after a trailing colon, the next line) is dropped.
_EXCLUSION_MARKERS = (
    "formulated without",
    "formulated free of",
    "free of",
    "free from",
    "does not contain",
    "do not contain",
    "made without",
    "we never use",
    "no parabens",
    "paraben-free",
    "paraben free",
)

# Every exclusion marker holds one of these (a cheap pre-check; see _parse_line).
_EXCLUSION_HINTS = ("free", "without", "contain", "never", "paraben")

_EXCLUSION_RE = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(m) for m in _EXCLUSION_MARKERS) + ")")

_MAY_CONTAIN_PREFIXES = ("may contain", "peut contenir", "puede contener", "kann enthalten")
_TRADEMARKS = frozenset("™®©℠")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f")
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")
_TRADEMARK_RE = re.compile("[™®©℠]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f]")
# Linear: each repetition must consume a joiner that the word class excludes.
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|&")
# Tags and entities. Linear: ``[^<>]`` stops at the next ``<``, so scans never overlap.
_HTML_RE = re.compile(
    r"<([A-Za-z/!])[^<>]{0,4000}>|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_TAG_NAME_RE = re.compile(r"[^\W_]*")  # [^\W_] is str.isalnum()
_STRING_STOP_RE = re.compile("['\"\\\\\r\n]")
_HAS_BRACKET_RE = re.compile(r"[()\[\]{}]")
# Text whose only brackets are "(...)" pairs, none inside another (possessive: linear).
_SIMPLE_BRACKETS_RE = re.compile(r"[^()\[\]{}]*+(?:\([^()\[\]{}]*+\)[^()\[\]{}]*+)*+")
_ROUND_PAIR_RE = re.compile(r"\([^()\[\]{}]*\)")
_ALPHA_RE = re.compile(r"[^\W\d_]")
# Characters (and may-contain phrases) where a piece can end; see _pieces.
# (The look-ahead lets the search skip, in C, the positions where no hit can start.)
_PIECE_RE = re.compile(
    r"(?=(?i:[,;|:.!?*%/()\[\]{}•·●▪◦∙\-+±mpk]))"
    r"(?:[,;|:.!?*%/()\[\]{}•·●▪◦∙]|(?<= )-(?= )|\+/[-–]|±"
    r"|(?i:may contain|peut contenir|puede contener|kann enthalten))"
)
# Its hits in ASCII text with no `` - ``, ``+/`` or may-contain phrase (see _piece_re).
_PIECE_CHAR_RE = re.compile(r"[,;|:.!?*%/()\[\]{}•·●▪◦∙]")
# Where the scanners can stop (they jump from one candidate to the next):
_SPACE_BULLET_RE = re.compile(" [-–—•·●▪◦∙]")  # " " before a dash or bullet
_DESCRIPTION_END_RE = re.compile("[.!]| [-–—•·●▪◦∙]")  # a sentence end or the next bullet
_EXCLUSION_END_RE = re.compile(r"[.!](?=\s|\Z)")  # "." or "!" before a space or the end
_LIST_SEPARATOR_RE = re.compile("[,;|]")
_ONLY_STOPS_RE = re.compile("[ .!:]*")  # (fullmatch fails at the first other character)
_FOOTNOTE_MARKS = frozenset("*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰^°+#")
_BULLETS = frozenset("•·●▪◦∙")
_LINE_BREAK_CHARS = "\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"
_LINE_BREAKS = frozenset(_LINE_BREAK_CHARS)
_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = frozenset(")]}")
_DASHES = frozenset("-–—")

_MAX_TEXT = 1_000_000
"""Characters of the input looked at, at most (flag ``"truncated"``): no label is this long."""
_MAX_ITEMS = 2_000
"""No label has this many ingredients: parsing stops there (flag ``"truncated"``)."""
_MAX_LINES = 5_000
"""Lines looked at, at most (flag ``"truncated"`` when there were more)."""
_MAX_LINE = 200_000
"""Characters of one line looked at, at most (flag ``"truncated"``)."""
_LONG_NAME = 100
"""A name longer than this gets the flag ``"long"``."""
_MAX_NAME = 300
"""Names are cut to this many characters (the raw text stays whole)."""
_BLOCK_TAGS = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3",
     "h4", "h5", "h6", "section", "article", "hr", "dd", "dt", "dl", "tbody", "thead"}
)  # fmt: skip
_MAX_TAG = 4000
_JUNK_TEXTS = frozenset(
    {"#name?", "no info", "n/a", "na", "nan", "none", "null", "-", "tbd", "coming soon",
     "not available", "#value!", "#ref!", "[]", "''", '""'}
)  # fmt: skip


# ---------------------------------------------------------------------------
# Offset-keeping text
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Mapped:
    """Text derived from a source, each piece remembering its source range.

    ``pieces`` holds ``(start, source_start, source_end, identity)``: an identity
    piece maps character by character, a substituted one (``&amp;`` -> ``&``)
    maps as a whole. Deleted source text simply has no piece.
    """

    text: str
    starts: list[int]
    pieces: list[tuple[int, int, int, bool]]
    parent: _Mapped | None = None

    def source_start(self, pos: int) -> int:
        """Offset in the original text where the character at ``pos`` starts."""
        if not self.pieces:
            return 0
        i = max(bisect_right(self.starts, pos) - 1, 0)
        start, src_s, src_e, ident = self.pieces[i]
        out = min(src_s + (pos - start), src_e) if ident else src_s
        return self.parent.source_start(out) if self.parent else out

    def source_end(self, pos: int) -> int:
        """Offset in the original text where the text ending at ``pos`` ends."""
        if not self.pieces:
            return 0
        i = max(bisect_right(self.starts, pos - 1) - 1, 0)
        start, src_s, src_e, ident = self.pieces[i]
        out = min(src_s + (pos - start), src_e) if ident else src_e
        return self.parent.source_end(out) if self.parent else out

    def source_ranges(self, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``(source_start(a), source_end(b))`` for each ``(a, b)``, in one call (for speed)."""
        m: _Mapped | None = self
        while m is not None:
            if not m.pieces:
                return [(0, 0)] * len(ranges)
            starts, pieces = m.starts, m.pieces
            out: list[tuple[int, int]] = []
            for a, b in ranges:
                start, src_s, src_e, ident = pieces[max(bisect_right(starts, a) - 1, 0)]
                first = min(src_s + (a - start), src_e) if ident else src_s
                start, src_s, src_e, ident = pieces[max(bisect_right(starts, b - 1) - 1, 0)]
                out.append((first, min(src_s + (b - start), src_e) if ident else src_e))
            ranges = out
            m = m.parent
        return ranges


@dataclass(slots=True)
class _Builder:
    """Accumulates a :class:`_Mapped` from copies and substitutions of ``source``."""

    source: str
    parts: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    pieces: list[tuple[int, int, int, bool]] = field(default_factory=list)
    length: int = 0

    def copy(self, src_start: int, src_end: int) -> None:
        """Copy ``source[src_start:src_end]`` unchanged."""
        if src_end <= src_start:
            return
        if self.pieces:
            start, s, e, ident = self.pieces[-1]
            if ident and e == src_start:
                self.pieces[-1] = (start, s, src_end, True)
                self.parts.append(self.source[src_start:src_end])
                self.length += src_end - src_start
                return
        self.starts.append(self.length)
        self.pieces.append((self.length, src_start, src_end, True))
        self.parts.append(self.source[src_start:src_end])
        self.length += src_end - src_start

    def put(self, text: str, src_start: int, src_end: int) -> None:
        """Write ``text`` standing for ``source[src_start:src_end]``."""
        if not text:
            return
        self.starts.append(self.length)
        self.pieces.append((self.length, src_start, src_end, False))
        self.parts.append(text)
        self.length += len(text)

    def build(self, parent: _Mapped | None) -> _Mapped:
        """The finished text."""
        return _Mapped("".join(self.parts), self.starts, self.pieces, parent)


def _identity(text: str) -> _Mapped:
    return _Mapped(text, [0], [(0, 0, len(text), True)])


# --- Python list literals ---------------------------------------------------

_SIMPLE_ESCAPES = {
    "\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t", "r": "\r",
    "a": "\a", "b": "\b", "f": "\f", "v": "\v", "0": "\0",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _skip_space(s: str, i: int, end: int) -> int:
    while i < end and s[i] in " \t\r\n":
        i += 1
    return i


def _decode_list_literal(source: str) -> _Mapped | None:
    """Decode ``['a, b', 'c']`` into ``a, b\\n\\nc`` with offsets, or None.

    A hand-written scanner does the decoding (so every character keeps its
    offset); :func:`ast.literal_eval` must agree with it, else the text is
    treated as plain text.
    """
    end = len(source)
    while end and source[end - 1].isspace():
        end -= 1
    i = _skip_space(source, 0, end)
    if i >= end or source[i] != "[" or source[end - 1] != "]" or end - i < 2:
        return None
    first, i = i, i + 1
    b = _Builder(source)
    elements: list[str] = []
    while True:
        i = _skip_space(source, i, end)
        if i < end - 1 and source[i] in "'\"":
            quote, i = source[i], i + 1
            before = len(b.parts)
            run = i
            while True:
                hit = _STRING_STOP_RE.search(source, i, end - 1)
                if hit is None:
                    return None
                i = hit.start()
                ch = source[i]
                if ch == quote:
                    break
                if ch in "\r\n":
                    return None
                if ch != "\\":
                    i += 1  # the other quote character
                    continue
                b.copy(run, i)
                nxt = source[i + 1] if i + 1 < end else ""
                if nxt in _SIMPLE_ESCAPES:
                    b.put(_SIMPLE_ESCAPES[nxt], i, i + 2)
                    i += 2
                elif nxt in _HEX_ESCAPES:
                    width = _HEX_ESCAPES[nxt]
                    digits = source[i + 2 : i + 2 + width]
                    try:
                        char = chr(int(digits, 16))
                    except ValueError:
                        return None
                    if len(digits) != width:
                        return None
                    b.put(char, i, i + 2 + width)
                    i += 2 + width
                else:  # unknown escape: Python keeps the backslash
                    b.copy(i, i + 1)
                    i += 1
                run = i
            if i >= end - 1:
                return None
            b.copy(run, i)
            elements.append("".join(b.parts[before:]))
            i = _skip_space(source, i + 1, end)
            if i == end - 1:
                break
            if source[i] != ",":
                return None
            b.put("\n\n", i, i + 1)
            i += 1
        elif i == end - 1:
            break  # empty list or trailing comma
        else:
            return None
    literal = source[first:end]
    if "\\" in literal or not literal.isprintable():
        # Python's reading must agree. (Without escapes and odd characters --
        # tabs, line breaks, NULs, surrogates -- the scanner's grammar, quoted
        # strings between commas and spaces, reads as Python does: skip the check.)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = ast.literal_eval(literal)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
        if value != elements:
            return None
    return b.build(None)


# --- HTML ---------------------------------------------------------------------


def _strip_html(m: _Mapped) -> _Mapped:
    """Remove tags (block tags become line breaks) and unescape entities."""
    s = m.text
    if "<" not in s and "&" not in s:
        return m
    b = _Builder(s)
    run = 0
    for hit in _HTML_RE.finditer(s):
        i, j = hit.span()
        if s[i] == "<":
            k = i + 2 if s[i + 1] == "/" else i + 1
            name = _TAG_NAME_RE.match(s, k, j)  # the letters and digits from k
            b.copy(run, i)
            if name is not None and name.group().lower() in _BLOCK_TAGS:
                b.put("\n", i, j)
            run = j
        else:
            decoded = html.unescape(hit.group())
            if decoded != hit.group():
                b.copy(run, i)
                b.put(" " if decoded == "\xa0" else decoded, i, j)
                run = j
    b.copy(run, len(s))
    return b.build(m)


def _remove_invisible(s: str) -> str:
    """Drop zero-width characters and soft hyphens."""
    return _INVISIBLE_RE.sub("", s)


def _normalise_whitespace(s: str) -> str:
    """Turn every space, tab, NBSP and control character into one plain space."""
    if not s.isprintable():
        s = _CONTROL_RE.sub(" ", s)
    return " ".join(s.split())


def _strip_trademarks(s: str) -> str:
    """Remove ™ ® © ℠."""
    return _TRADEMARK_RE.sub("", s)


def _backslash_to_slash(s: str) -> str:
    """``Water\\Aqua`` (an escaped list) means ``Water/Aqua``."""
    return s.replace("\\", "/")


def _join_broken_words(s: str) -> str:
    """Undo line-wrap hyphens: ``Penty- lene`` -> ``Pentylene``, ``Peg - 100`` -> ``Peg-100``."""
    if "-" not in s:
        return s
    out: list[str] = []
    n = len(s)
    i = 0
    while i < n:
        c = s[i]
        if c == "-" and i > 0 and i + 2 < n:
            prev = s[i - 1]
            if prev.isalpha() and s[i + 1] == " " and s[i + 2].islower():
                i += 2  # "Penty- lene"
                continue
            if prev.isalnum() and s[i + 1] == " " and s[i + 2].isdigit():
                out.append("-")
                i += 2  # "Ppg-13- 24"
                continue
            if prev == " " and i >= 2 and s[i - 2].isalnum() and s[i + 1] == " " and s[i + 2].isdigit():
                out[-1] = "-"
                i += 2  # "Peg - 100"
                continue
        out.append(c)
        i += 1
    return "".join(out)


def _strip_footnote_marks(s: str) -> str:
    """Remove marks such as ``*``, ``**``, ``+``, ``†`` at either end."""
    i, j = 0, len(s)
    while i < j and (s[i] in _FOOTNOTE_MARKS or s[i] == " "):
        i += 1
    while j > i and (s[j - 1] in _FOOTNOTE_MARKS or s[j - 1] == " "):
        j -= 1
    return s[i:j]


def _strip_edge_punctuation(s: str) -> str:
    """Drop separators, quotes and a final period left at the ends (keep ``Denat.``)."""
    i, j = 0, len(s)
    while i < j and s[i] in " .,;:|-–—•·●'\"`!?":
        i += 1
    while j > i and s[j - 1] in " ,;:|-–—•·●'\"`!?.":
        j -= 1
    out = s[i:j]
    if j < len(s) and s[j] == "." and _last_word(out).lower() in _ABBREVIATIONS:
        out += "."
    return out


def _strip_leading_conjunction(s: str) -> str:
    """``and Octisalate 5%`` (the end of a written-out list) -> ``Octisalate 5%``."""
    for lead in ("and ", "And ", "AND ", "& ", "dan ", "et "):
        if s.startswith(lead) and len(s) > len(lead) + 2:
            return s[len(lead) :]
    return s


def _drop_encoding_artifacts(s: str) -> str:
    """``Water/?Aqua`` (a lost character shown as ``?``) -> ``Water/Aqua``; drop U+FFFD."""
    if "?" in s:
        s = s.replace("/?", "/").replace("?/", "/")
    return s.replace("\ufffd", "")


def _rejoin_locants(s: str) -> str:
    """``1 | 2-hexanediol`` (a scraper turned the comma into a separator) -> ``1,2-hexanediol``."""
    if len(s) > 4 and s[0].isdigit() and s[1:4] == " | " and s[4].isdigit():
        return s[0] + "," + s[4:]
    return s


def _strip_lot_codes(s: str) -> str:
    """Batch codes glued to a name: ``C263871/1 Aqua`` -> ``Aqua``; ``Cinnamal. 7004``."""
    head, _, rest = s.partition(" ")
    if rest and "/" in head and sum(c.isdigit() for c in head) >= 5:
        s = rest
    body, dot, tail = s.rpartition(". ")
    if dot and body and tail.isdigit() and len(tail) >= 3:
        s = body
    return s


def _strip_unbalanced_edge_brackets(s: str) -> str:
    """``['Water`` (a broken list literal) -> ``'Water``; balanced brackets stay."""
    if s[:1] not in _OPEN and s[-1:] not in _CLOSE:
        return s
    for opening, closing in (("[", "]"), ("(", ")"), ("{", "}")):
        if closing not in s:
            s = s.lstrip(opening)
        if opening not in s:
            s = s.rstrip(closing)
    return s


def _drop_empty_brackets(s: str) -> str:
    """``Fragrance ()`` -> ``Fragrance``."""
    for pair in ("()", "[]", "( )", "[ ]"):
        s = s.replace(pair, "")
    return s


NAME_CLEANERS: tuple[Callable[[str], str], ...] = (
    # The order matters: invisible characters first (they hide spaces and
    # marks), whitespace before the word joins that look at spaces, marks
    # before punctuation (``Extract*.``), whitespace again at the end.
    drop_pictographs,
    _remove_invisible,
    _normalise_whitespace,
    _strip_trademarks,
    _backslash_to_slash,
    _drop_encoding_artifacts,
    _strip_lot_codes,
    _rejoin_locants,
    _join_broken_words,
    _drop_empty_brackets,
    _strip_unbalanced_edge_brackets,
    _strip_footnote_marks,
    _strip_edge_punctuation,
    _strip_footnote_marks,
    _strip_leading_conjunction,
    _normalise_whitespace,
)
"""Cleaning steps applied, in order, to the text of every item to make ``name``."""


def clean_name(text: str) -> str:
    """Apply :data:`NAME_CLEANERS` in order (no percent, nano or synonym handling)."""
    for step in NAME_CLEANERS:
        text = step(text)
    return text


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _last_word(s: str) -> str:
    j = len(s)
    while j and not s[j - 1].isalnum():
        j -= 1
    i = j
    while i and s[i - 1].isalpha():
        i -= 1
    return s[i:j]


def _words(s: str) -> list[str]:
    """Lower-cased words (letters and digits, joined by ``-`` or ``'``) and ``&`` of ``s``."""
    return _WORD_RE.findall(s.lower())


def _outside_brackets(s: str) -> str:
    """``s`` without the content of (balanced) brackets, linear."""
    return _outside_brackets_depth(s)[0]


def _outside_brackets_depth(s: str) -> tuple[str, int]:
    """:func:`_outside_brackets`, and the bracket depth at the end of ``s``.

    Any opener deepens, any closer shallows (kinds are not matched); a closer
    at depth 0 is kept as text. The scan jumps from bracket to bracket.
    """
    out: list[str] = []
    depth = run = 0
    for hit in _HAS_BRACKET_RE.finditer(s):
        i = hit.start()
        if depth == 0:
            out.append(s[run:i])
        if s[i] in "([{":
            depth += 1
        elif depth:
            depth -= 1
        else:
            out.append(s[i])
        run = i + 1
    if not run:
        return s, 0  # no bracket at all
    if depth == 0:
        out.append(s[run:])
    return "".join(out), depth


def _looks_like_prose(s: str) -> bool:
    """True when ``s`` reads like a sentence rather than an ingredient name."""
    words = _words(_outside_brackets(s))
    if not words:
        return False
    strong = sum(1 for w in words if w in _STRONG_FUNCTION_WORDS)
    weak = sum(1 for w in words if w in _WEAK_FUNCTION_WORDS)
    n = len(words)
    if strong >= 2 or (strong and n >= 4) or (strong + weak >= 3 and n >= 6):
        return True
    if n >= 6 and sum(1 for w in words if w[:1] > "ɏ") * 2 > n:
        return True  # a sentence in a non-Latin script (no function words known for it)
    stripped = s.rstrip()
    return n >= 3 and stripped[-1:] in "!?"


def _is_ci(s: str) -> bool:
    """``CI 77891``, ``Ci77891``, ``C.I. 77891``, OCR ``Cl 77891``, bare ``77891``."""
    t = s.strip().lower().replace(".", "").replace(" ", "").replace("no:", "")
    if t.startswith(("ci", "cl")):
        t = t[2:]
    return len(t) == 5 and t.isdigit()


def _is_colour(s: str) -> bool:
    """``Yellow 5``, ``Red 6 Lake``, ``Blue 1 Aluminum Lake``, ``Ext. Violet 2``."""
    words = _words(s)
    return 1 < len(words) <= 5 and words[0] in _COLOUR_WORDS and any(w.isdigit() for w in words[1:3])


def _percent_at(s: str, pct: int) -> tuple[int, float] | None:
    """Number written before the ``%`` at ``pct``: ``(start, value)`` or None."""
    j = pct
    while j and s[j - 1] == " ":
        j -= 1
    k = j
    while k and (s[k - 1].isdigit() or s[k - 1] in ".,"):
        k -= 1
    while k < j and s[k] in ".,":
        k += 1
    digits = s[k:j]
    if not digits or not digits[0].isdigit() or len(digits) > 12:
        return None
    try:
        value = float(digits.replace(",", "."))
    except ValueError:
        return None
    if k and (s[k - 1].isalpha() or s[k - 1] == "-"):  # "PEG-100%"?  a name, not a dose
        return None
    return k, value


def _extract_percent(s: str) -> tuple[str, float | None]:
    """Remove a stated percentage (``17.1%``, ``(2.5%)``, ``0,5 %``) from ``s``."""
    pct = s.rfind("%")
    if pct == -1:
        return s, None
    found = _percent_at(s, pct)
    if found is None:
        return s, None
    start, value = found
    end = pct + 1
    if s[:start].strip() and s[end:].strip(" )]."):
        return s, None  # a percentage in the middle is not this item's dose
    # "(2.5%)" -> drop the brackets as well
    ls, re_ = start, end
    while ls and s[ls - 1] == " ":
        ls -= 1
    if ls and s[ls - 1] in "([" and re_ < len(s) and s[re_] in ")]":
        start, end = ls - 1, re_ + 1
    out = (s[:start] + " " + s[end:]).strip()
    return _normalise_whitespace(out), value


def _extract_nano(s: str) -> tuple[str, bool]:
    """Remove ``nano``, ``[nano]``, ``(nano)`` as a separate word; report whether found."""
    low = s.lower()
    if "nano" not in low:
        return s, False
    words = s.split(" ")
    kept: list[str] = []
    found = False
    for w in words:
        core = w.strip("[]()*,.").lower()
        if core in ("nano", "nanoparticles", "nano-sized") and len(w) - len(core) <= 3:
            found = True
            continue
        kept.append(w)
    return (" ".join(kept) if found else s), found


def _strip_may_contain(s: str) -> tuple[str, bool]:
    """Remove leading ``May contain``, ``+/-``, ``(+/-)``, ``±`` markers."""
    found = False
    while True:
        t = s.lstrip(" :/[(-–")
        low = t.lower()
        hit = next((p for p in _MAY_CONTAIN_PREFIXES if low.startswith(p)), None)
        if hit is not None:
            s, found = t[len(hit) :], True
            continue
        for marker in ("(+/-)", "[+/-]", "(+/–)", "+/-", "+/–", "(±)", "±"):
            if t.startswith(marker):
                s, found = t[len(marker) :], True
                break
        else:
            if found:
                s = t.lstrip(" :)]")
            return s, found


def _has_may_contain(s: str) -> int:
    """Index of a may-contain marker in ``s`` or -1."""
    low = s.lower()
    best = -1
    for p in (*_MAY_CONTAIN_PREFIXES, "+/-", "+/–", "±"):
        k = low.find(p)
        if k != -1 and (best == -1 or k < best):
            best = k
    return best


# ---------------------------------------------------------------------------
# Alternatives: parentheses and slashes
# ---------------------------------------------------------------------------


def _is_code(s: str) -> bool:
    """Registration and batch numbers: ``NA22181002396``, ``F.I.L. B35849/1``, ``251/036``."""
    digits = sum(map(str.isdigit, s))
    if digits < 5:
        return False
    if " " not in s.strip() and digits >= 6:
        return True
    squeezed = s.lower().replace(".", "").replace(" ", "").lstrip("([")
    return digits >= 5 and (
        squeezed.startswith(("fil", "lot", "batch")) or ("/" in s and digits >= len(_words(s)) * 3)
    )


def _match_brackets(s: str, start: int = 0, end: int | None = None) -> dict[int, int]:
    """Map each matched opening bracket in ``s[start:end]`` to its closing one."""
    end = len(s) if end is None else end
    if _SIMPLE_BRACKETS_RE.fullmatch(s, start, end):  # the common "A (B), C (D)": in one pass
        return {hit.start(): hit.end() - 1 for hit in _ROUND_PAIR_RE.finditer(s, start, end)}
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for hit in _HAS_BRACKET_RE.finditer(s, start, end):
        i = hit.start()
        c = s[i]
        if c in _OPEN:
            stack.append(i)
        elif c in _CLOSE:
            # pop to the nearest opener of the same kind; unmatched closers are ignored
            for k in range(len(stack) - 1, max(len(stack) - 4, -1), -1):
                if _OPEN[s[stack[k]]] == c:
                    pairs[stack[k]] = i
                    del stack[k:]
                    break
    return pairs


def _top_level_split(s: str, seps: str, pairs: dict[int, int] | None = None) -> list[str]:
    """Split ``s`` at characters of ``seps`` outside matched brackets."""
    if not any(c in s for c in seps):
        return [s]
    pairs = _match_brackets(s) if pairs is None else pairs
    out: list[str] = []
    run = skip = 0
    n = len(s)
    for hit in _split_re(seps).finditer(s):  # jump from one separator or opener to the next
        i = hit.start()
        if i < skip:
            continue  # inside a matched bracket
        if i in pairs:
            skip = pairs[i] + 1
            continue
        c = s[i]
        if c in seps and not (c == "," and 0 < i < n - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()):
            out.append(s[run:i])
            run = i + 1
    out.append(s[run:])
    return out


@lru_cache(maxsize=16)
def _split_re(seps: str) -> re.Pattern[str]:
    """The characters :func:`_top_level_split` stops at: ``seps`` and openers."""
    return re.compile("[" + re.escape("([{" + seps) + "]")


def _slash_parts_are_synonyms(parts: list[str]) -> bool:
    """Decide whether ``a/b/c`` lists names of one ingredient (True) or is one name."""
    stripped = [p.strip() for p in parts]
    if any(not p for p in stripped):
        return False
    if any(_is_ci(p) or _is_colour(p) for p in stripped):
        return True
    words = [_words(p) for p in stripped]
    if any(not w for w in words):
        return False
    if all(all(x in _SYNONYM_WORDS for x in w) for w in words):
        return True
    if any(w[0] in _FOREIGN_LEADS for w in words[1:]):
        return True
    if words[-1][-1] in _JOINING_HEADS:
        return False
    if any(p[0].isdigit() for p in stripped):
        return False  # "PEG/PPG-18/18 Dimethicone", "Nylon-6/12"
    for left, right in pairwise(words):
        if left[-1] in _PLANT_PARTS and right[0] in _PLANT_PARTS:
            return False  # "Flower/Leaf/Stem Extract"
    if len(words[0]) == 1 and len(words[-1]) > 1:
        return False  # "Caprylic/Capric Triglyceride"
    for left, right in pairwise(words):
        if len(right) == 1 and _share_affix(left[-1], right[0]):
            return False  # "Dicaprylate/Dicaprate", "Palmitate/Ethylhexanoate"
    if any(len(w) == 1 for w in words[1:-1]):
        return False
    return not all(len(w) == 1 for w in words)  # "Saccharomyces/Imperata": unknown, keep


def _share_affix(a: str, b: str) -> bool:
    if a[:3] == b[:3] and len(a) > 3 and len(b) > 3:
        return True
    return len(a) > 3 and len(b) > 3 and a[-3:] == b[-3:]


def _inner_alternatives(content: str) -> list[str]:
    """Split bracket content (``Aqua, Eau``, ``Aqua / Eau``) into names."""
    out: list[str] = []
    for piece in _top_level_split(content, ",;"):
        part = clean_name(piece)
        if not part:
            continue
        slashes = _top_level_split(part, "/")
        if len(slashes) > 1 and _slash_parts_are_synonyms(slashes):
            out.extend(clean_name(x) for x in slashes)
        else:
            out.append(part)
    return out


def _is_name_bracket(s: str, open_at: int, content: str) -> bool:
    """Brackets that belong to the name: ``Poly(C6-14 Olefin)``, ``(and)``, ``L (+)``."""
    low = content.strip().lower()
    if low in ("and", "&", "et", "und", "y", "+", "-", "+/-", "±", "dl", "d", "l"):
        return True
    if not any(c.isalpha() for c in low) or sum(c.isalpha() for c in low) < 2:
        return True
    if open_at and s[open_at - 1].isalnum():
        before = _last_word(s[:open_at]).lower()
        if before.endswith("poly") or (low[:1] == "c" and low[1:2].isdigit()):
            return True
    return False


def _split_alternatives(name: str) -> tuple[str, list[str]]:
    """Separate the other names a label gives (see the module docstring)."""
    alternatives: list[str] = []
    pairs = _match_brackets(name)
    # 1. a trailing parenthetical: "Water (Aqua)"
    stripped = name.rstrip()
    end = len(stripped)
    opener = next((o for o, c in pairs.items() if c == end - 1), None)
    if opener is not None and opener > 0:
        content = stripped[opener + 1 : end - 1]
        base = stripped[:opener].rstrip()
        if base and not _is_name_bracket(stripped, opener, content):
            alternatives.extend(_inner_alternatives(content))
            name = base
            pairs = _match_brackets(name)
    # 2. slashes outside brackets
    parts = _top_level_split(name, "/", pairs)
    if len(parts) > 1 and _slash_parts_are_synonyms(parts):
        cleaned = [clean_name(p) for p in parts]
        name = cleaned[0]
        alternatives = [*cleaned[1:], *alternatives]
        pairs = _match_brackets(name)
    # 3. a parenthetical inside the name: "Butyrospermum Parkii (Shea) Butter"
    inner = [(o, c) for o, c in sorted(pairs.items()) if c < len(name) - 1]
    top = [(o, c) for o, c in inner if not any(o2 < o and c < c2 for o2, c2 in inner)]
    if top:
        mids: list[str] = []
        o, c = top[0]
        content = name[o + 1 : c]
        if not _is_name_bracket(name, o, content):
            without = name[:o].rstrip() + " " + name[c + 1 :].lstrip()
            mids.append(clean_name(without))
            after = name[c + 1 :].strip()
            words = _words(content)
            if 0 < len(words) <= 3 and after and not _is_ci(content) and "," not in content:
                mids.append(clean_name(content + " " + after))
        alternatives = [*mids, *alternatives]
    seen = {name.lower()}
    unique: list[str] = []
    for alt in alternatives:
        key = alt.lower()
        if alt and key not in seen and not _is_code(alt):
            seen.add(key)
            unique.append(alt)
    return name, unique


# ---------------------------------------------------------------------------
# Lines and pieces
# ---------------------------------------------------------------------------

# Piece end kinds
_SEP, _COLON, _SENTENCE, _LINE = 0, 1, 2, 3


@dataclass(slots=True)
class _State:
    section: str | None = None
    may_contain: bool = False
    in_list: bool = False


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    name: str
    percent: float | None
    may_contain: bool
    alternatives: tuple[str, ...]
    flags: tuple[str, ...]
    section: str | None


def _lines(s: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the non-empty lines of ``s``."""
    out: list[tuple[int, int]] = []
    start = 0
    # str.splitlines breaks at exactly the characters of _LINE_BREAKS (and is fast)
    for line in s.splitlines(keepends=True):
        length = len(line.rstrip(_LINE_BREAK_CHARS))
        if length:
            out.append((start, start + length))
        start += len(line)
    return out


def _sentence_end(s: str, i: int, end: int) -> bool:
    """Is the ``.``/``!``/``?`` at ``i`` the end of a sentence inside ``s[:end]``?"""
    if i + 1 >= end:
        return False
    if not s[i + 1].isspace():
        return False
    j = i + 1
    while j < end and s[j].isspace():
        j += 1
    if j >= end:
        return False
    nxt = s[j]
    if nxt.islower() or (nxt.isdigit() and s[i] == "."):
        return False
    if s[i] != ".":
        return True
    if i and s[i - 1].isdigit():
        return True  # "Ci 77492. *Pitera"
    word = _last_word(s[max(0, i - 40) : i])
    return len(word) > 1 and word.lower() not in _ABBREVIATIONS


def _find_stop(low: str, start: int, end: int) -> int:
    best = -1
    for marker in _STOP_MARKERS:
        k = low.find(marker, start, end)
        if k != -1 and (best == -1 or k < best):
            best = k
    return best


def _find_exclusion(low: str, start: int, end: int) -> int:
    """First exclusion marker (at a word start) in ``low[start:end]``, or -1."""
    hit = _EXCLUSION_RE.search(low, start, end)
    return -1 if hit is None else hit.start()


def _sentence_start(s: str, start: int, at: int) -> int:
    """Start of the sentence holding ``at`` (after ``. `` or a bullet)."""
    i = at
    while i > start:
        c = s[i - 1]
        if c in _BULLETS or c in ",;|" or (c == "." and i < len(s) and s[i].isspace()):
            return i
        i -= 1
    return start


def _bullet_at(s: str, i: int, end: int) -> bool:
    """A marketing bullet ``-Name`` / ``- Name`` / ``• Name`` starts at ``i``."""
    if i >= end or (s[i] not in _DASHES and s[i] not in _BULLETS):
        return False
    j = i + 1
    while j < end and s[j] in " \"“‘'":
        j += 1
    return j < end and (s[j].isupper() or s[j].isdigit())


def _name_like(piece: str) -> bool:
    t = piece.strip()
    if not t or len(t) > 80:
        return False
    return (t[0].isupper() or t[0].isdigit()) and not _looks_like_prose(t)


def _next_bullet(s: str, pos: int, end: int) -> int:
    """Start of the next `` -Name`` bullet after ``pos`` (the dash), or -1."""
    j = pos + 1
    while (hit := _SPACE_BULLET_RE.search(s, j, end)) is not None:
        j = hit.start()
        if _bullet_at(s, j + 1, end):
            return j + 1
        j += 1
    return -1


def _marketing_end(s: str, start: int, end: int, keep: list[tuple[int, int]]) -> tuple[int, bool]:
    """Skip leading ``-Name: description.`` bullets; return where the rest starts.

    The boolean is True when the boundary between the last bullet and the list
    had to be guessed (no full stop between them). Bullet names that are
    ingredients in their own right -- a dose with a drug-facts purpose
    (``-Titanium Dioxide 3.55%: Sunscreen.``) or a bare name (``-Zinc Oxide``)
    -- have their ranges appended to ``keep``.
    """
    i = start
    while i < end and s[i].isspace():
        i += 1
    if not _bullet_at(s, i, end):
        return start, False
    pos = i
    while _bullet_at(s, pos, end):
        colon = s.find(":", pos, min(end, pos + 200))
        following = _next_bullet(s, pos, min(end, pos + 200))
        if colon == -1 or (following != -1 and following < colon):
            # "-Titanium Dioxide -Zinc Oxide Cyclopentasiloxane, ...": bare names
            if following == -1:
                if _LIST_SEPARATOR_RE.search(s, pos, end) is None:
                    keep.append((pos + 1, end))  # a line holding just "-Hyaluronic Acid"
                    return end, False
                first = s[pos:end].split(",", 1)[0].rstrip(" .")
                return pos, not first.endswith("%")
            keep.append((pos + 1, following))
            pos = following
            continue
        j = colon + 1
        stop = -1
        while (hit := _DESCRIPTION_END_RE.search(s, j, end)) is not None:
            j = hit.start()
            if _sentence_end(s, j, end) if s[j] in ".!" else _bullet_at(s, j + 1, end):
                stop = j + 1
                break
            j += 1
        if "%" in s[pos:colon] and len(_words(s[colon + 1 : stop if stop != -1 else end])) <= 3:
            keep.append((pos + 1, colon))
        if stop == -1:
            return _salvage_list(s, colon + 1, end)
        pos = stop
        while pos < end and s[pos].isspace():
            pos += 1
    return pos, False


def _salvage_list(s: str, start: int, end: int) -> tuple[int, bool]:
    """A description runs into the list without a full stop: guess where it starts."""
    pieces = _top_level_split(s[start:end], ",")
    offset = start
    for k, piece in enumerate(pieces[:-1]):
        offset += len(piece) + 1
        following = pieces[k + 1 : k + 4]
        if len(following) >= 3 and all(_name_like(p) for p in following):
            head = piece
            # the list starts at the trailing run of capitalised words of ``head``
            cut = len(head)
            depth = 0
            for i in range(len(head), 0, -1):
                c = head[i - 1]
                if c in ")]":
                    depth += 1
                elif c in "([" and depth:
                    depth -= 1
                elif depth == 0 and c == " " and i < len(head):
                    first = head[i]
                    if not (first.isupper() or first.isdigit() or first in "(["):
                        break
                    cut = i
            else:
                cut = 0
            begin = offset - len(piece) - 1 + cut
            while begin < end and s[begin].isspace():
                begin += 1
            return begin, True
    return end, False


def _spaced_dominant(s: str, start: int, end: int, mark: str) -> bool:
    """`` / `` or `` - `` separates ingredients (some scraped or OCR'd lists)."""
    count = s.count(mark, start, end)
    if count < 4:
        return False
    others = sum(s.count(c, start, end) for c in ",;|•·●")
    return others * 3 <= count


def _and_dominant(s: str, start: int, end: int) -> bool:
    """``Water (and) Argan Oil (and) Propanediol``: a list written as one blend."""
    low = s[start:end].lower()
    if low.count("(and)") < 3:
        return False
    return not any(c in low for c in ",;|•·●")


def _until_separator(s: str, start: int, end: int) -> str:
    for j in range(start, end):
        if s[j] in ",;|":
            return s[start:j]
    return s[start:end]


def _locant_pipe(s: str, run: int, i: int, end: int) -> bool:
    """The ``|`` of ``1 | 2-hexanediol``: between a lone locant digit and ``2-``."""
    return (
        s[run:i].strip().isdigit()
        and len(s[run:i].strip()) == 1
        and i + 3 < end
        and s[i + 1] == " "
        and s[i + 2].isdigit()
        and s[i + 3] in "-,"
    )


def _piece_re(s: str, start: int, end: int) -> re.Pattern[str]:
    """:data:`_PIECE_RE`, or the faster :data:`_PIECE_CHAR_RE` when it finds the same
    hits in ``s[start:end]``: no other alternative can match there."""
    segment = s[start:end]
    if (
        segment.isascii()  # (then case-insensitive matching is plain lower-casing)
        and " - " not in s[max(start - 1, 0) : end]  # (the look-behind sees s[start - 1])
        and "+/" not in segment
        and _has_may_contain(segment.lower()) == -1
    ):
        return _PIECE_CHAR_RE
    return _PIECE_RE


def _pieces(
    s: str,
    start: int,
    end: int,
    pairs: dict[int, int],
    *,
    slash_sep: bool,
    dash_sep: bool,
    and_sep: bool,
) -> list[tuple[int, int, int]]:
    """Cut ``s[start:end]`` into ``(start, end, kind)`` at top-level separators.

    The scanner jumps from one candidate character to the next (a C-level
    search) and over matched brackets, so it is linear and fast.
    """
    out: list[tuple[int, int, int]] = []
    forced: set[int] = set()
    run = start
    seen_alpha, scanned = False, start  # is there a letter in s[run:i]? (amortised)

    def letters_before(i: int) -> bool:
        nonlocal seen_alpha, scanned
        if not seen_alpha and scanned < i:
            seen_alpha = _ALPHA_RE.search(s, scanned, i) is not None
            scanned = i
        return seen_alpha

    def cut(at: int, kind: int, resume: int) -> None:
        nonlocal run, seen_alpha, scanned
        out.append((run, at, kind))
        run = scanned = resume
        seen_alpha = False

    piece_re = _piece_re(s, start, end)
    i = start
    while True:
        hit = piece_re.search(s, i, end)
        if hit is None:
            break
        i = hit.start()
        c = s[i]
        if c in _OPEN:
            close = pairs.get(i, -1)
            if close == -1 or i in forced:
                i += 1
                continue
            if and_sep and s[i + 1 : close].strip().lower() == "and":
                cut(i, _SEP, close + 1)
                i = close + 1
                continue
            inner = s[i + 1 : min(close, i + 40)].lstrip(" ([").lower()
            if inner.startswith(("+/-", "+/–", "±", *_MAY_CONTAIN_PREFIXES)):
                # "[+/- May Contain: CI 77491, ...]" -> its items are list items
                cut(i, _SEP, i + 1)
                forced.add(close)
                i += 1
                continue
            i = close + 1 if close < end else i + 1
            continue
        if i in forced or (c in ";|" and not _locant_pipe(s, run, i, end)) or c in _BULLETS:
            cut(i, _SEP, i + 1)
        elif c == ",":
            if not (i > start and i + 1 < end and s[i - 1].isdigit() and s[i + 1].isdigit()):
                cut(i, _SEP, i + 1)
        elif c == ":":
            if s[i + 1 : i + 3] != "//":  # "http://..." is not a label
                cut(i, _COLON, i + 1)
        elif c in ".!?":
            if _sentence_end(s, i, end):
                cut(i, _SENTENCE, i + 1)
        elif c == "*":
            if (
                i > run
                and i + 2 < end
                and (
                    # "Phenoxyethanol * Essential Oil": a footnote follows
                    (s[i - 1] == " " and (s[i + 1].isalpha() or (s[i + 1] == " " and s[i + 2].isalpha())))
                    # "Sodium Hydroxide* Ingrédient issu de l'Agriculture Biologique"
                    or (
                        s[i - 1].isalpha()
                        and s[i + 1] == " "
                        and s[i + 2].isupper()
                        and len(_words(_until_separator(s, i + 1, min(end, i + 200)))) >= 3
                    )
                )
                and letters_before(i)
            ):
                cut(i, _SENTENCE, i)
        elif c == "%":
            if (
                i + 2 < end
                and s[i + 1] == " "
                and s[i + 2].isupper()
                and not s[i + 2 : i + 12].lower().startswith(("ingredient", "inactive", "active"))
                and letters_before(i)
            ) or (i + 1 < end and s[i + 1].isalpha() and s[i + 1].isupper()):
                # "-Octinoxate 7.5% Water" / "1.50%Water": the dose ends its item
                cut(i + 1, _SEP, i + 1)
        elif c == "/":
            if slash_sep and s[i - 1 : i] == " " and s[i + 1 : i + 2] == " ":
                cut(i, _SEP, i + 1)
        elif c == "-":
            if dash_sep and s[i + 1 : i + 2] == " " and not s[i + 2 : i + 3].isdigit():
                cut(i, _SEP, i + 1)
        elif c in "+±mMpPkK" and i > run and s[i - 1] == " " and letters_before(i):
            cut(i, _SEP, i)  # "Disodium Phosphate +/- May Contain Ci 77491"
        i += 1
    out.append((run, end, _LINE))
    return out


def _strip_range(s: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, bullets and separators from both ends of ``s[start:end]``."""
    while start < end and (s[start].isspace() or s[start] in ",;|:" or s[start] in _BULLETS):
        start += 1
    while end > start and (s[end - 1].isspace() or s[end - 1] in ",;|:" or s[end - 1] in _BULLETS):
        end -= 1
    # a final full stop belongs to the list, not the item (but "Denat." keeps it)
    if (
        end > start
        and s[end - 1] == "."
        and _last_word(s[max(start, end - 41) : end - 1]).lower() not in _ABBREVIATIONS
    ):
        end -= 1
        while end > start and s[end - 1].isspace():
            end -= 1
    if end > start + 1 and s[start] in _DASHES and not s[start + 1].isdigit():
        start += 1
        while start < end and s[start].isspace():
            start += 1
    return start, end


def _label_kind(label: str) -> str:
    """Classify the text before a colon: header, may, meta, lead-in, section."""
    low = label.strip().lower().strip(" *-–•([")
    if not low:
        return "empty"
    if _has_may_contain(low) != -1:
        return "may"
    words = _words(low)
    if words and (
        words[-1] in _HEADER_WORDS
        or (
            len(words) > 1
            and words[-2] in _HEADER_WORDS
            and words[-1] in ("bahan", "bahan-bahan", "inci", "list")
        )
    ):
        return "header"
    if low in _METADATA_KEYS or (words and words[-1] in _METADATA_KEYS and len(words) <= 8):
        return "meta"
    if _looks_like_prose(label) or len(words) > 8:
        return "lead-in"
    return "section"


def _header_prefix(label: str) -> str:
    """Text of a header label before its header words (``Octocrylene 2.70%``)."""
    words_end = len(label)
    low = label.lower()
    # find the start of the trailing header phrase
    best = words_end
    for w in (
        "active ingredients",
        "active ingredient",
        "inactive ingredients",
        "inactive ingredient",
        "other ingredients",
        "ingredients",
        "ingredient",
        "inactive",
        "inci",
        "composition",
        "ingrédients",
        "bahan-bahan",
        "bahan",
        "komposisi",
        "purpose",
        "active",
    ):
        k = low.rfind(w)
        if k != -1 and k < best and not low[k + len(w) :].strip(" /-").isalpha():
            best = k
    return label[:best]


def _parse_line(
    s: str, start: int, end: int, state: _State, *, items: list[_Item], skip_next: list[bool]
) -> bool:
    """Parse one line into ``items``; return False when the rest of the text is to be dropped."""
    line = start
    low = s[start:end].lower()
    if _is_junk(low):
        return True
    going_on = True
    stop = _find_stop(low, 0, end - start)
    if stop != -1:
        end = start + stop
        going_on = False
    # "formulated without ..." sentences name what is absent. (Substring searches
    # for the hints, once a line, are far cheaper than the regex search.)
    hinted = any(hint in low for hint in _EXCLUSION_HINTS)
    while hinted:
        k = _find_exclusion(low, start - line, end - line)
        if k == -1:
            break
        at = line + k
        sent = _sentence_start(s, start, at)
        hit = _EXCLUSION_END_RE.search(s, at, end)
        j = end if hit is None else hit.start()
        if s[at:j].rstrip().endswith(":") and _ONLY_STOPS_RE.fullmatch(s, j, end):
            skip_next[0] = True  # nothing follows the colon: the next line is what is absent
        if sent == start and j >= end:
            return going_on
        _parse_segment(s, start, sent, state, items=items)
        start = j + 1
        if start >= end:
            return going_on
    keep: list[tuple[int, int]] = []
    new_start, guessed = _marketing_end(s, start, end, keep)
    for a, b in keep:
        before = len(items)
        _parse_segment(s, a, b, state, items=items)
        for item in items[before:]:
            item.flags = (*item.flags, "highlight")
    if new_start > start and not keep:
        state.in_list = False
    _parse_segment(s, new_start, end, state, items=items, guessed=guessed)
    return going_on


def _parse_segment(
    s: str, start: int, end: int, state: _State, *, items: list[_Item], guessed: bool = False
) -> None:
    """Parse ``s[start:end]`` (part of one line) into ``items``."""
    if end <= start:
        return
    pairs = _match_brackets(s, start, end)
    slash_sep = _spaced_dominant(s, start, end, " / ")
    dash_sep = _spaced_dominant(s, start, end, " - ")
    and_sep = _and_dominant(s, start, end)
    pieces = _pieces(s, start, end, pairs, slash_sep=slash_sep, dash_sep=dash_sep, and_sep=and_sep)
    sentence: list[_Item] = []
    sentence_start = start
    footnote = False
    prev_kind = _LINE
    for index, (p_start, p_end, kind) in enumerate(pieces):
        if len(items) + len(sentence) >= _MAX_ITEMS:
            items.extend(sentence)
            return
        a, b, may, fields, _plain = _piece(s[p_start:p_end])  # = _strip_range and _make_item's work
        a += p_start
        b += p_start
        if footnote:
            footnote = kind not in (_SENTENCE, _LINE)
        elif a < b and s[a] in "*†‡" and prev_kind in (_SENTENCE, _LINE) and _footnote_ok(pieces, index):
            # "*Certified organic." / ". **From natural origin": runs to its sentence end
            footnote = kind not in (_SENTENCE, _LINE)
        elif kind == _COLON:
            _handle_label(s, (a, b), state, out=sentence, heading=prev_kind in (_SENTENCE, _LINE))
            sentence_start = p_end  # a lead-in sentence does not make the list prose
        else:
            if may:
                state.may_contain = True
            if fields is not None:
                name, percent, alternatives, flags = fields
                if guessed:
                    flags = (*flags, "uncertain-split")
                    guessed = False
                sentence.append(
                    _Item(a, b, name, percent, state.may_contain, alternatives, flags, state.section)
                )
        prev_kind = kind
        if kind in (_SENTENCE, _LINE):
            if sentence and not _prose_sentence(s, sentence_start, p_end, sentence):
                state.in_list = True
                items.extend(sentence)
            sentence = []
            sentence_start = p_end


def _footnote_ok(pieces: list[tuple[int, int, int]], index: int) -> bool:
    """A footnote runs to its sentence end; refuse when that would swallow a list."""
    return any(kind in (_SENTENCE, _LINE) for _s, _e, kind in pieces[index : index + 3])


PROSE_WINDOW = 3000
"""Characters of a sentence that :func:`_prose_sentence` reads."""


def _prose_sentence(s: str, start: int, end: int, found: list[_Item]) -> bool:
    """A sentence (brand blurb, claim) rather than part of a list: dropped whole."""
    words, strong = _word_counts(s[start : min(end, start + PROSE_WINDOW)])
    prose = sum(1 for it in found if "prose" in it.flags)
    return _reads_as_prose(words, strong, prose, len(found))


def _word_counts(s: str) -> tuple[int, int]:
    """Words, and strong function words among them, outside the brackets of ``s``."""
    words = _words(_outside_brackets(s))
    return len(words), sum(1 for w in words if w in _STRONG_FUNCTION_WORDS)


def _reads_as_prose(words: int, strong: int, prose: int, found: int) -> bool:
    """The verdict of :func:`_prose_sentence` from its counts: words and strong
    function words outside brackets, and items (of ``found``) flagged ``"prose"``."""
    if words < 8:
        return False
    if strong * 10 >= words or (prose and strong * 20 >= words):
        return True
    return prose * 10 >= found * 6


def _handle_label(s: str, span: tuple[int, int], state: _State, *, out: list[_Item], heading: bool) -> None:
    """Act on the text before a colon (see :func:`_label_kind`)."""
    a, b = span
    text = s[a:b]
    kind = _label_kind(text)
    if kind == "header":
        prefix = _header_prefix(text)
        if prefix.strip() and (state.in_list or "%" in prefix):
            item = _make_item(s, *_strip_range(s, a, a + len(prefix)), state)
            if item is not None:
                out.append(item)
        state.in_list = True
    elif kind == "may":
        k = _has_may_contain(text.lower())
        if k > 0 and text[:k].strip(" ([-–"):
            item = _make_item(s, *_strip_range(s, a, a + k), state)
            if item is not None:
                out.append(item)
        state.may_contain = True
    elif kind == "section" and heading:
        name = clean_name(text)
        if name:
            state.section = name
            state.may_contain = False
    # "meta", "lead-in", "empty": dropped


def _make_item(s: str, a: int, b: int, state: _State) -> _Item | None:
    if b <= a:
        return None
    may, fields = _item_fields(s[a : min(b, a + _MAX_NAME * 4)])  # longer is junk anyway
    if may:
        state.may_contain = True
    if fields is None:
        return None
    name, percent, alternatives, flags = fields
    return _Item(a, b, name, percent, state.may_contain or may, alternatives, flags, state.section)


_Fields = tuple[str, float | None, tuple[str, ...], tuple[str, ...]]
"""``(name, percent, alternatives, flags)`` of an item."""


def _item_fields(text: str) -> tuple[bool, _Fields | None]:
    """What the stripped text of one item gives: ``(may-contain marker found, fields)``.

    ``fields`` is None when the text is not an ingredient. A pure function of
    ``text`` (no state, no offsets): :func:`_piece` memoises it.
    """
    flags: list[str] = []
    body, may = _strip_may_contain(text)
    name = clean_name(body)
    name, percent = _extract_percent(name)
    name, nano = _extract_nano(name)
    if nano:
        flags.append("nano")
    if nano or percent is not None:
        name = clean_name(name)
    if not any(c.isalpha() for c in name):
        return may, None  # "(251/036)", "5", "*": not an ingredient
    if "://" in name or name.lower().startswith("www."):
        return may, None  # a web address ("available at http://COSMOS.ecocert.com")
    if _is_code(name):
        return may, None  # a registration or batch number: "NA22181002396", "F.I.L. B35849/1"
    prose = _looks_like_prose(name[:_MAX_NAME])
    if prose:
        flags.append("prose")
        alternatives: list[str] = []
    elif len(name) <= _MAX_NAME * 3:
        name, alternatives = _split_alternatives(name)
    else:
        alternatives = []
    if len(name) > _LONG_NAME:
        flags.append("long")
        name = name[:_MAX_NAME].rstrip()
    return may, (name, percent, tuple(alternatives), tuple(flags))


def _merge_slash_pairs(s: str, items: list[_Item]) -> list[_Item]:
    """In `` / `` separated lists, join ``cocos nucifera oil / coconut oil``."""
    out: list[_Item] = []
    for item in items:
        if out:
            prev = out[-1]
            slash = s.find("/", prev.end, item.start) != -1  # (cheap: most items have none between)
            if slash and s[prev.end : item.start].strip() == "/" and _pair_synonyms(prev.name, item.name):
                out[-1] = _Item(
                    prev.start,
                    item.end,
                    prev.name,
                    prev.percent,
                    prev.may_contain,
                    (*prev.alternatives, item.name, *item.alternatives),
                    prev.flags,
                    prev.section,
                )
                continue
        out.append(item)
    return out


def _drop_repeated_highlights(items: list[_Item]) -> list[_Item]:
    """A marketing bullet name that the list itself names again is not a second item."""
    if not any("highlight" in it.flags for it in items):
        return items
    listed = {it.name.lower() for it in items if "highlight" not in it.flags}
    return [it for it in items if "highlight" not in it.flags or it.name.lower() not in listed]


def _pair_synonyms(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if all(w in _SYNONYM_WORDS for w in wa + wb):
        return True
    return len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1] and len(wb) < len(wa)


def _is_junk(text: str) -> bool:
    t = text.strip()
    if len(t) >= 80:
        return False  # (junk texts are short; lower-casing never shortens a text)
    t = t.lower()
    if t in _JUNK_TEXTS:
        return True
    return t.startswith("visit the ") and t.endswith(" boutique") and len(t) < 80


# ---------------------------------------------------------------------------
# Memoised per-piece work
# ---------------------------------------------------------------------------

_CACHE_SIZE = 50_000
"""Entries of each memo (:func:`_piece`, :func:`_plain_line`), some 300 bytes each.

Item texts recur across a catalogue (``Glycerin``, `` Water (Aqua)``): on the
benchmark corpora some 90% of pieces are found in the memo once it is warm.
"""
_MEMO_TEXT = 200
"""Longer texts are not memoised (they rarely recur, and would make the memos big)."""

_Piece = tuple[int, int, bool, _Fields | None, bool]
"""A piece read: ``(start, end, may-contain marker found, fields, plain)``."""


def _piece(piece: str) -> _Piece:
    """What one piece (the text between two separators) gives, offsets relative to it.

    ``start:end`` is the range :func:`_strip_range` keeps, and the marker and
    ``fields`` are the :func:`_item_fields` of it (``(False, None)`` when
    empty). Neither reads anything outside the piece, so this is memoised.

    ``plain`` says that, in a plain line (:func:`_read_plain_line`), the piece
    cannot make the line a prose sentence: it is no ``"prose"`` item, has no
    strong function word outside brackets, and closes the brackets it opens
    (as :func:`_outside_brackets` counts them), so that the words outside
    brackets of the line are those of its pieces (a comma ends a word).
    """
    return _piece_memo(piece) if len(piece) <= _MEMO_TEXT else _read_piece(piece)


def _read_piece(piece: str) -> _Piece:
    """:func:`_piece`, not memoised."""
    a, b = _strip_range(piece, 0, len(piece))
    may, fields = _item_fields(piece[a : min(b, a + _MAX_NAME * 4)]) if b > a else (False, None)
    plain = False  # (always safe: the line's words are then counted directly)
    if len(piece) <= _MEMO_TEXT:
        outside, depth = _outside_brackets_depth(piece)
        strong = any(w in _STRONG_FUNCTION_WORDS for w in _words(outside))
        plain = depth == 0 and not strong and (fields is None or "prose" not in fields[3])
    return a, b, may, fields, plain


_piece_memo = lru_cache(maxsize=_CACHE_SIZE)(_read_piece)


# ---------------------------------------------------------------------------
# Fast path: plain comma-separated lines
# ---------------------------------------------------------------------------

# The characters a plain line may use: ASCII letters, digits, spaces, the
# punctuation of INCI names, and the footnote stars, doses and stray ``?!`` of
# real lists (where they cut nothing: _PLAIN_CUT_MARK_RE, _PLAIN_STOP_RE).
# Everything else (markup, ``:;|+&"``, bullets, line breaks, tabs, non-ASCII)
# takes the full path.
_PLAIN_RE = re.compile(r"[A-Za-z0-9 ,.'()\[\]{}/*%?!-]*")
# Where _pieces may cut at a footnote star (``Oil * Essential``, ``Juice* Certified``)
# or after a dose (``7.5% Water``, ``1.50%Water``), given a letter before them in the
# piece (see _cuts_at_mark): such lines take the full path.
_PLAIN_CUT_MARK_RE = re.compile(r"\*[ A-Za-z]|%[ ]?[A-Z]")
_PLAIN_STOP_RE = re.compile(r"[.!?] ")
_PLAIN_MAX = 20_000
"""Longest plain line (far below every cap of the full path)."""
# Every stop, exclusion and may-contain marker, lower-cased, holds one of these
# (a test checks it): a line holding none of them needs no marker search.
_MARKER_HINTS = (
    "ingredient", "information", "evaluated", "disclaimer", "free ", "without",
    "contain", "contenir", "contener", "enthalten", "never", "no paraben", "paraben-free",
    "paraben free", "+/", "±",
)  # fmt: skip
# Cutting a plain line at its commas (see _plain_split).
_PLAIN_CUT_RE = re.compile(r"[,(\[{]")
# A comma not between digits (no digit after it, or none before it); it starts
# with the literal comma, so that the search skips ahead fast.
_PLAIN_COMMA_RE = re.compile(r",(?:(?![0-9])|(?<![0-9],))")
_COMMA_IN_ROUND_RE = re.compile(r"\([^()\[\]{},]*,")  # in simple brackets: a comma inside a pair
# Most plain lines in one pass: characters of _PLAIN_RE whose brackets are all
# "(...)" pairs with no comma, bracket or line break inside; such a line is cut at
# every comma not between digits (see _simple_split).
_PLAIN_SIMPLE_RE = re.compile(r"(?:[A-Za-z0-9 ,.'/*%?!-]++|\([A-Za-z0-9 .'/*%?!-]*+\))*+")
_DIGIT_COMMA_DIGIT_RE = re.compile(r",(?=[0-9])(?<=[0-9],)")  # (the literal first: searched fast)

_PlainLine = tuple[int, tuple[tuple[int, int, _Fields], ...], bool]
"""A plain line read: ``(pieces, items as (start, end, fields), prose sentence)``."""


def _read_plain_line(line: str) -> _PlainLine | None:
    """Read a plain comma-separated line the fast way, or None when it is not plain.

    A line is plain when it is at most :data:`_PLAIN_MAX` characters of
    :data:`_PLAIN_RE` (ASCII; no line breaks, tabs or any of ``<&:;|+"``),
    does not start with ``[``, ``-`` or ``*`` (a list literal, a marketing bullet,
    a footnote), has no ``. ``, ``? `` or ``! `` that ends a sentence
    (:func:`_sentence_end`, as :func:`_pieces` asks), no ``*`` before a space
    or letter and no ``%`` before a capital (with or without a space between)
    after a letter of its comma-separated part, nor ``%`` directly before a
    capital (:func:`_cuts_at_mark`), holds none of
    :data:`_MARKER_HINTS`, is no junk text, and neither `` / ``, `` - `` nor
    ``(and)`` is its dominant separator. :func:`_parse_line` then finds exactly
    the items read here, because in such a line:

    * there is no stop or exclusion marker and no marketing bullet, so the
      whole line is one segment for :func:`_parse_segment`;
    * :func:`_pieces` cuts only at commas outside matched brackets and not
      between digits: no other separator occurs, ``.!?`` never end a sentence,
      a ``*`` never starts a footnote and a ``%`` never ends an item (neither
      is followed by what :func:`_pieces` looks for after a letter of its
      piece), a footnote could only
      start the first piece (no sentence ends before it) and that one does not
      start with ``*``, and a bracket never holds a may-contain marker; so there
      are no labels, footnotes or sentence ends, the state does not change (but
      for ``in_list``) and the
      line is one sentence, kept unless :func:`_prose_sentence` drops it;
    * :func:`_strip_range` and :func:`_make_item` read only their piece
      (:func:`_piece` memoises them), and the words outside brackets of the
      line are those of its pieces when every piece closes its brackets.

    ``prose`` is that verdict; ``pieces`` counts the pieces, for the item cap.
    """
    parts = _plain_parts(line)
    if parts is None:
        return None
    records = [read_plain_part(part) for part in parts]
    prose = plain_verdict(line, records)
    if prose is None:
        return None
    found: list[tuple[int, int, _Fields]] = []
    run = 0
    for part, rec in zip(parts, records, strict=True):
        if rec.fields is not None:
            found.append((run + rec.start, run + rec.end, rec.fields))
        run += len(part) + 1
    return len(parts), tuple(found), prose


def _plain_parts(line: str) -> list[str] | None:
    """The line-wide checks of :func:`_read_plain_line`, then its parts (None: not plain).

    What can be checked part by part (hints, cut marks, separators counted) is
    left to :func:`_read_plain_part`: none of those marks holds a comma, so none
    spans two parts.
    """
    if len(line) > _PLAIN_MAX:
        return None
    simple = _PLAIN_SIMPLE_RE.fullmatch(line) is not None
    if not simple and (not line.isascii() or _PLAIN_RE.fullmatch(line) is None):
        return None
    if line.lstrip(" ")[:1] in "[-*" or _is_junk(line):
        return None  # ("" is in every string: a blank line is not plain either)
    return _simple_split(line) if simple else _plain_split(line)


def _simple_split(line: str) -> list[str]:
    """:func:`_plain_split` of a line :data:`_PLAIN_SIMPLE_RE` matches (no comma
    inside a bracket): ``str.split`` unless a comma stands between two digits
    (``1,2-Hexanediol``)."""
    if _DIGIT_COMMA_DIGIT_RE.search(line) is None:
        return line.split(",")
    return _PLAIN_COMMA_RE.split(line)


class PlainPart(NamedTuple):
    """What one comma-separated part gives towards reading its line the fast way."""

    ok: bool
    """No marker hint, cut mark (:data:`_PLAIN_CUT_MARK_RE`) or may-contain marker."""
    clean: bool
    """``ok``, ``simple``, and no separator mark or possible sentence end to count
    or check: a line of clean parts is plain and no prose (see :func:`plain_verdict`)."""
    slashes: int
    dashes: int
    ands: int
    stop: bool
    """Holds ``. ``, ``? `` or ``! ``: the line must be checked for a sentence end."""
    start: int
    end: int
    fields: _Fields | None
    simple: bool
    """The ``plain`` of :func:`_piece`."""


def _read_plain_part(part: str) -> PlainPart:
    low = part.lower()
    a, b, may, fields, simple = _piece(part)
    ok = (
        not may
        and not any(hint in low for hint in _MARKER_HINTS)
        and not (("*" in part or "%" in part) and _cuts_at_mark(part))
    )
    slashes, dashes, ands = part.count(" / "), part.count(" - "), low.count("(and)")
    stop = ". " in part or "? " in part or "! " in part
    clean = ok and simple and not (slashes or dashes or ands or stop)
    return PlainPart(ok, clean, slashes, dashes, ands, stop, a, b, fields, simple)


def _cuts_at_mark(part: str) -> bool:
    """May :func:`_pieces` cut this part at a footnote star or after a dose?

    It cuts at ``*`` before a space or letter, and after ``%`` before a space and a
    capital, only with a letter earlier in the piece (``Oil * Essential``; not
    ``, *Calendula``); after ``%`` directly before a capital always (``1.50%Water``).
    """
    first = _ALPHA_RE.search(part)
    for hit in _PLAIN_CUT_MARK_RE.finditer(part):
        at = hit.start()
        if (first is not None and first.start() < at) or (part[at] == "%" and part[at + 1] != " "):
            return True
    return False


def read_plain_part(part: str) -> PlainPart:
    """:class:`PlainPart` of one part of :func:`plain_parts` (memoised for short parts)."""
    return _plain_part_memo(part) if len(part) <= _MEMO_TEXT else _read_plain_part(part)



def plain_verdict(line: str, records: Sequence[PlainPart]) -> bool | None:
    """Is the plain ``line`` with these parts prose (dropped whole)? None when not plain.

    The rest of :func:`_read_plain_line`: every part ``ok``, no sentence end, no
    dominant `` / ``, `` - `` or ``(and)``, and the prose verdict of its sentence.
    """
    n = len(line)
    if n <= PROSE_WINDOW and all(r.clean for r in records):
        return False  # (a line of simple parts is no prose sentence; see _piece)
    if not all(r.ok for r in records):
        return None
    if any(r.stop for r in records) and any(
        _sentence_end(line, hit.start(), n) for hit in _PLAIN_STOP_RE.finditer(line)
    ):
        return None  # ("St. John's Wort" goes on; "Linalool. *Organic" does not)
    # (a mark holds no comma, so the parts' counts add up to the line's)
    if sum(r.slashes for r in records) >= 4 and _spaced_dominant(line, 0, n, " / "):
        return None
    if sum(r.dashes for r in records) >= 4 and _spaced_dominant(line, 0, n, " - "):
        return None
    if sum(r.ands for r in records) >= 3 and _and_dominant(line, 0, n):
        return None
    found = [r.fields for r in records if r.fields is not None]
    if found and not (n <= PROSE_WINDOW and all(r.simple for r in records)):
        words, strong = _word_counts(line[:PROSE_WINDOW])
        flagged = sum(1 for fields in found if "prose" in fields[3])
        return _reads_as_prose(words, strong, flagged, len(found))
    return False


def plain_parts(text: str) -> list[str] | None:
    """A text's comma-separated parts when it may be one plain line; ``[]`` for a
    text that holds nothing (blank, junk); None when it needs the full parser.

    Batch scoring reads each part with :func:`read_plain_part` (remembering it)
    and asks :func:`plain_verdict` unless every part is ``clean``. When the
    verdict is False, :func:`parse` gives the items of the parts that hold one
    (``fields``), at positions 1, 2, ..., none may-contain or in a section -
    unless :func:`starts_locant` holds for a name (``1, 2-Hexanediol``): then
    call :func:`parse`. When it is True the text is prose and parse gives nothing.
    """
    if not text.strip() or _is_junk(text):
        return []
    parts = _plain_parts(text)
    if parts is None or len(parts) >= _MAX_ITEMS:
        return None
    return parts


def _plain_split(line: str) -> list[str]:
    """A plain ``line`` cut where :func:`_pieces` cuts it.

    That is at every comma not between two digits (``1,2-Hexanediol``) and not
    inside a matched bracket (``Iron Oxides (CI 77491, CI 77492)``).
    """
    if _SIMPLE_BRACKETS_RE.fullmatch(line) and not _COMMA_IN_ROUND_RE.search(line):
        return _PLAIN_COMMA_RE.split(line)  # no comma inside a bracket: one pass
    pairs = _match_brackets(line)
    n = len(line)
    out: list[str] = []
    run = skip = 0
    for hit in _PLAIN_CUT_RE.finditer(line):
        i = hit.start()
        if i < skip:
            continue  # inside a matched bracket
        if line[i] != ",":
            skip = pairs.get(i, i) + 1
        elif not (0 < i < n - 1 and line[i - 1].isdigit() and line[i + 1].isdigit()):
            out.append(line[run:i])
            run = i + 1
    out.append(line[run:])
    return out


_plain_line_memo = lru_cache(maxsize=_CACHE_SIZE)(_read_plain_line)
_plain_part_memo = lru_cache(maxsize=_CACHE_SIZE)(_read_plain_part)


def _plain_line(line: str) -> _PlainLine | None:
    """:func:`_read_plain_line`, memoised for short lines (one-ingredient lines recur)."""
    return _plain_line_memo(line) if len(line) <= _MEMO_TEXT else _read_plain_line(line)


def _parse_plain(text: str) -> list[Ingredient] | None:
    """Parse a text that is one plain line (most real labels) quickly; None if it is not.

    For such a text (see :func:`_read_plain_line`) the result is exactly that
    of the full path: decoding is the identity (no list literal, no ``<`` or
    ``&``), so offsets are offsets into ``text``; there is one line and no cap
    is reached (fewer than :data:`_MAX_ITEMS` pieces); the state stays as it
    starts (no section, no may-contain); consecutive items are separated by a
    comma, so no `` / `` pair is merged; and there are no marketing highlights.

    ``tests/parse/test_parse_fast_path.py`` checks the equivalence on generated
    lists; the benchmark corpora were compared row by row.
    """
    return _plain_items(text, _plain_line(text))


def _plain_items(text: str, plain: _PlainLine | None) -> list[Ingredient] | None:
    """:func:`_parse_plain` given ``_plain_line(text)``."""
    if plain is None or plain[0] >= _MAX_ITEMS:
        return None
    _count, found, prose = plain
    if prose:
        return []
    return [
        _ingredient(name, text[a:b], position, (a, b), percent, False, alternatives, flags, None)
        for position, (a, b, (name, percent, alternatives, flags)) in enumerate(found, 1)
    ]


def joins_locant(text: str, start: int) -> bool:
    """True when the item starting at ``start`` of ``text`` takes back the locant cut off
    before it (``1, 2-Hexanediol``): the test :func:`_join_spaced_locants` makes."""
    return _LOCANT_HEAD_RE.search(text, max(0, start - 8), start) is not None


def starts_locant(name: str) -> bool:
    """True when an item name may take back a locant cut off before it (see :func:`plain_parts`)."""
    return _LOCANT_TAIL_RE.match(name) is not None


def _holds_nothing(text: object) -> bool:
    """Not a text, blank, or junk (``N/A``, ``#NAME?``): :func:`parse` gives ``[]``."""
    return not isinstance(text, str) or not text.strip() or _is_junk(text)


def parse(text: str) -> list[Ingredient]:
    """Split label text into ingredients in label order.

    Never raises on a ``str``; text that holds no ingredient list gives ``[]``.
    ``raw`` is always ``text[span[0]:span[1]]`` of the original ``text``; see the
    module docstring for the rules.
    """
    if _holds_nothing(text):
        return []
    plain = _plain_line(text)
    fast = _plain_items(text, plain)
    if fast is not None:
        return _join_spaced_locants(text, fast)
    # (a text found not plain is not tried again as a line of itself)
    return _join_spaced_locants(text, _parse_full(text, tried=text if plain is None else ""))


def parse_not_plain(text: str) -> list[Ingredient]:
    """:func:`parse` of a text known not to be one plain line (batch scoring has read
    its parts: :func:`plain_parts` gave None or :func:`plain_verdict` None)."""
    if _holds_nothing(text):
        return []
    return _join_spaced_locants(text, _parse_full(text, tried=text))


_LOCANT_TAIL_RE = re.compile(r"\d{1,2}-[^\W\d_]")
_LOCANT_HEAD_RE = re.compile(r"(?:^|(?<=[\s,;(\[]))(\d{1,2}),[ \t]+\Z")
# What every _LOCANT_HEAD_RE match holds: a text without it joins no locant.
_LOCANT_GAP_RE = re.compile(r"\d,[ \t]")


def _may_join_locant(text: str, items: Sequence[Ingredient | _Item]) -> bool:
    """Could :func:`_join_spaced_locants` give an item back its locant? (A name starts
    ``<digits>-<letter>`` and the text holds ``<digit>, ``.)"""
    return _LOCANT_GAP_RE.search(text) is not None and any(
        _LOCANT_TAIL_RE.match(item.name) for item in items)


def _join_spaced_locants(text: str, items: list[Ingredient]) -> list[Ingredient]:
    """``1, 2-Hexanediol`` (a space after the locant comma) is one ingredient.

    The splitters keep ``1,2-Hexanediol`` whole because the comma sits between two
    digits; with a space there they cut it, and the lone ``1`` is dropped as a stray
    number. An item that starts with ``<digits>-<letter>`` and is preceded in the text
    by ``<one or two digits>, `` gets that locant back, its span widened to cover it.
    """
    if not _may_join_locant(text, items):
        return items
    out: list[Ingredient] = []
    for found in items:
        item = found
        head = _LOCANT_HEAD_RE.search(text, max(0, item.span[0] - 8), item.span[0]) \
            if _LOCANT_TAIL_RE.match(item.name) else None
        if head is not None:
            start = head.start(1)
            if out and out[-1].span[1] > start:  # the locant was kept as an item: fold it in
                if out[-1].name != head.group(1):
                    out.append(item)
                    continue
                out.pop()
            locant = head.group(1)
            item = dataclasses.replace(
                item, name=f"{locant},{item.name}", raw=text[start:item.span[1]],
                span=(start, item.span[1]),
                alternatives=tuple(f"{locant},{a}" for a in item.alternatives),
            )
        out.append(item)
    return [item if item.position == n else dataclasses.replace(item, position=n)
            for n, item in enumerate(out, start=1)]


def _parse_full(text: str, *, fast_lines: bool = True, tried: str = "") -> list[Ingredient]:
    """:func:`parse` for a text that is not one plain line (and not blank or junk).

    Plain lines are read the fast way (:func:`_plain_line`) unless ``fast_lines``
    is False: the tests compare both ways. A line equal to ``tried`` (the whole
    text, already found not plain) is not tried again.
    """
    merged, mapped, identity = _read_full(text, fast_lines=fast_lines, tried=tried)
    spans = [(item.start, item.end) for item in merged]
    if not identity:
        spans = [(a, max(b, a)) for a, b in mapped.source_ranges(spans)]
    return [
        _ingredient(
            item.name,
            text[span[0] : span[1]],
            position,
            span,
            item.percent,
            item.may_contain,
            item.alternatives,
            item.flags,
            item.section,
        )
        for position, (item, span) in enumerate(zip(merged, spans, strict=True), 1)
    ]


def items_not_plain(text: str) -> list[_Item] | None:
    """What :func:`parse_not_plain` finds, as the parser's own records, without making
    Ingredient objects (batch scoring needs only their names, percentages,
    may-contain marks and alternatives; the positions are 1, 2, ...).

    None when a name may take back a locant cut off before it (``1, 2-Hexanediol``):
    then call :func:`parse_not_plain`, which joins it.
    """
    if _holds_nothing(text):
        return []
    merged, _mapped, _identity = _read_full(text, fast_lines=True, tried=text)
    if _may_join_locant(text, merged):
        return None
    return merged


def _read_full(text: str, *, fast_lines: bool, tried: str) -> tuple[list[_Item], _Mapped, bool]:
    """The items of :func:`_parse_full` (offsets into the decoded text), the mapping
    back to ``text`` and whether it is the identity."""
    head = text[:_MAX_TEXT]
    decoded = _decode_list_literal(head)
    mapped = _strip_html(decoded or _identity(head))
    if decoded is None:
        mapped.parent = None  # (an identity: mapping through it changes nothing)
    s = mapped.text
    identity = mapped.parent is None and mapped.pieces == [(0, 0, len(s), True)]  # offsets in s = in text
    state = _State()
    items: list[_Item] = []
    skip_next = [False]
    lines = _lines(s)
    truncated = len(lines) > _MAX_LINES or len(text) > _MAX_TEXT
    for start, line_end in lines[:_MAX_LINES]:
        if not s[start:line_end].strip():
            continue
        if skip_next[0]:
            skip_next[0] = False
            continue
        end = min(line_end, start + _MAX_LINE)
        truncated = truncated or end < line_end
        line = s[start:end]
        plain = _plain_line(line) if fast_lines and line != tried else None
        if plain is not None and len(items) + plain[0] <= _MAX_ITEMS:
            # what _parse_line would find (see _read_plain_line), the fast way
            _count, found, prose = plain
            if found and not prose:
                state.in_list = True
                may, section = state.may_contain, state.section
                for a, b, (name, percent, alts, flags) in found:
                    items.append(_Item(start + a, start + b, name, percent, may, alts, flags, section))
        elif not _parse_line(s, start, end, state, items=items, skip_next=skip_next):
            break
        if len(items) >= _MAX_ITEMS:
            truncated = True
            del items[_MAX_ITEMS:]
            break
    if truncated and items:
        items[-1].flags = (*items[-1].flags, "truncated")
    return _drop_repeated_highlights(_merge_slash_pairs(s, items)), mapped, identity


def _clear_caches() -> None:
    """Empty the memos of per-item work (for benchmarks: a cold start)."""
    _piece_memo.cache_clear()
    _plain_line_memo.cache_clear()
    _plain_part_memo.cache_clear()
