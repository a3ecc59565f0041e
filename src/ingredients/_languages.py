"""Language packs: the words of label writing and the name tables, one file per language.

``data/languages/<code>.yaml`` holds, for one language, the words the parser
reads labels with (headers, "may contain", stop and "free of" phrases,
sentence words, ...) under ``label:``, and a name table under ``names:`` that
maps local, common and pharmacopoeia names to CosIng INCI names, each row with
its source. ``root.yaml`` holds what every language shares (INCI chemistry and
botany words). The schema is in ``data/languages/README.md``.

Loading: the parser needs the label words of every pack (it does not know a
text's language before reading it), so they are merged once, on first use,
from ``data/languages/compiled.json`` -- a JSON copy of the YAML files tagged
with their hash (``scripts/compile_data.py``; JSON is read some fifty times
faster than YAML, and YAML itself is not even imported). A stale or missing copy
is ignored and the YAML read instead. The name tables are indexed only when a
name is not found in CosIng (:func:`name_table`).
"""

from __future__ import annotations

import hashlib
import json
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

__all__ = [
    "LabelWords",
    "NameRow",
    "compiled_documents",
    "detect_language",
    "fold_accents",
    "hangul_unspaced",
    "in_mainland_words",
    "label_words",
    "language_codes",
    "name_table",
    "pack_texts",
    "to_simplified",
    "validate_languages",
]

COMPILED = "compiled.json"
ROOT = "root"

# Fields of ``label:`` (all lists of strings) and whether their words are lower-cased.
LABEL_FIELDS = (
    "headers", "header_phrases", "header_tails", "may_contain", "stop", "free_of", "marker_hints",
    "free_of_hints", "strong_words", "weak_words", "conjunctions", "synonym_words", "translation_leads",
    "colour_words", "metadata_keys", "abbreviations", "junk_texts", "separators", "joining_heads",
    "plant_parts", "script_chars", "name_ends", "name_qualifiers", "wrap_continuations", "wrap_checked",
    "dose_units", "dose_words", "potency_scales", "organism_words", "ferment_words", "list_leads",
    "title_qualifiers", "dose_links",
)  # fmt: skip
# Fields whose words are kept as written (characters of a script, not words to lower-case).
_CASED_FIELDS = ("separators", "script_chars", "organism_words", "ferment_words")
# ``page``: a public page (an ingredient dictionary, a product page) that prints both names.
SOURCE_KINDS = ("official-list", "label", "page", "transliteration-rule", "pharmacopoeia")
_TOP_KEYS = ("language", "name", "parent", "label", "sources", "names", "translation",
             "transliteration", "simplified")
_TRANSLATION_KEYS = ("rule", "key_rewrites", "key_endings", "leading", "leading_prefixes", "of_words",
                     "endings", "words", "acid", "cations", "salt_endings", "acid_stems", "acid_multipliers",
                     "cation_counts", "compounds", "unwritten", "polymer_prefixes")
_WORD_KEYS = ("word", "inci", "source", "at", "note")
_UNWRITTEN_KEYS = ("word", "source", "at", "note")
_ROW_KEYS = ("name", "inci", "source", "at", "note")
_SOURCE_KEYS = ("kind", "reference", "url", "licence")


@dataclass(frozen=True, slots=True)
class LabelWords:
    """The label words of every pack, merged (each a set of lower-case words or phrases)."""

    headers: frozenset[str]
    header_phrases: tuple[str, ...]
    header_tails: frozenset[str]
    may_contain: tuple[str, ...]
    stop: tuple[str, ...]
    free_of: tuple[str, ...]
    marker_hints: tuple[str, ...]
    free_of_hints: tuple[str, ...]
    strong_words: frozenset[str]
    weak_words: frozenset[str]
    conjunctions: tuple[str, ...]
    synonym_words: frozenset[str]
    translation_leads: frozenset[str]
    colour_words: frozenset[str]
    metadata_keys: frozenset[str]
    abbreviations: frozenset[str]
    junk_texts: frozenset[str]
    separators: tuple[str, ...]
    joining_heads: frozenset[str]
    plant_parts: frozenset[str]
    script_chars: tuple[str, ...]
    name_ends: frozenset[str]
    name_qualifiers: tuple[str, ...]
    wrap_continuations: frozenset[str]
    wrap_checked: frozenset[str]
    dose_units: frozenset[str]
    dose_words: frozenset[str]
    potency_scales: frozenset[str]
    organism_words: tuple[str, ...]
    ferment_words: tuple[str, ...]
    list_leads: tuple[str, ...]
    title_qualifiers: frozenset[str]
    dose_links: frozenset[str]


