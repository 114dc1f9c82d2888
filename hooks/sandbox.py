"""MkDocs glue: render hand-written pages in Jinja's sandbox (see macros/sandbox.py).

Hooks run after the plugins, so mkdocs-macros has built its environment when this runs.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros.sandbox import sandboxed


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("macros")
    if plugin is None:
        return config
    environment = getattr(plugin, "_env", None)
    if environment is None:
        raise PluginError("the macros plugin has no Jinja environment to sandbox: is "
                          "mkdocs-macros-plugin 1.5 installed?")
    plugin._env = sandboxed(environment)
    return config
