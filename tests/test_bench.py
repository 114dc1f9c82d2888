"""The benches' project-making helpers still make valid projects (no timings here)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from benchkit import (  # noqa: E402
    count_pages,
    make_bare,
    make_hugo,
    make_project,
    set_editions,
    snapshot,
    write_records,
)
from build_speed import phases  # noqa: E402

from macros.catalog import load_catalog  # noqa: E402
from macros.editions.load import edition_slugs, load_project  # noqa: E402


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return snapshot(tmp_path_factory.mktemp("bench") / "snapshot")


def test_generated_records_are_valid(tmp_path: Path) -> None:
    write_records(tmp_path / "data", 12)
    catalog, problems = load_catalog(tmp_path)
    assert problems == []
    assert len(catalog.records["bottlenecks"]) == 12


def test_project_with_records_and_editions_checks_clean(source: Path, tmp_path: Path) -> None:
    project = make_project(source, tmp_path / "project", 6, editions=5)  # verifies itself
    assert edition_slugs(project) == [f"edition-{n:02d}" for n in range(1, 6)]
    assert load_project(project).problems == []
    assert set_editions(project, 2) == 2
    assert edition_slugs(project) == ["edition-01", "edition-02"]


def test_bare_and_hugo_trees_hold_every_generated_page(source: Path, tmp_path: Path) -> None:
    project = make_project(source, tmp_path / "project", 3)
    capture = tmp_path / "capture"  # empty: only the generated pages, no captured docs/ pages
    capture.mkdir()
    bare = make_bare(project, tmp_path / "bare", capture)
    pages = count_pages(bare / "docs")
    assert (bare / "docs" / "bottlenecks" / "generated-0003.md").is_file()
    assert (bare / "mkdocs.yml").is_file()
    hugo = make_hugo(bare, tmp_path / "hugo")
    assert count_pages(hugo / "content") == pages
    assert (hugo / "content" / "bottlenecks" / "_index.md").is_file()


def test_breakdown_parts_add_up_to_the_wall_time() -> None:
    sep = " > "
    timers = {
        "load_project": 1.0, f"load_project{sep}load_file": 0.4,
        "check_site": 0.5, f"check_site{sep}generate": 0.2,
        "run_mkdocs": 3.0, f"run_mkdocs{sep}import": 0.1, f"run_mkdocs{sep}load_config": 0.2,
        f"run_mkdocs{sep}build": 2.5,
        f"run_mkdocs{sep}build{sep}plugin:hooks/playbook.py": 0.3,
        f"run_mkdocs{sep}build{sep}plugin:hooks/playbook.py{sep}generate": 0.25,
        f"run_mkdocs{sep}build{sep}_populate_page": 0.8,
        f"run_mkdocs{sep}build{sep}_populate_page{sep}plugin:macros": 0.1,
        f"run_mkdocs{sep}build{sep}_build_page": 1.0,
        f"run_mkdocs{sep}build{sep}_build_page{sep}plugin:material/search": 0.3,
    }
    parts = phases({"timers": timers, "main": 4.7, "wall": 5.0})
    assert sum(parts.values()) == pytest.approx(5.0)
    assert parts["load: read + parse YAML"] == pytest.approx(0.4)
    assert parts["generate pages (MkDocs hook)"] == pytest.approx(0.25)
    assert parts["MkDocs: our hooks without generate"] == pytest.approx(0.05)
    assert parts["MkDocs: search plugin"] == pytest.approx(0.3)
    assert parts["MkDocs: Material page templates"] == pytest.approx(0.7)
    assert all(seconds >= 0 for seconds in parts.values())