@dataclass(frozen=True, slots=True)
class NameRow:
    """One row of a name table: a local, common or pharmacopoeia name for a CosIng name."""

    name: str
    """The name as a label writes it (``Huile de paraffine``, ``정제수``)."""
    inci: str
    """The CosIng INCI name it stands for."""
    language: str
    """The pack's code (``fr``, ``ko``, ``en-common``, ``la-pharm``)."""
    source: str
    """Where the pairing comes from: the reference of the file's source it names."""
    at: str
    """Locator in that source (a row of a real label, an entry of an official list)."""
    language_name: str = ""
    """The pack's name for its language (``French``, ``pharmacopoeia Latin``)."""


def _data_dir() -> Any:
    from ingredients._database import _data_dir as shipped_data

    return shipped_data().joinpath("languages")


def pack_texts(root: Any = None) -> dict[str, str]:
    """The YAML files of the packs, by file name (``fr.yaml``); the shipped ones by default."""
    root = _data_dir() if root is None else root
    if not root.is_dir():
        return {}
    return {
        res.name: res.read_text(encoding="utf-8")
        for res in sorted(root.iterdir(), key=lambda r: r.name)
        if res.name.endswith(".yaml")
    }


def digest(texts: Mapping[str, str]) -> str:
    """Hash of the packs' YAML files, which names the compiled copy they match."""
    h = hashlib.sha256()
    for name in sorted(texts):
        h.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return h.hexdigest()


def _read_yaml(text: str, origin: str) -> dict[str, Any]:
    # (Only when the compiled copy is stale.) The risk database's strict reader: no
    # aliases, a duplicate key is an error naming both lines.
    from ingredients._database import _read_yaml as read_strict
    from ingredients.errors import DatabaseError

    try:
        return read_strict(text, f"languages/{origin}")
    except DatabaseError as exc:
        raise ValueError(str(exc)) from None


_lock = threading.Lock()
_documents: dict[str, dict[str, Any]] | None = None


