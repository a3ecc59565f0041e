"""Sourced flags (data/flags.yaml): fragrance allergens and Malassezia, reported not scored."""

from __future__ import annotations

import csv
import itertools

import pandas as pd
import pytest
import yaml

import ingredients
from ingredients._database import _data_dir
from ingredients._flags import FLAG_KINDS, parse_flag_refs

DOC = yaml.safe_load(_data_dir().joinpath("flags.yaml").read_text(encoding="utf-8"))


def test_every_item_names_a_cosing_name_a_source_and_a_locator():
    db = ingredients.default_database()
    for kind in FLAG_KINDS:
        assert DOC[kind], kind
        for item in DOC[kind]:
            assert item["inci"] in db.vocabulary
            assert item["source"] in db.sources, item
            assert db.sources[item["source"]].kind in ("regulation", "paper", "review"), item
            assert item["locator"].strip()


def test_the_old_26_and_the_2023_additions_are_both_there():
    sources = [i["source"] for i in DOC["allergen"]]
    assert sources.count("eu-1223-2009") == 26
    assert sources.count("eu-2023-1545") >= 70
    entries = {int(i["locator"].rsplit(" ", 1)[1]) for i in DOC["allergen"]
               if i["source"] == "eu-2023-1545"}
    assert entries == set(range(327, 372))  # every entry the Regulation adds, none other


@pytest.mark.parametrize(("text", "kind", "name"), [
    ("Aqua, Glycerin, Parfum, Linalool", "allergen", "Linalool"),
    ("Aqua, Glycerin, Parfum, Evernia Prunastri Extract", "allergen", "Evernia Prunastri Extract"),
    ("Aqua, Glycerin, Eucalyptus Globulus Leaf Oil", "allergen", "Eucalyptus Globulus Leaf Oil"),
    ("Aqua, Glycerin, Polysorbate 80, Xanthan Gum", "malassezia", "Polysorbate 80"),
    ("Aqua, Glycerin, Lauric Acid", "malassezia", "Lauric Acid"),
])
def test_reports_carry_the_flag_with_its_reason(text, kind, name):
    report = ingredients.analyze(text)
    flags = [f for f in report.flags if f.kind == kind]
    assert [f.ingredient for f in flags] == [name]
    if kind == "allergen":
        assert "0.001%" in flags[0].message and "0.01%" in flags[0].message
        assert "leave-on" in flags[0].message and "rinse-off" in flags[0].message
    else:
        assert "laboratory culture" in flags[0].message
    assert name in report.summary


def test_flags_do_not_change_the_score():
    with_flags = ingredients.analyze("Aqua, Glycerin, Linalool, Limonene")
    assert with_flags.flags and with_flags.score == ingredients.analyze("Aqua, Glycerin").score


@pytest.mark.parametrize("name", ["Caprylic Acid", "Capric Acid", "Undecylenic Acid"])
def test_fatty_acids_shorter_than_c12_are_not_flagged(name):
    """The growth study tested C12 to C24: shorter chains are not said to feed it."""
    assert not [f for f in ingredients.analyze(f"Aqua, {name}").flags if f.kind == "malassezia"]


def test_batch_flags_column_carries_them():
    df = pd.DataFrame({"ingredients": ["Aqua, Linalool, Polysorbate 20", "Aqua, Glycerin"]})
    out = ingredients.score_frame(df)
    assert "allergen: Linalool" in out["flags"][0] and "malassezia: Polysorbate 20" in out["flags"][0]
    assert not len(out["flags"][1])


@pytest.mark.parametrize(("doc", "where"), [
    ({"kinds": DOC["kinds"], "allergen": [{"inci": "LINALOOL", "source": "nope", "locator": "x"}],
      "malassezia": []}, "allergen[0].source"),
    ({"kinds": DOC["kinds"], "allergen": [{"inci": "NOT A NAME", "source": "eu-1223-2009",
                                           "locator": "x"}], "malassezia": []}, "allergen[0].inci"),
    ({"kinds": DOC["kinds"], "allergen": [], "malassezia": [
        {"inci": "LAURIC ACID", "source": "eu-1223-2009", "locator": "abstract"}]},
     "malassezia[0].why"),
    ({"kinds": DOC["kinds"], "allergen": [{"inci": "LINALOOL", "source": "eu-1223-2009"}],
      "malassezia": []}, "allergen[0].locator"),
])
def test_bad_items_are_named(doc, where):
    db = ingredients.default_database()
    problems: list[str] = []
    parse_flag_refs(doc, lambda w, m: problems.append(f"{w}: {m}"), db.sources, db.vocabulary)
    assert any(p.startswith(where) for p in problems), problems


def test_real_labels_get_allergen_flags(shared_data):
    """Many real perfumed products name fragrance allergens: the flag must find some."""
    path = shared_data / "products" / "sephora_2023_skincare.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [r["ingredients"] for r in itertools.islice(csv.DictReader(fh), 200)
                if r["ingredients"]]
    def kinds(text: str) -> set[str]:
        try:
            return {f.kind for f in ingredients.analyze(text).flags}
        except ingredients.InputError:  # (a row that holds no list)
            return set()

    flagged = [t for t in rows if "allergen" in kinds(t)]
    named = [t for t in rows if "linalool" in t.lower() or "limonene" in t.lower()]
    assert named and len(flagged) >= len(named) * 0.9


def test_explain_shows_the_flag_with_source_and_locator():
    from ingredients._format import explain_dict, render_explain

    data = explain_dict("Polysorbate 80")
    assert data["flags"][0]["kind"] == "malassezia"
    assert data["flags"][0]["source"] == "gaitanis-2012" and data["flags"][0]["locator"] == "Table 1"
    assert "gaitanis-2012" in data["sources"] and data["source_urls"]["gaitanis-2012"]
    assert "Flag (malassezia; gaitanis-2012, Table 1)" in render_explain("Polysorbate 80")
