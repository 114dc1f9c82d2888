"""MkDocs glue for what a reader gets around each page (macros.reader): its address and date
in print, "Suggest a change" when mkdocs.yml names a repository, and the whole edition on the
print page. Runs after hooks/playbook.py, whose `on_config` names the edition."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from macros.reader import PRINT_URI, PageInfo, SiteInfo, address, decorate, whole_edition

_NAV = "playbook_reader_nav"
_EDITION = "playbook_edition"  # set by hooks/playbook.py


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    config[_NAV] = nav
    return nav


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    site = _site(config)
    whole = ""
    if page.file.src_uri == PRINT_URI:
        nav: Navigation = config[_NAV]
        whole = whole_edition(site, [(_page(p, config), p.content or "")
                                     for p in nav.pages if p is not page])
    return decorate(output, site, _page(page, config), whole)


def _site(config: MkDocsConfig) -> SiteInfo:
    edition: Any = config.get(_EDITION)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")  # reproducible builds pin the date
    built = (datetime.fromtimestamp(int(epoch), UTC).date() if epoch.isdigit()
             else date.today())
    return SiteInfo(name=edition.org["name"] if edition else config.site_name,
                    edition=edition.slug if edition else "default", built=built,
                    repo_url=config.repo_url or None, site_url=config.site_url or None)


def _page(page: Page, config: MkDocsConfig) -> PageInfo:
    file = page.file
    if file.edit_uri and file.edit_uri.startswith("../"):
        source = file.edit_uri[3:]  # a generated page's YAML file (hooks/playbook.py)
    elif file.generated_by is None:
        source = f"docs/{file.src_uri}"
    else:
        source = f"data/{file.src_uri.split('/')[0]}/"  # a kind's index: made from the folder
    return PageInfo(url=page.url, title=page.title or "", source=source,
                    address=address(config.site_url, page.url))
