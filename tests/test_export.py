"""`playbook export` writes a tree that MkDocs 1.6, ProperDocs and Zensical all build into the
same pages with the same section anchors as `playbook build`.

Each other engine is installed from PyPI, at a pinned version, into a virtualenv of its own
under .venv-engines/ (kept between runs, rebuilt when the pins change).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from helpers import EXAMPLES, ROOT, make_project

from macros.cli import main
from macros.export import expand_page
from macros.output import MARKER

ENGINES_DIR = ROOT / ".venv-engines"
# zensical 0.0.74 and later need zensical-ui, which the package index does not serve.
# The engines get the Markdown and pymdown-extensions of the project's own venv, so that all
# of them write headings (and their ids) with the same code.
ENGINES = {
    "properdocs": ["properdocs==1.6.7", f"mkdocs-material=={version('mkdocs-material')}"],
    "zensical": ["zensical==0.0.73"],
}
SHARED_PINS = [f"markdown=={version('markdown')}",
               f"pymdown-extensions=={version('pymdown-extensions')}"]
STAMP = ".installed"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
EDITIONS = [None, "brightpath"]
HEADING_ID = re.compile(r"<h[23]\b[^>]*\bid=\"([^\"]+)\"")
EDIT_BUTTON = re.compile(r"<a [^>]*rel=\"edit\"[^>]*>.*?</a>", re.S)

Builder = Callable[[Path, Path], Path]   # (exported tree, scratch folder) -> built site


# ---- the engines ----------------------------------------------------------------------------

def _engine(name: str) -> Path:
    """The virtualenv of engine `name`, installed from PyPI unless it already is, pinned."""
    venv = ENGINES_DIR / name
    wanted = "\n".join([*ENGINES[name], *SHARED_PINS]) + "\n"
    stamp = venv / STAMP
    if stamp.is_file() and stamp.read_text() == wanted:
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    steps = [[sys.executable, "-m", "venv", str(venv)],
             [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
              *ENGINES[name], *SHARED_PINS]]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True)
        if result.returncode != 0:
            shutil.rmtree(venv, ignore_errors=True)
            message = f"cannot install {name} ({' '.join(ENGINES[name])}): {result.stderr[-2000:]}"
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
    stamp.write_text(wanted)
    return venv


def _run(args: list[str], cwd: Path) -> None:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="session")
def builders() -> dict[str, Builder]:
    """Each engine as a function that builds an exported tree, strictly, into a site."""
    properdocs = _engine("properdocs") / "bin" / "properdocs"
    zensical = _engine("zensical") / "bin" / "zensical"

    def proper(tree: Path, scratch: Path) -> Path:
        site = scratch / "properdocs"
        _run([str(properdocs), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)], tree)
        return site

    def zen(tree: Path, scratch: Path) -> Path:
        # Zensical has no --site-dir: it builds into the tree's site/ (and keeps a .cache/).
        copy = scratch / "zensical-tree"
        shutil.copytree(tree, copy)
        _run([str(zensical), "build", "--strict", "-f", "mkdocs.yml"], copy)
        return copy / "site"

    return {"mkdocs": mkdocs_build, "properdocs": proper, "zensical": zen}


def mkdocs_build(tree: Path, scratch: Path) -> Path:
    """Build an exported tree with the MkDocs of the project's own venv (nothing to install)."""
    site = scratch / "mkdocs"
    # No -q or -v: either one turns --strict off in MkDocs 1.6.1.
    _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml",
          "-d", str(site)], tree)
    return site


def _export(root: Path, out: Path, edition: str | None = None) -> Path:
    args = ["--root", str(root), "export", "--out", str(out)]
    assert main([*args, "--edition", edition] if edition else args) == 0
    return out


def _playbook_build(root: Path, out: Path, edition: str | None = None) -> Path:
    args = ["--root", str(root), "build", "--out", str(out)]
    assert main([*args, "--edition", edition] if edition else args) == 0
    return out


