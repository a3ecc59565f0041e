"""The parser's fast ways give exactly what its full path gives.

``parse`` reads a text that is one plain comma-separated line, and each plain
line of any other text, the fast way (``_read_plain_line``, per-piece memos);
the other scanners jump from candidate to candidate with regular expressions
where they used to loop over characters. Here the fast path is held to the full
path, and each rewritten scanner to the loop it replaced (kept as an oracle).
"""

from __future__ import annotations

import ast
import dataclasses
import re
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import messy_label_texts, plain_label_texts

from ingredients._parse import Ingredient, parse
from ingredients._parse import batch as batch_stage
from ingredients._parse import decode as decode_stage
from ingredients._parse import document as document_stage
from ingredients._parse import languages as languages_stage
from ingredients._parse import lines as lines_stage
from ingredients._parse import pieces as pieces_stage
from ingredients._parse import plain as plain_stage
from ingredients._parse import records as records_stage
from ingredients._parse import rules as rules_stage
from ingredients._parse import text as text_stage

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def full_path(text: str) -> list[Ingredient]:
    """``parse`` without any fast way: every line through ``_parse_line``."""
    if not text.strip() or text_stage._is_junk(text):
        return []
    return document_stage._join_spaced_locants(text, document_stage._parse_full(text, fast_lines=False))


# --- the fast path ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Water, Glycerin, Butylene Glycol",
        "Water (Aqua), 1,2-Hexanediol, Caprylic/Capric Triglyceride.",
        "Iron Oxides (CI 77491, CI 77492), Mica, Alcohol Denat., Parfum",
        "water, glycerin, niacinamide, ",
        "Glycerin",
        "Zinc Oxide 17.1%, Water, Aloe Barbadensis Leaf Juice*, Glycerin**",
        "Water/?Aqua, Hypericum Perforatum (St. John's Wort) Extract, Parfum",
        "Water, *Calendula Officinalis Flower Extract, **Rosa Canina Fruit Oil, Glycerin",
        "Water, 5% Niacinamide, Freesia Refracta Extract",
    ],
)
def test_plain_texts_take_the_fast_path(text: str) -> None:
    """Clean comma-separated INCI lists, the bulk of a catalogue, are read the fast way."""
    fast = plain_stage._parse_plain(text)
    assert fast is not None
    assert fast == full_path(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ingredients: Water, Glycerin", id="label"),
        pytest.param("Water, Glycerin. May Contain Mica", id="may-contain"),
        pytest.param("Water, Glycerin, Parfum. Free of parabens", id="exclusion"),
        pytest.param("Zinc Oxide 17.1% Water, Glycerin", id="percent-ends-an-item"),
        pytest.param("Zinc Oxide 17.1%Water, Glycerin", id="percent-run-on"),
        pytest.param("Water, Glycerin\nParfum", id="two-lines"),
        pytest.param("-Snap 8 Peptide, Water", id="bullet"),
        pytest.param("['Water, Glycerin']", id="list-literal"),
        pytest.param("Water, Glycerin. Parfum", id="sentence-end"),
        pytest.param("Water &amp; Glycerin", id="html-entity"),
        pytest.param("Water / Glycerin / Parfum / Mica / Silica", id="slash-separated"),
        pytest.param("Eau, Glycérine", id="non-ascii"),
        pytest.param("*Water, Glycerin", id="footnote-first"),
        pytest.param("Water, Glycerin * Organic", id="footnote-star"),
        pytest.param("Water, Glycerin *Organic", id="footnote-star-after-a-name"),
        pytest.param("Water, Niacinamide 5% Active", id="percent-after-a-name"),
        pytest.param("Water, Parfum free of allergens", id="free-of"),
        pytest.param("Water, Glycerin. *Organic farming", id="footnote-sentence"),
        pytest.param("Water; Glycerin; 1, 2-Hexanediol", id="locant-not-plain"),
        pytest.param("Aqua, Cetearyl Alcohol (and) Ceteareth-20, Glycerin", id="blend"),
        pytest.param("Mica (ET) Titanium Dioxide", id="blend-french"),
        pytest.param("Aqua, Mica [ und ] Silica", id="blend-square"),
        pytest.param("Fragrance (Parfum (and) Limonene), Water", id="blend-nested"),
    ],
)
def test_other_texts_take_the_full_path(text: str) -> None:
    """Anything the fast path does not prove equal is left to the full path."""
    assert plain_stage._parse_plain(text) is None
    assert document_stage.parse_not_plain(text) == parse(text) == full_path(text)
    assert_same_items(document_stage.items_not_plain(text), parse(text))


