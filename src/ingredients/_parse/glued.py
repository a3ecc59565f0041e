"""Layout recovery: two names glued into one item.

Real lists lose separators: ``Glycerin Dimethicone`` (a comma dropped),
``AllantoinAsam Traneksamat`` and ``Etilheksil MetoksikinnamatSeng Oksida`` (shop
text whose line breaks vanished: a lower-case letter directly followed by a capital),
``Seed`` / ``Butter`` lines joined. An item is cut into its names only when

* every part is read as a name without a guess (a CosIng name, a synonym, a name of
  the language packs' name tables, its label alternatives: :func:`.names.known_as`),
  with at least :data:`PART_CONFIDENCE` (the bracketed name alone is not enough); a part
  cut off where a lower-case letter meets a capital (a lost line break, never a space a
  name holds) may instead be read by a word-by-word translation
  (:data:`TRANSLATED_PART_CONFIDENCE`: ``AllantoinAsam Traneksamat``), and then the whole
  must not be read so either;
* the whole is *not* read so, by any of the matcher's readings as surely
  (``Butyrospermum Parkii (Shea) Butter`` without its bracket, ``Organic Shea Butter``
  without its qualifier word; ``Water (Aqua) Glycerin``, read only by its bracket, is cut);
* neighbouring parts name different substances: ``Aqua Water``, ``Iron Oxides CI 77491``,
  ``Cocos Nucifera Oil Coconut Oil``, ``Oryza Sativa Rice Bran Oil`` name one substance
  twice (:func:`.names.same_substance`) and such neighbours stay together;
* the cut is unique: the fewest parts, and only one way to make that few -- or several
  that read the same names in the same order (a qualifier word read with either neighbour:
  ``Sunflower Oil Organic Shea Butter``; the first, which reads it with the name after it, is
  taken).

Cuts are tried only outside brackets: at spaces; across a written conjunction of any
pack between two names (``Linalool and Limonene``, ``Glycerin und Parfum``: the packs'
``conjunctions``; the word goes with neither part); where a lower-case letter meets a
capital; and at an item's one slash (two names of other substances written with a
slash are a blend: ``Methylchloroisothiazolinone/Methylisothiazolinone``, ``Dodecane/
Coconut Alkanes``), but not at a slash inside a known name (``Lactobacillus/Soybean``)
nor between three or more slashed parts (a copolymer's or a ferment's). Inner capitals
of real names (``PolymethylMethacrylate``, ``CoQ10``, ``pH``) are never cut, because
their halves are no names. Each part is read as an item of its own
(:func:`.items._item_fields`: a percentage goes with its part) and keeps its offsets.

A written conjunction before a dose (``benzoëzuur en 50 mg salicylzuur``) is a cut whatever
the names: the dose says a new ingredient follows (:func:`_dosed_parts`). A written
conjunction between a name that is read and a part that is not (``noni juice and
glycerin``: :func:`_conjoined_parts`), and a space between Han characters between such
parts (``丁二醇 矽粉``: :func:`_han_spaced_parts`), cut too: the unread part is listed on its
own rather than hiding the name beside it.

The verdict is a pure function of the item text, part of what :func:`.items._piece`
memoises; :func:`.labels._parse_segment` makes the items. The plain fast path does not
cut: a part that would be cut makes its line not plain (:mod:`.plain`), so the full
path and batch scoring give the same items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

from ingredients._parse.items import _dose_words_at, _item_fields, _Part, _strip_range
from ingredients._parse.languages import (
    _CONJUNCTION_STARTS,
    _LEADING_CONJUNCTIONS,
    _NAME_ENDS,
    _WRAP_CHECKED,
    _WRAP_CONTINUATIONS,
)
from ingredients._parse.names import (
    foreign_word,
    known_as,
    neighbours_in_a_name,
    same_substance,
    translated_as,
)
from ingredients._parse.records import _Fields
from ingredients._parse.rules import _MAX_NAME
from ingredients._parse.text import _is_ci, _outside_brackets, _words

_FIRST_WORD_RE = re.compile(r"[^\W_]+")
_CAMEL_RE = re.compile(r"[^\W\d_](?<=[a-z\u00df-\u00ff])[A-Z\u00c0-\u00de]")
"""A lower-case letter directly before a capital (Latin letters): glued text."""

PART_CONFIDENCE = 0.9
"""A part must be read at least this surely (the matcher's bracket-only reading is 0.8)."""
TRANSLATED_PART_CONFIDENCE = 0.88
"""A part cut off where a lower-case letter meets a capital may instead be read by a
word-by-word translation, at the matcher's confidence for one (``Asam Traneksamat``)."""
_MAX_TEXT = 160
"""Longer items are not tried."""
_MAX_CUTS = 20
"""Items with more places to cut are not tried (a list that lost every comma has about two
per name: ``Olive Oil Soybean Oil Coconut Oil Corn Oil Sunflower Oil …``)."""



MIN_PART_LETTERS = 4
"""A part of a glued name written in Latin letters has at least this many of them."""


def _cut_points(text: str) -> list[tuple[int, int]] | None:
    """Where ``text`` may be cut, as ``(end of the left part, start of the right part)``:
    at spaces outside brackets between a letter, digit, ``.`` or closing bracket and a letter
    or digit, and between a lower-case and an upper-case letter (None: too many)."""
    out: list[tuple[int, int]] = []
    slashes: list[tuple[int, int]] = []
    depth = 0
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0 and i:
            prev = text[i - 1]
            if c.isspace():
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and text[j].isalnum() and (prev.isalnum() or prev in ".)]}"):
                    out.append((i, j))
                    if text[j] in _CONJUNCTION_STARTS and text.startswith(_LEADING_CONJUNCTIONS, j):
                        # "Linalool and Limonene": two names a written conjunction joins
                        k = text.find(" ", j) + 1
                        while 0 < k < n and text[k].isspace():
                            k += 1
                        if 0 < k < n and text[k].isalnum():
                            out.append((i, k))
                i = j
                continue
            if c.isupper() and prev.islower() and c.isalpha() and prev.isalpha():
                out.append((i, i))
            elif c == "/":  # "Methylchloroisothiazolinone/Methylisothiazolinone": a blend
                j = i + 1
                while j < n and text[j].isspace():
                    j += 1
                slashes.append((i, j))
                i = j
                continue
        i += 1
    if len(slashes) == 1:  # (three or more slashed parts name a copolymer or a ferment)
        out = sorted((*out, *slashes))
    return out if len(out) <= _MAX_CUTS else None


def _may_cut(text: str, left_end: int, right_start: int, check_neighbours: bool = True) -> bool:
    """May a name end at ``left_end`` and the next start at ``right_start``? Not before a
    word no name starts with (``Seed``, ``Oil``: the packs' ``wrap_continuations``), nor
    before one that also ends names (``Water``, ``Butter``: ``wrap_checked``) unless the
    name before is complete (ends in a ``name_ends`` word: ``Extract``, ``Powder``), nor
    before a written conjunction (``Mica and Silica`` is cut past the word ``and``, where
    the next name starts: :func:`_cut_points`), nor
    between two words that are neighbours in a known name (``Polyethylene Glycol``,
    ``Fluorescent Brightener 230 Salt``, ``FlowerWater``)."""
    if text.startswith(_LEADING_CONJUNCTIONS, right_start):
        return False  # ("Mica and Silica": the cut is past the conjunction, not before it)
    head = _FIRST_WORD_RE.match(text, right_start)
    tail = _words(_outside_brackets(text[:left_end]))
    if head is None or not tail:
        return False
    word = head.group().lower()
    between = text[left_end:right_start].strip()
    # (past a written conjunction a name starts, whatever its first word: "menthol en water")
    wrapped = word in _WRAP_CONTINUATIONS or (word in _WRAP_CHECKED and tail[-1] not in _NAME_ENDS)
    if wrapped and between in ("", "/"):
        return False
    slash = between == "/"
    return not check_neighbours or not neighbours_in_a_name(tail[-1], word, slash)


def _part(text: str, start: int, end: int, translated: bool = False) -> _Part | None:
    """``text[start:end]`` read as an item when it is read as a name, else None;
    ``translated``: or by a word-by-word translation (:func:`_reading`)."""
    found = _read_part(text, start, end, translated)
    return None if found is None else found[0]


def _read_part(text: str, start: int, end: int, translated: bool) -> tuple[_Part, str, bool] | None:
    """:func:`_part`, the CosIng name the part is read as and whether by translation."""
    a, b = _strip_range(text, start, end)
    if b <= a:
        return None
    may, fields = _part_fields(text[a : min(b, a + _MAX_NAME * 4)])
    if fields is None or "prose" in fields[3]:
        return None
    if fields[0].isascii() and sum(c.isalpha() for c in fields[0]) < MIN_PART_LETTERS:
        # An acronym on its own (``2% salicylic acid bha``: a beta hydroxy acid, not BHA;
        # ``cocamide PEG-6``) is too often a label's shorthand to split off.
        return None
    read = _reading(fields[0], _label_names(text[a:b], fields), translated)
    return None if read is None else ((a, b, may, fields), *read)


def _reading(name: str, alternatives: tuple[str, ...], translated: bool) -> tuple[str, bool] | None:
    """The CosIng name a part is read as, and whether by translation: without a guess, at
    :data:`PART_CONFIDENCE` at least; or, when ``translated`` (a part that a lost line break
    glued on, or one past a written conjunction: :func:`_glued_on`), as a word-by-word translation
    (:data:`TRANSLATED_PART_CONFIDENCE`: ``AllantoinAsam Traneksamat``) if the part is no
    glued text itself and holds a word of a translation table that no known name has
    (:func:`.names.foreign_word`).
    None: not read so."""
    hit = known_as(name, alternatives)
    if hit is not None and hit[1] >= PART_CONFIDENCE:
        return hit[0], False
    if translated and not alternatives and not _CAMEL_RE.search(name) and foreign_word(name):
        hit = translated_as(name)
        if hit is not None and hit[1] >= TRANSLATED_PART_CONFIDENCE:
            return hit[0], True
    return None


def _label_names(raw: str, fields: _Fields) -> tuple[str, ...]:
    """The alternatives a part may be read by: those of a bracket at its end (``Water
    (Aqua)``), not those of a bracket inside it (``Oil & Lentinus Edodes (Shiitake)
    Extract`` is no name because ``Shiitake Extract`` is one) nor of a slash (``Ethylhexyl
    Salicylate Caprylic/Capric Triglyceride ... Glycerin/Sebacic Acid`` is none because
    ``Sebacic Acid`` is one)."""
    name = fields[0]
    if "(" in name or "[" in name or "/" in _outside_brackets(raw) or raw[-1:] not in ")]":
        return ()
    return fields[2]


def _glued_on(text: str, bounds: list[tuple[int, int]], i: int, j: int) -> bool:
    """Is the part between ``bounds[i]`` and ``bounds[j]`` cut off where a lower-case letter
    meets a capital (``AllantoinAsam Traneksamat``: shop text whose line breaks vanished) or
    past a written conjunction (``kwas salicylowy i woda oczyszczona``), at both ends but the
    text's own? Such a cut is never a space a name holds, so a part there may be read by
    translation."""
    last = len(bounds) - 1
    inner = [k for k in (i, j) if 0 < k < last]
    hard = [bounds[k][0] == bounds[k][1] or text[bounds[k][0] : bounds[k][1]].strip() not in ("", "/")
            for k in inner]
    return bool(inner) and all(hard)


def _fields_at(text: str, start: int, end: int) -> tuple[_Part, ...]:
    """``text[start:end]`` stripped, as a one-part tuple ``((a, b, may, fields),)``; ``()``
    when it holds nothing to read or reads like prose."""
    a, b = _strip_range(text, start, end)
    may, fields = _part_fields(text[a : min(b, a + _MAX_NAME * 4)]) if b > a else (False, None)
    return () if fields is None or "prose" in fields[3] else ((a, b, may, fields),)


def _outside_brackets_at(text: str) -> Iterator[tuple[int, str]]:
    """Each character of ``text`` outside brackets (brackets themselves excluded), with its
    offset; an unmatched closing bracket is ignored."""
    depth = 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0:
            yield i, c


def _is_han(ch: str) -> bool:
    """A Han character (CJK unified ideographs and extension A)."""
    return 0x3400 <= ord(ch) <= 0x9FFF


def _han_spaced_parts(text: str) -> tuple[_Part, ...]:
    """``丁二醇 矽粉`` (multilingual/zh-hant.csv#2, a list parted by 、): a space outside
    brackets between two Han characters parts two names when the whole is no name and one
    part is read as a name (:data:`PART_CONFIDENCE`; a translation word by word counts) but
    another is not -- Chinese names hold no such space, so the unread part is listed as
    unread on its own rather than hiding the name beside it. (When every part is read,
    :func:`_fewest_parts` decides.) ``()`` when there is no such space or no part is read."""
    if " " not in text or text.isascii():
        return ()
    bounds: list[tuple[int, int]] = []
    for i, c in _outside_brackets_at(text):
        if c == " " and i and _is_han(text[i - 1]):
            j = i
            while j < len(text) and text[j] == " ":
                j += 1
            if j < len(text) and _is_han(text[j]):
                bounds.append((i, j))
    if not bounds:
        return ()
    whole = translated_as(text)
    if whole is not None and whole[1] >= PART_CONFIDENCE:
        return ()
    parts: list[_Part] = []
    read: list[bool] = []
    for start, end in zip([0, *(j for _i, j in bounds)], [*(i for i, _j in bounds), len(text)], strict=True):
        found = _fields_at(text, start, end)
        if not found:
            return ()
        fields = found[0][3]
        hit = known_as(fields[0], fields[2])
        if hit is None or hit[1] < PART_CONFIDENCE:
            hit = translated_as(fields[0])  # (Han names are mostly read word by word)
        read.append(hit is not None and hit[1] >= PART_CONFIDENCE)
        parts += found
    return tuple(parts) if any(read) and not all(read) else ()


def _dosed_parts(text: str) -> tuple[_Part, ...]:
    """``benzoëzuur en 50 mg salicylzuur``: a written conjunction of a pack (``conjunctions``)
    outside brackets and before a dose (a number and a unit of the packs' ``dose_units``, then a
    word) starts the next name, known or not: the dose says an ingredient follows. The parts
    (the conjunction goes with neither) are read as items (:func:`.items._item_fields`: the dose
    leaves the name); ``()`` when there is no such conjunction or a part names nothing."""
    bounds: list[tuple[int, int]] = []
    for i, c in _outside_brackets_at(text):
        if (c in _CONJUNCTION_STARTS and i and text[i - 1] == " "
                and text.startswith(_LEADING_CONJUNCTIONS, i)):
            k = text.find(" ", i) + 1
            words = text[k:].split(" ")
            taken = _dose_words_at(words, 0) if k else 0
            if taken and taken < len(words) and any(ch.isalpha() for ch in words[taken]):
                bounds.append((i, k))
    if not bounds:
        return ()
    parts: list[_Part] = []
    starts = [0, *(k for _i, k in bounds)]
    ends = [*(i for i, _k in bounds), len(text)]
    for start, end in zip(starts, ends, strict=True):
        a, b = _strip_range(text, start, end)
        may, fields = _part_fields(text[a : min(b, a + _MAX_NAME * 4)]) if b > a else (False, None)
        if fields is None:
            return ()
        parts.append((a, b, may, fields))
    return tuple(parts)


def _read_glued(text: str, fields: _Fields | None = None) -> tuple[_Part, ...]:
    """The parts of ``text`` (an item's stripped text) when it holds glued names, else ``()``.
    ``fields``: the :func:`_item_fields` of ``text``, when the caller has them already."""
    if len(text) <= _MAX_NAME * 4 and any(c.isdigit() for c in text):
        dosed = _dosed_parts(text)
        if dosed:
            return dosed
    if len(text) > _MAX_TEXT or (" " not in text and "/" not in text and text.lower() == text):
        return ()  # (one word without capitals: nothing to cut, and the database stays unloaded)
    cuts = _cut_points(text)
    if not cuts:
        return ()
    known = known_as(text, ())
    if known is not None and known[1] >= PART_CONFIDENCE:
        return ()  # (a name as it stands: most names of several words are, and this is cheap)
    spaced = _han_spaced_parts(text)
    if spaced:
        return spaced
    # The neighbouring-words test needs an index of every name, built only once a split
    # is in sight: the cuts are first tried without it, then the cuts a split uses with it.
    cuts = [(a, b) for a, b in cuts if _may_cut(text, a, b, check_neighbours=False)]
    if not cuts:
        return ()
    whole = fields if fields is not None else _item_fields(text[: _MAX_NAME * 4])[1]
    if whole is None or "prose" in whole[3]:
        return ()
    hit = known_as(whole[0], whole[2])
    if hit is not None and hit[1] >= PART_CONFIDENCE:
        return ()  # (read by its bracketed name alone, the rest of it unread, it is tried)
    if _fewest_parts(text, cuts, whole[0]) is None:
        # (no split into names at all; with fewer cuts there would be none either)
        return _conjoined_parts(text, [(a, b) for a, b in cuts if _may_cut(text, a, b)])
    cuts = [(a, b) for a, b in cuts if _may_cut(text, a, b)]
    return (_fewest_parts(text, cuts, whole[0]) or ()) if cuts else ()


def _conjoined_parts(text: str, cuts: list[tuple[int, int]]) -> tuple[_Part, ...]:
    """``wosk karnauba i witaminę e`` (extra_lists.csv, Mexmo lip scrub): a written
    conjunction between a name that is read and one that is not parts them all the same --
    past a conjunction a new name starts -- so the name read is not lost in an unread item.
    Only for one conjunction, outside brackets, where neither part reads like prose and the
    unread part is no name's continuation (:func:`_may_cut` has kept the cut). ``()`` when
    both or neither part is read (:func:`_fewest_parts` decides the first)."""
    joints = [(a, b) for a, b in cuts if text[a:b].strip() not in ("", "/")]
    if len(joints) != 1:
        return ()
    a, b = joints[0]
    bounds = [(0, 0), (a, b), (len(text), len(text))]
    parts: list[_Part] = []
    read = 0
    for i, (start, end) in enumerate(((0, a), (b, len(text)))):
        found = _fields_at(text, start, end)
        if not found or sum(c.isalpha() for c in found[0][3][0]) < MIN_PART_LETTERS:
            return ()  # (nor a dose or a letter alone: ``Water and 5 mg``)
        read += _read_part(text, start, end, _glued_on(text, bounds, i, i + 1)) is not None
        parts += found
    return tuple(parts) if read == 1 else ()


def _fewest_parts(text: str, cuts: list[tuple[int, int]], whole: str) -> tuple[_Part, ...] | None:
    """The one split of ``text`` at ``cuts`` into the fewest parts that are all names and
    are not one substance named twice; ``()`` when there is more than one or the parts
    name one substance, or a part is read by translation and so is ``whole`` (the item's
    name); None when no split into names exists."""
    # Fewest parts: best[k] = (parts, ways) for the text up to the k-th boundary.
    bounds = [(0, 0), *cuts, (len(text), len(text))]
    last_bound = len(bounds) - 1
    # Any split begins with a name up to some cut and ends with one from some cut: when
    # there is no such first or last name, there is no split (k tries, not k squared).
    if all(_part(text, 0, a, _glued_on(text, bounds, 0, k)) is None
           for k, (a, _b) in enumerate(cuts, 1)) or all(
            _part(text, b, len(text), _glued_on(text, bounds, k, last_bound)) is None
            for k, (_a, b) in enumerate(cuts, 1)):
        return None
    # (each part with its INCI name, for the test of one substance named twice)
    best: list[tuple[tuple[tuple[_Part, str, bool], ...], int] | None] = [None] * len(bounds)
    best[0] = ((), 1)
    for j in range(1, len(bounds)):
        found: tuple[tuple[tuple[_Part, str, bool], ...], int] | None = None
        for i in range(j):
            before = best[i]
            if before is None or (found is not None and len(before[0]) + 1 > len(found[0])):
                continue
            part = _read_part(text, bounds[i][1], bounds[j][0], _glued_on(text, bounds, i, j))
            if part is None:
                continue
            parts = (*before[0], part)
            if found is None or len(parts) < len(found[0]):
                found = (parts, before[1])
            elif before[1] > 1 or _names_read(parts) != _names_read(found[0]):
                found = (found[0], found[1] + before[1])  # as few parts another way
            # (else the same names another way: a qualifier word read with the name before or
            # after it, ``Sunflower Oil Organic Shea Butter``; the first way, qualifier first, stays)
        best[j] = found
    last = best[-1]
    if last is None or len(last[0]) < 2:
        return None
    if last[1] != 1:
        return ()
    for (left, first, _l), (right, second, _r) in pairwise(last[0]):
        if _is_ci(left[3][0]) != _is_ci(right[3][0]) or same_substance(first, second):
            return ()  # one substance named twice ("Aqua Water", "Iron Oxides CI 77491"): one item
    if any(by_translation for _part, _inci, by_translation in last[0]) and translated_as(whole) is not None:
        return ()  # (a part read by translation: the whole, read so too, is one name)
    return tuple(part for part, _inci, _by_translation in last[0])


def _names_read(parts: tuple[tuple[_Part, str, bool], ...]) -> tuple[str, ...]:
    """The CosIng names a split's parts are read as, in order."""
    return tuple(inci for _part, inci, _by_translation in parts)


_part_fields = lru_cache(maxsize=20_000)(_item_fields)
"""The item fields of a candidate part (the same words recur as parts of many items)."""


def glued_parts(text: str, fields: _Fields | None = None) -> tuple[_Part, ...]:
    """The names of ``text`` (an item's stripped text) when it holds glued names, else
    ``()`` (memoised with the rest of a piece's reading: :func:`.items._piece`)."""
    return _read_glued(text, fields)
