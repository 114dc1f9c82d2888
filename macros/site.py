"""Run MkDocs for the CLI: build or serve the site in child processes.

A child process gives every build a fresh interpreter (no state carried over between builds)
and lets editions build side by side: `build_all` runs two at a time, which on two cores beats
building them one after another in a single process.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from macros.editions.settings import EDITION_ENV

DEFAULT = "default"


def mkdocs_command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args, "--config-file", str(root / "mkdocs.yml")]


def build_site(root: Path, out: Path | None = None, edition: str | None = None,
               quiet: bool = False) -> int:
    args = ["build", "--strict"]
    if out is not None:
        args += ["--site-dir", str(out.resolve())]
    result = subprocess.run(mkdocs_command(root, *args), cwd=root, env=_env(edition),
                            capture_output=quiet, text=True)
    if quiet and result.returncode != 0:
        print(f"--- edition {edition or DEFAULT} failed ---\n{result.stderr}", file=sys.stderr)
    return result.returncode


def build_all(root: Path, out: Path, editions: dict[str, str], workers: int = 2) -> int:
    """Build the default edition into out/default/ and each organization into out/<slug>/,
    then write out/index.html listing them. `editions` maps slug -> display name."""
    jobs = {DEFAULT: None, **{slug: slug for slug in editions}}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(jobs, pool.map(
            lambda slug: build_site(root, out / slug, jobs[slug], quiet=True), jobs),
            strict=True))
    failed = [slug for slug, code in results.items() if code != 0]
    if failed:
        print(f"editions that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    (out / "index.html").write_text(editions_index({DEFAULT: "Default edition", **editions}),
                                    encoding="utf-8")
    return 0


def editions_index(editions: dict[str, str]) -> str:
    items = "\n".join(f'    <li><a href="{html.escape(slug)}/">{html.escape(name)}</a></li>'
                      for slug, name in editions.items())
    return ("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
            "<title>AI Scaling Playbook: editions</title></head>\n<body>\n"
            f"  <h1>AI Scaling Playbook: editions</h1>\n  <ul>\n{items}\n  </ul>\n"
            "</body>\n</html>\n")


def serve_site(root: Path, dev_addr: str, edition: str | None = None) -> int:
    args = ["serve", "--strict", "--livereload", "--dev-addr", dev_addr]
    try:
        return subprocess.run(mkdocs_command(root, *args), cwd=root,
                              env=_env(edition)).returncode
    except KeyboardInterrupt:
        return 0


def _env(edition: str | None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop(EDITION_ENV, None)
    if edition:
        env[EDITION_ENV] = edition
    return env
