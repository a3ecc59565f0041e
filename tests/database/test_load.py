"""The shipped database: size, lazy loading, stored keys, coverage promises."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest

import ingredients
from ingredients._database import (
    VOCABULARY_FILE,
    shared_keys,
    vocabulary_columns,
    vocabulary_document,
)
from ingredients._normalize import NORMALIZER_VERSION, normalize


@pytest.fixture(scope="module")
def db():
    return ingredients.default_database()


def _shipped_vocabulary():
    raw = resources.files("ingredients.data").joinpath(VOCABULARY_FILE).read_bytes()
    return vocabulary_document(raw)


def test_vocabulary_size(db):
    assert len(db.vocabulary) >= 28_000
    assert len(db.synonyms) >= 2_000


def test_stored_keys_match_the_normaliser():
    doc = _shipped_vocabulary()
    assert doc["normalizer"] == NORMALIZER_VERSION, "run scripts/build_vocabulary.py --rekey"
    columns = vocabulary_columns(doc)
    wrong = [n for n, k in zip(columns["names"], columns["keys"], strict=True) if normalize(n) != k]
    wrong += [s[0] for s, k in zip(doc["synonyms"], doc["synonym_keys"], strict=True)
              if normalize(s[0]) != k]
    assert wrong == [], f"{len(wrong)} stale keys; run scripts/build_vocabulary.py --rekey"
    assert doc["shared_keys"] == shared_keys(columns["keys"], columns["names"]), (
        "stale shared keys; run scripts/build_vocabulary.py --rekey")


def test_import_reads_nothing():
    code = ("import ingredients, ingredients._database as d, sys; "
            "assert d._default is None; assert 'pandas' not in sys.modules; "
            "assert 'click' not in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_default_database_is_cached(db):
    assert ingredients.default_database() is db


def test_version_and_hash(db):
    assert db.version
    assert len(db.content_hash) == 64


@pytest.mark.parametrize(
    "name",
    ["PARAFFINUM LIQUIDUM", "MINERAL OIL", "PETROLATUM", "PARAFFIN", "CERA MICROCRISTALLINA",
     "OZOKERITE", "CERESIN", "LANOLIN", "LANOLIN ALCOHOL", "BUTYROSPERMUM PARKII BUTTER"],
)
def test_occlusives_have_entries(db, name):
    entry = db.entry(name)
    assert entry is not None, name
    assert entry.occlusivity in ("moderate", "heavy")


def test_one_substance_two_names_share_an_entry(db):
    assert db.entry("MINERAL OIL") is db.entry("PARAFFINUM LIQUIDUM")


@pytest.mark.parametrize(
    ("name", "role"),
    [("SALICYLIC ACID", "protective"), ("RETINOL", "protective"), ("GLYCOLIC ACID", "protective"),
     ("HYDROCORTISONE", "flag"), ("CITRIC ACID", "neutral")],
)
def test_roles(db, name, role):
    entry = db.entry(name)
    assert entry is not None and entry.role == role


def test_retinyl_palmitate_is_rated_not_protective(db):
    entry = db.entry("RETINYL PALMITATE")
    assert entry is not None and entry.role != "protective" and entry.comedogenicity


@pytest.mark.parametrize(
    ("name", "lo", "hi"),
    [("LAURETH-7", 3, 5), ("PEG-20 LANOLIN", 0, 5)],
)
def test_families_extrapolate(db, name, lo, hi):
    entry = db.entry(name)
    assert entry is not None and entry.family is not None
    rng = entry.comedogenic_range
    assert rng is not None and lo <= rng[0] <= rng[1] <= hi


def test_every_rating_names_a_known_source(db):
    for entry in db.rated_entries():
        for rating in entry.comedogenicity:
            assert rating.source in db.sources, (entry.inci, rating.source)


def test_compiled_copy_is_fresh():
    from ingredients._database import COMPILED, _data_dir, shipped_texts, yaml_digest

    doc = json.loads(_data_dir().joinpath(COMPILED).read_bytes())
    assert doc["digest"] == yaml_digest(shipped_texts()), "run `make data` after editing data/*.yaml"
    assert doc["normalizer"] == NORMALIZER_VERSION
    assert all(normalize(name) == key for name, key in doc["keys"].items()), "run `make data`"


def test_stale_compiled_copy_is_ignored(tmp_path, monkeypatch):
    """The YAML wins over a stale compiled copy: correctness never depends on the cache."""
    import shutil

    from ingredients import _database

    data = tmp_path / "data"
    shutil.copytree(_database._data_dir(), data)
    entry_file = data / "risk" / "occlusives.yaml"
    entry_file.write_text(entry_file.read_text().replace("Petrolatum", "Petrolatum", 1) + "\n# edited\n")
    monkeypatch.setattr(_database, "_data_dir", lambda: data)
    fresh = _database._build_shipped()
    assert fresh.content_hash != ingredients.default_database().content_hash
    assert fresh.entry("PETROLATUM") is not None


def test_vocabulary_entries_keep_their_numbers_and_functions(db):
    """The column blocks give each name its own CAS and EC numbers and functions: a
    shifted line would give a name its neighbour's."""
    doc = _shipped_vocabulary()
    columns = vocabulary_columns(doc)
    assert {len(c) for c in columns.values()} == {len(db.vocabulary)}
    for i in range(0, len(columns["names"]), 997):
        entry = db.vocabulary[columns["names"][i]]
        assert entry.cas == tuple(columns["cas"][i].split())
        assert entry.functions == tuple(doc["functions"][int(f)]
                                        for f in columns["function_ids"][i].split())
    assert db.vocabulary["PETROLATUM"].cas == ("8009-03-8",)  # CosIng's number for it


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param(b'{"format": 4, "names": "A"}\nA\n', "unsupported format 4", id="old-format"),
        pytest.param(b"\x1f\x8b\x08\x00", "bad first line", id="gzip"),
        pytest.param(b"[1, 2]\n", "bad first line", id="not-an-object"),
        pytest.param(b'{"format": 5, "lengths": [1, 1, 0, 0, 0]}\n\xff\nA\n\n\n\n',
                     "column names is not UTF-8", id="not-utf8"),
        pytest.param(b'{"format": 5, "lengths": [1, 1, 0, 0, 0]}\nA\nB\n\n\n\nextra',
                     "do not add up", id="lengths-wrong"),
    ],
)
def test_a_vocabulary_of_another_format_is_refused(raw, message):
    from ingredients._database import DatabaseError, _load_vocabulary

    with pytest.raises(DatabaseError, match=message):
        _load_vocabulary(raw)