def articles(site: Path) -> dict[str, str]:
    """Every page's own content, without the edit button and with whitespace folded."""
    found = {}
    for file in site.rglob("index.html"):
        html = file.read_text(encoding="utf-8")
        start = html.find("<article")
        content = EDIT_BUTTON.sub("", html[start:html.find("</article>", start)])
        found[file.parent.relative_to(site).as_posix()] = " ".join(content.split())
    return found


def anchors(site: Path) -> dict[str, set[str]]:
    """Every page of a built site (its folder URL) with the ids of its h2 and h3 headings."""
    found = {}
    for file in site.rglob("index.html"):
        html = file.read_text(encoding="utf-8")
        start = html.find("<article")
        content = html[start:html.find("</article>", start)] if start >= 0 else ""
        found[file.parent.relative_to(site).as_posix()] = set(HEADING_ID.findall(content))
    return found


# ---- the real playbook, in every engine -----------------------------------------------------

@pytest.fixture(scope="module", params=EDITIONS, ids=lambda e: e or "default")
def real(request: pytest.FixtureRequest, builders: dict[str, Builder],
         tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """The playbook's real data exported (default edition, then an organization's) and built
    by `playbook build` and by each engine from the export."""
    edition: str | None = request.param
    scratch = tmp_path_factory.mktemp(edition or "default")
    tree = _export(ROOT, scratch / "export", edition)
    sites = {"playbook build": _playbook_build(ROOT, scratch / "built", edition)}
    sites.update({name: build(tree, scratch) for name, build in builders.items()})
    return tree, sites


def test_every_engine_builds_the_pages_and_anchors_of_playbook_build(
        real: tuple[Path, dict[str, Path]]) -> None:
    tree, sites = real
    expected = anchors(sites["playbook build"])
    pages = {uri.removesuffix(".md").removesuffix("index").rstrip("/") or "."
             for uri in (p.relative_to(tree / "docs").as_posix()
                         for p in (tree / "docs").rglob("*.md"))}
    assert set(expected) == pages
    assert sum(len(ids) for ids in expected.values()) > 100
    for engine in ("mkdocs", "properdocs", "zensical"):
        got = anchors(sites[engine])
        assert set(got) == set(expected), f"{engine}: pages differ: {set(got) ^ set(expected)}"
        differ = {p: got[p] ^ expected[p] for p in expected if got[p] != expected[p]}
        assert not differ, f"{engine}: section anchors differ: {differ}"
    # MkDocs and ProperDocs run the same theme: even the HTML of each page's content is the same.
    built = articles(sites["playbook build"])
    for engine in ("mkdocs", "properdocs"):
        got = articles(sites[engine])
        assert [p for p in built if got[p] != built[p]] == [], engine


def test_the_tree_needs_no_hooks_and_no_macros(real: tuple[Path, dict[str, Path]]) -> None:
    tree, _ = real
    config = yaml.safe_load((tree / "mkdocs.yml").read_text())
    assert "hooks" not in config and "watch" not in config and "edit_uri" not in config
    assert [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]] == ["search"]
    assert config["strict"] is True and config["validation"]["links"]["anchors"] == "warn"
    assert config["theme"]["name"] == "material"
    assert config["theme"]["custom_dir"] == "overrides"
    assert (tree / "overrides" / "main.html").read_text() == \
        (ROOT / "hooks" / "theme" / "main.html").read_text()
    assert config["markdown_extensions"] == \
        yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]
    for page in (tree / "docs").rglob("*.md"):
        text = page.read_text()
        assert "{{" not in text and "{%" not in text and "render_macros" not in text, page
    home = (tree / "docs" / "index.md").read_text()
    assert home.lstrip("\n").startswith("# AI Scaling Playbook\n")
    assert "[our support](support-tiers/tier-2.md)" in home
    assert "[Champions burning out](bottlenecks/champion-burnout.md)" in home
    assert (tree / MARKER).is_file()


