"""Write data/curated.json: the curated YAML files as JSON, for a fast cold load.

The loader uses the JSON copy only while its digest matches the YAML files, so a
stale copy costs speed, never correctness; `make test` checks it is fresh.

    python scripts/compile_data.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ingredients._database import COMPILED, _read_yaml, shipped_texts, yaml_digest  # noqa: E402
from ingredients._normalize import NORMALIZER_VERSION, normalize  # noqa: E402


def _names(docs: dict[str, object]) -> set[str]:
    """Every name the loader normalises: entry names, their synonyms, curated synonyms."""
    out: set[str] = set()
    for name, doc in docs.items():
        if not isinstance(doc, dict):
            continue
        for entry in doc.get("entries") or []:
            if isinstance(entry, dict):
                out.update(n for n in [entry.get("inci"), *(entry.get("names") or []),
                                       *(entry.get("synonyms") or [])] if isinstance(n, str))
        if name == "synonyms.yaml":
            out.update(s["name"] for s in doc.get("synonyms") or [] if isinstance(s, dict)
                       and isinstance(s.get("name"), str))
    return {" ".join(n.split()) for n in out}


def main() -> int:
    texts = shipped_texts(ROOT / "data")
    docs = {name: _read_yaml(text, name) for name, text in texts.items()}
    out = ROOT / "data" / COMPILED
    keys = {n: normalize(n) for n in sorted(_names(docs))}
    out.write_text(json.dumps({"digest": yaml_digest(texts), "normalizer": NORMALIZER_VERSION,
                               "keys": keys, "docs": docs},
                              ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)} from {len(texts)} YAML files "
          f"({out.stat().st_size / 1024:.0f} KiB)")
    _compile_languages()
    _compile_indexes()
    _compile_inci_words()
    return 0


def _compile_inci_words() -> None:
    """data/languages/inci_words.txt: every word of the CosIng names, for language detection."""
    from ingredients import _languages
    from ingredients._database import default_database

    vocabulary = default_database().vocabulary
    out = ROOT / "data" / "languages" / _languages.INCI_WORDS
    words = sorted(_languages.inci_words_of(vocabulary))
    out.write_text(str(getattr(vocabulary, "digest", "")) + "\n" + " ".join(words) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)} ({len(words):,} words, {out.stat().st_size / 1024:.0f} KiB)")


def _compile_languages() -> None:
    """data/languages/compiled.json: the language packs as JSON (see ingredients._languages)."""
    from ingredients import _languages

    folder = ROOT / "data" / "languages"
    texts = _languages.pack_texts(folder)
    docs = {name: _read_yaml(text, f"languages/{name}") for name, text in texts.items()}
    out = folder / _languages.COMPILED
    out.write_text(json.dumps({"digest": _languages.digest(texts), "docs": docs},
                              ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)} from {len(texts)} YAML files "
          f"({out.stat().st_size / 1024:.0f} KiB)")


def _compile_indexes() -> None:
    """data/languages/indexes.txt.gz: the name keys of the translation and transliteration rules."""
    from ingredients._database import default_database
    from ingredients._match import kana_word_index
    from ingredients._name_indexes import INDEXES, write_indexes
    from ingredients._translate import Translator
    from ingredients._transliterate import transliteration

    db = default_database()
    vocabulary = db.vocabulary
    names: dict[str, object] = {"translation": Translator(vocabulary, lambda n: ()).index()}
    for language in ("ko", "ja"):
        reader = transliteration(language)
        if reader is not None:
            names[language] = reader.index(vocabulary)
    out = ROOT / "data" / "languages" / INDEXES
    write_indexes(out, vocabulary, str(getattr(vocabulary, "digest", "")), names,  # type: ignore[arg-type]
                  {"ja-words": kana_word_index(vocabulary)})
    print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    raise SystemExit(main())
