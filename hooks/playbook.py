"""MkDocs glue: the checked data of the build, and the generated pages.

Everything real happens in the `macros` package; this module only connects it to MkDocs events.
`playbook build` hands over the data it has already loaded and checked, on the configuration
(PRELOADED_KEY). A plain `mkdocs build` or `mkdocs serve` has the hook load it, once per build,
for the edition named by the PLAYBOOK_EDITION environment variable (the default edition without
it).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from macros.catalog import Catalog
from macros.editions.load import Edition, load_catalog_for
from macros.editions.pages import edition_pages
from macros.editions.settings import EDITION_ENV, apply_edition, site_settings
from macros.export import hand_written_markdown
from macros.navigation import expand_nav
from macros.page_macros import CATALOG_KEY
from macros.pages import generate
from macros.problems import report
from macros.site import PRELOADED_KEY, Loaded
from macros.urls import docs_pages, redirect_files, write_redirect

EDITION_KEY = "playbook_edition"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    loaded: Loaded | None = config.get(PRELOADED_KEY)
    catalog, edition = loaded or _load(Path(config.config_file_path).parent)
    config[CATALOG_KEY] = catalog
    config[EDITION_KEY] = edition
    config.nav = expand_nav(config.nav, catalog)
    if edition is not None:
        apply_edition(config, edition)  # shared with `playbook export`
    return config


def _load(root: Path) -> Loaded:
    catalog, edition, problems = load_catalog_for(root, os.environ.get(EDITION_ENV, "").strip())
    if catalog is None:
        raise PluginError("the playbook data has problems:\n" + report(problems))
    return catalog, edition


def on_files(files: Files, config: MkDocsConfig) -> Files:
    edition: Edition | None = config[EDITION_KEY]
    org = edition.org if edition else None
    # The same page functions `playbook check` renders, so what it accepts is what is built.
    pages = generate(config[CATALOG_KEY], org)
    if edition is not None:
        pages += edition_pages(edition)
    for generated in pages:
        file = File.generated(config, generated.uri, content=generated.markdown,
                              inclusion=InclusionLevel.INCLUDED)
        if generated.source and config.repo_url:  # no repository, no edit link
            # Relative to edit_uri (which points into docs/), so "../" reaches the data folder.
            file.edit_uri = f"../{generated.source}"
        files.append(file)
    if edition is not None:
        settings = site_settings(edition)
        if edition.logo and settings.logo_uri:
            files.append(File.generated(config, settings.logo_uri,
                                        abs_src_path=str(edition.logo),
                                        inclusion=InclusionLevel.INCLUDED))
    return files


def on_page_markdown(markdown: str, config: MkDocsConfig, **_: object) -> str:
    """Hand-written pages, after their macros ran, as `playbook export` writes them too."""
    edition: Edition | None = config[EDITION_KEY]
    return hand_written_markdown(markdown, edition)


def on_post_build(config: MkDocsConfig) -> None:
    """Redirect pages at the former addresses of renamed records and moved pages."""
    catalog: Catalog = config[CATALOG_KEY]
    docs = docs_pages(Path(config.docs_dir))
    for path, html in redirect_files(catalog, docs, config.site_url).items():
        write_redirect(Path(config.site_dir), path, html)
