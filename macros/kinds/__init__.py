"""The registry of data kinds, in the order the site presents them (the programme's life:
understand the challenge, choose, plan waves, support, measure, fix, package, sustain, Year 2+)."""

from __future__ import annotations

from macros.kinds import (
    benchmarks,
    bottlenecks,
    capstone,
    checklists,
    culture_phases,
    lessons,
    measurement,
    practices,
    quick_starts,
    roadmap,
    scale_planning,
    scaling_roadmap,
    scenarios,
    stages,
    success_packages,
    support_tiers,
    templates,
    try_it_now,
    waves,
)
from macros.kinds.base import Kind

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        stages.KIND,
        benchmarks.KIND,
        templates.KIND,
        quick_starts.KIND,
        scenarios.KIND,
        try_it_now.KIND,
        scaling_roadmap.KIND,
        waves.KIND,
        checklists.KIND,
        support_tiers.KIND,
        scale_planning.KIND,
        measurement.KIND,
        bottlenecks.KIND,
        success_packages.KIND,
        culture_phases.KIND,
        practices.KIND,
        lessons.KIND,
        capstone.KIND,
        roadmap.KIND,
    )
}

__all__ = ["KINDS", "Kind"]
