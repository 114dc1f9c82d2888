"""Safe file listing: no link is followed, no special file is opened, every refusal is a
problem line."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros import files
from macros.files import MAX_FILE_BYTES, Entry, check_tree, list_folder, read_record_bytes

SYMLINK = ("error: this is a symbolic link, and links are not followed: replace it with a copy "
           "of the file or folder it points to [symlink]")
FIFO = ("error: this is a named pipe (FIFO), not a regular file: remove it, or replace it with a "
        "regular file [special-file]")
SOCKET = ("error: this is a socket, not a regular file: remove it, or replace it with a regular "
          "file [special-file]")
DEVICE = ("error: this is a device, not a regular file: remove it, or replace it with a regular "
          "file [special-file]")


def formatted(problems: list[files.Problem]) -> list[str]:
    return [p.format() for p in problems]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """data/bottlenecks with one good record and one of every kind of trouble."""
    kind = tmp_path / "data" / "bottlenecks"
    kind.mkdir(parents=True)
    (kind / "good.yml").write_text("id: good\n")
    (kind / "notes").mkdir()
    (tmp_path / "elsewhere.yml").write_text("id: elsewhere\n")
    (kind / "file-link.yml").symlink_to(tmp_path / "elsewhere.yml")
    (kind / "folder-link").symlink_to(tmp_path)
    (kind / "dangling.yml").symlink_to(tmp_path / "nothing-here.yml")
    os.mkfifo(kind / "pipe.yml")
    (kind / "folder.yml").mkdir()
    (kind / ".hidden.yml").symlink_to(tmp_path / "elsewhere.yml")
    return kind


def test_list_folder_keeps_regular_files_and_folders(folder: Path) -> None:
    entries, problems = list_folder(folder, "data/bottlenecks")
    assert entries == [
        Entry("good.yml", folder / "good.yml", "data/bottlenecks/good.yml", False),
        Entry("notes", folder / "notes", "data/bottlenecks/notes", True),
    ]
    assert formatted(problems) == [
        f"data/bottlenecks/dangling.yml:1:1: {SYMLINK}",
        f"data/bottlenecks/file-link.yml:1:1: {SYMLINK}",
        f"data/bottlenecks/folder-link:1:1: {SYMLINK}",
        "data/bottlenecks/folder.yml:1:1: error: this is a folder, but its name ends like a "
        "record file: rename the folder or move it out [file-name]",
        f"data/bottlenecks/pipe.yml:1:1: {FIFO}",
    ]


def test_list_folder_shows_hidden_entries_on_request(folder: Path) -> None:
    _, problems = list_folder(folder, "data/bottlenecks", hidden=True)
    assert f"data/bottlenecks/.hidden.yml:1:1: {SYMLINK}" in formatted(problems)


def test_list_folder_refuses_a_linked_folder(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yml").write_text("id: a\n")
    (tmp_path / "data").symlink_to(tmp_path / "real")
    entries, problems = list_folder(tmp_path / "data", "data")
    assert entries == [] and formatted(problems) == [f"data:1:1: {SYMLINK}"]


def test_list_folder_of_a_file_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("")
    assert formatted(list_folder(tmp_path / "data", "data")[1]) == [
        "data:1:1: error: this should be a folder, but it is a file: move the file away and "
        "create the folder [file-name]"]
    assert formatted(list_folder(tmp_path / "none", "none")[1]) == [
        "none:1:1: error: this folder does not exist (was it moved while the check ran?): run "
        "the check again [missing]"]


def test_list_folder_refuses_sockets(tmp_path: Path) -> None:
    short = Path(os.path.relpath(tmp_path))  # an AF_UNIX path must be short
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(short / "s.yml"))
        _, problems = list_folder(tmp_path, "data")
    finally:
        sock.close()
    assert formatted(problems) == [f"data/s.yml:1:1: {SOCKET}"]


def test_devices_are_refused_by_mode() -> None:
    assert files._refuse_mode(stat.S_IFCHR | 0o666, "data/zero.yml") is not None
    problem = files._refuse_mode(stat.S_IFBLK | 0o666, "data/sda.yml")
    assert problem is not None and problem.format() == f"data/sda.yml:1:1: {DEVICE}"
    assert files._refuse_mode(stat.S_IFREG | 0o644, "data/a.yml") is None


def test_list_folder_permission_denied(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(path: object) -> Iterator[os.DirEntry[str]]:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files.os, "scandir", denied)
    assert list_folder(folder, "data/bottlenecks") == ([], [files.Problem(
        "data/bottlenecks", 1, 1, "cannot read this folder (permission denied): let your user "
        "read it, e.g. `chmod a+rX`", "permission")])


def test_list_folder_entry_that_cannot_be_examined(folder: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real_lstat = os.lstat

    def lstat(path: str | os.PathLike[str]) -> os.stat_result:
        if str(path).endswith("good.yml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_lstat(path)

    monkeypatch.setattr(files.os, "lstat", lstat)
    entries, problems = list_folder(folder, "data/bottlenecks")
    assert [e.name for e in entries] == ["notes"]
    assert ("data/bottlenecks/good.yml:1:1: error: cannot read this file (permission denied): "
            "let your user read it, e.g. `chmod a+r` [permission]") in formatted(problems)


# -- read_record_bytes -----------------------------------------------------------------------

def test_read_a_regular_file(folder: Path) -> None:
    assert read_record_bytes(folder / "good.yml", "x") == (b"id: good\n", [])


@pytest.mark.parametrize(("name", "expected"), [
    ("file-link.yml", SYMLINK),
    ("dangling.yml", SYMLINK),
    ("pipe.yml", FIFO),  # refused without opening: opening a pipe would wait for a writer
])
def test_read_refuses_links_and_special_files(folder: Path, name: str, expected: str) -> None:
    assert formatted(read_record_bytes(folder / name, f"data/{name}")[1]) == [
        f"data/{name}:1:1: {expected}"]


def test_read_refuses_a_folder_and_a_missing_file(folder: Path) -> None:
    data, problems = read_record_bytes(folder / "folder.yml", "data/folder.yml")
    assert data is None and formatted(problems) == [
        "data/folder.yml:1:1: error: this is a folder, not a record file: rename the folder or "
        "move it out [file-name]"]
    assert formatted(read_record_bytes(folder / "gone.yml", "data/gone.yml")[1]) == [
        "data/gone.yml:1:1: error: this file does not exist (was it moved while the check ran?): "
        "run the check again [missing]"]


def test_read_refuses_a_link_swapped_in_after_the_check(folder: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """O_NOFOLLOW catches a link that appears between the lstat and the open."""
    regular = os.lstat(folder / "good.yml")
    real_lstat = os.lstat
    monkeypatch.setattr(files.os, "lstat", lambda path: regular if str(path).endswith(
        "file-link.yml") else real_lstat(path))
    assert formatted(read_record_bytes(folder / "file-link.yml", "data/l.yml")[1]) == [
        f"data/l.yml:1:1: {SYMLINK}"]


def test_read_refuses_a_fifo_swapped_in_after_the_check(folder: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """O_NONBLOCK opens a pipe without waiting; fstat then refuses it."""
    regular = os.lstat(folder / "good.yml")
    real_lstat = os.lstat
    monkeypatch.setattr(files.os, "lstat", lambda path: regular if str(path).endswith(
        "pipe.yml") else real_lstat(path))
    assert formatted(read_record_bytes(folder / "pipe.yml", "data/p.yml")[1]) == [
        f"data/p.yml:1:1: {FIFO}"]


def test_read_permission_denied(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(path: object, flags: int) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files.os, "open", denied)
    assert formatted(read_record_bytes(folder / "good.yml", "data/good.yml")[1]) == [
        "data/good.yml:1:1: error: cannot read this file (permission denied): let your user "
        "read it, e.g. `chmod a+r` [permission]"]


def test_read_enforces_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at_limit = tmp_path / "limit.yml"
    at_limit.write_bytes(b"a" * MAX_FILE_BYTES)
    assert read_record_bytes(at_limit, "x")[0] == b"a" * MAX_FILE_BYTES
    big = tmp_path / "big.yml"
    with big.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)
    assert formatted(read_record_bytes(big, "data/big.yml")[1]) == [
        "data/big.yml:1:1: error: file is 5.0 MB, more than the 5 MB a record file may have: "
        "split it into smaller records [file-size]"]
    # A file that grows after fstat said it was small is read up to the limit, not whole.
    grown = tmp_path / "grown.yml"
    with grown.open("wb") as out:
        out.truncate(MAX_FILE_BYTES * 3)
    real_fstat = os.fstat
    monkeypatch.setattr(files.os, "fstat", lambda fd: os.stat_result(
        (*real_fstat(fd)[:6], 100, *real_fstat(fd)[7:])))
    requested: list[int] = []
    real_read = os.read
    monkeypatch.setattr(files.os, "read", lambda fd, n: requested.append(n) or real_read(fd, n))
    data, problems = read_record_bytes(grown, "data/grown.yml")
    assert data is None and [p.rule for p in problems] == ["file-size"]
    assert sum(requested) == MAX_FILE_BYTES + 1


# -- check_tree ------------------------------------------------------------------------------

def test_check_tree_reports_links_and_special_files_anywhere(folder: Path,
                                                             tmp_path: Path) -> None:
    deep = tmp_path / "data" / "orgs" / "acme" / "templates"
    deep.mkdir(parents=True)
    (deep / "x.yml").symlink_to(tmp_path / "elsewhere.yml")
    (tmp_path / "data" / "orgs" / "logo.png").symlink_to("/etc/passwd")
    assert formatted(check_tree(tmp_path, "data")) == [
        f"data/bottlenecks/.hidden.yml:1:1: {SYMLINK}",
        f"data/bottlenecks/dangling.yml:1:1: {SYMLINK}",
        f"data/bottlenecks/file-link.yml:1:1: {SYMLINK}",
        f"data/bottlenecks/folder-link:1:1: {SYMLINK}",
        f"data/bottlenecks/pipe.yml:1:1: {FIFO}",
        f"data/orgs/acme/templates/x.yml:1:1: {SYMLINK}",
        f"data/orgs/logo.png:1:1: {SYMLINK}",
    ]


def test_check_tree_of_a_linked_folder(tmp_path: Path) -> None:
    (tmp_path / "real-docs").mkdir()
    (tmp_path / "real-docs" / "index.md").write_text("# Hi\n")
    (tmp_path / "docs").symlink_to(tmp_path / "real-docs")
    assert formatted(check_tree(tmp_path, "docs")) == [f"docs:1:1: {SYMLINK}"]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "orgs").symlink_to(tmp_path / "real-docs")
    assert formatted(check_tree(tmp_path, "data/orgs/acme")) == [f"data/orgs:1:1: {SYMLINK}"]


def test_check_tree_of_a_clean_or_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "docs" / "a" / "b").mkdir(parents=True)
    (tmp_path / "docs" / "a" / "b" / "page.md").write_text("x")
    assert check_tree(tmp_path, "docs") == []
    assert check_tree(tmp_path, "nothing") == []


def test_check_tree_deep_folders_do_not_recurse(tmp_path: Path) -> None:
    path = tmp_path / "docs"
    for _ in range(200):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "link").symlink_to(tmp_path)
    problems = check_tree(tmp_path, "docs")
    assert [p.path for p in problems] == ["docs/" + "d/" * 200 + "link"]


def test_check_tree_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs" / "secret").mkdir(parents=True)
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
        if str(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(files.os, "scandir", scandir)
    assert formatted(check_tree(tmp_path, "docs")) == [
        "docs/secret:1:1: error: cannot read this folder (permission denied): let your user "
        "read it, e.g. `chmod a+rX` [permission]"]
