"""A build touches nothing but its own output, and a build that fails changes nothing.

Refused output folders, replacing a site in one step, failures (MkDocs errors, a full disk, no
permission, Ctrl-C, `kill -9`) that leave the previous site byte for byte as it was, and the
temporary folders that killed builds leave behind.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import resource
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from helpers import EXAMPLES, ROOT, make_project

from macros import output
from macros.cli import main

MARKER = ".playbook-output"


# ---------------------------------------------------------------------------------------------
# Fixtures and helpers


@pytest.fixture(scope="module", autouse=True)
def _fixed_build_date() -> Iterator[None]:
    """Builds on either side of midnight would differ in their sitemaps' dates."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        yield


def new_project(where: Path) -> Path:
    """The example project, with the example overlay `acme` (without its `exclude:`, which
    drops a record the example home page embeds)."""
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
    """A project that tests build but never change."""
    return new_project(tmp_path_factory.mktemp("shared") / "proj")


@pytest.fixture(scope="module")
def first_site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("first") / "site"
    assert build(project, site) == 0
    return site


@pytest.fixture(scope="module")
def first_all(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("first") / "all"
    assert build(project, site, "--all") == 0
    return site


@pytest.fixture
def previous(first_site: Path, tmp_path: Path) -> Path:
    """A copy of a good build, marker included, to build over."""
    return Path(shutil.copytree(first_site, tmp_path / "out", symlinks=True))


@pytest.fixture
def previous_all(first_all: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(first_all, tmp_path / "out-all", symlinks=True))


def build(project: Path, out: Path | str, *args: str) -> int:
    return main(["--root", str(project), "build", *args, "--out", str(out)])


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


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if ".playbook-" in p.name)


def error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("error:")]


def cli(project: Path, out: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "macros.cli", "--root", str(project), "build", *args,
            "--out", str(out)]


# ---------------------------------------------------------------------------------------------
# Refusals: exit 2 (1 for a file), exactly one line, nothing touched


def refused(shown: str, why: str) -> str:
    return f"error: cannot build into {shown}: {why}"


def project_folder(root: Path) -> str:
    return ("it is the project folder or contains it, and a build replaces its whole output "
            f"folder: choose a folder of its own, such as {root / 'site'}")


def inside(name: str) -> str:
    return (f"it is inside the project's {name}/ folder, which builds never write to: choose a "
            "folder outside data/, docs/, macros/, hooks/, tests/, .git/")


@pytest.mark.parametrize("where", ["root", "/", "parent", "grandparent"])
def test_refuses_the_project_folder_and_any_folder_holding_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    proj = make_project(tmp_path / "a" / "proj")
    out = {"root": proj, "/": Path("/"), "parent": proj.parent, "grandparent": tmp_path}[where]
    before = snapshot(tmp_path)
    assert build(proj, out) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [refused(str(out), project_folder(proj))]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(("here", "out"), [("", "."), ("docs", ".."), ("docs", "../..")])
def test_refuses_the_project_folder_given_relatively(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        here: str, out: str) -> None:
    proj = make_project(tmp_path / "proj")
    monkeypatch.chdir(proj / here)
    assert build(proj, out) == 2
    shown = os.path.normpath(proj / here / out)
    assert capsys.readouterr().err.splitlines() == [refused(shown, project_folder(proj))]


@pytest.mark.parametrize("relative", ["data", "data/sub", "data/bottlenecks", "docs", "macros",
                                      "hooks", "tests", "tests/new/deeper", ".git"])
def test_refuses_the_project_own_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         relative: str) -> None:
    proj = make_project(tmp_path / "proj")
    before = snapshot(proj)
    assert build(proj, proj / relative) == 2
    name = relative.split("/")[0]
    assert capsys.readouterr().err.splitlines() == [refused(str(proj / relative), inside(name))]
    assert snapshot(proj) == before


