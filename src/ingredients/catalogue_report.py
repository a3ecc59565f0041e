"""A catalogue report to look at: one self-contained, offline HTML file with charts.

:class:`CatalogueSummary` reads a scored catalogue (what ``milia scan`` writes) row by
row and keeps only totals: per category a score histogram and band counts, the
ingredients that most often drive a score, the riskiest products per area (a bounded
heap each), claim verdicts and the first claim conflicts, and the names not read. So
its memory does not grow with the catalogue. :func:`render_html` turns it into one
HTML file: charts drawn by matplotlib as inline SVG, tables that sort on a click
(a few lines of inline script), no network at all (the page's Content-Security-Policy
forbids any). Every string from the catalogue is escaped.
"""

from __future__ import annotations

import heapq
import html
import io
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingredients._database import Database, default_database
from ingredients.errors import InputError

__all__ = ["CatalogueSummary", "render_html", "summarise_file"]

BANDS = ("low", "moderate", "high", "uncertain")
BAND_COLOURS = {"low": "#4c9a6a", "moderate": "#e0a526", "high": "#c8473d", "uncertain": "#9aa3ad"}
AREA_ORDER = ("eye", "face", "lips", "body")
BINS = 20
"""Score histogram bins of 5 points."""
MAX_CATEGORIES = 2_000
"""Distinct categories counted one by one; the rest go to "other"."""
MAX_NAMES = 200_000
"""Distinct unread or driver names kept; past it the rarest are dropped (counts of
the names that stay are exact for all but names first seen late)."""
TOP_PRODUCTS = 25
MAX_CONFLICTS = 500

_CATEGORY_HINTS = ("category", "label", "product_type", "primary_category",
                   "secondary_category", "categories", "sub-category", "type")
_NAME_HINTS = ("product_name", "name", "title", "product")
_BRAND_HINTS = ("brand", "brand_name", "brands")


def _find(columns: Sequence[str], hints: Sequence[str]) -> str | None:
    lowered = {c.lower(): c for c in columns}
    for hint in hints:
        if hint in lowered:
            return lowered[hint]
    return None


@dataclass
class _Category:
    rows: int = 0
    scored: int = 0
    total: float = 0.0
    hist: list[int] = field(default_factory=lambda: [0] * BINS)
    bands: Counter[str] = field(default_factory=Counter)


