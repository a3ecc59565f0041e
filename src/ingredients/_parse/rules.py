"""Character classes, patterns and hard caps the stages share."""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------
# Word sets. These are syntax rules of label writing (which words make a slash
# a synonym marker, which words make a sentence), not curated knowledge about
# ingredients: that lives in the database, which the parser must not import.
# ---------------------------------------------------------------------------

# Words that, alone, make up the alternative names of one ingredient: every
# part of ``Aqua/Water/Eau`` or ``Parfum/Fragrance`` is one of these.
_SYNONYM_WORDS = frozenset(
    {
        "aqua", "water", "eau", "parfum", "fragrance", "perfume", "aroma",
        "flavor", "flavour", "arome", "honey", "mel", "miel", "wasser", "agua",
    }
)  # fmt: skip

# A part starting with one of these is a translation (``Extrait De Levure``).
_FOREIGN_LEADS = frozenset(
    {"extrait", "eau", "huile", "cire", "beurre", "extracto", "aceite", "agua", "parfum"}
)

# Colour names used with a number (``Yellow 5``, ``Red 6 Lake``) beside a CI number.
_COLOUR_WORDS = frozenset(
    {"red", "yellow", "blue", "green", "orange", "violet", "black", "white", "brown", "ext"}
)

# A slashed name whose last word is one of these is one substance
# (``Acrylates/C10-30 Alkyl Acrylate Crosspolymer``, ``Caprylic/Capric Triglyceride``).
_JOINING_HEADS = frozenset(
    {
        "copolymer", "crosspolymer", "polymer", "triglyceride", "triglycerides",
        "glycerides", "polyglycerides", "filtrate", "ferment", "lysate", "esters",
        "ester", "glucoside", "glutamate", "stearate", "succinate", "adipate",
        "dimethicone", "glycerin", "glyceride", "alcohols", "acids",
    }
)  # fmt: skip

# Plant parts: ``Flower/Leaf/Stem Extract`` is one extract.
_PLANT_PARTS = frozenset(
    {
        "flower", "flowers", "leaf", "leaves", "stem", "stems", "root", "roots", "fruit",
        "seed", "seeds", "bark", "peel", "twig", "twigs", "bud", "buds", "shoot", "kernel",
        "wood", "rhizome", "needle", "branch", "cone", "callus", "husk", "hull", "sprout",
        "herb", "plant", "stalk", "petal", "juice", "extract", "oil", "pulp", "nut", "germ",
        "bulb", "tuber", "thallus", "meristem", "cell", "water",
    }
)  # fmt: skip

# Sentence words. Strong ones make a piece prose even once in a few words;
# weak ones (``and``, ``of``) also appear in real names and count for less.
_STRONG_FUNCTION_WORDS = frozenset(
    {
        "the", "is", "are", "was", "be", "been", "your", "you", "our", "we", "us",
        "this", "that", "these", "those", "which", "will", "can", "helps", "help",
        "to", "for", "with", "from", "it", "its", "their", "they", "has", "have",
        "while", "into", "when", "also", "more", "than", "not", "all", "every",
        "yang", "dan", "untuk", "dengan", "ini", "itu", "dari", "pada", "adalah",
        "serta", "juga", "akan", "bisa", "dapat", "membantu", "kulit", "rambut",
        "les", "pour", "avec", "est", "und", "mit", "für", "der", "die", "das",
        "provides", "gives", "leaves", "keeps", "makes", "made", "without",
        "contains", "free", "please", "visit", "formulated", "skin's", "skin’s",
        "visibly", "designed", "like", "by", "on", "so", "if", "or", "any", "how",
    }
)  # fmt: skip
_WEAK_FUNCTION_WORDS = frozenset({"and", "of", "in", "a", "an", "as", "at", "no", "&"})

# Header words before a colon: the list starts after them.
_HEADER_WORDS = frozenset(
    {
        "ingredients", "ingredient", "inci", "composition", "ingrédients", "ingredientes",
        "zutaten", "bahan", "bahan-bahan", "komposisi", "inactive", "active",
        "ingredienti", "inhaltsstoffe", "purpose",
    }
)  # fmt: skip