@FAST
@given(plain_label_texts())
def test_fast_path_equals_full_path(text: str) -> None:
    """On plain lists (brackets, digit commas, prose-like names, empty items) both agree,
    and batch scoring's shortcut for a text found not plain changes nothing."""
    assert parse(text) == full_path(text)
    if plain_stage._parse_plain(text) is None:
        assert document_stage.parse_not_plain(text) == parse(text)


@FAST
@given(plain_label_texts())
def test_batch_plain_reading_equals_parse(text: str) -> None:
    """Batch scoring's own reading of a plain text (its parts, one item a part that
    holds one: :mod:`ingredients._parse.batch`) gives the items of :func:`parse`, or
    says the text is not plain (blends such as ``Mica (and) Silica`` among them)."""
    parts = batch_stage.plain_parts(text)
    if not parts:
        return
    records = [batch_stage.read_plain_part(part) for part in parts]
    verdict = batch_stage.plain_verdict(text, records)
    if verdict is None:
        assert batch_stage.parse_not_plain(text) == parse(text)
        return
    if verdict:
        assert parse(text) == []
        return
    fields = [r.fields for r in records if r.fields is not None]
    if any(batch_stage.starts_locant(f[0]) for f in fields):
        return  # (the batch asks parse then: a locant may join back)
    assert [(f[0], f[1], f[2]) for f in fields] == [
        (i.name, i.percent, i.alternatives) for i in parse(text)]


@pytest.mark.parametrize(
    "text",
    [
        "dexpanthenolum 50 mg, adeps lanae, alcoholes adipis lanae, excipiens ad unguentum pro 1 g.",
        "sulfur D6 2.7 mg, paraffinum liquidum, vaselinum album, aqua q.s. ad unguentum pro 1 g.",
        "neomycinum 3.5 mg ut neomycini sulfas, retinoli palmitas 400 U.I., cera alba",
        "zinci oxidum 40 mg, ad unguentum pro vase 5 g",
        "Glycerin, 5 mg, Water",
    ],
)
def test_doses_read_alike_on_every_path(text: str) -> None:
    """Pharmacopoeia doses are cut the same by the full path, the fast path and the batch."""
    assert parse(text) == full_path(text)
    parts = batch_stage.plain_parts(text)
    if parts and batch_stage.plain_verdict(text, [batch_stage.read_plain_part(p) for p in parts]) is False:
        fields = [r.fields for r in map(batch_stage.read_plain_part, parts) if r.fields is not None]
        assert [(f[0], f[1], f[2]) for f in fields] == [(i.name, i.percent, i.alternatives) for i in parse(text)]


_LINES = st.one_of(
    plain_label_texts(),
    st.sampled_from(
        (
            "Ingredients:",
            "May Contain:",
            "Big Sky:",
            "/",
            "-Snap 8 Peptide: Helps relax the look of lines.",
            "Formulated without:",
            "Parabens, Sulfates",
            "water",
            "aqua",
            # a name wrapped across lines, and lines a continuation word starts
            "Aqua, Butyrospermum Parkii (Shea)",
            "Butter, Glycerin",
            "Cetearyl",
            "Alcohol",
            "Seed Oil, Mica",
            "Water (and) Argania Spinosa (Argan)",
            "Kernel Oil (and) Propanediol",
        )
    ),
)


@SLOW
@given(st.lists(_LINES, min_size=1, max_size=8).map("\n".join))
def test_fast_lines_equal_full_path(text: str) -> None:
    """Plain lines among labels, sections, may-contain and exclusion lines read the same."""
    assert parse(text) == full_path(text)


@FAST
@given(messy_label_texts())
def test_messy_texts_equal_full_path(text: str) -> None:
    """Markup, list literals, markers and junk: the fast ways change nothing."""
    assert parse(text) == full_path(text)
    if plain_stage._parse_plain(text) is None:
        assert document_stage.parse_not_plain(text) == parse(text)
        assert_same_items(document_stage.items_not_plain(text), parse(text))


def assert_same_items(records: list[Any] | None, items: list[Ingredient]) -> None:
    """Batch scoring's records of a text not plain say what :func:`parse` says (or are
    None, which sends it to parse)."""
    if records is not None:
        assert [(r.name, r.percent, r.may_contain, r.alternatives) for r in records] == [
            (i.name, i.percent, i.may_contain, i.alternatives) for i in items]


