"""Printing and feedback: each page's address and build date on paper, the whole edition on
one page (cover, every page in nav order), and "Suggest a change" only with a repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from helpers import EXAMPLES, ROOT, WAIT_MS, make_project, serve_in_background

from macros.reader import PageInfo, SiteInfo, decorate, suggest_url, whole_edition

SITE = SiteInfo(name="Acme <Robotics> & Co", edition="acme", built=date(2026, 11, 23),
                repo_url="https://git.example.test/ai/playbook/", site_url=None)
RAPID = PageInfo(url="templates/rapid/", title="Rapid <b>wave</b>",
                 source="data/templates/rapid.yml", address="/templates/rapid/")
PAGE = ('<div class="md-content" data-md-component="content"><article class="md-content__inner">'
        '<h1 id="top">T</h1></article></div>')
BUILD_DAY = "1795392000"  # SOURCE_DATE_EPOCH of 23 November 2026
NO_REPO_HOSTS = ("git.intranet.example",)
ACME = "https://ai.acme.example/"  # the example overlay's site_url


def test_suggest_link_opens_a_prefilled_issue_naming_page_file_and_edition() -> None:
    url = suggest_url(SITE, RAPID)
    assert url is not None
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == \
        "https://git.example.test/ai/playbook/issues/new"
    query = parse_qs(parts.query)
    assert query["title"] == ["Suggestion for Rapid <b>wave</b>"]
    assert query["body"] == ["Page: /templates/rapid/\nSource file: data/templates/rapid.yml\n"
                             "Edition: acme\n\nWhat should change, and why?\n"]


@pytest.mark.parametrize("repo", [None, "", "javascript:alert(1)", "file:///etc"])
def test_no_repository_no_suggest_link(repo: str | None) -> None:
    site = SiteInfo(SITE.name, SITE.edition, SITE.built, repo, None)
    assert suggest_url(site, RAPID) is None
    assert "Suggest" not in decorate(PAGE, site, RAPID)


def test_decorate_adds_the_print_header_before_and_the_actions_after_the_article() -> None:
    html = decorate(PAGE, SITE, RAPID)
    head, _, tail = html.partition('<article class="md-content__inner">')
    assert head.endswith('<p class="pb-print-meta">/templates/rapid/ · '
                         "Acme &lt;Robotics&gt; &amp; Co · built 23 November 2026</p>")
    assert tail.startswith('<h1 id="top">T</h1></article><nav class="pb-page-actions')
    assert 'href="../../print/">Print the whole edition</a>' in tail
    assert "Suggest a change</a>" in tail and "<b>" not in tail.replace("%3Cb%3E", "")


def test_whole_edition_prefixes_ids_and_keeps_links_working() -> None:
    content = ('<h2 id="budget">B</h2><a href="#budget">here</a> '
               '<a href="../../waves/wave-1/#go-no-go">wave</a> <a href="https://x.test/">out</a>'
               '<svg aria-labelledby="c-title c-desc"><title id="c-title">t</title></svg>'
               '<label for="x">y</label>')
    whole = whole_edition(SITE, [(RAPID, content)])
    assert '<p class="pb-edition__name">Acme &lt;Robotics&gt; &amp; Co</p>' in whole
    assert "1 pages, built 23 November 2026" in whole
    assert '<h2 id="p1-budget">' in whole and 'href="#p1-budget"' in whole
    assert 'href="../waves/wave-1/#go-no-go"' in whole
    assert 'href="https://x.test/"' in whole
    assert 'aria-labelledby="p1-c-title p1-c-desc"' in whole and 'id="p1-c-title"' in whole
    assert 'for="p1-x"' in whole
    assert '<p class="pb-edition__address">/templates/rapid/</p>' in whole


def test_the_shipped_configuration_names_no_placeholder_repository() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert "repo_url" not in config and "edit_uri" not in config
    assert not [h for h in NO_REPO_HOSTS if h in (ROOT / "mkdocs.yml").read_text()]


# ---------------------------------------------------------------------------------------------
# Built sites


def _build(tmp: Path, *, repo: bool, edition: str | None = None) -> Path:
    project = make_project(tmp / "project")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "print.md", project / "docs" / "print.md")
    shutil.copytree(EXAMPLES / "orgs" / "valid", project / "data" / "orgs")
    overlay = project / "data" / "orgs" / "acme.yml"
    # Keep hostile-input, which the example home page embeds.
    overlay.write_text(overlay.read_text().split("exclude:")[0])
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    if repo:
        config.update(repo_url="https://git.example.test/ai/playbook/",
                      edit_uri="edit/main/docs/")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_DAY}
    if edition:
        env["PLAYBOOK_EDITION"] = edition
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                             str(project / "mkdocs.yml")], cwd=project, capture_output=True,
                            text=True, env=env)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {"bare": _build(tmp_path_factory.mktemp("bare"), repo=False),
            "repo": _build(tmp_path_factory.mktemp("repo"), repo=True, edition="acme")}


def _html(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text()


def test_without_repository_no_edit_repository_or_suggest_link(sites: dict[str, Path]) -> None:
    for file in sites["bare"].rglob("*.html"):
        html = file.read_text()
        assert "Suggest a change" not in html and "md-content__button" not in html, file
        assert 'class="md-source"' not in html, file


def test_with_repository_each_page_suggests_a_change_for_its_own_file(
        sites: dict[str, Path]) -> None:
    html = _html(sites["repo"], "/templates/steady/")
    start = html.index('href="https://git.example.test/ai/playbook/issues/new?')
    link = html[start + 6:html.index('"', start + 6)].replace("&amp;", "&")
    body = parse_qs(urlsplit(link).query)["body"][0]
    assert "Source file: data/templates/steady.yml" in body
    assert "Edition: acme" in body and f"Page: {ACME}templates/steady/" in body
    assert 'href="https://git.example.test/ai/playbook/edit/main/data/templates/steady.yml"' in html
    plan = _html(sites["repo"], "/our-plan/")
    assert "Source+file%3A+data%2Forgs%2Facme.yml" in plan or \
        "Source%20file%3A%20data%2Forgs%2Facme.yml" in plan


def test_print_page_holds_every_nav_page_after_a_cover(sites: dict[str, Path]) -> None:
    html = _html(sites["repo"], "/print/")
    assert '<p class="pb-edition__name">Acme &lt;Robotics&gt; &amp; Co</p>' in html
    assert "built 23 November 2026" in html
    home = _html(sites["repo"], "/")
    nav = home[home.index('class="md-nav md-nav--primary"'):]
    links = [a for a in nav.split('class="md-nav__link') if 'href="' in a]
    assert links
    addresses = html.count('class="pb-edition__address"')
    assert addresses == html.count('class="pb-edition__page"') >= 20
    order = [html.index(f'<p class="pb-edition__address">{ACME}{u}</p>')
             for u in ("", "our-plan/", "templates/steady/")]
    assert order == sorted(order)


def test_print_page_stays_out_of_search(sites: dict[str, Path]) -> None:
    import json
    docs = json.loads((sites["bare"] / "search" / "search_index.json").read_text())["docs"]
    assert not [d for d in docs if d["location"].startswith("print/")]


# ---------------------------------------------------------------------------------------------
# On paper, in Chromium


@pytest.fixture(scope="module")
def served(browser: Any, sites: dict[str, Path]) -> Iterator[str]:
    server = serve_in_background(sites["repo"])
    try:
        yield str(server.url)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def paper(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    yield tab
    context.close()


@pytest.mark.browser
def test_a_single_page_prints_its_address_and_date(paper: Any, served: str) -> None:
    paper.goto(f"{served}/templates/steady/")
    meta = paper.locator(".pb-print-meta")
    assert not meta.is_visible()
    paper.emulate_media(media="print")
    assert meta.is_visible()
    assert meta.inner_text() == \
        f"{ACME}templates/steady/ · Acme <Robotics> & Co · built 23 November 2026"
    assert not paper.locator(".pb-page-actions").is_visible()
    after = paper.evaluate("""() => getComputedStyle(
        document.querySelector('article a[href^="../../waves/"]'), '::after').content""")
    assert after.startswith('" <../../waves/') and after.endswith('>"'), after
    assert paper.pdf()[:5] == b"%PDF-"


@pytest.mark.browser
def test_the_print_page_shows_cover_and_pages_only_on_paper(paper: Any, served: str) -> None:
    paper.goto(f"{served}/print/")
    assert not paper.locator(".pb-edition").is_visible()
    assert paper.locator("article h1").is_visible()
    paper.emulate_media(media="print")
    assert paper.locator(".pb-edition__cover").is_visible()
    assert not paper.locator("article h1").is_visible()
    breaks = paper.locator(".pb-edition__page").evaluate_all(
        "pages => pages.map(p => getComputedStyle(p).breakBefore)")
    assert breaks and set(breaks) == {"page"}
