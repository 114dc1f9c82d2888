"""Editions built in shards: which shard builds what, shards filling one folder without touching
each other's editions, the index page made from what they left, and every edition's files the
same byte for byte however it was built."""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from helpers import EXAMPLES, ROOT, make_project

from macros.cli import main
from macros.editions_index import Entry
from macros.output import MARKER, MARKER_TEXT
from macros.shards import MANIFEST, Shard, manifest_text, parse_shard, read_entry, share

EXAMPLE_EDITIONS = ["default", "brightpath", "cedarfield", "harborline"]


@pytest.fixture(scope="module", autouse=True)
def _fixed_build_date() -> Iterator[None]:
    """Sitemaps carry the build's day: builds on either side of midnight would differ."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        yield


def build(root: Path, out: Path, *args: str) -> int:
    return main(["--root", str(root), "build", *args, "--out", str(out)])


def snapshot(folder: Path) -> dict[str, str]:
    """Every file, folder and link under `folder`, with its content's hash."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = "link " + os.readlink(path)
        elif path.is_dir():
            found[name] = "folder"
        else:
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def small_project(where: Path) -> Path:
    """The example project with the example overlay `acme` (without its `exclude:`, which
    drops a record the example home page embeds): editions `acme` and `default`."""
    project = make_project(where)
    orgs = project / "data" / "orgs"
    orgs.mkdir()
    shutil.copy(EXAMPLES / "orgs" / "valid" / "acme.yml", orgs)
    shutil.copytree(EXAMPLES / "orgs" / "valid" / "acme", orgs / "acme")
    overlay = orgs / "acme.yml"
    overlay.write_text(overlay.read_text().split("exclude:")[0])
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_project(tmp_path_factory.mktemp("shards") / "proj")


def edition_folder(out: Path, slug: str, name: str, template: str = "Rapid") -> Path:
    """A folder as a build leaves it: the marker, a manifest and a page."""
    folder = out / slug
    folder.mkdir(parents=True)
    (folder / MARKER).write_text(MARKER_TEXT)
    uri = f"{slug}/templates/rapid/" if template else ""
    (folder / MANIFEST).write_text(manifest_text(Entry(
        slug, name, "small, 150 people" if template else "", template, uri, False)))
    (folder / "index.html").write_text(f"<p>{slug}</p>")
    return folder


def shards_folder(out: Path) -> Path:
    out.mkdir(parents=True)
    (out / MARKER).write_text(MARKER_TEXT)
    return out


def cards(index: Path) -> list[str]:
    """The edition links of an index page, in order."""
    html = index.read_text()
    return [part.split('/"', 1)[0] for part in html.split('<h2><a href="')[1:]]


# ---------------------------------------------------------------------------------------------
# Which shard builds what


@pytest.mark.parametrize(("text", "shard"), [("1/1", Shard(1, 1)), ("2/3", Shard(2, 3)),
                                             ("10/10", Shard(10, 10)), ("01/2", Shard(1, 2))])
def test_shard_numbers(text: str, shard: Shard) -> None:
    assert parse_shard(text) == shard
    assert str(shard) == text.lstrip("0")


def test_sorted_names_are_dealt_round_robin() -> None:
    names = ["default", "brightpath", "cedarfield", "harborline", "acme"]
    # sorted: acme, brightpath, cedarfield, default, harborline
    assert share(names, Shard(1, 2)) == ["cedarfield", "harborline", "acme"]   # order given
    assert share(names, Shard(2, 2)) == ["default", "brightpath"]
    assert share(names, Shard(1, 3)) == ["default", "acme"]
    assert share(names, Shard(2, 3)) == ["brightpath", "harborline"]
    assert share(names, Shard(3, 3)) == ["cedarfield"]
    assert share(names, Shard(1, 1)) == names
    assert share(names, Shard(7, 9)) == []


@pytest.mark.parametrize("total", [1, 2, 3, 4, 7, 30])
def test_shards_cover_every_edition_once_in_even_shares(total: int) -> None:
    names = [*(f"org-{i:03}" for i in range(22, -1, -1)), "default"]
    shares = [share(names, Shard(k, total)) for k in range(1, total + 1)]
    assert sorted(n for s in shares for n in s) == sorted(names)
    sizes = [len(s) for s in shares]
    assert max(sizes) - min(sizes) <= 1
    # The same deal whatever order the names come in (it depends on the names alone).
    assert [sorted(share(sorted(names), Shard(k, total))) for k in range(1, total + 1)] == \
        [sorted(s) for s in shares]


