"""Known names, for the one layout rule that needs them.

A line starting with a word that ends names but also starts some (``Alcohol``,
``Butter``: the root pack's ``wrap_checked``) carries on the name the line before
breaks off only when the joined name is a known one and the two lines are not both
known names (``Cetearyl`` / ``Alcohol`` is ``Cetearyl Alcohol``; ``Glycerin`` /
``Alcohol`` are two ingredients). Known means a CosIng name, a known synonym or a
name of the language packs' name tables, written as in the shipped database (a
user's overlay does not change how a text is cut).

The database is loaded on first need only (some 0.3 s, once): texts that never ask
-- every one-line list, and every list whose lines start otherwise -- never load it.
"""

from __future__ import annotations

from functools import lru_cache

from ingredients._languages import fold_accents, name_table
from ingredients._normalize import normalize
from ingredients._parse.rules import _ROUND_PAIR_RE


@lru_cache(maxsize=4096)
def _is_known(name: str) -> bool:
    """``name``, as written, is a known name."""
    from ingredients._database import default_database  # (lazy: see the module docstring)

    try:
        db = default_database()
        table = name_table()
    except (OSError, ValueError):  # (a broken install: the lines stay apart, parse never raises)
        return False
    key = normalize(name)
    return bool(key) and (key in db.keys or key in db.synonyms or key in table or fold_accents(key) in table)


def joins_to_known_name(first: str, second: str) -> bool:
    """``first + " " + second`` is a known name (as written or without its round brackets:
    ``Butyrospermum Parkii (Shea)`` / ``Butter``), and ``first`` and ``second`` are not
    both known names as written (whitespace is read as one space)."""
    first, second = " ".join(first.split()), " ".join(second.split())
    if not first or not second:
        return False
    joined = f"{first} {second}"
    if not (_is_known(joined) or _is_known(" ".join(_ROUND_PAIR_RE.sub(" ", joined).split()))):
        return False
    return not (_is_known(first) and _is_known(second))
