"""Accessible in every edition: `check` refuses a palette too pale to read, the contrast table
matches what Chromium renders, and axe-core finds no serious or critical problem on any type
of page of any edition, at a desktop and a phone size.

axe-core comes from npm (tests/browser/package.json, installed by `make browser` with
`npm ci`) and is injected from node_modules into each page: nothing is fetched at view time.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLES, ROOT, WAIT_MS, make_project
from site_pages import SIZES, one_per_renderer, serve

from macros.cli import main
from macros.contrast import DARK_PAGE, LIGHT_PAGE, PALETTE, palette_problems, ratio, shown
from macros.editions.schema import PRIMARY

AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
ACME = ROOT / "tests" / "hostile" / "org" / "acme.yml"   # an overlay that checks clean


# ---- contrast arithmetic and the palette check (no browser) -------------------------------

def test_contrast_ratios_match_wcag() -> None:
    assert ratio("#000000", "#ffffff") == pytest.approx(21)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert shown(ratio("#4051b5", "#212121")) == "2.34:1"   # indigo links against body text
    assert shown(ratio("#ffffff", "#4cae4f")) == "2.8:1"
    assert shown(ratio("#777777", "#ffffff")) == "4.47:1"   # rounded down: never "4.5"
    assert shown(ratio("#000000de", "#ffffff")) == "16.1:1"  # translucent text composited


def test_every_palette_name_has_its_colours() -> None:
    assert list(PALETTE) == PRIMARY


def test_a_readable_palette_passes() -> None:
    assert palette_problems({"primary": "indigo", "accent": "amber"}) == []
    assert palette_problems({"accent": "amber"}) == []   # the theme's indigo
    assert palette_problems("not a mapping") == []       # the schema reports it


READABLE = "purple, deep-purple, indigo, brown, grey, blue-grey, black, white"


def test_check_names_each_pale_colour_and_its_ratio(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "project")
    orgs = project / "data" / "orgs"
    orgs.mkdir(parents=True)
    shutil.copytree(EXAMPLES / "orgs" / "valid" / "acme", orgs / "acme")
    overlay = ACME.read_text(encoding="utf-8")
    assert "branding: {primary: grey," in overlay
    (orgs / "acme.yml").write_text(
        overlay.replace("branding: {primary: grey,", "branding: {primary: yellow,"),
        encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    line = 1 + overlay[:overlay.index("branding:")].count("\n")
    assert capsys.readouterr().err == (
        f"data/orgs/acme.yml:{line}:21: error: primary colour 'yellow': its link colour "
        "#b8a500 on the light page (#ffffff) has a contrast of 2.49:1, below the 4.5:1 that "
        f"WCAG AA asks for text: choose one of {READABLE} [contrast]\n"
        "1 problem found\n")


@pytest.mark.parametrize(("name", "messages"), [
    ("green", [
        "primary colour 'green': its header text #ffffff on the header (#4cae4f) has a "
        f"contrast of 2.8:1, below the 4.5:1 that WCAG AA asks for text: choose one of "
        f"{READABLE}",
        "primary colour 'green': its link colour #4cae4f on the light page (#ffffff) has a "
        f"contrast of 2.8:1, below the 4.5:1 that WCAG AA asks for text: choose one of "
        f"{READABLE}"]),
    ("red", [
        "primary colour 'red': its header text #ffffff on the header (#ef5552) has a "
        f"contrast of 3.44:1, below the 4.5:1 that WCAG AA asks for text: choose one of "
        f"{READABLE}",
        "primary colour 'red': its link colour #ef5552 on the light page (#ffffff) has a "
        f"contrast of 3.44:1, below the 4.5:1 that WCAG AA asks for text: choose one of "
        f"{READABLE}"]),
])
def test_pale_primary_colours(name: str, messages: list[str]) -> None:
    assert palette_problems({"primary": name}) == [(("branding", "primary"), m)
                                                   for m in messages]


# ---- in Chromium ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(browser: Any, all_editions: Path) -> Iterator[str]:
    server = serve(all_editions)
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()


# The colours the theme gives the header and links once a palette name is set on the page.
RENDERED = """([name, scheme]) => {
  document.body.setAttribute("data-md-color-primary", name);
  document.body.setAttribute("data-md-color-scheme", scheme);
  const hex = c => "#" + c.match(/[\\d.]+/g).slice(0, 3)
    .map(v => (+v).toString(16).padStart(2, "0")).join("")
    + (c.startsWith("rgba") ? Math.round(255 * +c.match(/[\\d.]+/g)[3]).toString(16) : "");
  const header = getComputedStyle(document.querySelector(".md-header"));
  const body = getComputedStyle(document.body);
  const probe = document.createElement("span");
  probe.style.color = "var(--md-typeset-a-color)";
  document.body.appendChild(probe);
  const link = getComputedStyle(probe).color;
  probe.remove();
  return [hex(header.backgroundColor), hex(header.color), hex(link), hex(body.backgroundColor)];
}"""


@pytest.mark.browser
def test_contrast_table_matches_the_rendered_theme(browser: Any, served: str) -> None:
    tab = browser.new_page()
    tab.set_default_timeout(WAIT_MS)
    tab.goto(f"{served}/default/how-to-read/")
    tab.add_style_tag(content="* { transition: none !important; }")
    rendered = {name: (tab.evaluate(RENDERED, [name, "default"]),
                       tab.evaluate(RENDERED, [name, "slate"])) for name in PALETTE}
    expected = {name: ([s.header, s.header_text, s.link, LIGHT_PAGE],
                       [s.header, s.header_text, s.dark_link, DARK_PAGE])
                for name, s in PALETTE.items()}
    tab.close()
    assert rendered == expected


def _axe(tab: Any) -> list[str]:
    tab.add_script_tag(path=str(AXE))
    found: list[str] = tab.evaluate("""async () => {
      const result = await axe.run(document, {resultTypes: ["violations"]});
      return result.violations.filter(v => ["serious", "critical"].includes(v.impact))
        .map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(" ")}`
                  + ` ${(v.nodes[0].failureSummary || "").split("\\n")[1] || ""}`.trimEnd());
    }""")
    return found


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_nothing_serious_in_any_edition(browser: Any, all_editions: Path, served: str,
                                                  size: str) -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make browser` (npm ci)")
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    found = []
    for edition in sorted(p.name for p in all_editions.iterdir() if p.is_dir()):
        for address in one_per_renderer(all_editions / edition):
            tab.goto(f"{served}/{edition}/{address}")
            found += [f"{edition}/{address}: {v}" for v in _axe(tab)]
    context.close()
    assert found == []