def test_markers_hold_a_hint() -> None:
    """The cheap pre-checks (substring hints) see every marker they stand for."""
    for marker in (*languages_stage._STOP_MARKERS, *languages_stage._EXCLUSION_MARKERS, *languages_stage._MAY_CONTAIN_PREFIXES):
        # (only ASCII lines take the fast path: other markers need no hint)
        assert not marker.isascii() or any(hint in marker for hint in languages_stage._MARKER_HINTS), marker
    for marker in ("+/-", "+/–", "±"):
        assert any(hint in marker for hint in languages_stage._MARKER_HINTS), marker
    for marker in languages_stage._EXCLUSION_MARKERS:
        assert any(hint in marker for hint in languages_stage._EXCLUSION_HINTS), marker


def test_ingredient_shortcut_makes_the_same_object() -> None:
    """``_ingredient`` writes the slots directly: the result equals ``Ingredient(...)``."""
    fields = ("Water", "Water (Aqua)", 1, (0, 12), 2.5, True, ("Aqua",), ("nano",), "Big Sky")
    made = records_stage._ingredient(*fields)
    assert type(made) is Ingredient
    assert made == Ingredient(*fields)
    assert hash(made) == hash(Ingredient(*fields))
    assert Ingredient.__slots__ == tuple(f.name for f in dataclasses.fields(Ingredient))
    assert not hasattr(Ingredient, "__post_init__")


# --- the rewritten scanners against the loops they replaced -------------------


def _outside_brackets_loop(s: str) -> str:
    out: list[str] = []
    depth = 0
    for c in s:
        if c in "([{":
            depth += 1
        elif c in ")]}" and depth:
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


def _match_brackets_loop(s: str, start: int, end: int) -> dict[int, int]:
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i in range(start, end):
        c = s[i]
        if c in "([{":
            stack.append(i)
        elif c in ")]}":
            for k in range(len(stack) - 1, max(len(stack) - 4, -1), -1):
                if {"(": ")", "[": "]", "{": "}"}[s[stack[k]]] == c:
                    pairs[stack[k]] = i
                    del stack[k:]
                    break
    return pairs


def _top_level_split_loop(s: str, seps: str) -> list[str]:
    pairs = _match_brackets_loop(s, 0, len(s))
    out: list[str] = []
    i = run = 0
    n = len(s)
    while i < n:
        c = s[i]
        if i in pairs:
            i = pairs[i] + 1
            continue
        if c in seps and not (
            c == "," and 0 < i < n - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()
            and rules_stage._comma_in_number(s, i, 0, n)
        ):
            out.append(s[run:i])
            run = i + 1
        i += 1
    out.append(s[run:])
    return out


_LINE_RE = re.compile("[\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]+")


