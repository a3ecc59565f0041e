"""Stage 4, labels: headers, may-contain markers, sections, lead-ins and
footnotes; a line's pieces become items."""

from __future__ import annotations

from collections.abc import Iterable

from ingredients._parse.glued import PART_CONFIDENCE
from ingredients._parse.headings import bracket_heading, trailing_heading
from ingredients._parse.items import (
    _MEMO_TEXT,
    _item_fields,
    _Part,
    _piece,
    _piece_memo,
    _read_piece,
    _strip_range,
    clean_name,
)
from ingredients._parse.languages import (
    _HEADER_PHRASES,
    _HEADER_TAILS,
    _HEADER_WORDS,
    _LIST_LEAD_WORDS,
    _METADATA_KEYS,
    _STRONG_FUNCTION_WORDS,
    _TITLE_QUALIFIERS,
)
from ingredients._parse.names import known_as
from ingredients._parse.pieces import _pieces, _spaced_dominant
from ingredients._parse.records import _COLON, _LINE, _SENTENCE, _Item, _State
from ingredients._parse.rules import _MAX_ITEMS, _MAX_NAME
from ingredients._parse.text import (
    _ends_in_header_phrase,
    _has_may_contain,
    _looks_like_prose,
    _match_brackets,
    _outside_brackets,
    _words,
)

_BRACKETS = frozenset("()[]{}")


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
            and words[-1] in _HEADER_TAILS
        )
        or _ends_in_header_phrase(words)
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
    for w in _HEADER_PHRASES:
        k = low.rfind(w)
        if k != -1 and k < best and not low[k + len(w) :].strip(" /-").isalpha():
            best = k
    if best == words_end:  # no phrase: the header is its last word (``Skład``, ``Komposisi``)
        trimmed = low.rstrip(" *-–•([")
        words = _words(trimmed)
        if words and words[-1] in _HEADER_WORDS:
            best = trimmed.rfind(words[-1])
    return label[:best]


