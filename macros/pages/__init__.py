"""Markdown for every generated page: one module per kind with `page`, `embed` and `index`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
from macros.pages.context import Ctx, index_uri, page_uri

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


def generate(catalog: Catalog, org: dict[str, Any] | None = None) -> list[GeneratedPage]:
    """Every page the data produces: one per record plus one index per kind. With an
    organization (an edition), pages add the figures worked out for it."""
    pages = []
    for kind, module in _MODULES.items():
        uri = index_uri(kind)
        pages.append(GeneratedPage(uri, module.index(Ctx(catalog, uri, org)), None))
        for record in catalog.ordered(kind):
            uri = page_uri(kind, record.id)
            pages.append(GeneratedPage(uri, module.page(record, Ctx(catalog, uri, org)),
                                       record.source))
    return pages


def embed(catalog: Catalog, kind: str, record_id: str, from_uri: str) -> str:
    record = catalog.require(kind, record_id)
    render: Callable[[Record, Ctx], str] = _MODULES[kind].embed
    return render(record, Ctx(catalog, from_uri))