@pytest.mark.parametrize(("value", "why"), [
    ("0/2", "'0/2' is not a shard: K/N needs 1 <= K <= N, e.g. 1/2"),
    ("3/2", "'3/2' is not a shard: K/N needs 1 <= K <= N, e.g. 1/2"),
    ("1/0", "'1/0' is not a shard: K/N needs 1 <= K <= N, e.g. 1/2"),
    ("0/0", "'0/0' is not a shard: K/N needs 1 <= K <= N, e.g. 1/2"),
    ("5/4", "'5/4' is not a shard: K/N needs 1 <= K <= N, e.g. 1/4"),
    ("two/4", "'two/4' is not K/N (shard K of N, e.g. 1/4)"),
    ("1", "'1' is not K/N (shard K of N, e.g. 1/4)"),
    ("1/2/3", "'1/2/3' is not K/N (shard K of N, e.g. 1/4)"),
    ("-1/2", "'-1/2' is not K/N (shard K of N, e.g. 1/4)"),
    (" 1/2", "' 1/2' is not K/N (shard K of N, e.g. 1/4)"),
])
def test_a_bad_shard_is_one_usage_error(value: str, why: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "build", "--all", f"--shard={value}",
                 "--out", str(tmp_path / "out")]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"error: argument --shard: {why} (see `playbook build --help`)"]
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [["--shard", "1/2"], ["--edition", "brightpath", "--shard", "1/2"],
                                  ["--editions-index", "--shard", "1/2"]])
