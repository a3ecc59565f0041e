"""End to end in a real headless Chromium (Playwright): paste, analyse, read the page.

Needs Debian's ``chromium`` (``/usr/bin/chromium``; CI installs it) and the ``playwright``
package; Playwright's own browser download is not used. Skipped, with the reason, when
either is missing. Screenshots go to ``tests/artifacts/`` (desktop and 360 px).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import ingredients

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install playwright)")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SAMPLE = (ROOT / "data/sample/mixa-lait-de-toilette.txt").read_text(encoding="utf-8")
XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def page_at(browser, live_server):
    """page_at(viewport) -> a fresh page on the live server; dialogs are recorded."""
    contexts = []

    def make(viewport: dict[str, int]) -> Any:
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.goto(live_server.url + "/")
        return page

    yield make
    for context in contexts:
        context.close()


def _analyse(page: Any, text: str, *, area: str = "face", keyboard: bool = False) -> None:
    page.fill("#text", text)
    page.select_option("#area", area)
    if keyboard:
        page.focus("#text")
        page.keyboard.press("Control+Enter")
    else:
        page.click("button#analyse")
    page.wait_for_selector("#result:not([hidden])")
    # Locator assertions, not wait_for_function: string predicates need eval, which the
    # page's Content-Security-Policy rightly forbids.
    sync_api.expect(page.locator("#analyse")).to_be_enabled()


def _rows(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all("#findings > li", """items => items.map(li => ({
        name: li.querySelector('.name').textContent,
        role: [...li.classList].find(c => c.startsWith('role-')),
        points: li.querySelector('.points').textContent,
        why: li.querySelector('.why').textContent,
    }))""")


def _no_injection(page: Any) -> None:
    assert page.dialogs == []
    assert page.locator("img").count() == 0
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.getAttribute('src'))")
    assert scripts == ["/static/app.js"]
    assert page.locator("[onerror]").count() == 0


def _band_text(report: ingredients.Report) -> str:
    """What the page's band badge says."""
    if report.nothing_read:
        return "can't tell: this list could not be read"
    if report.band != "uncertain":
        return report.band
    return f"can't tell: {report.band_range[0]} to {report.band_range[1]}"


def _unread_lines(report: ingredients.Report) -> list[str]:
    guesses = {f.ingredient.name: f.possibly for f in report.findings if not f.read}
    return [name + (f" (possibly {' or '.join(guesses[name][:2])}?)" if guesses.get(name) else "")
            for name in report.unread]


def test_paste_analyse_and_read_the_report(page_at):
    """The page shows what analyze() says: score, band, every ingredient in label order."""
    report = ingredients.analyze(SAMPLE, area="eye")
    data = report.to_dict()
    page = page_at(DESKTOP)
    assert page.is_visible("#caveat") and page.is_hidden("#result")
    _analyse(page, SAMPLE, area="eye")

    assert page.text_content("#score") == f"{data['score']:.1f}"
    assert page.text_content("#band").lower() == _band_text(report)
    lo, hi = data["score_range"]
    assert f"{lo:.0f}" in page.text_content("#range") and f"{hi:.0f}" in page.text_content("#range")
    assert page.text_content("#summary") == report.summary.replace(" " + report.caveat, "")
    rows = _rows(page)
    assert [r["name"] for r in rows] == [f.ingredient.name for f in report.findings]
    assert [r["role"] for r in rows] == [f"role-{f.role}" for f in report.findings]
    top = max(report.findings, key=lambda f: f.contribution)
    assert rows[report.findings.index(top)]["points"] == f"+{top.contribution:.1f}"
    assert page.is_visible("#caveat")
    assert page.is_visible("#result-heading")

    # Expanding a line shows its sources, in full.
    index = report.findings.index(top)
    page.locator("#findings > li summary").nth(index).click()
    body = page.locator("#findings > li").nth(index).locator(".sources")
    body.wait_for()
    for source in top.sources:
        if source in report.sources:
            assert report.sources[source] in body.text_content()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web_result.png"), full_page=True)
    _no_injection(page)


