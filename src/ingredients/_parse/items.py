"""Stage 5, items: one piece of text becomes an ingredient's name, percentage,
flags and alternatives (memoised: item texts recur across a catalogue)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

from ingredients._normalize import drop_pictographs
from ingredients._parse.languages import (
    _ABBREVIATIONS,
    _BLEND_WORDS,
    _CONJUNCTION_STARTS,
    _DOSE_LINKS,
    _DOSE_UNITS,
    _DOSE_WORDS,
    _FOREIGN_LEADS,
    _JOINING_HEADS,
    _LEADING_CONJUNCTIONS,
    _LIST_LEAD_STARTS,
    _LIST_LEADS,
    _PLANT_PARTS,
    _POTENCY_SCALES,
    _STRONG_FUNCTION_WORDS,
    _SYNONYM_WORDS,
)
from ingredients._parse.records import _Fields, _Item
from ingredients._parse.rules import (
    _BULLETS,
    _CJK_RE,
    _CLOSE,
    _CONTROL_RE,
    _DASHES,
    _FOOTNOTE_MARKS,
    _INVISIBLE_RE,
    _LONG_NAME,
    _MAX_NAME,
    _OPEN,
    _TRADEMARK_RE,
)
from ingredients._parse.text import (
    _is_ci,
    _is_code,
    _is_colour,
    _last_word,
    _looks_like_prose,
    _match_brackets,
    _outside_brackets_depth,
    _strip_may_contain,
    _top_level_split,
    _words,
)


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


def _strip_lead(s: str, starts: frozenset[str], leads: tuple[str, ...]) -> str:
    """``s`` without the first of ``leads`` it starts with (``starts``: their first letters),
    unless little of it would be left."""
    if not s or s[0] not in starts:
        return s
    for lead in leads:
        if s.startswith(lead) and len(s) > len(lead) + 2:
            return s[len(lead) :]
    return s


def _strip_leading_conjunction(s: str) -> str:
    """``and Octisalate 5%`` (the end of a written-out list) -> ``Octisalate 5%``."""
    return _strip_lead(s, _CONJUNCTION_STARTS, _LEADING_CONJUNCTIONS)


def _strip_list_lead(s: str) -> str:
    """``Zawiera masło shea`` (Polish "contains", opening a list without a colon) ->
    ``masło shea``: the word of the packs' ``list_leads`` is no part of the first name.
    Not before a sentence word (``Ingredients from organic farming`` is a note)."""
    out = _strip_lead(s, _LIST_LEAD_STARTS, _LIST_LEADS)
    if out is not s and out.split(" ", 1)[0].lower() in _STRONG_FUNCTION_WORDS:
        return s
    return out


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
    # before punctuation (``Extract*.``), whitespace again at the end. Pictographs go
    # first: an emoji before a name hides it from every later step.
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
    _strip_list_lead,
    _normalise_whitespace,
)
"""Cleaning steps applied, in order, to the text of every item to make ``name``."""


def clean_name(text: str) -> str:
    """Apply :data:`NAME_CLEANERS` in order (no percent, nano or synonym handling)."""
    for step in NAME_CLEANERS:
        text = step(text)
    return text


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


def _is_number(word: str) -> bool:
    """``50``, ``3.5``, ``0,25``: a quantity."""
    return word[:1].isdigit() and word.replace(".", "", 1).replace(",", "", 1).isdigit()


def _is_dose_word(word: str) -> bool:
    """A word of a dose phrase (``q.s.``, ``ad``, ``TM``) or a potency (``D6``, ``C30``)."""
    low = word.lower()
    if low in _DOSE_WORDS:
        return True
    scale = low.rstrip("0123456789")
    return scale != low and scale in _POTENCY_SCALES


def _strip_dose(s: str) -> str:
    """``dexpanthenolum 50 mg`` -> ``dexpanthenolum``; ``aqua q.s. ad unguentum pro 1 g`` ->
    ``aqua``; ``excipiens ad unguentum pro 1 g`` -> ``""`` (no ingredient).

    Only an item holding a dose (a number, then a unit of ``dose_units``, after its first word)
    is cut: before the dose, and before the first dose word or potency ahead of it. What
    follows the dose goes too (``neomycinum 3.5 mg ut neomycini sulfas``: the salt it is
    weighed as)."""
    if not _DOSE_UNITS or not any(c.isdigit() for c in s):
        return s
    words = s.split(" ")
    for i in range(1, len(words) - 1):
        if _is_number(words[i]) and words[i + 1].lower().strip(".") in _DOSE_UNITS:
            head = words[:i]
            for j, word in enumerate(head):
                if _is_dose_word(word):
                    head = head[:j]
                    break
            return " ".join(head)
    return s


def _dose_words_at(words: list[str], i: int) -> int:
    """How many of ``words`` from ``i`` on a dose takes: 2 for a number and a unit of the
    packs' ``dose_units`` (``50 mg``), 1 for the two glued (``200mg``), 0 for no dose."""
    word = words[i]
    if _is_number(word):
        return 2 if i + 1 < len(words) and words[i + 1].lower().strip(".") in _DOSE_UNITS else 0
    k = 0
    while k < len(word) and (word[k].isdigit() or word[k] in ".,"):
        k += 1
    return 1 if k and _is_number(word[:k]) and word[k:].lower().strip(".") in _DOSE_UNITS else 0


