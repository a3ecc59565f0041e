"""The visual catalogue report: streamed totals, one offline HTML file, real Chromium."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from milia_cli.main import main

pytest.importorskip("matplotlib", reason="the report needs matplotlib (the report extra)")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("MILIA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
XSS_NAME = "<script>alert('name')</script>Eye Balm"
XSS_CATEGORY = '"><img src=x onerror=alert(1)>Eye cream'


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sephora_report(shared_data, tmp_path_factory):
    """Sephora 2019 scanned with the category, claims and --report in one go."""
    tmp = tmp_path_factory.mktemp("report")
    scored, page = tmp / "scored.csv", tmp / "report.html"
    r = _invoke("scan", str(shared_data / "products" / "sephora_2019_cosmetics.csv"),
                "-o", str(scored), "--encoding", "cp1252", "--product-type-column", "Label",
                "--claims-column", "Name", "--report", str(page), "-q")
    assert r.exit_code == 0, r.output
    return scored, page


def test_report_of_a_real_catalogue(sephora_report):
    scored, page = sephora_report
    text = page.read_text(encoding="utf-8")
    with scored.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    # every total comes from the scored rows
    assert f"{len(rows):,} products" in text
    high = sum(row["band"] == "high" for row in rows)
    assert f"<b>{high:,}</b><span>high band</span>" in text
    eye_scores = sorted((float(r["score"]) for r in rows
                         if r["Label"] == "Eye cream" and not r["error"]), reverse=True)
    eye = text.split("<h3>Eye products</h3>")[1].split("</table>")[0]
    assert f">{eye_scores[0]:.1f}" in eye  # the riskiest eye cream heads the eye table
    assert text.index("<h3>Eye products</h3>") < text.index("<h3>Face products</h3>")
    assert text.count("<svg") >= 5  # bands, distributions, drivers, claims, to-do
    assert "Regulation (EU) No 655/2013" in text
    # self-contained: nothing to fetch, a policy that forbids fetching
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "default-src 'none'" in text
    # the same report from the file, whatever its format
    again = scored.with_name("again.html")
    r = _invoke("report", str(scored), "-o", str(again))
    assert r.exit_code == 0, r.output
    main_part = again.read_text(encoding="utf-8").split("<main>")[1]
    assert main_part == text.split("<main>")[1]


def test_report_reads_jsonl_and_parquet(sephora_report, tmp_path):
    pytest.importorskip("pyarrow")
    import pandas as pd

    scored, _page = sephora_report
    frame = pd.read_csv(scored, dtype=str, keep_default_na=False)
    frame["score"] = pd.to_numeric(frame["score"])
    jl, pq = tmp_path / "s.jsonl", tmp_path / "s.parquet"
    with jl.open("w", encoding="utf-8") as fh:
        for rec in frame.head(300).to_dict(orient="records"):
            fh.write(json.dumps(rec) + "\n")
    frame.to_parquet(pq)
    for path in (jl, pq):
        out = path.with_suffix(".html")
        r = _invoke("report", str(path), "-o", str(out), "--category-column", "Label")
        assert r.exit_code == 0, r.output
        assert "Bands per category" in out.read_text(encoding="utf-8")


def test_report_bad_input(tmp_path):
    raw = tmp_path / "raw.csv"
    raw.write_text("ingredients,name\n\"Aqua, Glycerin\",Gel\n", encoding="utf-8")
    r = _invoke("report", str(raw))
    assert r.exit_code == 2 and "not a scored catalogue" in r.output
    assert "columns: ingredients, name" in r.output
    scored = tmp_path / "scored.csv"
    r = _invoke("scan", str(raw), "-o", str(scored), "-q")
    r = _invoke("report", str(scored), "--category-column", "Kind")
    assert r.exit_code == 2 and "no column 'Kind' for --category-column" in r.output
    r = _invoke("report", str(scored), "-o", str(scored))
    assert r.exit_code == 2 and "is the input" in r.output
    # The report is an output like a scan's: never a device, never a missing folder,
    # refused before the catalogue is scanned.
    link = tmp_path / "null-link"
    link.symlink_to("/dev/null")
    r = _invoke("report", str(scored), "-o", str(link))
    assert r.exit_code == 2 and "is a device" in r.output
    assert Path("/dev/null").is_char_device()
    r = _invoke("scan", str(raw), "-o", str(tmp_path / "again.csv"), "-q",
                "--report", str(tmp_path / "missing" / "r.html"))
    assert r.exit_code == 2 and "does not exist" in r.output
    assert not (tmp_path / "again.csv").exists()


def _hostile_catalogue(tmp_path: Path) -> Path:
    src = tmp_path / "hostile.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ingredients", "product_name", "category"])
        for k in range(30):
            w.writerow(["Aqua, Petrolatum, Isopropyl Myristate, Parfum, Zorblaxine",
                        f"{XSS_NAME} {k} oil-free, fragrance-free", XSS_CATEGORY])
            w.writerow(["Aqua, Glycerin, Niacinamide", "Gel $x$ & <b>bold</b>", "Lip $care$"])
    return src


def test_catalogue_strings_are_text_not_markup(tmp_path):
    src = _hostile_catalogue(tmp_path)
    page = tmp_path / "r.html"
    r = _invoke("scan", str(src), "-o", str(tmp_path / "s.csv"), "--product-type-column",
                "category", "--claims-column", "product_name", "--report", str(page), "-q")
    assert r.exit_code == 0, r.output
    text = page.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<img src=x" not in text and "<b>bold" not in text
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in text
    assert text.count("<script>") == 1  # the page's own table sorter


def test_report_in_headless_chromium(sephora_report, tmp_path):
    """Opened in Debian's Chromium: charts drawn, no dialog, no request, tables sort."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    _scored, page_file = sephora_report
    hostile = tmp_path / "hostile.html"
    src = _hostile_catalogue(tmp_path)
    _invoke("scan", str(src), "-o", str(tmp_path / "s.csv"), "--product-type-column",
            "category", "--claims-column", "product_name", "--report", str(hostile), "-q")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            dialogs: list[str] = []
            requests: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda req: requests.append(req.url))
            page.goto(page_file.as_uri())
            assert page.locator("section svg").count() >= 5
            box = page.locator("#bands svg").bounding_box()
            assert box is not None and box["width"] > 500 and box["height"] > 150
            # sorting: a click on "score" in the eye table sorts up, a second one down
            table = page.locator("#riskiest table").first
            header = table.locator("th", has_text="score")
            for reverse in (False, True):
                header.click()
                cells = table.locator("tbody tr td:nth-child(5)").all_inner_texts()
                values = [float(c.split()[0]) for c in cells]
                assert len(values) > 5 and values == sorted(values, reverse=reverse)
            page.screenshot(path=str(ARTIFACTS / "catalogue_report.png"), full_page=True)
            page.goto(hostile.as_uri())
            assert page.get_by_text("<script>alert('name')</script>Eye Balm 0").count() >= 1
            page.screenshot(path=str(ARTIFACTS / "catalogue_report_hostile.png"), full_page=True)
            assert dialogs == []
            assert [u for u in requests if not u.startswith("file:")] == []
        finally:
            browser.close()
