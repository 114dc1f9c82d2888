"""What a renderer needs to know besides the record: where the page is, and the catalog."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from macros.catalog import Catalog, Record
from macros.md import Markdown, link, table


@dataclass(frozen=True)
class Ctx:
    catalog: Catalog
    page_uri: str  # the src path of the page being written, e.g. "templates/rapid.md"
    org: dict[str, Any] | None = None  # the organization of an edition, if any

    def href(self, target_uri: str, anchor: str = "") -> str:
        rel = posixpath.relpath(target_uri, posixpath.dirname(self.page_uri) or ".")
        return f"{rel}#{anchor}" if anchor else rel

    def link_to(self, kind: str, record_id: str, anchor: str = "") -> Markdown:
        record = self.catalog.get(kind, record_id)
        title = record.data["title"] if record else record_id
        return link(title, self.href(page_uri(kind, record_id), anchor))

    def link_record(self, record: Record, anchor: str = "") -> Markdown:
        return self.link_to(record.kind, record.id, anchor)


def page_uri(kind: str, record_id: str) -> str:
    return f"{kind}/{record_id}.md"


def index_uri(kind: str) -> str:
    return f"{kind}/index.md"


def summary_index(ctx: Ctx, kind: str, title: str, intro: str, column: str) -> str:
    """A kind's index page: our own heading and intro, then each record with its summary."""
    rows = ([ctx.link_record(r), r.data["summary"]] for r in ctx.catalog.ordered(kind))
    return "\n\n".join([f"# {title}", intro, table([column, "In short"], rows)]) + "\n"
