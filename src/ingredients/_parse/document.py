"""The whole text: decode, read line by line, join spaced locants, make
:class:`Ingredient` objects with offsets into the original text."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ingredients._parse.decode import (
    _decode_list_literal,
    _fold_wide,
    _identity,
    _join_ferments,
    _Mapped,
    _split_at_signs,
    _strip_html,
)
from ingredients._parse.items import (
    _drop_preamble,
    _drop_repeated_highlights,
    _merge_slash_pairs,
    _piece_memo,
)
from ingredients._parse.lines import _join_wrapped, _lines, _parse_line
from ingredients._parse.names import _is_known, _known_as
from ingredients._parse.plain import _plain_items, _plain_line, _plain_line_memo, _plain_part_memo
from ingredients._parse.records import Ingredient, _ingredient, _Item, _State
from ingredients._parse.rules import _MAX_ITEMS, _MAX_LINE, _MAX_LINES, _MAX_TEXT
from ingredients._parse.text import _is_junk


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
_LOCANT_GAP_RE = re.compile(r",(?<=\d,)[ \t]")  # (the literal first: searched fast)


def _may_join_locant(text: str, items: Sequence[Ingredient | _Item]) -> bool:
    """Could :func:`_join_spaced_locants` give an item back its locant? (A name starts
    ``<digits>-<letter>`` and the text holds ``<digit>, ``.)"""
    return _LOCANT_GAP_RE.search(text) is not None and any(
        item.name[:1].isdigit() and _LOCANT_TAIL_RE.match(item.name) for item in items)


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
    mapped = _split_at_signs(_join_ferments(_fold_wide(mapped)))
    s = mapped.text
    identity = mapped.parent is None and mapped.pieces == [(0, 0, len(s), True)]  # offsets in s = in text
    state = _State()
    items: list[_Item] = []
    skip_next = [False]
    lines = _join_wrapped(s, _lines(s))
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
    items = _drop_preamble(items, state.header_at)
    return _drop_repeated_highlights(_merge_slash_pairs(s, items)), mapped, identity


def _clear_caches() -> None:
    """Empty the memos of per-item work (for benchmarks: a cold start)."""
    _piece_memo.cache_clear()
    _is_known.cache_clear()
    _known_as.cache_clear()
    _plain_line_memo.cache_clear()
    _plain_part_memo.cache_clear()
