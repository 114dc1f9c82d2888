"""The opening text of each kind's index page comes from data/index-pages.yml: every kind has
one, an edit shows on the built page (as plain text), a bad file is a positioned problem, and
the page cache re-renders only the index page whose intro changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers import EXAMPLES, ROOT, article, build, make_project, page

from macros.catalog import Catalog, load_catalog
from macros.cli import main
from macros.editions.load import load_project
from macros.intros import INTROS_FILE
from macros.kinds import KINDS
from macros.md import paragraphs
from macros.pages import PageCache, generate
from macros.pages.context import index_uri

# Markdown, HTML and a template expression: an intro must show them as the characters typed.
EDITED = "Edited *intro* <b>bold</b> {{ 1 + 1 }} [link](https://example.com)."
SHOWN = "Edited *intro* &lt;b&gt;bold&lt;/b&gt; {{ 1 + 1 }} [link](https://example.com)."


def shipped_intros() -> dict[str, dict[str, str]]:
    intros: dict[str, dict[str, str]] = yaml.safe_load((ROOT / "data" / INTROS_FILE).read_text())
    return intros


def data_with_intros(dest: Path, **changed: str) -> Path:
    """A copy of the valid examples with the shipped intros file, some intros `changed`
    (keyword names use `_` for `-`)."""
    shutil.copytree(EXAMPLES / "valid", dest)
    intros = shipped_intros()
    for kind, text in changed.items():
        intros[kind.replace("_", "-")]["intro"] = text
    (dest / INTROS_FILE).write_text(yaml.safe_dump(intros, sort_keys=False))
    return dest


def test_every_kind_has_an_intro_and_its_index_page_shows_it() -> None:
    catalog, problems = load_catalog(ROOT)
    assert problems == []
    assert list(shipped_intros()) == list(KINDS)
    pages = {p.uri: p.markdown for p in generate(catalog)}
    for kind in KINDS:
        intro = catalog.intro(kind)
        shipped = shipped_intros()[kind]["intro"]
        assert intro and intro.split() == shipped.split(), kind
        # Right under the heading, paragraph by paragraph (an intro may have several).
        opening = pages[index_uri(kind)].split("\n\n")[1:1 + len(paragraphs(intro).split(
            "\n\n"))]
        assert "\n\n".join(opening) == paragraphs(intro), kind


def test_an_edited_intro_shows_as_text_on_the_built_index_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project",
                           data=data_with_intros(tmp_path / "data", waves=EDITED))
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = article(page(project / "site", "waves/"))
    assert f"<p>{SHOWN}</p>" in html
    assert "<b>" not in html and "<em>" not in html and 'href="https://example.com"' not in html
    # The other index pages keep their own intro.
    assert shipped_intros()["bottlenecks"]["intro"].split(".")[0] in \
        article(page(project / "site", "bottlenecks/"))


def test_blank_lines_make_paragraphs(tmp_path: Path) -> None:
    data_with_intros(tmp_path / "data", lessons="First one.\n\nSecond one.")
    catalog, problems = load_catalog(tmp_path)
    assert problems == []
    lessons = next(p.markdown for p in generate(catalog) if p.uri == "lessons/index.md")
    assert lessons.startswith("# Lessons\n\nFirst one\\.\n\nSecond one\\.\n\n| Lessons |")


def test_export_writes_the_edited_intro(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project",
                           data=data_with_intros(tmp_path / "data", try_it_now=EDITED))
    assert main(["--root", str(project), "export", "--out", str(tmp_path / "out")]) == 0
    markdown = (tmp_path / "out" / "docs" / "try-it-now" / "index.md").read_text()
    assert markdown.split("\n\n")[1] == ("Edited \\*intro\\* &lt;b&gt;bold&lt;/b&gt; \\{\\{ 1 "
                                         "\\+ 1 \\}\\} \\[link\\]\\(https://example\\.com\\)\\.")


BAD_FILE = """\
bottleneck:
  intro: A typo in the kind.
waves:
  intro: [a list]
stages:
  intro: ""
"""


def test_a_bad_intros_file_gives_positioned_problems(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = data_with_intros(tmp_path / "data")
    intros = shipped_intros()
    kept = {kind: intros[kind] for kind in KINDS if kind not in ("bottlenecks", "waves", "stages")}
    (data / INTROS_FILE).write_text(BAD_FILE + yaml.safe_dump(kept, sort_keys=False))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    assert main(["--root", str(tmp_path), "check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "data/index-pages.yml:1:1: error: 'bottlenecks' is required: add `bottlenecks: ...` "
        "here [required]",
        "data/index-pages.yml:1:1: error: unknown field 'bottleneck': did you mean "
        f"'bottlenecks'? allowed here: {', '.join(sorted(KINDS))} [unknown-field]",
        "data/index-pages.yml:4:10: error: 'waves.intro' must be text, not a list [type]",
        "data/index-pages.yml:6:10: error: 'stages.intro' is empty: write some text or delete "
        "the line [empty]",
        "4 problems found",
    ]


def test_an_intros_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    (tmp_path / "data" / INTROS_FILE).write_text("- stages\n- waves\n")
    _, problems = load_catalog(tmp_path)
    assert [p.format() for p in problems] == [
        "data/index-pages.yml:1:1: error: index-pages.yml must be a YAML mapping with one "
        "`<kind>: {intro: ...}` entry per kind [type]"]


def test_without_the_file_index_pages_have_no_intro(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    catalog, problems = load_catalog(tmp_path)
    assert problems == [] and catalog.intros == {}
    lessons = next(p.markdown for p in generate(catalog) if p.uri == "lessons/index.md")
    assert lessons.startswith("# Lessons\n\n\n\n| Lessons | In short |")


def test_editing_one_intro_renders_that_index_page_only() -> None:
    base, problems = load_catalog(ROOT)
    assert problems == []
    cache = PageCache(base)
    before = {p.uri: p for p in generate(base, None, cache)}
    edited = Catalog(base.records, base.excluded, base.broken,
                     {**base.intros, "waves": "A new opening."})
    after = {p.uri: p for p in generate(edited, None, cache)}
    rendered = {uri for uri in cache.pages if after[uri] is not before[uri]}
    assert rendered == {"waves/index.md"}
    assert after["waves/index.md"].markdown.split("\n\n")[1] == "A new opening\\."


def test_editions_show_the_base_intros() -> None:
    project = load_project(ROOT)
    assert project.problems == []
    for edition in project.editions.values():
        assert edition.catalog.intros is project.base.intros, edition.slug
