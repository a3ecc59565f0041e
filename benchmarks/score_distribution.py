"""Score distribution over the Sephora 2019 corpus, by product type (its `Label` column).

Does it look sensible: moisturisers, eye creams and face oils above cleansers?
Cleansers are scored as rinse-off (their category says so), everything else as
leave-on; eye creams also with area="eye". The low/moderate/high shares are the band
of what was read; "unc." is the share whose band is uncertain because of what was
not read.

    python benchmarks/score_distribution.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

import ingredients

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "products"
CORPUS = SHARED / "sephora_2019_cosmetics.csv"


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (the shared data lives in ../shared/data)")
        return 0
    df = pd.read_csv(CORPUS, encoding="cp1252", dtype=str, keep_default_na=False)
    df["area"] = ["eye" if "eye" in label.lower() else "face" for label in df["Label"]]
    start = time.perf_counter()
    scored = ingredients.score_frame(df, "Ingredients", product_type="Label", area="area")
    elapsed = time.perf_counter() - start
    df = df.join(scored)
    ok = df[df["error"] == ""]
    print(f"{len(df)} products, {len(ok)} scored, {len(df) - len(ok)} errors "
          f"({elapsed:.1f} s, {len(df) / elapsed:,.0f} products/s)")
    print(f"\n{'Label':<14}{'n':>5}{'median':>8}{'p25':>6}{'p75':>6}{'mean':>6}"
          f"{'low':>6}{'mod':>6}{'high':>6}{'unc.':>6}{'cover':>7}")
    rows = []
    for label, g in ok.groupby("Label"):
        # The band of what was read (band_low); "unc." is the share whose band could be
        # higher because of what was not read (band "uncertain").
        bands = g["band_low"].value_counts(normalize=True)
        bands["uncertain"] = (g["band"] == "uncertain").mean()
        rows.append((g["score"].median(), label, g))
        print(f"{label:<14}{len(g):>5}{g['score'].median():>8.1f}{g['score'].quantile(.25):>6.1f}"
              f"{g['score'].quantile(.75):>6.1f}{g['score'].mean():>6.1f}"
              f"{bands.get('low', 0):>6.0%}{bands.get('moderate', 0):>6.0%}"
              f"{bands.get('high', 0):>6.0%}{bands.get('uncertain', 0):>6.0%}"
              f"{g['coverage'].median():>7.0%}")
    print("\nmedian coverage (share of estimated dose the database knows): "
          f"{ok['coverage'].median():.0%}; median confidence {ok['confidence'].median():.2f}")
    unc = ok[ok["band"] == "uncertain"]
    print(f"\nuncertain (what was not read could change the band): {len(unc)} of {len(ok)} "
          f"({len(unc) / max(1, len(ok)):.1%}); by band range: "
          + ", ".join(f"{lo}-{hi} {n}" for (lo, hi), n in
                      unc.groupby(["band_low", "band_high"]).size().items()))
    print("\nmost frequent top contributors:")
    top = ok["top_contributors"][ok["top_contributors"] != ""].str.split("; ").explode()
    top = top.value_counts().head(12)
    for name, n in top.items():
        print(f"  {n:5d}  {name}")
    print("\nmost frequent unrecognised names:")
    unk = ok["unknown"][ok["unknown"] != ""].str.split("; ").explode().value_counts().head(12)
    for name, n in unk.items():
        print(f"  {n:5d}  {name[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
