"""The registry of data kinds, in the order the site presents them."""

from __future__ import annotations

from macros.kinds import bottlenecks, roadmap, success_packages, templates, waves
from macros.kinds.base import Kind

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        templates.KIND,
        waves.KIND,
        bottlenecks.KIND,
        success_packages.KIND,
        roadmap.KIND,
    )
}

__all__ = ["KINDS", "Kind"]
