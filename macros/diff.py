"""`playbook diff`: what a change does to every edition, as Markdown for a pull request.

Both sides are loaded the way `check` loads them (the base playbook and every overlay merged
over it) and their pages rendered with the page functions, without MkDocs. For the default
edition and each organization's edition the report lists the pages added, removed (and
whether a redirect now serves the old address) and changed; the records added, removed and
renamed; each changed field with its old and new value; and the figures worked out for the
organization (head counts, budgets, champions needed, cost per adopted person...) that moved.

Everything but `command` is a plain function of loaded projects. An edition whose record
changes are those of the default edition says so instead of repeating them, and every list is
capped, so the report stays short enough for a pull-request comment.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.catalog import Catalog, Record
from macros.editions import figures
from macros.editions.choice import choose
from macros.editions.load import Edition, Project, load_project
from macros.editions.pages import edition_pages
from macros.kinds import KINDS
from macros.md import Markdown, inline, money, table
from macros.pages import PageCache, generate
from macros.problems import Problem, report
from macros.urls import DEFAULT_EDITION, docs_pages, docs_redirects, page_url, record_redirects

LIST_CAP = 8  # addresses or records named in one line
ROW_CAP = 12  # rows in one table
VALUE_CAP = 80  # characters of one value
REPORT_CAP = 60_000  # GitHub refuses comments over 65,536 characters
ABSENT = object()  # a field one side does not have
Figure = tuple[str, str]  # (the template it is about, or "", what it is)
_PLAIN_CODE = re.compile(r"[\w.\[\]/=:~^@+-]+")


@dataclass(frozen=True)
class EditionView:
    """One edition of one side: its catalog, organization, pages and redirects."""

    name: str  # DEFAULT_EDITION or the overlay's slug
    catalog: Catalog
    org: dict[str, Any] | None
    pages: dict[str, str]  # address -> Markdown
    redirects: dict[str, str]  # former address -> the address it leads to


def editions_of(project: Project, docs: dict[str, str]) -> dict[str, EditionView]:
    """Every edition of a loaded project, its pages rendered (hand-written pages as written)."""
    cache = PageCache(project.base)  # editions render only the pages their overlay changes
    views = {}
    editions: list[tuple[str, Catalog, Edition | None]] = [(DEFAULT_EDITION, project.base, None)]
    editions += [(slug, e.catalog, e) for slug, e in sorted(project.editions.items())]
    moved = {r.old: r.new for r in docs_redirects(docs)}
    for name, catalog, edition in editions:
        org = edition.org if edition else None
        pages = generate(catalog, org, cache) + (edition_pages(edition) if edition else [])
        addresses = {page_url(uri): text for uri, text in docs.items()}
        addresses.update({page_url(page.uri): page.markdown for page in pages})
        redirects = moved | {r.old: r.new for r in record_redirects(catalog)}
        views[name] = EditionView(name, catalog, org, addresses, redirects)
    return views


# ---- comparing ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """One field that differs: where, and its value on each side (ABSENT when missing)."""

    record: str  # "templates/rapid", or "orgs/<slug>" for the overlay itself
    path: str  # "budget.sections[line-items].total"
    old: Any
    new: Any


@dataclass
class RecordChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    fields: list[Change] = field(default_factory=list)


@dataclass
class EditionDiff:
    name: str
    title: str  # the organization's name; "" for the default edition
    status: str  # "changed", "added" or "removed"
    page_count: int = 0
    pages_added: list[str] = field(default_factory=list)
    pages_removed: list[tuple[str, str | None]] = field(default_factory=list)  # (old, redirect)
    pages_changed: list[str] = field(default_factory=list)
    records: RecordChanges = field(default_factory=RecordChanges)
    overlay: list[Change] = field(default_factory=list)
    figures: list[tuple[Figure, str, str]] = field(default_factory=list)  # figure, old, new

    @property
    def unchanged(self) -> bool:
        return self.status == "changed" and not (
            self.pages_added or self.pages_removed or self.pages_changed or self.overlay
            or self.figures or self.records != RecordChanges())


def diff_editions(old: dict[str, EditionView], new: dict[str, EditionView]
                  ) -> list[EditionDiff]:
    """The default edition first, then each organization's edition by slug."""
    names = sorted(old.keys() | new.keys(), key=lambda n: (n != DEFAULT_EDITION, n))
    return [_diff_edition(old.get(name), new.get(name)) for name in names]


