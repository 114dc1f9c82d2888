"""Build a small site from the example data into tmp_path and read what MkDocs wrote."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES, article, build, make_project, page, search_index


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("examples"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_one_page_per_record_and_an_index_per_kind(site: Path) -> None:
    for record in (EXAMPLES / "valid").glob("*/*.yml"):
        assert (site / record.parent.name / record.stem / "index.html").is_file()
        assert (site / record.parent.name / "index.html").is_file()


def test_template_page_shows_its_figures(site: Path) -> None:
    html = page(site, "templates/steady")
    assert "$100K" in html                     # budget total
    assert "$150K-$300K" in html              # budget range
    assert "15 × 500 × 6 = $45K" in html       # a line's basis, worked out
    assert "Editor&#39;s note" in html or "Editor's note" in html
    assert "The source states $40K for incentives, but its own figures give $20K" in html
    assert "$500 per employee, or $625 per adopted person (160 people" in html
    assert 'id="phase-first"' in html and 'id="budget"' in html
    assert 'href="../../waves/wave-1/"' in html
    assert 'href="../../bottlenecks/support-overwhelmed/"' in html
    # Derived head count where the data states none: 80% of 200.
    assert "80%+ of the organization (160+ people)" in html


def test_without_a_repository_no_page_has_an_edit_link(site: Path) -> None:
    # With `repo_url` and `edit_uri`, a generated page links to its YAML file instead:
    # tests/test_print.py builds that case.
    html = page(site, "bottlenecks/support-overwhelmed")
    assert "md-content__button" not in html and "/edit/" not in html


def test_search_index_holds_every_record_title(site: Path) -> None:
    titles = {doc["title"] for doc in search_index(site)}
    for title in ["Steady test template", "First movers", "Everyone else", "Help desk swamped",
                  "Test pilot package", "Year 1: Foundation", "Year 2: Going further"]:
        assert title in titles


def test_data_is_never_evaluated_or_injected(site: Path) -> None:
    for html in (article(page(site, "bottlenecks/hostile-input")), article(page(site, ""))):
        assert "{{ 7*7 }}" in html
        assert "Sneaky {{ 7*7 }} &lt;b&gt;bold&lt;/b&gt; &lt;/title&gt;&lt;script&gt;" in html
        assert "&lt;script&gt;document.title=" in html
        assert "<script>document.title" not in html
        assert "<img src=x" not in html
        assert 'href="javascript' not in html and "onclick=alert" not in html.replace(
            "{: onclick=alert(1) }", "")
        assert "uid=" not in html                       # the os.popen payload never ran
        assert 'id="top"' not in html                   # no attribute injected
    html = page(site, "bottlenecks/hostile-input")
    full = page(site, "bottlenecks/hostile-input")
    assert ("<title>Sneaky {{ 7*7 }} &lt;b&gt;bold&lt;/b&gt; &lt;/title&gt;&lt;script&gt;alert(1)"
            "&lt;/script&gt; - AI Scaling Playbook</title>") in full
    assert "<script>alert(1)" not in full
    assert "# Not a heading {: #top } - not a list" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_nothing_is_fetched_from_another_host(site: Path) -> None:
    for html_file in site.rglob("*.html"):
        html = html_file.read_text()
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            external = re.search(r"(?:src|href)=\"(?:https?:)?//", tag)
            assert not external or 'rel="canonical"' in tag, (
                html_file, tag)
    assert "fonts.googleapis" not in "".join(p.read_text() for p in site.rglob("*.html"))


def test_a_broken_link_fails_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES / "docs", docs)
    (docs / "index.md").write_text((docs / "index.md").read_text()
                                   + "\n[gone](bottlenecks/nope.md) "
                                   "[bad anchor](waves/wave-1.md#nope)\n")
    result = build(make_project(tmp_path / "p", docs=docs))
    assert result.returncode != 0
    assert "bottlenecks/nope.md" in result.stderr
    assert "#nope" in result.stderr


@pytest.mark.parametrize("snippet, error", [
    ("{{ no_such_variable }}", "no_such_variable"),
    ('{{ bottleneck("no-such-id") }}', "no bottlenecks record 'no-such-id'"),
])
def test_macro_errors_fail_the_build(tmp_path: Path, snippet: str, error: str) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES / "docs", docs)
    (docs / "index.md").write_text((docs / "index.md").read_text() + f"\n{snippet}\n")
    result = build(make_project(tmp_path / "p", docs=docs))
    assert result.returncode != 0
    assert error in result.stdout + result.stderr


def test_bad_data_fails_the_build_with_every_problem(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES / "valid", data)
    shutil.copy(EXAMPLES / "invalid/templates/budget-sum.yml", data / "templates")
    shutil.copy(EXAMPLES / "invalid/bottlenecks/bad-id.yml", data / "bottlenecks")
    result = build(make_project(tmp_path / "p", data=data))
    assert result.returncode != 0
    assert "data/templates/budget-sum.yml:51:10: error: budget lines add up to" in result.stderr
    assert "data/bottlenecks/bad-id.yml:2:5: error: 'id' is 'Bad_Id'" in result.stderr
    assert "3 problems found" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_kinds_escape_their_values(site: Path) -> None:
    stage = article(page(site, "stages/everyone"))
    assert "&lt;b&gt;sceptics&lt;/b&gt; &amp; [holdouts](javascript:alert(1))" in stage
    assert "<b>sceptics" not in stage and 'href="javascript' not in stage
    ladder = article(page(site, "stages"))
    assert "&lt;b&gt;sceptics&lt;/b&gt;" in ladder and "<b>sceptics" not in ladder
    practice = article(page(site, "practices/test-practice"))
    start = practice.index('id="pdca"')
    svg = practice[practice.index("<svg", start):practice.index("</svg>", start)]
    assert ">Set &lt;goals&gt;</text>" in svg and "<goals>" not in svg


def test_every_kind_has_an_index_and_record_pages(site: Path) -> None:
    from macros.kinds import KINDS

    for kind in KINDS:
        assert (site / kind / "index.html").is_file(), kind
