"""Compare products: the reports side by side, what they share, and why their scores differ.

:func:`compare` scores each item (a text, a ``(text, product_type, area)`` tuple, a
:class:`CompareItem` or an existing :class:`~ingredients.Report`) and explains each
product against the first one that could be read, ingredient by ingredient.

Why the points add up: a report's contributions sum to its score exactly
(docs/scoring.md), so the differences of the contributions of each ingredient sum
to the difference of the scores. Each change is the points one ingredient explains.

A comparison never states an order it cannot know: when either product's band is
``uncertain`` (names not read), it says which names were not read and states an
order only if it holds even with the unread names as risky as their words allow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ingredients._database import Database, default_database
from ingredients._score import Finding, Report, analyze, count_of, unread_names
from ingredients._width import cut, pad
from ingredients.errors import InputError

__all__ = [
    "MAX_ITEMS",
    "Change",
    "CompareItem",
    "Compared",
    "Comparison",
    "Difference",
    "Failed",
    "compare",
]

MAX_ITEMS = 10
"""Most products in one comparison; more is an :class:`InputError` (413 from the API)."""

SAME_POINTS = 1.0
"""Scores closer than this are called about the same."""

ChangeKind = Literal["only-in-first", "only-in-other", "moved", "dose", "context"]


@dataclass(frozen=True, slots=True)
class CompareItem:
    """One product to compare: its ingredient text and where it is used."""

    text: str
    product_type: str = "leave-on"
    area: str = "face"
    label: str | None = None
    """A name to show (``A``, ``B``… when None)."""


@dataclass(frozen=True, slots=True)
class Compared:
    """One product of a comparison: its report, or why it has none."""

    label: str
    report: Report | None
    error: str | None = None
    """Why the item could not be analysed (no ingredients, bad product type…)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One ingredient's part in the difference between two products."""

    ingredient: str
    """Display name."""
    kind: ChangeKind
    points: float
    """Points of the difference (other minus first) this ingredient explains."""
    words: str
    """The change in plain words, from the other product's side."""


@dataclass(frozen=True, slots=True)
class Difference:
    """Why one product scores differently from the first one."""

    first: int
    """Index of the product compared against (the first one that could be read)."""
    other: int
    delta: float
    """Other's score minus first's score."""
    decided: bool
    """True when the order holds whatever was not read (or nothing was unread)."""
    changes: tuple[Change, ...]
    """Largest first, by the points each explains; changes under 0.05 points left out."""
    verdict: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of :func:`compare`."""

    items: tuple[Compared, ...]
    """In the order given, one per item."""
    shared: tuple[str, ...]
    """Ingredients (display names) in every product that could be read."""
    only: tuple[tuple[str, ...], ...]
    """Per item, the ingredients no other product has (empty for failed items)."""
    differences: tuple[Difference, ...]
    summary: str

    @property
    def reports(self) -> tuple[Report | None, ...]:
        """The reports in order (None where the item failed)."""
        return tuple(i.report for i in self.items)

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON (the body of ``POST /api/compare``)."""
        return {
            "items": [
                {"label": c.label, "report": c.report.to_dict()} if c.report is not None
                else {"label": c.label, "error": c.error}
                for c in self.items],
            "shared": list(self.shared),
            "only": [list(o) for o in self.only],
            "differences": [
                {"first": d.first, "other": d.other, "delta": round(d.delta, 1),
                 "decided": d.decided, "verdict": d.verdict,
                 "changes": [{"ingredient": c.ingredient, "kind": c.kind,
                              "points": round(c.points, 1), "words": c.words}
                             for c in d.changes]}
                for d in self.differences],
            "summary": self.summary,
        }




def _label(k: int) -> str:
    return chr(ord("A") + k) if k < 26 else f"#{k + 1}"


@dataclass(frozen=True, slots=True)
class Failed:
    """An item its caller already found invalid (the API's per-item validation): it keeps
    its place, with this error."""

    error: str
    label: str | None = None


Item = str | tuple[str, str] | tuple[str, str, str] | CompareItem | Report | Failed