def _parse_segment(
    s: str, start: int, end: int, state: _State, *, items: list[_Item], guessed: bool = False
) -> None:
    """Parse ``s[start:end]`` (part of one line) into ``items``."""
    if end <= start:
        return
    pairs = _match_brackets(s, start, end)
    slash_sep = _spaced_dominant(s, start, end, " / ")
    dash_sep = _spaced_dominant(s, start, end, " - ")
    pieces = _pieces(s, start, end, pairs, slash_sep=slash_sep, dash_sep=dash_sep)
    sentence: list[_Item] = []
    sentence_start = start
    footnote = False
    prev_kind = _LINE
    headline: list[_Item] | None = None  # an upper-case first sentence, until the next one
    # ``quiet``: every piece since ``sentence_start`` is ``plain`` (see _piece) and the
    # gaps between them hold no bracket, so the sentence is no prose (_quiet_sentence).
    quiet, last = True, start
    room = _MAX_ITEMS - len(items)  # (items grow only at a sentence end, below)
    for index, (p_start, p_end, kind) in enumerate(pieces):
        if len(sentence) >= room:
            items.extend(headline or ())
            items.extend(sentence)
            return
        piece = s[p_start:p_end]  # _piece, inlined: = _strip_range and _make_item's work
        a, b, may, fields, plain, glued = (
            _piece_memo(piece) if len(piece) <= _MEMO_TEXT else _read_piece(piece))
        if glued and len(glued) == 1 and index:
            # (one part, no glued names: a described key-ingredient name, items._described_name,
            # which only a piece opening its line is; here the piece is read whole, as before)
            glued = ()
        if quiet:
            quiet = plain and (p_start == last or (p_start == last + 1 and s[last] not in _BRACKETS))
        last = p_end
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
            quiet = True
        else:
            if may:
                state.may_contain = True
            if fields is not None and s[a] in "([" and (state.bracketed or prev_kind in (_SENTENCE, _LINE)):
                # "(컨실러) 옥틸도데칸올": a kit part's name, then its first ingredient
                heading = bracket_heading(s[a:b])
                if heading is not None:
                    state.section, state.may_contain, state.bracketed = heading[0], False, True
                    rest = a + heading[1]
                    a, b, _may, fields, _plain, glued = _piece(s[rest:b])
                    a, b = a + rest, b + rest
            if fields is not None:
                name, percent, alternatives, flags = fields
                if guessed:
                    flags = (*flags, "uncertain-split")
                    guessed = False
                if glued:  # glued names (:mod:`.glued`): one item a name
                    sentence.extend(_glued_items(s, a, glued, "uncertain-split" in flags, state))
                elif sentence and _title_qualified(s, sentence[-1], a, name):
                    # "Vaselina, bianca": the qualifier of the name before the comma
                    prev = sentence[-1]
                    sentence[-1] = _Item(prev.start, b, f"{prev.name} {name}", prev.percent,
                                         prev.may_contain, (), prev.flags, prev.section)
                else:
                    sentence.append(
                        _Item(a, b, name, percent, state.may_contain, alternatives, flags, state.section)
                    )
        prev_kind = kind
        if kind in (_SENTENCE, _LINE):
            if sentence and (
                (quiet and _quiet_sentence(sentence_start, p_end, sentence))
                or not _prose_sentence(s, sentence_start, p_end, sentence)
            ):
                upper = _upper_case(s, sentence_start, p_end)
                if kind == _SENTENCE and headline is None and upper and len(sentence) >= 2 and (
                        not items and not state.in_list):
                    headline = sentence  # kept or dropped when the next sentence ends
                else:
                    if headline is not None and (upper or len(sentence) < 2 * len(headline)):
                        items.extend(headline)
                    # else: an upper-case teaser ("ALOE VERA EXTRACT, OLIVE OIL.") before
                    # a longer list in mixed case is a headline, not ingredients
                    headline = None
                    state.in_list = True
                    items.extend(sentence)
                    room = _MAX_ITEMS - len(items)
            elif sentence:
                # a prose sentence is dropped, not the key-ingredient names it describes
                # ("Glukonolakton (pha) - redukuje zmiany …": items._described_name)
                items.extend(it for it in sentence if "highlight" in it.flags)
                room = _MAX_ITEMS - len(items)
            sentence = []
            sentence_start = p_end
            quiet = True
    if headline is not None:
        state.in_list = True
        items.extend(headline)


def _title_qualified(s: str, prev: _Item, start: int, name: str) -> bool:
    """Is ``name`` (an item starting at ``start``) the qualifier of a pharmacopoeia title
    written after a comma (``Vaselina, bianca``, ``canfora, racemica``: the packs'
    ``title_qualifiers``), ``prev`` the name it qualifies? Only a lone qualifier word right
    after one comma joins, and never a prose item or a name with a dose."""
    return (
        name.lower() in _TITLE_QUALIFIERS
        and s[prev.end : start].strip() == ","
        and "prose" not in prev.flags
        and prev.percent is None
    )


def _glued_items(s: str, a: int, glued: tuple[_Part, ...], guessed: bool, state: _State) -> list[_Item]:
    """The items of an item of glued names starting at ``a`` (:mod:`.glued`), one a name.

    Once a kit's part name has been read in brackets (:mod:`.headings`), a part ending in
    a bracket that names no ingredient (``흑색산화철 (쉐딩) 에틸헥실팔미테이트``) ends before
    it, and the bracket heads the parts after it."""
    out: list[_Item] = []
    for k, (pa, pb, _may, part_fields) in enumerate(glued):
        start, end, section, may, fields = a + pa, a + pb, state.section, state.may_contain, part_fields
        if state.bracketed and k + 1 < len(glued):
            heading = trailing_heading(s[start:end])
            if heading is not None:
                state.section, state.may_contain = heading[0], False
                ta, tb, _tmay, trimmed, _plain, _glued = _piece(s[start : start + heading[1]])
                if trimmed is None:
                    continue
                start, end, fields = start + ta, start + tb, trimmed
        name, percent, alternatives, flags = fields
        guess = ("uncertain-split",) if k == 0 and guessed else ()
        out.append(_Item(start, end, name, percent, may, alternatives, (*flags, *guess), section))
    return out


