"""Character classes, patterns and hard caps the stages share."""

from __future__ import annotations

import re

_TRADEMARKS = frozenset("™®©℠")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f")
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")
_TRADEMARK_RE = re.compile("[™®©℠]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f]")
# Linear: each repetition must consume a joiner that the word class excludes.
_WORD_RE = re.compile(r"[^\W_]+(?:[-–'’][^\W_]+)*|&")
# A letter of a script written without spaces between words: Han, kana, Hangul (as
# ``ingredients._translate.is_cjk`` counts them).
_CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
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
# Its hits in ASCII text with no `` - ``, ``+/`` or may-contain phrase (see _piece_re).
_PIECE_CHAR_RE = re.compile(r"[,;|:.!?*%/()\[\]{}•·●▪◦∙]")
# Where the scanners can stop (they jump from one candidate to the next):
_SPACE_BULLET_RE = re.compile(" [-–—•·●▪◦∙]")  # " " before a dash or bullet
_DESCRIPTION_END_RE = re.compile("[.!]| [-–—•·●▪◦∙]")  # a sentence end or the next bullet
_EXCLUSION_END_RE = re.compile(r"[.!](?=\s|\Z)")  # "." or "!" before a space or the end
_LIST_SEPARATOR_RE = re.compile("[,;|]")
_LOCANTS_RE = re.compile(r"(\d+)(?:,\d+)*-")  # ``1,2-`` of ``1,2-Hexanediol``
_ONLY_STOPS_RE = re.compile("[ .!:]*")  # (fullmatch fails at the first other character)
_FOOTNOTE_MARKS = frozenset("*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰^°+#")
# Pictographs (emoji, dingbats) and the joiners of emoji sequences end a name like a bullet:
# shop text puts them between names and links (``Celulose 🛍️ COMPRE AQUI: [...](https://...)``).
_PICTOGRAPH_RANGES = "\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d"
_PICTOGRAPHS = frozenset(
    chr(c) for c in (*range(0x2600, 0x27C0), *range(0x1F300, 0x1FB00), 0xFE0F, 0x200D)
)
_BULLETS = frozenset("•·●▪◦∙") | _PICTOGRAPHS
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


def _comma_in_number(s: str, i: int, start: int, end: int) -> bool:
    """Whether the comma ``s[i]``, between two digits, belongs to a number or a list
    of locants (``1,2-Hexanediol``, ``0,5 %``) and so cuts no item.

    It does not when a name's number ends before it and locants start after it:
    ``Glycereth-26,1,2-Hexanediol``, ``나일론-12,1,2-헥산디올`` are two names, a lost
    space after the comma. Locants are written in ascending order, so ``26,1`` is no
    list of locants; ``2-Oleamido-1,3-Octadecanediol`` (``1,3``) keeps its comma.
    """
    a = i
    while a > start and s[a - 1].isdigit():
        a -= 1
    if a - 2 < start or s[a - 1] != "-" or not s[a - 2].isalpha():
        return True
    locants = _LOCANTS_RE.match(s, i + 1, end)
    return locants is None or int(locants.group(1)) >= int(s[a:i])