def _strip_leading_dose(s: str) -> str:
    """``200mg kwasu azelainowego`` -> ``kwasu azelainowego``; ``50 mg 50 mg benzoëzuur`` ->
    ``benzoëzuur``: a dose written before the name (as Polish and Dutch leaflets write the
    active, the name then in the genitive: "200 mg of azelaic acid") is no part of it, nor is
    a word of the packs' ``dose_links`` after it (``50 mg di olio di eucalipto``: "of"); the
    name ends before a dose word (``50 mg salicylzuur per gram``), as after a dose.

    Only doses a word holding a letter follows are dropped: ``5 mg`` alone stays as written."""
    if not _DOSE_UNITS or not s[:1].isdigit():
        return s
    words = s.split(" ")
    i = 0
    while i < len(words):
        taken = _dose_words_at(words, i)
        if not taken:
            break
        i += taken
    if 0 < i < len(words) - 1 and words[i].lower() in _DOSE_LINKS:
        i += 1  # "50 mg di olio di eucalipto": the link goes with the dose
    if i == 0 or i >= len(words) or not any(c.isalpha() for c in words[i]):
        return s
    name = words[i:]
    # "50 mg salicylzuur per gram": the name ends before a dose word (the dose's "per gram");
    # not before a potency ("200 mg Vitamin D3" is no homeopathic dilution)
    end = next((j for j in range(1, len(name)) if name[j].lower() in _DOSE_WORDS), len(name))
    return " ".join(name[:end])


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
    if all(_CJK_RE.search(p) for p in stripped):
        # "乳酸桿菌/蓮籽發酵產物濾液", "PEG-6辛酸/癸酸甘油酯类": in a script written without
        # spaces between words, words cannot be counted; a slash joins one name's parts
        return False
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
    if low in _BLEND_WORDS or low in ("+", "-", "+/-", "±", "dl", "d", "l"):
        return True
    if not any(c.isalpha() for c in low) or sum(c.isalpha() for c in low) < 2:
        return True
    if open_at and s[open_at - 1].isalnum():
        before = _last_word(s[:open_at]).lower()
        if before.endswith("poly") or (low[:1] == "c" and low[1:2].isdigit()):
            return True
    return False


# Each side of a " - " pair holds a word of three letters or more and starts with a letter.
_DASH_PAIR_SIDE_RE = re.compile(r"^\s*[^\W\d_](?=.*[^\W\d_]{3})")


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
    # 2b. " - " pairing a name with its other name: "Cocos Nucifera Oil - Coconut Oil" (both
    #     sides become alternatives)
    if " - " in name:
        dashed = _top_level_split(name.replace(" - ", "\x00"), "\x00", pairs)
        left = dashed[0].split()
        # (one capitalised word on the left is a word broken at a line end: "Butyro - Spermum")
        if (len(dashed) == 2 and all(_DASH_PAIR_SIDE_RE.search(p) for p in dashed)
                and (len(left) > 1 or dashed[0].isupper())):
            # (the name stays as written: a word broken at a line end reads whole downstream)
            alternatives = [clean_name(dashed[0]), clean_name(dashed[1]), *alternatives]
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
    dosed = _strip_dose(_strip_leading_dose(name))
    if nano or percent is not None or dosed != name:
        name = clean_name(dosed)
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
    if "/" not in s:
        return items  # (no pair to join: the common case)
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


