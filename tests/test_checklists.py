"""Checklists a reader can tick: labelled boxes with stable ids, ticks kept in the browser.

The unit tests read the HTML `macros.md.checklist` writes; the browser tests tick boxes on a
built example site and check what survives a reload, a rebuild with the items reordered, and
the "Clear ticks" button.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from helpers import ROOT, WAIT_MS, build, make_project, serve_in_background

from macros.editions.load import load_catalog_for
from macros.md import checklist, slug
from macros.pages import generate


def _items(html: str) -> list[tuple[str, str]]:
    """(data-item, label text) of each box, from the HTML block (which is valid XML)."""
    root = ET.fromstring(html)
    return [(label.find("input").get("data-item", ""), label.findtext("span", ""))  # type: ignore[union-attr]
            for label in root.iter("label")]


def test_each_box_sits_in_a_label_with_its_text_and_the_list_has_a_clear_button() -> None:
    html = checklist(["Licences for 80% of staff.", "The FAQ is written."],
                     "checklists.infrastructure.tools")
    root = ET.fromstring(html)
    assert root.get("class") == "pb-checklist"
    assert root.get("data-checklist") == "checklists.infrastructure.tools"
    assert _items(html) == [("licences-for-80-of-staff", "Licences for 80% of staff."),
                            ("the-faq-is-written", "The FAQ is written.")]
    assert [i.get("type") for i in root.iter("input")] == ["checkbox", "checkbox"]
    assert all(i.get("disabled") is None for i in root.iter("input"))
    button = root.find("button")
    assert button is not None and button.text == "Clear ticks"
    assert button.get("type") == "button"


def test_an_item_keeps_its_id_wherever_it_moves_and_an_own_id_wins() -> None:
    ahead = _items(checklist(["First", "Second", ("own-id", "Third")], "waves.w.go-no-go"))
    behind = _items(checklist([("own-id", "Third"), "Second", "First"], "waves.w.go-no-go"))
    assert sorted(ahead) == sorted(behind)
    assert ("own-id", "Third") in ahead


def test_repeated_items_get_distinct_ids() -> None:
    assert [i for i, _ in _items(checklist(["Same", "Same", "Same"], "a.b"))] == \
        ["same", "same-2", "same-3"]


def test_hostile_item_text_stays_text() -> None:
    hostile = '<script>alert(1)</script> & "quoted" \'single\' [x](javascript:alert(1))'
    html = checklist([hostile], "a.b")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert _items(html) == [(slug(hostile), hostile)]
    assert re.fullmatch(r"[a-z0-9-]+", slug(hostile))


@pytest.mark.parametrize("key", ["", "A.b", "a b", 'a"><script>', "-a"])
def test_a_key_that_is_not_an_id_is_refused(key: str) -> None:
    with pytest.raises(ValueError, match="not a checklist key"):
        checklist(["x"], key)


def test_slug_of_text_without_letters_or_digits() -> None:
    assert slug("!!!") == "item"
    assert slug("Ähnlich -- 80 %") == "hnlich-80"


def test_generated_pages_carry_one_key_per_list(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    catalog, _, problems = load_catalog_for(project, "")
    assert catalog is not None, problems
    pages = {p.uri: p.markdown for p in generate(catalog)}
    keys = {uri: re.findall(r'data-checklist="([^"]+)"', md) for uri, md in pages.items()}
    assert keys["checklists/test-checklist.md"] == ["checklists.test-checklist.tools",
                                                    "checklists.test-checklist.support"]
    assert keys["templates/steady.md"] == ["templates.steady.success-checklist"]
    assert keys["waves/wave-1.md"] == ["waves.wave-1.go-no-go"]
    # No Markdown task list is left: its boxes are disabled and unlabelled.
    assert not [uri for uri, md in pages.items() if "- [ ]" in md]


# ---------------------------------------------------------------------------------------------
# In the browser

CHECKLIST_URL = "/checklists/test-checklist/"
FIRST, SECOND = "Licences for 80% of staff.", "The FAQ is written."


@pytest.fixture(scope="module")
def served(browser: Any, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[Path, str]]:
    """The example project, built and served; yields (project, base URL)."""
    project = make_project(tmp_path_factory.mktemp("ticks") / "project")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    result = build(project)
    assert result.returncode == 0, result.stderr
    server = serve_in_background(project / "site")
    try:
        yield project, str(server.url)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    context.close()


def _box(tab: Any, name: str) -> Any:
    """The checkbox whose accessible name (its label) is `name`."""
    return tab.get_by_role("checkbox", name=name, exact=True)


def _ready(tab: Any) -> None:
    tab.wait_for_selector(".pb-checklist[data-ready] .pb-checklist__clear:not([hidden])")


@pytest.mark.browser
def test_ticks_survive_a_reload_and_clear_empties_them(tab: Any, served: tuple[Path, str]
                                                       ) -> None:
    _, base = served
    requests: list[tuple[str, str]] = []
    tab.on("request", lambda r: requests.append((r.method, r.url)))
    tab.goto(f"{base}{CHECKLIST_URL}")
    _ready(tab)
    assert not _box(tab, FIRST).is_checked()
    _box(tab, FIRST).check()
    tab.reload()
    _ready(tab)
    assert _box(tab, FIRST).is_checked()
    assert not _box(tab, SECOND).is_checked()
    tab.locator(".pb-checklist").first.get_by_role("button", name="Clear ticks").click()
    assert not _box(tab, FIRST).is_checked()
    tab.reload()
    _ready(tab)
    assert not _box(tab, FIRST).is_checked()
    # Ticking sent nothing: only the page and its files were fetched, all from this server.
    local = urlsplit(base).netloc
    assert {method for method, _ in requests} == {"GET"}
    assert {urlsplit(url).netloc for _, url in requests} == {local}


@pytest.mark.browser
def test_ticks_are_kept_per_page_and_item_not_per_position(tab: Any, served: tuple[Path, str]
                                                           ) -> None:
    project, base = served
    tab.goto(f"{base}{CHECKLIST_URL}")
    _ready(tab)
    _box(tab, SECOND).check()
    stored = tab.evaluate("Object.keys(localStorage).filter(k => k.startsWith('playbook-'))")
    assert len(stored) == 1 and stored[0].endswith("|checklists/test-checklist/"), stored
    assert tab.evaluate(f"JSON.parse(localStorage[{stored[0]!r}])") == {
        "checklists.test-checklist.support/the-faq-is-written": 1}
    # The items change places and groups; the tick follows its item.
    path = project / "data" / "checklists" / "test-checklist.yml"
    data = yaml.safe_load(path.read_text())
    data["groups"][0]["items"] = [SECOND, FIRST]
    data["groups"][1]["items"] = ["Something new."]
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    try:
        result = build(project)
        assert result.returncode == 0, result.stderr
        tab.reload()
        _ready(tab)
        tools = tab.locator(".pb-checklist").first
        assert tools.locator("span").all_inner_texts() == [SECOND, FIRST]
        # Ticked under "support" before, so not under "tools" now: ids name their list.
        assert not _box(tab, SECOND).is_checked()
        assert not _box(tab, FIRST).is_checked()
        data["groups"][1]["items"] = ["Something new.", SECOND]
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        result = build(project)
        assert result.returncode == 0, result.stderr
        tab.reload()
        _ready(tab)
        support = tab.locator(".pb-checklist").nth(1)
        assert support.get_by_role("checkbox", name=SECOND).is_checked()
        assert not support.get_by_role("checkbox", name="Something new.").is_checked()
        # Another page's boxes are its own.
        tab.goto(f"{base}/templates/steady/")
        _ready(tab)
        assert not tab.locator(".pb-checklist input").first.is_checked()
    finally:
        tab.evaluate("localStorage.clear()")


@pytest.mark.browser
def test_each_edition_keeps_its_own_ticks(browser: Any, tmp_path: Path) -> None:
    """Two editions served side by side, like `playbook build --all`: a tick in one is not a
    tick in the other."""
    import os
    import subprocess
    import sys

    from helpers import EXAMPLES

    project = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    shutil.copytree(EXAMPLES / "orgs" / "valid", project / "data" / "orgs")
    overlay = project / "data" / "orgs" / "acme.yml"
    overlay.write_text(overlay.read_text().split("exclude:")[0])  # the home page embeds it
    for edition in ("default", "acme"):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        if edition != "default":
            env["PLAYBOOK_EDITION"] = edition
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                                 str(project / "mkdocs.yml"), "-d", str(tmp_path / edition)],
                                cwd=project, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
    server = serve_in_background(tmp_path)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = context.new_page()
        tab.set_default_timeout(WAIT_MS)
        tab.goto(f"{server.url}/default{CHECKLIST_URL}")
        _ready(tab)
        _box(tab, FIRST).check()
        tab.goto(f"{server.url}/acme{CHECKLIST_URL}")
        _ready(tab)
        assert not _box(tab, FIRST).is_checked()
        tab.goto(f"{server.url}/default{CHECKLIST_URL}")
        _ready(tab)
        assert _box(tab, FIRST).is_checked()
    finally:
        context.close()
        server.shutdown()
        server.server_close()