def test_an_edition_keeps_its_settings_in_every_engine(
        real: tuple[Path, dict[str, Path]]) -> None:
    tree, sites = real
    config = yaml.safe_load((tree / "mkdocs.yml").read_text())
    if "Our plan" not in str(config["nav"]):
        assert config["site_name"] == "AI Scaling Playbook"
        return
    assert config["nav"][1] == {"Our plan": "our-plan.md"}
    assert config["site_name"] == "Brightpath Software · AI Scaling Playbook"
    assert config["site_url"] == "https://ai.brightpath.example/"
    assert [(s["scheme"], s["primary"], s["accent"]) for s in config["theme"]["palette"]] == [
        ("default", "purple", "amber"), ("slate", "purple", "amber")]
    for engine, site in sites.items():
        home = (site / "index.html").read_text()
        assert "Brightpath Software · AI Scaling Playbook" in home, engine
        assert 'data-md-color-primary="purple"' in home, engine
        assert 'href="https://ai.brightpath.example/templates/rapid/"' in (
            site / "templates" / "rapid" / "index.html").read_text(), engine


# ---- hostile values and a logo, in every engine ---------------------------------------------

@pytest.fixture(scope="module")
def example(builders: dict[str, Builder], tmp_path_factory: pytest.TempPathFactory
            ) -> dict[str, dict[str, Path]]:
    """The example data (a record with hostile values) and the acme edition (a logo, a name
    with markup) exported and built by every engine."""
    scratch = tmp_path_factory.mktemp("example")
    data = scratch / "data"
    shutil.copytree(EXAMPLES / "valid", data)
    shutil.copytree(EXAMPLES / "orgs" / "valid", data / "orgs")
    overlay = data / "orgs" / "acme.yml"
    # Keep hostile-input, which the example home page embeds.
    overlay.write_text(overlay.read_text().split("exclude:")[0])
    project = make_project(scratch / "project", data=data)
    sites: dict[str, dict[str, Path]] = {}
    for edition in (None, "acme"):
        name = edition or "default"
        tree = _export(project, scratch / name / "export", edition)
        sites[name] = {engine: build(tree, scratch / name) for engine, build in builders.items()}
        sites[name]["playbook build"] = _playbook_build(project, scratch / name / "built",
                                                        edition)
        sites[name]["tree"] = tree
    return sites


def test_hostile_titles_stay_text_in_every_engine(example: dict[str, dict[str, Path]]) -> None:
    for engine, site in example["default"].items():
        if engine == "tree":
            continue
        html = (site / "bottlenecks" / "hostile-input" / "index.html").read_text()
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title and "Sneaky {{ 7*7 }}" in title.group(1), engine
        assert "<script>alert" not in html and "<script>document" not in html, engine
        assert "<b>bold" not in html, engine
        assert anchors(site) == anchors(example["default"]["playbook build"]), engine


def test_the_edition_logo_and_escaped_name_in_every_engine(
        example: dict[str, dict[str, Path]]) -> None:
    tree = example["acme"]["tree"]
    logo = EXAMPLES / "orgs" / "valid" / "acme" / "logo.png"
    assert (tree / "docs" / "assets" / "edition-logo.png").read_bytes() == logo.read_bytes()
    for engine, site in example["acme"].items():
        if engine == "tree":
            continue
        home = (site / "index.html").read_text()
        assert (site / "assets" / "edition-logo.png").is_file(), engine
        assert re.search(r'<img src="(\./)?assets/edition-logo\.png"', home), engine
        assert "Acme &lt;Robotics&gt; &amp; Co · AI Scaling Playbook" in home, engine
        assert "<Robotics>" not in home, engine
        assert (site / "our-plan" / "index.html").is_file(), engine


# ---- the command ----------------------------------------------------------------------------