def _diff_edition(old: EditionView | None, new: EditionView | None) -> EditionDiff:
    either = new or old
    assert either is not None
    title = str(either.org["name"]) if either.org else ""
    if old is None or new is None:
        return EditionDiff(either.name, title, "added" if old is None else "removed",
                           len(either.pages))
    result = EditionDiff(new.name, title, "changed", len(new.pages))
    result.pages_added = sorted(new.pages.keys() - old.pages.keys())
    result.pages_removed = [(a, new.redirects.get(a)) for a in sorted(old.pages.keys()
                                                                     - new.pages.keys())]
    result.pages_changed = sorted(a for a in old.pages.keys() & new.pages.keys()
                                  if old.pages[a] != new.pages[a])
    result.records = record_changes(old.catalog, new.catalog)
    if old.org is not None and new.org is not None:
        result.overlay = [Change(f"orgs/{new.name}", path, before, after)
                          for path, before, after in field_changes(old.org, new.org)]
        before, after = edition_figures(old.catalog, old.org), edition_figures(new.catalog,
                                                                                new.org)
        result.figures = [(label, before.get(label, "-"), after.get(label, "-"))
                          for label in _union(before, after)
                          if before.get(label) != after.get(label)]
    return result


def record_changes(old: Catalog, new: Catalog) -> RecordChanges:
    """Records added, removed and renamed (a new record listing the old id in `aliases`),
    and every changed field of the records both sides have."""
    changes = RecordChanges()
    for kind in KINDS:
        before, after = old.records.get(kind, {}), new.records.get(kind, {})
        added = set(after) - set(before)
        for record_id in sorted(set(before) - set(after)):
            heir = new.renamed(kind, record_id)
            if heir is not None and heir.id in added:
                added.discard(heir.id)
                changes.renamed.append((f"{kind}/{record_id}", f"{kind}/{heir.id}"))
                changes.fields += _record_fields(before[record_id], heir, {"id", "aliases"})
            else:
                changes.removed.append(f"{kind}/{record_id}")
        changes.added += [f"{kind}/{record_id}" for record_id in sorted(added)]
        for record_id in sorted(set(before) & set(after)):
            if before[record_id] is not after[record_id]:  # editions share unchanged records
                changes.fields += _record_fields(before[record_id], after[record_id], set())
    return changes


def _record_fields(old: Record, new: Record, skip: set[str]) -> list[Change]:
    left = {k: v for k, v in old.data.items() if k not in skip}
    right = {k: v for k, v in new.data.items() if k not in skip}
    return [Change(f"{new.kind}/{new.id}", path, before, after)
            for path, before, after in field_changes(left, right)]