def _lines_regex(s: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _LINE_RE.finditer(s):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if len(s) > start:
        out.append((start, len(s)))
    return out


_PIECE_RE_BEFORE = re.compile(
    r"[,;|:.!?*%/()\[\]{}•·●▪◦∙]|(?<= )-(?= )|\+/[-–]|±"
    r"|(?i:may contain|peut contenir|puede contener|kann enthalten)"
)

_BRACKETY = st.text(alphabet="ab1 ,;/()[]{}", max_size=40)


@FAST
@given(_BRACKETY)
def test_outside_brackets(s: str) -> None:
    """The bracket-to-bracket scan keeps what the character loop kept."""
    assert text_stage._outside_brackets(s) == _outside_brackets_loop(s)


@FAST
@given(_BRACKETY, st.integers(0, 40), st.integers(0, 40))
def test_match_brackets(s: str, start: int, end: int) -> None:
    """Simple pairs in one pass, others on a stack: the pairs the loop found."""
    start, end = min(start, len(s)), min(max(start, end), len(s))
    assert text_stage._match_brackets(s, start, end) == _match_brackets_loop(s, start, end)


@FAST
@given(_BRACKETY, st.sampled_from((",", ",;", "/")))
def test_top_level_split(s: str, seps: str) -> None:
    """Jumping between separators and openers splits where the loop split."""
    assert text_stage._top_level_split(s, seps) == _top_level_split_loop(s, seps)


@SLOW
@given(plain_label_texts())
def test_plain_split(line: str) -> None:
    """A plain line is cut at the commas where the general splitter cuts it."""
    assert plain_stage._plain_split(line) == _top_level_split_loop(line, ",")


@FAST
@given(st.text(alphabet="ab \n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\t", max_size=30))
def test_lines(s: str) -> None:
    """``str.splitlines`` finds the lines the line-break regex found."""
    assert lines_stage._lines(s) == _lines_regex(s)


_PIECE_TEXT = st.lists(
    st.sampled_from(
        (
            *("a", "b", " ", "-", " - ", "–", "+/-", "+/–", "±", ",", ".", "(", ")", "%", "/", "*", ":"),
            *(
                "may contain",
                "MAY CONTAIN",
                "Kann enthalten",
                "\u212aann enthalten",
                "peut contenİr",
                "é",
                "•",
            ),
        )
    ),
    max_size=12,
).map("".join)


@FAST
@given(_PIECE_TEXT, st.integers(0, 60), st.integers(0, 60))
def test_piece_search(s: str, start: int, end: int) -> None:
    """Searching from any position, the chosen piece pattern hits where the old one did."""
    start, end = min(start, len(s)), min(max(start, end), len(s))
    pattern = pieces_stage._piece_re(s, start, end)
    for i in range(start, end + 1):
        before, after = _PIECE_RE_BEFORE.search(s, i, end), pattern.search(s, i, end)
        assert (before and before.start()) == (after and after.start())


def test_character_classes_hold_for_every_code_point() -> None:
    """Facts the scanners rely on, checked for all of Unicode.

    The piece pattern's look-ahead admits every character that can start a
    case-insensitive may-contain phrase; ``[^\\W_]`` is ``str.isalnum``;
    ``str.splitlines`` breaks at exactly the line-break characters; and
    lower-casing never makes a text shorter (``_is_junk`` relies on it).
    """
    phrases = {re.compile(f"(?i:{p[0]})"): p[1:] for p in languages_stage._MAY_CONTAIN_PREFIXES}
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        for first, rest in phrases.items():
            if first.match(c):  # ("K" is also the Kelvin sign, case-insensitively)
                assert languages_stage._PIECE_RE.match(c + rest), hex(code)
        assert bool(rules_stage._TAG_NAME_RE.fullmatch(c)) == c.isalnum(), hex(code)
        assert (len(("a" + c + "b").splitlines()) > 1) == (c in rules_stage._LINE_BREAKS), hex(code)
        assert c.lower(), hex(code)


@FAST
@given(messy_label_texts(), st.lists(st.tuples(st.integers(0, 300), st.integers(0, 300)), max_size=10))
def test_source_ranges(text: str, ranges: list[tuple[int, int]]) -> None:
    """The batch mapping of offsets gives what mapping each offset gives."""
    decoded = decode_stage._decode_list_literal(text)
    mapped = decode_stage._strip_html(decoded or decode_stage._identity(text))
    n = len(mapped.text)
    ranges = sorted((min(a, n), min(max(a, b), n)) for a, b in ranges)
    expected = [(mapped.source_start(a), mapped.source_end(b)) for a, b in ranges]
    assert mapped.source_ranges(ranges) == expected


@FAST
@given(st.text(alphabet="[]'\", ab\t", max_size=20))
@example("['',]")  # Hypothesis found it: a trailing comma made a second, empty element
@example("['a', 'b',]")
def test_list_literal_without_escapes_reads_as_python(source: str) -> None:
    """Printable, backslash-free literals skip ``ast.literal_eval``: the scanner agrees with it."""
    decoded = decode_stage._decode_list_literal(source)
    literal = source.strip()
    if decoded is None or "\\" in literal or not literal.isprintable():
        return
    expected = ast.literal_eval(literal)
    if not decoded.text:  # no elements and one empty element both read as nothing
        assert expected in ([], [""])
    else:
        assert decoded.text.split("\n\n") == expected


@FAST
@given(st.lists(st.text(max_size=10), max_size=5))
def test_list_literal_round_trip(values: list[str]) -> None:
    """Any Python list of strings decodes to its elements, one paragraph each."""
    decoded = decode_stage._decode_list_literal(repr(values))
    if decoded is not None:
        assert decoded.text == "\n\n".join(values)
    elif "\\" not in repr(values) and repr(values).isprintable():
        pytest.fail("a printable literal without escapes is always decoded")


@SLOW
@given(st.one_of(plain_label_texts(), st.text(alphabet="a1 ,.()[]{}-*%'/?!", max_size=40)))
def test_simple_split(line: str) -> None:
    """A line the one-pass pattern takes is cut where the plain splitter cuts it, and
    lines it refuses are refused (or cut) as before."""
    if plain_stage._PLAIN_SIMPLE_RE.fullmatch(line):
        assert plain_stage._PLAIN_RE.fullmatch(line)
        assert plain_stage._simple_split(line) == plain_stage._plain_split(line)
    before = None
    if line.isascii() and plain_stage._PLAIN_RE.fullmatch(line) and len(line) <= plain_stage._PLAIN_MAX:
        before = None if line.lstrip(" ")[:1] in "[-*" or text_stage._is_junk(line) else (
            plain_stage._plain_split(line))
    assert plain_stage._plain_parts(line) == before


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("Water, 1,2-Hexanediol, Glycerin", ["Water", " 1,2-Hexanediol", " Glycerin"]),
        ("A,1,2,3,B", ["A", "1,2,3", "B"]),
        ("Glycereth-26,1,2-Hexanediol, Mica", ["Glycereth-26", "1,2-Hexanediol", " Mica"]),
        ("Octahydro-3,6,8,8-Tetramethyl, Mica", ["Octahydro-3,6,8,8-Tetramethyl", " Mica"]),
        ("1,,2, 3,4", ["1", "", "2", " 3,4"]),
        ("Water (Aqua), Oil (Olea), Mica", ["Water (Aqua)", " Oil (Olea)", " Mica"]),
    ],
)
def test_simple_split_examples(line: str, parts: list[str]) -> None:
    assert plain_stage._PLAIN_SIMPLE_RE.fullmatch(line)
    assert plain_stage._simple_split(line) == parts == plain_stage._plain_split(line)


