"""Stage 4: reports as text for people (terminal, Markdown) and as JSON for programs."""

from __future__ import annotations

import enum
import json
import textwrap
from typing import assert_never

from ingredients._database import Database, default_database
from ingredients._match import READ_CONFIDENCE, Match, match
from ingredients._score import Finding, Report, _display, bound_of, unread_names
from ingredients._width import cut, pad, terminal_columns

__all__ = ["Format", "render", "render_explain"]


class Format(enum.Enum):
    """Output formats of a report."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


_BAND_COLOUR = {"low": "green", "moderate": "yellow", "high": "red", "uncertain": "cyan"}
_ROLE_COLOUR = {"risk": "red", "protective": "green", "flag": "magenta", "neutral": None,
                "unknown": "cyan"}


def _style(text: str, colour: str | None, *, bold: bool = False, enabled: bool) -> str:
    if not enabled or (colour is None and not bold):
        return text
    codes = {"red": 31, "green": 32, "yellow": 33, "blue": 34, "magenta": 35, "cyan": 36}
    seq = ([str(codes[colour])] if colour else []) + (["1"] if bold else [])
    return f"\x1b[{';'.join(seq)}m{text}\x1b[0m"


def _rating(f: Finding) -> str:
    if not f.read:
        return ""
    if f.comedogenic is None:
        return "-" if f.match.entry is not None or f.match.inci else ""
    lo, hi = f.comedogenic
    return str(lo) if lo == hi else f"{lo}-{hi}"


def _matched(m: Match) -> str:
    if m.method == "unknown":
        return "? not recognised"
    if not m.read:
        return f"? possibly {_display(m.inci or '')} ({m.confidence:.2f})"
    name = _display(m.inci or "")
    return name if m.method == "exact" else f"{name} ({m.method} {m.confidence:.2f})"


def _points(x: float) -> str:
    return f"{0.0 if abs(x) < 0.05 else x:.1f}"


def _cut(text: str, width: int) -> str:
    return pad(cut(text, max(2, width)), width)  # by display width: CJK names take two columns


def headline(report: Report) -> str:
    """The first line of a report, in words: the band, or between which bands it lies."""
    lo, hi = report.score_range
    if report.nothing_read:
        return f"CAN'T TELL: this list could not be read (range {lo:.0f}-{hi:.0f})"
    if report.band == "uncertain":
        low_band, high_band = report.band_range
        return (f"CAN'T TELL: between {low_band.upper()} and {high_band.upper()} "
                f"({report.score:.0f} counting what was read; range {lo:.0f}-{hi:.0f})")
    return f"{report.score:.0f}/100 {report.band.upper()} (range {lo:.0f}-{hi:.0f})"


def render_text(report: Report, *, width: int | None = None, colour: bool = False) -> str:
    """The report as a terminal table, readable at 80 columns."""
    width = max(60, min(width or terminal_columns(), 140))
    head = _style(headline(report), _BAND_COLOUR[report.band], bold=True, enabled=colour)
    lines = [
        f"Milia risk {head}",
        f"confidence {report.confidence_label} · coverage {report.coverage:.0%} · "
        f"not read {_unread_share(report)} · {report.product_type}, {report.area}",
        "",
    ]
    if len(report.unread) > _SUMMARY_NAMES:  # (the summary names the first few)
        lines += [*textwrap.wrap(_style("Not read: ", "cyan", enabled=colour)
                                 + unread_names(report, limit=len(report.unread))
                                 + " (not counted; the range allows for them)", width), ""]
    summary = report.summary.replace(" " + report.caveat, "")
    lines += [*textwrap.wrap(summary, width), ""]
    name_w = max(14, (width - 26) // 2)
    match_w = width - 26 - name_w
    header = (f"{'#':>3}  {'On the label':<{name_w}} {'Recognised as':<{match_w}} "
              f"{'Rate':>4} {'Occl.':<8}{'Pts':>5}")
    lines.append(_style(header, None, bold=True, enabled=colour))
    for f in report.findings:
        label = f.ingredient.name + (" (may contain)" if f.ingredient.may_contain else "")
        row = (f"{f.ingredient.position:>3}  {_cut(label, name_w)} "
               f"{_cut(_matched(f.match), match_w)} {_rating(f):>4} "
               f"{(f.occlusivity or ''):<8}{_points(f.contribution):>5}")
        lines.append(_style(row, _ROLE_COLOUR.get(f.role), enabled=colour))
    for flag in report.flags:
        lines += ["", *textwrap.wrap(_style("FLAG ", "magenta", bold=True, enabled=colour)
                                     + flag.message, width)]
    lines += ["", *textwrap.wrap(report.caveat, width),
              f"Database {report.database_version}. "
              "`milia explain NAME` shows the sources of any line."]
    return "\n".join(lines) + "\n"


_SUMMARY_NAMES = 5
"""Unread names the summary lists; reports list all of them when there are more."""


def _unread_share(report: Report) -> str:
    share = report.unread_share
    return "0%" if share == 0 else "<1%" if share < 0.01 else f"{share:.0%}"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    """The report as Markdown, for pasting into an issue or a review."""
    out = [
        f"## Milia risk: {_md_escape(headline(report))}",
        "",
        f"Confidence **{report.confidence_label}** · coverage {report.coverage:.0%} · "
        f"not read {_unread_share(report)} · "
        f"{report.product_type}, {report.area} · database {report.database_version}",
        "",
    ]
    if len(report.unread) > _SUMMARY_NAMES:
        out += [f"**Not read** (not counted; the range allows for them): "
                f"{_md_escape(unread_names(report, limit=len(report.unread)))}", ""]
    out += [
        _md_escape(report.summary.replace(" " + report.caveat, "")),
        "",
        "| # | On the label | Recognised as | Rating | Occlusivity | Points | Why |",
        "|--:|---|---|--:|---|--:|---|",
    ]
    for f in report.findings:
        out.append(
            f"| {f.ingredient.position} | {_md_escape(f.ingredient.name)} | "
            f"{_md_escape(_matched(f.match))} | {_rating(f)} | {f.occlusivity or ''} | "
            f"{_points(f.contribution)} | {_md_escape(f.explanation)} |"
        )
    if report.flags:
        out += ["", "**Flags**", ""] + [f"- {_md_escape(f.message)}" for f in report.flags]
    if report.sources:
        out += ["", "**Sources**", ""] + [f"- `{k}`: {_md_escape(v)}"
                                          for k, v in report.sources.items()]
    out += ["", f"> {report.caveat}", ""]
    return "\n".join(out)


def render(report: Report, fmt: Format, *, colour: bool = False, width: int | None = None) -> str:
    """Render a report in one of the :class:`Format` s."""
    if fmt is Format.TEXT:
        return render_text(report, colour=colour, width=width)
    if fmt is Format.JSON:
        return report.to_json() + "\n"
    if fmt is Format.MARKDOWN:
        return render_markdown(report)
    assert_never(fmt)


def explain_dict(name: str, db: Database | None = None) -> dict[str, object]:
    """What the database knows about one ingredient, and how ``name`` was matched."""
    db = db or default_database()
    m = match(name, db=db)
    out: dict[str, object] = {"query": name, "match": m.to_dict()}
    if not m.read:
        bound = bound_of(m, db)
        out["possibly"] = list(m.possibly)
        out["unread_bound"] = {"kind": bound.id, "comedogenic": bound.comedogenic,
                               "occlusivity": bound.occlusivity, "reason": bound.reason}
        return out
    if m.inci is not None:
        vocab = db.vocabulary.get(m.inci)
        out["inci"] = m.inci
        out["in_cosing"] = vocab is not None
        out["cas"] = list(vocab.cas) if vocab else []
        out["ec"] = list(vocab.ec) if vocab else []
        out["functions"] = list(vocab.functions) if vocab else []
        out["synonyms"] = list(db.synonyms_of(m.inci))
    cited: list[str] = list(m.entry.all_sources) if m.entry is not None else []
    if m.entry is not None:
        out["entry"] = m.entry.to_dict()
    refs = db.flag_refs.get(m.inci, ()) if m.inci is not None else ()
    if refs:
        name = _display(m.inci or "")
        out["flags"] = [{"kind": r.kind, "source": r.source, "locator": r.locator,
                         "message": r.text(name)} for r in refs]
        cited += [r.source for r in refs if r.source not in cited]
    if cited:
        out["sources"] = {s: db.sources[s].reference for s in cited if s in db.sources}
        urls = {s: db.sources[s].url for s in cited if s in db.sources and db.sources[s].url}
        if urls:
            out["source_urls"] = urls
    return out


def render_explain(name: str, *, fmt: Format = Format.TEXT, db: Database | None = None) -> str:
    """``milia explain``: one ingredient, every source, and the matching decision."""
    data = explain_dict(name, db)
    if fmt is Format.JSON:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    m = data["match"]
    assert isinstance(m, dict)
    if not m["read"]:
        return _render_unread(name, data, m)
    lines = [f"{name!r}: {m['method']} match, confidence {m['confidence']:.2f}", f"  {m['reason']}"]
    if m["candidates"]:
        lines.append("  runner-ups: " + ", ".join(m["candidates"]))
    if "inci" in data:
        lines += ["", f"INCI name:  {data['inci']}" + ("" if data["in_cosing"] else " (not in CosIng)")]
        if data["cas"]:
            lines.append(f"CAS:        {', '.join(data['cas'])}")  # type: ignore[arg-type]
        if data["ec"]:
            lines.append(f"EC:         {', '.join(data['ec'])}")  # type: ignore[arg-type]
        if data["functions"]:
            lines.append(f"Functions:  {', '.join(data['functions']).lower()}")  # type: ignore[arg-type]
        syn = data.get("synonyms") or []
        if syn:
            lines.append("Also called: " + ", ".join(syn[:12]) + (" …" if len(syn) > 12 else ""))  # type: ignore[arg-type,index]
    entry = data.get("entry")
    if isinstance(entry, dict):
        rng = entry["comedogenic_range"]
        lines += [
            "",
            f"Role: {entry['role']}   occlusivity: {entry['occlusivity']}   evidence: "
            f"{entry['evidence']}" + (f"   family: {entry['family']}" if entry["family"] else ""),
            "Comedogenicity: " + (f"{rng[0]}-{rng[1]} across sources" if rng else "no published rating"),
        ]
        if entry.get("lineage"):
            lines.append(f"  ({entry['lineage']})")
        for r in entry["comedogenicity"]:
            val = r["low"] if r["low"] == r["high"] else f"{r['low']}-{r['high']}"
            listed = f" (listed as {r['as_listed']!r})" if r.get("as_listed") else ""
            where = "".join(f", {k} {r[k]}" if k == "locator"
                            else ", neat" if r[k] == 100 else f", at {r[k]:g}%"
                            for k in ("at_percent", "locator") if r.get(k) is not None)
            lines.append(f"  {val}  {r['source']}{listed}{where}")
        lines += ["", *textwrap.wrap(entry["explanation"], 78)]
    elif "inci" in data:
        lines += ["", "No risk entry: the database has no rating for this ingredient, "
                      "so it is not counted in scores."]
    for flag in data.get("flags") or []:  # type: ignore[attr-defined]
        lines += ["", *textwrap.wrap(f"Flag ({flag['kind']}; {flag['source']}, "
                                     f"{flag['locator']}): {flag['message']}", 78)]
    sources = data.get("sources") or {}
    if sources:
        assert isinstance(sources, dict)
        lines += ["", "Sources:"] + [f"  [{k}] {v}" for k, v in sources.items()]
    return "\n".join(lines) + "\n"


def _render_unread(name: str, data: dict[str, object], m: dict[str, object]) -> str:
    """``milia explain`` of a name that is not read: what it might be, and why not."""
    possibly = data.get("possibly") or []
    assert isinstance(possibly, list)
    if possibly:
        lines = [f"{name!r}: not read - only a guess (confidence {m['confidence']:.2f}, "
                 f"below the {READ_CONFIDENCE:.1f} needed to count it)",
                 "  possibly: " + ", ".join(_display(str(p)) for p in possibly),
                 f"  why none was accepted: {m['reason']}"]
    else:
        lines = [f"{name!r}: not recognised", f"  {m['reason']}"]
        if m["candidates"]:
            lines.append("  nearest names: " + ", ".join(map(str, m["candidates"])))  # type: ignore[call-overload]
    bound = data["unread_bound"]
    assert isinstance(bound, dict)
    lines += ["", "In a report it adds nothing to the score, and the top of the score range",
              f"allows for it as the riskiest kind its name allows ({bound['kind']}): rated up",
              f"to {bound['comedogenic']}/5, occlusivity up to {bound['occlusivity']}.",
              *textwrap.wrap(str(bound["reason"]), 78)]
    return "\n".join(lines) + "\n"
