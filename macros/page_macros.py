"""Macros for hand-written pages. They take record ids, never content, and return Markdown
built by the same escaping renderers as the generated pages (mkdocs-macros does not evaluate
a macro's output again)."""

from __future__ import annotations

from typing import Any

from macros import pages
from macros.catalog import Catalog
from macros.pages.context import Ctx, index_uri, page_uri
from macros.pages.scenarios import guide
from macros.pages.unreconciled import unreconciled_table

CATALOG_KEY = "playbook_catalog"


def register(env: Any) -> None:
    def catalog() -> Catalog:
        found: Catalog = env.conf[CATALOG_KEY]
        return found

    def here() -> str:
        return str(env.page.file.src_uri)

    def embedder(kind: str) -> Any:
        def render(record_id: str) -> str:
            return pages.embed(catalog(), kind, record_id, here())
        render.__name__ = kind.replace("-", "_").rstrip("s")
        render.__doc__ = f"Embed the {kind} record with this id."
        return render

    for kind, name in (("templates", "template"), ("waves", "wave"),
                       ("bottlenecks", "bottleneck"), ("success-packages", "success_package"),
                       ("roadmap", "roadmap_year")):
        env.macro(embedder(kind), name)

    @env.macro  # type: ignore[untyped-decorator]
    def embed(kind: str, record_id: str) -> str:
        """Embed the summary of any record, e.g. `embed("try-it-now", "first-steps")`."""
        return pages.embed(catalog(), kind, record_id, here())

    @env.macro  # type: ignore[untyped-decorator]
    def decision_guide() -> str:
        """The scenarios and a recommended template for every urgency, budget and size."""
        return guide(catalog(), here())

    @env.macro  # type: ignore[untyped-decorator]
    def unreconciled_figures() -> str:
        """Every figure of the source that disagrees with its own inputs, as a table."""
        return unreconciled_table(catalog(), here())

    @env.macro  # type: ignore[untyped-decorator]
    def link(kind: str, record_id: str, anchor: str = "") -> str:
        """A link to a record's page, checked at build time like any Markdown link."""
        catalog().require(kind, record_id)
        return str(Ctx(catalog(), here()).link_to(kind, record_id, anchor))

    @env.macro  # type: ignore[untyped-decorator]
    def href(kind: str, record_id: str, anchor: str = "") -> str:
        """The relative URL of a record's page (or one of its sections)."""
        catalog().require(kind, record_id)
        return Ctx(catalog(), here()).href(page_uri(kind, record_id), anchor)

    @env.macro  # type: ignore[untyped-decorator]
    def kind_index(kind: str) -> str:
        """The relative URL of a kind's index page."""
        return Ctx(catalog(), here()).href(index_uri(kind))
