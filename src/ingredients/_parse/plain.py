"""Fast path: plain comma-separated lines (most real labels), read in fewer passes
with exactly the result of the full path."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from ingredients._parse.headings import bracket_heading
from ingredients._parse.items import _CACHE_SIZE, _MEMO_TEXT, _piece
from ingredients._parse.labels import PROSE_WINDOW, _reads_as_prose, _word_counts, names_among
from ingredients._parse.languages import _BLEND_RE, _MARKER_HINTS
from ingredients._parse.pieces import _spaced_dominant
from ingredients._parse.records import Ingredient, _Fields, _ingredient
from ingredients._parse.rules import _ALPHA_RE, _MAX_ITEMS, _SIMPLE_BRACKETS_RE, _comma_in_number
from ingredients._parse.text import BARE_HEADER_CHARS, _bare_header, _is_junk, _match_brackets, _sentence_end

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
    :data:`_MARKER_HINTS` nor a bracketed blend word (``(and)``, ``(et)``: :data:`_BLEND_RE`,
    where :func:`_pieces` cuts) nor an item of glued names (:func:`.glued.glued_parts`,
    which the full path cuts), is no junk text, and neither `` / `` nor `` - `` is
    its dominant separator. :func:`_parse_line` then finds exactly
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
    if len(line) <= BARE_HEADER_CHARS and "," not in line and _bare_header(line.lower()):
        return None  # ("INGREDIENTS" on a line of its own: a header, read by _parse_line)
    return _simple_split(line) if simple else _plain_split(line)


def _simple_split(line: str) -> list[str]:
    """:func:`_plain_split` of a line :data:`_PLAIN_SIMPLE_RE` matches (no comma
    inside a bracket): ``str.split`` unless a comma stands between two digits
    (``1,2-Hexanediol``)."""
    if _DIGIT_COMMA_DIGIT_RE.search(line) is None:
        return line.split(",")
    n = len(line)
    if all(_comma_in_number(line, hit.start(), 0, n) for hit in _DIGIT_COMMA_DIGIT_RE.finditer(line)):
        return _PLAIN_COMMA_RE.split(line)  # (every comma between digits is a number's: one pass)
    return _split_commas(line)


def _split_commas(line: str) -> list[str]:
    """``line`` cut at every comma but those inside a number or a list of locants
    (:func:`_comma_in_number`)."""
    out: list[str] = []
    run, n = 0, len(line)
    k = line.find(",")
    while k != -1:
        if not (0 < k < n - 1 and line[k - 1].isdigit() and line[k + 1].isdigit()
                and _comma_in_number(line, k, 0, n)):
            out.append(line[run:k])
            run = k + 1
        k = line.find(",", k + 1)
    out.append(line[run:])
    return out


class PlainPart(NamedTuple):
    """What one comma-separated part gives towards reading its line the fast way."""

    ok: bool
    """No marker hint, cut mark (:data:`_PLAIN_CUT_MARK_RE`), may-contain marker,
    bracketed blend word (:data:`_BLEND_RE`: ``Mica (and) Titanium Dioxide`` is two items)
    or glued names (:mod:`.glued`: ``Glycerin Dimethicone`` is two items) or a kit part's
    bracketed name before a name (:mod:`.headings`: ``(Shade 1) Water``)."""
    clean: bool
    """``ok``, ``simple``, and no separator mark or possible sentence end to count
    or check: a line of clean parts is plain and no prose (see :func:`plain_verdict`)."""
    slashes: int
    dashes: int
    stop: bool
    """Holds ``. ``, ``? `` or ``! ``: the line must be checked for a sentence end."""
    start: int
    end: int
    fields: _Fields | None
    simple: bool
    """The ``plain`` of :func:`_piece`."""


def _read_plain_part(part: str) -> PlainPart:
    low = part.lower()
    a, b, may, fields, simple, glued = _piece(part)
    ok = (
        not may
        and not any(hint in low for hint in _MARKER_HINTS)
        and not (("*" in part or "%" in part) and _cuts_at_mark(part))
        # (the full path cuts a blend apart; once a distinct part: the parts are memoised)
        and _BLEND_RE.search(part) is None
        # (the full path cuts glued names apart: "Glycerin Dimethicone")
        and not glued
        # (the full path reads a kit part's bracketed name: "(Shade 1) Water")
        and not (part[a : a + 1] in ("(", "[") and bracket_heading(part[a:b]) is not None)
    )
    slashes, dashes = part.count(" / "), part.count(" - ")
    stop = ". " in part or "? " in part or "! " in part
    clean = ok and simple and not (slashes or dashes or stop)
    return PlainPart(ok, clean, slashes, dashes, stop, a, b, fields, simple)


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
    dominant `` / `` or `` - ``, and the prose verdict of its sentence.
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
    found = [r.fields for r in records if r.fields is not None]
    if found and not (n <= PROSE_WINDOW and all(r.simple for r in records)):
        words, strong = _word_counts(line[:PROSE_WINDOW])
        flagged = sum(1 for fields in found if "prose" in fields[3])
        return _reads_as_prose(words, strong, flagged, len(found)) and not names_among(
            fields[0] for fields in found)
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

    That is at every comma not inside a number or a list of locants
    (``1,2-Hexanediol``: :func:`_comma_in_number`) and not inside a matched bracket
    (``Iron Oxides (CI 77491, CI 77492)``).
    """
    if _SIMPLE_BRACKETS_RE.fullmatch(line) and not _COMMA_IN_ROUND_RE.search(line):
        return _simple_split(line)  # no comma inside a bracket
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
        elif not (
            0 < i < n - 1
            and line[i - 1].isdigit()
            and line[i + 1].isdigit()
            and _comma_in_number(line, i, 0, n)
        ):
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
