"""Markdown for every generated page: one module per kind with `page`, `embed` and `index`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from types import ModuleType
from typing import Any

from macros.catalog import Catalog, Record
from macros.pages import (
    benchmarks,
    bottlenecks,
    capstone,
    checklists,
    culture_phases,
    lessons,
    measurement,
    practices,
    quick_starts,
    roadmap,
    scale_planning,
    scaling_roadmap,
    scenarios,
    stages,
    success_packages,
    support_tiers,
    templates,
    try_it_now,
    waves,
)
from macros.pages.context import Ctx, Reads, TrackedCatalog, index_uri, page_uri

_MODULES: dict[str, ModuleType] = {
    "stages": stages,
    "benchmarks": benchmarks,
    "templates": templates,
    "quick-starts": quick_starts,
    "scenarios": scenarios,
    "try-it-now": try_it_now,
    "scaling-roadmap": scaling_roadmap,
    "waves": waves,
    "checklists": checklists,
    "support-tiers": support_tiers,
    "scale-planning": scale_planning,
    "measurement": measurement,
    "bottlenecks": bottlenecks,
    "success-packages": success_packages,
    "culture-phases": culture_phases,
    "practices": practices,
    "lessons": lessons,
    "capstone": capstone,
    "roadmap": roadmap,
}


@dataclass(frozen=True)
class GeneratedPage:
    uri: str           # path as if it were in docs/, e.g. "templates/rapid.md"
    markdown: str
    source: str | None  # the YAML file it comes from, for the edit link


class PageCache:
    """The base playbook's pages, each with what it read while it was rendered.

    An edition merges an overlay over a copy of the base catalog: records it does not touch
    are the very same objects. A page whose reads (its record, the records it linked, the
    kinds it listed, the organization) are all unchanged is the same page, so editions render
    only what their overlay changes.
    """

    def __init__(self, base: Catalog) -> None:
        self.base = base
        self.pages: dict[str, tuple[GeneratedPage, Reads]] = {}


def generate(catalog: Catalog, org: dict[str, Any] | None = None,
             cache: PageCache | None = None) -> list[GeneratedPage]:
    """Every page the data produces: one per record plus one index per kind. With an
    organization (an edition), pages add the figures worked out for it. With a `cache` of
    the base playbook's pages, unchanged pages are taken from it (and the base fills it)."""
    fill = cache is not None and catalog is cache.base and org is None
    same_kinds: dict[str, bool] = {}

    def render(uri: str, record: Record | None, write: Callable[[Ctx], str]) -> GeneratedPage:
        if cache is not None and not fill:
            known = cache.pages.get(uri)
            if known and _unchanged(known[1], catalog, org, cache.base, same_kinds):
                return known[0]
        reads = Reads()
        if record is not None:
            reads.records[(record.kind, record.id)] = record
        page = GeneratedPage(uri, write(Ctx(TrackedCatalog(catalog, reads), uri, org, reads)),
                             record.source if record else None)
        if fill and cache is not None:
            cache.pages[uri] = (page, reads)
        return page

    pages = []
    for kind, module in _MODULES.items():
        pages.append(render(index_uri(kind), None, module.index))
        for record in catalog.ordered(kind):
            pages.append(render(page_uri(kind, record.id), record, partial(module.page, record)))
    return pages


def _unchanged(reads: Reads, catalog: Catalog, org: dict[str, Any] | None, base: Catalog,
               same_kinds: dict[str, bool]) -> bool:
    if reads.org and org is not None:
        return False
    if any(catalog.get(kind, rid) is not record for (kind, rid), record in reads.records.items()):
        return False
    for kind in reads.kinds:
        if kind not in same_kinds:
            ours, theirs = catalog.records.get(kind, {}), base.records.get(kind, {})
            same_kinds[kind] = ours.keys() == theirs.keys() and all(
                record is theirs[rid] for rid, record in ours.items())
        if not same_kinds[kind]:
            return False
    return True


def embed(catalog: Catalog, kind: str, record_id: str, from_uri: str) -> str:
    record = catalog.require(kind, record_id)
    render: Callable[[Record, Ctx], str] = _MODULES[kind].embed
    return render(record, Ctx(catalog, from_uri))
