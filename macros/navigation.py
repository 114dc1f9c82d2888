"""Where generated pages sit in the navigation.

mkdocs-material renders the whole nav into every page, so a kind's records join the nav as one
section (under that kind's index page) only while the kind is small. Past `limit` records the
section shows the index alone and the records are reached from it, which keeps each page's
build cost flat however many records there are.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from macros.catalog import Catalog
from macros.kinds import KINDS
from macros.pages import contributing
from macros.pages.context import index_uri, page_uri

NAV_LIMIT = 40


def expand_nav(nav: list[Any] | None, catalog: Catalog, limit: int = NAV_LIMIT) -> list[Any]:
    """Return a copy of the MkDocs `nav` with each kind's index entry grown into a section,
    and without entries for records an edition excludes."""
    # A kind whose record pages the nav places one by one keeps its index as a plain page.
    by_hand = set(_pages(nav or []))
    indexes = {index_uri(kind): kind for kind in KINDS
               if not any(page_uri(kind, r.id) in by_hand for r in catalog.ordered(kind))}
    gone = {page_uri(kind, rid) for kind, ids in catalog.excluded.items() for rid in ids}
    return _expand_all(nav or [], indexes, gone, catalog, limit)


def _pages(items: list[Any]) -> Iterator[str]:
    for item in items:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, list):
                yield from _pages(value)
            elif isinstance(value, str):
                yield value


def _expand_all(items: list[Any], indexes: dict[str, str], gone: set[str], catalog: Catalog,
                limit: int) -> list[Any]:
    out = []
    for item in items:
        expanded = _expand(item, indexes, gone, catalog, limit)
        if expanded is not None:
            out.append(expanded)
    return out


def _expand(item: Any, indexes: dict[str, str], gone: set[str], catalog: Catalog,
            limit: int) -> Any:
    if isinstance(item, str):
        if item in gone:
            return None
        if item == contributing.KINDS_INDEX:
            return {"Record kinds": _contributing_kinds()}
        kind = indexes.get(item)
        return _section(KINDS[kind].title, item, kind, catalog, limit) if kind else item
    if isinstance(item, dict) and len(item) == 1:
        (title, value), = item.items()
        if isinstance(value, list):
            children = _expand_all(value, indexes, gone, catalog, limit)
            return {title: children} if children else None
        if value in gone:
            return None
        if value == contributing.KINDS_INDEX:
            return {title: _contributing_kinds()}
        kind = indexes.get(value) if isinstance(value, str) else None
        return _section(title, value, kind, catalog, limit) if kind else item
    return item


def _section(title: str, index: str, kind: str, catalog: Catalog, limit: int) -> Any:
    records = catalog.ordered(kind)
    if len(records) > limit:
        return {title: index}
    # Titles are left out on purpose: MkDocs then takes each title from the page's escaped
    # heading, so record titles never reach the theme's (unescaped) nav templates raw.
    return {title: [index, *(page_uri(kind, r.id) for r in records)]}


def _contributing_kinds() -> list[Any]:
    """The contributors' reference grows like a kind's index: one page per kind below it,
    titled by the kind's name (a constant of our code, not data) where the page says more."""
    return [contributing.KINDS_INDEX,
            *({kind.title: contributing.kind_uri(name)} for name, kind in KINDS.items())]
