"""What a renderer needs to know besides the record: where the page is, and the catalog."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from macros.catalog import Catalog, Record
from macros.md import Markdown, link, paragraphs, table


@dataclass
class Reads:
    """What rendering one page read: records by id, whole kinds, and the organization.

    An edition reuses a page of the base playbook when everything it read is the same object
    in the edition's catalog (see `macros.pages.PageCache`).
    """

    records: dict[tuple[str, str], Record | None] = field(default_factory=dict)
    kinds: set[str] = field(default_factory=set)
    org: bool = False
    intros: dict[str, str] = field(default_factory=dict)  # kind -> the intro its index showed


class TrackedCatalog(Catalog):
    """A view of a catalog that notes every read into `reads`. Renderers read records only
    through `get`, `require` and `ordered` (and iteration, which uses `ordered`), and intros
    through `intro`."""

    def __init__(self, inner: Catalog, reads: Reads) -> None:
        super().__init__(inner.records, inner.excluded, inner.broken, inner.intros)
        self.reads = reads

    def intro(self, kind: str) -> str:
        text = super().intro(kind)
        self.reads.intros[kind] = text
        return text

    def get(self, kind: str, record_id: str) -> Record | None:
        record = super().get(kind, record_id)
        self.reads.records[(kind, record_id)] = record
        return record

    def ordered(self, kind: str) -> list[Record]:
        self.reads.kinds.add(kind)
        return super().ordered(kind)


@dataclass(frozen=True)
class Ctx:
    catalog: Catalog
    page_uri: str  # the src path of the page being written, e.g. "templates/rapid.md"
    organization: dict[str, Any] | None = None  # the organization of an edition, if any
    reads: Reads | None = None  # set while a page is rendered for the page cache

    @property
    def org(self) -> dict[str, Any] | None:
        if self.reads is not None:
            self.reads.org = True  # even `ctx.org is None` makes the page differ per edition
        return self.organization

    def href(self, target_uri: str, anchor: str = "") -> str:
        rel = relative(target_uri, self.page_uri)
        return f"{rel}#{anchor}" if anchor else rel

    def intro(self, kind: str) -> Markdown:
        """The opening paragraphs of `kind`'s index page (data/index-pages.yml), escaped."""
        return paragraphs(self.catalog.intro(kind))

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


def summary_index(ctx: Ctx, kind: str, title: str, column: str) -> str:
    """A kind's index page: our own heading, its intro, then each record with its summary."""
    rows = ([ctx.link_record(r), r.data["summary"]] for r in ctx.catalog.ordered(kind))
    return "\n\n".join([f"# {title}", ctx.intro(kind), table([column, "In short"], rows)]) + "\n"


def relative(target_uri: str, from_uri: str) -> str:
    """`target_uri` relative to the folder of `from_uri` (both site paths like "a/b.md").

    What `posixpath.relpath` gives for such paths, without its `os.getcwd()` and `abspath`
    calls: an index page links to every record of its kind.
    """
    here = from_uri.split("/")[:-1]
    there = target_uri.split("/")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."
