"""Official name lists shipped whole, read only for the names no language pack reads.

``data/languages/zh-hans-iecic.tsv`` holds the Chinese standard names of the NMPA list of
cosmetic ingredients in use (IECIC 2021), each beside its CosIng INCI name
(``scripts/import_iecic.py`` writes it; ``data/SOURCES.md`` says where it comes from).
It is too large for a pack's ``names:`` (some 8,000 rows), so it is a table of its own, read on
first use: only a name holding Han characters that no pack row, translation or
transliteration reads is looked up in it (:func:`iecic_name`), and a cold check of an
English list never opens it.

The file: ``#`` comment lines, then one row per line, sorted by the normalised name
(:func:`list_key`, so that a lookup is a binary search, not an index of every row) --
``name<TAB>inci<TAB>serial<TAB>kind``, where ``kind`` says how the row was made:
``listed`` (the name as the list prints it) or ``stripped`` (the same name without its
Latin species bracket, as labels often print it: ``葡萄籽油`` for ``葡萄(VITIS VINIFERA)籽油``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingredients._database import Database

__all__ = [
    "IECIC_FILE",
    "KINDS",
    "ListedName",
    "has_han",
    "iecic_name",
    "iecic_rows",
    "iecic_table",
    "list_key",
    "same_substance",
    "validate_iecic",
]

IECIC_FILE = "zh-hans-iecic.tsv"
KINDS = ("listed", "stripped")
_FIELDS = 4  # name, inci, serial, kind
_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # (CJK ideographs, extension A, compatibility)


@lru_cache(maxsize=1)
def _space_by_han() -> re.Pattern[str]:
    # (compiled on first use: a cold check of an English list never needs it)
    return re.compile(rf"\s+(?=[{_HAN_RANGES}])|(?<=[{_HAN_RANGES}])\s+")


@dataclass(frozen=True, slots=True)
class ListedName:
    """One row of an official name list."""

    name: str
    """The name as the list prints it (brackets as the matcher reads them), or stripped."""
    inci: str
    """The CosIng INCI name it stands for."""
    serial: str
    """The list's serial number of the entry (IECIC 序号)."""
    kind: str
    """How the row was made: ``listed`` or ``stripped`` (see :data:`KINDS`)."""


def has_han(text: str) -> bool:
    """True when ``text`` holds a Han character (a Chinese or Japanese ideograph)."""
    return not text.isascii() and any(
        "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"
        or "\U00020000" <= c <= "\U0003134f" for c in text)


def list_key(name: str) -> str:
    """The lookup key of a name: normalised, without spaces beside Han characters.

    The list's copy keeps line breaks of its PDF as spaces (``生物糖 胶-1``) and labels
    space Chinese names as they like (``聚甘油-6二癸酸酯``); spaces between Latin words
    and numbers (``C20-24``) stay.
    """
    from ingredients._normalize import normalize

    return _space_by_han().sub("", normalize(name))


def _data_file() -> object:
    from ingredients._database import _data_dir

    return _data_dir().joinpath("languages", IECIC_FILE)


def _read_text() -> str:
    res = _data_file()
    try:
        return str(res.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    except (OSError, AttributeError):
        return ""


def iecic_rows(text: str) -> list[tuple[int, list[str]]]:
    """The rows of the file, each with its line number (comment and blank lines skipped)."""
    return [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _lines() -> tuple[str, ...]:
    return tuple(line for line in _read_text().splitlines() if line.strip() and not line.startswith("#"))


def _line_key(line: str) -> str:
    return list_key(line.split("\t", 1)[0])


def _listed(line: str) -> ListedName | None:
    fields = line.split("\t")
    return ListedName(*fields) if len(fields) == _FIELDS else None


def iecic_table() -> list[ListedName]:
    """Every row of the IECIC table (the file is read on first use)."""
    return [row for row in map(_listed, _lines()) if row is not None]


def _find(key: str) -> ListedName | None:
    # The rows are sorted by key (the validator checks it): a binary search normalises
    # some fourteen names, where indexing them all would normalise ten thousand.
    lines = _lines()
    lo, hi = 0, len(lines)
    while lo < hi:
        mid = (lo + hi) // 2
        found = _line_key(lines[mid])
        if found == key:
            return _listed(lines[mid])
        lo, hi = (mid + 1, hi) if found < key else (lo, mid)
    return None


def iecic_name(name: str) -> tuple[ListedName, str] | None:
    """The IECIC row of a Han-script name, and the text that found it: the name itself,
    or its simplified form (``to_simplified``) when it is written in traditional script, or
    that with the Taiwan words of the translation tables written as IECIC writes them
    (``in_mainland_words``: ``廣西沙柑果皮萃取`` is ``广西沙柑果皮提取物``)."""
    if not has_han(name):
        return None
    from ingredients._languages import in_mainland_words, to_simplified

    simplified = to_simplified(name)
    for text in dict.fromkeys((name, simplified, in_mainland_words(simplified))):
        key = list_key(text)
        row = _find(key) if key else None
        if row is not None:
            return row, text
    return None


def same_substance(db: Database, a: str, b: str) -> bool:
    """Two CosIng names of one substance: a shared CAS number or one risk entry."""
    va, vb = db.vocabulary.get(a), db.vocabulary.get(b)
    if va is not None and vb is not None and set(va.cas) & set(vb.cas):
        return True
    ea, eb = db.entries.get(a), db.entries.get(b)
    return ea is not None and ea is eb


def validate_iecic(db: Database, text: str | None = None) -> list[str]:
    """Problems of the IECIC table, one line each naming the file, the row and the field:
    a malformed row, an INCI name CosIng does not hold, a name read as two substances."""
    from ingredients._normalize import normalize

    text = _read_text() if text is None else text
    where = f"languages/{IECIC_FILE}"
    problems: list[str] = []
    seen: dict[str, tuple[int, str]] = {}
    last = ""
    for n, fields in iecic_rows(text):
        at = f"{where}: row {n}"
        if len(fields) != _FIELDS:
            problems.append(f"{at}: {len(fields)} fields, expected name, inci, serial and kind apart by tabs")
            continue
        row = ListedName(*fields)
        if not list_key(row.name) or not has_han(row.name):
            problems.append(f"{at}.name: {row.name!r} holds no Han character")
        names = db.keys.get(normalize(row.inci))
        if not names:
            problems.append(f"{at}.inci: {row.inci!r} is not a CosIng name")
        if not row.serial.isdigit():
            problems.append(f"{at}.serial: {row.serial!r} is not a serial number")
        if row.kind not in KINDS:
            problems.append(f"{at}.kind: {row.kind!r} is not one of {', '.join(KINDS)}")
        key = list_key(row.name)
        if key <= last:
            problems.append(f"{at}.name: {row.name!r} is out of order (rows are sorted by their "
                            "normalised name, each once: re-run scripts/import_iecic.py)")
        last = max(last, key)
        before = seen.get(key)
        if before is None:
            seen[key] = (n, names[0] if names else row.inci)
        elif names and before[1] != names[0] and not same_substance(db, before[1], names[0]):
            problems.append(f"{at}.name: {row.name!r} -> {row.inci} but row {before[0]} "
                            f"maps it to {before[1]}")
    return problems