@dataclass
class CatalogueSummary:
    """Totals of a scored catalogue, fed row by row (:meth:`add_rows`).

    ``columns`` are the scored file's columns: the result columns (``score``,
    ``band`` ...; ``milia_score`` when the input had its own ``score``) and,
    when present, a category, a product name, a brand, ``claims`` and
    ``claim_conflicts``.
    """

    columns: list[str]
    category_column: str | None = None
    name_column: str | None = None
    area_column: str | None = None
    db: Database | None = None
    rows: int = 0
    errors: int = 0
    categories: dict[str, _Category] = field(default_factory=dict)
    drivers: Counter[str] = field(default_factory=Counter)
    unread: Counter[str] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)
    error_kinds: Counter[str] = field(default_factory=Counter)
    claims: Counter[tuple[str, str]] = field(default_factory=Counter)
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)
    conflict_rows: int = 0
    riskiest: dict[str, list[tuple[float, int, tuple[str, ...]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        cols = self.columns

        def result(name: str) -> int | None:
            for c in (f"milia_{name}", name):
                if c in cols and (c.startswith("milia_") or f"milia_{name}" not in cols):
                    return cols.index(c)
            return None

        at = {n: result(n) for n in ("score", "score_low", "score_high", "band", "band_high",
                                     "top_contributors", "unknown", "flags", "error",
                                     "claims", "claim_conflicts", "n_ingredients")}
        if at["score"] is None or at["band"] is None:
            raise InputError("not a scored catalogue: no score and band columns (run milia "
                             f"scan first; columns: {', '.join(cols)})")
        self._at = at
        for attr, hints, what in (("category_column", _CATEGORY_HINTS, "--category-column"),
                                  ("name_column", _NAME_HINTS, "--name-column"),
                                  ("area_column", (), "--area-column")):
            given = getattr(self, attr)
            if given is not None and given not in cols:
                raise InputError(f"no column {given!r} for {what}; columns are: {', '.join(cols)}")
            if given is None and hints:
                setattr(self, attr, _find(cols, hints))
        self._cat = cols.index(self.category_column) if self.category_column else None
        self._name = cols.index(self.name_column) if self.name_column else None
        self._area = cols.index(self.area_column) if self.area_column else None
        brand = _find(cols, _BRAND_HINTS)
        self._brand = cols.index(brand) if brand else None
        self.db = self.db or default_database()

    def add_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Count rows of the scored catalogue (values in :attr:`columns` order)."""
        at = self._at
        s_at, b_at, e_at = at["score"], at["band"], at["error"]
        assert s_at is not None and b_at is not None
        db = self.db
        assert db is not None
        for row in rows:
            self.rows += 1
            cat = str(row[self._cat] or "") if self._cat is not None else "all products"
            cat = " ".join(cat.split()) or "(no category)"
            stats = self.categories.get(cat)
            if stats is None:
                if len(self.categories) >= MAX_CATEGORIES:
                    cat = "other"
                    stats = self.categories.setdefault(cat, _Category())
                else:
                    stats = self.categories[cat] = _Category()
            stats.rows += 1
            error = row[e_at] if e_at is not None else ""
            score = _number(row[s_at])
            if error or score is None:
                self.errors += 1
                self.error_kinds[str(error or "no score").split(":")[0].split(" (")[0]] += 1
                self._claims(row, "")
                continue
            band = str(row[b_at])
            stats.scored += 1
            stats.total += score
            stats.hist[min(BINS - 1, max(0, int(score // (100 / BINS))))] += 1
            stats.bands[band] += 1
            self._count(self.drivers, row, "top_contributors")
            self._count(self.unread, row, "unknown")
            self._count(self.flags, row, "flags")
            area = (db.area_of(str(row[self._area] or "")) if self._area is not None
                    else db.area_of(cat) if self._cat is not None else "face")
            high = _number(row[at["score_high"]]) if at["score_high"] is not None else None
            item = (score, -self.rows, (
                str(row[self._name] or "") if self._name is not None else f"row {self.rows}",
                str(row[self._brand] or "") if self._brand is not None else "",
                cat, band, f"{score:.1f}" + (f" (up to {high:.1f})" if high and high > score else ""),
                str(row[at["top_contributors"]] or "") if at["top_contributors"] is not None else "",
                str(self.rows)))
            heap = self.riskiest.setdefault(area, [])
            if len(heap) < TOP_PRODUCTS:
                heapq.heappush(heap, item)
            elif item[:2] > heap[0][:2]:
                heapq.heapreplace(heap, item)
            self._claims(row, cat)

    def _count(self, counter: Counter[str], row: Sequence[Any], column: str) -> None:
        k = self._at[column]
        cell = row[k] if k is not None else None
        if not cell or not isinstance(cell, str):
            return
        counter.update(n.strip() for n in cell.split("; ") if n.strip())
        if len(counter) > MAX_NAMES:
            for name, _n in counter.most_common()[MAX_NAMES // 2:]:
                del counter[name]

    def _claims(self, row: Sequence[Any], cat: str) -> None:
        k, c = self._at["claims"], self._at["claim_conflicts"]
        cell = row[k] if k is not None else None
        if not cell or not isinstance(cell, str):
            return
        for part in cell.split("; "):
            claim, _sep, verdict = part.partition(": ")
            self.claims[(claim, verdict)] += 1
        conflicts = row[c] if c is not None else None
        if conflicts and isinstance(conflicts, str):
            self.conflict_rows += 1
            if len(self.conflicts) < MAX_CONFLICTS:
                name = str(row[self._name] or "") if self._name is not None else f"row {self.rows}"
                self.conflicts.append((name, cat, str(self.rows), conflicts))


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def summarise_file(path: str | Path, *, fmt: str | None = None, encoding: str | None = None,
                   category_column: str | None = None, name_column: str | None = None,
                   area_column: str | None = None, chunksize: int = 20_000) -> CatalogueSummary:
    """Read a scored catalogue file (CSV, JSON Lines or Parquet) chunk by chunk."""
    from ingredients._scan import read_table

    table = read_table(path, fmt=fmt, encoding=encoding, chunksize=chunksize)
    summary = CatalogueSummary(list(table.columns), category_column=category_column,
                               name_column=name_column, area_column=area_column)
    for rows, _errors, _raws in table.chunks:
        summary.add_rows(rows)
    return summary


# --------------------------------------------------------------------------- charts

def _svg(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _plt() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise InputError("the report needs matplotlib: pip install 'milia-risk[report]'") from None
    matplotlib.use("Agg", force=False)
    matplotlib.rcParams.update({
        "svg.fonttype": "none", "svg.hashsalt": "milia", "text.parse_math": False,
        "font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
        "font.family": ["DejaVu Sans", "sans-serif"],
    })
    import matplotlib.pyplot as plt

    return plt


def _short(text: str, n: int = 38) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _chart_categories(s: CatalogueSummary, cats: list[str]) -> tuple[str, str]:
    """Score distribution per category (small multiples) and bands per category."""
    plt = _plt()
    n = len(cats)
    cols = 2 if n > 1 else 1
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(9, 1.6 * rows + 0.4), sharex=True,
                             squeeze=False)
    edges = [i * 100 / BINS for i in range(BINS)]
    for k, ax in enumerate(axes.flat):
        if k >= n:
            ax.set_visible(False)
            continue
        c = s.categories[cats[k]]
        colours = [BAND_COLOURS["low"] if e < 20 else BAND_COLOURS["moderate"] if e < 45
                   else BAND_COLOURS["high"] for e in edges]
        ax.bar(edges, c.hist, width=100 / BINS * 0.92, align="edge", color=colours)
        mean = c.total / c.scored if c.scored else 0.0
        ax.set_title(f"{_short(cats[k])}  ·  {c.scored:,} scored, mean {mean:.1f}",
                     fontsize=9, loc="left")
        ax.set_xlim(0, 100)
        ax.tick_params(labelsize=8)
    for ax in axes[-1]:
        ax.set_xlabel("score (0–100)")
    fig.tight_layout()
    dist = _svg(fig)

    fig, ax = plt.subplots(figsize=(9, 0.42 * n + 0.9))
    left = [0.0] * n
    for band in BANDS:
        shares = []
        for cat in cats:
            c = s.categories[cat]
            shares.append(100 * c.bands.get(band, 0) / c.scored if c.scored else 0.0)
        ax.barh(range(n), shares, left=left, color=BAND_COLOURS[band], label=band,
                hatch="//" if band == "uncertain" else None, edgecolor="white", linewidth=0.5)
        for i, (x0, w) in enumerate(zip(left, shares, strict=True)):
            if w >= 6:
                ax.text(x0 + w / 2, i, f"{w:.0f}%", ha="center", va="center", fontsize=8,
                        color="white" if band != "moderate" else "#222")
        left = [a + b for a, b in zip(left, shares, strict=True)]
    ax.set_yticks(range(n), [_short(c) for c in cats])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of scored products (%)")
    ax.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    fig.tight_layout()
    return dist, _svg(fig)


def _chart_counts(items: list[tuple[str, int]], colour: str, xlabel: str) -> str:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(9, 0.3 * len(items) + 0.8))
    ax.barh(range(len(items)), [n for _name, n in items], color=colour)
    ax.set_yticks(range(len(items)), [_short(name, 48) for name, _n in items])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    for i, (_name, n) in enumerate(items):
        ax.text(n, i, f" {n:,}", va="center", fontsize=8)
    fig.tight_layout()
    return _svg(fig)


def _chart_claims(s: CatalogueSummary) -> str:
    plt = _plt()
    claims = sorted({c for c, _v in s.claims}, key=lambda c: -sum(
        n for (k, _v), n in s.claims.items() if k == c))
    colours = {"conflict": "#c8473d", "cannot check": "#9aa3ad", "consistent": "#4c9a6a",
               "not checkable": "#d6dade"}
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(claims) + 0.9))
    left = [0] * len(claims)
    for verdict, colour in colours.items():
        counts = [s.claims.get((c, verdict), 0) for c in claims]
        ax.barh(range(len(claims)), counts, left=left, color=colour, label=verdict)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.set_yticks(range(len(claims)), claims)
    ax.invert_yaxis()
    ax.set_xlabel("products making the claim")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    fig.tight_layout()
    return _svg(fig)


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232a;
background:#f6f7f9}
header{background:#1d3a4f;color:#fff;padding:22px 32px}header h1{margin:0 0 4px;font-size:24px}
header p{margin:0;opacity:.85}main{max-width:1180px;margin:0 auto;padding:8px 24px 40px}
section{background:#fff;border-radius:10px;box-shadow:0 1px 3px #0002;margin:18px 0;padding:18px 22px}
h2{font-size:18px;margin:0 0 6px}p.note{color:#555;margin:4px 0 12px;font-size:13.5px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:18px 0}
.tile{background:#fff;border-radius:10px;box-shadow:0 1px 3px #0002;padding:12px 16px}
.tile b{display:block;font-size:26px}.tile span{color:#555;font-size:13px}
.tile.high b{color:#c8473d}.tile.unc b{color:#6b7580}.tile.conf b{color:#a33}
svg{width:100%;max-width:1000px;height:auto}table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e5e8ec;vertical-align:top}
th{cursor:pointer;background:#eef1f4;position:sticky;top:0;user-select:none}
th:after{content:" \\2195";color:#99a}td.num{text-align:right;font-variant-numeric:tabular-nums}
.band{display:inline-block;padding:1px 8px;border-radius:9px;color:#fff;font-size:12px}
.band.low{background:#4c9a6a}.band.moderate{background:#e0a526;color:#222}.band.high{background:#c8473d}
.band.uncertain{background:#9aa3ad}.scroll{max-height:520px;overflow:auto}
nav a{color:#cfe3f1;margin-right:14px;font-size:14px}footer{color:#666;font-size:12.5px;padding:0 8px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px}@media(max-width:800px){.grid2{display:block}}
"""

_JS = """
document.querySelectorAll("table.sort").forEach(function(t){
 t.querySelectorAll("th").forEach(function(th,i){th.addEventListener("click",function(){
  var b=t.tBodies[0],rows=Array.from(b.rows),asc=th.dataset.asc!=="1";th.dataset.asc=asc?"1":"0";
  rows.sort(function(x,y){var a=x.cells[i].dataset.v||x.cells[i].textContent,
   c=y.cells[i].dataset.v||y.cells[i].textContent,na=parseFloat(a),nc=parseFloat(c);
   var r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c);return asc?r:-r;});
  rows.forEach(function(r){b.appendChild(r);});});});});
"""


def _e(value: object) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def _table(head: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = ()
           ) -> str:
    out = ['<div class="scroll"><table class="sort"><thead><tr>']
    out += [f"<th>{_e(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        for k, cell in enumerate(row):
            if isinstance(cell, _Band):
                out.append(f'<td><span class="band {_e(cell.band)}">{_e(cell.band)}</span></td>')
            elif k in numeric:
                out.append(f'<td class="num">{_e(cell)}</td>')
            else:
                out.append(f"<td>{_e(cell)}</td>")
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


@dataclass(frozen=True)
class _Band:
    band: str


def render_html(s: CatalogueSummary, *, title: str = "Catalogue milia-risk report",
                source: str = "") -> str:
    """The report as one self-contained HTML document (no network: charts are inline SVG)."""
    scored = sum(c.scored for c in s.categories.values())
    bands: Counter[str] = Counter()
    for c in s.categories.values():
        bands.update(c.bands)
    ranked = sorted(s.categories, key=lambda k: -s.categories[k].scored)
    cats = [c for c in ranked if s.categories[c].scored][:12]
    parts: list[str] = []
    tiles = [("", f"{s.rows:,}", "products"), ("", f"{scored:,}", "scored"),
             ("high", f"{bands.get('high', 0):,}", "high band"),
             ("unc", f"{bands.get('uncertain', 0):,}", "uncertain (lists not fully read)"),
             ("", f"{s.errors:,}", "could not be analysed")]
    if s.claims:
        tiles.append(("conf", f"{s.conflict_rows:,}", "with claim conflicts"))
    parts.append('<div class="tiles">' + "".join(
        f'<div class="tile {cls}"><b>{_e(v)}</b><span>{_e(label)}</span></div>'
        for cls, v, label in tiles) + "</div>")
    if cats:
        dist, band_chart = _chart_categories(s, cats)
        parts.append('<section id="bands"><h2>Bands per category</h2><p class="note">Share of '
                     "each category's scored products in each band; <i>uncertain</i> means "
                     "ingredients the tool could not read could put the product in another "
                     f"band.{' The 12 largest categories.' if len(ranked) > 12 else ''}</p>"
                     f"{band_chart}</section>")
        parts.append('<section id="scores"><h2>Score distribution per category</h2>'
                     '<p class="note">Products per 5-point score bin (green low, amber '
                     f"moderate, red high).</p>{dist}</section>")
        parts.append(_table(
            ["category", "products", "scored", "mean score", *BANDS],
            ([cat, c.rows, c.scored, f"{c.total / c.scored:.1f}" if c.scored else "",
              *(c.bands.get(b, 0) for b in BANDS)]
             for cat, c in ((k, s.categories[k]) for k in ranked)),
            numeric=(1, 2, 3, 4, 5, 6, 7)).join(
            ['<section id="categories"><h2>All categories</h2>', "</section>"]))
    if s.riskiest:
        blocks = []
        for area in sorted(s.riskiest, key=lambda a: AREA_ORDER.index(a)
                           if a in AREA_ORDER else 9):
            items = sorted(s.riskiest[area], reverse=True)
            blocks.append(f"<h3>{_e(area.capitalize())} products</h3>" + _table(
                ["product", "brand", "category", "band", "score", "drivers", "row"],
                ([n, b, c, _Band(band), sc, drv, r]
                 for _s, _i, (n, b, c, band, sc, drv, r) in items), numeric=(4, 6)))
        parts.append('<section id="riskiest"><h2>Riskiest products per area</h2>'
                     '<p class="note">Highest scores in each area, eye first (the area '
                     "comes from the category's words). Drivers are the ingredients that add "
                     "most to each score.</p>" + "".join(blocks) + "</section>")
    if s.drivers:
        top = s.drivers.most_common(20)
        parts.append('<section id="drivers"><h2>Ingredients that drive most scores</h2>'
                     '<p class="note">How many products have each ingredient among the three '
                     "that add most to their score.</p>"
                     + _chart_counts(top, "#c8473d", "products where it is a top contributor")
                     + "</section>")
    if s.claims:
        parts.append('<section id="claims"><h2>Claims checked against the lists</h2>'
                     '<p class="note">A conflict is a prompt to check the product, not a legal '
                     "finding: claims are judged case by case against Regulation (EU) "
                     "No 655/2013. <i>Cannot check</i>: names not read could go against the "
                     "claim.</p>" + _chart_claims(s) + _table(
                         ["product", "category", "row", "conflicts"],
                         s.conflicts, numeric=(2,)) + (
                         f'<p class="note">First {MAX_CONFLICTS} of {s.conflict_rows:,} rows '
                         "with conflicts.</p>" if s.conflict_rows > len(s.conflicts) else "")
                     + "</section>")
    if s.unread:
        top = s.unread.most_common(15)
        parts.append('<section id="unread"><h2>To do: names the tool could not read</h2>'
                     '<p class="note">Each unread name widens its products\' score range; '
                     "reading the most frequent ones (a synonym, an overlay entry) narrows the "
                     "most.</p>" + _chart_counts(top, "#6b7580", "products") + _table(
                         ["name", "products"], s.unread.most_common(300), numeric=(1,))
                     + "</section>")
    if s.errors:
        parts.append('<section id="errors"><h2>Rows that could not be analysed</h2>' + _table(
            ["reason", "rows"], s.error_kinds.most_common(), numeric=(1,)) + "</section>")
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    db = s.db or default_database()
    csp = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
           "img-src data:")
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{_e(title)}</h1><p>{_e(source)} · {s.rows:,} products · database "
        f"{_e(db.version)} · {when}</p><nav>"
        + "".join(f'<a href="#{a}">{_e(t)}</a>' for a, t in (
            ("bands", "Bands"), ("scores", "Scores"), ("riskiest", "Riskiest"),
            ("drivers", "Drivers"), ("claims", "Claims"), ("unread", "To do")))
        + "</nav></header><main>" + "".join(parts)
        + "<footer>Milia risk is modelled from occlusion and comedogenicity ratings, which "
          "are weak evidence (rabbit-ear assay, vehicle- and dose-dependent); nothing "
          "measures milia risk directly. Made by milia-risk.</footer></main>"
        f"<script>{_JS}</script></body></html>\n"
    )


def write_html(text: str, path: Path, inputs: Sequence[str | Path] = ()) -> None:
    """Write the report through a temporary file renamed into place. Like a scan's
    output it never replaces an input, a device or a directory (``safe_target``)."""
    import os

    from ingredients._scan import safe_target

    path = safe_target(path, inputs)
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
