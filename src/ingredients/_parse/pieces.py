"""Stage 3, pieces: cut a line at its top-level separators."""

from __future__ import annotations

import re

from ingredients._parse.languages import (
    _BLEND_SPAN,
    _BLEND_WORDS,
    _MAY_CONTAIN_PREFIXES,
    _MAY_STARTS,
    _PIECE_RE,
)
from ingredients._parse.records import _COLON, _LINE, _SENTENCE, _SEP
from ingredients._parse.rules import _ALPHA_RE, _BULLETS, _OPEN, _PIECE_CHAR_RE, _comma_in_number
from ingredients._parse.text import _sentence_end, _words

_PIECE_NOT_COMMA_RE = re.compile(r"[;|:.!?*%/()\[\]{}•·●▪◦∙]")
"""The candidates of :data:`_PIECE_CHAR_RE` but the comma."""


def _spaced_dominant(s: str, start: int, end: int, mark: str) -> bool:
    """`` / `` or `` - `` separates ingredients (some scraped or OCR'd lists)."""
    count = s.count(mark, start, end)
    if count < 4:
        return False
    others = sum(s.count(c, start, end) for c in ",;|•·●")
    return others * 3 <= count


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
        and not _holds_may_contain(segment.lower())
    ):
        return _PIECE_CHAR_RE
    return _PIECE_RE


_MAY_MARKERS = (*_MAY_CONTAIN_PREFIXES, "+/-", "+/–", "±")
"""What :data:`_MAY_CONTAIN_RE` finds (its alternatives, literally)."""


def _holds_may_contain(low: str) -> bool:
    """``_has_may_contain(low) != -1`` for a lower-cased text, by substring searches
    (faster than the regular expression's search, which tries every position)."""
    return any(marker in low for marker in _MAY_MARKERS)


def _pieces(
    s: str,
    start: int,
    end: int,
    pairs: dict[int, int],
    *,
    slash_sep: bool,
    dash_sep: bool,
) -> list[tuple[int, int, int]]:
    """Cut ``s[start:end]`` into ``(start, end, kind)`` at top-level separators.

    A top-level bracket holding only a blend word (``Cetearyl Alcohol (and)
    Ceteareth-20``, ``(et)``, ``(und)``: the packs' ``conjunctions``) separates the
    names of a blend like a comma: each is an ingredient of its own, in order.

    The scanner goes from one candidate character to the next (a C-level
    search) and jumps over matched brackets, so it is linear and fast.
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

    # From one candidate to the next; commas, most of the hits, are taken first (a comma
    # is never in ``forced``, which holds closing brackets), and when the candidates are
    # _PIECE_CHAR_RE's, a run of commas up to the next other candidate in one go.
    piece_re = _piece_re(s, start, end)
    other_re = _PIECE_NOT_COMMA_RE if piece_re is _PIECE_CHAR_RE else None
    i = start
    while True:
        hit = piece_re.search(s, i, end)
        if hit is None:
            break
        i = hit.start()
        c = s[i]
        if c == ",":
            if other_re is None:
                if not (
                    i > start and i + 1 < end and s[i - 1].isdigit() and s[i + 1].isdigit()
                    and _comma_in_number(s, i, start, end)
                ):
                    cut(i, _SEP, i + 1)
                i += 1
                continue
            following = other_re.search(s, i, end)
            stop = end if following is None else following.start()
            k = i
            while k != -1:  # every comma in s[i:stop], and nothing else, is a candidate
                if not (
                    k > start and k + 1 < end and s[k - 1].isdigit() and s[k + 1].isdigit()
                    and _comma_in_number(s, k, start, end)
                ):
                    out.append((run, k, _SEP))  # (cut, inlined)
                    run = scanned = k + 1
                    seen_alpha = False
                k = s.find(",", k + 1, stop)
            i = stop
            continue
        if c in _OPEN:
            close = pairs.get(i, -1)
            if close == -1 or i in forced:
                i += 1
                continue
            if close - i <= _BLEND_SPAN and s[i + 1 : close].strip().lower() in _BLEND_WORDS:
                cut(i, _SEP, close + 1)  # "Mica (and) Titanium Dioxide": two ingredients
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
        elif c in _MAY_STARTS and i > run and s[i - 1] == " " and letters_before(i):
            cut(i, _SEP, i)  # "Disodium Phosphate +/- May Contain Ci 77491"
        i += 1
    out.append((run, end, _LINE))
    return out