def test_a_link_is_judged_by_where_it_points(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    proj = make_project(tmp_path / "proj")
    link = tmp_path / "innocent-looking"
    link.symlink_to(proj / "data" / "bottlenecks")
    before = snapshot(proj)
    assert build(proj, link) == 2
    assert capsys.readouterr().err.splitlines() == [refused(
        f"{link} (which resolves to {proj / 'data' / 'bottlenecks'})", inside("data"))]
    assert snapshot(proj) == before
    assert link.is_symlink()


def test_refuses_a_folder_playbook_did_not_create(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    proj = make_project(tmp_path / "proj")
    mine = tmp_path / "my-documents"
    mine.mkdir()
    (mine / "thesis.txt").write_text("years of work")
    (mine / "index.html").write_text("<p>looks like a site</p>")
    assert build(proj, mine) == 2
    assert capsys.readouterr().err.splitlines() == [refused(
        str(mine), "it is a folder that playbook did not create (it has no .playbook-output "
        "file) and it is not empty, and a build replaces the whole folder: choose a new or "
        "empty folder, or remove this one yourself")]
    assert sorted(p.name for p in mine.iterdir()) == ["index.html", "thesis.txt"]
    assert (mine / "thesis.txt").read_text() == "years of work"
    assert leftovers(mine) == []


def test_a_marker_with_other_text_is_no_marker(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    proj = make_project(tmp_path / "proj")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / MARKER).write_text("I made this\n")
    assert build(proj, mine) == 2
    assert "playbook did not create" in capsys.readouterr().err
    assert (mine / MARKER).read_text() == "I made this\n"


def test_refuses_a_file_with_status_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = make_project(tmp_path / "proj")
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me")
    assert build(proj, notes) == 1
    assert capsys.readouterr().err.splitlines() == [refused(
        str(notes), "it is a file, not a folder: choose another --out or remove the file")]
    assert notes.read_text() == "keep me"
    assert leftovers(notes) == []


def test_the_default_output_follows_the_same_rules(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    proj = make_project(tmp_path / "proj")
    (proj / "site").mkdir()
    (proj / "site" / "notes.md").write_text("not a site")
    assert main(["--root", str(proj), "build"]) == 2
    assert capsys.readouterr().err.splitlines() == [refused(
        str(proj / "site"), "it is a folder that playbook did not create (it has no "
        ".playbook-output file) and it is not empty, and a build replaces the whole folder: "
        "choose a new or empty folder, or remove this one yourself")]
    assert (proj / "site" / "notes.md").read_text() == "not a site"


def test_refusals_come_before_the_data_is_read(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    proj = make_project(tmp_path / "proj")
    shutil.copy(EXAMPLES / "invalid" / "bottlenecks" / "wrong-type.yml",
                proj / "data" / "bottlenecks")
    assert build(proj, proj / "docs") == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


# ---------------------------------------------------------------------------------------------
# Good builds


def test_a_build_marks_its_output_and_replaces_it_whole_next_time(
        project: Path, previous: Path, first_site: Path) -> None:
    (previous / "stale-page.html").write_text("from an older build")
    assert build(project, previous) == 0
    assert not (previous / "stale-page.html").exists()
    assert snapshot(previous) == snapshot(first_site)
    assert (previous / MARKER).read_text() == output.MARKER_TEXT
    assert leftovers(previous) == []
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(previous.stat().st_mode) == 0o777 & ~umask   # not mkdtemp's 0o700


def test_a_build_into_a_new_nested_folder_and_into_an_empty_one(
        project: Path, first_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAYBOOK_EDITION", "acme")   # for plain `mkdocs build` only: ignored
    fresh = tmp_path / "new" / "deeper" / "site"
    assert build(project, fresh) == 0
    assert snapshot(fresh) == snapshot(first_site)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(project, empty) == 0
    assert snapshot(empty) == snapshot(first_site)
    assert leftovers(fresh) == leftovers(empty) == []


def test_a_link_to_an_earlier_output_is_followed(project: Path, previous: Path,
                                                 tmp_path: Path) -> None:
    link = tmp_path / "current"
    link.symlink_to(previous)
    (previous / "stale-page.html").write_text("old")
    assert build(project, link) == 0
    assert link.is_symlink() and link.resolve() == previous
    assert not (previous / "stale-page.html").exists()
    assert (previous / "index.html").is_file()


def test_all_editions_are_built_together(first_all: Path) -> None:
    assert sorted(p.name for p in first_all.iterdir()) == [
        MARKER, "acme", "default", "index.html"]
    index = (first_all / "index.html").read_text()
    assert '<a href="default/">Default edition</a>' in index
    assert '<a href="acme/">Acme &lt;Robotics&gt; &amp; Co</a>' in index
    assert (first_all / "acme" / "our-plan" / "index.html").is_file()
    assert not (first_all / "default" / "our-plan").exists()
    assert leftovers(first_all) == []


def test_an_edition_is_the_same_built_alone_or_with_all_the_others(
        project: Path, first_all: Path, first_site: Path, tmp_path: Path) -> None:
    assert build(project, tmp_path / "acme", "--edition", "acme") == 0
    alone = snapshot(tmp_path / "acme")
    assert MARKER in alone   # every edition's folder has one, as tests/test_shards.py needs
    assert snapshot(first_all / "acme") == alone
    assert snapshot(first_all / "default") == snapshot(first_site)


def test_the_hook_builds_the_same_site_when_it_loads_the_data_itself(
        project: Path, first_all: Path, tmp_path: Path) -> None:
    """`playbook build` hands the hook its checked data; plain `mkdocs build` has the hook
    load it (PLAYBOOK_EDITION names the edition). Both make the same site."""
    for edition, built in (("", first_all / "default"), ("acme", first_all / "acme")):
        site = tmp_path / (edition or "default")
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
             str(project / "mkdocs.yml"), "-d", str(site)],
            cwd=project, capture_output=True, text=True,
            env={**os.environ, "PLAYBOOK_EDITION": edition, "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode == 0, result.stderr
        # What `playbook build` adds to every edition: the marker and the index page's card.
        extra = {MARKER, ".playbook-edition.json"}
        assert snapshot(site) == {k: v for k, v in snapshot(built).items() if k not in extra}


def test_all_with_one_job_builds_the_same(project: Path, first_all: Path,
                                          tmp_path: Path) -> None:
    assert build(project, tmp_path / "all", "--all", "--jobs", "1") == 0
    assert snapshot(tmp_path / "all") == snapshot(first_all)


def test_stale_temporary_folders_are_removed_by_the_next_build(
        project: Path, previous: Path, first_site: Path) -> None:
    parent = previous.parent
    stale = parent / ".out.playbook-tmp-0123abcd"
    shutil.copytree(first_site, stale)                      # a killed build's half-made site
    aside = parent / ".out.playbook-old-4567cdef"
    shutil.copytree(first_site, aside)                      # a killed fallback swap
    unmarked = parent / ".out.playbook-tmp-89abcdef"        # right name, no marker: not ours
    unmarked.mkdir()
    (unmarked / "keep.txt").write_text("keep")
    other = parent / ".other.playbook-tmp-0123abcd"         # another output's
    shutil.copytree(first_site, other)
    odd = parent / ".out.playbook-tmp-0123abcd-copy"        # not exactly our pattern
    shutil.copytree(first_site, odd)
    busy = parent / ".out.playbook-tmp-feedf00d"            # a build still running
    shutil.copytree(first_site, busy)
    fd = os.open(busy / MARKER, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert build(project, previous) == 0
    finally:
        os.close(fd)
    assert not stale.exists() and not aside.exists()
    assert (unmarked / "keep.txt").exists()
    assert other.exists() and odd.exists() and busy.exists()
    assert snapshot(previous) == snapshot(first_site)


def test_a_killed_swap_without_exchange_gets_the_previous_site_back(
        first_site: Path, tmp_path: Path) -> None:
    target = tmp_path / "out"
    aside = tmp_path / ".out.playbook-old-0123abcd"
    shutil.copytree(first_site, aside)
    output.remove_stale(target)
    assert snapshot(target) == snapshot(first_site)
    assert leftovers(target) == []


# ---------------------------------------------------------------------------------------------
# Replacing a folder


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "from-a").write_text("a")
    (tmp_path / "b").mkdir()
    assert output.exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["from-a"]
    assert list((tmp_path / "a").iterdir()) == []
    with pytest.raises(FileNotFoundError):
        output.exchange(tmp_path / "a", tmp_path / "missing")


def fake_renameat2(code: int) -> Callable[..., int]:
    import ctypes

    def renameat2(*args: object) -> int:
        ctypes.set_errno(code)
        return -1
    return renameat2


@pytest.mark.parametrize("unsupported", [None, errno.EINVAL, errno.ENOSYS])
def test_replace_falls_back_to_two_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           unsupported: int | None) -> None:
    fake = None if unsupported is None else fake_renameat2(unsupported)
    monkeypatch.setattr(output, "_renameat2", lambda: fake)
    new, target = tmp_path / ".t.playbook-tmp-00000000", tmp_path / "t"
    new.mkdir()
    (new / "new.html").write_text("new")
    target.mkdir()
    (target / "old.html").write_text("old")
    assert not output.exchange(new, target)
    output.replace(new, target)
    assert [p.name for p in target.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t"]


def test_replace_into_a_missing_folder_is_a_rename(tmp_path: Path) -> None:
    new = tmp_path / "new"
    new.mkdir()
    (new / "page.html").write_text("page")
    output.replace(new, tmp_path / "site")
    assert (tmp_path / "site" / "page.html").read_text() == "page"
    assert not new.exists()


# ---------------------------------------------------------------------------------------------
# Failures leave the previous site as it was


def test_invalid_data_changes_nothing(previous: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    proj = new_project(tmp_path / "proj")
    before = snapshot(previous)
    shutil.copy(EXAMPLES / "invalid" / "bottlenecks" / "wrong-type.yml",
                proj / "data" / "bottlenecks")
    assert build(proj, previous) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("data/bottlenecks/wrong-type.yml:4:8: error: ")
    assert err[-1].endswith("problems found")
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def add_hook(project: Path, after_build: str) -> None:
    """An extra MkDocs hook whose on_post_build (all pages written) runs `after_build`."""
    (project / "hooks" / "late.py").write_text(
        "import logging\n\nlog = logging.getLogger('mkdocs.hooks.late')\n\n\n"
        f"def on_post_build(config):\n    {after_build}\n")
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["hooks"].append("hooks/late.py")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def test_a_warning_fails_the_build_in_strict_mode_and_changes_nothing(
        previous: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = new_project(tmp_path / "proj")
    add_hook(proj, "log.warning('a warning after every page was written')")
    before = snapshot(previous)
    assert build(proj, previous) == 1
    err = capsys.readouterr().err
    assert "WARNING -  a warning after every page was written" in err.splitlines()
    assert error_lines(err) == [
        f"error: MkDocs aborted with 1 warnings in strict mode: fix what it reported above; "
        f"nothing was written to {previous}"]
    assert err.splitlines()[-1] == error_lines(err)[0]
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def test_a_broken_link_changes_nothing(previous: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    proj = new_project(tmp_path / "proj")
    with (proj / "docs" / "index.md").open("a") as page:
        page.write("\n[a page that is not there](nowhere.md)\n")
    before = snapshot(previous)
    assert build(proj, previous) == 1
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("error: ") or last.endswith(" found")   # MkDocs' or the data check
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def test_a_plugin_that_exits_fails_the_build_and_changes_nothing(
        previous: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = new_project(tmp_path / "proj")
    add_hook(proj, "raise SystemExit(3)")   # as mkdocs-macros does on a macro error
    before = snapshot(previous)
    assert build(proj, previous) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: a plugin stopped the build (exit status 3): fix what it reported above; "
        f"nothing was written to {previous}")
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def test_a_failed_edition_fails_all_and_changes_nothing(
        previous_all: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = new_project(tmp_path / "proj")
    add_hook(proj, "if 'Acme' in config.site_name: log.warning('acme goes wrong late')")
    before = snapshot(previous_all)
    assert build(proj, previous_all, "--all") == 1
    assert capsys.readouterr().err.splitlines() == [
        "acme: WARNING -  acme goes wrong late",
        f"acme: error: MkDocs aborted with 1 warnings in strict mode: fix what it reported "
        f"above; nothing was written to {previous_all / 'acme'}",
        f"error: 1 of 2 editions failed (acme): fix what is reported above; nothing was written "
        f"to {previous_all}"]
    assert snapshot(previous_all) == before
    assert leftovers(previous_all) == []


def test_a_full_disk_is_one_error_line(project: Path, previous: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    import mkdocs.utils

    def full(content: bytes, output_path: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    before = snapshot(previous)
    assert build(project, previous) == 1
    err = capsys.readouterr().err
    assert error_lines(err) == [
        f"error: cannot write the site to {previous}: No space left on device"]
    assert err.splitlines()[-1] == error_lines(err)[0]
    assert "Traceback" not in err
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def test_no_permission_for_the_output_parent_is_one_error_line(
        project: Path, previous: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def denied(target: Path, made: list[Path]) -> Path:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES),
                              str(target.parent / f".{target.name}.playbook-tmp-12345678"))
    monkeypatch.setattr(output, "_make_temp", denied)
    before = snapshot(previous)
    assert build(project, previous) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: cannot write the site to {previous}: Permission denied"]
    assert snapshot(previous) == before


def test_reading_the_project_fails_with_one_error_line(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import macros.cli

    def denied(root: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES),
                              str(root / "data" / "bottlenecks"))
    monkeypatch.setattr(macros.cli, "_load_all", denied)
    assert build(project, tmp_path / "out") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: {project / 'data' / 'bottlenecks'}: Permission denied"]
    assert not (tmp_path / "out").exists()


def test_ctrl_c_during_a_build_changes_nothing(project: Path, previous: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import mkdocs.utils

    written = []

    def interrupted(content: bytes, output_path: str) -> None:
        written.append(output_path)
        raise KeyboardInterrupt
    monkeypatch.setattr(mkdocs.utils, "write_file", interrupted)
    before = snapshot(previous)
    assert build(project, previous) == 1
    assert written
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: interrupted: an unfinished build leaves its output folder as it was")
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def nobody() -> None:
    os.setgid(65534)
    os.setgroups([])
    os.setuid(65534)


def nobody_can_run_playbook() -> bool:
    try:
        return subprocess.run([sys.executable, "-c", "import macros.cli"], cwd="/",
                              preexec_fn=nobody, capture_output=True).returncode == 0
    except OSError:
        return False


def test_a_read_only_output_parent_for_real(first_site: Path) -> None:
    """Root writes through any permission, so as root the build runs as `nobody`."""
    as_nobody = os.geteuid() == 0
    if as_nobody and not nobody_can_run_playbook():
        pytest.skip("read-only folders do not stop root, and the user `nobody` cannot run "
                    f"this Python ({sys.executable}); see test_a_real_full_or_read_only_file_"
                    "system and test_no_permission_for_the_output_parent_is_one_error_line")
    with tempfile.TemporaryDirectory(dir="/tmp") as shared:   # readable by nobody
        base = Path(shared)
        base.chmod(0o755)
        proj = new_project(base / "proj")
        locked = base / "locked"
        locked.mkdir()
        out = Path(shutil.copytree(first_site, locked / "site"))
        locked.chmod(0o555)
        before = snapshot(out)
        try:
            result = subprocess.run(cli(proj, out), cwd=ROOT, capture_output=True, text=True,
                                    preexec_fn=nobody if as_nobody else None)
        finally:
            locked.chmod(0o755)
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines() == [
            f"error: cannot write the site to {out}: Permission denied"]
        assert snapshot(out) == before
        assert leftovers(out) == []


def can_mount(where: Path) -> bool:
    """Whether this process may mount a file system of its own in a private mount namespace
    (`unshare --mount`), which needs root's privileges; nothing outside it sees the mount."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    where.mkdir()
    return subprocess.run(["unshare", "--mount", "sh", "-c", f"mount -t tmpfs tmpfs {where}"],
                          capture_output=True).returncode == 0


@pytest.mark.parametrize(("fault", "reason"), [("full", "No space left on device"),
                                               ("read-only", "Read-only file system")])
def test_a_real_full_or_read_only_file_system(project: Path, first_site: Path, tmp_path: Path,
                                              fault: str, reason: str) -> None:
    """On a small file system (tmpfs) holding the previous site and little more, or the same
    mounted read-only (which stops root too), in a mount namespace of the test's own."""
    fs = tmp_path / "fs"
    if not can_mount(fs):
        pytest.skip("needs the privileges to mount a tmpfs in a private mount namespace "
                    "(unshare --mount); the RLIMIT_FSIZE test covers a full disk without them")
    used = sum(-(-p.stat().st_size // 4096) * 4096 for p in first_site.rglob("*"))
    out, seen = fs / "out", tmp_path / "seen"
    script = "\n".join([
        "set -e",
        f"mount -t tmpfs -o size={used + 2**20} tmpfs {fs}",
        f"cp -a {first_site} {out}",
        f"mount -o remount,ro {fs}" if fault == "read-only" else "",
        f"status=0; {shlex.join(cli(project, out))} 2>{tmp_path / 'err'} || status=$?",
        f"echo $status >{tmp_path / 'status'}",
        f"cp -a {fs} {seen}",   # what the build left, for after the namespace is gone
    ])
    subprocess.run(["unshare", "--mount", "sh", "-c", script], cwd=ROOT, check=True)
    err = (tmp_path / "err").read_text()
    assert (tmp_path / "status").read_text() == "1\n", err
    assert error_lines(err) == [f"error: cannot write the site to {out}: {reason}"]
    assert err.splitlines()[-1] == error_lines(err)[0]
    assert "Traceback" not in err
    assert os.listdir(seen) == ["out"]   # no temporary folder left
    assert snapshot(seen / "out") == snapshot(first_site)


def limit_file_size(size: int) -> Callable[[], None]:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


@pytest.mark.parametrize("all_editions", [False, True], ids=["one", "all"])
def test_files_too_large_for_the_disk_end_in_one_error_line(
        project: Path, previous: Path, previous_all: Path, all_editions: bool) -> None:
    out = previous_all if all_editions else previous
    before = snapshot(out)
    largest = max(p.stat().st_size for p in out.rglob("*") if p.is_file())
    args = ["--all"] if all_editions else []
    result = subprocess.run(cli(project, out, *args), cwd=ROOT, capture_output=True, text=True,
                            preexec_fn=limit_file_size(largest // 2))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = error_lines(result.stderr)
    if all_editions:
        assert errors == [f"error: 2 of 2 editions failed (default, acme): fix what is reported "
                          f"above; nothing was written to {out}"]
        for slug in ("default", "acme"):
            assert (f"{slug}: error: cannot write the site to {out / slug}: File too large"
                    in result.stderr.splitlines())
    else:
        assert errors == [f"error: cannot write the site to {out}: File too large"]
    assert result.stderr.splitlines()[-1] == errors[0]
    assert snapshot(out) == before
    assert leftovers(out) == []


# ---------------------------------------------------------------------------------------------
# Builds killed with kill -9 or interrupted with Ctrl-C


def wait_for(condition: Callable[[], object], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def temp_folders(out: Path) -> set[Path]:
    return {p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.playbook-tmp-")}


def has_a_page(folders: set[Path]) -> bool:
    return any((t / "index.html").exists() or (t / "default" / "index.html").exists()
               for t in folders)


@pytest.mark.parametrize("all_editions", [False, True], ids=["one", "all"])
def test_kill_9_at_any_moment_leaves_the_previous_site(
        project: Path, previous: Path, previous_all: Path, all_editions: bool) -> None:
    out = previous_all if all_editions else previous
    args = ["--all"] if all_editions else []
    before = snapshot(out)
    moments: dict[str, Callable[[set[Path]], object]] = {
        "0.3 s": lambda known: time.sleep(0.3),
        "0.8 s": lambda known: time.sleep(0.8),
        "1.5 s": lambda known: time.sleep(1.5),
        "temp folder made": lambda known: wait_for(lambda: temp_folders(out) - known),
        "first page written": lambda known: wait_for(
            lambda: has_a_page(temp_folders(out) - known)),
    }
    for name, moment in moments.items():
        known = temp_folders(out)   # left by the builds killed before
        process = subprocess.Popen(cli(project, out, *args), cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            moment(known)
        finally:
            process.kill()
            process.wait()
        assert snapshot(out) == before, f"killed at {name}"
    # Edition builds die with their parent, releasing the temporary folders.
    wait_for(lambda: not any(output.in_use(t) for t in temp_folders(out)), timeout=10)
    assert build(project, out, *args) == 0
    assert snapshot(out) == before
    assert leftovers(out) == []


@pytest.mark.parametrize("all_editions", [False, True], ids=["one", "all"])
def test_ctrl_c_leaves_the_previous_site_and_no_temporary_folder(
        project: Path, previous: Path, previous_all: Path, all_editions: bool) -> None:
    out = previous_all if all_editions else previous
    args = ["--all"] if all_editions else []
    before = snapshot(out)
    known = temp_folders(out)
    process = subprocess.Popen(cli(project, out, *args), cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        wait_for(lambda: temp_folders(out) - known)
        time.sleep(0.2)
        os.killpg(process.pid, signal.SIGINT)   # as a terminal does: to every process of it
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 1
    assert err.splitlines()[-1] == (
        "error: interrupted: an unfinished build leaves its output folder as it was")
    assert "Traceback" not in err
    assert snapshot(out) == before
    assert leftovers(out) == []
