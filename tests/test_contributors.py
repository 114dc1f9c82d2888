"""The contributors' section: a page per kind and one for overlays, made from the schemas the
loader validates with, each with a valid example that the real loader accepts."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT, article, build, make_project, page

from macros.catalog import load_catalog
from macros.editions import schema as overlay
from macros.editions.load import load_edition
from macros.kinds import KINDS
from macros.pages import contributing
from macros.pages.contributing import Field, fields
from macros.schema import Schema

NAV = [{"Home": "index.md"},
       {"Contributing": [{"Record kinds": contributing.KINDS_INDEX}, contributing.OVERLAYS]}]


class _Rows(HTMLParser):
    """The text of every table row's cells, as a reader sees it."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _rows(html: str) -> dict[str, list[str]]:
    parser = _Rows()
    parser.feed(article(html))
    return {row[0]: row for row in parser.rows if row and row[0] != "Field"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("contributors") / "project", nav=NAV)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _expect_fields(html: str, schema: Schema, name: str) -> None:
    rows = _rows(html)
    listed: list[Field] = list(fields(schema))
    assert listed, name
    for field in listed:
        assert field.path in rows, f"{name}: field {field.path} is not listed"
        row = rows[field.path]
        assert len(row) == 5, row
        assert row[2] == ("yes" if field.rules.get("required") else "no"), row
        assert field.description.strip(), f"{name}: {field.path} has no description"
        assert row[4] == " ".join(field.description.split()), row
    assert set(rows) == {f.path for f in listed}, f"{name}: rows that are not fields"


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_page_lists_every_field_with_its_description(site: Path, name: str) -> None:
    html = page(site, f"contributing/kinds/{name}/")
    _expect_fields(html, KINDS[name].schema, name)
    found = contributing.example(name)
    assert found is not None, f"macros/kinds/{name.replace('-', '_')}.py has no example record"
    assert 'id="example"' in html and found.path in article(html)


def test_the_overlay_page_lists_every_field_and_its_example(site: Path) -> None:
    html = page(site, "contributing/overlays/")
    _expect_fields(html, overlay.SCHEMA, "orgs")
    text = article(html)
    assert 'id="example"' in text and "Brightpath Software" in text


def test_the_kinds_index_links_every_kind_and_the_nav_lists_them(site: Path) -> None:
    index = page(site, "contributing/kinds/")
    for name, kind in KINDS.items():
        assert f'<a href="{name}/">{kind.title}</a>' in article(index)
    # The navigation (pruned to the open section) lists every kind page below the index.
    nav = index[:index.index("<article")]
    for name in KINDS:
        assert f'href="{name}/"' in nav


def test_values_are_escaped() -> None:
    rules = {"note": {"type": "string", "allowed": ["<b>", "*x*"],
                      "meta": {"description": "<script>alert(1)</script> [x](javascript:y)"}}}
    table = contributing.field_table(rules, contributing.OVERLAYS)
    assert "<script>" not in table and "<b>" not in table
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(javascript:y\\)" in table
    assert "one of: &lt;b&gt;, \\*x\\*" in table


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_example_loads_cleanly(shipped: Path, name: str) -> None:
    """The example replaces (or joins) the shipped records; the whole catalog, references
    included, still loads without a problem."""
    found = contributing.example(name)
    assert found is not None
    (shipped / found.path).write_text(found.text, encoding="utf-8")
    catalog, problems = load_catalog(shipped)
    assert [p.format() for p in problems] == []
    record_id = Path(found.path).stem
    assert catalog.require(name, record_id).data["id"] == record_id


def test_the_overlay_example_loads_cleanly(shipped: Path) -> None:
    found = contributing.overlay_example()
    assert found is not None
    (shipped / found.path).write_text(found.text, encoding="utf-8")
    # The logo it names, in the overlay's own folder, as its author would add it.
    folder = shipped / found.path.removesuffix(".yml")
    folder.mkdir(exist_ok=True)
    shutil.copy(EXAMPLES / "orgs" / "valid" / "acme" / "logo.png", folder / "logo.png")
    edition, problems = load_edition(shipped, Path(found.path).stem)
    assert [p.format() for p in problems] == []
    assert edition is not None and edition.org["name"] == "Brightpath Software"


def test_the_record_kinds_entry_grows_into_a_page_per_kind() -> None:
    from macros.catalog import Catalog
    from macros.navigation import expand_nav

    nav = expand_nav([{"Contributing": ["contributing/index.md",
                                        {"Record kinds": contributing.KINDS_INDEX}]}], Catalog())
    assert nav == [{"Contributing": ["contributing/index.md", {"Record kinds": [
        contributing.KINDS_INDEX,
        *({kind.title: f"contributing/kinds/{name}.md"} for name, kind in KINDS.items())]}]}]
