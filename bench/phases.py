"""Run one `playbook` command in this process with its engine functions timed.

    python bench/phases.py RESULT.json -- [playbook arguments, e.g. --root P build --out S]

`build_speed.py` runs this in a subprocess of its own (a fresh interpreter, as `playbook` is),
so the figures add up to the wall-clock time of a real `playbook build`. It wraps, before the CLI
is imported:

- `macros.editions.load.load_project` (reads and validates the data and every overlay), and
  within it the YAML file loader (`load_file`): "load" is the loader, "validate" the rest;
- `macros.site_check.check_site` (renders every edition, checks docs/ against each);
- `macros.pages.generate`, counted separately inside check_site and inside the MkDocs hook;
- `macros.site.run_mkdocs` (the MkDocs build), and within it importing MkDocs, `load_config`,
  MkDocs' `_populate_page` (Markdown to HTML) and `_build_page` (the theme's page template),
  and each plugin's and hook's event handlers (`PluginCollection.run_event`), to tell our hooks
  and mkdocs-macros apart from MkDocs and Material themselves.

RESULT.json gets the seconds spent in each, keyed by where they were called ("a > b" is b
inside a), with "imports" (this script's start to the CLI's `main`), "main" and "exit".
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import functools  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

SEP = " > "  # joins a call path; plugin names have slashes ("hooks/playbook.py")


class Timer:
    """Inclusive seconds per call path ("run_mkdocs > build > plugin:macros")."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.totals: dict[str, float] = {}

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            return self.call(name, function, *args, **kwargs)

        return timed

    def call(self, name: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.stack.append(name)
        key = SEP.join(self.stack)
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            self.totals[key] = self.totals.get(key, 0.0) + time.perf_counter() - start
            self.stack.pop()


TIMER = Timer()


def _patch(module: Any, name: str) -> None:
    """Time `module.name` under its own name, for every caller that looks it up there."""
    setattr(module, name, TIMER.wrap(name, getattr(module, name)))


def _instrument() -> None:
    import macros.catalog
    import macros.editions.load
    import macros.pages

    # Before the modules that import these names (site_check, the hook, export) are loaded,
    # so they pick up the timed versions.
    _patch(macros.pages, "generate")
    _patch(macros.catalog, "load_file")       # record files
    _patch(macros.editions.load, "load_file")  # overlays

    import macros.site
    import macros.site_check

    _patch(macros.site_check, "load_project")
    _patch(macros.site_check, "check_site")
    run_mkdocs = macros.site.run_mkdocs

    def timed_mkdocs(*args: Any, **kwargs: Any) -> Any:
        def inner() -> Any:
            TIMER.call("import", _time_mkdocs)  # MkDocs is first imported here, as in a build
            return run_mkdocs(*args, **kwargs)

        return TIMER.call("run_mkdocs", inner)

    macros.site.run_mkdocs = timed_mkdocs


def _time_mkdocs() -> None:
    import mkdocs.config
    from mkdocs.commands import build
    from mkdocs.plugins import PluginCollection

    if getattr(PluginCollection, "_bench_timed", False):
        return
    # run_mkdocs and build.build look these up at call time.
    _patch(mkdocs.config, "load_config")
    for name in ("build", "_populate_page", "_build_page"):  # Markdown; the theme's template
        _patch(build, name)

    def run_event(self: Any, name: str, item: Any = None, **kwargs: Any) -> Any:
        # MkDocs 1.6's run_event, with each handler timed under its plugin's name.
        pass_item = item is not None
        for method in self.events[name]:
            origin = self._event_origins.get(method, "<unknown>")
            self._current_plugin = origin
            if pass_item:
                result = TIMER.call(f"plugin:{origin}", method, item, **kwargs)
            else:
                result = TIMER.call(f"plugin:{origin}", method, **kwargs)
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    setattr(PluginCollection, "run_event", run_event)  # noqa: B010 (mypy: a method)
    setattr(PluginCollection, "_bench_timed", True)  # noqa: B010


def main() -> int:
    if len(sys.argv) < 3 or sys.argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    out, args = Path(sys.argv[1]), sys.argv[3:]
    _instrument()
    from macros.cli import main as cli_main

    begun = time.perf_counter()
    code = cli_main(args)
    ended = time.perf_counter()
    out.write_text(json.dumps({"imports": begun - STARTED, "main": ended - begun, "exit": code,
                               "timers": TIMER.totals}, indent=1), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
