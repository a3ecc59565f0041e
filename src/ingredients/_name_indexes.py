"""Key indexes of the CosIng names, computed by ``make data`` instead of on first use.

The translation rule (:mod:`ingredients._translate`) and the Korean and Japanese
transliteration rules (:mod:`ingredients._transliterate`) each reduce every CosIng
name to a key. Doing that for 34k names takes from a tenth of a second to a second,
which a shopper's first non-English check would pay. ``data/languages/indexes.txt.gz``
holds the keys, tagged with the digest of the language packs and of the vocabulary
they were made from; a stale file is ignored and the index built as before, so
correctness never depends on it.

Format (gzip text): a JSON header line (``digest``; ``indexes``: name, kind, lines),
then each index's lines in the header's order. A ``names`` index has one line per
vocabulary row, in the vocabulary's order: that name's keys, joined by U+001F. A
``words`` index has one line per key: ``key<TAB>word<US>word...``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from ingredients._languages import _data_dir, digest, pack_texts

__all__ = ["INDEXES", "indexes_digest", "precomputed", "write_indexes"]

INDEXES = "indexes.txt.gz"
_US = "\x1f"
_lock = threading.Lock()
_file: tuple[str, dict[str, tuple[str, list[str]]]] | None = None
_built: dict[str, dict[str, tuple[str, ...]]] = {}


@lru_cache(maxsize=8)
def indexes_digest(vocabulary_digest: str) -> str:
    """What the indexes depend on: the packs' YAML files and the vocabulary (read and hashed
    once a process, as the packs themselves are: :func:`compiled_documents`)."""
    return hashlib.sha256(f"{digest(pack_texts())}\0{vocabulary_digest}".encode()).hexdigest()


def precomputed(name: str, vocabulary: Iterable[str], vocabulary_digest: str
                ) -> Mapping[str, tuple[str, ...]] | None:
    """The shipped index ``name`` (``translation``, ``ko``, ``ja``, ``ja-words``): key ->
    CosIng names (or words), when it was made from these packs and this vocabulary; else None."""
    global _file  # noqa: PLW0603 - the one place the file lives once read
    if not vocabulary_digest:
        return None
    with _lock:
        if _file is None:
            _file = _read()
        stored, sections = _file
        if stored != indexes_digest(vocabulary_digest) or name not in sections:
            return None
        found = _built.get(name)
        if found is None:
            kind, lines = sections[name]
            index: dict[str, list[str]] = {}
            if kind == "names":
                for row_name, keys in zip(vocabulary, lines, strict=False):
                    for key in keys.split(_US) if keys else ():
                        index.setdefault(key, []).append(row_name)
            else:
                for line in lines:
                    key, _, words = line.partition("\t")
                    index[key] = words.split(_US)
            found = _built[name] = {k: tuple(v) for k, v in index.items()}
        return found


def _read() -> tuple[str, dict[str, tuple[str, list[str]]]]:
    try:
        text = gzip.decompress(_data_dir().joinpath(INDEXES).read_bytes()).decode("utf-8")
        head, _, body = text.partition("\n")
        header = json.loads(head)
        lines = body.split("\n")
        sections: dict[str, tuple[str, list[str]]] = {}
        at = 0
        for name, kind, count in header["indexes"]:
            sections[str(name)] = (str(kind), lines[at: at + int(count)])
            at += int(count)
        return str(header["digest"]), sections
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return "", {}


def write_indexes(path: Path, vocabulary: Iterable[str], vocabulary_digest: str,
                  names: Mapping[str, Mapping[str, Iterable[str]]],
                  words: Mapping[str, Mapping[str, Iterable[str]]]) -> None:
    """Write name indexes (key -> CosIng names) and word indexes (key -> words)."""
    rows = list(vocabulary)
    header: dict[str, object] = {"digest": indexes_digest(vocabulary_digest)}
    listed: list[list[object]] = []
    lines: list[str] = []
    for name, index in names.items():
        keys_of: dict[str, list[str]] = {}
        for key, owners in index.items():
            for owner in owners:
                keys_of.setdefault(owner, []).append(key)
        listed.append([name, "names", len(rows)])
        lines += [_US.join(sorted(keys_of.get(row, ()))) for row in rows]
    for name, index in words.items():
        entries = [f"{k}\t{_US.join(sorted(v))}" for k, v in sorted(index.items()) if "\t" not in k]
        listed.append([name, "words", len(entries)])
        lines += entries
    header["indexes"] = listed
    text = json.dumps(header) + "\n" + "\n".join(lines) + "\n"
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
