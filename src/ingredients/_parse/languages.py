"""The words every stage reads labels with, from the language packs (``data/languages/``).

Curated words of label writing -- headers, "may contain", stop and "free of"
phrases, sentence words, synonym words -- live in the packs, one file per
language; :func:`ingredients._languages.label_words` merges them once (the
parser reads every language: it does not know a text's language before it
has read it). This module turns them into the sets and patterns the stages use.
"""

from __future__ import annotations

import re

from ingredients._languages import label_words
from ingredients._parse.rules import _PICTOGRAPH_RANGES, _WORD_RE

_WORDS = label_words()


def _word_leads(words: tuple[str, ...]) -> tuple[str, ...]:
    """Each word as it may open an item (lower-case, capitalised, upper-case), then a space."""
    return tuple(dict.fromkeys(f"{form} " for w in words for form in (w, w.capitalize(), w.upper())))

# Words that, alone, make up the alternative names of one ingredient: every
# part of ``Aqua/Water/Eau`` or ``Parfum/Fragrance`` is one of these.
_SYNONYM_WORDS = _WORDS.synonym_words

# A part starting with one of these is a translation (``Extrait De Levure``).
_FOREIGN_LEADS = _WORDS.translation_leads

# Colour names used with a number (``Yellow 5``, ``Red 6 Lake``) beside a CI number.
_COLOUR_WORDS = _WORDS.colour_words

# A slashed name whose last word is one of these is one substance
# (``Acrylates/C10-30 Alkyl Acrylate Crosspolymer``, ``Caprylic/Capric Triglyceride``).
_JOINING_HEADS = _WORDS.joining_heads

# Plant parts: ``Flower/Leaf/Stem Extract`` is one extract.
_PLANT_PARTS = _WORDS.plant_parts

# Sentence words. Strong ones make a piece prose even once in a few words;
# weak ones (``and``, ``of``) also appear in real names and count for less.
_STRONG_FUNCTION_WORDS = _WORDS.strong_words
_WEAK_FUNCTION_WORDS = _WORDS.weak_words

# Header words before a colon: the list starts after them; ``Komposisi Bahan:``.
_HEADER_WORDS = _WORDS.headers
_HEADER_TAILS = _WORDS.header_tails
_HEADER_PHRASES = _WORDS.header_phrases
# The words of each header phrase: a label or a line ending in (or being) one is a header even
# when its last word is no header word on its own (it ``principi attivi``, ``ingredienti attivi``).
_HEADER_PHRASE_WORDS = frozenset(tuple(_WORD_RE.findall(p)) for p in _HEADER_PHRASES)
_HEADER_PHRASE_MAX = max((len(words) for words in _HEADER_PHRASE_WORDS), default=0)

# Catalogue keys (``Product Name:``, ``Division:``): the label and its value are dropped.
_METADATA_KEYS = _WORDS.metadata_keys

# Abbreviations after which ``. `` does not end a sentence (``Alcohol Denat.``, ``St. John``).
_ABBREVIATIONS = _WORDS.abbreviations

# Phrases that end the useful text: everything after them is dropped.
_STOP_MARKERS = _WORDS.stop

# Phrases that introduce ingredients the product does NOT contain. The sentence
# holding them (and, after a trailing colon, the next line) is dropped.
_EXCLUSION_MARKERS = _WORDS.free_of

# Every exclusion marker holds one of these (a cheap pre-check; see _parse_line).
_EXCLUSION_HINTS = _WORDS.free_of_hints

_EXCLUSION_RE = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(m) for m in _EXCLUSION_MARKERS) + ")")

_MAY_CONTAIN_PREFIXES = _WORDS.may_contain
# Any may-contain marker: a phrase, ``+/-`` or ``±`` (searched in lower-cased text).
_MAY_CONTAIN_RE = re.compile("|".join(re.escape(p) for p in (*_MAY_CONTAIN_PREFIXES, "+/-", "+/–", "±")))

