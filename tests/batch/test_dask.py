"""score_dask on a real dask.distributed LocalCluster with two worker processes."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd
import pytest

import ingredients

dd = pytest.importorskip("dask.dataframe", reason="needs the [dask] extra")
distributed = pytest.importorskip("distributed", reason="needs the [dask] extra")

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "products"


SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "openbeautyfacts_sample.csv"


def _real_rows(n: int) -> pd.DataFrame:
    """Real retailer rows when ../shared/data is there, else the shipped Open Beauty
    Facts sample repeated (real lists too, fewer distinct ones)."""
    csv.field_size_limit(sys.maxsize)
    path = SHARED / "sociolla_skincare.csv"
    if path.exists():
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        return df.head(n)[["name", "ingredients", "category"]]
    df = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    df = df.rename(columns={"product_name": "name", "ingredients_text": "ingredients",
                            "categories": "category"})[["name", "ingredients", "category"]]
    return pd.concat([df] * (n // len(df) + 1), ignore_index=True).head(n)


@pytest.mark.slow
def test_local_cluster_matches_score_frame():
    df = _real_rows(2500)
    expected = ingredients.score_frame(df, "ingredients", product_type="category")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        ddf = dd.from_pandas(df, npartitions=8)
        got = ingredients.score_dask(ddf, "ingredients", product_type="category").compute()
    pd.testing.assert_frame_equal(got.sort_index(), expected.sort_index())
    assert len(got) == len(df)


def test_meta_matches_real_output():
    ddf = dd.from_pandas(pd.DataFrame({"ingredients": ["Aqua, Petrolatum", None]}), npartitions=1)
    lazy = ingredients.score_dask(ddf)
    real = lazy.compute(scheduler="sync")
    assert list(lazy.dtypes) == list(real.dtypes)
