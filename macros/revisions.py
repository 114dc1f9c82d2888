"""The project's files as they were at a git revision, read without touching the working tree.

`git ls-tree` lists what a commit holds under `data/` and `docs/`, `git cat-file --batch`
reads those files in one process, and they are written into a folder of the caller's: no
checkout, no stash, nothing in the repository changes. A symbolic link in the commit is
written as a link, so the loaders refuse it exactly as they would in a working tree.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

FOLDERS = ("data", "docs")
_BLOB, _LINK = "blob", "120000"


class GitError(Exception):
    """A reason the revisions cannot be read, worded for the person who named them."""


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "--literal-pathspecs", "-C", str(root), *args],
                              input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed: `playbook diff` reads revisions with it") from None
    if done.returncode != 0:
        raise _Failed(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


class _Failed(GitError):
    """git said no; the message is the last line it printed."""

    def __init__(self, stderr: str) -> None:
        self.stderr = stderr
        last = stderr.splitlines()[-1] if stderr else "no message"
        super().__init__(f"git failed: {last}")


def project_prefix(root: Path) -> str:
    """Where the project sits in its repository ("" at the top, else "sub/dir/")."""
    try:
        return git(root, "rev-parse", "--show-prefix").decode().strip()
    except _Failed as err:
        if "not a git repository" in err.stderr:
            raise GitError(f"{root} is not in a git repository: `playbook diff` compares "
                           "revisions of a project kept in git") from None
        raise


def commit_of(root: Path, revision: str) -> str:
    """The commit `revision` names (a branch, tag, `HEAD~1`, a hash...)."""
    try:
        return git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                   f"{revision}^{{commit}}").decode().strip()
    except _Failed:
        raise GitError(f"unknown revision {revision!r}: name a commit, branch or tag of this "
                       "repository, e.g. HEAD~1, main or origin/main") from None


def extract(root: Path, commit: str, prefix: str, dest: Path) -> int:
    """Write the project's `data/` and `docs/` at `commit` into `dest`; returns how many
    files were written."""
    listing = git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--",
                  *(prefix + folder for folder in FOLDERS))
    entries = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, _, path = item.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind == _BLOB:  # a submodule ("commit") has no files to read here
            entries.append((mode, sha, _inside(path.decode("utf-8", "surrogateescape"),
                                               prefix)))
    contents = _read_blobs(root, [sha for _, sha, _ in entries])
    for (mode, _, relative), content in zip(entries, contents, strict=True):
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == _LINK:
            os.symlink(os.fsdecode(content), target)
        else:
            target.write_bytes(content)
    return len(entries)


def _inside(path: str, prefix: str) -> PurePosixPath:
    relative = PurePosixPath(path.removeprefix(prefix))
    if relative.is_absolute() or ".." in relative.parts:  # git never stores these; be sure
        raise GitError(f"git listed {path!r}, a path outside the project")
    return relative


def _read_blobs(root: Path, shas: list[str]) -> list[bytes]:
    """Every object's bytes, in order, from one `git cat-file --batch`."""
    if not shas:
        return []
    out = git(root, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in shas).encode())
    contents, at = [], 0
    for _ in shas:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        start = header_end + 1
        contents.append(out[start:start + size])
        at = start + size + 1  # the object is followed by a newline
    return contents