# ``and Octisalate 5%`` (the end of a written-out list): the word is dropped.
_LEADING_CONJUNCTIONS = _word_leads(_WORDS.conjunctions)
_CONJUNCTION_STARTS = frozenset(lead[0] for lead in _LEADING_CONJUNCTIONS)
# ``Zawiera masło shea, …`` ("contains"): a word opening a list without a colon; the first
# name starts after it (as after a header word and its colon).
_LIST_LEADS = _word_leads(_WORDS.list_leads)
_LIST_LEAD_WORDS = frozenset(w.lower() for w in _WORDS.list_leads)
_LIST_LEAD_STARTS = frozenset(lead[0] for lead in _LIST_LEADS)
# A bracket holding only one of these joins the names of a blend (``Mica (and) Titanium
# Dioxide``, ``(et)``, ``(und)``, ``(y)``): the names are cut apart there (see _pieces). Nested
# inside another bracket it stays part of that bracket's text.
_BLEND_WORDS = frozenset(_WORDS.conjunctions)
# Longest bracket (with its two brackets) that may hold only a blend word and spaces around it.
_BLEND_SPAN = max((len(w) for w in _BLEND_WORDS), default=0) + 8
# Any bracketed blend word, in any case and with spaces inside (a plain line holding one
# takes the full path: the fast path cuts at commas only).
_BLEND_RE = re.compile(
    r"[(\[{]\s*(?:" + "|".join(re.escape(w) for w in sorted(_BLEND_WORDS, key=len, reverse=True))
    + r")\s*[)\]}]", re.IGNORECASE)

# A pharmacopoeia title's qualifier written after a comma, as the Ph. Eur. orders its titles
# (``Vaselina, bianca``, ``canfora, racemica``): the comma is no cut (see labels._title_qualified).
_TITLE_QUALIFIERS = _WORDS.title_qualifiers

# Every stop, exclusion and may-contain marker, lower-cased, holds one of these
# (the validator checks it): a line holding none of them needs no marker search. A line
# holding a title qualifier takes the full path too (the plain one cuts at every comma).
_MARKER_HINTS = (*_WORDS.marker_hints, *sorted(_TITLE_QUALIFIERS), "+/", "±")

_JUNK_TEXTS = _WORDS.junk_texts

# Characters (and may-contain phrases) where a piece can end; see _pieces.
# (The look-ahead lets the search skip, in C, the positions where no hit can start.)
_MAY_FIRST = "".join(sorted({p[0] for p in _MAY_CONTAIN_PREFIXES}))
# Characters where a may-contain marker can start (``+/-``, ``±``, a phrase), either case.
_MAY_STARTS = frozenset("+±" + _MAY_FIRST + _MAY_FIRST.upper())
_PIECE_RE = re.compile(
    r"(?=(?i:[,;|:.!?*%/()\[\]{}•·●▪◦∙" + _PICTOGRAPH_RANGES + r"\-+±" + re.escape(_MAY_FIRST) + "]))"
    r"(?:[,;|:.!?*%/()\[\]{}•·●▪◦∙" + _PICTOGRAPH_RANGES + r"]|(?<= )-(?= )|\+/[-–]|±"
    r"|(?i:" + "|".join(re.escape(p) for p in _MAY_CONTAIN_PREFIXES) + "))"
)

# List separators of other scripts (``、`` in Japanese and Chinese), read as commas.
_LIST_SEPARATORS = _WORDS.separators

# IECIC names a ferment by its organism and what it ferments, with a slash
# (``乳酸杆菌/莲籽发酵产物滤液``); labels may print a list mark there instead.
_ORGANISM_WORDS = _WORDS.organism_words
_FERMENT_WORDS = _WORDS.ferment_words

# Words that end a complete INCI name (a line ending in one wraps no name onto the next).
_NAME_ENDS = _WORDS.name_ends

# A line starting with one of these carries on the name the line before breaks off
# (``Vitis Vinifera (Grape)`` / ``Seed Oil``): no name starts with one.
_WRAP_CONTINUATIONS = _WORDS.wrap_continuations
# The same, only when the joined name is known (``Cetearyl`` / ``Alcohol``): see _parse.names.
_WRAP_CHECKED = _WORDS.wrap_checked

# Pharmacopoeia compositions give a name its dose (``dexpanthenolum 50 mg``): a number and one
# of these units (compared without their full stops: ``U.I.``) after a name end it.
_DOSE_UNITS = frozenset(u.strip(".") for u in _WORDS.dose_units)
# In an item holding a dose, the name also ends before the first of these words (``aqua q.s. ad
# unguentum pro 1 g``, ``kalii dichromas D12 ana partes 25 mg``); an item starting with one
# (``excipiens ad unguentum pro 1 g``) names no ingredient.
_DOSE_WORDS = _WORDS.dose_words
# A word between a dose and the name it weighs (it ``50 mg di olio di eucalipto``, "50 mg of
# eucalyptus oil"): after a leading dose it goes with the dose, not the name.
_DOSE_LINKS = _WORDS.dose_links
# Homeopathic potency scales: one followed by digits (``D6``, ``C30``) is a dose word.
_POTENCY_SCALES = _WORDS.potency_scales
