"""Hypothesis strategies shared by the test suite.

Keep each strategy small and documented; group them by the stage they feed.
"""

from __future__ import annotations

from hypothesis import strategies as st

# --- parse --------------------------------------------------------------------

# Real INCI names, chosen for the parser rules they exercise (slashes that are
# part of the name, commas between digits, brackets, hyphens, numbers).
INCI_NAMES: tuple[str, ...] = (
    "Water",
    "Glycerin",
    "Butylene Glycol",
    "Caprylic/Capric Triglyceride",
    "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
    "PEG/PPG-18/18 Dimethicone",
    "Dimethicone/Vinyl Dimethicone Crosspolymer",
    "Butylene Glycol Dicaprylate/Dicaprate",
    "Leuconostoc/Radish Root Ferment Filtrate",
    "1,2-Hexanediol",
    "1,3-Propanediol",
    "Butyrospermum Parkii (Shea) Butter",
    "Cocos Nucifera (Coconut) Oil",
    "Hydrogenated Poly(C6-14 Olefin)",
    "Sodium Hyaluronate",
    "Alcohol Denat.",
    "Polysorbate 20",
    "Ceramide NP",
    "C12-15 Alkyl Benzoate",
    "Tocopherol",
    "Limonium Vulgare Flower/Leaf/Stem Extract",
    "Nylon-6/12",
    "Yellow 5 Lake",
    "Pentaerythrityl Tetra-Di-T-Butyl Hydroxyhydrocinnamate",
    "PEG-100 Stearate",
    "Phenoxyethanol",
)

_SYLLABLES = (
    "ba",
    "ce",
    "di",
    "fo",
    "gu",
    "ka",
    "le",
    "mo",
    "pu",
    "ri",
    "sa",
    "ti",
    "vo",
    "xe",
    "zu",
)


@st.composite
def made_up_names(draw: st.DrawFn) -> str:
    """A plausible ingredient name that no parser rule treats specially."""
    words = draw(
        st.lists(
            st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=4).map(
                lambda parts: "".join(parts).capitalize()
            ),
            min_size=1,
            max_size=4,
        )
    )
    suffix = draw(st.sampled_from(("", "", "-8", " 20", "-3")))
    return " ".join(words) + suffix


def ingredient_names() -> st.SearchStrategy[str]:
    """Clean ingredient names: real tricky INCI names and made-up ones."""
    return st.one_of(st.sampled_from(INCI_NAMES), made_up_names())


_TRANSLATION_WORDS = ("de", "aceite", "extracto", "hoja", "ácido", "sódio", "钠", "提取物", "叶", "酸",
                      "Helianthus", "annuus", "etil", "Na", "-5", "セチル")


def translated_names() -> st.SearchStrategy[str]:
    """Names as the translation rule meets them: INCI names, and words of its tables
    (Spanish, Portuguese, Chinese, Japanese) strung together with and without spaces."""
    words = st.sampled_from(_TRANSLATION_WORDS)
    return st.one_of(ingredient_names(), st.lists(words, min_size=1, max_size=6).map(" ".join),
                     st.lists(words, min_size=1, max_size=4).map("".join))


def clean_ingredient_lists() -> st.SearchStrategy[list[str]]:
    """Lists of 1-40 clean names, as a label would print them (commas added by the test)."""
    return st.lists(ingredient_names(), min_size=1, max_size=40)


_MESSY_PIECES = (
    ", ",
    "; ",
    " | ",
    " • ",
    "\n",
    "<br/>",
    "&amp;",
    "&nbsp;",
    "Ingredients: ",
    "May Contain: ",
    "[+/- ",
    "]",
    "(",
    ")",
    "[",
    "*",
    "**",
    "™",
    "®",
    "\u200b",
    "\xa0",
    " 2%",
    " 0,5 %",
    "/",
    " / ",
    ":",
    ". ",
    "-",
    "Aqua/Water/Eau",
    " (and) ",
    " (ET) ",
    "Mica (and) Titanium Dioxide",
    "Parfum (Fragrance)",
    "CI 77891",
    "nano",
    "'",
    "['",
    "', '",
    "']",
    "Please be aware that ingredient lists may change.",
    "free of parabens",
    "-Snap 8 Peptide: Helps relax the look of lines. ",
    "\x00",
    "\ud800",
    "\\",
    '"',
)


def messy_label_texts() -> st.SearchStrategy[str]:
    """Label-like text assembled from names and the separators, markup and junk of real data."""
    piece = st.one_of(ingredient_names(), st.sampled_from(_MESSY_PIECES), st.text(max_size=8))
    return st.lists(piece, max_size=60).map("".join)


def any_text() -> st.SearchStrategy[str]:
    """Any ``str`` at all, including NULs, control characters, lone surrogates and binary junk."""
    return st.one_of(
        st.text(),
        st.text(alphabet=st.characters(exclude_categories=()), max_size=200),
        st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    )


# --- parse: the fast path for plain lists ---------------------------------------

