"""Small readers of label text the stages share (words, brackets, sentence ends)."""

from __future__ import annotations

import re
from functools import lru_cache

from ingredients._parse.languages import (
    _ABBREVIATIONS,
    _COLOUR_WORDS,
    _HEADER_PHRASE_MAX,
    _HEADER_PHRASE_WORDS,
    _HEADER_WORDS,
    _JUNK_TEXTS,
    _MAY_CONTAIN_PREFIXES,
    _MAY_CONTAIN_RE,
    _STRONG_FUNCTION_WORDS,
    _WEAK_FUNCTION_WORDS,
)
from ingredients._parse.rules import (
    _CLOSE,
    _HAS_BRACKET_RE,
    _OPEN,
    _ROUND_PAIR_RE,
    _SIMPLE_BRACKETS_RE,
    _WORD_RE,
    _comma_in_number,
)

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
    """Lower-cased words (letters and digits, joined by ``-``, ``–`` or ``'``) and ``&`` of ``s``."""
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
    hit = _MAY_CONTAIN_RE.search(s.lower())  # (the leftmost of any marker: one pass)
    return -1 if hit is None else hit.start()


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
        if c in seps and not (
            c == ","
            and 0 < i < n - 1
            and s[i - 1].isdigit()
            and s[i + 1].isdigit()
            and _comma_in_number(s, i, 0, n)
        ):
            out.append(s[run:i])
            run = i + 1
    out.append(s[run:])
    return out


@lru_cache(maxsize=16)
def _split_re(seps: str) -> re.Pattern[str]:
    """The characters :func:`_top_level_split` stops at: ``seps`` and openers."""
    return re.compile("[" + re.escape("([{" + seps) + "]")


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


def _is_junk(text: str) -> bool:
    t = text.strip()
    if len(t) >= 80:
        return False  # (junk texts are short; lower-casing never shortens a text)
    t = t.lower()
    if t in _JUNK_TEXTS:
        return True
    return t.startswith("visit the ") and t.endswith(" boutique") and len(t) < 80


BARE_HEADER_CHARS = 60
"""Longer than any line of :data:`MAX_BARE_HEADER_WORDS` header words."""
MAX_BARE_HEADER_WORDS = 3
"""A line of at most this many words, all of them header words (``Inactive Ingredients``) or
one header phrase of the packs (``ingredienti attivi``), is a header written without its colon."""


def _ends_in_header_phrase(words: list[str]) -> bool:
    """Do ``words`` (lower-cased) end in a header phrase of the packs (``principi attivi``,
    ``ingredienti attivi``: the packs' ``header_phrases``, whose last word need not be a header
    word on its own)?"""
    return any(tuple(words[-k:]) in _HEADER_PHRASE_WORDS
               for k in range(1, min(len(words), _HEADER_PHRASE_MAX) + 1))


def _bare_header(low: str) -> bool:
    """Is the (lower-cased) line only header words (``ingredients``, ``inactive ingredients``)
    or one header phrase (``ingredienti attivi``)?"""
    if len(low) > BARE_HEADER_CHARS or "," in low:
        return False  # (most lines: no findall over a whole list)
    words = _WORD_RE.findall(low)
    if not 0 < len(words) <= MAX_BARE_HEADER_WORDS or low.strip(" \t*-–•:.") != " ".join(words):
        return False
    return all(w in _HEADER_WORDS for w in words) or tuple(words) in _HEADER_PHRASE_WORDS
