"""Load every record under `data/`, check it, and index it by kind and id.

`load_catalog` never stops at the first problem: every file is loaded, validated and checked,
references between records are resolved, and all problems come back together.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from macros.files import Entry, list_folder
from macros.intros import INTROS_FILE, load_intros
from macros.kinds import KINDS
from macros.kinds.base import check_list_ids, check_ranges
from macros.problems import Problem
from macros.schema import Schema, reference_words, references, validate
from macros.yamlfile import Document, NodePath, load_file

# Overlays live beside the kinds but are loaded by their own module; the URL registry is
# macros/urls.py's; the index pages' intros are loaded below, beside the records.
NOT_KINDS = {"orgs", "published-urls.txt", INTROS_FILE}
EVERY_ID = "*"  # never a valid id
Reference = tuple[NodePath, str, str]  # where in the record, the kind and the id it names


@dataclass
class Record:
    kind: str
    id: str
    data: dict[str, Any]
    doc: Document

    @property
    def source(self) -> str:
        return self.doc.path

    @cached_property
    def references(self) -> list[Reference]:
        """Its `ref` fields: found once, as editions share unchanged records with the base."""
        return list(references(KINDS[self.kind].schema, self.data))


class BrokenRecord(KeyError):
    """A record that exists but failed to load or validate: its file's own problems say why,
    so whatever needed it reports nothing more (no knock-on "does not exist")."""


# id of a kind's record dict -> (that dict, its records when sorted, them in order).
_ORDERED: dict[int, tuple[dict[str, Record], list[Record], list[Record]]] = {}


@dataclass
class Catalog:
    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    # In an edition: kind -> id -> "file:line:col" of the overlay line that left it out.
    excluded: dict[str, dict[str, str]] = field(default_factory=dict)
    # kind -> ids of record files that have problems of their own (not "does not exist");
    # EVERY_ID when the kind's folder itself could not be read.
    broken: dict[str, set[str]] = field(default_factory=dict)
    # kind -> the opening text of its index page (macros.intros), shared by every edition.
    intros: dict[str, str] = field(default_factory=dict)

    def intro(self, kind: str) -> str:
        return self.intros.get(kind, "")

    def renamed(self, kind: str, old_id: str) -> Record | None:
        """The record that lists `old_id` among its former ids (`aliases`), if any."""
        if self.get(kind, old_id) is not None:
            return None
        return next((r for r in self.records.get(kind, {}).values()
                     if old_id in r.data.get("aliases", ())), None)

    def is_broken(self, kind: str, record_id: str) -> bool:
        """The record's file has problems of its own (already reported), or its kind's folder
        could not be read: what refers to it is not wrong."""
        broken = self.broken.get(kind, ())
        return record_id in broken or EVERY_ID in broken

    def require(self, kind: str, record_id: str) -> Record:
        """The record, or a KeyError that says why it is missing (unknown, or excluded);
        `BrokenRecord` when its own file has problems."""
        record = self.get(kind, record_id)
        if record is not None:
            return record
        if self.is_broken(kind, record_id):
            raise BrokenRecord(f"{kind} record {record_id!r} has problems of its own")
        renamed = self.renamed(kind, record_id)
        if renamed is not None:
            raise KeyError(f"{kind} record {record_id!r} was renamed to {renamed.id!r}: use "
                           "the new id")
        where = self.excluded.get(kind, {}).get(record_id)
        if where:
            raise KeyError(f"{kind} record {record_id!r} is excluded from this edition by "
                           f"{where}: remove the link, or keep the record")
        ids = set(self.records.get(kind, {})) | self.broken.get(kind, set()) - {EVERY_ID}
        known = ", ".join(sorted(ids)) or "none"  # a broken record still has its id
        raise KeyError(f"no {kind} record {record_id!r} (known: {known})")

    def get(self, kind: str, record_id: str) -> Record | None:
        return self.records.get(kind, {}).get(record_id)

    def ordered(self, kind: str) -> list[Record]:
        records = self.records.get(kind, {})
        known = _ORDERED.get(id(records))
        # Editions and page views share the base's folder dicts: sort each once, and again
        # only when its records are no longer the very same objects.
        if known is not None and known[0] is records and len(known[1]) == len(records) \
                and all(a is b for a, b in zip(known[1], records.values(), strict=True)):
            return list(known[2])
        key = KINDS[kind].order_key
        ordered = sorted(records.values(), key=lambda r: (r.data.get(key, 0), r.id))
        if len(_ORDERED) > 4096:  # a long preview session loads many catalogs: forget old ones
            _ORDERED.clear()
        _ORDERED[id(records)] = (records, list(records.values()), ordered)
        return list(ordered)

    def __iter__(self) -> Iterator[Record]:
        for kind in KINDS:
            yield from self.ordered(kind)


def load_catalog(root: Path, data_dir: str = "data", jobs: int = 1
                 ) -> tuple[Catalog, list[Problem]]:
    """Load `root/data_dir`; paths in problems are relative to `root`.

    Folders are listed without following links (`macros.files`), so nothing from outside the
    project can reach the site. A record that fails to load or validate is remembered as
    broken: references to it are not reported again as "does not exist".
    """
    catalog = Catalog({name: {} for name in KINDS})
    unread = Catalog({name: {} for name in KINDS}, broken={name: {EVERY_ID} for name in KINDS})
    if not (root / data_dir).exists():
        return unread, [Problem(data_dir, 1, 1, f"data folder {data_dir!r} not found: create "
                                "it with one folder per kind", "missing")]
    entries, problems = list_folder(root / data_dir, data_dir)
    if problems and not entries:  # the folder itself was refused: nothing else is wrong
        return unread, problems
    mark_refused_kinds(catalog, problems, data_dir)
    for entry in entries:
        if entry.name == INTROS_FILE:
            catalog.intros, found = load_intros(entry)
            problems += found
            continue
        if entry.name in NOT_KINDS:
            continue
        if entry.name not in KINDS or not entry.is_dir:
            problems.append(Problem(entry.shown, 1, 1, f"{entry.name!r} is not a data kind: the "
                                    f"folders here are {', '.join(KINDS)}", "unknown-kind"))
            continue
        problems += load_kind_folder(catalog, entry.name, entry.path, entry.shown, jobs)
    problems += check_references(catalog) + check_aliases(catalog)
    return catalog, problems


def check_aliases(catalog: Catalog) -> list[Problem]:
    """A former id may not be a current id of its kind, nor claimed by two records."""
    problems = []
    for kind, records in catalog.records.items():
        claimed: dict[str, str] = {}
        for record in sorted(records.values(), key=lambda r: r.id):
            for index, old in enumerate(record.data.get("aliases", [])):
                at = ("aliases", index)
                if old in records:
                    problems.append(record.doc.problem(at, f"{old!r} is the id of another "
                                                       f"{KINDS[kind].singular}: a former id "
                                                       "must be free; remove it here",
                                                       "alias"))
                elif old in claimed:
                    problems.append(record.doc.problem(at, f"{old!r} is already a former id of "
                                                       f"{claimed[old]!r}: one old address can "
                                                       "lead to one page only", "alias"))
                else:
                    claimed[old] = record.id
    return problems


def mark_refused_kinds(catalog: Catalog, problems: list[Problem], folder: str) -> None:
    """Kinds whose folder in `folder` was refused (a link, say) have unknown records: mark
    them broken, so references to them are not reported as "does not exist" as well."""
    for problem in problems:
        kind = problem.path.removeprefix(f"{folder}/")
        if kind in KINDS:
            catalog.broken.setdefault(kind, set()).add(EVERY_ID)


def load_kind_folder(catalog: Catalog, kind: str, folder: Path, shown: str,
                     jobs: int = 1) -> list[Problem]:
    """Load every record file of one kind's folder into `catalog` (a big folder `jobs`
    processes at a time)."""
    entries, problems = list_folder(folder, shown)
    if any(problem.path == shown for problem in problems):  # the folder itself was refused
        catalog.broken.setdefault(kind, set()).add(EVERY_ID)
    read = _read_in_parallel(kind, entries, jobs) if jobs > 1 and len(entries) >= _PARALLEL_FROM \
        else None
    for i, entry in enumerate(entries):
        problems += load_record(catalog, kind, entry, entry.shown, read[i] if read else None)
    return problems


# Below this many files, starting processes costs more than it saves.
_PARALLEL_FROM = 400


def _read_in_parallel(kind: str, entries: list[Entry], jobs: int
                      ) -> list[tuple[Document | None, list[Problem]]] | None:
    """Parse and check each record file in `jobs` forked processes (parsing YAML is most of
    the time of a big check); None where forking is not available."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    work = [(kind, str(entry.path), entry.shown) for entry in entries
            if entry.path.suffix == ".yml" and not entry.is_dir]
    if len(work) != len(entries):
        return None  # the odd entries are reported one by one, in order
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(_read_one, work, chunksize=max(1, len(work) // (jobs * 4)))


def _read_one(work: tuple[str, str, str]) -> tuple[Document | None, list[Problem]]:
    kind, path, shown = work
    return _read_record(kind, Path(path), shown)


def load_record(catalog: Catalog, kind: str, entry: Entry, shown: str,
                read: tuple[Document | None, list[Problem]] | None = None) -> list[Problem]:
    """Load one record file (or take what a worker process `read` of it) into `catalog`."""
    path = entry.path
    if path.suffix != ".yml" or entry.is_dir:
        hint = "rename it to end in .yml" if path.suffix == ".yaml" else "move it out of data/"
        return [Problem(shown, 1, 1, f"only regular .yml record files belong here: {hint}",
                        "file-name")]
    doc, problems = read if read is not None else _read_record(kind, path, shown)
    if doc is not None:
        catalog.records[kind][doc.data["id"]] = Record(kind, doc.data["id"], doc.data, doc)
    if path.stem not in catalog.records[kind]:
        # References to a record that did not load are its own problems' business alone.
        catalog.broken.setdefault(kind, set()).add(path.stem)
    return problems


def _read_record(kind: str, path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    """The record file's problems, and its document when it belongs in the catalog."""
    doc, problems = load_file(path, shown)
    if doc is None:
        return None, problems
    problems += validate(doc, KINDS[kind].schema)
    if problems:
        return None, problems
    for check in (check_ranges, check_list_ids, *KINDS[kind].checks):
        problems += check(doc)
    record_id = doc.data["id"]
    if record_id != path.stem:
        problems.append(doc.problem(("id",), f"id {record_id!r} differs from the file name "
                                    f"{path.name!r}: rename the file to {record_id}.yml or "
                                    "change the id", "id-file-name"))
        return None, problems
    return doc, problems


def check_references(catalog: Catalog,
                     excluded: dict[str, dict[str, str]] | None = None) -> list[Problem]:
    """Every `ref` field must name an existing record; `excluded` maps kind -> id -> the
    overlay position that left a record out of an edition, so the message can point there."""
    problems = []
    for record in catalog:
        if record.references:
            problems += _dangling(record.doc, record.references, catalog, excluded)
    return problems


def dangling_references(doc: Document, schema: Schema, catalog: Catalog,
                        excluded: dict[str, dict[str, str]] | None = None) -> list[Problem]:
    """A problem for each `ref` field of `doc` naming no record of `catalog`."""
    return _dangling(doc, references(schema, doc.data), catalog, excluded,
                     reference_words(schema, doc.data))


def _dangling(doc: Document, found: Iterable[Reference], catalog: Catalog,
              excluded: dict[str, dict[str, str]] | None,
              words: dict[NodePath, list[str]] | None = None) -> list[Problem]:
    problems = []
    for at, kind, target in found:
        if catalog.get(kind, target) is not None or catalog.is_broken(kind, target):
            continue
        renamed = catalog.renamed(kind, target)
        if renamed is not None:
            problems.append(doc.problem(
                at, f"{KINDS[kind].singular} {target!r} was renamed to {renamed.id!r}: use the "
                "new id", "renamed-reference"))
            continue
        where = (excluded or {}).get(kind, {}).get(target)
        if where:
            problems.append(doc.problem(
                at, f"{KINDS[kind].singular} {target!r} is excluded by {where}: drop this "
                "reference with an override, or keep the record", "excluded-reference"))
            continue
        known = ", ".join(sorted(catalog.records.get(kind, {}))) or "none yet"
        if (words or {}).get(at):
            known += ", or " + " or ".join(repr(w) for w in (words or {})[at])
        problems.append(doc.problem(
            at, f"{KINDS[kind].singular} {target!r} does not exist: use one of {known}",
            "reference"))
    return problems
