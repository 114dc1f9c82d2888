"""Markdown for every generated page: one module per kind with `page`, `embed` and `index`,
named after the kind (`macros.registry`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from types import ModuleType
from typing import Any

from macros.catalog import BrokenRecord, Catalog, Record
from macros.kinds import KINDS
from macros.md import us_dollars
from macros.pages import contributing, discrepancies
from macros.pages.context import Ctx, Reads, TrackedCatalog, index_uri, page_uri
from macros.registry import renderer_module
from macros.review import page_line
from macros.search import front_matter

# Each kind's renderer, in the order of `macros.registry` (which `KINDS` follows).
_MODULES: dict[str, ModuleType] = {name: import_module(renderer_module(name))
                                   for name in KINDS}


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
        # A page as written for editions in another currency, by the page it was made from.
        self.in_us_dollars: dict[int, tuple[GeneratedPage, GeneratedPage]] = {}


def generate(catalog: Catalog, org: dict[str, Any] | None = None,
             cache: PageCache | None = None) -> list[GeneratedPage]:
    """Every page the data produces: one per record plus one index per kind. With an
    organization (an edition), pages add the figures worked out for it. With a `cache` of
    the base playbook's pages, unchanged pages are taken from it (and the base fills it)."""
    fill = cache is not None and catalog is cache.base and org is None
    changes = _changes(catalog, cache.base) if cache is not None and not fill else None

    def render(uri: str, record: Record | None, write: Callable[[Ctx], str]
               ) -> GeneratedPage | None:
        if cache is not None and not fill:
            known = cache.pages.get(uri)
            if known and changes and _unchanged(known[1], catalog, org, *changes):
                return known[0]
        reads = Reads()
        if record is not None:
            reads.records[(record.kind, record.id)] = record
        try:
            markdown = write(Ctx(TrackedCatalog(catalog, reads), uri, org, reads))
        except BrokenRecord:
            return None  # it needs a record whose file has problems: `check` shows those
        if record is not None:
            markdown = discrepancies.place(record.kind, record.data, markdown)
            markdown = (front_matter(record.kind, record.data) + markdown.rstrip("\n")
                        + "\n\n" + page_line(record.data, KINDS[record.kind].review_every_days)
                        ).rstrip("\n") + "\n"
        page = GeneratedPage(uri, markdown, record.source if record else None)
        if fill and cache is not None:
            cache.pages[uri] = (page, reads)
        return page

    rendered: list[GeneratedPage | None] = []
    for kind, module in _MODULES.items():
        rendered.append(render(index_uri(kind), None, module.index))
        for record in catalog.ordered(kind):
            rendered.append(render(page_uri(kind, record.id), record,
                                   partial(module.page, record)))
    pages = [page for page in rendered if page is not None]
    if org is not None and org["currency"] != "USD":
        # The playbook's figures stay in dollars: said so where the reader's own are not.
        pages = [_in_us_dollars(page, cache) for page in pages]
    # The contributors' reference comes from the schemas, not the data: the same in every edition.
    return pages + list(_contributing_pages())


def _in_us_dollars(page: GeneratedPage, cache: PageCache | None) -> GeneratedPage:
    """`page` with its dollar amounts marked US$; a page shared by editions is converted once,
    and the result is shared too (so later steps recognize it as the same page)."""
    known = cache.in_us_dollars.get(id(page)) if cache is not None else None
    if known is not None and known[0] is page:
        return known[1]
    converted = GeneratedPage(page.uri, us_dollars(page.markdown), page.source)
    if cache is not None:
        cache.in_us_dollars[id(page)] = (page, converted)
    return converted


@functools.cache
def _contributing_pages() -> tuple[GeneratedPage, ...]:
    return tuple(GeneratedPage(uri, markdown, None) for uri, markdown in contributing.pages())


def _changes(catalog: Catalog, base: Catalog) -> tuple[set[tuple[str, str]], set[str]]:
    """The records (kind, id) an edition's catalog holds differently from the base (changed,
    added or taken out), and their kinds: worked out once, not once per page."""
    records: set[tuple[str, str]] = set()
    for kind in catalog.records.keys() | base.records.keys():
        ours, theirs = catalog.records.get(kind, {}), base.records.get(kind, {})
        records.update((kind, rid) for rid in ours.keys() | theirs.keys()
                       if ours.get(rid) is not theirs.get(rid))
    return records, {kind for kind, _ in records}


def _unchanged(reads: Reads, catalog: Catalog, org: dict[str, Any] | None,
               records: set[tuple[str, str]], kinds: set[str]) -> bool:
    if reads.org and org is not None:
        return False
    if not kinds.isdisjoint(reads.kinds) or not records.isdisjoint(reads.records):
        return False
    return all(catalog.intro(kind) == text for kind, text in reads.intros.items())


def record_page(catalog: Catalog, record: Record) -> str:
    """A record's page as the base playbook shows it (without any editor's notes)."""
    write: Callable[[Record, Ctx], str] = _MODULES[record.kind].page
    return write(record, Ctx(catalog, page_uri(record.kind, record.id)))


def embed(catalog: Catalog, kind: str, record_id: str, from_uri: str) -> str:
    record = catalog.require(kind, record_id)
    render: Callable[[Record, Ctx], str] = _MODULES[kind].embed
    return render(record, Ctx(catalog, from_uri))
