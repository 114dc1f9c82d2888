"""Editions spread over several machines: which editions a shard builds, what each edition's
folder says about itself, and the index page made afterwards from those folders.

`playbook build --all --shard K/N` builds shard K of N. The edition names (`default` for the
base playbook and every overlay's slug) are sorted and dealt round-robin: shard K gets the
K-th name, the (K+N)-th, the (K+2N)-th and so on. Every machine computes the same deal from
the same data without talking to the others, and no two shares differ by more than one edition.

Every edition's folder, whichever way it was built, carries the output marker and a manifest
(MANIFEST): the card the index page shows for it (organization, size, recommended template), as
JSON. `playbook build --editions-index` reads the manifests of the edition folders it finds, so
it needs neither the data nor the other machines.

Plain functions, no MkDocs.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, NamedTuple, get_type_hints

from macros.editions_index import Entry, editions_index
from macros.output import MARKER, MARKER_TEXT, OutputError, check_output, is_playbook_output

MANIFEST = ".playbook-edition.json"
INDEX = "index.html"


class IndexFailed(Exception):
    """The index page cannot be written; `lines` say why, one problem each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class Shard(NamedTuple):
    number: int   # 1-based
    total: int

    def __str__(self) -> str:
        return f"{self.number}/{self.total}"


def parse_shard(text: str) -> Shard:
    """`K/N` with 1 <= K <= N; ValueError says what is wrong, for a usage error."""
    found = re.fullmatch(r"([0-9]+)/([0-9]+)", text)
    if not found:
        raise ValueError(f"{text!r} is not K/N (shard K of N, e.g. 1/4)")
    number, count = int(found[1]), int(found[2])
    if count < 1 or not 1 <= number <= count:
        raise ValueError(f"{text!r} is not a shard: K/N needs 1 <= K <= N, e.g. 1/{max(count, 2)}")
    return Shard(number, count)


def share(names: list[str], shard: Shard) -> list[str]:
    """The names shard `shard` builds, in the order `names` gives them."""
    mine = set(sorted(names)[shard.number - 1::shard.total])
    return [name for name in names if name in mine]


# ---------------------------------------------------------------------------------------------
# Edition folders


def manifest_text(entry: Entry) -> str:
    return json.dumps(asdict(entry), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_edition_files(folder: Path, entry: Entry) -> None:
    """Mark `folder` (a built edition) as playbook's and describe it for the index page."""
    if not is_playbook_output(folder):
        (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (folder / MANIFEST).write_text(manifest_text(entry), encoding="utf-8")


def read_entry(folder: Path) -> Entry:
    """The card of the edition built into `folder`; ValueError says what is wrong with its
    manifest."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{folder} has no {MANIFEST}: it was built by an older playbook; "
                         "build it again") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: cannot read it ({err}): build the edition again") from None
    entry = _entry_of(data)
    if entry is None:
        raise ValueError(f"{path}: not an edition manifest (it needs exactly the keys "
                         f"{', '.join(f.name for f in fields(Entry))}): build the edition again")
    if entry.slug != folder.name:
        raise ValueError(f"{path}: it describes the edition {entry.slug!r}, not {folder.name!r}"
                         f": put the folder back under its name, {entry.slug}/")
    return entry


def _entry_of(data: Any) -> Entry | None:
    hints = get_type_hints(Entry)
    if not isinstance(data, dict) or set(data) != set(hints):
        return None
    if not all(_fits(data[name], hint) for name, hint in hints.items()):
        return None
    return Entry(**data)


def _fits(value: Any, hint: Any) -> bool:
    try:
        return isinstance(value, hint)   # a class, or a union such as `str | None`
    except TypeError:   # a hint JSON cannot meet, such as list[str]
        return False


def edition_entries(out: Path) -> tuple[list[Entry], list[str]]:
    """The cards of the edition folders in `out` (its marked sub-folders; hidden ones are
    builds in progress), the base playbook first, then by name; and what is wrong with the
    others, one line each."""
    entries: list[Entry] = []
    wrong: list[str] = []
    folders = sorted(out.iterdir()) if out.is_dir() else []
    for folder in folders:
        if folder.name.startswith(".") or folder.is_symlink() or not folder.is_dir() \
                or not is_playbook_output(folder):
            continue
        try:
            entries.append(read_entry(folder))
        except ValueError as err:
            wrong.append(str(err))
    return sorted(entries, key=_index_order), wrong


def index_page(entries: list[Entry]) -> str:
    """The index page of `entries`, in the same order however they were gathered."""
    return editions_index(sorted(entries, key=_index_order))


def _index_order(entry: Entry) -> tuple[bool, str]:
    return bool(entry.template), entry.slug   # the base playbook (no template) first


def write_index(out: Path) -> list[Entry]:
    """Write out/index.html listing the edition folders in `out`, replacing the previous one in
    one step. Nothing else in `out` changes. Raises IndexFailed when there are no edition
    folders or one of them cannot be read."""
    entries, wrong = edition_entries(out)
    if not entries and not wrong:
        wrong = [f"{out} holds no edition folders (sub-folders with a {MARKER} file): build "
                 f"them first with `playbook build --all --shard K/N --out {out}`"]
    if wrong:
        raise IndexFailed(wrong)
    handle, temp = tempfile.mkstemp(prefix=f".{INDEX}.", dir=out)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(index_page(entries))
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, out / INDEX)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return entries


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------------------------------------
# A folder that several shards fill


def shard_folders(root: Path, target: Path, names: list[str]) -> dict[str, Path]:
    """The folder of each edition in `names` inside `target` (accepted by `check_output`),
    once each is safe to replace: new, empty or an earlier build's. Raises OutputError for
    the first that is not, and for a `target` that holds one edition's site rather than
    edition folders."""
    if (target / MANIFEST).is_file():
        raise OutputError(
            f"cannot build a shard into {target}: it holds the site of one edition (from "
            "`playbook build` without --all), not a folder per edition: choose another --out, "
            "or remove it yourself")
    return {name: check_output(root, target / name) for name in names}


def mark_shared(target: Path) -> None:
    """Create `target` if need be and give it the marker, so that later shards and
    `--editions-index` accept it. Shards may do this at the same moment: the marker is
    created only if missing, with its whole text in one write."""
    target.mkdir(parents=True, exist_ok=True)
    if is_playbook_output(target):
        return
    try:
        fd = os.open(target / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:   # another shard's, being written now
        return
    try:
        os.write(fd, MARKER_TEXT.encode())
    finally:
        os.close(fd)
