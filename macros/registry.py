"""Every kind of record, declared once, in the order the site presents them (the programme's
life: understand the challenge, choose, plan waves, support, measure, fix, package, sustain,
Year 2+).

A kind named here is a folder `data/<name>/` and two modules named after it (hyphens become
underscores): `macros/kinds/<module>.py` declares its schema and checks as `KIND`, and
`macros/pages/<module>.py` renders its pages with `page`, `embed` and `index`. Adding a kind
is one line here plus those two modules; `tests/test_registry.py` fails when either is
missing, or when a renderer exists for a kind that is not listed.

This module imports nothing of the playbook, so both packages can read it without a cycle
(the renderers import the catalog, which imports the kinds).
"""

from __future__ import annotations

KIND_NAMES: tuple[str, ...] = (
    "stages",
    "benchmarks",
    "templates",
    "quick-starts",
    "scenarios",
    "try-it-now",
    "scaling-roadmap",
    "waves",
    "checklists",
    "support-tiers",
    "scale-planning",
    "measurement",
    "bottlenecks",
    "success-packages",
    "culture-phases",
    "practices",
    "lessons",
    "capstone",
    "roadmap",
)

# What a renderer module provides for its kind.
RENDERER_FUNCTIONS = ("page", "embed", "index")


def module_name(kind: str) -> str:
    """The module of `kind` in `macros.kinds` and in `macros.pages`."""
    return kind.replace("-", "_")


def schema_module(kind: str) -> str:
    return f"macros.kinds.{module_name(kind)}"


def renderer_module(kind: str) -> str:
    return f"macros.pages.{module_name(kind)}"
