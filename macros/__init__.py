"""Playbook engine and its mkdocs-macros entry point.

The engine (loading, checking, merging, rendering) lives in plain modules of this package and
never imports MkDocs. `define_env` below is the only mkdocs-macros glue: it exposes macros that
take record *ids*, so page authors never pass data through the template engine.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Register the playbook macros with mkdocs-macros (called once per build)."""
    from macros.page_macros import register

    register(env)