# Names that test the edges of a plain list: a comma inside brackets, unbalanced
# brackets, a name that reads like prose, an abbreviation's full stop, empty items.
_PLAIN_EDGE_NAMES = (
    "Iron Oxides (CI 77491, CI 77492)",
    "Water (Aqua",
    "Aqua)",
    "Mica [CI 77019]",
    "Extract of the Leaf for you",
    "Alcohol Denat.",
    "",
    " ",
    # footnote stars, doses, encoding artefacts and full stops the fast path reads,
    # and their near misses that must send the line to the full path
    "Aloe Barbadensis Leaf Juice*",
    "Rosa Canina Fruit Oil**",
    "*Certified Organic",
    "Phenoxyethanol * Essential Oil",
    "Sodium Hydroxide* Ingredient Of Natural Origin",
    "Zinc Oxide 18.23%",
    "Titanium Dioxide 1.70%Water",
    "Octinoxate 7.5% Water",
    "Niacinamide 5% active",
    "Water/?Aqua",
    "Hypericum Perforatum (St. John's Wort) Extract",
    "Linalool. *Plant Origin",
    "Limonene. Citral",
    "Wow! Amazing",
    "Really? yes",
    "*Calendula Officinalis Flower Extract",
    " ** Rosa Canina Fruit Oil",
    "Water *Organic",
    "5% Niacinamide",
    "Niacinamide 5% Active",
    "Freesia Refracta Extract",
    "Parfum free of allergens",
    # blends: cut at the bracketed conjunction by the full path only (not plain)
    "Mica (and) Titanium Dioxide",
    "Cetearyl Alcohol (AND) Ceteareth-20",
    "Mica (et) CI 77891",
    "Silica ( y ) Talc",
    "Mica [und] Silica",
    "Glycerin (and)",
    "Fragrance (Parfum (and) Limonene)",
)


@st.composite
def plain_label_texts(draw: st.DrawFn) -> str:
    """An ASCII comma-separated label, spaced as real ones are (the parser's fast path)."""
    name = st.one_of(ingredient_names(), st.sampled_from(_PLAIN_EDGE_NAMES))
    text = draw(name)
    for _ in range(draw(st.integers(0, 39))):
        text += draw(st.sampled_from((", ", ",", " , ", ",  "))) + draw(name)
    return text + draw(st.sampled_from(("", ".", " ", " .")))


# --- score --------------------------------------------------------------------

# Real names of every kind the scorer treats differently: risky (occlusives, rated
# esters and oils), neutral, protective actives, dose markers, extracts, waters,
# colours, names it cannot read and weak guesses.
SCORED_NAMES: tuple[str, ...] = (
    "Aqua", "Glycerin", "Butylene Glycol", "Xanthan Gum", "Sodium Hyaluronate", "Panthenol",
    "Petrolatum", "Paraffinum Liquidum", "Mineral Oil", "Lanolin", "Isopropyl Myristate",
    "Cocos Nucifera Oil", "Cera Microcristallina", "Ethylhexyl Palmitate", "Laureth-4",
    "Acetylated Lanolin Alcohol", "Butyrospermum Parkii Butter", "Algae Extract",
    "Sodium Lauryl Sulfate", "Sodium Chloride", "Dimethicone", "Cetearyl Alcohol",
    "Salicylic Acid", "Niacinamide", "Glycolic Acid", "Retinol",
    "Phenoxyethanol", "Potassium Sorbate", "Methylparaben",
    "Rosa Damascena Flower Water", "Chamomilla Recutita Flower Extract", "CI 77891", "CI 45380",
    "Palmitoyl Tripeptide-1", "Snail Dream Complex", "Trimethicone", "Hexadecanol",
)


@st.composite
def scored_labels(draw: st.DrawFn) -> list[str]:
    """Items of a label (join with ", "): real names, some with a stated percentage."""
    names = draw(st.lists(st.sampled_from(SCORED_NAMES), min_size=1, max_size=20, unique=True))
    return [name + (f" {draw(st.sampled_from((0.5, 2, 5, 10, 30)))}%"
                    if draw(st.integers(0, 5)) == 0 else "") for name in names]


# --- scan ---------------------------------------------------------------------

CSV_DELIMITERS = (",", ";", "\t", "|")
CSV_ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16")


@st.composite
def csv_tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]], str, str, int]:
    """A valid CSV table as a catalogue holds it: ``(header, rows, delimiter, encoding,
    quoting)``. Cells hold delimiters, quotes, line breaks and accented letters (all
    that the encoding can write); the header names are plain words, one of them
    ``ingredients``."""
    import csv

    encoding = draw(st.sampled_from(CSV_ENCODINGS))
    delimiter = draw(st.sampled_from(CSV_DELIMITERS))
    quoting = draw(st.sampled_from((csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC)))
    extra = draw(st.lists(st.sampled_from(("sku", "name", "brand", "price", "category")),
                          max_size=3, unique=True))
    header = draw(st.permutations(["ingredients", *extra]))
    letters = "abcAZ09 ,;|\t\"'()/%-.éèçüÆœ€"
    if encoding in ("cp1252", "latin-1"):
        letters = "".join(c for c in letters if _encodable(c, encoding))
    cell = st.one_of(
        st.text(alphabet=letters + "\n\r", max_size=30),
        ingredient_names().map(lambda n: n if all(_encodable(c, encoding) for c in n) else "Aqua"),
        st.lists(ingredient_names(), min_size=1, max_size=6).map(", ".join).map(
            lambda t: "".join(c if _encodable(c, encoding) else "?" for c in t)),
    )
    rows = draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)),
                         min_size=1, max_size=25))
    return list(header), rows, delimiter, encoding, quoting


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True
