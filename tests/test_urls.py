"""Links never break: the registry of published addresses, aliases and redirect pages."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, make_project, serve_in_background

from macros.cli import main
from macros.editions.load import load_project
from macros.site_check import check_site
from macros.urls import REGISTRY, Redirect, page_url, read_registry, redirect_html

OLD, NEW = "support-overwhelmed", "help-desk-swamped"


def _run(project: Path, *argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["--root", str(project), *argv])
    return status, err.getvalue()


def _rename(project: Path, aliases: bool) -> None:
    folder = project / "data" / "bottlenecks"
    text = (folder / f"{OLD}.yml").read_text(encoding="utf-8")
    extra = f"aliases: [{OLD}]\n" if aliases else ""
    (folder / f"{OLD}.yml").unlink()
    (folder / f"{NEW}.yml").write_text(text.replace(f"id: {OLD}\n", f"id: {NEW}\n{extra}"),
                                       encoding="utf-8")


def _use_new_id(project: Path) -> None:
    for path in [project / "data" / "templates" / "steady.yml", project / "docs" / "index.md"]:
        path.write_text(path.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")


@pytest.fixture
def published(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "project")
    status, err = _run(project, "urls")
    assert status == 0, err
    return project


def test_urls_records_every_page_and_fixed_section(published: Path) -> None:
    entries = {(edition, url) for _, edition, url in read_registry(published)}
    assert ("default", "") in entries
    assert ("default", f"bottlenecks/{OLD}/") in entries
    assert ("default", f"bottlenecks/{OLD}/#fixes") in entries
    assert ("default", "waves/wave-1/#go-no-go") in entries
    # Recording again adds nothing and keeps the file as it was; a build never writes it.
    before = (published / REGISTRY).read_bytes()
    assert _run(published, "urls")[0] == 0
    assert _run(published, "build")[0] == 0
    assert (published / REGISTRY).read_bytes() == before


def test_a_rename_without_aliases_names_every_address_it_breaks(published: Path) -> None:
    _rename(published, aliases=False)
    _use_new_id(published)
    status, err = _run(published, "check")
    lines = {number: url for number, _, url in read_registry(published)}
    broken = sorted(n for n, url in lines.items() if url.startswith(f"bottlenecks/{OLD}/"))
    assert status == 1
    assert err.splitlines()[:len(broken)] == [
        f"{REGISTRY}:{n}:1: error: /{lines[n]} (default) was published and it would now be a "
        "404: list the old id under `aliases:` of the record (or page) it became, or delete "
        "this line if the address is meant to go [url-removed]" for n in broken]
    assert err.endswith(f"{len(broken)} problems found\n")


def test_references_to_a_former_id_name_the_new_one(published: Path) -> None:
    _rename(published, aliases=True)
    status, err = _run(published, "check")
    assert status == 1
    # The data and the hand-written page that still use the old id, in one run.
    assert err == (f"data/templates/steady.yml:46:17: error: bottleneck {OLD!r} was renamed to "
                   f"{NEW!r}: use the new id [renamed-reference]\n"
                   f"docs/index.md:11:72: error: href(): bottlenecks record {OLD!r} was renamed "
                   f"to {NEW!r}: use the new id [macro]\n2 problems found\n")


def test_an_alias_cannot_take_a_current_id(published: Path) -> None:
    path = published / "data" / "bottlenecks" / "hostile-input.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"aliases: [{OLD}]\n", encoding="utf-8")
    status, err = _run(published, "check")
    assert status == 1
    assert f"error: {OLD!r} is the id of another bottleneck: a former id must be free; " \
           "remove it here [alias]" in err


def test_the_old_address_redirects_keeping_the_section(published: Path, browser: Any) -> None:
    _rename(published, aliases=True)
    _use_new_id(published)
    status, err = _run(published, "build")
    assert status == 0, err
    site = published / "site"
    html = (site / "bottlenecks" / OLD / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://playbook.intranet.example/bottlenecks/' \
           f'{NEW}/">' in html
    assert f'<a href="../../bottlenecks/{NEW}/">Help desk swamped</a>' in html
    server = serve_in_background(site)
    try:
        tab = browser.new_page()
        tab.goto(f"{server.url}/bottlenecks/{OLD}/#fixes")
        tab.wait_for_url(f"**/bottlenecks/{NEW}/#fixes")
        assert tab.locator("h1").first.inner_text().startswith("Help desk swamped")
        tab.close()
    finally:
        server.shutdown()
        server.server_close()


def test_a_moved_hand_written_page_redirects(published: Path) -> None:
    docs = published / "docs"
    (docs / "guide.md").write_text("---\naliases: [old-guide.md]\n---\n\n# The guide\n",
                                   encoding="utf-8")
    status, err = _run(published, "build")
    assert status == 0, err
    html = (published / "site" / "old-guide" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../guide/">The guide</a>' in html


def test_redirect_pages_escape_what_they_show() -> None:
    html = redirect_html(Redirect("a/old/", "a/new/", '</script><b x="1">'))
    assert "</script><b" not in html.replace("</script>\n</head>", "")
    assert "&lt;/script&gt;&lt;b x=&quot;1&quot;&gt;" in html


@pytest.mark.parametrize(("uri", "url"), [("index.md", ""), ("a/index.md", "a/"),
                                          ("a/b.md", "a/b/"), ("our-plan.md", "our-plan/")])
def test_page_addresses(uri: str, url: str) -> None:
    assert page_url(uri) == url


def test_the_committed_registry_holds_every_address_the_site_publishes() -> None:
    project = load_project(ROOT)
    assert check_site(ROOT, project) == []
    recorded = {(edition, url) for _, edition, url in read_registry(ROOT)}
    missing = sorted((edition, url) for edition, urls in project.published.items()
                     for url in urls if (edition, url) not in recorded)
    assert missing == [], "run `playbook urls` and commit data/published-urls.txt"
