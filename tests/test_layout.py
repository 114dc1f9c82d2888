"""Readable on any screen: tables fit their column (cards on a phone), setup prompts wrap and
copy exactly, dark mode and breadcrumbs, the editions index and the 404 page in a sub-folder.

Measured in headless Chromium on every edition (`playbook build --all`) at a desktop and a
phone size; see tests/site_pages.py for the pages visited.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import RESULT, ROOT, SEARCH, WAIT_MS
from site_pages import SIZES, page_types, serve

from macros.catalog import load_catalog

# ---- in Chromium ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(browser: Any, all_editions: Path) -> Iterator[str]:
    """The folder of editions served from a sub-folder: `<url>/editions/<slug>/`."""
    server = serve(all_editions.parent)
    try:
        yield f"{server.url}/{all_editions.name}"
    finally:
        server.shutdown()
        server.server_close()


def _tab(browser: Any, size: str, **options: Any) -> Any:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    return tab


# Whatever is wider than the space it is given, on the page just loaded: tables wider than the
# content column or hiding columns in their scrolling box, code that scrolls sideways, and a
# page that scrolls sideways.
OVERFLOWS = """() => {
  const out = [];
  const column = document.querySelector(".md-content__inner");
  const room = column.getBoundingClientRect().width;
  for (const table of column.querySelectorAll("table")) {
    const width = table.getBoundingClientRect().width;
    const box = table.closest(".md-typeset__scrollwrap");
    const hidden = box ? box.scrollWidth - box.clientWidth : 0;
    if (width > room + 1 || hidden > 1)
      out.push(`table ${Math.round(width)}px in ${Math.round(room)}px (hidden ${hidden}px): `
               + table.rows[0].innerText.replace(/\\s+/g, " ").slice(0, 60));
  }
  for (const code of column.querySelectorAll("pre > code"))
    if (code.scrollWidth > code.clientWidth + 1)
      out.push(`code ${code.scrollWidth}px in ${code.clientWidth}px: `
               + code.textContent.slice(0, 40));
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth)
    out.push(`page ${page.scrollWidth}px in ${window.innerWidth}px`);
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_nothing_is_wider_than_its_column(browser: Any, all_editions: Path, served: str,
                                           size: str) -> None:
    tab = _tab(browser, size)
    found = []
    for edition in sorted(p.name for p in all_editions.iterdir() if p.is_dir()):
        for address in page_types(all_editions / edition):
            tab.goto(f"{served}/{edition}/{address}")
            found += [f"{edition}/{address}: {o}" for o in tab.evaluate(OVERFLOWS)]
    tab.context.close()
    assert found == []


@pytest.mark.browser
def test_on_a_phone_the_scenarios_are_cards_with_column_names(browser: Any, served: str) -> None:
    tab = _tab(browser, "phone")
    tab.goto(f"{served}/default/choose-a-template/")
    table = tab.locator("#scenarios ~ .md-typeset__scrollwrap table").first
    labels = table.evaluate("""t => [...t.tBodies[0].rows[0].cells].map(
        c => [getComputedStyle(c).display, getComputedStyle(c, "::before").content])""")
    headers = table.evaluate("t => [...t.tHead.rows[0].cells].map(c => c.innerText.trim())")
    assert [display for display, _ in labels] == ["block"] * len(headers)
    assert [content for _, content in labels] == [
        f'"{h}"' if h else "none" for h in headers]
    assert table.evaluate("t => getComputedStyle(t.tHead).position") == "absolute"
    tab.context.close()


@pytest.mark.browser
def test_on_a_desktop_the_scenarios_stay_a_table(browser: Any, served: str) -> None:
    tab = _tab(browser, "desktop")
    tab.goto(f"{served}/default/choose-a-template/")
    table = tab.locator("#scenarios ~ .md-typeset__scrollwrap table").first
    assert table.evaluate("t => getComputedStyle(t.rows[1].cells[0]).display") == "table-cell"
    assert table.evaluate("t => getComputedStyle(t.tHead).position") == "static"
    tab.context.close()


