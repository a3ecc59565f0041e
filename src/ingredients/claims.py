"""Claims a product's text makes, checked against its own ingredient list.

A retailer's product name, highlights or description say "non-comedogenic",
"oil-free", "fragrance-free"... :func:`find_claims` recognises them (the phrases,
in English and the label languages, are data: ``data/claims.yaml``) and
:func:`check_claims` checks each against a :class:`~ingredients.Report`: a
non-comedogenic claim with an ingredient rated 3 or more, or a heavy occlusive
among the first places; "oil-free" with an oil; "mineral-oil free" with
paraffinum liquidum under any of its names; "fragrance-free" with parfum or a
fragrance substance the EU requires to be named, and so on.

A conflict is a prompt for someone to look at the product, not a legal finding:
claims are judged case by case against the common criteria of Regulation (EU)
No 655/2013, with the formula in hand. What the list does not settle is said:
``cannot check`` when names that were not read could break the claim (never
``consistent``), ``not checkable`` for a claim no ingredient list can settle
(ophthalmologist tested).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from ingredients._database import Database, default_database
from ingredients._score import Finding, Report, bound_of, count_of
from ingredients._unread import OCCLUSIVITY_ORDER
from ingredients.errors import DatabaseError, InputError

__all__ = [
    "ClaimCheck",
    "ClaimConflict",
    "ClaimRule",
    "FoundClaim",
    "check_claims",
    "claim_rules",
    "find_claims",
]

Verdict = Literal["conflict", "consistent", "cannot check", "not checkable"]
VERDICTS: tuple[Verdict, ...] = ("conflict", "cannot check", "consistent", "not checkable")
"""Verdicts, the one that most needs a look first."""
_SPACELESS = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True, slots=True)
class ClaimRule:
    """One claim of ``data/claims.yaml``: its phrases and how a list is checked."""

    id: str
    """``non-comedogenic``, ``oil-free``, ``fragrance-free`` ..."""
    label: str
    """How the claim is named in reports."""
    kind: Literal["comedogenic", "names", "none"]
    """The check: ratings and occlusion, names, or none (no list can settle it)."""
    phrases: Mapping[str, tuple[str, ...]]
    """Language code -> phrases (lower case)."""
    why: str = ""
    """What a conflicting ingredient is (``an oil``), or why the claim is not checkable."""
    inci: frozenset[str] = frozenset()
    """Canonical names that break the claim (any CosIng name of the same substance counts)."""
    words: frozenset[str] = frozenset()
    """Whole words of a canonical name that break the claim (``OIL``)."""
    except_prefixes: tuple[str, ...] = ()
    """Canonical names starting with these do not (``PEG-40 HYDROGENATED CASTOR OIL``)."""
    notes: Mapping[str, str] | None = None
    """Canonical name -> why it goes against the claim (instead of :attr:`why`)."""
    not_alone: frozenset[str] = frozenset()
    """Names that make a conflict only alongside another conflicting ingredient."""
    not_alone_occlusivity: frozenset[str] = frozenset()
    """Occlusivity classes whose ingredients conflict only alongside another (essential oils)."""
    not_alone_why: str = ""
    rating_at_least: int = 3
    heavy_occlusive_within: int = 5
    unread_ruled_out: frozenset[str] = frozenset()
    """Kinds of unread names (``data/unread_clues.yaml``) that cannot break the claim."""


@dataclass(frozen=True, slots=True)
class FoundClaim:
    """A claim phrase found in a text."""

    claim: str
    """The claim's id."""
    phrase: str
    """The words as they stand in the text."""
    language: str
    start: int
    """Where in the text they start."""


@dataclass(frozen=True, slots=True)
class ClaimConflict:
    """An ingredient of the list that goes against a claim."""

    claim: str
    ingredient: str
    """Display name (the canonical name when read)."""
    position: int
    """Place in the list, 1-based."""
    why: str
    """Why it goes against the claim, in plain words."""

    def __str__(self) -> str:
        return f"{self.claim}: {self.ingredient} (#{self.position}) {self.why}"


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """One claim the text makes, checked against the ingredient list."""

    claim: str
    """The claim's id (``non-comedogenic``)."""
    label: str
    phrase: str
    """The words of the text that make the claim (the first, when it is made twice)."""
    verdict: Verdict
    """``conflict``: an ingredient goes against it (a prompt to check, not a legal
    finding); ``consistent``: nothing in the list does, and every name was read or
    cannot be of the kind that would; ``cannot check``: names not read could break it;
    ``not checkable``: no ingredient list can settle such a claim."""
    conflicts: tuple[ClaimConflict, ...] = ()
    unread: tuple[str, ...] = ()
    """Names not read that could break the claim (why it ``cannot check``)."""
    note: str = ""

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {
            "claim": self.claim, "label": self.label, "phrase": self.phrase,
            "verdict": self.verdict, "note": self.note, "unread": list(self.unread),
            "conflicts": [{"ingredient": c.ingredient, "position": c.position, "why": c.why}
                          for c in self.conflicts],
        }