def test_phone_width_and_keyboard_only(page_at):
    """360 px wide, submitted with Ctrl+Enter: nothing overflows sideways; unknowns are listed."""
    text = SAMPLE + ", Visit the Dior boutique, Glyserin, Frobnicate Extract"
    report = ingredients.analyze(text)
    page = page_at(PHONE)
    _analyse(page, text, keyboard=True)
    assert page.text_content("#score") == f"{report.to_dict()['score']:.1f}"
    assert [r["name"] for r in _rows(page)] == [f.ingredient.name for f in report.findings]
    assert report.unknown
    assert page.is_visible("#unknown")
    assert "Not read" in page.text_content("#unknown h3")
    shown = page.eval_on_selector_all("#unknown-list li", "els => els.map(e => e.textContent)")
    assert shown == _unread_lines(report)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways at 360 px ({width} px)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web_result_360.png"), full_page=True)

    # The button is a real button in the form: Tab to it and press Enter.
    page.fill("#text", "Aqua, Petrolatum")
    page.focus("#area")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "analyse"
    page.keyboard.press("Enter")
    expected = ingredients.analyze("Aqua, Petrolatum").to_dict()["score"]
    sync_api.expect(page.locator("#score")).to_have_text(f"{expected:.1f}")


def test_markup_in_the_list_is_shown_as_text(page_at):
    """A list with <script> and an onerror <img> fires nothing and injects no element."""
    page = page_at(DESKTOP)
    text = f"Aqua, {XSS[0]}, {XSS[1]}, Glycerin"
    _analyse(page, text)
    report = ingredients.analyze(text)
    assert [r["name"] for r in _rows(page)] == [f.ingredient.name for f in report.findings]
    _no_injection(page)


def test_markup_in_every_field_of_a_report_is_shown_as_text(page_at):
    """Whatever the parser keeps, the page never parses data as HTML: a report whose every
    string holds the payloads (served in place of the API's answer) renders them literally."""
    report = json.loads(ingredients.analyze(SAMPLE).to_json())
    evil = copy.deepcopy(report)
    payload = " ".join(XSS)
    evil["summary"] = payload
    evil["unknown"] = evil["unread"] = XSS
    evil["notes"] = [payload]
    evil["flags"] = [{"kind": "avoid", "ingredient": payload, "message": payload}]
    for f in evil["findings"]:
        f["label_name"] = f["raw"] = f["explanation"] = payload
        f["sources"] = [payload]
    evil["sources"] = {payload: payload}

    page = page_at(DESKTOP)
    page.route("**/api/analyze", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(evil)))
    _analyse(page, "Aqua")
    _no_injection(page)
    names = [r["name"] for r in _rows(page)]
    assert names == [payload] * len(evil["findings"])
    assert page.text_content("#summary") == payload
    shown = page.eval_on_selector_all("#unknown-list li", "els => els.map(e => e.textContent)")
    assert shown == XSS
    assert payload in page.text_content("#flags")
    page.locator("#findings > li summary").first.click()
    assert payload in page.locator("#findings > li").first.locator(".sources").text_content()
    _no_injection(page)


def test_error_message_is_shown(page_at):
    page = page_at(PHONE)
    page.fill("#text", " ,, ;")
    page.click("button#analyse")
    page.wait_for_selector("#error:not([hidden])")
    assert "no ingredients" in page.text_content("#error")
    assert page.is_hidden("#result")


def test_an_unread_label_says_it_cannot_tell_and_lists_the_names_first(page_at):
    """A list with an unread heavy occlusive: the badge gives the band range, the gauge
    spans the whole score range, the unread names (a weak guess as "possibly ...?") come
    before the score, and a list with nothing read shows no score at all."""
    text = "Aqua, Glycerin, Huile de vaseline, Retinil, Petrolatum"
    report = ingredients.analyze(text)
    assert report.band == "uncertain"
    page = page_at(DESKTOP)
    _analyse(page, text)
    assert page.text_content("#band").lower() == _band_text(report)
    shown = page.eval_on_selector_all("#unknown-list li", "els => els.map(e => e.textContent)")
    assert shown == _unread_lines(report) and "possibly Retinal or Retinol" in " ".join(shown)
    order = page.evaluate("""() => {
        const box = document.getElementById('unknown'), score = document.getElementById('score');
        return Boolean(box.compareDocumentPosition(score) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert order, "the unread names must come before the score"
    lo, hi = report.score_range
    width = page.evaluate("parseFloat(document.getElementById('gauge-range').style.width)")
    assert width == pytest.approx(hi - lo, abs=0.15)  # (the JSON rounds the range to 0.1)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web_result_uncertain.png"), full_page=True)

    _analyse(page, "წყალი, გლიცერინი, მინერალური ზეთი, ვაზელინი")  # Georgian: no language pack
    sync_api.expect(page.locator("#band")).to_have_text("Can't tell: this list could not be read")
    assert page.text_content("#score") == "?"
    _no_injection(page)
