"""Charts drawn at build time (macros/charts.py): valid SVG, a text alternative, inert labels,
theme colours only, and on the pages beside the tables they draw."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, article, build, make_project, page, search_index

from macros.charts import Bar, Point, adoption_chart, bar_chart, edition_adoption, template_budget
from macros.editions.load import load_edition
from macros.editions.pages import edition_pages
from macros.md import money

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ['</text><script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
           "Tom & Jerry's ]]> <![CDATA[x]]>", "{{ 7*7 }} [x](javascript:alert(1))"]


def _parse(markdown: str) -> ET.Element:
    return ET.fromstring(markdown)  # raises on anything that is not well-formed XML


def _alternative(figure: ET.Element) -> tuple[str, str]:
    """The chart's title and description, found the way assistive technology finds them."""
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    ids = (svg.get("aria-labelledby") or "").split()
    texts = {el.get("id"): "".join(el.itertext()) for el in svg.iter()}
    assert len(ids) == 2 and all(i in texts for i in ids), (ids, texts.keys())
    assert [el.tag for el in svg][:2] == [f"{SVG}title", f"{SVG}desc"]
    return texts[ids[0]], texts[ids[1]]


def test_adoption_chart_is_svg_with_title_and_a_description_of_every_point() -> None:
    figure = _parse(adoption_chart("adoption-chart", "Adoption targets", [
        Point(1, 25, 30), Point(2, 50, 60), Point(4, 80)]))
    assert figure.tag == "figure" and figure.get("id") == "adoption-chart"
    assert "data-search-exclude" in figure.attrib
    title, desc = _alternative(figure)
    assert title == "Adoption targets"
    assert desc == ("Adoption targets. month 1: 25% to 30%; month 2: 50% to 60%; "
                    "month 4: 80% or more.")
    assert figure.findtext("figcaption") == "Adoption targets"
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    assert len(svg.findall(f"{SVG}circle")) == 3
    assert [t.text for t in svg.findall(f"{SVG}text")][-4:] == ["1", "2", "4", "Month"]


def test_bar_chart_names_each_bar_with_its_value_and_share() -> None:
    figure = _parse(bar_chart("budget-chart", "Budget split", [
        Bar("Tools", 75000), Bar("Training", 25000)], money))
    _, desc = _alternative(figure)
    assert desc == "Budget split. Tools: $75K (75%); Training: $25K (25%)."
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    widths = [float(r.get("width", "")) for r in svg.findall(f"{SVG}rect")]
    assert widths[0] == 3 * widths[1]


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_and_titles_stay_text(label: str) -> None:
    for chart in (bar_chart("c", label, [Bar(label, 1)], money),
                  adoption_chart("c", label, [Point(1, 10)], x_label=label)):
        figure = _parse(chart)
        assert not [el for el in figure.iter() if el.tag.split("}")[-1] in
                    ("script", "img", "a", "foreignObject")]
        assert not [name for el in figure.iter() for name in el.attrib
                    if name.startswith("on")]
        title, desc = _alternative(figure)
        assert title == " ".join(label.split())
        assert label in desc or " ".join(label.split()) in desc


def test_no_outside_reference_no_script_and_colours_from_the_theme() -> None:
    charts = [adoption_chart("a", "A", [Point(0, 10), Point(3, 30)]),
              bar_chart("b", "B", [Bar("x", 1)], money)]
    for chart in charts:
        assert re.findall(r"https?://[^\"]*", chart) == ["http://www.w3.org/2000/svg"]
        assert "href" not in chart and "<script" not in chart and "style=" not in chart
        fills = set(re.findall(r'(?:fill|stroke)="([^"]+)"', chart))
        assert fills <= {"currentColor", "none"}, fills


@pytest.mark.parametrize("bad", ["", "Chart", "a b", 'x"><script>'])
def test_a_chart_id_must_be_an_id(bad: str) -> None:
    with pytest.raises(ValueError, match="not a chart id"):
        adoption_chart(bad, "t", [Point(1, 1)])


def test_budget_bars_name_their_section_when_there_are_several() -> None:
    budget = {"sections": [
        {"title": "Wave 1", "lines": [{"item": "Champions", "amount": 20000}]},
        {"title": "Wave 2", "lines": [{"item": "Champions", "amount": 30000}]}]}
    _, desc = _alternative(_parse(template_budget("Phased", budget)))
    assert desc == ("Budget split of the Phased template ($50K). Wave 1: Champions: $20K (40%); "
                    "Wave 2: Champions: $30K (60%).")