# --- shortcuts of the full path (issue 20b): each only skips work -------------------


def slow_full_path(text: str) -> list[Ingredient]:
    """:func:`full_path` with every sentence's words read (no ``_quiet_sentence``) and
    every comma taken as a candidate of its own (no runs of commas)."""
    from unittest import mock

    from ingredients._parse import labels as labels_stage

    with mock.patch.object(labels_stage, "_quiet_sentence", return_value=False), \
            mock.patch.object(pieces_stage, "_PIECE_NOT_COMMA_RE", None):
        return full_path(text)


@pytest.mark.parametrize(
    "text",
    [
        "Water, Glycerin, Phenoxyethanol. *Certified organic, Aloe",
        "Water, Glycerin, 1,2-Hexanediol, Parfum. Made for you, and we love it, because it is good",
        "Water (and) Argan Oil (and) Propanediol (and) Glycerin",
        "Water, [+/- May Contain: CI 77491, CI 77492], Mica",
        "Ingredients: Water, Glycerin; Mica | Talc • Silica",
        "A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, the, of, and, for, you",
        "Titanium Dioxide 1.70%Water, Glycerin, Octinoxate 7.5% Water, Mica",
        "Water,, Glycerin ,, (Aqua, Eau), Parfum",
    ],
)
def test_full_path_shortcuts_examples(text: str) -> None:
    """Examples near each shortcut's edge: the same items as reading everything."""
    assert full_path(text) == slow_full_path(text)


@SLOW
@given(st.one_of(messy_label_texts(), plain_label_texts()))
def test_full_path_shortcuts(text: str) -> None:
    """A sentence of plain pieces is no prose, and a run of commas cuts where each comma
    alone cut: the full path gives what it gives reading every sentence and comma."""
    assert full_path(text) == slow_full_path(text)


@FAST
@given(st.one_of(_PIECE_TEXT, messy_label_texts()))
def test_holds_may_contain(s: str) -> None:
    """The substring test finds a may-contain marker exactly when the regex does."""
    low = s.lower()
    assert pieces_stage._holds_may_contain(low) == (text_stage._has_may_contain(low) != -1)


def test_quiet_sentence_longer_than_the_window_is_read() -> None:
    """A sentence of plain pieces longer than PROSE_WINDOW is read: the window's cut
    makes the word "the" of "Theobroma", and with 7 other words outside brackets the
    sentence reads as prose (dropped), as the full path has always read it."""
    from ingredients._parse.labels import PROSE_WINDOW

    text = "Aqua, Mica, Talc, Zinc, Iron, Urea, Silk"
    while len(text) + 184 + 190 < PROSE_WINDOW:
        text += ", (" + "x" * 180 + ")"  # (plain pieces with no word outside brackets)
    text += ", (" + "x" * (PROSE_WINDOW - 5 - len(text) - 4) + ")"
    text += ", Theobroma Cacao Seed Butter"
    assert text[:PROSE_WINDOW].endswith(", The")
    assert full_path(text) == slow_full_path(text) == []
