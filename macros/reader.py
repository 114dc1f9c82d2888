"""What every built page offers a reader around its content: its address and date on paper,
a "Suggest a change" link, and the printable whole edition (docs/print.md).

Pure functions of strings; `hooks/playbook.py` calls `decorate` on each finished page. The
additions sit outside the page's `<article>`, so the content itself is what any engine builds
from `playbook export`, and outside the search index. The suggest link opens a new issue at the
configured repository (`repo_url` in mkdocs.yml) with the page's address, its source file and
the edition filled in; the page itself sends nothing. Without `repo_url` there is no link.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlsplit

PRINT_URI = "print.md"   # the hand-written page that becomes the whole edition on paper
PRINT_URL = "print/"
_CONTENT_OPEN = '<div class="md-content" data-md-component="content">'
_ARTICLE_CLOSE = "</article>"


@dataclass(frozen=True)
class PageInfo:
    url: str            # the page's address relative to the site root, e.g. "templates/rapid/"
    title: str          # plain text (escaped here)
    source: str         # the file it is made from, e.g. "data/templates/rapid.yml"
    address: str        # the absolute URL when site_url is set, else `url` from the root


@dataclass(frozen=True)
class SiteInfo:
    name: str                 # the organization's name, or the site's (plain text)
    edition: str              # "default" or the organization's slug
    built: date
    repo_url: str | None
    site_url: str | None


def address(site_url: str | None, url: str) -> str:
    return (site_url.rstrip("/") + "/" + url) if site_url else "/" + url


def suggest_url(site: SiteInfo, page: PageInfo) -> str | None:
    """A new issue at the repository, prefilled; None without a repository."""
    if not site.repo_url or urlsplit(site.repo_url).scheme not in ("http", "https"):
        return None
    title = f"Suggestion for {page.title}"
    body = (f"Page: {page.address}\nSource file: {page.source}\nEdition: {site.edition}\n\n"
            "What should change, and why?\n")
    return (f"{site.repo_url.rstrip('/')}/issues/new?title={quote(title, safe='')}"
            f"&body={quote(body, safe='')}")


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _relative(target: str, from_url: str) -> str:
    """Site-root path `target` ("a/b/") as seen from the page at `from_url` ("c/")."""
    rel = posixpath.relpath("/" + target, "/" + from_url) if from_url else target
    return rel + ("/" if target.endswith("/") and not rel.endswith("/") else "")


def page_header(site: SiteInfo, page: PageInfo) -> str:
    """Shown in print only: where the page lives and when it was built."""
    return (f'<p class="pb-print-meta">{html.escape(page.address)} · '
            f"{html.escape(site.name)} · built {_day(site.built)}</p>")


def page_actions(site: SiteInfo, page: PageInfo) -> str:
    links = []
    suggest = suggest_url(site, page)
    if suggest:
        links.append(f'<a href="{html.escape(suggest)}" rel="noopener">Suggest a change</a>')
    if page.url != PRINT_URL:
        links.append(f'<a href="{html.escape(_relative(PRINT_URL, page.url))}">'
                     "Print the whole edition</a>")
    return f'<nav class="pb-page-actions md-typeset" aria-label="Page actions">' \
           f'{" · ".join(links)}</nav>'


def decorate(output: str, site: SiteInfo, page: PageInfo, whole: str = "") -> str:
    """The finished page with the print header before its content and, after the article,
    `whole` (the print page's every page) and the page actions."""
    if _CONTENT_OPEN not in output or _ARTICLE_CLOSE not in output:
        return output
    output = output.replace(_CONTENT_OPEN, _CONTENT_OPEN + page_header(site, page), 1)
    head, _, tail = output.partition(_ARTICLE_CLOSE)
    return head + _ARTICLE_CLOSE + whole + page_actions(site, page) + tail


# ---- the whole edition on one page ---------------------------------------------------------

_ATTR = re.compile(r'\b(id|for|href|src|aria-labelledby|aria-describedby)="([^"]*)"')


def _rebased(content: str, n: int, page_url: str) -> str:
    """One page's HTML moved into the print page: its ids prefixed (`p3-budget`) so no two
    pages clash, in-page links following them, links to other pages still reaching them."""
    def fix(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2)
        if name in ("id", "for"):
            return f'{name}="p{n}-{value}"'
        if name.startswith("aria-"):
            return f'{name}="{" ".join(f"p{n}-{v}" for v in value.split())}"'
        if value.startswith("#"):
            return f'{name}="#p{n}-{value[1:]}"'
        if re.match(r"[a-z][a-z0-9+.-]*:|/", value, re.I) or not value:
            return match.group(0)
        path, sep, fragment = value.partition("#")
        target = posixpath.normpath(posixpath.join("/" + page_url, html.unescape(path)))
        target = target.lstrip("/") + ("/" if path.endswith("/") and target != "/" else "")
        rebased = _relative(target, PRINT_URL) if target else _relative("", PRINT_URL)
        return f'{name}="{html.escape(rebased)}{sep}{fragment}"'
    return _ATTR.sub(fix, content)


def whole_edition(site: SiteInfo, pages: Sequence[tuple[PageInfo, str]]) -> str:
    """A cover (the organization's name, the build date, what follows) and every page in
    nav order, each opening on a new sheet with its title and address."""
    parts = ['<section class="pb-edition md-typeset" aria-label="The whole edition">',
             '<div class="pb-edition__cover">',
             f"<p class=\"pb-edition__name\">{html.escape(site.name)}</p>",
             f"<p>The whole playbook, {len(pages)} pages, built {_day(site.built)}.</p>",
             "</div>"]
    for n, (info, content) in enumerate(pages, start=1):
        parts += [f'<div class="pb-edition__page" id="p{n}">',
                  f'<p class="pb-edition__address">{html.escape(info.address)}</p>',
                  _rebased(content, n, info.url), "</div>"]
    parts.append("</section>")
    return "\n".join(parts)
