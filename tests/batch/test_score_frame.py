"""Batch scoring: one row out per row in, in order, with errors in their own rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import ingredients
from ingredients._batch import RESULT_COLUMNS, cell_problem, score_frame

CREAM = "Aqua, Paraffinum Liquidum, Petrolatum, Lanolin Alcohol, Glycerin, Phenoxyethanol"
GEL = "Aqua, Glycerin, Salicylic Acid 2%, Xanthan Gum, Phenoxyethanol"


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        pytest.param(None, "empty cell", id="none"),
        pytest.param(float("nan"), "empty cell", id="nan"),
        pytest.param("   ", "empty cell", id="blank"),
        pytest.param(42, "not text", id="number"),
        pytest.param("Aqua\x00Glycerin", "NUL", id="nul"),
        pytest.param("Aqua, " * 200_000, "limit", id="one-megabyte"),
        pytest.param("Aqua, Gly\udcffcerin", "not valid text", id="bad-utf8"),
        pytest.param("Aqua, Glycerin", None, id="fine"),
    ],
)
def test_cell_problem(cell, problem):
    found = cell_problem(cell)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_one_row_per_row_same_index_and_order():
    df = pd.DataFrame({"ingredients": [CREAM, None, GEL, "#NAME?", "x\x00y", CREAM]},
                      index=[10, 3, 7, 1, 99, 5])
    out = score_frame(df)
    assert list(out.index) == [10, 3, 7, 1, 99, 5]
    assert list(out.columns) == list(RESULT_COLUMNS)
    assert out.loc[10, "score"] == out.loc[5, "score"]
    assert out.loc[10, "score"] > out.loc[7, "score"]
    assert out.loc[3, "error"] == "empty cell"
    assert out.loc[1, "error"] == "no ingredients found"
    assert "NUL" in out.loc[99, "error"]
    assert out.loc[10, "error"] == "" and out.loc[10, "band"] in {"low", "moderate", "high"}


def test_matches_analyze():
    df = pd.DataFrame({"ingredients": [CREAM, GEL]})
    out = score_frame(df)
    for text, score in zip(df["ingredients"], out["score"], strict=True):
        assert score == pytest.approx(round(ingredients.analyze(text).score, 1))


def test_product_type_from_a_category_column():
    df = pd.DataFrame({"ingredients": [CREAM, CREAM], "Label": ["Cleanser", "Moisturizer"]})
    out = score_frame(df, product_type="Label")
    assert out.loc[0, "score"] < out.loc[1, "score"]


def test_unknown_column_is_an_input_error():
    with pytest.raises(ingredients.InputError, match="no column 'inci'"):
        score_frame(pd.DataFrame({"ingredients": [CREAM]}), "inci")


def test_partition_function_is_pure():
    """Same rows, any partitioning, same answer (what map_partitions relies on)."""
    df = pd.DataFrame({"ingredients": [CREAM, GEL, None, CREAM] * 5})
    whole = score_frame(df)
    parts = pd.concat([score_frame(df.iloc[i:i + 3]) for i in range(0, len(df), 3)])
    pd.testing.assert_frame_equal(whole, parts)


def expected_row(text: str, product_type: str, area: str) -> dict[str, object]:
    """The result columns, taken from the full report of ``analyze``."""
    report = ingredients.analyze(text, product_type=product_type, area=area)
    return {
        "score": round(report.score, 1), "score_low": round(report.score_range[0], 1),
        "score_high": round(report.score_range[1], 1), "band": report.band,
        "band_low": report.band_range[0], "band_high": report.band_range[1],
        "unread_share": round(report.unread_share, 3),
        "confidence": round(report.confidence, 3), "coverage": round(report.coverage, 3),
        "top_contributors": "; ".join(f.name for f in report.top_contributors()),
        "n_ingredients": len(report.findings), "n_unknown": len(report.unknown),
        "unknown": "; ".join(report.unknown),
        "flags": "; ".join(f"{f.kind}: {f.ingredient}" for f in report.flags), "error": "",
    }


def real_texts(shared: Path, per_file: int) -> list[str]:
    """Every ``per_file``-th row of each shared product file, in any reading state."""
    import csv
    import sys

    csv.field_size_limit(sys.maxsize)
    out = []
    for path in sorted((shared / "products").glob("*.csv")):
        encoding = "cp1252" if "2019" in path.name else "utf-8"
        with path.open(encoding=encoding, errors="replace", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.lower() for h in next(reader)]
            col = next((i for i, h in enumerate(header) if "ingred" in h), None)
            if col is None:
                continue
            for k, row in enumerate(reader):
                if k % per_file == 0 and col < len(row) and row[col].strip():
                    out.append(row[col])
    return out


def test_batch_rows_equal_the_full_report_on_real_lists(shared_data):
    """The batch scorer skips the words, never the numbers: on real lists of every
    shape (plain lists, HTML, headers, footnotes, doses, alphabetical drug labels),
    in every context, each column is what ``analyze`` reports."""
    from ingredients._batch import RowScorer

    texts = real_texts(shared_data, per_file=5)
    assert len(texts) > 2000
    scorer = RowScorer(ingredients.default_database())  # a fresh one: nothing remembered
    checked = 0
    for k, text in enumerate(texts):
        product_type = ("leave-on", "rinse-off")[k % 2]
        area = ("face", "eye", "lips", "body")[k % 4]
        got = dict(zip(RESULT_COLUMNS, scorer.row(text, product_type, area), strict=True))
        try:
            want = expected_row(text, product_type, area)
        except ingredients.InputError:
            assert got["error"], text
            continue
        assert got == want, text
        checked += 1
    assert checked > 1800


@pytest.mark.parametrize(
    "text",
    [
        "Water, Glycerin, 1, 2-Hexanediol, Butylene Glycol",  # the locant is joined back
        "Water, Polysorbate 60, 2-Hexanediol, Glycerin",  # "60, " is no locant of it
        "Water, Ceramide 3, 4-Terpineol, Glycerin",  # "3, " is a locant: joined
        "Aqua, Zinc Oxide 18.2%, Isopropyl Myristate 5%, Cera Alba, Glycerin",  # stated doses
        "Aqua, Petrolatum. May contain: CI 77491, Mica",  # may-contain (full parser)
        "Avobenzone, Butylene Glycol, Cetyl Alcohol, Dimethicone, Glycerin, Isopropyl "
        "Palmitate, Lanolin, Mineral Oil, Petrolatum, Water",  # alphabetical
        "Water, " + ", ".join(f"Extract {k}" for k in range(200)),  # longer than a block row
        "Aqua, Cetearyl Alcohol (and) Ceteareth-20, Isopropyl Myristate",  # a blend (full parser)
        "Aqua, Petrolatum (ET) Lanolin, Glycerin",  # a blend in another language
        "Aqua, Butyrospermum Parkii (Shea)\nButter, Cetearyl\nAlcohol, Glycerin",  # wrapped names
        "Aqua, Pentylene Glycol Glyceryl Stearate, Petrolatum",  # glued names (full parser)
        "Aqua, GlycerinSodium Hydroxide, Iron Oxides CI 77491",  # camel-case glue; one colourant
    ],
)
def test_batch_rows_equal_the_full_report_on_edge_cases(text):
    from ingredients._batch import RowScorer

    rows = RowScorer(ingredients.default_database()).rows([text, CREAM, text], ["leave-on"] * 3,
                                                         ["eye"] * 3)
    assert dict(zip(RESULT_COLUMNS, rows[0], strict=True)) == expected_row(text, "leave-on", "eye")
    assert rows[2] == rows[0]


def test_a_scorer_that_absorbs_what_others_learned_gives_the_same_rows():
    """What worker processes learned can be pooled (``milia scan``'s warm-up round):
    a scorer that took it in learns nothing more for the same lists, and its rows
    are those of a fresh scorer."""
    from ingredients._batch import RowScorer

    db = ingredients.default_database()
    first = [CREAM, GEL, "Aqua, Glycerin, 1, 2-Hexanediol, Petrolatum, Mica, Parfum"]
    second = ["Water, Isopropyl Myristate, Ascobyl Palmitate, Mystery Extract X",
              "Ingredients: Aqua, Cera Alba, Zinc Oxide 18.2%", GEL]
    contexts = (["leave-on", "rinse-off", "leave-on"], ["face", "face", "eye"])
    one, two, pooled = RowScorer(db), RowScorer(db), RowScorer(db)
    one.rows(first, *contexts)
    two.rows(second, *contexts)
    pooled.absorb(one.learned())
    pooled.absorb(two.learned())
    pooled.absorb(two.learned())  # taking the same twice changes nothing
    known = {key: len(facts) for key, (_parts, _ids, facts) in pooled.learned().items()}
    texts = first + second
    kinds = (contexts[0] * 2, contexts[1] * 2)
    assert pooled.rows(texts, *kinds) == RowScorer(db).rows(texts, *kinds)
    assert {key: len(facts) for key, (_parts, _ids, facts) in pooled.learned().items()} == known


def test_parts_shared_out_and_learned_apart_give_the_same_rows():
    """``milia scan``'s warm-up round: the distinct parts of the first chunks' plain
    lists, by context, dealt out among workers (each spelling of a name to one of
    them), learned apart and pooled, give the rows of a fresh scorer; every part of
    those lists is then known, so scoring them learns nothing more."""
    from ingredients._batch import RowScorer, distinct_parts, share_parts

    db = ingredients.default_database()
    texts = [CREAM, GEL, "Aqua, Glycerin, 1, 2-Hexanediol, Petrolatum, Mica, Parfum",
             "Water, Isopropyl Myristate, Ascobyl Palmitate, Mystery Extract X, water,  WATER",
             "Ingredients: Aqua, Cera Alba, Zinc Oxide 18.2%", "", "\x00", GEL]
    types = ["leave-on", "rinse-off", "leave-on", "leave-on", "leave-on", "leave-on", "leave-on",
             "not-a-type"]
    areas = ["face", "face", "eye", "face", "face", "face", "face", "face"]
    parts = distinct_parts(texts, types, areas)
    assert set(parts) == {("leave-on", "face"), ("rinse-off", "face"), ("leave-on", "eye")}
    assert parts[("leave-on", "face")][:6] == CREAM.split(",")  # (in the order met)
    assert all(len(v) == len(set(v)) for v in parts.values())
    assert distinct_parts(texts[3:], "leave-on", "face", into=distinct_parts(texts[:3], types, areas)) \
        == distinct_parts(texts[:3] + texts[3:], types[:3] + ["leave-on"] * 5, areas[:3] + ["face"] * 5)
    shares = share_parts(parts, 2)
    dealt = [p for share in shares for v in share.values() for p in v]
    assert sorted(dealt) == sorted(p for v in parts.values() for p in v)  # each part once
    owner = {}
    for k, share in enumerate(shares):
        for v in share.values():
            for p in v:
                assert owner.setdefault(" ".join(p.lower().split()), k) == k  # (water, WATER)
    pooled = RowScorer(db)
    for share in shares:
        pooled.absorb(RowScorer(db).learn_parts(share))
    known = {key: len(ctx_parts) for key, (ctx_parts, _ids, _facts) in pooled.learned().items()}
    assert pooled.rows(texts[:7], types[:7], areas[:7]) == RowScorer(db).rows(texts[:7], types[:7], areas[:7])
    assert {key: len(ctx_parts) for key, (ctx_parts, _i, _f) in pooled.learned().items()} == known


def _collector_texts(shared: Path | None) -> list[str]:
    """Texts down every path of the batch scorer: plain lists, the full parser, fuzzy
    matches, error rows, a list longer than a block row, and real lists of every shape."""
    texts = [CREAM, GEL, "", "\x00\x01", "Ingredients: Aqua, Cera Alba, Zinc Oxide 18.2%",
             "Aqua, Petrolatum. May contain: CI 77491, Mica", "Watr, Glycrin, Mystery Extract X",
             "<p>Aqua, <b>Glycerin</b></p>", "Water, Glycerin, 1, 2-Hexanediol, Butylene Glycol",
             "['Aqua\\\\Water', 'Glycerin']", "Water, " + ", ".join(f"Extract {k}" for k in range(200))]
    return texts + (real_texts(shared, per_file=25) if shared is not None else [])


def test_the_collector_is_paused_while_scoring_and_restored(shared_data_or_none):
    """The batch scorer pauses the cyclic garbage collector while it works (it would
    otherwise walk the scorer's memory every few hundred allocations), and switches
    it on again after when it was on."""
    import gc
    import sys

    from ingredients._batch import RowScorer

    db = ingredients.default_database()
    texts = _collector_texts(shared_data_or_none)
    kinds, areas = ["leave-on"] * len(texts), ["face"] * len(texts)
    collections_while_scoring = []

    def during(phase: str, info: dict[str, int]) -> None:
        frame = sys._getframe()
        while frame is not None:
            if frame.f_code.co_name == "_rows":
                collections_while_scoring.append(info)
            frame = frame.f_back

    was_on = gc.isenabled()
    try:
        gc.enable()
        gc.callbacks.append(during)
        RowScorer(db).rows(texts, kinds, areas)
        gc.callbacks.remove(during)
        assert gc.isenabled()  # switched on again after
        assert not collections_while_scoring
        gc.disable()
        RowScorer(db).rows(texts[:3], kinds[:3], areas[:3])
        assert not gc.isenabled()  # a paused collector stays paused
    finally:
        if during in gc.callbacks:
            gc.callbacks.remove(during)
        if was_on:
            gc.enable()


_FIND_CYCLES = """
import gc, json, sys, types

import ingredients
from ingredients._batch import RowScorer
from ingredients._match import matcher_for

def literal_eval_closure(obj):
    if isinstance(obj, types.FunctionType):
        return obj.__qualname__.startswith("literal_eval.")
    if isinstance(obj, types.CellType):
        return literal_eval_closure(obj.cell_contents)
    return isinstance(obj, tuple) and all(isinstance(c, types.CellType) for c in obj)

from ingredients._normalize import normalize
from ingredients._parse import _clear_caches

texts = json.load(sys.stdin)
kinds = (["leave-on", "rinse-off"] * len(texts))[:len(texts)]
db = ingredients.default_database()
RowScorer(db).rows(texts, kinds, ["face"] * len(texts))  # every module imported once
_clear_caches()  # then every memo emptied, so that the run below reads all afresh
normalize.cache_clear()
matcher_for(db)._cache.clear()
gc.collect()
gc.disable()
RowScorer(db).rows(texts, kinds, ["face"] * len(texts))
gc.set_debug(gc.DEBUG_SAVEALL)  # keep what the collector finds, to look at
found = gc.collect()
print(json.dumps([found, [repr(o)[:200] for o in gc.garbage if not literal_eval_closure(o)]]))
"""


def test_scoring_leaves_no_reference_cycles(shared_data_or_none):
    """Pausing the collector is only safe while scoring leaves (almost) nothing for it:
    on every path, nothing but ``ast.literal_eval``'s own closures (which refer to
    each other; a text written as a list literal is checked with it). Run in a fresh
    process: threads of other tests (Dask's event loop) make garbage of their own."""
    import json
    import subprocess
    import sys

    texts = _collector_texts(shared_data_or_none)
    done = subprocess.run([sys.executable, "-c", _FIND_CYCLES], input=json.dumps(texts),
                          capture_output=True, text=True, check=True)
    found, left = json.loads(done.stdout)
    assert found > 0  # the list literal's closures: the check sees cycles when there are some
    assert not left, left[:5]
