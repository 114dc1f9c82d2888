"""Output folders: which ones a build may write, and replacing one only once a build succeeded.

A build never writes into its output folder. It writes into a new folder beside it
(`.<name>.playbook-tmp-<random>`, same parent) and, once the build succeeded, swaps the two in
one step (`renameat2(RENAME_EXCHANGE)` on Linux), then deletes the old tree. A build that fails,
is interrupted or is killed therefore leaves the previous site exactly as it was; the next build
removes the temporary folders that killed builds left behind.

Every folder a build produces has a marker file at its top (`.playbook-output`). A build only
replaces a folder that has the marker, is empty, or does not exist yet, and never one inside the
project's own folders: `check_output` refuses the rest before anything is written.

Plain functions, no MkDocs: the CLI (`macros/cli.py`) and the builds (`macros/site.py`) use them.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import functools
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".playbook-output"
MARKER_TEXT = "Written by playbook build: the next build replaces this whole folder.\n"
PROTECTED = ("data", "docs", "macros", "hooks", "tests", ".git")
TEMP_TAG = "playbook-tmp"
ASIDE_TAG = "playbook-old"   # the previous site, briefly, when no atomic exchange is available

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP}


class OutputError(Exception):
    """An output folder a build must not write to, worded for the user; `status` is the exit
    status (2 for a usage error, 1 when --out is a file)."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def check_output(root: Path, out: Path) -> Path:
    """The fully resolved folder a build of the project at `root` may replace, judged on where
    `out` really points (links followed). Raises OutputError when it must not be touched."""
    shown = os.path.abspath(out)
    try:
        root = root.resolve()
        target = out.resolve()
    except (OSError, RuntimeError) as err:   # RuntimeError: a loop of symbolic links
        raise OutputError(f"cannot build into {shown}: {_reason(err)}: choose another folder",
                          1) from err
    if str(target) != shown:
        shown = f"{shown} (which resolves to {target})"
    if target == root or target in root.parents:
        raise OutputError(
            f"cannot build into {shown}: it is the project folder or contains it, and a build "
            f"replaces its whole output folder: choose a folder of its own, such as "
            f"{root / 'site'}")
    for name in PROTECTED:
        folder = root / name
        if any(target == f or f in target.parents for f in (folder, folder.resolve())):
            raise OutputError(
                f"cannot build into {shown}: it is inside the project's {name}/ folder, which "
                "builds never write to: choose a folder outside "
                f"{', '.join(p + '/' for p in PROTECTED)}")
    if target.exists() and not target.is_dir():
        raise OutputError(f"cannot build into {shown}: it is a file, not a folder: choose "
                          "another --out or remove the file", 1)
    if target.is_dir() and not is_playbook_output(target) and any(target.iterdir()):
        raise OutputError(
            f"cannot build into {shown}: it is a folder that playbook did not create (it has no "
            f"{MARKER} file) and it is not empty, and a build replaces the whole folder: choose "
            "a new or empty folder, or remove this one yourself")
    return target


def is_playbook_output(folder: Path) -> bool:
    """Whether `folder` carries the marker that playbook writes at the top of its output."""
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    try:
        with marker.open("rb") as file:
            return file.read(len(MARKER_TEXT) + 1) == MARKER_TEXT.encode()
    except OSError:
        return False


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new, empty folder (with the marker) beside `target` to build into. Leaving the block
    normally puts it in place of `target`; leaving it by any exception (Ctrl-C included)
    deletes it and leaves `target` untouched. `target` must have passed `check_output`."""
    remove_stale(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []   # known before it exists, so that Ctrl-C at any moment removes it
    lock: int | None = None
    try:
        temp = _make_temp(target, made)
        lock = _mark(temp)
        yield temp
        replace(temp, target)
    except BaseException:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        if lock is not None:
            os.close(lock)


def replace(new: Path, target: Path) -> None:
    """Put the folder `new` in place of `target` (a sibling), in one step where the system
    allows, then delete the old tree."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    if exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)   # now the previous site
        return
    aside = _sibling(target, ASIDE_TAG)
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically (Linux `renameat2` with RENAME_EXCHANGE). False,
    with nothing changed, when the system or the file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                 _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def remove_stale(target: Path) -> list[Path]:
    """Delete the temporary folders that killed builds of `target` left beside it: only those
    named exactly like ours, carrying the marker and not locked by a running build. A previous
    site that a killed build had set aside (without an atomic exchange) is put back when
    `target` is missing. Returns the folders removed."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.({TEMP_TAG}|{ASIDE_TAG})-[0-9a-f]{{8}}")
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for entry in sorted(target.parent.iterdir()):
        found = pattern.fullmatch(entry.name)
        if (not found or entry.is_symlink() or not entry.is_dir()
                or not is_playbook_output(entry) or in_use(entry)):
            continue
        if found[1] == ASIDE_TAG and not os.path.lexists(target):
            os.rename(entry, target)
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def in_use(folder: Path) -> bool:
    """Whether a running build holds the lock on `folder`'s marker (it does for as long as it
    writes there; the lock goes away with the process, even one killed with `kill -9`)."""
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def write_error(err: OSError, target: Path, temp: Path | None = None) -> str:
    """An OSError met while building `target` (in `temp`), as one line for the user."""
    names = [n for n in (err.filename, err.filename2) if isinstance(n, str)]
    places = (target, target.parent, *([temp] if temp else []))
    if not names or any(Path(n) == p or p in Path(n).parents for n in names for p in places):
        return f"cannot write the site to {target}: {_reason(err)}"   # copies name both files
    return f"cannot build the site: {names[0]}: {_reason(err)}"


def _reason(err: BaseException) -> str:
    return (err.strerror if isinstance(err, OSError) and err.strerror else str(err)) or \
        type(err).__name__


def _sibling(target: Path, tag: str) -> Path:
    return target.parent / f".{target.name}.{tag}-{secrets.token_hex(4)}"


def _make_temp(target: Path, made: list[Path]) -> Path:
    """Create the build's own folder beside `target` (mode as umask allows, like any folder
    MkDocs creates), listed in `made` from just before it exists."""
    while True:
        temp = _sibling(target, TEMP_TAG)
        made.append(temp)
        try:
            temp.mkdir()
        except FileExistsError:   # another's: not ours to remove
            made.pop()
            continue
        return temp


def _mark(folder: Path) -> int:
    """Write the marker into `folder` and hold a lock on it; returns the open descriptor.
    The lock is taken before the text is written, so another build never sees a marked folder
    that is not locked yet."""
    fd = os.open(folder / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        data = MARKER_TEXT.encode()
        while data:
            data = data[os.write(fd, data):]
    except BaseException:
        os.close(fd)
        raise
    return fd


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    result: Callable[..., int] = function
    return result

