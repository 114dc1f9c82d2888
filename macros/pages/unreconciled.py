"""The table of every declared inconsistency of the source, for program owners: where it is
shown (page and section), the field, what the source states, what its own figures give, and
why the playbook keeps the stated figure."""

from __future__ import annotations

from macros.catalog import Catalog
from macros.kinds.discrepancies import declarations
from macros.kinds.own import node_path
from macros.md import Markdown, inline, link, table
from macros.pages import record_page
from macros.pages.context import Ctx, page_uri
from macros.pages.discrepancies import section_of, sections


def unreconciled_table(catalog: Catalog, from_uri: str) -> Markdown:
    ctx = Ctx(catalog, from_uri)
    rows = []
    for record in catalog:
        entries = declarations(record.data)
        if not entries:
            continue
        found = sections(record_page(catalog, record))
        for entry in entries:
            section = section_of(record.kind, record.data, node_path(entry["fields"][0]), found)
            where = inline(record.data["title"])
            if section is not None:
                where = Markdown(f"{where}: {section.title}")
            target = ctx.href(page_uri(record.kind, record.id),
                              section.anchor if section else "")
            rows.append([link(where, target), ", ".join(entry["fields"]), entry["stated"],
                         entry["computed"], entry["keep"]])
    if not rows:
        return Markdown("Every figure of the source agrees with its own inputs.")
    return table(["Where", "Field", "The source states", "Its own figures give",
                  "Why we keep it"], rows)