def _score_item(item: object, label: str, db: Database) -> Compared:
    if isinstance(item, Failed):
        return Compared(item.label or label, None, item.error)
    if isinstance(item, Report):
        return Compared(label, item)
    if isinstance(item, CompareItem):
        text, ptype, area, label = item.text, item.product_type, item.area, item.label or label
    elif isinstance(item, str):
        text, ptype, area = item, "leave-on", "face"
    elif isinstance(item, tuple) and 1 <= len(item) <= 3:
        text = item[0]
        ptype = item[1] if len(item) > 1 else "leave-on"
        area = item[2] if len(item) > 2 else "face"
    else:
        return Compared(label, None, "an item must be a text, a (text, product_type, area) "
                                     f"tuple or a Report, not {type(item).__name__}")
    try:
        return Compared(label, analyze(text, product_type=ptype, area=area, db=db))
    except InputError as exc:
        return Compared(label, None, str(exc))


def _key(f: Finding) -> str:
    """One substance under any of its names (AQUA and WATER are one entry); an unread
    name is itself."""
    if f.read and f.match.inci:
        return f.match.entry.inci if f.match.entry is not None else f.match.inci
    return " ".join(f.ingredient.name.lower().split())


def _by_key(report: Report) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in report.findings:
        out.setdefault(_key(f), []).append(f)
    return out


def _sign(x: float) -> str:
    return f"{'+' if x >= 0 else '−'}{abs(x):.0f}" if abs(x) >= 0.5 else f"{x:+.1f}".replace("-", "−")


def _change(name: str, first: list[Finding] | None, other: list[Finding] | None,
            delta: float) -> Change:
    if first is None and other is not None:
        what = ", a protective active," if other[0].role == "protective" else ""
        return Change(name, "only-in-other", delta, f"it has {name}{what} ({_sign(delta)})")
    if other is None and first is not None:
        return Change(name, "only-in-first", delta, f"it has no {name} ({_sign(delta)})")
    assert first is not None and other is not None
    a, b = first[0], other[0]
    pa, pb = a.ingredient.percent, b.ingredient.percent
    if pa is not None and pb is not None and pa != pb:
        return Change(name, "dose", delta,
                      f"its {name} is stated at {pb:g}% instead of {pa:g}% ({_sign(delta)})")
    moved = b.ingredient.position - a.ingredient.position
    if moved:
        where = "lower" if moved > 0 else "higher"
        return Change(name, "moved", delta,
                      f"its {name} sits {abs(moved)} place{'s' if abs(moved) > 1 else ''} "
                      f"{where} in the list ({_sign(delta)})")
    return Change(name, "context", delta,
                  f"its {name} counts {'less' if delta < 0 else 'more'} where it stands "
                  f"(the rest of the list sets the dose estimate) ({_sign(delta)})")


def _decided(a: Report, b: Report) -> bool:
    """True when b's and a's scores are in a known order whatever was not read."""
    if a.band != "uncertain" and b.band != "uncertain":
        return True
    lo_b, hi_b = (b.score, b.score_range[1]) if b.unread else (b.score, b.score)
    lo_a, hi_a = (a.score, a.score_range[1]) if a.unread else (a.score, a.score)
    return hi_b < lo_a or hi_a < lo_b


def _difference(i: int, j: int, la: str, lb: str, a: Report, b: Report) -> Difference:
    fa, fb = _by_key(a), _by_key(b)
    changes = []
    for key in dict.fromkeys([*fa, *fb]):
        ca = sum(f.contribution for f in fa.get(key, ()))
        cb = sum(f.contribution for f in fb.get(key, ()))
        delta = cb - ca
        if abs(delta) < 0.05:
            continue
        name = (fb.get(key) or fa[key])[0].name
        changes.append(_change(name, fa.get(key), fb.get(key), delta))
    changes.sort(key=lambda c: -abs(c.points))
    delta = b.score - a.score
    decided = _decided(a, b)
    verdict = _verdict(la, lb, a, b, delta, decided, changes)
    return Difference(i, j, delta, decided, tuple(changes), verdict)


def _context_note(la: str, lb: str, a: Report, b: Report) -> str:
    parts = []
    if a.product_type != b.product_type:
        parts.append(f"{lb} is scored as {b.product_type}, {la} as {a.product_type}")
    if a.area != b.area:
        parts.append(f"{lb} for the {b.area} area, {la} for the {a.area}")
    return (" Note: " + "; ".join(parts) + ".") if parts else ""


def _unread_note(label: str, r: Report) -> str:
    if r.nothing_read:
        return f"nothing of {label}'s list could be read ({unread_names(r, 3)})"
    return (f"{label} has {count_of(len(r.unread), 'name')} that "
            f"{'was' if len(r.unread) == 1 else 'were'} not read ({unread_names(r, 3)})")