def _drop_preamble(items: list[_Item], header_at: int) -> list[_Item]:
    """One or two items before the first header (``Krem do twarzy. Skład: …``) are a
    title or a description, not the list, when the header has items after it. Kept:
    a longer run (a first list before ``Other Ingredients:``) and an item stating a
    percentage (an active before ``Inactive Ingredients:``)."""
    if header_at <= 0 or not items or items[0].end > header_at:
        return items
    cut = next((k for k, it in enumerate(items) if it.end > header_at), len(items))
    if cut == len(items) or cut > PREAMBLE_ITEMS or any(
            it.percent is not None for it in items[:cut]):
        return items
    return items[cut:]


PREAMBLE_ITEMS = 2
"""At most this many items before the first header are read as a title."""


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

_Part = tuple[int, int, bool, _Fields]
"""One name of an item of glued names: ``(start, end, may-contain marker, fields)``,
offsets in the item's stripped text (:mod:`.glued`)."""
_Piece = tuple[int, int, bool, _Fields | None, bool, tuple[_Part, ...]]
"""A piece read: ``(start, end, may-contain marker found, fields, plain, glued names)``."""


def _piece(piece: str) -> _Piece:
    """What one piece (the text between two separators) gives, offsets relative to it.

    ``start:end`` is the range :func:`_strip_range` keeps, and the marker and
    ``fields`` are the :func:`_item_fields` of it (``(False, None)`` when
    empty). Neither reads anything outside the piece, so this is memoised.

    ``glued`` holds the names of an item of glued names (:func:`.glued.glued_parts`:
    ``Glycerin Dimethicone``), offsets relative to ``start``; empty for other items.

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
    glued: tuple[_Part, ...] = ()
    if fields is not None:
        described = _described_name(piece[a:b])
        if described is not None:
            return a, b, may, fields, plain, (described,)
        from ingredients._parse.glued import glued_parts  # (it reads parts as items: a cycle)

        glued = glued_parts(piece[a:b], fields)
    return a, b, may, fields, plain, glued


DESCRIBED_NAME_WORDS = 5
"""At most this many words (outside brackets) make the name before a description."""


def _described_name(text: str) -> _Part | None:
    """``Kwas cytrynowy (aha) - rozjaśnia przebarwienia``: a key ingredient's name, `` - `` and
    a description of what it does (a product page's key-ingredient lines): the name, flagged
    ``"highlight"``, as the one part of the item (offsets in ``text``), else None.

    The text after the first `` - `` outside brackets describes when it holds a strong sentence
    word of the packs (``strong_words``), and the name before it is a short one (at most
    :data:`DESCRIBED_NAME_WORDS` words, starting with a capital) holding none and not prose.
    Only a piece opening its line is read so (:func:`.labels._parse_segment`): ``…, too - we're
    named …`` in a paragraph is no key-ingredient line.
    ``Cocos Nucifera Oil - Coconut Oil`` (two names of one ingredient) holds none: it is read
    by :func:`_split_alternatives`. (A part makes the line go the full path, where a prose
    sentence keeps its highlighted names: :func:`.labels._parse_segment`.)"""
    k = text.find(" - ")
    if k == -1:
        return None
    pairs = _match_brackets(text)
    while k != -1 and any(o < k < c for o, c in pairs.items()):
        k = text.find(" - ", k + 1)
    if k == -1 or not text[:1].isupper():
        return None
    left = _words(_outside_brackets_depth(text[:k])[0])
    if not 0 < len(left) <= DESCRIBED_NAME_WORDS or any(w in _STRONG_FUNCTION_WORDS for w in left):
        return None
    if not any(w in _STRONG_FUNCTION_WORDS for w in _words(_outside_brackets_depth(text[k + 3 :])[0])):
        return None
    la, lb = _strip_range(text, 0, k)
    may, fields = _item_fields(text[la:lb])
    if fields is None or "prose" in fields[3]:
        return None
    name, percent, alternatives, flags = fields
    return la, lb, may, (name, percent, alternatives, (*flags, "highlight"))


_piece_memo = lru_cache(maxsize=_CACHE_SIZE)(_read_piece)
