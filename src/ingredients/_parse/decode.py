"""Stage 1, decode: list literals and HTML, every character keeping its source offset."""

from __future__ import annotations

import ast
import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass, field

from ingredients._parse.languages import _FERMENT_WORDS, _LIST_SEPARATORS, _ORGANISM_WORDS
from ingredients._parse.rules import _BLOCK_TAGS, _HTML_RE, _STRING_STOP_RE, _TAG_NAME_RE

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
    comma = -1  # a comma between elements, written out when the next element begins
    while True:
        i = _skip_space(source, i, end)
        if i < end - 1 and source[i] in "'\"":
            if comma >= 0:  # (a trailing comma separates nothing: "['a',]" is one element)
                b.put("\n\n", comma, comma + 1)
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
            comma = i
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
            import html  # only texts with entities need it

            decoded = html.unescape(hit.group())
            if decoded != hit.group():
                b.copy(run, i)
                b.put(" " if decoded == "\xa0" else decoded, i, j)
                run = j
    b.copy(run, len(s))
    return b.build(m)


# --- Wide forms ---------------------------------------------------------------

# Full-width ASCII (``ＢＧ``, ``（＋／－）``, ``，``), the ideographic space and CJK
# brackets and full stop, each read as the one ASCII character it stands for.
_WIDE = {
    **{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)},
    0x3000: ord(" "), ord("。"): ord("."), ord("【"): ord("["), ord("】"): ord("]"),
    ord("〔"): ord("("), ord("〕"): ord(")"), ord("［"): ord("["), ord("］"): ord("]"),
}  # fmt: skip
_WIDE_TABLE = {**_WIDE, **{ord(sep): ord(",") for sep in _LIST_SEPARATORS}}
_WIDE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_WIDE_TABLE)) + "]")
# A list mark between digits (``维生素B12、1,2-己二醇``): unlike a comma there, it cuts.
_DIGIT_MARK_RE = (
    re.compile(r"(?<=\d)[" + "".join(re.escape(sep) for sep in _LIST_SEPARATORS) + r"](?=\d)")
    if _LIST_SEPARATORS
    else None
)


def _fold_wide(m: _Mapped) -> _Mapped:
    """Read full-width forms and the list marks of CJK scripts (``、``, ``・``: the
    packs' ``separators``) as ASCII, one character for one, so that every offset
    stays where it was and ``raw`` keeps the label's own characters."""
    s = m.text
    if s.isascii() or _WIDE_RE.search(s) is None:
        return m
    folded = s.translate(_WIDE_TABLE)
    if folded == s:
        return m
    if _DIGIT_MARK_RE is not None and _DIGIT_MARK_RE.search(s):
        folded = _DIGIT_MARK_RE.sub(";", s).translate(_WIDE_TABLE)
    return _Mapped(folded, m.starts, m.pieces, m.parent)


# --- Ferments split by a list mark ------------------------------------------

def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A list mark after an organism (``乳酸桿菌、``) whose next item names a ferment.
_FERMENT_MARK_RE = (
    re.compile(rf"(?:{_alternation(_ORGANISM_WORDS)})\s*(,)(?=[^,;]*?(?:{_alternation(_FERMENT_WORDS)}))")
    if _ORGANISM_WORDS and _FERMENT_WORDS
    else None
)
_ORGANISM_RE = re.compile(_alternation(_ORGANISM_WORDS)) if _ORGANISM_WORDS else None


def _join_ferments(m: _Mapped) -> _Mapped:
    """Read a list mark between an organism and the ferment after it as the slash of
    one name: ``乳酸桿菌、蓮籽發酵產物濾液`` is IECIC's ``乳酸杆菌/莲籽发酵产物滤液``, one
    ingredient, and so it stays when the next item names its own organism (``酵母菌、
    二裂酵母發酵產物濾液`` is two). One character for one: every offset stays put."""
    s = m.text
    if _FERMENT_MARK_RE is None or _ORGANISM_RE is None or s.isascii():
        return m
    if not any(w in s for w in _FERMENT_WORDS):
        return m
    marks = []
    for hit in _FERMENT_MARK_RE.finditer(s):
        mark = hit.start(1)
        ferment = min(j for w in _FERMENT_WORDS if (j := s.find(w, mark)) != -1)
        if _ORGANISM_RE.search(s, mark + 1, ferment) is None:
            marks.append(mark)
    if not marks:
        return m
    chars = list(s)
    for mark in marks:
        chars[mark] = "/"
    return _Mapped("".join(chars), m.starts, m.pieces, m.parent)


# --- Lists joined by "@" ------------------------------------------------------

# Some shop exports join a list's names with "@" (``정제수@글리세린@판테놀``); an e-mail
# address (``care@brand.com``) has one "@" with a domain after it.
_AT_JOINED = 2
_EMAIL_RE = re.compile(r"[\w.+-]@[\w-]+\.[a-z]{2,}\b", re.IGNORECASE)


def _split_at_signs(m: _Mapped) -> _Mapped:
    """Read "@" as a list separator in a text that joins two or more names with it and
    holds no e-mail address; one character for one, so every offset stays put."""
    s = m.text
    if s.count("@") < _AT_JOINED or _EMAIL_RE.search(s):
        return m
    return _Mapped(s.replace("@", ","), m.starts, m.pieces, m.parent)

