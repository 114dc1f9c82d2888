"""`playbook explain --edition <slug> <figure>`: a computed figure of an edition, its formula
and every input with the file:line:col that supplied it.

The figures are those of the edition's plan (its recommended or pinned template): the same
functions of `macros.editions.figures` that "Our plan" shows, worked out again here step by
step, so that the explanation and the page cannot disagree (a test compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macros.catalog import Record
from macros.editions import figures
from macros.editions.choice import choose
from macros.editions.load import Edition
from macros.editions.pages import dollars_labelled
from macros.explain import origins
from macros.md import money
from macros.yamlfile import NodePath


@dataclass(frozen=True)
class Input:
    name: str
    value: float
    origin: str  # 'file:line:col', or how the value was computed


@dataclass(frozen=True)
class Figure:
    name: str
    shown: str       # the value as the page writes it
    formula: str
    worked: str      # the formula with the inputs' values
    inputs: list[Input]

    def text(self, slug: str, template: str) -> str:
        lines = [f"{self.name} = {self.shown} (edition {slug}, template {template})",
                 f"  = {self.formula}", f"  = {self.worked}", "inputs:"]
        lines += [f"  {i.name} = {i.value:g} {i.origin}" for i in self.inputs]
        return "\n".join(lines)


def _record_input(record: Record, at: NodePath, name: str) -> Input:
    value: Any = record.data
    for part in at:
        value = value[part]
    return Input(f"{record.kind}/{record.id} {name}", float(value),
                 f"from {origins(record.doc, at)}")


def _org_input(edition: Edition, at: NodePath, name: str, value: float) -> Input:
    return Input(name, value, f"from {origins(edition.overlay, at)}")


class _Plan:
    """What every figure starts from: the edition's template and its final adoption target."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.template = edition.catalog.require("templates", choose(edition.org,
                                                                    edition.catalog).template)
        last = len(self.template.data["targets"]) - 1
        self.pct = _record_input(self.template, ("targets", last, "adoption_pct", "min"),
                                 f"targets[{last}].adoption_pct.min")
        self.headcount = _org_input(edition, ("headcount",), "headcount",
                                    edition.org["headcount"])
        self.adopters = figures.people(self.pct.value, edition.org["headcount"])
        self.adopters_input = Input("adopters", self.adopters,
                                    f"computed (`playbook explain --edition {edition.slug} "
                                    "adopters`)")

    def capacity(self) -> Record:
        return self.edition.catalog.require("scale-planning", "support-capacity")


def _adopters(plan: _Plan) -> Figure:
    return Figure("adopters", f"{plan.adopters:,}",
                  "floor(final target % x headcount / 100)",
                  f"floor({plan.pct.value:g} x {plan.headcount.value:g} / 100)",
                  [plan.pct, plan.headcount])


def _cost_per_adopter(plan: _Plan) -> Figure:
    total = _record_input(plan.template, ("budget", "total"), "budget.total")
    value = total.value / plan.adopters if plan.adopters else 0.0
    return Figure("cost-per-adopter", money(value), "budget.total / adopters",
                  f"{total.value:g} / {plan.adopters}", [total, plan.adopters_input])


def _champions(plan: _Plan) -> Figure:
    capacity = plan.capacity()
    need = figures.support_needs(capacity, plan.edition.org, plan.adopters)
    load = _record_input(capacity, ("users_per_champion", "min"), "users_per_champion.min")
    per50 = _record_input(capacity, ("champions_per_50_people", "min"),
                          "champions_per_50_people.min")
    return Figure(
        "champions", f"{need.recommended:,}",
        "max(ceil(adopters / users_per_champion.min), "
        "ceil(headcount / 50) x champions_per_50_people.min)",
        f"max(ceil({plan.adopters} / {load.value:g}), ceil({plan.headcount.value:g} / 50) x "
        f"{per50.value:g}) = max({need.champions_by_load[1]}, {need.champions_per_50[0]})",
        [plan.adopters_input, load, plan.headcount, per50])


def _weekly_support_cost(plan: _Plan) -> Figure:
    capacity = plan.capacity()
    need = figures.support_needs(capacity, plan.edition.org, plan.adopters)
    inputs = [Input("champions", need.recommended, "computed (`playbook explain --edition "
                    f"{plan.edition.slug} champions`)"),
              _record_input(capacity, ("hours_per_champion_per_week", "max"),
                            "hours_per_champion_per_week.max"),
              _record_input(capacity, ("hourly_rate",), "hourly_rate"),
              _record_input(capacity, ("lead_cost_per_week",), "lead_cost_per_week"),
              _record_input(capacity, ("tools_cost_per_week",), "tools_cost_per_week"),
              plan.adopters_input,
              _record_input(capacity, ("reference_users",), "reference_users")]
    n, hours, rate, lead, tools, adopters, reference = (i.value for i in inputs)
    return Figure(
        "weekly-support-cost", money(need.weekly_cost[0]),
        "champions x hours_per_champion_per_week.max x hourly_rate + "
        "(lead_cost_per_week + tools_cost_per_week) x adopters / reference_users",
        f"{n:g} x {hours:g} x {rate:g} + ({lead:g} + {tools:g}) x {adopters:g} / {reference:g}",
        inputs)


FIGURES: dict[str, Callable[[_Plan], Figure]] = {
    "adopters": _adopters,
    "cost-per-adopter": _cost_per_adopter,
    "champions": _champions,
    "weekly-support-cost": _weekly_support_cost,
}


def explain_figure(edition: Edition, name: str) -> str:
    """The explanation of figure `name`; KeyError (with the figures there are) if unknown."""
    if name not in FIGURES:
        raise KeyError(f"there is no computed figure {name!r}: explain one of "
                       f"{', '.join(FIGURES)}, or a record's field as <kind>/<id> <field>")
    plan = _Plan(edition)
    return dollars_labelled(edition.org, FIGURES[name](plan).text(edition.slug, plan.template.id))
