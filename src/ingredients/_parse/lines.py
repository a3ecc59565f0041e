"""Stage 2, lines: cut the text into lines; drop stop-marked tails, "free of"
sentences and marketing bullets; hand the rest of each line on."""

from __future__ import annotations

from ingredients._parse.labels import _parse_segment
from ingredients._parse.languages import (
    _BLEND_RE,
    _EXCLUSION_HINTS,
    _EXCLUSION_RE,
    _HEADER_WORDS,
    _NAME_ENDS,
    _STOP_MARKERS,
    _WRAP_CHECKED,
    _WRAP_CONTINUATIONS,
)
from ingredients._parse.names import joins_to_known_name
from ingredients._parse.records import _Item, _State
from ingredients._parse.rules import (
    _BULLETS,
    _DASHES,
    _DESCRIPTION_END_RE,
    _EXCLUSION_END_RE,
    _LINE_BREAK_CHARS,
    _LIST_SEPARATOR_RE,
    _ONLY_STOPS_RE,
    _SPACE_BULLET_RE,
    _WORD_RE,
)
from ingredients._parse.text import (
    _bare_header,
    _has_may_contain,
    _is_junk,
    _last_word,
    _looks_like_prose,
    _sentence_end,
    _top_level_split,
    _words,
)


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


def _join_wrapped(s: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a line that breaks inside a name to the next. Two rules (no blank line between):

    * the next line starts with a word that carries a name on (:func:`_continues`:
      ``Vitis Vinifera (Grape)`` / ``Seed Oil, ...``, ``Cetearyl`` / ``Alcohol``);
    * in a comma list (:func:`_wraps`): ``... Seed`` / ``Butter, Glycerin``: the line holds
      commas but does not end with a separator or a complete name, and the next line
      continues the list (a short name, then a comma) with no label before it.

    One ingredient a line (``Aqua`` / ``Glycerin``) is never joined: no line starts with
    a continuation word, and such a list holds no commas.
    """
    if len(lines) < 2:
        return lines
    out = [lines[0]]
    for c, d in lines[1:]:
        a, b = out[-1]
        if _wraps(s, a, b, c, d):
            out[-1] = (a, d)
        else:
            out.append((c, d))
    return out


def _wraps(s: str, a: int, b: int, c: int, d: int) -> bool:
    if s.count("\n", b, c) > 1 or s[b:c].strip():
        return False  # a blank line between: a new paragraph
    if _continues(s[a:b].rstrip(), s[c:d].lstrip()):
        return True
    prev = s[a:b].rstrip()
    if not prev or prev[-1] in ",;:.!?)]*%" or prev.count(",") < 2:
        return False
    nxt = s[c:d].lstrip()
    if not (nxt[:1].isalpha() or nxt[:1] == "(") or "," not in nxt:
        return False
    head, tail = nxt.split(",", 1)[0], prev.rsplit(",", 1)[1]
    if ":" in head or len(head.split()) > 3 or len(tail.split()) > 4 or not tail.strip():
        return False
    if tail.split()[-1].lower() in _NAME_ENDS:
        return False  # "... Leaf Extract" / "Hydrogenated Polyisobutene": a comma went missing
    return _has_may_contain(head) == -1 and _has_may_contain(tail) == -1


_WRAP_TAIL_WORDS = 6
"""Words of the name a line ends with, at most, for :func:`_continues` to carry it on."""
_WRAP_HEAD_WORDS = 4
"""Words of the name a line starts with, at most, for :func:`_continues`."""


def _continues(prev: str, nxt: str) -> bool:
    """Does ``nxt`` (a line) carry on the name ``prev`` (the line before) ends with?

    When ``nxt`` starts with a word of the packs' ``wrap_continuations`` (``Seed``, ``Oil``,
    ``Extract``: no name starts with one) or, if the joined name is known and the two
    parts are not both known (:func:`joins_to_known_name`), of ``wrap_checked``
    (``Alcohol``, ``Butter``), and neither side of the break is a separator: ``prev``
    ends in no ``, ; : . ! ? % | *`` or bullet (a footnote star ends a name; a bracket
    or a hyphen may end it), and the names on either side (up to a list separator or a
    blend bracket such as ``(and)``) are short: at most :data:`_WRAP_TAIL_WORDS` and
    :data:`_WRAP_HEAD_WORDS` words, no colon, no may-contain marker, no header word
    ending the line before (``Ingredients`` / ``Oil, Water``).
    """
    if not prev or not nxt or prev[-1] in ",;:.!?%|*" or prev[-1] in _BULLETS:
        return False
    first = _WORD_RE.match(nxt, 0, 40)
    if first is None:
        return False
    word = first.group().lower()
    checked = word in _WRAP_CHECKED
    if not checked and word not in _WRAP_CONTINUATIONS:
        return False
    # the names either side of the break: from the last separator before it (a blend
    # bracket such as ``(and)`` counts) to the first after it
    tail_start = max(prev.rfind(","), prev.rfind(";"), prev.rfind("|")) + 1
    for before in _BLEND_RE.finditer(prev, tail_start):
        tail_start = before.end()
    tail = prev[tail_start:]
    cut = _LIST_SEPARATOR_RE.search(nxt)
    head = nxt if cut is None else nxt[: cut.start()]
    after = _BLEND_RE.search(head)
    if after is not None:
        head = head[: after.start()]
    if (
        len(_words(tail)) > _WRAP_TAIL_WORDS
        or len(_words(head)) > _WRAP_HEAD_WORDS
        or ":" in tail
        or ":" in head
        or _last_word(tail).lower() in _HEADER_WORDS  # "Ingredients" / "Oil, Water"
        or _has_may_contain(tail) != -1
        or _has_may_contain(head) != -1
    ):
        return False
    return not checked or joins_to_known_name(tail, head)


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


def _parse_line(
    s: str, start: int, end: int, state: _State, *, items: list[_Item], skip_next: list[bool]
) -> bool:
    """Parse one line into ``items``; return False when the rest of the text is to be dropped."""
    line = start
    low = s[start:end].lower()
    if _is_junk(low):
        return True
    if _bare_header(low):
        # "INGREDIENTS" / "ECCIPIENTI" on a line of its own: a header without its colon
        if state.header_at < 0 and state.section is None:
            state.header_at = start
        state.in_list = True
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