def test_a_shard_needs_all(argv: list[str], tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    assert build(ROOT, tmp_path / "out", *argv) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: --shard needs --all: `playbook build --all --shard K/N`"]
    assert list(tmp_path.iterdir()) == []


def test_the_index_is_not_built_with_an_edition(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "build", "--all", "--editions-index"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: argument --editions-index: not allowed with argument --all (see `playbook "
        "build --help`)"]


# ---------------------------------------------------------------------------------------------
# The same files however an edition is built


@pytest.fixture(scope="module")
def three_ways(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example editions built alone (alone/<name>), with --all (all/) and in two shards
    run side by side into one folder, then indexed (shards/)."""
    out = tmp_path_factory.mktemp("three-ways")
    for name in EXAMPLE_EDITIONS:
        which = [] if name == "default" else ["--edition", name]
        assert build(ROOT, out / "alone" / name, *which) == 0
    assert build(ROOT, out / "all", "--all") == 0
    shards = out / "shards"
    assert build(ROOT, shards, "--all", "--shard", "2/2", "--jobs", "1") == 0
    assert build(ROOT, shards, "--all", "--shard", "1/2") == 0
    assert build(ROOT, shards, "--editions-index") == 0
    return out


def test_shards_and_the_index_make_what_all_makes(three_ways: Path) -> None:
    assert snapshot(three_ways / "shards") == snapshot(three_ways / "all")
    assert sorted(p.name for p in (three_ways / "all").iterdir()) == sorted(
        [MARKER, "index.html", *EXAMPLE_EDITIONS])
    assert cards(three_ways / "all" / "index.html") == [
        "default", "brightpath", "cedarfield", "harborline"]


@pytest.mark.parametrize("name", EXAMPLE_EDITIONS)
def test_an_edition_is_the_same_alone_in_all_and_in_a_shard(three_ways: Path,
                                                            name: str) -> None:
    alone = snapshot(three_ways / "alone" / name)
    assert len(alone) > 100 and MARKER in alone and MANIFEST in alone
    assert snapshot(three_ways / "all" / name) == alone
    assert snapshot(three_ways / "shards" / name) == alone


def test_each_edition_describes_itself(three_ways: Path) -> None:
    manifest = json.loads((three_ways / "alone" / "cedarfield" / MANIFEST).read_text())
    assert manifest == {"slug": "cedarfield", "name": "Cedarfield Health Partners",
                        "size": manifest["size"], "template": manifest["template"],
                        "template_uri": "cedarfield/templates/organic/",
                        "pinned": manifest["pinned"]}
    assert manifest["size"].endswith(" people") and manifest["template"]
    default = read_entry(three_ways / "alone" / "default")
    assert default == Entry("default", "Default edition", "", "", "", False)


# ---------------------------------------------------------------------------------------------
# Shards share a folder


def test_a_shard_replaces_its_own_editions_and_nothing_else(project: Path,
                                                           tmp_path: Path) -> None:
    out = shards_folder(tmp_path / "out")
    edition_folder(out, "other", "Another shard's edition")
    (out / "index.html").write_text("the index of an earlier run")
    (out / "notes").mkdir()
    (out / "notes" / "todo.txt").write_text("mine")
    (out / "readme.txt").write_text("mine too")
    before = snapshot(out)
    assert build(project, out, "--all", "--shard", "2/2") == 0   # acme, default: default
    after = snapshot(out)
    built = {name: after.pop(name) for name in list(after) if name.startswith("default")}
    assert after == before
    assert built["default/index.html"] and built[f"default/{MANIFEST}"]

    (out / "default" / "stale.html").write_text("from an earlier build")
    assert build(project, out, "--all", "--shard", "2/2") == 0
    assert not (out / "default" / "stale.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [MARKER, "default", "index.html", "notes", "other", "readme.txt"])


def test_a_shard_makes_its_folder_when_there_is_none(project: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new" / "out"
    assert build(project, out, "--all", "--shard", "1/2") == 0
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "acme"]
    assert (out / MARKER).read_text() == MARKER_TEXT
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"built shard 1/2 (1 edition) into {out}: acme; once every shard is there, "
        f"`playbook build --editions-index --out {out}` lists them")


def test_a_shard_with_no_edition_writes_nothing(project: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert build(project, tmp_path / "out", "--all", "--shard", "3/3") == 0
    assert capsys.readouterr().out.splitlines() == [
        "shard 3/3 has no edition to build (there are fewer editions than shards)"]
    assert list(tmp_path.iterdir()) == []


def test_a_shard_never_replaces_a_folder_playbook_did_not_make(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = shards_folder(tmp_path / "out")
    (out / "acme").mkdir()
    (out / "acme" / "photo.jpg").write_text("not a build")
    before = snapshot(tmp_path)
    assert build(project, out, "--all", "--shard", "1/2") == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: cannot build into {out / 'acme'}: it is a folder that playbook did not create "
        "(it has no .playbook-output file) and it is not empty, and a build replaces the whole "
        "folder: choose a new or empty folder, or remove this one yourself"]
    assert snapshot(tmp_path) == before


def test_a_shard_does_not_go_into_one_editions_site(project: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert build(project, site, "--edition", "acme") == 0
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert build(project, site, "--all", "--shard", "2/2") == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: cannot build a shard into {site}: it holds the site of one edition (from "
        "`playbook build` without --all), not a folder per edition: choose another --out, or "
        "remove it yourself"]
    assert snapshot(tmp_path) == before


def test_a_failed_shard_leaves_every_folder_as_it_was(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    broken = small_project(tmp_path / "broken")
    # An extra hook that warns late in acme's build only: strict MkDocs fails that build.
    (broken / "hooks" / "late.py").write_text(
        "import logging\n\nlog = logging.getLogger('mkdocs.hooks.late')\n\n\n"
        "def on_post_build(config):\n"
        "    if 'Acme' in config.site_name: log.warning('acme goes wrong late')\n")
    config = yaml.safe_load((broken / "mkdocs.yml").read_text())
    config["hooks"].append("hooks/late.py")
    (broken / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    out = shards_folder(tmp_path / "out")
    edition_folder(out, "acme", "Acme, as built before")
    before = snapshot(tmp_path / "out")
    assert build(broken, out, "--all", "--shard", "1/1") == 1
    assert capsys.readouterr().err.splitlines() == [
        "acme: WARNING -  acme goes wrong late",
        f"acme: error: MkDocs aborted with 1 warnings in strict mode: fix what it reported "
        f"above; nothing was written to {out / 'acme'}",
        f"error: 1 of 2 editions of shard 1/1 failed (acme): fix what is reported above; "
        f"nothing was written to {out}"]
    assert snapshot(out) == before   # default, which did build, is not there either
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "acme"]


# ---------------------------------------------------------------------------------------------
# The index page from what the shards left


def test_the_index_lists_the_edition_folders(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = shards_folder(tmp_path / "out")
    edition_folder(out, "zeta", "Zeta")
    edition_folder(out, "default", "Default edition", template="")
    edition_folder(out, "alpha", "Alpha & <Sons>")
    (out / "assets").mkdir()   # no marker: not an edition
    (out / "assets" / "x.css").write_text("")
    (out / "loose").mkdir()
    (out / "loose" / MARKER).write_text("something else\n")   # not playbook's marker
    edition_folder(out, ".alpha.playbook-tmp-0123abcd", "A build still running")
    before = snapshot(out)
    assert build(ROOT, out, "--editions-index") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {out / 'index.html'} listing 3 editions: default, alpha, zeta"]
    after = snapshot(out)
    assert after.pop("index.html")
    assert after == before
    assert cards(out / "index.html") == ["default", "alpha", "zeta"]
    html = (out / "index.html").read_text()
    assert "Alpha &amp; &lt;Sons&gt;" in html and "<Sons>" not in html
    umask = os.umask(0)
    os.umask(umask)
    assert (out / "index.html").stat().st_mode & 0o777 == 0o666 & ~umask   # as any page

    shutil.rmtree(out / "zeta")
    assert build(ROOT, out, "--editions-index") == 0
    assert cards(out / "index.html") == ["default", "alpha"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert not [p.name for p in out.iterdir() if p.name.startswith(".index")]


@pytest.mark.parametrize("made", [False, True])
def test_the_index_needs_edition_folders(made: bool, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = shards_folder(tmp_path / "out") if made else tmp_path / "out"
    assert build(ROOT, out, "--editions-index") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: {out} holds no edition folders (sub-folders with a .playbook-output file): "
        f"build them first with `playbook build --all --shard K/N --out {out}`"]
    assert not (out / "index.html").exists()


def test_the_index_is_only_written_where_a_build_may_write(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine"
    edition_folder(out, "alpha", "Alpha")   # an edition inside a folder playbook did not make
    (out / "index.html").write_text("my own page")
    assert build(ROOT, out, "--editions-index") == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: cannot build into {out}: it is a folder that playbook did not create (it has "
        "no .playbook-output file) and it is not empty, and a build replaces the whole folder: "
        "choose a new or empty folder, or remove this one yourself"]
    assert (out / "index.html").read_text() == "my own page"


@pytest.mark.parametrize(("manifest", "why"), [
    (None, "{folder} has no .playbook-edition.json: it was built by an older playbook; build "
     "it again"),
    ("{", "{path}: cannot read it (Expecting property name enclosed in double quotes: line 1 "
     "column 2 (char 1)): build the edition again"),
    ('["alpha"]', "{path}: not an edition manifest (it needs exactly the keys slug, name, size, "
     "template, template_uri, pinned): build the edition again"),
    ('{"slug": "alpha"}', "{path}: not an edition manifest (it needs exactly the keys slug, "
     "name, size, template, template_uri, pinned): build the edition again"),
    ('{"slug": "alpha", "name": "A", "size": "", "template": "", "template_uri": "", '
     '"pinned": "no"}', "{path}: not an edition manifest (it needs exactly the keys slug, name, "
     "size, template, template_uri, pinned): build the edition again"),
    ('{"slug": "beta", "name": "A", "size": "", "template": "", "template_uri": "", '
     '"pinned": false}', "{path}: it describes the edition 'beta', not 'alpha': put the folder "
     "back under its name, beta/"),
])
def test_an_edition_folder_the_index_cannot_read(manifest: str | None, why: str,
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = shards_folder(tmp_path / "out")
    edition_folder(out, "default", "Default edition", template="")
    folder = edition_folder(out, "alpha", "Alpha")
    (out / "index.html").write_text("the previous index")
    if manifest is None:
        (folder / MANIFEST).unlink()
    else:
        (folder / MANIFEST).write_text(manifest)
    assert build(ROOT, out, "--editions-index") == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: " + why.format(folder=folder, path=folder / MANIFEST)]
    assert (out / "index.html").read_text() == "the previous index"


def test_the_manifest_reads_back_as_written(tmp_path: Path) -> None:
    entry = Entry("acme", 'Acme "Robotics" – Ünïcode', "medium, 1,200 people", "Phased",
                  "acme/templates/phased/", True)
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / MANIFEST).write_text(manifest_text(entry))
    assert read_entry(folder) == entry


def test_the_workflow_shards_on_separate_machines_make_what_all_makes(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands of the shipped workflow's `build` and `index` jobs, each shard on a
    machine of its own, their folders merged as the download of every artifact does."""
    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "playbook.yml").read_text())["jobs"]

    def command(job: str, shard: int = 0) -> list[str]:
        (run,) = [s["run"] for s in jobs[job]["steps"] if "playbook build" in s.get("run", "")]
        return shlex.split(run.replace("${{ matrix.shard }}", str(shard)))[1:]

    gathered = tmp_path / "index-machine"
    for k in jobs["build"]["strategy"]["matrix"]["shard"]:
        machine = tmp_path / f"shard-{k}"
        machine.mkdir()
        monkeypatch.chdir(machine)
        assert main(["--root", str(project), *command("build", k)]) == 0
        shutil.copytree(machine, gathered, dirs_exist_ok=True)
    monkeypatch.chdir(gathered)
    assert main(["--root", str(project), *command("index")]) == 0
    assert build(project, tmp_path / "all", "--all") == 0
    assert snapshot(gathered / "site-all") == snapshot(tmp_path / "all")
