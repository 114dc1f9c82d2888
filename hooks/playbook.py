"""MkDocs glue: load and check the data once per build, add the generated pages.

Everything real happens in the `macros` package; this module only connects it to MkDocs events.
"""

from __future__ import annotations

from pathlib import Path
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from macros.catalog import load_catalog
from macros.navigation import expand_nav
from macros.page_macros import CATALOG_KEY
from macros.pages import generate
from macros.problems import report


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    catalog, problems = load_catalog(root)
    if problems:
        raise PluginError("the playbook data has problems:\n" + report(problems))
    config[CATALOG_KEY] = catalog
    config.nav = expand_nav(config.nav, catalog)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for generated in generate(config[CATALOG_KEY]):
        file = File.generated(config, generated.uri, content=generated.markdown,
                              inclusion=InclusionLevel.INCLUDED)
        if generated.source:
            # Relative to edit_uri (which points into docs/), so "../" reaches the data folder.
            file.edit_uri = f"../{generated.source}"
        files.append(file)
    return files

