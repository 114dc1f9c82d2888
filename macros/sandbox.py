"""Jinja's sandbox for hand-written pages.

mkdocs-macros renders a page that opts in (`render_macros: true`) with a plain Jinja
environment, in which a template can reach Python internals (`''.__class__.__mro__`) and run
code on the build machine. `playbook check` refuses anything in `docs/` beyond macro calls with
quoted ids, but a plain `mkdocs build` does not run `check`; so the build renders with Jinja's
`SandboxedEnvironment` as well, configured exactly like the one it replaces.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment

# What mkdocs-macros may set on its environment (its `j2_*` options and the loader).
_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string",
             "variable_end_string", "comment_start_string", "comment_end_string",
             "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
             "newline_sequence", "keep_trailing_newline", "extensions", "optimized",
             "undefined", "finalize", "autoescape", "loader")


def sandboxed(env: Environment) -> SandboxedEnvironment:
    """A sandboxed copy of `env`: same syntax, loader, undefined, globals and filters."""
    if isinstance(env, SandboxedEnvironment):
        return env
    settings = {name: getattr(env, name) for name in _SETTINGS}
    settings["extensions"] = list(env.extensions)
    safe = SandboxedEnvironment(**settings)
    safe.globals.update(env.globals)
    safe.filters.update(env.filters)
    safe.tests.update(env.tests)
    return safe
