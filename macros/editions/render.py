"""Markdown for the organization-specific parts of an edition (all values escaped)."""

from __future__ import annotations

from typing import Any

from macros.catalog import Catalog, Record
from macros.editions import figures
from macros.editions.figures import TemplatePlan
from macros.md import Markdown, code_block, heading, inline, money, months, span_text, table


def _people(span: tuple[int, int | None]) -> str:
    low, high = span
    if high is None:
        return f"{low:,}+"
    return f"{low:,}" if low == high else f"{low:,}-{high:,}"


def template_for_org(record: Record, org: dict[str, Any]) -> str:
    """The section a template page gains in an edition: its targets in this org's people."""
    plan = figures.template_plan(record, org)
    name = org["name"]
    rows = ([t.period, span_text(t.pct, "%"), f"{_people(t.people)} people", t.when or "-"]
            for t in plan.targets)
    parts = [heading(2, f"For {name}", "for-us"),
             inline(f"With {org['headcount']:,} people at {name}, the targets of this template "
                    "mean:"),
             table(["Period", "Target", f"At {name}", "Calendar"], rows)]
    phase_rows = ([p.title, months(p.months).lower(), p.when or "-",
                   ", ".join(f"{n} ({c})" for n, c in p.departments) or "-",
                   f"{_people(p.target)} people"] for p in plan.phases)
    parts += [table(["Phase", "Programme time", "Calendar", "Departments joining",
                     "Using AI by the end"], phase_rows),
              inline(f"At the final target of {plan.adopters:,} people, the template's budget of "
                     f"{money(plan.budget_total)} comes to {money(plan.cost_per_adopter)} per "
                     "adopted person.")]
    return "\n\n".join(parts)


def plans_table(catalog: Catalog, org: dict[str, Any]) -> tuple[str, list[TemplatePlan]]:
    plans = [figures.template_plan(t, org) for t in catalog.ordered("templates")]
    rows = ([p.title, f"{p.adopters:,}", money(p.budget_total), money(p.cost_per_adopter),
             p.targets[-1].when or f"month {p.targets[-1].month}"] for p in plans)
    return table(["Template", "People using AI at the end", "Budget", "Per adopted person",
                  "Final target reached"], rows), plans


def filled_prompt(record: Record, facts: dict[str, str]) -> str:
    filled = figures.fill_prompt(record, facts)
    parts = [code_block(filled.text)]
    if filled.missing:
        parts.append(Markdown("Still to fill in by hand: " + ", ".join(
            f"`[{name}]`" for name in filled.missing) + "."))
    return "\n\n".join(parts)
