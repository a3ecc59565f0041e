"""Normalisation: label name -> lookup key.

A pipeline of small named ``str -> str`` steps, applied in order. The order
matters: marks are stripped before the case fold (NFKC would turn ``™`` into
``TM``), colour-index repair runs on the folded text, and hyphens become spaces
only after the colour and number forms have been settled. The result is a key,
never shown to a user; ``normalize(normalize(x)) == normalize(x)``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

__all__ = ["NORMALIZER_VERSION", "STEPS", "drop_pictographs", "normalize", "normalize_slow"]

# Bump when a step changes: keys stored in data/vocabulary.txt are then rebuilt
# with `python scripts/build_vocabulary.py --rekey` (a test checks they agree).
NORMALIZER_VERSION = 2

_MARKS = re.compile(
    r"[\u2122\u00ae\u00a9\u2120"  # trademark and copyright signs
    r"\u200b\u200c\u200d\u2060\ufeff"  # zero-width characters
    r"*\u2020\u2021\u00a7\u00b9\u00b2\u00b3\u2070-\u2079^]"  # footnote marks
)
_NANO = re.compile(r"[\[(]\s*nano\s*[\])]|\bnano\s*$", re.IGNORECASE)
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad]")
# ``Cl 77891``, ``C.I. 77891``, ``CI77891``, ``C1 77891`` -> ``CI 77891`` (five digits only,
# so ordinary words ending in "CL" are left alone).
_COLOUR_INDEX = re.compile(r"\bC\s?\.?\s?[IL1|]\s?\.?\s*(\d{5})\b")
_COLOUR_NO = re.compile(r"\b(RED|YELLOW|BLUE|GREEN|ORANGE|VIOLET|BROWN|BLACK)\s*(?:NO\.?|N°|#)\s*(\d)")
_D_AND_C = re.compile(r"\b(F\s?D|D)\s?&\s?C\b")
_SPACE_AROUND_SLASH = re.compile(r"\s*/\s*")
_SPACE_AROUND_COMMA_IN_NUMBER = re.compile(r"(\d)\s*,\s*(\d)")
_BRACKET_INNER_SPACE = re.compile(r"([(\[])\s+|\s+([)\]])")
_LETTER_DIGIT = re.compile(r"(?<=[A-Z])(?=\d)")
_WS = re.compile(r"\s+")
_EDGE_PUNCT = " .,;:!?-_'\"`"


_DOSE = re.compile(r"\s*\(?\s*\d{1,3}(?:[.,]\d+)?\s*%\s*\)?[\s.,;:!?_'\"`-]*$")


_PICTOGRAPHS = re.compile(
    "[\U0001F000-\U0001FAFF"  # emoji, pictographs, flags, skin tones
    "\u2600-\u27BF\u2B00-\u2BFF"  # miscellaneous symbols, dingbats, stars and arrows
    "\uFE0E\uFE0F\u20E3\U000E0020-\U000E007F]"  # emoji presentation, keycaps, tag sequences
    "(?:\u200D[\U0001F000-\U0001FAFF\u2600-\u27BF]\uFE0F?)*"  # joined emoji (ZWJ)
)


def drop_pictographs(s: str) -> str:
    """Emoji and pictographs are decoration, never part of a name: ``💧 Aqua`` -> `` Aqua``."""
    return _PICTOGRAPHS.sub("", s) if not s.isascii() else s


def drop_dose(s: str) -> str:
    """A stated percentage after the name is not part of it: ``Niacinamide 10%``."""
    return _DOSE.sub("", s) if "%" in s else s


def strip_marks(s: str) -> str:
    """Drop trademark signs, footnote marks, zero-width characters and a ``nano`` tag."""
    return _NANO.sub(" ", _MARKS.sub("", s))


def unicode_compatible(s: str) -> str:
    """NFKC: full-width letters, ligatures and non-breaking spaces become plain ones."""
    return unicodedata.normalize("NFKC", s)


def fold_case(s: str) -> str:
    """Upper case, as CosIng writes names."""
    upper = s.upper()
    # Some letters (Greek with diacritics) upper-case to a decomposed sequence.
    return upper if upper.isascii() else unicodedata.normalize("NFC", upper)


def unify_dashes(s: str) -> str:
    """En/em dashes, minus signs and soft hyphens become ``-`` (or vanish, for soft hyphens)."""
    return _DASHES.sub(lambda m: "" if m.group() == "\u00ad" else "-", s)


def repair_colour_index(s: str) -> str:
    """OCR and typing slips in colour-index numbers: ``Cl 77891`` -> ``CI 77891``."""
    return _COLOUR_INDEX.sub(r"CI \1", s)


def us_spelling(s: str) -> str:
    """British spellings that INCI writes the US way: sulphate -> sulfate, aluminium -> aluminum."""
    if "SULPH" in s:
        s = s.replace("SULPH", "SULF")
    if "ALUMINIUM" in s:
        s = s.replace("ALUMINIUM", "ALUMINUM")
    return s


def colour_names(s: str) -> str:
    """US colour names: ``D & C Red No. 7`` / ``D&C Red #7`` -> ``D&C RED 7``."""
    if "&" in s:
        s = _D_AND_C.sub(lambda m: m.group(1).replace(" ", "") + "&C", s)
    if "NO" in s or "#" in s or "N°" in s:
        s = _COLOUR_NO.sub(r"\1 \2", s)
    return s


