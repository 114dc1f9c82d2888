"""Addresses that never break: the registry of published URLs, and redirects for renames.

Champions paste links to pages and sections into answers, so every address the site has
published is recorded in `data/published-urls.txt`, one per line::

    default /bottlenecks/champion-burnout/
    default /bottlenecks/champion-burnout/#fixes
    brightpath /our-plan/

(the edition, then the page's address and, for a fixed section, its anchor). `playbook urls`
adds the addresses the editions publish; nothing removes them but an author editing the
file. `check` reports every recorded address a change would make vanish, at its line in the
registry, unless a redirect now serves it: a record that lists its former ids (`aliases: [old-id]`)
gets a small redirect page at each old address, and so does a hand-written page that lists
its former paths in its front matter (`aliases: [old/page.md]`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from macros.catalog import Catalog
from macros.problems import Problem

REGISTRY = "data/published-urls.txt"
DEFAULT_EDITION = "default"
_EXPLICIT_ANCHOR = re.compile(r"\{[^}\n]*#([a-z0-9][a-z0-9_-]*)[^}\n]*\}")
# A hand-written page's front matter, as MkDocs reads it (closed by `---` or `...`).
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_ALIASES = re.compile(r"^aliases:\s*\[([^\]]*)\]\s*$", re.M)
_DOCS_PATH = re.compile(r"[a-z0-9][a-z0-9_/-]*\.md")


def page_url(uri: str) -> str:
    """The address of the page built from `uri`: "a/b.md" -> "a/b/", "a/index.md" -> "a/"."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return f"{stem}/"


def page_urls(uri: str, markdown: str) -> set[str]:
    """The page's address and one per fixed (`{ #id }`) section anchor on it."""
    url = page_url(uri)
    return {url, *(f"{url}#{anchor}" for anchor in _EXPLICIT_ANCHOR.findall(markdown))}


@dataclass(frozen=True)
class Redirect:
    old: str  # the former address, e.g. "bottlenecks/champion-burnout/"
    new: str  # where it went, e.g. "bottlenecks/champion-fatigue/"
    title: str


def record_redirects(catalog: Catalog) -> list[Redirect]:
    """A redirect from each former id of each record to the record's page."""
    redirects = []
    for record in catalog:
        for old in record.data.get("aliases", []):
            redirects.append(Redirect(page_url(f"{record.kind}/{old}.md"),
                                      page_url(f"{record.kind}/{record.id}.md"),
                                      str(record.data.get("title", record.id))))
    return redirects


def docs_redirects(pages: dict[str, str]) -> list[Redirect]:
    """Redirects from the former paths hand-written pages list in their front matter."""
    redirects = []
    for uri, text in sorted(pages.items()):
        front = FRONT_MATTER.match(text)
        found = _ALIASES.search(front.group(1)) if front else None
        for old in (found.group(1).split(",") if found else []):
            old = old.strip().strip("'\"")
            if _DOCS_PATH.fullmatch(old) and old not in pages:
                title = next((line[2:].strip() for line in text.splitlines()
                              if line.startswith("# ")), uri)
                redirects.append(Redirect(page_url(old), page_url(uri), title))
    return redirects


def redirect_html(redirect: Redirect, site_url: str | None = None) -> str:
    """A page at the old address that sends the reader on, keeping the `#section`.

    Works offline; the script only appends the anchor the reader came with, and the link in
    the text works without it.
    """
    depth = redirect.old.count("/")
    target = "../" * depth + redirect.new
    canonical = f"{site_url.rstrip('/')}/{redirect.new}" if site_url else target
    title, href, canon = (html.escape(v, quote=True) for v in (redirect.title, target,
                                                               canonical))
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Moved: {title}</title>\n"
            f'<link rel="canonical" href="{canon}">\n'
            f'<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={href}">\n'
            f"<script>location.replace({_js_string(target)} + location.hash)</script>\n"
            f"</head>\n<body>\n"
            f'<p>This page has moved to <a href="{href}">{title}</a>.</p>\n'
            f"</body>\n</html>\n")


def _js_string(text: str) -> str:
    """A JavaScript string literal that cannot end the script element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c")
    return f'"{escaped}"'


def redirect_files(catalog: Catalog, docs: dict[str, str], site_url: str | None
                   ) -> dict[str, str]:
    """Site path (e.g. "bottlenecks/old/index.html") -> redirect page, for every redirect."""
    return {f"{r.old}index.html": redirect_html(r, site_url)
            for r in [*record_redirects(catalog), *docs_redirects(docs)]}


def write_redirect(site_dir: Path, path: str, page: str) -> None:
    """Write a redirect page unless a real page already has that address."""
    target = site_dir / path
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")


def docs_pages(docs_dir: Path) -> dict[str, str]:
    """The hand-written Markdown pages, by path under docs/ (links are never followed)."""
    found = {}
    for path in sorted(docs_dir.rglob("*.md")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(docs_dir).as_posix()] = path.read_text(encoding="utf-8",
                                                                          errors="replace")
    return found


# ---- the registry ---------------------------------------------------------------------------

def read_registry(root: Path) -> list[tuple[int, str, str]]:
    """(line, edition, address) for each entry of the registry; [] when there is none."""
    path = root / REGISTRY
    if not path.is_file() or path.is_symlink():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            edition, _, url = line.partition(" ")
            entries.append((number, edition, url.strip().removeprefix("/")))
    return entries


def vanished(root: Path, published: dict[str, set[str]],
             redirected: dict[str, set[str]]) -> list[Problem]:
    """A problem for each recorded address the site would no longer serve.

    `published` and `redirected` map an edition to the addresses it serves as pages and as
    redirects. An address under a redirect keeps its anchors (the redirect carries them).
    """
    problems = []
    for number, edition, url in read_registry(root):
        if edition not in published:
            why = f"the edition {edition!r} is no longer built"
        else:
            page = url.partition("#")[0]
            if url in published[edition] or page in redirected.get(edition, set()):
                continue
            why = "it would now be a 404"
        problems.append(Problem(REGISTRY, number, 1, f"/{url} ({edition}) was published "
                                f"and {why}: list the old id under `aliases:` of the record "
                                "(or page) it became, or delete this line if the address is "
                                "meant to go", "url-removed"))
    return problems


def update_registry(root: Path, published: dict[str, set[str]]) -> int:
    """Add the addresses not yet recorded; never removes one. Returns how many were added."""
    known = {(edition, url) for _, edition, url in read_registry(root)}
    new = sorted({(edition, url) for edition, urls in published.items() for url in urls}
                 - known)
    if not new:
        return 0
    path = root / REGISTRY
    existing = path.read_text(encoding="utf-8") if path.is_file() else _HEADER
    if existing and not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + "".join(f"{e} /{u}\n" for e, u in new), encoding="utf-8")
    return len(new)


def urls_of(pages: Iterable[tuple[str, str]]) -> set[str]:
    """Every address of a set of (uri, markdown) pages."""
    found: set[str] = set()
    for uri, markdown in pages:
        found |= page_urls(uri, markdown)
    return found


_HEADER = ("# Every address the site has published: `<edition> <address>`, one per line.\n"
           "# `playbook urls` adds new ones. `playbook check` fails when a change would make\n"
           "# one vanish: add `aliases: [old-id]` to the renamed record (or page), or delete\n"
           "# the line when the address is meant to go.\n")