def _upper_case(s: str, start: int, end: int) -> bool:
    """Does ``s[start:end]`` have letters, none of them lower case?"""
    text = s[start:end]
    return text.upper() == text and text.lower() != text


def _footnote_ok(pieces: list[tuple[int, int, int]], index: int) -> bool:
    """A footnote runs to its sentence end; refuse when that would swallow a list."""
    return any(kind in (_SENTENCE, _LINE) for _s, _e, kind in pieces[index : index + 3])


PROSE_WINDOW = 3000
"""Characters of a sentence that :func:`_prose_sentence` reads."""


def _prose_sentence(s: str, start: int, end: int, found: list[_Item]) -> bool:
    """A sentence (brand blurb, claim) rather than part of a list: dropped whole."""
    words, strong = _word_counts(s[start : min(end, start + PROSE_WINDOW)])
    prose = sum(1 for it in found if "prose" in it.flags)
    return _reads_as_prose(words, strong, prose, len(found)) and not names_among(it.name for it in found)


LIST_AMONG_PROSE = 3
"""Known names that, with more than half the items known, make a sentence a list whatever
its words."""


def names_among(names: Iterable[str]) -> bool:
    """Are at least :data:`LIST_AMONG_PROSE` of these item names, and more than half of them,
    known names read without a guess (:data:`.glued.PART_CONFIDENCE`, as a glued name's
    parts)? Then a sentence that reads like prose by its words
    is a list with a claim among its items (``Water, Kaolin, …, Lavandula Angustifolia
    Flower Extract, diperkaya dengan multiprotein: …``): its items are kept, the claim an
    unread item of its own, rather than the whole list dropped."""
    listed = list(names)
    if len(listed) < LIST_AMONG_PROSE:
        return False
    known = 0
    for name in listed:
        hit = known_as(name, ())
        known += hit is not None and hit[1] >= PART_CONFIDENCE
    return known >= LIST_AMONG_PROSE and known * 2 > len(listed)


def _quiet_sentence(start: int, end: int, found: list[_Item]) -> bool:
    """:func:`_prose_sentence` is False for ``s[start:end]`` (checked without reading it),
    given that the pieces it is cut into are all ``plain`` (:func:`_piece`: no strong
    function word outside brackets, no bracket left open) and no gap between two of
    them holds a bracket.

    The words outside brackets of such a sentence are those of its pieces (a gap is
    one separator character, none at all before a dose's end or a may-contain marker,
    and no separator is part of a word), so no strong function word is among them. With
    none, and no item in ``found`` flagged ``"prose"``, :func:`_reads_as_prose` is False
    whatever the counts of words and items (``found`` is never empty). Beyond
    :data:`PROSE_WINDOW` a cut could make a word, so longer sentences are read.
    """
    return end - start <= PROSE_WINDOW and not any("prose" in it.flags for it in found)


def _word_counts(s: str) -> tuple[int, int]:
    """Words, and strong function words among them, outside the brackets of ``s``; a word
    opening a list (the packs' ``list_leads``: Polish ``Zawiera masło shea, …``, "contains")
    is no sign of a sentence there, whatever it is elsewhere."""
    words = _words(_outside_brackets(s))
    strong = sum(1 for w in words if w in _STRONG_FUNCTION_WORDS)
    if words and words[0] in _LIST_LEAD_WORDS and words[0] in _STRONG_FUNCTION_WORDS:
        strong -= 1
    return len(words), strong


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
        if state.header_at < 0 and state.section is None:  # (not after "Antioxidant:")
            state.header_at = a
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