def test_edition_curve_is_in_people_and_calendar_months() -> None:
    curve = [(0, None, 10.0, 50), (3, "Feb 2028", 30.0, 150), (12, "Nov 2028", 80.0, 400)]
    _, desc = _alternative(_parse(edition_adoption("Acme & Co", curve, 500)))
    assert desc == ("The usual adoption curve in people at Acme & Co. when start: 50 or more; "
                    "when Feb 2028: 150 or more; when Nov 2028: 400 or more.")


# ---------------------------------------------------------------------------------------------
# On the pages


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("charts") / "project")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _section(html: str, anchor: str) -> str:
    """The article's HTML from the heading with id `anchor` to the next h2."""
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start)
    return html[start:end if end != -1 else len(html)]


@pytest.mark.parametrize("anchor, chart", [("targets", "adoption-chart"),
                                           ("budget", "budget-chart")])
def test_template_page_shows_the_chart_and_its_table(example_site: Path, anchor: str,
                                                     chart: str) -> None:
    section = _section(article(page(example_site, "/templates/steady/")), anchor)
    start = section.index(f'<figure class="pb-chart" id="{chart}"')
    figure = section[start:section.index("</figure>", start) + len("</figure>")]
    title, desc = _alternative(_parse(figure))
    assert "Steady" in title and desc.startswith(title)
    assert "<table" in section[section.index("</figure>"):]


def test_chart_words_stay_out_of_the_search_index(example_site: Path) -> None:
    texts = [d["text"] for d in search_index(example_site)
             if d["location"].startswith("templates/steady/")]
    assert texts and not [t for t in texts if "Adoption targets of the" in t]


def test_chart_stylesheet_is_linked(example_site: Path) -> None:
    assert "assets/stylesheets/charts.css" in page(example_site, "/templates/steady/")


@pytest.mark.parametrize("slug", ["brightpath", "cedarfield"])
def test_our_plan_shows_the_organizations_curve_beside_its_table(slug: str) -> None:
    edition, problems = load_edition(ROOT, slug)
    assert edition is not None, problems
    markdown = edition_pages(edition)[0].markdown
    start = markdown.index('<figure class="pb-chart" id="edition-adoption-chart"')
    end = markdown.index("</figure>", start) + len("</figure>")
    title, desc = _alternative(_parse(markdown[start:end]))
    assert title == f"The usual adoption curve in people at {edition.org['name']}"
    assert re.search(r"when [A-Z][a-z]{2} \d{4}: [\d,]+ or more", desc), desc
    assert markdown[end:].lstrip().startswith("| When | Adoption | People |")


def test_every_shipped_template_page_has_both_charts() -> None:
    from macros.editions.load import load_catalog_for
    from macros.pages import generate

    catalog, _, problems = load_catalog_for(ROOT, "")
    assert catalog is not None, problems
    pages: dict[str, Any] = {p.uri: p.markdown for p in generate(catalog)}
    for record in catalog.ordered("templates"):
        markdown = pages[f"templates/{record.id}.md"]
        assert 'id="adoption-chart"' in markdown and 'id="budget-chart"' in markdown


@pytest.mark.browser
def test_charts_take_the_colours_of_light_and_dark_mode(browser: Any, example_site: Path) -> None:
    from helpers import WAIT_MS, serve_in_background

    server = serve_in_background(example_site)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = context.new_page()
        tab.set_default_timeout(WAIT_MS)
        tab.goto(f"{server.url}/templates/steady/")
        colours = """() => {
            const chart = document.querySelector('#adoption-chart');
            const text = getComputedStyle(chart.querySelector('text')).fill;
            const line = getComputedStyle(chart.querySelector('.pb-chart__line')).stroke;
            const body = getComputedStyle(document.querySelector('article p')).color;
            const page = getComputedStyle(document.body).backgroundColor;
            return {text, line, body, page};
        }"""
        scheme = "scheme => document.body.setAttribute('data-md-color-scheme', scheme)"
        tab.evaluate(scheme, "default")
        light = tab.evaluate(colours)
        tab.evaluate(scheme, "slate")
        dark = tab.evaluate(colours)
        for mode in (light, dark):
            assert mode["text"] == mode["body"], mode  # labels are written in the text colour
            assert mode["line"] not in (mode["page"], "none"), mode
        assert light["text"] != dark["text"] and light["page"] != dark["page"]
        assert tab.locator("#adoption-chart svg").bounding_box()["width"] > 200
    finally:
        context.close()
        server.shutdown()
        server.server_close()
