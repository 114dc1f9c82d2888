"""Search that answers: each question of tests/search_questions.yml, typed into the search box
of the built site in Chromium, must bring its page (and section) first, with no "Missing"
line under that first hit. The default edition and an organization's edition are both asked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from helpers import RESULT, ROOT, SEARCH, WAIT_MS, serve_in_background

QUESTIONS: list[dict[str, str]] = yaml.safe_load(
    (ROOT / "tests" / "search_questions.yml").read_text())
EDITIONS = sorted({q.get("edition", "default") for q in QUESTIONS})


def test_the_suite_asks_enough_questions_in_more_than_one_edition() -> None:
    assert len(QUESTIONS) >= 25
    assert len(EDITIONS) >= 2 and "default" in EDITIONS
    assert all(set(q) <= {"ask", "edition", "page", "section"} for q in QUESTIONS)
    assert all(q["page"].startswith("/") and q["page"].endswith("/") for q in QUESTIONS)
    asked = [(q.get("edition", "default"), q["ask"]) for q in QUESTIONS]
    assert len(asked) == len(set(asked)), "a question is asked twice in one edition"


def test_every_expected_page_and_section_exists(sites: dict[str, Path]) -> None:
    for q in QUESTIONS:
        html = sites[q.get("edition", "default")] / q["page"].strip("/") / "index.html"
        assert html.is_file(), q
        if "section" in q:
            assert f'id="{q["section"]}"' in html.read_text(), q


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every edition the questions ask, built from the project's own data."""
    built = {}
    for edition in EDITIONS:
        site = tmp_path_factory.mktemp(edition) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        if edition != "default":
            env["PLAYBOOK_EDITION"] = edition
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                                 str(ROOT / "mkdocs.yml"), "-d", str(site)], cwd=ROOT,
                                capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        built[edition] = site
    return built


@pytest.fixture(scope="module")
def served(browser: Any, sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    servers = {edition: serve_in_background(site) for edition, site in sites.items()}
    try:
        yield {edition: str(server.url) for edition, server in servers.items()}
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def tabs(browser: Any, served: dict[str, str]) -> Iterator[dict[str, Any]]:
    """One tab per edition, opened once: the search index loads a single time."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = {}
    for edition, url in served.items():
        tab = context.new_page()
        tab.set_default_timeout(WAIT_MS)
        tab.goto(f"{url}/")
        opened[edition] = tab
    yield opened
    context.close()


def top_hit(tab: Any, query: str) -> dict[str, Any]:
    """Type `query` into the search box; the first result: its page, its best section and
    the words it says are missing."""
    box = tab.locator(SEARCH)
    box.click()
    # Empty the box first and wait until the results of the last query are gone, so the
    # results read below are this query's.
    box.fill("")
    box.press("End")
    tab.wait_for_function("""() => !document.querySelector('.md-search-result__item')""")
    # Material searches on keyup: fill in the whole query, then release one key.
    box.fill(query)
    box.press("End")
    tab.wait_for_function("""() => {
        const meta = document.querySelector('.md-search-result__meta');
        return document.querySelector('.md-search-result__item')
            || (meta && /^no /i.test(meta.textContent.trim()));
    }""")
    first = tab.locator(RESULT).first
    links: list[str] = first.locator("a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)")
    assert links, f"no search results for {query!r}"
    sections = [urlsplit(link).fragment for link in links if urlsplit(link).fragment]
    # The first link is the hit itself; a "Missing: ..." line under it names query words the
    # page does not have.
    missing = first.locator("a.md-search-result__link").first.locator(
        ".md-search-result__terms").all_inner_texts()
    return {"page": urlsplit(links[0]).path, "section": sections[0] if sections else None,
            "missing": missing}


@pytest.mark.browser
@pytest.mark.parametrize("question", QUESTIONS,
                         ids=[f"{q.get('edition', 'default')}: {q['ask']}" for q in QUESTIONS])
def test_the_question_finds_its_page_first(tabs: dict[str, Any],
                                           question: dict[str, str]) -> None:
    hit = top_hit(tabs[question.get("edition", "default")], question["ask"])
    assert hit["page"] == question["page"], hit
    if "section" in question:
        assert hit["section"] == question["section"], hit
    assert hit["missing"] == [], hit
