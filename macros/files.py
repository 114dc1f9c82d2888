"""Safe file listing and reading for the data and docs folders.

Nothing here follows a symbolic link or opens anything but a regular file: a link could pull
files from outside the project into the published site, and a named pipe or device would hang
or feed endless bytes to the build. Each refusal is a problem at `<file>:1:1` that says what to
do instead.

- `list_folder` lists one folder (`os.scandir`, no link followed).
- `read_record_bytes` reads one record file (`O_NOFOLLOW | O_NONBLOCK`, re-checked with
  `fstat`, at most `MAX_FILE_BYTES`).
- `check_tree` walks a whole folder, iteratively, and reports every link and special file in it.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from macros.problems import Problem

# A record file is a few kilobytes; anything above this is a mistake (or an attack), refused
# before it is read whole.
MAX_FILE_BYTES = 5 * 1024 * 1024

_RECORD_SUFFIXES = (".yml", ".yaml")
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


@dataclass(frozen=True)
class Entry:
    """A regular file or a real (not linked) folder found by `list_folder`."""

    name: str
    path: Path
    shown: str  # the path as problems print it, e.g. "data/bottlenecks/x.yml"
    is_dir: bool


def list_folder(folder: Path, shown: str, *, hidden: bool = False
                ) -> tuple[list[Entry], list[Problem]]:
    """The regular files and real folders directly in `folder`, sorted by name.

    Symbolic links, named pipes, sockets, devices, folders named like a record file (`x.yml`)
    and entries that cannot be read are problems, never entries. Names starting with `.` are
    skipped unless `hidden`. `folder` itself must be a real folder.
    """
    problems = _check_folder(folder, shown)
    if problems:
        return [], problems
    try:
        with os.scandir(folder) as scan:
            found = sorted(scan, key=lambda e: e.name)
    except OSError as err:
        return [], [_unreadable(shown, err, folder=True)]
    entries: list[Entry] = []
    for item in found:
        if item.name.startswith(".") and not hidden:
            continue
        item_shown = f"{shown}/{item.name}"
        mode, refused = _mode_of(item, item_shown)
        if refused:
            problems.append(refused)
        elif stat.S_ISDIR(mode) and item.name.endswith(_RECORD_SUFFIXES):
            problems.append(Problem(item_shown, 1, 1, "this is a folder, but its name ends like "
                                    "a record file: rename the folder or move it out",
                                    "file-name"))
        else:
            entries.append(Entry(item.name, Path(item.path), item_shown, stat.S_ISDIR(mode)))
    return entries, problems


def read_record_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of the regular file `path` (never through a link), or the problems why not."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as err:
        return None, [_unreadable(shown, err, folder=False)]
    refused = _refuse_mode(mode, shown)  # a link, pipe or device is never opened
    if refused:
        return None, [refused]
    if stat.S_ISDIR(mode):
        return None, [_folder_not_file(shown)]
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        return None, [_unreadable(shown, err, folder=False)]
    try:
        info = os.fstat(fd)
        # Re-checked on the open file: the name may have been swapped since the lstat.
        refused = _refuse_mode(info.st_mode, shown)
        if refused:
            return None, [refused]
        if stat.S_ISDIR(info.st_mode):
            return None, [_folder_not_file(shown)]
        if info.st_size > MAX_FILE_BYTES:
            return None, [_too_big(shown, info.st_size)]
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:  # the file grew while it was read
            return None, [_too_big(shown, size)]
        return b"".join(chunks), []
    except OSError as err:
        return None, [_unreadable(shown, err, folder=False)]
    finally:
        os.close(fd)


def check_tree(root: Path, folder: str) -> list[Problem]:
    """Every symbolic link, special file and unreadable folder in `root/folder`, the folder
    itself and the folders on the way to it included (paths in problems are relative to
    `root`). A missing folder is not a problem here."""
    problems: list[Problem] = []
    parts = Path(folder).parts
    for end in range(1, len(parts) + 1):  # "data/orgs" checks "data", then "data/orgs"
        path = root.joinpath(*parts[:end])
        if not os.path.lexists(path):
            return []
        blocked = _check_folder(path, "/".join(parts[:end]))
        if blocked:
            return blocked
    pending = [(root / folder, "/".join(parts))]
    while pending:
        path, shown = pending.pop()
        try:
            with os.scandir(path) as scan:
                items = list(scan)
        except OSError as err:
            problems.append(_unreadable(shown, err, folder=True))
            continue
        for item in items:
            item_shown = f"{shown}/{item.name}"
            mode, refused = _mode_of(item, item_shown)
            if refused:
                problems.append(refused)
            elif stat.S_ISDIR(mode):
                pending.append((Path(item.path), item_shown))
    return sorted(problems)


def _mode_of(item: os.DirEntry[str], shown: str) -> tuple[int, Problem | None]:
    """A folder entry's file mode, read without following a link, or why it is refused."""
    try:
        mode = os.lstat(item.path).st_mode
    except OSError as err:
        return 0, _unreadable(shown, err, folder=False)
    return mode, _refuse_mode(mode, shown)


def _check_folder(folder: Path, shown: str) -> list[Problem]:
    try:
        mode = os.lstat(folder).st_mode
    except OSError as err:
        return [_unreadable(shown, err, folder=True)]
    refused = _refuse_mode(mode, shown)
    if refused:
        return [refused]
    if not stat.S_ISDIR(mode):
        return [Problem(shown, 1, 1, "this should be a folder, but it is a file: move the file "
                        "away and create the folder", "file-name")]
    return []


def _refuse_mode(mode: int, shown: str) -> Problem | None:
    """The problem with an entry of this `lstat` mode, or None for a regular file or folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISLNK(mode):
        return Problem(shown, 1, 1, "this is a symbolic link, and links are not followed: "
                       "replace it with a copy of the file or folder it points to", "symlink")
    if stat.S_ISFIFO(mode):
        what = "a named pipe (FIFO)"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    else:
        what = "a special file"
    return Problem(shown, 1, 1, f"this is {what}, not a regular file: remove it, or replace it "
                   "with a regular file", "special-file")


def _unreadable(shown: str, err: OSError, *, folder: bool) -> Problem:
    what = "folder" if folder else "file"
    if isinstance(err, PermissionError):
        fix = "chmod a+rX" if folder else "chmod a+r"
        return Problem(shown, 1, 1, f"cannot read this {what} (permission denied): let your "
                       f"user read it, e.g. `{fix}`", "permission")
    if err.errno == errno.ELOOP:  # O_NOFOLLOW met a link created after the lstat
        return Problem(shown, 1, 1, "this is a symbolic link, and links are not followed: "
                       "replace it with a copy of the file or folder it points to", "symlink")
    if isinstance(err, FileNotFoundError):
        return Problem(shown, 1, 1, f"this {what} does not exist (was it moved while the check "
                       "ran?): run the check again", "missing")
    reason = err.strerror or type(err).__name__
    return Problem(shown, 1, 1, f"cannot read this {what} ({reason}): check that it is a "
                   f"readable {what} on a working disk", "unreadable")


def _folder_not_file(shown: str) -> Problem:
    return Problem(shown, 1, 1, "this is a folder, not a record file: rename the folder or move "
                   "it out", "file-name")


def _too_big(shown: str, size: int) -> Problem:
    return Problem(shown, 1, 1, f"file is {size / 2**20:.1f} MB, more than the "
                   f"{MAX_FILE_BYTES // 2**20} MB a record file may have: split it into smaller "
                   "records", "file-size")