def test_vocabulary_text_round_trips():
    from ingredients._database import vocabulary_document, vocabulary_text

    raw = resources.files("ingredients.data").joinpath(VOCABULARY_FILE).read_bytes()
    assert vocabulary_text(vocabulary_document(raw)).encode("utf-8") == raw


def test_name_keys_answer_as_a_dict_of_names_would(db):
    """NameKeys holds row numbers, not tuples: it must answer exactly as the plain
    key -> names dict it replaced, shared keys included."""
    from ingredients._database import NameKeys

    columns = vocabulary_columns(_shipped_vocabulary())
    expected: dict[str, tuple[str, ...]] = {}
    for key, name in zip(columns["keys"], columns["names"], strict=True):
        expected[key] = (*expected.get(key, ()), name) if name not in expected.get(key, ()) else (
            expected[key])
    keys = NameKeys(columns["keys"], columns["names"])
    assert len(keys) == len(expected) and set(keys) == set(expected)
    assert all(keys[k] == v for k, v in expected.items())
    assert any(len(v) > 1 for v in expected.values()), "no shared key left to test"
    assert keys.get("NO SUCH KEY") is None and "NO SUCH KEY" not in keys
    with pytest.raises(KeyError):
        keys["NO SUCH KEY"]
    # Keys of risk entries CosIng does not list come after the CosIng ones.
    assert all(db.keys[k] == v for k, v in list(expected.items())[::500])


@pytest.mark.parametrize(
    ("extra", "key", "expected"),
    [
        pytest.param({"HYDROCORTISONE": ("HYDROCORTISONE",)}, "HYDROCORTISONE", ("HYDROCORTISONE",),
                     id="extra-key-found"),
        pytest.param({"A": ("SOMETHING ELSE",)}, "A", ("A",), id="cosing-key-wins"),
    ],
)
def test_name_keys_with_extra_keys(extra, key, expected):
    from ingredients._database import NameKeys

    keys = NameKeys(["A", "B"], ["A", "B"]).with_extra(extra)
    assert keys[key] == expected and key in keys
    assert len(keys) == len(set(keys)) == len({"A", "B", *extra})


def test_vocabulary_membership_is_by_exact_name(db):
    """The vocabulary answers through lookup keys: a spelling that shares PETROLATUM's
    key is not itself a CosIng name; each of two names that share a key is found."""
    assert "PETROLATUM" in db.vocabulary and "Petrolatum" not in db.vocabulary
    assert db.vocabulary["PETROLATUM"].inci == "PETROLATUM"
    with pytest.raises(KeyError):
        db.vocabulary["Petrolatum"]
    shared = [names for names in map(db.keys.get, db.keys) if names and len(names) > 1]
    assert shared, "no shared key left to test"
    for names in shared[:5]:
        for name in names:
            assert name in db.vocabulary and db.vocabulary[name].inci == name
    assert 12 not in db.vocabulary and len(db.vocabulary) == len(set(db.vocabulary))