def field_changes(old: Any, new: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """(path, old, new) for every leaf that differs. Mappings compare by key; lists whose
    items all have an `id` compare by id (as overlays merge them); other lists item by item,
    aligned so that one inserted item does not count as every later item changed."""
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        for key in _union(old, new):
            found += field_changes(old.get(key, ABSENT), new.get(key, ABSENT),
                                   f"{path}.{key}" if path else str(key))
        return found
    if isinstance(old, list) and isinstance(new, list):
        if _by_id(old) and _by_id(new):
            return _id_list_changes(old, new, path)
        return _list_changes(old, new, path)
    return [] if _same(old, new) else [(path, old, new)]


def _id_list_changes(old: list[Any], new: list[Any], path: str) -> list[tuple[str, Any, Any]]:
    before, after = {i["id"]: i for i in old}, {i["id"]: i for i in new}
    found = []
    for item_id in _union(before, after):
        found += field_changes(before.get(item_id, ABSENT), after.get(item_id, ABSENT),
                               f"{path}[{item_id}]")
    kept_old = [i for i in before if i in after]
    kept_new = [i for i in after if i in before]
    if kept_old != kept_new:
        found.append((f"{path} (order)", ", ".join(kept_old), ", ".join(kept_new)))
    return found


def _list_changes(old: list[Any], new: list[Any], path: str) -> list[tuple[str, Any, Any]]:
    before, after = ([json.dumps(item, sort_keys=True, default=str) for item in side]
                     for side in (old, new))
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    found: list[tuple[str, Any, Any]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for offset in range(paired):
            found += field_changes(old[i1 + offset], new[j1 + offset], f"{path}[{j1 + offset}]")
        found += [(f"{path}[{i}]", old[i], ABSENT) for i in range(i1 + paired, i2)]
        found += [(f"{path}[{j}]", ABSENT, new[j]) for j in range(j1 + paired, j2)]
    return found


def _by_id(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(i, dict) and "id" in i for i in items)


def _same(old: Any, new: Any) -> bool:
    return old is new or (old is not ABSENT and new is not ABSENT and type(old) is type(new)
                          and old == new)


def _union(first: Iterable[Any], second: Iterable[Any]) -> list[Any]:
    """Keys of both, in the first's order, then the second's new ones."""
    return list(dict.fromkeys([*first, *second]))


# ---- an edition's figures ------------------------------------------------------------------

def edition_figures(catalog: Catalog, org: dict[str, Any]) -> dict[Figure, str]:
    """Every figure worked out for `org`, as its pages show it: the edition's own first, then
    each template's headline figures, then each template's head counts by month and phase."""
    plans = {t.id: figures.template_plan(t, org) for t in catalog.ordered("templates")}
    if not plans:
        return {}
    found: dict[Figure, str] = {}
    choice = choose(org, catalog)
    found["", "recommended template"] = choice.template + (" (pinned)" if choice.pinned else "")
    plan = plans.get(choice.template) or next(iter(plans.values()))
    capacity = catalog.get("scale-planning", "support-capacity")
    if capacity is not None:
        need = figures.support_needs(capacity, org, plan.adopters)
        found["", "champions needed for the support load"] = _pair(need.champions_by_load)
        found["", "champions at one or two per 50 people"] = _pair(need.champions_per_50)
        found["", "champions as a share of the organization"] = _pair(need.champions_by_share)
        found["", "champion hours a week"] = _pair(need.champion_hours)
        found["", "weekly support cost"] = _pair(need.weekly_cost, money)
    value = figures.pilot_value(org, plan.adopters)
    if value is not None:
        found["", "hours the pilot saves a week"] = f"{value.hours_per_week:,g}"
        if value.hours_per_week_at_scale is not None:
            found["", "hours saved a week at the final target"] = \
                f"{value.hours_per_week_at_scale:,.0f}"
    benchmarks = catalog.get("benchmarks", "scaling-2025")
    if benchmarks is not None:
        lines = figures.return_lines(benchmarks, org, plan)
        found["", "onboarding cost at scale"] = _pair(lines.onboarding_at_scale, money)
        found["", "onboarding cost at the pilot's rate"] = money(lines.onboarding_at_pilot_rate)
        found["", "net benefit of the budget"] = _pair(lines.net_benefit, money)
    for of, plan in plans.items():
        found[of, "people using AI at the end"] = f"{plan.adopters:,}"
        found[of, "budget"] = money(plan.budget_total)
        found[of, "cost per adopted person"] = money(plan.cost_per_adopter)
    for of, plan in plans.items():
        for target in plan.targets:
            found[of, f"people at {target.period}"] = _people(target.people)
        for phase in plan.phases:
            found[of, f"departments joining in {phase.phase_id}"] = ", ".join(
                f"{dept} ({count})" for dept, count in phase.departments) or "-"
            found[of, f"people using AI by the end of {phase.phase_id}"] = _people(phase.target)
    return found


def _people(span: tuple[int, int | None]) -> str:
    low, high = span
    if high is None:
        return f"{low:,}+"
    return f"{low:,}" if low == high else f"{low:,}-{high:,}"


def _pair(pair: tuple[float, float], show: Callable[[float], str] = lambda v: f"{v:,.0f}"
          ) -> str:
    low, high = pair
    return show(low) if low == high else f"{show(low)}-{show(high)}"


# ---- Markdown -------------------------------------------------------------------------------

def to_markdown(diffs: list[EditionDiff], base: str, head: str | None) -> str:
    """The report; a single line when nothing differs."""
    span = f"{code(base)} and {code(head) if head else 'the working tree'}"
    changed = [d for d in diffs if not d.unchanged]
    if not changed:
        return f"No changes to the playbook between {span}: every edition is the same.\n"
    arrow = f"{code(base)} → {code(head) if head else 'the working tree'}"
    sections = [f"## Playbook changes: {arrow}"]
    default = next((d for d in diffs if d.name == DEFAULT_EDITION), None)
    alike = [d for d in changed if default is not None and d is not default
             and _like_default(d, default)]
    left = [d for d in changed if d not in alike]
    while left and sum(map(len, sections)) < REPORT_CAP:
        sections.append(_edition(left.pop(0), default.records if default else None))
    if left:
        sections.append(f"And {_count(len(left), 'more edition')} with changes: "
                        + _capped([code(d.name) for d in left]) + ".")
    if alike:
        names = _capped([code(d.name) for d in alike])
        sections.append(f"The same changes as the default edition: {names}.")
    same = [code(d.name) for d in diffs if d.unchanged]
    if same:
        sections.append(f"Unchanged: {_count(len(same), 'edition')} ({_capped(same)}).")
    return "\n\n".join(sections) + "\n"


def _like_default(diff: EditionDiff, default: EditionDiff) -> bool:
    """Nothing of its own changed: the pages and records of the default edition did."""
    return diff.status == default.status == "changed" and not diff.overlay \
        and not diff.figures and diff.records == default.records \
        and (diff.pages_added, diff.pages_removed, diff.pages_changed) == \
        (default.pages_added, default.pages_removed, default.pages_changed)


def _edition(diff: EditionDiff, default: RecordChanges | None) -> str:
    heading = "### Default edition" if diff.name == DEFAULT_EDITION else \
        f"### Edition {code(diff.name)}: {inline(diff.title)}"
    if diff.status == "added":
        return f"{heading}\n\nNew edition: {_count(diff.page_count, 'page')}."
    if diff.status == "removed":
        return f"{heading}\n\nEdition removed: its {_count(diff.page_count, 'page')} are no " \
               "longer built."
    lines = []
    if diff.pages_added:
        lines.append(_named("Pages added", [_page(a) for a in diff.pages_added]))
    if diff.pages_removed:
        lines.append(_named("Pages removed", [
            f"{_page(old)} (redirects to {_page(new)})" if new is not None else
            f"{_page(old)} (no redirect: links to it break)" for old, new in diff.pages_removed]))
    if diff.pages_changed:
        lines.append(_named("Pages changed", [_page(a) for a in diff.pages_changed]))
    records = diff.records
    same_as_default = diff.name != DEFAULT_EDITION and records == default
    if same_as_default and records != RecordChanges():
        lines.append("- Record changes: as in the default edition.")
    elif not same_as_default:
        lines += _record_lines(records)
    parts = [heading, "\n".join(lines)]
    rows = ([] if same_as_default else records.fields) + diff.overlay
    if rows:
        parts.append(_capped_table(["Record", "Field", "Before", "After"], [
            [code(c.record), code(c.path), _value(c.old), _value(c.new)] for c in rows],
            "field"))
    if diff.figures:
        parts.append(_capped_table(["Figure", "Before", "After"], [
            [_figure(figure), before, after] for figure, before, after in diff.figures],
            "figure"))
    return "\n\n".join(p for p in parts if p)


def _page(address: str) -> Markdown:
    return code(f"/{address}")


def _figure(figure: Figure) -> Markdown:
    about, what = figure
    return Markdown(f"{code(about)}: {inline(what)}") if about else inline(what)


def _record_lines(records: RecordChanges) -> list[str]:
    lines = []
    if records.added:
        lines.append(_named("Records added", [code(r) for r in records.added]))
    if records.removed:
        lines.append(_named("Records removed", [code(r) for r in records.removed]))
    if records.renamed:
        lines.append(_named("Records renamed", [f"{code(old)} → {code(new)}"
                                                for old, new in records.renamed]))
    return lines


def _named(what: str, items: Sequence[str]) -> str:
    return f"- {what} ({len(items)}): {_capped(items)}"


def _capped(items: Sequence[str]) -> str:
    shown = ", ".join(items[:LIST_CAP])
    return f"{shown} and {len(items) - LIST_CAP} more" if len(items) > LIST_CAP else shown


def _capped_table(headers: list[str], rows: list[list[Any]], what: str) -> str:
    text = str(table(headers, rows[:ROW_CAP]))
    more = len(rows) - ROW_CAP
    return f"{text}\n\nAnd {_count(more, f'more {what}')}." if more > 0 else text


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _value(value: Any) -> Markdown:
    if value is ABSENT:
        return Markdown("(none)")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           default=str)
    text = " ".join(text.split())
    return inline(text if len(text) <= VALUE_CAP else text[:VALUE_CAP - 1] + "…")


def code(text: str) -> Markdown:
    """`text` as inline code when it is a plain address, id or revision; escaped otherwise."""
    return Markdown(f"`{text}`") if _PLAIN_CODE.fullmatch(text) else inline(text)


# ---- the command ----------------------------------------------------------------------------

def command(root: Path, base: str, head: str | None) -> int:
    """Print the report for `base` against `head` (None: the working tree). Returns the exit
    status: 2 when git cannot read the revisions, 1 when either side's data has problems."""
    from macros.revisions import GitError, commit_of, extract, project_prefix

    try:
        prefix = project_prefix(root)
        commits = [commit_of(root, rev) for rev in (base, head) if rev is not None]
        sides = []
        for rev, commit in zip((base, head), commits, strict=False):
            with tempfile.TemporaryDirectory(prefix="playbook-diff-") as folder:
                if not extract(root, commit, prefix, Path(folder)):
                    raise GitError(f"revision {rev!r} has no data/ or docs/ in "
                                   f"{prefix or 'the top folder'}: nothing to compare")
                sides.append(_side(Path(folder), rev))
    except GitError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if head is None:
        sides.append(_side(root, None))
    problems = [p for side in sides if isinstance(side, list) for p in side]
    if problems:
        print(report(problems), file=sys.stderr)
        return 1
    old, new = (s for s in sides if isinstance(s, dict))
    print(to_markdown(diff_editions(old, new), base, head), end="")
    return 0


def _side(root: Path, revision: str | None) -> dict[str, EditionView] | list[Problem]:
    """A side's editions, or its problems (named `<revision>:<path>` for a revision)."""
    project = load_project(root)
    if project.problems:
        return [Problem(f"{revision}:{p.path}" if revision else p.path, p.line, p.col,
                        p.message, p.rule, p.level) for p in project.problems]
    return editions_of(project, docs_pages(root / "docs"))