def _verdict(la: str, lb: str, a: Report, b: Report, delta: float, decided: bool,
             changes: Sequence[Change]) -> str:
    mains = [c for c in changes if (c.points < 0) == (delta < 0)][:2] or list(changes[:2])
    why = " and ".join(c.words for c in mains)
    scores = f"{b.score:.0f} vs {a.score:.0f}"
    if not decided:
        unread = "; ".join(_unread_note(lbl, r) for lbl, r in ((la, a), (lb, b)) if r.unread)
        return (f"Can't tell which is lower: {unread}. Counting only what was read, {lb} "
                f"scores {scores}" + (f", mainly because {why}" if why and abs(delta) >= SAME_POINTS
                                      else "") + "." + _context_note(la, lb, a, b))
    uncertain = a.band == "uncertain" or b.band == "uncertain"
    tail = " even if the names not read are as risky as their words allow" if uncertain else ""
    if abs(delta) < SAME_POINTS:
        text = f"{lb} and {la} score about the same ({scores}){tail}."
    else:
        text = (f"{lb} is {'lower' if delta < 0 else 'higher'} ({scores}){tail}"
                + (f", mainly because {why}" if why else "") + ".")
    return text + _context_note(la, lb, a, b)


def _coerce(items: Iterable[Item] | object) -> list[object]:
    if isinstance(items, str | Report | CompareItem) or not isinstance(items, Iterable):
        raise InputError("compare() takes a list of items (texts, tuples or reports)")
    return list(items)


def compare(items: Iterable[Item], *, db: Database | None = None) -> Comparison:
    """Score 2 to :data:`MAX_ITEMS` products and explain how they differ.

    Each item is an ingredient text, a ``(text, product_type, area)`` tuple, a
    :class:`CompareItem` or a :class:`~ingredients.Report` already computed. An item
    that cannot be analysed (no ingredients, unknown area…) gets its own error in
    :attr:`Comparison.items`; the others are still compared. Raises
    :class:`InputError` for fewer than 2 or more than :data:`MAX_ITEMS` items.
    """
    given = _coerce(items)
    if len(given) < 2:
        raise InputError(f"a comparison needs at least 2 items, got {len(given)}")
    if len(given) > MAX_ITEMS:
        raise InputError(f"a comparison takes at most {MAX_ITEMS} items, got {len(given)}")
    db = db or default_database()
    compared = tuple(_score_item(item, _label(k), db) for k, item in enumerate(given))
    ok = [k for k, c in enumerate(compared) if c.report is not None]
    keys = {k: _by_key(compared[k].report) for k in ok}  # type: ignore[arg-type]
    shared: tuple[str, ...] = ()
    only: list[tuple[str, ...]] = [() for _ in compared]
    if len(ok) >= 2:
        common = set.intersection(*(set(keys[k]) for k in ok))
        shared = tuple(keys[ok[0]][key][0].name for key in keys[ok[0]] if key in common)
        for k in ok:
            others = set().union(*(set(keys[o]) for o in ok if o != k))
            only[k] = tuple(fs[0].name for key, fs in keys[k].items() if key not in others)
    differences = []
    if ok:
        first = ok[0]
        fr = compared[first].report
        assert fr is not None
        for k in ok[1:]:
            r = compared[k].report
            assert r is not None
            differences.append(_difference(first, k, compared[first].label, compared[k].label,
                                           fr, r))
    return Comparison(compared, shared, tuple(only), tuple(differences),
                      _summary(compared, differences))


def _summary(compared: Sequence[Compared], differences: Sequence[Difference]) -> str:
    parts = []
    for c in compared:
        if c.report is None:
            parts.append(f"{c.label}: not compared ({c.error}).")
    readable = [c for c in compared if c.report is not None]
    if len(readable) < 2:
        parts.append("Fewer than two items could be read, so there is nothing to compare.")
    parts.extend(d.verdict for d in differences)
    if readable:
        parts.append("Scores are screening estimates from weak evidence (comedogenicity ratings "
                     "and occlusion), not a diagnosis; docs/scoring.md says how they are made.")
    return " ".join(parts)


# --------------------------------------------------------------------------- output

def _cell(text: str, width: int) -> str:
    """``text`` cut and padded to ``width`` display columns (CJK names take two each)."""
    return pad(cut(text, max(1, width)), width)