def tidy_punctuation(s: str) -> str:
    """No spaces around slashes, inside brackets or in ``1, 2-``; no trailing dots or commas."""
    if "/" in s:
        s = _SPACE_AROUND_SLASH.sub("/", s)
    if "," in s:
        s = _SPACE_AROUND_COMMA_IN_NUMBER.sub(r"\1,\2", s)
    if "(" in s or "[" in s:
        s = _BRACKET_INNER_SPACE.sub(lambda m: m.group(1) or m.group(2), s)
    return s.strip(_EDGE_PUNCT)


def hyphen_as_space(s: str) -> str:
    """``PEG-16``, ``PEG 16`` and ``PEG16`` are one name: hyphens become spaces and a
    letter run is split from a following number."""
    if "-" in s:
        s = s.replace("-", " ")
        # "(-0" must not become "( 0", nor "/-0" "/ 0": tidy_punctuation's rules again
        if "(" in s or "[" in s:
            s = _BRACKET_INNER_SPACE.sub(lambda m: m.group(1) or m.group(2), s)
        if "/" in s:
            s = _SPACE_AROUND_SLASH.sub("/", s)
    return _LETTER_DIGIT.sub(" ", s)


def collapse_whitespace(s: str) -> str:
    """One space between words, none at the ends."""
    return _WS.sub(" ", s).strip(_EDGE_PUNCT)


STEPS: tuple[Callable[[str], str], ...] = (
    strip_marks,
    unicode_compatible,
    strip_marks,  # NFKC can reveal marks hidden in compatibility forms
    fold_case,
    unify_dashes,
    repair_colour_index,
    us_spelling,
    colour_names,
    drop_dose,
    tidy_punctuation,
    hyphen_as_space,
    collapse_whitespace,
)


_HAS_DIGIT = re.compile(r"\d")


def normalize_slow(name: str) -> str:
    """Every step, in order: the definition of :func:`normalize`."""
    for step in STEPS:
        name = step(name)
    return name


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Return the lookup key of a label or database name (idempotent).

    Plain ASCII names (nearly all of them) skip the steps that cannot change
    them; a property test checks that this equals :func:`normalize_slow`.
    """
    if not name.isascii():
        return normalize_slow(name)
    if "*" in name or "^" in name:
        name = strip_marks(name)
    elif "nano" in name.lower():
        name = _NANO.sub(" ", name)
    name = name.upper()
    if _HAS_DIGIT.search(name):
        name = repair_colour_index(name)
    name = us_spelling(name)
    name = colour_names(name)
    name = drop_dose(name)
    name = tidy_punctuation(name)
    name = hyphen_as_space(name)
    return collapse_whitespace(name)
