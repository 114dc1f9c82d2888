"""Markdown for every generated page: one module per kind with `page`, `embed` and `index`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

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


def generate(catalog: Catalog) -> list[GeneratedPage]:
    """Every page the data produces: one per record plus one index per kind."""
    pages = []
    for kind, module in _MODULES.items():
        uri = index_uri(kind)
        pages.append(GeneratedPage(uri, module.index(Ctx(catalog, uri)), None))
        for record in catalog.ordered(kind):
            uri = page_uri(kind, record.id)
            pages.append(GeneratedPage(uri, module.page(record, Ctx(catalog, uri)),
                                       record.source))
    return pages


def embed(catalog: Catalog, kind: str, record_id: str, from_uri: str) -> str:
    record = catalog.get(kind, record_id)
    if record is None:
        known = ", ".join(sorted(catalog.records.get(kind, {})))
        raise KeyError(f"no {kind} record {record_id!r} (known: {known})")
    render: Callable[[Record, Ctx], str] = _MODULES[kind].embed
    return render(record, Ctx(catalog, from_uri))
