"""`playbook serve`: MkDocs' live-reload preview, kept alive through any mistake.

`mkdocs serve` stops when its first build fails, stops when mkdocs-macros exits on a macro
error, and after any other failed rebuild leaves every request waiting for a site that never
comes. Here every build either succeeds or replaces the site with one page listing what
`playbook check` finds (`path:line:col: error: ...`), served at the site's root and, as its
404 page, at every other address. Saving a fix starts a new build like any edit; the page
reloads by itself (MkDocs' live-reload script is added to it) and shows the site again.

`problems_page` is pure; `serve` mirrors `mkdocs.commands.serve.serve` (MkDocs 1.6) with a
builder that never raises. The CLI runs `main` in a child process of its own.
"""

from __future__ import annotations

import argparse
import html
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macros.editions.settings import EDITION_ENV
from macros.problems import Problem, edition_of, found, one_line

os.environ["NO_MKDOCS_2_WARNING"] = "1"   # before MkDocs or Material is imported

LOG_FORMAT = "%(levelname)-8s-  %(message)s"
PAGES = ("index.html", "404.html")   # where the problems page goes: the root and every 404
WATCHED = ("docs", "data", "mkdocs.yml")   # watched even when mkdocs.yml cannot be read


def problems_page(lines: list[str], summary: str = "") -> str:
    """The page shown instead of the site while it cannot be built: one line per problem."""
    items = "\n".join(f"<li><code>{html.escape(one_line(line))}</code></li>" for line in lines)
    count = f"<p>{html.escape(summary)}</p>\n" if summary else ""
    return ("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
            "<title>Preview: the playbook has problems</title>\n"
            "<style>body{font-family:sans-serif;margin:2em;max-width:80em}"
            "li{margin:.4em 0}code{white-space:pre-wrap}</style></head>\n<body>\n"
            "<h1>The playbook has problems</h1>\n"
            "<p>The preview is back as soon as they are fixed: save the file and this page "
            "reloads by itself.</p>\n"
            f"<ul id=\"problems\">\n{items}\n</ul>\n{count}</body>\n</html>\n")


def check_lines(root: Path, edition: str | None) -> list[str]:
    """What `playbook check` reports for the base playbook, `docs/` and the previewed
    edition (problems that belong to another organization's overlay are left out)."""
    from macros.site_check import check_project

    _, problems = check_project(root)
    shown: list[Problem] = [p for p in problems if edition_of(p.path) in (None, edition)]
    return [p.format() for p in shown]


class SafeBuilder:
    """Builds the site; a build that fails writes the problems page instead, never raises."""

    def __init__(self, root: Path, site_dir: Path, edition: str | None,
                 get_config: Callable[[], Any], build: Callable[[Any], None]) -> None:
        self.root, self.site_dir, self.edition = root, site_dir, edition
        self.get_config, self.build = get_config, build
        self.messages: list[str] = []   # MkDocs' warnings and errors during the current build
        self.failed = False

    def __call__(self, config: Any = None) -> None:
        self.messages.clear()
        try:
            self.build(config if config is not None else self.get_config())
            self.failed = False
            return
        except (Exception, SystemExit) as err:   # mkdocs-macros exits on a macro error
            why = f"error: the build stopped: {type(err).__name__}: {err}"
        self.failed = True
        try:
            lines = check_lines(self.root, self.edition)
        except Exception as err:   # a bug of ours: still show a page, not a hung browser
            lines = [f"error: playbook check failed: {type(err).__name__}: {err}"]
        self.show(lines or [*self.messages, why], found(len(lines)) if lines else "")

    def show(self, lines: list[str], summary: str = "") -> None:
        logging.getLogger("mkdocs").error("the preview shows the problems instead of the "
                                          "site:\n%s", "\n".join([*lines, summary]).strip())
        shutil.rmtree(self.site_dir, ignore_errors=True)
        self.site_dir.mkdir(parents=True, exist_ok=True)
        page = problems_page(lines, summary)
        for name in PAGES:
            (self.site_dir / name).write_text(page, encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.extend(f"{record.levelname.lower()}: {line}"
                         for line in record.getMessage().splitlines())


def serve(root: Path, dev_addr: str, edition: str | None) -> None:
    """Serve the project at `root` on `dev_addr` until Ctrl-C."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url

    site_dir = Path(tempfile.mkdtemp(prefix="playbook_preview_"))
    config_file = str(root / "mkdocs.yml")
    serve_url: str | None = None

    def get_config() -> Any:
        config = load_config(config_file=config_file, site_dir=str(site_dir), strict=True,
                             dev_addr=dev_addr)
        if serve_url:
            config.site_url = serve_url
        return config

    def build_it(config: Any) -> None:
        logging.getLogger("mkdocs").info("Building documentation...")
        build(config, serve_url=serve_url)

    builder = SafeBuilder(root, site_dir, edition, get_config, build_it)
    logging.getLogger("mkdocs").addHandler(_Collect(builder.messages))
    host, port = dev_addr.rsplit(":", 1)
    serve_url = _serve_url(host.strip("[]"), int(port), "/")
    config: Any = None
    try:
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
    except (Exception, SystemExit) as err:
        config = None
        builder.show([f"error: mkdocs.yml: {err}"])
    server = LiveReloadServer(builder=builder, host=host.strip("[]"), port=int(port),
                              root=str(site_dir))
    server.error_handler = _error_page(server, site_dir)
    try:
        if config is not None:
            builder(config)
        for path in WATCHED:
            if (root / path).exists():
                server.watch(str(root / path))
        if config is not None:
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for item in config.watch:
                server.watch(item)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            logging.getLogger("mkdocs").info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        if config is not None:
            config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _error_page(server: Any, site_dir: Path) -> Callable[[int], bytes | None]:
    """The site's 404 page (the problems page while there are problems) with the live-reload
    script, so a tab left on any address comes back once the site builds again."""
    def page(code: int) -> bytes | None:
        path = site_dir / "404.html"
        if code != 404 or not path.is_file():
            return None
        content = path.read_bytes()
        inject = getattr(server, "_inject_js_into_html", None)
        return inject(content, server._visible_epoch) if inject else content

    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="playbook serve")
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        print(f"error: --dev-addr {args.dev_addr!r} is not HOST:PORT, e.g. 127.0.0.1:8000",
              file=sys.stderr)
        return 2
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        serve(args.root.resolve(), args.dev_addr,
              os.environ.get(EDITION_ENV, "").strip() or None)
    except OSError as err:   # most often: the port is taken
        print(f"error: cannot serve on {args.dev_addr}: {err.strerror or err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