def compiled_documents(texts: Mapping[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """The packs' documents by file name, from the compiled copy when it matches."""
    global _documents  # noqa: PLW0603 - the one place the packs live once read
    if texts is None and _documents is not None:
        return _documents
    shipped = texts is None
    texts = pack_texts() if texts is None else texts
    docs: dict[str, dict[str, Any]] | None = None
    compiled = _data_dir().joinpath(COMPILED)
    if shipped and compiled.is_file():
        try:
            doc = json.loads(compiled.read_bytes())
        except ValueError:
            doc = {}
        if doc.get("digest") == digest(texts) and set(doc.get("docs", {})) == set(texts):
            docs = cast(dict[str, dict[str, Any]], doc["docs"])
    if docs is None:
        docs = {}
        for name, text in texts.items():
            try:
                docs[name] = _read_yaml(text, name)
            except ValueError:
                docs[name] = {}  # (validate_languages names the problem)
    if shipped:
        with _lock:
            _documents = docs
    return docs


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def language_codes() -> list[str]:
    """Codes of the shipped languages (every pack but ``root``)."""
    codes = [str(d.get("language", n.removesuffix(".yaml"))) for n, d in compiled_documents().items()]
    return [c for c in codes if c != ROOT]


@lru_cache(maxsize=1)
def label_words() -> LabelWords:
    """The label words of every pack, merged in file order (root first)."""
    docs = compiled_documents()
    order = sorted(docs, key=lambda n: (n != f"{ROOT}.yaml", n))
    merged: dict[str, list[str]] = {f: [] for f in LABEL_FIELDS}
    for name in order:
        label = docs[name].get("label")
        if not isinstance(label, dict):
            continue
        for field in LABEL_FIELDS:
            for word in _strings(label.get(field)):
                low = word if field in _CASED_FIELDS else word.lower()
                if low not in merged[field]:
                    merged[field].append(low)
    sets = {
        "headers", "header_tails", "strong_words", "weak_words", "synonym_words", "translation_leads",
        "colour_words", "metadata_keys", "abbreviations", "junk_texts", "joining_heads", "plant_parts",
        "name_ends", "wrap_continuations", "wrap_checked", "dose_units", "dose_words", "potency_scales",
        "title_qualifiers", "dose_links",
    }  # fmt: skip
    fields: dict[str, Any] = {f: (frozenset(v) if f in sets else tuple(v)) for f, v in merged.items()}
    return LabelWords(**fields)


_FOLD_LETTERS = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d"})


def hangul_unspaced(key: str) -> str:
    """A key holding Hangul without its spaces (``황색산화철`` for ``황색 산화철``).

    KCIA names are written without spaces; labels break them anywhere (``아시아티 코사이드``).
    Returns ``key`` unchanged when it holds no Hangul syllable or no space.
    """
    if " " not in key or key.isascii() or not any("\uac00" <= c <= "\ud7a3" for c in key):
        return key
    return key.replace(" ", "")


def fold_accents(key: str) -> str:
    """A Latin-script key without its accents (``huile minerale`` for ``huile minérale``).

    Labels often drop accents (``Beurre de karite``, ``Oleo de parafina``, ``Plynna parafina``).
    Only keys written wholly in Latin letters are folded: decomposing kana or Hangul would
    change the letters themselves. Returns ``key`` unchanged when there is nothing to fold.
    """
    if key.isascii():
        return key
    key = key.translate(_FOLD_LETTERS)
    if any(ord(c) > 0x24F and not unicodedata.combining(c) for c in key):
        return key
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def name_table() -> Mapping[str, tuple[NameRow, ...]]:
    """Every pack's name rows, by normalised name (read on first use).

    Each Latin-script name is also filed under its accent-free key, unless that key is
    already a name of its own or folds from names of different INCI names (then it stays out);
    each Hangul name with a space likewise under its key without spaces.
    """
    from ingredients._normalize import normalize

    table: dict[str, list[NameRow]] = {}
    for row in _rows(compiled_documents()):
        key = normalize(row.name)
        if key and all(r.inci != row.inci for r in table.get(key, ())):
            table.setdefault(key, []).append(row)
    folded: dict[str, list[NameRow]] = {}
    for key, rows in table.items():
        plain = fold_accents(key)
        if plain != key and plain not in table:
            for row in rows:
                if all(r.inci != row.inci for r in folded.get(plain, ())):
                    folded.setdefault(plain, []).append(row)
    for plain, rows in folded.items():
        if len({r.inci for r in rows}) == 1:
            table[plain] = rows
    unspaced: dict[str, list[NameRow]] = {}
    for key, rows in table.items():
        bare = hangul_unspaced(key)
        if bare != key and bare not in table:
            unspaced.setdefault(bare, []).extend(rows)
    for bare, rows in unspaced.items():
        if len({r.inci for r in rows}) == 1:
            table[bare] = rows
    return {k: tuple(v) for k, v in table.items()}


def _rows(docs: Mapping[str, Mapping[str, Any]]) -> Iterable[NameRow]:
    for file_name, doc in docs.items():
        code = str(doc.get("language", file_name.removesuffix(".yaml")))
        sources = doc.get("sources") if isinstance(doc.get("sources"), dict) else {}
        assert isinstance(sources, dict)
        rows = doc.get("names")
        for row in rows if isinstance(rows, list) else []:
            if not isinstance(row, dict):
                continue
            name, inci, src = row.get("name"), row.get("inci"), row.get("source")
            if not (isinstance(name, str) and isinstance(inci, str) and isinstance(src, str)):
                continue
            ref = sources.get(src)
            reference = str(ref.get("reference", src)) if isinstance(ref, dict) else src
            yield NameRow(name, inci, code, reference, str(row.get("at", "")), str(doc.get("name", code)))


@lru_cache(maxsize=1)
def _simplified_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for doc in compiled_documents().values():
        section = doc.get("simplified")
        pairs = section.get("pairs") if isinstance(section, dict) else None
        if isinstance(pairs, str):
            table.update({ord(p[0]): p[1] for p in pairs.split() if len(p) == 2})
    return table


@lru_cache(maxsize=1)
def _simplified_phrases() -> tuple[tuple[str, str], ...]:
    """The packs' ``simplified.phrases``: Taiwan terms and their mainland forms, longest first."""
    found: dict[str, str] = {}
    for doc in compiled_documents().values():
        section = doc.get("simplified")
        rows = section.get("phrases") if isinstance(section, dict) else None
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, list) and len(row) == 2 and all(isinstance(x, str) and x for x in row):
                found.setdefault(row[0], row[1])
    return tuple(sorted(found.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def _mainland_words() -> tuple[tuple[str, str], ...]:
    """Words of a traditional pack's translation table (one with a ``simplified`` section)
    that the simplified pack writes otherwise for the same INCI word, in simplified script:
    (Taiwan word, the simplified pack's word), longest first (``萃取`` and ``萃取物`` EXTRACT,
    ``提取物`` in IECIC names). Only words with one counterpart are kept."""
    docs = compiled_documents().values()

    def words(doc: dict[str, Any]) -> list[tuple[str, str]]:
        table = doc.get("translation")
        rows = table.get("words") if isinstance(table, dict) else None
        return [(str(r["word"]), str(r["inci"])) for r in rows if isinstance(r, dict)
                and isinstance(r.get("word"), str) and isinstance(r.get("inci"), str)] if isinstance(
                    rows, list) else []

    def han_pack(doc: dict[str, Any]) -> bool:
        label = doc.get("label")
        return isinstance(label, dict) and bool(label.get("script_chars"))

    targets = [doc for doc in docs if han_pack(doc) and "simplified" not in doc]
    by_inci: dict[str, set[str]] = {}
    for doc in targets:
        for word, inci in words(doc):
            by_inci.setdefault(inci, set()).add(word)
    known = {w for ws in by_inci.values() for w in ws}
    found: dict[str, str] = {}
    for doc in docs:
        if "simplified" not in doc:
            continue
        for word, inci in words(doc):
            local = to_simplified(word)
            others = by_inci.get(inci, set())
            if local not in known and len(others) == 1:
                found.setdefault(local, next(iter(others)))
    return tuple(sorted(found.items(), key=lambda kv: -len(kv[0])))


def in_mainland_words(text: str) -> str:
    """``text`` (in simplified script) with the Taiwan words of the translation tables written
    as the simplified pack writes them (:func:`_mainland_words`: ``广西沙柑果皮萃取`` ->
    ``广西沙柑果皮提取物``), for a lookup in the official list; unchanged when it has none."""
    for taiwan, mainland in _mainland_words():
        if taiwan in text:
            text = text.replace(taiwan, mainland)
    return text


def to_simplified(text: str) -> str:
    """``text`` with the Taiwan terms and traditional characters the packs know written in
    simplified form (``麩胺酸`` -> ``谷氨酸``, ``透明質酸鈉`` -> ``透明质酸钠``); unchanged when
    it has none. Terms go first (longest first), then characters."""
    if text.isascii():
        return text  # (no Han character: nothing to write otherwise)
    for taiwan, mainland in _simplified_phrases():
        if taiwan in text:
            text = text.replace(taiwan, mainland)
    return text.translate(_simplified_table())


# --------------------------------------------------------------------------- validation


def validate_languages(
    texts: Mapping[str, str] | None = None, vocabulary: Mapping[str, object] | None = None
) -> list[str]:
    """Problems in the language packs, one line each naming the file, row and field.

    ``vocabulary`` maps normalised names to CosIng names (the database's ``keys``);
    without it, INCI names are not checked.
    """
    from ingredients._normalize import normalize

    texts = pack_texts() if texts is None else texts
    problems: list[str] = []
    docs: dict[str, dict[str, Any]] = {}
    for file_name, text in texts.items():
        try:
            docs[file_name] = _read_yaml(text, file_name)
        except ValueError as exc:
            problems.append(str(exc))
    codes = {str(d.get("language")) for d in docs.values()}
    seen: dict[str, tuple[str, str, str]] = {}  # normalised name -> (inci, file, row)
    hints: list[str] = []
    for doc in docs.values():
        label = doc.get("label")
        if isinstance(label, dict):
            hints += [h.lower() for h in _strings(label.get("marker_hints"))]
    from ingredients._transliterate import validate_transliteration

    root_doc = docs.get(f"{ROOT}.yaml", {})
    root_rule = root_doc.get("transliteration") if isinstance(root_doc.get("transliteration"), dict) else None
    for file_name, doc in docs.items():
        where = f"languages/{file_name}"
        problems += validate_transliteration(where, doc, root_rule, file_name == f"{ROOT}.yaml")
        for key in doc:
            if key not in _TOP_KEYS:
                problems.append(f"{where}: {key}: unknown field (expected one of {', '.join(_TOP_KEYS)})")
        code = doc.get("language")
        if not isinstance(code, str) or f"{code}.yaml" != file_name:
            problems.append(f"{where}: language: must be the file's name without .yaml, not {code!r}")
        parent = doc.get("parent")
        if parent is not None and parent not in codes:
            problems.append(f"{where}: parent: no pack {parent!r}")
        label = doc.get("label", {})
        if not isinstance(label, dict):
            problems.append(f"{where}: label: must be a mapping")
            label = {}
        for field, value in label.items():
            if field not in LABEL_FIELDS:
                problems.append(f"{where}: label.{field}: unknown field")
                continue
            if not isinstance(value, list):
                problems.append(f"{where}: label.{field}: must be a list of words")
                continue
            for k, word in enumerate(value):
                if not isinstance(word, str) or not word.strip():
                    problems.append(
                        f"{where}: label.{field}[{k}]: {word!r} is not a word (quote yes/no/on/off/null)"
                    )
        for field in ("stop", "free_of", "may_contain"):
            for k, phrase in enumerate(_strings(label.get(field))):
                # (only ASCII lines take the fast path, so only ASCII phrases need a hint)
                if phrase.isascii() and not any(h in phrase.lower() for h in hints):
                    problems.append(
                        f"{where}: label.{field}[{k}]: {phrase!r} holds none of the marker_hints "
                        "(the parser's fast path would miss it)"
                    )
        sources = doc.get("sources", {})
        if not isinstance(sources, dict):
            problems.append(f"{where}: sources: must be a mapping of id to source")
            sources = {}
        for sid, src in sources.items():
            if not isinstance(src, dict):
                problems.append(f"{where}: sources.{sid}: must be a mapping")
                continue
            for key in src:
                if key not in _SOURCE_KEYS:
                    problems.append(f"{where}: sources.{sid}.{key}: unknown field")
            if src.get("kind") not in SOURCE_KINDS:
                problems.append(
                    f"{where}: sources.{sid}.kind: {src.get('kind')!r} is not one of "
                    + ", ".join(SOURCE_KINDS)
                )
            if not isinstance(src.get("reference"), str) or not src["reference"].strip():
                problems.append(f"{where}: sources.{sid}.reference: missing")
        problems += _translation_problems(where, doc.get("translation"), sources, vocabulary)
        simplified = doc.get("simplified")
        if simplified is not None:
            if not isinstance(simplified, dict) or simplified.get("source") not in sources:
                problems.append(f"{where}: simplified: needs a source of this file")
            pairs = simplified.get("pairs") if isinstance(simplified, dict) else None
            if not isinstance(pairs, str) or any(len(p) != 2 for p in pairs.split()):
                problems.append(f"{where}: simplified.pairs: must be pairs of two characters, "
                                "traditional then simplified, apart by spaces")
            phrases = simplified.get("phrases", []) if isinstance(simplified, dict) else []
            if not isinstance(phrases, list) or any(
                    not (isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and x for x in p))
                    for p in phrases):
                problems.append(f"{where}: simplified.phrases: must be a list of [Taiwan term, "
                                "mainland term] pairs")
        rows = doc.get("names", [])
        if not isinstance(rows, list):
            problems.append(f"{where}: names: must be a list of rows")
            rows = []
        for k, row in enumerate(rows):
            at = f"{where}: names[{k}]"
            problems += row_problems(at, row, _ROW_KEYS[:-1], _ROW_KEYS, sources)
            name, inci = (row.get("name"), row.get("inci")) if isinstance(row, dict) else (None, None)
            if not (isinstance(name, str) and isinstance(inci, str)):
                continue
            if vocabulary is not None and normalize(inci) not in vocabulary:
                problems.append(f"{at}.inci: {inci!r} is not a CosIng name")
            key = normalize(name)
            if not key:
                problems.append(f"{at}.name: empty once normalised")
                continue
            before = seen.get(key)
            if before is not None and normalize(before[0]) != normalize(inci):
                problems.append(
                    f"{at}.name: {name!r} -> {inci} but {before[1]} {before[2]} maps it to {before[0]}"
                )
            elif before is None:
                seen[key] = (inci, where, f"names[{k}]")
    return problems


def row_problems(at: str, row: object, fields: tuple[str, ...], allowed: tuple[str, ...],
                 sources: Mapping[str, Any]) -> list[str]:
    """Problems of one sourced row of a pack (a name, a word, a letter name): a mapping whose
    ``fields`` are all text, with no field outside ``allowed``, citing one of ``sources``."""
    if not isinstance(row, dict):
        return [f"{at}: must be a mapping with {', '.join(fields)}"]
    problems = [f"{at}.{key}: unknown field" for key in row if key not in allowed]
    problems += [f"{at}.{field}: missing or not text" for field in fields
                 if not isinstance(row.get(field), str) or not row[field].strip()]
    src = row.get("source")
    if isinstance(src, str) and src not in sources:
        problems.append(f"{at}.source: {src!r} is not in this file's sources")
    return problems


def _translation_problems(
    where: str, section: object, sources: Mapping[str, Any], vocabulary: Mapping[str, object] | None
) -> list[str]:
    """Problems in a pack's ``translation:`` section (see ``ingredients._translate``)."""
    import re

    from ingredients._normalize import normalize

    if section is None:
        return []
    if not isinstance(section, dict):
        return [f"{where}: translation: must be a mapping"]
    problems: list[str] = []
    at = f"{where}: translation"
    for key in section:
        if key not in _TRANSLATION_KEYS:
            problems.append(f"{at}.{key}: unknown field (expected one of {', '.join(_TRANSLATION_KEYS)})")
    rule = section.get("rule")
    if rule is not None:
        src = sources.get(rule) if isinstance(rule, str) else None
        if not isinstance(src, dict) or src.get("kind") != "transliteration-rule":
            problems.append(f"{at}.rule: {rule!r} is not a transliteration-rule source of this file")
    for field in ("leading", "leading_prefixes", "polymer_prefixes", "of_words", "key_endings", "cations"):
        value = section.get(field, [])
        if not isinstance(value, list) or any(not isinstance(w, str) or not w for w in value):
            problems.append(f"{at}.{field}: must be a list of words")
    if not isinstance(section.get("acid", ""), str):
        problems.append(f"{at}.acid: must be a word")
    if not isinstance(section.get("compounds", False), bool):
        problems.append(f"{at}.compounds: must be true or false")
    for field in ("key_rewrites", "endings", "salt_endings", "acid_stems", "acid_multipliers",
                  "cation_counts"):
        value = section.get(field, [])
        if not isinstance(value, list):
            problems.append(f"{at}.{field}: must be a list of [from, to] pairs")
            continue
        for k, pair in enumerate(value):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
                    and pair[0]):
                problems.append(f"{at}.{field}[{k}]: {pair!r} is not a [from, to] pair of text")
    for field in ("key_rewrites", "key_endings"):
        value = section.get(field, [])
        for k, item in enumerate(value if isinstance(value, list) else []):
            pattern = item[0] if isinstance(item, list) and item else item
            if isinstance(pattern, str):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    problems.append(f"{at}.{field}[{k}]: {pattern!r} is not a regular expression ({exc})")
    unwritten = section.get("unwritten", [])
    if not isinstance(unwritten, list):
        problems.append(f"{at}.unwritten: must be a list of rows")
    for k, row in enumerate(unwritten if isinstance(unwritten, list) else []):
        problems += row_problems(f"{at}.unwritten[{k}]", row, _UNWRITTEN_KEYS[:-1], _UNWRITTEN_KEYS, sources)
    words = section.get("words", [])
    if not isinstance(words, list):
        return [*problems, f"{at}.words: must be a list of rows"]
    vocabulary_words: set[str] | None = None
    if vocabulary is not None:
        vocabulary_words = {w for key in vocabulary for w in key.split()}
    seen: set[tuple[str, str]] = set()
    for k, row in enumerate(words):
        rat = f"{at}.words[{k}]"
        problems += row_problems(rat, row, _WORD_KEYS[:-1], _WORD_KEYS, sources)
        if not isinstance(row, dict):
            continue
        word, inci = row.get("word"), row.get("inci")
        if not (isinstance(word, str) and isinstance(inci, str)):
            continue
        glued = inci.endswith("-")  # (a prefix written onto the next word: 聚 POLY-)
        if vocabulary_words is not None and glued:
            if not any(w.startswith(normalize(inci)) for w in vocabulary_words):
                problems.append(f"{rat}.inci: {inci!r} begins no word of any CosIng name")
        elif vocabulary_words is not None and any(w not in vocabulary_words for w in normalize(inci).split()):
            problems.append(f"{rat}.inci: {inci!r} is not a word of any CosIng name")
        pair = (word.lower(), inci.upper())
        if pair in seen:
            problems.append(f"{rat}.word: {word!r} -> {inci} is already a row of this file")
        seen.add(pair)
    return problems


# --------------------------------------------------------------------------- detection

_SCRIPTS = (
    ("ko", ("HANGUL",)),
    ("ja", ("HIRAGANA", "KATAKANA")),
)


def detect_language(text: str) -> str | None:
    """The language a label is written in, from its script and its words; None when unsure.

    Hangul is Korean, kana Japanese; Han characters alone are Chinese
    (``zh-hant`` when the name tables' traditional names outnumber the
    simplified ones). Latin text is the pack whose label words and names occur
    most often, English for plain INCI lists.
    """
    counts: dict[str, int] = {}
    han = 0
    for ch in text[:5000]:
        if ch.isascii() or not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for code, scripts in _SCRIPTS:
            if name.startswith(scripts):
                counts[code] = counts.get(code, 0) + 1
        if name.startswith("CJK UNIFIED"):
            han += 1
    if counts.get("ja"):
        return "ja"
    if counts.get("ko"):
        return "ko"
    if han:
        return _chinese_variant(text)
    return _latin_language(text)


def _chinese_variant(text: str) -> str:
    votes = {"zh-hans": 0, "zh-hant": 0}
    for doc in compiled_documents().values():
        code = doc.get("language")
        label = doc.get("label")
        if code in votes and isinstance(label, dict):
            chars = "".join(_strings(label.get("script_chars")))
            votes[str(code)] += 3 * sum(1 for ch in text[:5000] if ch in chars)
    for key, code in _variant_names().items():
        if key in text:
            votes[code] += len(key)
    return "zh-hant" if votes["zh-hant"] > votes["zh-hans"] else "zh-hans"


@lru_cache(maxsize=1)
def _variant_names() -> Mapping[str, str]:
    """Normalised Chinese names written in one variant only, with that variant.

    A name both packs hold (``水``, ``甘油``: the same characters in both scripts) tells
    neither script, so it does not vote.
    """
    from ingredients._normalize import normalize

    seen: dict[str, set[str]] = {}
    for row in _rows(compiled_documents()):
        if row.language in ("zh-hans", "zh-hant"):
            key = normalize(row.name)
            if key:
                seen.setdefault(key, set()).add(row.language)
    return {key: next(iter(codes)) for key, codes in seen.items() if len(codes) == 1}


def translation_words(doc: Mapping[str, Any]) -> list[str]:
    """A pack document's translation word-table words, unwritten words and "of" words, as
    written (read from the document, without building the translation rules)."""
    section = doc.get("translation")
    if not isinstance(section, dict):
        return []
    rows = [row.get("word") for field in ("words", "unwritten")
            for row in section.get(field) or [] if isinstance(row, dict)]
    return [w for w in (*rows, *(section.get("of_words") or [])) if isinstance(w, str)]


@lru_cache(maxsize=64)
def _voting_words(code: str) -> frozenset[str]:
    """The words of a pack that tell its language in Latin text: its label words (headers,
    sentence words, conjunctions, synonym and translation leads) and its translation and
    "of" words (``óleo``, ``extrato``, ``de``), but none INCI English also writes
    (``parfum``, ``zinc``, ``olive``: every EU label prints them)."""
    doc = compiled_documents().get(f"{code}.yaml") or {}
    label = doc.get("label") if isinstance(doc.get("label"), dict) else {}
    assert isinstance(label, dict)
    fields = ("headers", "strong_words", "conjunctions", "synonym_words", "translation_leads")
    words = {w for f in fields for w in _strings(label.get(f))} | set(translation_words(doc))
    english = _inci_words()
    return frozenset(w.lower() for w in words if w.lower() not in english)


INCI_WORDS = "inci_words.txt"
"""Every word of the CosIng names, written by ``make data`` (first line: the vocabulary's
digest): read in a millisecond where collecting them takes 30 ms of a cold check."""


@lru_cache(maxsize=1)
def _inci_words() -> frozenset[str]:
    """Every word of the CosIng names, lower-cased."""
    from ingredients._database import default_database

    vocabulary = default_database().vocabulary
    stored = _data_dir().joinpath(INCI_WORDS)
    if stored.is_file():
        head, _, body = stored.read_text(encoding="utf-8").partition("\n")
        if head == str(getattr(vocabulary, "digest", "")) and head:
            return frozenset(body.split())
    return inci_words_of(vocabulary)


def inci_words_of(vocabulary: Iterable[str]) -> frozenset[str]:
    """The words (runs of letters) of the given CosIng names, lower-cased."""
    import re

    return frozenset(w.lower() for w in re.findall(r"[A-Z]+", " ".join(vocabulary)))


def _latin_language(text: str) -> str | None:
    import re

    low = text[:5000].lower()
    words = re.findall(r"[^\W\d_]+", low)
    if not words:
        return None
    docs = compiled_documents()
    scores: dict[str, int] = {}
    wordset = set(words)
    for doc in docs.values():
        code = str(doc.get("language"))
        if code == ROOT:
            continue
        label = doc.get("label") if isinstance(doc.get("label"), dict) else {}
        assert isinstance(label, dict)
        vocab = _voting_words(code)
        score = sum(1 for w in wordset if w in vocab)
        rows = doc.get("names")
        for row in rows if isinstance(rows, list) else []:
            name = row.get("name") if isinstance(row, dict) else None
            if isinstance(name, str) and len(name) > 3 and _holds_name(low, name.lower()):
                score += 2
        if score:
            scores[code] = score
    if not scores:
        return "en"
    best = max(scores.items(), key=lambda kv: (kv[1], kv[0] == "en"))
    inci = sum(1 for w in wordset if len(w) >= 3 and w in _inci_words())
    if best[1] * ENGLISH_PER_VOTE < inci:
        # (an INCI list with a gloss or two, ``Water/Eau``, ``Huile Minerale``, is English)
        return "en"
    return best[0]


def _holds_name(low: str, name: str) -> bool:
    """Does the lower-cased text hold this name as words, not inside a longer word (Dutch
    ``dimeticon`` is no vote in a French ``dimeticone``)?"""
    import re

    return name in low and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", low) is not None


ENGLISH_PER_VOTE = 10
"""A Latin-script text is English (INCI) unless another language has a vote for every
this many distinct INCI words it holds."""
