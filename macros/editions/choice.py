"""Which template an organization should follow: pinned in its overlay, or recommended by the
playbook's "choose a template" scenarios from its urgency, budget, risk tolerance, size and
pilot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from macros.catalog import Catalog
from macros.editions.figures import org_money
from macros.md import money
from macros.recommend import recommend

SIZE_LIMITS = (("small", 200), ("medium", 1000))  # head count below which a size applies


@dataclass(frozen=True)
class Choice:
    template: str
    pinned: bool
    reasons: list[str] = field(default_factory=list)


def budget_level(org: dict[str, Any], catalog: Catalog) -> str:
    """'ample' if the budget covers the aggressive template's range, 'solid' if it covers the
    balanced one's, else 'limited' (read from the templates' budget ranges)."""
    floors = {t.data["pace"]: t.data["budget_range"]["min"] for t in catalog.ordered("templates")}
    budget = org["budget_available"]
    if budget >= floors.get("aggressive", float("inf")):
        return "ample"
    if budget >= floors.get("balanced", float("inf")):
        return "solid"
    return "limited"


def size_of(org: dict[str, Any]) -> str:
    if org.get("size"):
        return str(org["size"])
    return next((name for name, limit in SIZE_LIMITS if org["headcount"] < limit), "large")


def choose(org: dict[str, Any], catalog: Catalog) -> Choice:
    budget = budget_level(org, catalog)
    pilot = org["pilot"].get("success")
    if org.get("template"):
        template = org["template"]
        reasons = ["Chosen in our overlay (`template:`), so no recommendation is applied."]
        pinned = True
    else:
        found = recommend(catalog, org["urgency"], budget, org["risk_tolerance"],
                          size_of(org), pilot)
        template, reasons, pinned = found.template, list(found.reasons), False
    span = catalog.require("templates", template).data["budget_range"]
    if org["budget_available"] < span["min"]:
        ours = org_money(org, org["budget_available"])
        reasons.append(f"Our budget of {ours} is below this "
                       f"template's range, which starts at {money(span['min'])}.")
    return Choice(template, pinned, reasons)