# --------------------------------------------------------------------------- the data

_lock = threading.Lock()


@lru_cache(maxsize=1)
def claim_rules() -> tuple[ClaimRule, ...]:
    """The claims of ``data/claims.yaml`` (read once; :class:`DatabaseError` naming the
    place of every problem)."""
    import yaml

    with _lock:
        text = resources.files("ingredients.data").joinpath("claims.yaml").read_text("utf-8")
        doc = yaml.safe_load(text) or {}
        problems: list[str] = []
        rules = parse_claim_rules(doc, problems.append)
        if problems:
            raise DatabaseError([f"claims.yaml: {p}" for p in problems])
        return rules


def parse_claim_rules(doc: Mapping[str, Any], problem: Any) -> tuple[ClaimRule, ...]:
    """Claim rules from the parsed YAML; ``problem(message)`` for each problem found."""
    rules: list[ClaimRule] = []
    seen_phrases: dict[str, str] = {}
    items = doc.get("claims")
    if not isinstance(items, list):
        problem("claims: must be a list")
        return ()
    for i, obj in enumerate(items):
        where = f"claims[{i}]"
        if not isinstance(obj, dict):
            problem(f"{where}: must be a mapping")
            continue
        unknown = set(obj) - {"id", "label", "check", "phrases", "unread_ruled_out"}
        if unknown:
            problem(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        unknown = set(obj.get("check") or {}) - {
            "kind", "why", "inci", "words", "except_prefixes", "notes", "not_alone",
            "not_alone_occlusivity", "not_alone_why",
            "rating_at_least", "heavy_occlusive_within"}
        if unknown:
            problem(f"{where}.check: unknown key(s) {', '.join(sorted(unknown))}")
        cid, check, phrases = obj.get("id"), obj.get("check") or {}, obj.get("phrases") or {}
        if not isinstance(cid, str) or not cid:
            problem(f"{where}.id: missing")
            continue
        kind = check.get("kind") if isinstance(check, dict) else None
        if kind not in ("comedogenic", "names", "none"):
            problem(f"{where}.check.kind: {kind!r} is not comedogenic, names or none")
            continue
        clean: dict[str, tuple[str, ...]] = {}
        if not isinstance(phrases, dict) or not phrases:
            problem(f"{where}.phrases: must map a language to a list of phrases")
        else:
            for lang, words in phrases.items():
                if not isinstance(words, list) or not all(isinstance(w, str) and w.strip()
                                                          for w in words):
                    problem(f"{where}.phrases.{lang}: must be a list of non-empty strings")
                    continue
                clean[str(lang)] = tuple(" ".join(w.lower().split()) for w in words)
                for w in clean[str(lang)]:
                    key = _phrase_key(w)
                    if seen_phrases.get(key, cid) != cid:
                        problem(f"{where}.phrases.{lang}: {w!r} is also a phrase of "
                                f"{seen_phrases[key]}")
                    seen_phrases[key] = cid
        if kind == "names" and not (check.get("inci") or check.get("words")):
            problem(f"{where}.check: a names check needs inci or words")
        rules.append(ClaimRule(
            id=cid, label=str(obj.get("label") or cid), kind=kind, phrases=clean,
            why=str(check.get("why") or ""),
            inci=frozenset(str(n).upper() for n in check.get("inci") or ()),
            words=frozenset(str(w).upper() for w in check.get("words") or ()),
            except_prefixes=tuple(str(p).upper() for p in check.get("except_prefixes") or ()),
            notes={str(k).upper(): str(v) for k, v in (check.get("notes") or {}).items()},
            not_alone=frozenset(str(n).upper() for n in check.get("not_alone") or ()),
            not_alone_occlusivity=frozenset(check.get("not_alone_occlusivity") or ()),
            not_alone_why=str(check.get("not_alone_why") or ""),
            rating_at_least=int(check.get("rating_at_least", 3)),
            heavy_occlusive_within=int(check.get("heavy_occlusive_within", 5)),
            unread_ruled_out=frozenset(obj.get("unread_ruled_out") or ()),
        ))
    return tuple(rules)


def _phrase_key(phrase: str) -> str:
    """A phrase without its spaces, hyphens and apostrophes: what :func:`find_claims`
    compares (``non-comedogenic``, ``non comedogenic`` and ``noncomedogenic`` agree)."""
    return "".join(_TOKEN.findall(phrase.lower()))


_TOKEN = re.compile(r"\w+")
_JOINER = re.compile(r"[\s\-\u2010\u2011'\u2019]+")
"""What may stand between the words of a phrase in a text."""


@dataclass(frozen=True)
class _Phrases:
    keys: dict[str, tuple[str, str]]
    """Phrase key -> (claim, language), for phrases in scripts written with spaces."""
    prefixes: frozenset[str]
    """Every prefix of those keys: a word that starts none of them starts no phrase."""
    most_words: int
    spaceless: tuple[tuple[str, str, str], ...]
    """(phrase, claim, language) in Korean, Japanese or Chinese script: found anywhere."""


@lru_cache(maxsize=1)
def _phrases() -> _Phrases:
    keys: dict[str, tuple[str, str]] = {}
    spaceless = []
    most = 1
    for rule in claim_rules():
        for lang, phrases in rule.phrases.items():
            for phrase in phrases:
                if _SPACELESS.search(phrase):
                    spaceless.append((phrase, rule.id, lang))
                    continue
                keys.setdefault(_phrase_key(phrase), (rule.id, lang))
                most = max(most, len(_TOKEN.findall(phrase)) + 1)
    prefixes = frozenset(k[:n] for k in keys for n in range(1, len(k) + 1))
    spaceless.sort(key=lambda e: -len(e[0]))
    return _Phrases(keys, prefixes, most, tuple(spaceless))


# --------------------------------------------------------------------------- finding

def find_claims(text: object) -> list[FoundClaim]:
    """The claims a text makes, in the order they first appear (each claim once).

    Any text is accepted (a product name, a list of highlights, a long description);
    a text that is not a string makes no claims. Where phrases overlap, the longest
    wins ("mineral oil free" is not also "oil free").
    """
    if not isinstance(text, str) or not text:
        return []
    table = _phrases()
    low = text.lower()
    hits: list[tuple[int, int, str, str]] = []  # (start, end, claim, language)
    words = [(m.start(), m.end()) for m in _TOKEN.finditer(low)]
    keys, prefixes, joiner = table.keys, table.prefixes, _JOINER
    n = len(words)
    i = 0
    while i < n:
        start, end = words[i]
        key = low[start:end]
        best = None
        j = i
        while key in prefixes:
            if key in keys:
                best = (j, keys[key])
            j += 1
            if j >= n or j - i >= table.most_words:
                break
            gap_start, gap_end = words[j - 1][1], words[j][0]
            if not joiner.fullmatch(low, gap_start, gap_end):
                break
            key += low[words[j][0]:words[j][1]]
        if best is not None:
            last, (claim, lang) = best
            hits.append((start, words[last][1], claim, lang))
            i = last + 1
        else:
            i += 1
    if table.spaceless and not text.isascii():
        for phrase, claim, lang in table.spaceless:
            at = low.find(phrase)
            if at >= 0 and not any(s <= at < e for s, e, _c, _l in hits):
                hits.append((at, at + len(phrase), claim, lang))
    found: dict[str, FoundClaim] = {}
    shown = text if len(low) == len(text) else low  # (lower() may change the length)
    for start, end, claim, lang in sorted(hits):
        if claim not in found:
            found[claim] = FoundClaim(claim, shown[start:end], lang, start)
    return list(found.values())


# --------------------------------------------------------------------------- checking

def check_claims(report: Report, text: object, db: Database | None = None) -> list[ClaimCheck]:
    """Each claim ``text`` makes, checked against the ingredient list of ``report``.

    ``text`` is what the retailer or the label says about the product (name,
    highlights, description); ``report`` is :func:`ingredients.analyze` of its
    ingredient list. A claim on a list of which nothing was read ``cannot check``.
    """
    db = db or default_database()
    rules = {r.id: r for r in claim_rules()}
    return [_check(rules[f.claim], f.phrase, report, db) for f in find_claims(text)]


def _check(rule: ClaimRule, phrase: str, report: Report, db: Database) -> ClaimCheck:
    def made(verdict: Verdict, **more: Any) -> ClaimCheck:
        return ClaimCheck(rule.id, rule.label, phrase, verdict, **more)

    if rule.kind == "none":
        return made("not checkable", note=rule.why)
    if report.nothing_read:
        return made("cannot check", unread=report.unread, note="nothing of the list could be read")
    conflicts: list[ClaimConflict] = []
    weak: list[ClaimConflict] = []
    unread: list[str] = []
    for f in report.findings:
        if f.ingredient.may_contain:
            continue  # (shades a product may hold; not a statement that it does)
        if not f.read:
            if _unread_could_break(rule, f, db):
                unread.append(f.ingredient.name)
            continue
        why = _conflict(rule, f, report, db)
        if why:
            alone = f.match.inci in rule.not_alone or f.occlusivity in rule.not_alone_occlusivity
            if f.occlusivity in rule.not_alone_occlusivity and rule.not_alone_why:
                why = rule.not_alone_why
            (weak if alone else conflicts).append(
                ClaimConflict(rule.id, f.name, f.ingredient.position, why))
    if conflicts:
        conflicts = sorted(conflicts + weak, key=lambda c: c.position)
        return made("conflict", conflicts=tuple(conflicts), unread=tuple(unread),
                    note="a prompt to check, not a legal finding")
    if unread:
        return made("cannot check", unread=tuple(unread),
                    note=f"{count_of(len(unread), 'name')} not read could go against it")
    note = "; ".join(f"{c.ingredient} (#{c.position}): {c.why}" for c in weak)
    return made("consistent", note=note)


def _names_of(inci: str, db: Database) -> set[str]:
    entry = db.entry(inci)
    return {inci, *(entry.names if entry is not None else ())}


def _conflict(rule: ClaimRule, f: Finding, report: Report, db: Database) -> str:
    inci = f.match.inci or ""
    if rule.kind == "comedogenic":
        whys = []
        if f.comedogenic and f.comedogenic[1] >= rule.rating_at_least:
            low, high = f.comedogenic
            whys.append(f"rated {low}" if low == high else f"rated {low}-{high}")
        if (f.occlusivity == "heavy" and f.ingredient.position <= rule.heavy_occlusive_within):
            whys.append(f"a heavy occlusive among the first {rule.heavy_occlusive_within}")
        if not whys:
            return ""
        line = report.line_position
        where = (" (after the estimated 1% line)" if line is not None
                 and f.ingredient.position >= line else "")
        return " and ".join(whys) + where
    if rule.kind == "names":
        names = _names_of(inci, db)
        hit = bool(names & rule.inci) or (bool(rule.words) and any(
            not n.startswith(rule.except_prefixes)
            and not rule.words.isdisjoint(re.findall(r"[A-Z]+", n)) for n in names))
        if not hit:
            return ""
        return (rule.notes or {}).get(inci, rule.why)
    return ""


def _unread_could_break(rule: ClaimRule, f: Finding, db: Database) -> bool:
    bound = bound_of(f.match, db)
    if rule.kind == "comedogenic":
        heavy_early = (OCCLUSIVITY_ORDER.index(bound.occlusivity) >= OCCLUSIVITY_ORDER.index("heavy")
                       and f.ingredient.position <= rule.heavy_occlusive_within)
        return bound.comedogenic >= rule.rating_at_least or heavy_early
    return bound.id not in rule.unread_ruled_out


# --------------------------------------------------------------------------- batch

def claim_cells(checks: Sequence[ClaimCheck]) -> tuple[str, str]:
    """The ``claims`` and ``claim_conflicts`` cells of a scan row."""
    claims = "; ".join(f"{c.claim}: {c.verdict}" for c in checks)
    conflicts = "; ".join(str(x) for c in checks for x in c.conflicts)
    return claims, conflicts


CLAIM_COLUMNS = ("claims", "claim_conflicts")
"""Result columns ``milia scan --claims-column`` appends."""


def joined(cells: Iterable[object]) -> str:
    """The claim text of a row: its claims columns, each on its own line."""
    return "\n".join(c for c in cells if isinstance(c, str) and c)


@dataclass
class ClaimTally:
    """What ``milia scan --claims-column`` found, for the closing summary."""

    rows: int = 0
    """Rows whose text makes at least one claim."""
    verdicts: dict[str, dict[str, int]] | None = None
    """Claim -> verdict -> rows."""

    def add(self, checks: Sequence[ClaimCheck]) -> None:
        """Count one row's checks."""
        if not checks:
            return
        self.rows += 1
        if self.verdicts is None:
            self.verdicts = {}
        for c in checks:
            per = self.verdicts.setdefault(c.claim, {})
            per[c.verdict] = per.get(c.verdict, 0) + 1

    def lines(self) -> list[str]:
        """The summary lines."""
        if not self.rows or not self.verdicts:
            return ["  claims: none of the claims of data/claims.yaml found in the claims columns"]
        total = {v: sum(per.get(v, 0) for per in self.verdicts.values()) for v in VERDICTS}
        makes = "1 row makes" if self.rows == 1 else f"{self.rows:,} rows make"
        out = [f"  claims: {makes} claims; "
               + ", ".join(f"{total[v]:,} {v}" for v in VERDICTS)
               + " (a conflict is a prompt to check, not a legal finding)"]
        for claim, per in sorted(self.verdicts.items(), key=lambda kv: -sum(kv[1].values())):
            out.append(f"    {claim:24} " + ", ".join(f"{per[v]:,} {v}" for v in VERDICTS
                                                      if per.get(v)))
        return out


class ClaimScanner:
    """The claim cells of scan rows: claims found in some columns, checked against the
    row's ingredient list (analysed only for rows that make a claim; remembered, as
    catalogues repeat)."""

    def __init__(self, db: Database | None = None) -> None:
        self.db = db or default_database()
        self.tally = ClaimTally()
        self._memo: dict[tuple[str, str, str, tuple[str, ...]], tuple[ClaimCheck, ...]] = {}

    def cells(self, ingredients: object, claim_text: str, product_type: str, area: str,
              error: str = "") -> tuple[str, str]:
        """``claims`` and ``claim_conflicts`` of one row; ``error`` is the row's scoring
        error (then every checkable claim ``cannot check``)."""
        found = find_claims(claim_text)
        if not found:
            return "", ""
        checks = self.checks(ingredients, found, product_type, area, error)
        self.tally.add(checks)
        return claim_cells(checks)

    def checks(self, ingredients: object, found: Sequence[FoundClaim], product_type: str,
               area: str, error: str = "") -> tuple[ClaimCheck, ...]:
        """The checks of the claims ``found`` against one row's list."""
        from ingredients._score import analyze

        rules = {r.id: r for r in claim_rules()}
        key = (ingredients if isinstance(ingredients, str) else "", product_type, area,
               tuple(f.claim for f in found))
        known = self._memo.get(key) if not error else None
        if known is not None:
            return tuple(_with_phrase(c, f.phrase) for c, f in zip(known, found, strict=True))
        report = None
        if not error and isinstance(ingredients, str):
            try:
                report = analyze(ingredients, product_type=product_type, area=area, db=self.db)
            except InputError as exc:
                error = str(exc)
        checks = tuple(
            _check(rules[f.claim], f.phrase, report, self.db) if report is not None
            else (ClaimCheck(f.claim, rules[f.claim].label, f.phrase, "not checkable",
                             note=rules[f.claim].why) if rules[f.claim].kind == "none"
                  else ClaimCheck(f.claim, rules[f.claim].label, f.phrase, "cannot check",
                                  note=f"the ingredient list could not be analysed ({error})"))
            for f in found)
        if not error:
            if len(self._memo) > 50_000:
                self._memo.clear()
            self._memo[key] = checks
        return checks


def _with_phrase(check: ClaimCheck, phrase: str) -> ClaimCheck:
    from dataclasses import replace

    return check if check.phrase == phrase else replace(check, phrase=phrase)


def scan_rows_with_claims(
    scanner: ClaimScanner, rows: Sequence[Sequence[str]], scored: Sequence[tuple[Any, ...]],
    ingredient_at: int, claim_at: Sequence[int], type_spec: int | str | None,
    area_spec: int | str | None,
) -> list[tuple[Any, ...]]:
    """Scan result rows with the two claim cells appended (:data:`CLAIM_COLUMNS`).

    ``type_spec`` and ``area_spec`` are as :class:`ingredients._scan.Scan` holds them:
    an input column's index, a value for every row, or None.
    """
    from ingredients._batch import RESULT_COLUMNS

    err_at = RESULT_COLUMNS.index("error")
    db = scanner.db
    out = []
    for row, result in zip(rows, scored, strict=True):
        text = joined(row[k] for k in claim_at if k < len(row))
        if not text:
            out.append((*result, "", ""))
            continue
        ptype = (db.product_type_of(row[type_spec]) if isinstance(type_spec, int)
                 else type_spec or "leave-on")
        area = db.area_of(row[area_spec]) if isinstance(area_spec, int) else area_spec or "face"
        out.append((*result, *scanner.cells(row[ingredient_at], text, ptype, area,
                                            str(result[err_at] or ""))))
    return out