# Catalogue keys (``Product Name:``, ``Division:``): the label and its value are dropped.
_METADATA_KEYS = frozenset({"division", "product name", "name", "size", "bpom", "no. bpom"})

# Abbreviations after which ``. `` does not end a sentence (``Alcohol Denat.``, ``St. John``).
_ABBREVIATIONS = frozenset(
    {"denat", "st", "vit", "no", "sp", "spp", "var", "ssp", "subsp", "ext", "aq", "inc",
     "co", "ltd", "approx", "fl", "oz", "nr", "ca", "dr", "mr", "ms", "n", "fil", "lot"}
)  # fmt: skip

# Phrases that end the useful text: everything after them is dropped.
_STOP_MARKERS = (
    "please be aware that ingredient",
    "please refer to the ingredient list",
    "ingredient lists may change",
    "product ingredient listings are updated",
    "disclaimer:",
    "this information is presented for educational",
    "have not been evaluated by the food and drug",
    "this ingredient list is subject to change",
)

# Phrases that introduce ingredients the product does NOT contain. The sentence
# holding them (and, after a trailing colon, the next line) is dropped.
_EXCLUSION_MARKERS = (
    "formulated without",
    "formulated free of",
    "free of",
    "free from",
    "does not contain",
    "do not contain",
    "made without",
    "we never use",
    "no parabens",
    "paraben-free",
    "paraben free",
)

# Every exclusion marker holds one of these (a cheap pre-check; see _parse_line).
_EXCLUSION_HINTS = ("free", "without", "contain", "never", "paraben")

_EXCLUSION_RE = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(m) for m in _EXCLUSION_MARKERS) + ")")

_MAY_CONTAIN_PREFIXES = ("may contain", "peut contenir", "puede contener", "kann enthalten")
_TRADEMARKS = frozenset("™®©℠")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f")
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")
_TRADEMARK_RE = re.compile("[™®©℠]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f]")
# Linear: each repetition must consume a joiner that the word class excludes.
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|&")
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
# Characters (and may-contain phrases) where a piece can end; see _pieces.
# (The look-ahead lets the search skip, in C, the positions where no hit can start.)
_PIECE_RE = re.compile(
    r"(?=(?i:[,;|:.!?*%/()\[\]{}•·●▪◦∙\-+±mpk]))"
    r"(?:[,;|:.!?*%/()\[\]{}•·●▪◦∙]|(?<= )-(?= )|\+/[-–]|±"
    r"|(?i:may contain|peut contenir|puede contener|kann enthalten))"
)
# Its hits in ASCII text with no `` - ``, ``+/`` or may-contain phrase (see _piece_re).
_PIECE_CHAR_RE = re.compile(r"[,;|:.!?*%/()\[\]{}•·●▪◦∙]")
# Where the scanners can stop (they jump from one candidate to the next):
_SPACE_BULLET_RE = re.compile(" [-–—•·●▪◦∙]")  # " " before a dash or bullet
_DESCRIPTION_END_RE = re.compile("[.!]| [-–—•·●▪◦∙]")  # a sentence end or the next bullet
_EXCLUSION_END_RE = re.compile(r"[.!](?=\s|\Z)")  # "." or "!" before a space or the end
_LIST_SEPARATOR_RE = re.compile("[,;|]")
_ONLY_STOPS_RE = re.compile("[ .!:]*")  # (fullmatch fails at the first other character)
_FOOTNOTE_MARKS = frozenset("*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰^°+#")
_BULLETS = frozenset("•·●▪◦∙")
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
_JUNK_TEXTS = frozenset(
    {"#name?", "no info", "n/a", "na", "nan", "none", "null", "-", "tbd", "coming soon",
     "not available", "#value!", "#ref!", "[]", "''", '""'}
)  # fmt: skip
