"""Shared test helpers: example files, throwaway projects and real MkDocs builds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from macros.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
EXPECT = "# expect: "


def expected_problems(path: Path) -> list[str]:
    """The `# expect: line:col: ...` lines of an example file, in order."""
    return [line[len(EXPECT):] for line in path.read_text().splitlines()
            if line.startswith(EXPECT)]


def make_project(dest: Path, *, data: Path = EXAMPLES / "valid",
                 docs: Path = EXAMPLES / "docs", nav: list[Any] | None = None) -> Path:
    """A copy of this project's MkDocs setup with other data and docs, ready to build."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(data, dest / "data")
    shutil.copytree(docs, dest / "docs")
    shutil.copytree(ROOT / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config["nav"] = nav if nav is not None else [
        {"Home": "index.md"}, *(f"{kind}/index.md" for kind in KINDS)]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return dest


def build(project: Path, site: Path | None = None) -> subprocess.CompletedProcess[str]:
    site = site or project / "site"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def search_index(site: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(
        (site / "search" / "search_index.json").read_text())["docs"]
    return docs


def page(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text()


def article(html: str) -> str:
    """The page's own content, without the theme's header, nav and footer."""
    start = html.index("<article")
    return html[start:html.index("</article>", start)]


def serve_in_background(site: Path) -> Any:
    """Serve the built `site` over http on 127.0.0.1 (a free port) from a daemon thread.

    Returns the `ThreadingHTTPServer`; its address is `server.url`. Stop it with
    `server.shutdown()` then `server.server_close()`.
    """
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # no access log in test output
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    server.daemon_threads = True
    host, port = server.server_address[:2]
    server.url = f"http://{host}:{port}"  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, name=f"serve {site}", daemon=True).start()
    return server


# ---- headless Chromium ----------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-gpu"]
SEARCH = "input.md-search__input"
RESULT = ".md-search-result__item"
WAIT_MS = 15_000  # upper bound for a selector to appear; passing tests never wait this long


def _unavailable(reason: str) -> None:
    import pytest

    message = (f"browser tests need {reason}: run `make browser` (apt-get install chromium) and "
               "`pip install -e '.[test]'`")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


def playwright() -> Any:
    """Playwright's `sync_playwright`, once it is clear that Chromium can be driven (Debian's
    Chromium: Playwright cannot download its own browser here). Without it browser tests skip,
    except under `CI=true`, where they fail."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"Chromium at {CHROMIUM}")
    return sync_playwright