def test_expand_page_calls_the_macros_and_drops_the_switch(tmp_path: Path) -> None:
    from macros.catalog import load_catalog

    catalog, problems = load_catalog(make_project(tmp_path))
    assert not problems
    text = ('---\ntitle: Home\nrender_macros: true\n---\n\nSee {{ link("waves", "wave-1") }}'
            ' and {# a note #}[fixes]({{ href("bottlenecks", "support-overwhelmed", "fixes") }})'
            ".\n")
    assert expand_page("sub/page.md", text, catalog, None) == (
        "---\ntitle: Home\n---\n\nSee [First movers](../waves/wave-1.md) and "
        "[fixes](../bottlenecks/support-overwhelmed.md#fixes).\n")
    plain = "---\nrender_macros: false\n---\n\n# Plain {{ not expanded }}\n"
    assert expand_page("p.md", plain, catalog, None) == "\n# Plain {{ not expanded }}\n"


def test_hand_written_pages_of_an_edition_in_euros_say_us_dollars_like_the_build(
        tmp_path: Path) -> None:
    """The export labels a hand-written page's dollar figures (its own text and what its macros
    return) as the MkDocs hook does, and leaves its front matter alone, as MkDocs does."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES / "valid", data)
    shutil.copytree(EXAMPLES / "orgs" / "valid", data / "orgs")
    assert "\ncurrency: EUR\n" in (data / "orgs" / "acme.yml").read_text()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        '---\nrender_macros: true\ndescription: Seats from $30\n---\n\n# Home\n\n'
        'A seat costs $30 a month, CA$40 in Toronto.\n\n{{ template("steady") }}\n')
    (docs / "costs.md").write_text("# Costs\n\nTraining runs $1.5K per team.\n")
    project = make_project(tmp_path / "project", data=data, docs=docs)
    tree = _export(project, tmp_path / "export", "acme")
    home = (tree / "docs" / "index.md").read_text()
    assert home.startswith("---\ndescription: Seats from $30\n---\n\n# Home\n\n"
                           "A seat costs US$30 a month, CA$40 in Toronto.\n")
    assert "| 6\\-9 months | US$150K\\-US$300K | Medium |" in home
    assert (tree / "docs" / "costs.md").read_text() == \
        "# Costs\n\nTraining runs US$1.5K per team.\n"
    built = articles(_playbook_build(project, tmp_path / "built", "acme"))
    exported = articles(mkdocs_build(tree, tmp_path))
    for url, says in ((".", "<td>US$150K-US$300K</td>"), ("costs", "runs US$1.5K per team")):
        assert says in built[url] and exported[url] == built[url], url


def test_usage_errors_are_one_line_and_status_2(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    for args, says in ((["export"], "the following arguments are required: --out"),
                       (["export", "--out", str(ROOT / "data" / "x")], "inside the project's "
                        "data/ folder"),
                       (["export", "--out", str(ROOT)], "it is the project folder"),
                       (["export", "--edition", "nope", "--out", str(tmp_path / "o")],
                        "no edition 'nope'")):
        assert main(["--root", str(ROOT), *args]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("error: ") and "\n" not in err and says in err, err
    assert not (tmp_path / "o").exists()


def test_problems_in_the_data_stop_the_export_and_keep_the_previous_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    out = _export(project, tmp_path / "out")
    before = (out / "docs" / "index.md").read_text()
    shutil.copy(EXAMPLES / "invalid" / "bottlenecks" / "missing-field.yml",
                project / "data" / "bottlenecks" / "missing-field.yml")
    capsys.readouterr()
    assert main(["--root", str(project), "export", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "data/bottlenecks/missing-field.yml:" in err and ": error: " in err
    assert (out / "docs" / "index.md").read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "p"]   # nothing left aside
    not_ours = tmp_path / "mine"
    (not_ours / "keep.txt").parent.mkdir()
    (not_ours / "keep.txt").write_text("x")
    assert main(["--root", str(project), "export", "--out", str(not_ours)]) == 2
    assert (not_ours / "keep.txt").read_text() == "x"
