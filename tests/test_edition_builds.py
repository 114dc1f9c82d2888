"""Each example edition builds on its own and all of them together, with nothing leaking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ROOT, article, page, search_index

from macros.cli import main

EDITIONS = {"brightpath": "Brightpath Software", "harborline": "Harborline Logistics",
            "cedarfield": "Cedarfield Health Partners"}


@pytest.fixture(scope="module")
def all_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("editions")
    assert main(["--root", str(ROOT), "build", "--all", "--out", str(out)]) == 0
    return out


def test_all_editions_and_an_index_of_them(all_sites: Path) -> None:
    index = (all_sites / "index.html").read_text()
    for slug, name in {"default": "Default edition", **EDITIONS}.items():
        assert f'<a href="{slug}/">{name}</a>' in index
        assert (all_sites / slug / "index.html").is_file()
        assert (all_sites / slug / "templates" / "rapid" / "index.html").is_file()


@pytest.mark.parametrize("slug", EDITIONS)
def test_edition_home_carries_the_organization_name(all_sites: Path, slug: str) -> None:
    home = (all_sites / slug / "index.html").read_text()
    assert f"<title>{EDITIONS[slug]} · AI Scaling Playbook</title>" in home
    assert f'<span class="md-ellipsis">\n            {EDITIONS[slug]} · AI Scaling Playbook' in home
    assert (all_sites / slug / "our-plan" / "index.html").is_file()


def test_same_urls_as_the_default_edition(all_sites: Path) -> None:
    def urls(site: Path) -> set[str]:
        found = {str(p.relative_to(site)) for p in site.rglob("index.html")}
        return found - {"our-plan/index.html"}
    default = urls(all_sites / "default")
    assert urls(all_sites / "brightpath") == default
    excluded = {"bottlenecks/infrastructure-load/index.html"}
    assert urls(all_sites / "cedarfield") == default - excluded


def test_organic_edition_shows_its_own_figures(all_sites: Path) -> None:
    plan = article(page(all_sites / "cedarfield", "our-plan"))
    assert "Cedarfield Health Partners" in plan
    assert "Sustainable scaling" in plan
    assert "240" in plan and "$333" in plan
    template = article(page(all_sites / "cedarfield", "templates/organic"))
    assert "For Cedarfield Health Partners" in template
    assert "240+ people" in template and "Sep 2028" in template


def test_excluded_record_leaves_no_trace(all_sites: Path) -> None:
    site = all_sites / "cedarfield"
    gone = "bottlenecks/infrastructure-load/"
    assert not (site / gone).exists()
    assert not any(doc["location"].startswith(gone) for doc in search_index(site))
    assert gone not in (site / "sitemap.xml").read_text()
    for html in site.rglob("*.html"):
        assert gone not in html.read_text(), html
    assert gone in (all_sites / "default" / "sitemap.xml").read_text()


def test_edition_site_url_and_palette(all_sites: Path) -> None:
    assert "https://ai.brightpath.example/templates/rapid/" in (
        all_sites / "brightpath" / "sitemap.xml").read_text()
    home = (all_sites / "brightpath" / "index.html").read_text()
    assert 'data-md-color-primary="purple"' in home and 'data-md-color-accent="amber"' in home


def test_search_index_of_an_edition_is_its_own(all_sites: Path) -> None:
    titles = {d["title"] for d in search_index(all_sites / "brightpath")}
    assert "Our plan at Brightpath Software" in titles
    assert "Champions burning out" in titles
    raw = json.dumps(search_index(all_sites / "default"))
    assert "Our plan at" not in raw


def test_a_link_to_an_excluded_record_fails_the_build_naming_the_overlay_line(
        tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    from helpers import EXAMPLES, make_project

    data = tmp_path / "data"
    shutil.copytree(EXAMPLES / "valid", data)
    shutil.copytree(EXAMPLES / "orgs" / "valid", data / "orgs")
    project = make_project(tmp_path / "p", data=data)   # its home page embeds hostile-input
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "PLAYBOOK_EDITION": "acme", "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert ("bottlenecks record 'hostile-input' is excluded from this edition by "
            "data/orgs/acme.yml:37:17") in result.stdout + result.stderr


def test_branding_logo_and_an_escaped_name(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    from helpers import EXAMPLES, make_project

    data = tmp_path / "data"
    shutil.copytree(EXAMPLES / "valid", data)
    shutil.copytree(EXAMPLES / "orgs" / "valid", data / "orgs")
    overlay = data / "orgs" / "acme.yml"
    # Keep hostile-input, which the example home page embeds.
    overlay.write_text(overlay.read_text().split("exclude:")[0])
    project = make_project(tmp_path / "p", data=data)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "PLAYBOOK_EDITION": "acme", "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "assets" / "edition-logo.png").read_bytes().startswith(b"\x89PNG")
    home = (site / "index.html").read_text()
    assert 'src="assets/edition-logo.png"' in home
    assert "<title>Acme &lt;Robotics&gt; &amp; Co · AI Scaling Playbook</title>" in home
    assert "<Robotics>" not in home
    plan = article(page(site, "our-plan"))
    assert "Our plan at Acme &lt;Robotics&gt; &amp; Co" in plan
    assert "We have chosen" in plan and "€200K available" in plan
