"""Run MkDocs for the CLI: build or serve the site in a child process.

A child process gives every build a fresh interpreter (no state carried over between builds)
and lets several editions build side by side.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mkdocs_command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args, "--config-file", str(root / "mkdocs.yml")]


def build_site(root: Path, out: Path | None = None) -> int:
    args = ["build", "--strict"]
    if out is not None:
        args += ["--site-dir", str(out.resolve())]
    return subprocess.run(mkdocs_command(root, *args), cwd=root, env=_env()).returncode


def serve_site(root: Path, dev_addr: str) -> int:
    args = ["serve", "--strict", "--livereload", "--dev-addr", dev_addr]
    try:
        return subprocess.run(mkdocs_command(root, *args), cwd=root, env=_env()).returncode
    except KeyboardInterrupt:
        return 0


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
