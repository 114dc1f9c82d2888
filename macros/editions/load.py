"""Build an edition: the base catalog, an organization's overlay merged over a fresh copy."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.catalog import (
    Catalog,
    Record,
    check_references,
    dangling_references,
    load_catalog,
    load_kind_folder,
    mark_refused_kinds,
)
from macros.contrast import palette_problems
from macros.editions.merge import blamed, merge_record
from macros.editions.schema import LOGO_MAX_BYTES, MKDOCS_KEYS, SCHEMA
from macros.files import Entry, check_tree, list_folder
from macros.kinds import KINDS
from macros.kinds.base import check_list_ids, check_ranges
from macros.problems import Problem
from macros.schema import ID_PATTERN, full_match, validate
from macros.yamlfile import Document, NodePath, load_file

ORGS = "data/orgs"
# Names an edition's folder would share with what a build writes beside it (`--all` puts
# editions next to `default/` and `index.html`) or inside a site (kinds, hand-written pages).
RESERVED_SLUGS = frozenset({"default", "assets", "search", "index", "our-plan", "404",
                            "sitemap", "stylesheets", "javascripts", "orgs", *KINDS})


@dataclass
class Edition:
    slug: str
    org: dict[str, Any]
    overlay: Document
    catalog: Catalog
    logo: Path | None = None


@dataclass
class Project:
    """The base playbook and every edition, loaded and checked from one read of the data."""

    base: Catalog
    editions: dict[str, Edition] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Filled by `check_site`: edition ("default" or a slug) -> every address it publishes.
    published: dict[str, set[str]] = field(default_factory=dict)


def edition_slugs(root: Path) -> list[str]:
    folder = root / ORGS
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def load_project(root: Path, slugs: list[str] | None = None, jobs: int = 1) -> Project:
    """Load and check the base playbook once, then merge each overlay over that one catalog."""
    # Links and special files anywhere under data/, also in folders no loader lists.
    tree = check_tree(root, "data")
    base, problems = load_catalog(root, jobs=jobs)
    project = Project(base, problems=problems)
    for slug in edition_slugs(root) if slugs is None else slugs:
        edition, found = load_edition(root, slug, base)
        project.problems += found
        if edition is not None:
            project.editions[slug] = edition
    project.problems = sorted(set(tree + project.problems))  # a link may be met twice
    return project


def load_catalog_for(root: Path, slug: str | None
                     ) -> tuple[Catalog | None, Edition | None, list[Problem]]:
    """The catalog to publish: an organization's edition when `slug` is given, else the base
    playbook. The catalog is None when there are problems."""
    if not slug:
        catalog, problems = load_catalog(root)
        return (None if problems else catalog), None, problems
    edition, problems = load_edition(root, slug)
    return (edition.catalog if edition else None), edition, problems


def slug_problem(root: Path, slug: str) -> Problem | None:
    """Why `slug` cannot name an edition, if it cannot."""
    shown = f"{ORGS}/{slug}.yml"
    if not full_match(ID_PATTERN, slug):
        return Problem(shown, 1, 1, f"edition {slug!r} is not a valid slug: name the file in "
                       "kebab-case like 'acme-robotics.yml'", "id-format")
    taken = RESERVED_SLUGS | {p.stem for p in (root / "docs").glob("*")}
    if slug in taken:
        return Problem(shown, 1, 1, f"edition {slug!r} would share its folder with the "
                       f"site's own {slug!r}: rename the file, e.g. to '{slug}-org.yml'",
                       "reserved-slug")
    return None


def load_edition(root: Path, slug: str, base: Catalog | None = None
                 ) -> tuple[Edition | None, list[Problem]]:
    """An organization's edition merged over `base` (loaded here when not given). Records of
    `base` that are broken are left out; nothing reports them again."""
    shown = f"{ORGS}/{slug}.yml"
    if (bad := slug_problem(root, slug)) is not None:
        return None, [bad]
    path = root / shown
    if path.is_symlink() or not path.is_file():
        known = ", ".join(edition_slugs(root)) or "none"
        why = "is a symbolic link: copy the file instead" if path.is_symlink() else \
            f"does not exist (editions: {known})"
        return None, [Problem(shown, 1, 1, f"overlay {shown} {why}", "overlay-file")]
    problems: list[Problem] = []
    if base is None:
        base, problems = load_catalog(root)
    overlay, load_problems = load_file(path, shown)
    problems += load_problems
    if overlay is None or load_problems:
        return None, problems
    problems += _check_overlay(overlay)
    if problems:
        return None, problems
    # Merged even when some base records are broken: the overlay's own mistakes show in the
    # same run, and what needed a broken record says nothing more.
    edition = Edition(slug, overlay.data, overlay, _copy(base))
    problems += _add_own_records(root, edition)
    problems += _apply_overrides(edition)
    problems += _apply_exclusions(edition)
    problems += check_references(edition.catalog, edition.catalog.excluded)
    problems += _check_org(root, edition)
    return (None if problems else edition), problems


def _check_overlay(overlay: Document) -> list[Problem]:
    if not isinstance(overlay.data, dict):
        return [overlay.problem((), "an overlay must be a YAML mapping of `field: value` lines",
                                "type")]
    problems = [overlay.problem((key,), f"{key!r} is MkDocs configuration, which overlays cannot "
                                "set: an overlay only describes the organization and its "
                                "changes to the playbook's records", "overlay-config", key=True)
                for key in overlay.data if key in MKDOCS_KEYS]
    checked = {k: v for k, v in overlay.data.items() if k not in MKDOCS_KEYS}
    problems += [overlay.problem(at, message, "contrast")
                 for at, message in palette_problems(checked.get("branding"))]
    return problems + validate(Document(overlay.path, checked, overlay.value_marks,
                                        overlay.key_marks, overlay.refused), SCHEMA)


def _copy(catalog: Catalog) -> Catalog:
    return Catalog({kind: dict(records) for kind, records in catalog.records.items()},
                   broken={kind: set(ids) for kind, ids in catalog.broken.items()},
                   intros=catalog.intros)


def _add_own_records(root: Path, edition: Edition) -> list[Problem]:
    shown = f"{ORGS}/{edition.slug}"
    if not os.path.lexists(root / shown):
        return []
    entries, problems = list_folder(root / shown, shown)
    mark_refused_kinds(edition.catalog, problems, shown)
    for entry in entries:
        if entry.is_dir and entry.name in KINDS:
            problems += _add_records(edition, entry.name, entry)
        elif entry.is_dir:
            problems.append(Problem(entry.shown, 1, 1, f"{entry.name!r} is not a data kind: the "
                                    f"folders here are {', '.join(KINDS)}", "unknown-kind"))
    return problems


def _add_records(edition: Edition, kind: str, folder: Entry) -> list[Problem]:
    own = Catalog({kind: {}})
    problems = load_kind_folder(own, kind, folder.path, folder.shown)
    edition.catalog.broken.setdefault(kind, set()).update(own.broken.get(kind, set()))
    for record_id, record in own.records[kind].items():
        if record_id in edition.catalog.records[kind]:
            problems.append(record.doc.problem(
                ("id",), f"{kind} {record_id!r} already exists in the base playbook: change it "
                f"under `overrides: {{{kind}: {{{record_id}: ...}}}}` instead", "duplicate-id"))
        else:
            edition.catalog.records[kind][record_id] = record
    return problems


def _apply_overrides(edition: Edition) -> list[Problem]:
    problems: list[Problem] = []
    for kind, changes in edition.org.get("overrides", {}).items():
        for record_id, fields in changes.items():
            at = ("overrides", kind, record_id)
            base = edition.catalog.get(kind, record_id)
            if base is None and edition.catalog.is_broken(kind, record_id):
                continue  # the base record's own problems are reported in its file
            if base is None:
                problems.append(edition.overlay.problem(
                    at, f"there is no {KINDS[kind].singular} {record_id!r} to override: use one "
                    f"of {', '.join(sorted(edition.catalog.records.get(kind, {})))}", "reference",
                    key=True))
                continue
            if "id" in fields:
                problems.append(edition.overlay.problem(
                    (*at, "id"), "an override cannot change a record's id: ids are permanent "
                    "URLs", "overlay-id", key=True))
                continue
            doc, found = merge_record(base.doc, fields, at, edition.overlay,
                                      KINDS[kind].schema)
            # What the base record already gets wrong is reported at the base record, once;
            # the edition reports only what its own changes bring.
            already = set(_record_problems(base.doc, kind))
            found += [blame for plain, blame in zip(
                _record_problems(doc, kind),
                _record_problems(blamed(doc, edition.overlay.path), kind), strict=True)
                if plain not in already]
            problems += found
            edition.catalog.records[kind][record_id] = Record(kind, record_id, doc.data, doc)
    return problems


def _record_problems(doc: Document, kind: str) -> list[Problem]:
    found = validate(doc, KINDS[kind].schema)
    if not found:
        for check in (check_ranges, check_list_ids, *KINDS[kind].checks):
            found += check(doc)
    return found


def _apply_exclusions(edition: Edition) -> list[Problem]:
    problems = []
    for kind, ids in edition.org.get("exclude", {}).items():
        for i, record_id in enumerate(ids):
            at = ("exclude", kind, i)
            if edition.catalog.records.setdefault(kind, {}).pop(record_id, None) is None:
                if edition.catalog.is_broken(kind, record_id):
                    continue
                problems.append(edition.overlay.problem(
                    at, f"there is no {KINDS[kind].singular} {record_id!r} to exclude",
                    "reference"))
                continue
            file, line, col = edition.overlay.locate(at)
            edition.catalog.excluded.setdefault(kind, {})[record_id] = f"{file}:{line}:{col}"
    return problems


def _check_org(root: Path, edition: Edition) -> list[Problem]:
    org, overlay = edition.org, edition.overlay
    problems = dangling_references(overlay, SCHEMA, edition.catalog, edition.catalog.excluded)
    departments = {d["id"] for d in org["departments"]}
    for i, champion in enumerate(org.get("champions", [])):
        if champion["department"] not in departments:
            problems.append(overlay.problem(
                ("champions", i, "department"), f"department {champion['department']!r} is not "
                f"in this overlay's departments: use one of {', '.join(sorted(departments))}",
                "reference"))
    staffed = sum(d["headcount"] for d in org["departments"])
    if staffed > org["headcount"]:
        problems.append(overlay.problem(
            ("headcount",), f"departments add up to {staffed} people, more than the headcount "
            f"of {org['headcount']}: correct a department or the headcount", "figure-mismatch"))
    return problems + _check_choice(edition) + _check_logo(root, edition)


def _check_choice(edition: Edition) -> list[Problem]:
    """The edition's plan needs a template, and a scenario to recommend one unless pinned."""
    needs = [("templates", "a template to plan with")]
    if not edition.org.get("template"):
        needs.append(("scenarios", "a scenario to recommend a template from (or pin one "
                                   "with `template:`)"))
    problems = []
    for kind, what in needs:
        if edition.catalog.records.get(kind) or edition.catalog.broken.get(kind):
            continue
        gone = edition.catalog.excluded.get(kind, {})
        at: NodePath = ("exclude", kind) if gone else ()
        problems.append(edition.overlay.problem(
            at, f"this edition has no {kind} left, but its plan needs {what}: keep at least "
            f"one of {', '.join(sorted(gone)) or kind}", "needs-record"))
    return problems


def _check_logo(root: Path, edition: Edition) -> list[Problem]:
    logo = edition.org.get("branding", {}).get("logo")
    if not logo:
        return []
    at = ("branding", "logo")
    folder = (root / ORGS / edition.slug).resolve()
    path = root / ORGS / edition.slug / logo
    if path.is_symlink() or not path.is_file() or path.resolve().parent != folder:
        return [edition.overlay.problem(
            at, f"logo {logo!r} must be a regular file in {ORGS}/{edition.slug}/ (not a link): "
            "add the image there", "overlay-file")]
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        return [edition.overlay.problem(
            at, f"logo {logo!r} is {size:,} bytes, more than the {LOGO_MAX_BYTES:,} allowed: "
            "save a smaller image", "logo")]
    with path.open("rb") as image:
        head = image.read(8)
    want = "PNG" if path.suffix == ".png" else "JPEG"
    if not head.startswith(_MAGIC[want]):
        return [edition.overlay.problem(
            at, f"logo {logo!r} is not a {want} image (its first bytes say otherwise): export "
            f"the logo as a real {want} file", "logo")]
    edition.logo = path
    return []


_MAGIC = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}