def _band_text(r: Report) -> str:
    if r.band == "uncertain":
        return f"uncertain ({r.band_range[0]}–{r.band_range[1]})"
    return r.band


def _rows(c: Compared, top: int, width: int) -> list[str]:
    import textwrap

    r = c.report
    if r is None:
        return ["error:", *textwrap.wrap(c.error or "", width)]
    rows = [f"score {r.score:.0f}/100", _band_text(r),
            f"range {r.score_range[0]:.0f}–{r.score_range[1]:.0f}",
            f"{r.product_type}, {r.area}",
            f"{len(r.unread)} not read" if r.unread else "all names read"]
    rows.extend(f"{f.contribution:+.0f} {f.name}" for f in r.top_contributors(top))
    rows.extend(f"flag: {f.kind} {f.ingredient}" for f in r.flags[:3])
    return rows


def render_comparison_text(cmp: Comparison, *, width: int = 80) -> str:
    """The comparison side by side in ``width`` columns, then the differences in words."""
    import textwrap

    n = len(cmp.items)
    col = max(12, (width - (n - 1) * 2) // n)
    columns = [[c.label, *_rows(c, 3, col)] for c in cmp.items]
    depth = max(len(x) for x in columns)
    lines = []
    per_line = max(1, (width + 2) // (col + 2))
    for start in range(0, n, per_line):
        chunk = columns[start:start + per_line]
        for row in range(depth):
            cells = [_cell(x[row] if row < len(x) else "", col) for x in chunk]
            lines.append("  ".join(cells).rstrip())
        lines.append("")
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="  ")
    if cmp.shared:
        lines.extend(wrap.wrap("In all: " + ", ".join(cmp.shared)))
    for c, only in zip(cmp.items, cmp.only, strict=True):
        if only:
            lines.extend(wrap.wrap(f"Only in {c.label}: " + ", ".join(only)))
    for d in cmp.differences:
        lines.append("")
        lines.extend(wrap.wrap(d.verdict))
    lines.append("")
    lines.extend(textwrap.wrap("Screening estimates from weak evidence, not medical advice.",
                               width))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;").replace("\n", " "))


def render_comparison_markdown(cmp: Comparison) -> str:
    """The comparison as a Markdown table and paragraphs."""
    head = "| | " + " | ".join(_md(c.label) for c in cmp.items) + " |"
    rule = "|---|" + "---|" * len(cmp.items)

    def row(name: str, get: object) -> str:
        cells = []
        for c in cmp.items:
            cells.append(_md(get(c.report)) if c.report is not None  # type: ignore[operator]
                         else "—")
        return f"| {name} | " + " | ".join(cells) + " |"

    lines = ["## Comparison", "", head, rule,
             row("Score", lambda r: f"{r.score:.0f}/100"),
             row("Band", _band_text),
             row("Range", lambda r: f"{r.score_range[0]:.0f}–{r.score_range[1]:.0f}"),
             row("Used as", lambda r: f"{r.product_type}, {r.area}"),
             row("Not read", lambda r: ", ".join(r.unread) or "—"),
             row("Top", lambda r: ", ".join(f"{f.name} ({f.contribution:+.0f})"
                                            for f in r.top_contributors()) or "—"),
             row("Flags", lambda r: "; ".join(f"{f.kind}: {f.ingredient}" for f in r.flags)
                 or "—"),
             ""]
    for c in cmp.items:
        if c.report is None:
            lines.append(f"- **{_md(c.label)}** not compared: {_md(c.error or '')}")
    if cmp.shared:
        lines.append(f"- **In all:** {_md(', '.join(cmp.shared))}")
    for c, only in zip(cmp.items, cmp.only, strict=True):
        if only:
            lines.append(f"- **Only in {_md(c.label)}:** {_md(', '.join(only))}")
    lines.append("")
    lines.extend(f"{_md(d.verdict)}\n" for d in cmp.differences)
    lines.append("_Screening estimates from weak evidence, not medical advice._")
    return "\n".join(lines) + "\n"


def render_comparison(cmp: Comparison, fmt: str = "text", *, width: int = 80) -> str:
    """``text`` (side by side), ``markdown`` or ``json``."""
    import json

    if fmt == "text":
        return render_comparison_text(cmp, width=width)
    if fmt == "markdown":
        return render_comparison_markdown(cmp)
    if fmt == "json":
        return json.dumps(cmp.to_dict(), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}")
