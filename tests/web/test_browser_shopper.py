"""The shopper's modes in a real headless Chromium: compare (1280 and 360 px), routine kept
in localStorage across a reload, ingredient pages from a report line, shared links, the
avoid-list, keyboard only, and markup in every field shown as text.

Same set-up as test_browser.py (Debian's Chromium through Playwright; skipped with the
reason when either is missing). Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

import ingredients

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install playwright)")
expect = sync_api.expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
A = "Aqua, Petrolatum, Butyrospermum Parkii Butter, Glycerin, Phenoxyethanol"
B = "Aqua, Glycerin, Squalane, Niacinamide, Phenoxyethanol, Linalool"


@pytest.fixture
def context_at(browser):
    """context_at(viewport) -> a fresh browser context (its own localStorage)."""
    contexts = []

    def make(viewport: dict[str, int]) -> Any:
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def _open(context: Any, url: str) -> Any:
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    return page


def _no_injection(page: Any) -> None:
    assert page.dialogs == []
    assert page.locator("img").count() == 0
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.getAttribute('src'))")
    assert scripts == ["/static/app.js"]
    assert page.locator("[onerror]").count() == 0


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _fill_compare(page: Any, texts: list[str], names: list[str] | None = None) -> None:
    page.click("nav.modes [data-mode=compare]")
    for k, text in enumerate(texts):
        if k >= 2:
            page.click("#compare-add")
        box = page.locator(".compare-box").nth(k)
        box.locator(".c-text").fill(text)
        if names and k < len(names):
            box.locator(".c-name").fill(names[k])
    page.click("#compare-go")
    page.wait_for_selector("#compare-result:not([hidden])")


@pytest.mark.parametrize(("viewport", "shot"), [(DESKTOP, "web_compare.png"),
                                                 (PHONE, "web_compare_360.png")])
def test_compare_side_by_side_and_stacked(context_at, live_server, viewport, shot):
    page = _open(context_at(viewport), live_server.url + "/")
    _fill_compare(page, [A, B, " ;; "], ["Old cream", "New cream"])
    expected = ingredients.compare([ingredients._compare.CompareItem(A, label="Old cream"),
                                    ingredients._compare.CompareItem(B, label="New cream"),
                                    " ;; "])
    cols = page.locator(".compare-col")
    expect(cols).to_have_count(3)
    assert page.locator(".compare-col.failed").count() == 1
    assert "no ingredients" in page.locator(".compare-col.failed").text_content()
    verdicts = page.eval_on_selector_all(".verdict", "els => els.map(e => e.textContent)")
    assert verdicts == [d.verdict for d in expected.differences]
    boxes = [cols.nth(k).bounding_box() for k in range(2)]
    if viewport is DESKTOP:
        assert boxes[0]["y"] == boxes[1]["y"] and boxes[1]["x"] > boxes[0]["x"]  # side by side
    else:
        assert boxes[1]["y"] > boxes[0]["y"]  # stacked
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "allergen" in " ".join(page.eval_on_selector_all(
        ".compare-col .flag", "els => els.map(e => e.className)"))
    _shot(page, shot)
    _no_injection(page)


def test_shared_link_reproduces_a_report(context_at, live_server):
    """The link built after an analysis, opened in a fresh browser, shows the same report."""
    page = _open(context_at(DESKTOP), live_server.url + "/")
    page.fill("#text", A)
    page.select_option("#area", "eye")
    page.click("button#analyse")
    page.wait_for_selector("#result:not([hidden])")
    link = page.input_value("#share-url")
    assert "#" in link and "Petrolatum" not in link.split("#")[0]
    page.click("#copy-link")
    expect(page.locator("#link-status")).not_to_be_empty()

    other = _open(context_at(PHONE), link)
    other.wait_for_selector("#result:not([hidden])")
    report = ingredients.analyze(A, area="eye")
    expect(other.locator("#score")).to_have_text(f"{report.to_dict()['score']:.1f}")
    assert other.input_value("#text") == A and other.input_value("#area") == "eye"


def test_shared_compare_link(context_at, live_server):
    page = _open(context_at(DESKTOP), live_server.url + "/")
    _fill_compare(page, [A, B])
    link = page.input_value("#compare-url")
    other = _open(context_at(DESKTOP), link)
    other.wait_for_selector("#compare-result:not([hidden])")
    assert other.locator(".verdict").first.text_content() == \
        ingredients.compare([A, B]).differences[0].verdict


def test_ingredient_page_from_a_report_line(context_at, live_server):
    page = _open(context_at(DESKTOP), live_server.url + "/")
    page.fill("#text", A)
    page.click("button#analyse")
    page.wait_for_selector("#result:not([hidden])")
    line = page.locator("#findings > li").nth(1)  # Petrolatum
    line.locator("summary").click()
    line.locator("a.ingredient-link").click()
    page.wait_for_selector("#ingredient-result:not([hidden])")
    expect(page.locator("#ingredient-heading")).to_have_text("PETROLATUM")
    explained = ingredients._format.explain_dict("PETROLATUM")
    rows = page.locator("#ingredient-ratings tr")
    expect(rows).to_have_count(len(explained["entry"]["comedogenicity"]))
    for source in explained["sources"]:
        assert source in page.text_content("#ingredient-sources")
    assert page.is_hidden("#mode-check")
    _shot(page, "web_ingredient.png")


def test_ingredient_search_is_typo_tolerant_and_shows_flags(context_at, live_server):
    page = _open(context_at(PHONE), live_server.url + "/#m=ingredient")
    page.fill("#ingredient-q", "linalol")
    page.keyboard.press("Enter")
    page.wait_for_selector("#ingredient-result:not([hidden])")
    expect(page.locator("#ingredient-heading")).to_have_text("LINALOOL")
    assert "fragrance allergen" in page.text_content("#ingredient-flags")
    assert "eu-1223-2009" in page.text_content("#ingredient-sources")
    links = page.eval_on_selector_all("#ingredient-sources a", "els => els.map(e => e.href)")
    assert "https://eur-lex.europa.eu/eli/reg/2009/1223/oj" in links
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, "web_ingredient_360.png")


def test_routine_saved_and_restored_after_reload(context_at, live_server):
    context = context_at(DESKTOP)
    page = _open(context, live_server.url + "/#m=routine")
    first = page.locator(".routine-item").first
    first.locator(".r-name").fill("Eye balm")
    first.locator(".r-text").fill(A)
    first.locator(".r-area-face").uncheck()
    first.locator(".r-area-eye").check()
    first.locator(".r-freq").select_option("twice daily")
    page.click("#routine-add")
    second = page.locator(".routine-item").nth(1)
    second.locator(".r-name").fill("Serum")
    second.locator(".r-text").fill(B)
    second.locator(".r-area-eye").check()
    page.click("#routine-go")
    page.wait_for_selector("#routine-result:not([hidden])")
    expected = ingredients.analyze_routine([
        {"name": "Eye balm", "ingredients": A, "areas": ["eye"], "frequency": "twice daily"},
        {"name": "Serum", "ingredients": B, "areas": ["face", "eye"], "frequency": "daily"}])
    summaries = page.eval_on_selector_all(".routine-area .summary",
                                          "els => els.map(e => e.textContent)")
    assert summaries == [a.summary for a in expected.areas]
    _shot(page, "web_routine.png")

    page.reload()
    page.click("nav.modes [data-mode=routine]")
    expect(page.locator(".routine-item")).to_have_count(2)
    assert page.locator(".routine-item .r-name").nth(0).input_value() == "Eye balm"
    assert page.locator(".routine-item .r-text").nth(1).input_value() == B
    assert page.locator(".routine-item").first.locator(".r-area-eye").is_checked()
    assert not page.locator(".routine-item").first.locator(".r-area-face").is_checked()
    assert page.locator(".routine-item .r-freq").first.input_value() == "twice daily"
    stored = json.loads(page.evaluate("localStorage.getItem('milia.routine')"))
    assert [p["name"] for p in stored] == ["Eye balm", "Serum"]


def test_avoid_list_flags_every_report(context_at, live_server):
    context = context_at(DESKTOP)
    page = _open(context, live_server.url + "/")
    page.locator("#avoid-panel summary").click()
    page.fill("#avoid-name", "shea buter")  # a typo: resolved through the matcher
    page.click("#avoid-add")
    expect(page.locator("#avoid-list li")).to_have_count(1)
    assert "BUTYROSPERMUM PARKII BUTTER" in page.text_content("#avoid-list")
    page.fill("#text", A)
    page.click("button#analyse")
    page.wait_for_selector("#result:not([hidden])")
    assert "on your avoid-list" in page.text_content("#flags")
    assert page.locator("#findings > li.avoided").count() == 1
    page.reload()  # kept in this browser
    expect(page.locator("#avoid-list li")).to_have_count(1)
    _fill_compare(page, [A, B])
    assert page.locator(".compare-col .flag-avoid").count() == 1


def test_keyboard_only_compare(context_at, live_server):
    page = _open(context_at(DESKTOP), live_server.url + "/")
    page.focus("nav.modes [data-mode=check]")
    page.keyboard.press("Tab")  # -> Compare
    page.keyboard.press("Enter")
    assert page.is_visible("#mode-compare")
    page.focus(".compare-box >> nth=0 >> .c-text")
    page.keyboard.type(A)
    for _ in range(5):  # type, area, remove, then the next box's name and list
        page.keyboard.press("Tab")
    page.keyboard.type(B)
    assert page.locator(".compare-box").nth(1).locator(".c-text").input_value() == B
    page.focus("#compare-go")
    page.keyboard.press("Enter")
    page.wait_for_selector("#compare-result:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "compare-heading"


def test_markup_in_every_field_is_text(context_at, live_server):
    context = context_at(PHONE)
    page = _open(context, live_server.url + "/")
    page.locator("#avoid-panel summary").click()
    page.fill("#avoid-name", XSS)
    page.click("#avoid-add")
    expect(page.locator("#avoid-list li")).to_have_count(1)
    _fill_compare(page, [f"Aqua, {XSS}, Glycerin", XSS], [XSS, XSS])
    page.click("nav.modes [data-mode=routine]")
    page.locator(".routine-item .r-name").first.fill(XSS)
    page.locator(".routine-item .r-text").first.fill(f"Aqua, {XSS}")
    page.click("#routine-go")
    page.wait_for_selector("#routine-result:not([hidden]), #routine-error:not([hidden])")
    page.goto(live_server.url + "/#m=ingredient&q=" + quote(XSS))
    page.wait_for_selector("#ingredient-result:not([hidden]), #ingredient-error:not([hidden])")
    page.goto(live_server.url + "/#m=check&t=" + quote(f"Aqua, {XSS}"))
    page.wait_for_selector("#result:not([hidden]), #error:not([hidden])")
    page.reload()
    _no_injection(page)