# The copy button's box against every line box of the code's text.
COVERED = """pre => {
  const button = pre.querySelector("[data-md-type=copy]").getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(pre.querySelector("code"));
  return [...range.getClientRects()].filter(r => r.width > 0 && r.left < button.right
    && r.right > button.left && r.top < button.bottom && r.bottom > button.top).length;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_setup_prompts_wrap_and_copy_exactly(browser: Any, served: str, size: str) -> None:
    rapid = load_catalog(ROOT)[0].require("templates", "rapid")
    prompt = rapid.data["setup_prompt"]["text"].rstrip()
    tab = _tab(browser, size, permissions=["clipboard-read", "clipboard-write"])
    tab.goto(f"{served}/default/templates/rapid/")
    block = tab.locator("#setup-prompt ~ div.highlight pre").first
    code = block.locator("code")
    assert code.evaluate("c => getComputedStyle(c).whiteSpace") == "pre-wrap"
    assert code.evaluate("c => c.scrollWidth <= c.clientWidth")
    assert code.evaluate("c => c.textContent") == prompt + "\n"   # line breaks kept
    lines = code.evaluate("c => Math.round(c.getBoundingClientRect().height / "
                          "parseFloat(getComputedStyle(c).lineHeight))")
    assert lines > prompt.count("\n") + 1      # long lines wrapped, on both sizes
    assert block.evaluate(COVERED) == 0
    block.hover()
    block.locator("[data-md-type=copy]").click()
    assert tab.evaluate("navigator.clipboard.readText()") == prompt
    tab.context.close()


@pytest.mark.browser
def test_prompts_of_our_plan_fit_a_phone(browser: Any, served: str) -> None:
    tab = _tab(browser, "phone", permissions=["clipboard-read", "clipboard-write"])
    tab.goto(f"{served}/brightpath/our-plan/")
    blocks = tab.locator("pre:has(> code)")
    assert blocks.count() >= 1
    for i in range(blocks.count()):
        block = blocks.nth(i)
        assert block.evaluate(COVERED) == 0
        assert block.evaluate("p => p.querySelector('code').scrollWidth "
                              "<= p.querySelector('code').clientWidth")
        block.hover()
        block.locator("[data-md-type=copy]").click()
        assert tab.evaluate("navigator.clipboard.readText()") == \
            block.locator("code").evaluate("c => c.textContent").rstrip("\n")
    tab.context.close()


@pytest.mark.browser
def test_dark_mode_toggle_is_remembered(browser: Any, served: str) -> None:
    tab = _tab(browser, "desktop")
    tab.goto(f"{served}/cedarfield/templates/")
    body = tab.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    assert body.get_attribute("data-md-color-primary") == "deep-purple"
    tab.locator("label[title='Switch to dark mode']").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    background = "getComputedStyle(document.body).backgroundColor"
    assert tab.evaluate(background) == "rgb(30, 33, 41)"
    tab.goto(f"{served}/cedarfield/how-to-read/")
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert body.get_attribute("data-md-color-primary") == "deep-purple"
    tab.context.close()


@pytest.mark.browser
def test_record_pages_show_breadcrumbs(browser: Any, served: str) -> None:
    tab = _tab(browser, "desktop")
    tab.goto(f"{served}/default/bottlenecks/champion-burnout/")
    crumbs = tab.locator("nav.md-path .md-path__link")
    assert crumbs.all_inner_texts() == ["Home", "Fix bottlenecks", "Bottleneck fixes"]
    tab.context.close()


# ---- the editions index and the 404 page, served from a sub-folder -------------------------

@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_editions_index_is_styled_and_fits(browser: Any, all_editions: Path, served: str,
                                           size: str) -> None:
    tab = _tab(browser, size)
    tab.goto(f"{served}/")
    assert tab.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") \
        == "rgb(64, 81, 181)"
    assert tab.evaluate("getComputedStyle(document.body).fontFamily").startswith("-apple-system")
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    cards = tab.locator("li.edition")
    texts = [" ".join(t.split()) for t in cards.all_inner_texts()]
    assert texts == [
        "Default edition Organization none: the base playbook, all templates side by side "
        "default/",
        "Brightpath Software Organization Brightpath Software Size small, 150 people "
        "Recommended template Rapid scaling wave brightpath/",
        "Cedarfield Health Partners Organization Cedarfield Health Partners Size medium, 300 "
        "people Recommended template Sustainable scaling cedarfield/",
        "Harborline Logistics Organization Harborline Logistics Size medium, 250 people "
        "Recommended template Phased scaling wave harborline/"]
    assert all(card.evaluate("c => c.getBoundingClientRect().right <= window.innerWidth")
               for card in cards.all())
    for link in tab.locator("li.edition a").all():
        response = tab.request.get(link.evaluate("a => a.href"))
        assert response.status == 200, link.evaluate("a => a.href")
    tab.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("address", ["brightpath/no-such-page",
                                     "brightpath/templates/no-such/deeper/",
                                     "default/no/such/folder/"])
def test_404_page_keeps_its_look_and_helps(browser: Any, served: str, address: str) -> None:
    edition = address.split("/")[0]
    tab = _tab(browser, "phone")
    response = tab.goto(f"{served}/{address}")
    assert response is not None and response.status == 404
    assert tab.locator("h1").inner_text() == "Page not found"
    # The theme's stylesheets loaded: its header, in the edition's own colour.
    header = "getComputedStyle(document.querySelector('.md-header'))"
    assert tab.evaluate(f"{header}.position") == "sticky"
    assert tab.evaluate(f"{header}.backgroundColor") == (
        "rgb(171, 71, 189)" if edition == "brightpath" else "rgb(64, 81, 181)")
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    home = f"{served}/{edition}/"
    assert tab.locator("a.md-button", has_text="Home page").evaluate("a => a.href") == home
    sections = tab.locator(".pb-not-found__sections a")
    assert sections.count() >= 8
    for link in sections.all():
        href = link.evaluate("a => a.href")
        assert href.startswith(home) and tab.request.get(href).status == 200, href
    tab.fill("#pb-not-found-query", "champions")
    tab.press("#pb-not-found-query", "Enter")
    tab.wait_for_url(f"{home}?q=champions")
    tab.locator(RESULT).first.wait_for()   # the theme's search, opened with the query
    assert tab.input_value(SEARCH) == "champions"
    tab.context.close()
