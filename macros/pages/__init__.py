"""Markdown for every generated page: one module per kind with `page`, `embed` and `index`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from macros.catalog import Catalog, Record
from macros.pages import bottlenecks, roadmap, success_packages, templates, waves
from macros.pages.context import Ctx, index_uri, page_uri

_MODULES: dict[str, ModuleType] = {
    "templates": templates,
    "waves": waves,
    "bottlenecks": bottlenecks,
    "success-packages": success_packages,
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
