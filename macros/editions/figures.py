"""Figures worked out for one organization from its overlay and the playbook's own inputs.

Everything here is a plain function of (organization facts, catalog): no rates or ratios are
written in this module; they come from the records (templates' targets and budgets, waves,
the scale-planning record), so editing the data changes every edition's figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from macros.catalog import Catalog, Record
from macros.editions.schema import CURRENCIES
from macros.kinds.templates import PLACEHOLDER
from macros.md import money

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
Span = tuple[float, float | None]  # (min, max); max None means "or more"


def org_money(org: dict[str, Any], amount: float, *, short_from: int | None = 10_000) -> str:
    """An amount the organization gave, in its own currency (playbook figures stay in USD)."""
    return money(amount, CURRENCIES[org["currency"]], short_from=short_from)


def people(pct: float, headcount: int) -> int:
    """Head count for a percentage of the organization, rounded down (80% of 300 = 240)."""
    return math.floor(pct * headcount / 100)


def people_span(pct: dict[str, float], headcount: int) -> tuple[int, int | None]:
    high = pct.get("max")
    return people(pct["min"], headcount), (people(high, headcount) if high is not None else None)


def calendar(start_month: str | None, months: dict[str, int]) -> str | None:
    """Programme months {min: 4, max: 5} from a start of 2027-03 -> 'Jun-Jul 2027'."""
    if not start_month:
        return None
    year, month = (int(part) for part in start_month.split("-"))

    def label(offset: int) -> tuple[str, int]:
        index = month - 1 + offset - 1
        return MONTHS[index % 12], year + index // 12

    first, last = label(months["min"]), label(months.get("max", months["min"]))
    if first == last:
        return f"{first[0]} {first[1]}"
    if first[1] == last[1]:
        return f"{first[0]}-{last[0]} {last[1]}"
    return f"{first[0]} {first[1]}-{last[0]} {last[1]}"


@dataclass(frozen=True)
class Target:
    period: str
    month: int
    when: str | None
    pct: dict[str, float]
    people: tuple[int, int | None]


@dataclass(frozen=True)
class PhasePlan:
    phase_id: str
    title: str
    months: dict[str, int]
    when: str | None
    departments: list[tuple[str, int]]
    target: tuple[int, int | None]


@dataclass(frozen=True)
class TemplatePlan:
    template_id: str
    title: str
    targets: list[Target]
    phases: list[PhasePlan]
    adopters: int
    cost_per_adopter: float
    budget_total: int


def template_plan(template: Record, org: dict[str, Any]) -> TemplatePlan:
    d, headcount = template.data, org["headcount"]
    start = org.get("start_month")
    targets = [Target(t["period"], t["month"], calendar(start, {"min": t["month"]}),
                      t["adoption_pct"], people_span(t["adoption_pct"], headcount))
               for t in d["targets"]]
    by_wave: dict[str, list[tuple[str, int]]] = {}
    for dept in org["departments"]:
        by_wave.setdefault(dept["wave"], []).append((dept["name"], dept["headcount"]))
    phases = []
    for i, phase in enumerate(d["phases"]):
        # The pilot team is on board from the plan's first phase.
        waves = [*(["pilot"] if i == 0 else []), *phase.get("waves", [])]
        joining = [dept for wave in waves for dept in by_wave.get(wave, [])]
        phases.append(PhasePlan(phase["id"], phase["title"], phase["months"],
                                calendar(start, phase["months"]), joining,
                                people_span(phase["adoption_pct"], headcount)))
    adopters = people(d["targets"][-1]["adoption_pct"]["min"], headcount)
    total = d["budget"]["total"]
    return TemplatePlan(template.id, d["title"], targets, phases, adopters,
                        total / adopters if adopters else 0.0, total)


@dataclass(frozen=True)
class SupportNeeds:
    adopters: int
    champions_per_50: tuple[int, int]
    champions_by_share: tuple[int, int]
    champions_by_load: tuple[int, int]
    # The one count the plan recommends, and what those champions cost (see support_needs).
    recommended: int
    champion_hours: tuple[float, float]
    champion_cost: tuple[float, float]
    other_cost: float
    weekly_cost: tuple[float, float]


def support_needs(capacity: Record, org: dict[str, Any], adopters: int) -> SupportNeeds:
    """The scale-planning rules applied to this organization's adopters.

    The recommended count is the larger of two floors: enough champions for the adopters at
    the heavier support load (users_per_champion.min each), and the low end of "one or two
    per 50 people". Hours and costs are those of the recommended count; the share-of-the-
    organization rule is reported beside it for comparison, not used.
    """
    c, headcount = capacity.data, org["headcount"]
    per50 = c["champions_per_50_people"]
    share = c["champion_share_pct"]
    load = c["users_per_champion"]
    hours = c["hours_per_champion_per_week"]
    fewest = math.ceil(adopters / load["max"])
    most = math.ceil(adopters / load["min"])
    per_50 = (math.ceil(headcount / 50) * per50["min"], math.ceil(headcount / 50) * per50["max"])
    recommended = max(most, per_50[0])
    # Priced like the source prices it: every champion at the top of the hours range.
    cost = recommended * hours["max"] * c["hourly_rate"]
    # The lead's and the tools' weekly cost are quoted for reference_users; scale them.
    other = (c["lead_cost_per_week"] + c["tools_cost_per_week"]) * adopters / c["reference_users"]
    return SupportNeeds(
        adopters=adopters,
        champions_per_50=per_50,
        champions_by_share=(math.ceil(headcount * share["min"] / 100),
                            math.ceil(headcount * share["max"] / 100)),
        champions_by_load=(fewest, most),
        recommended=recommended,
        champion_hours=(recommended * hours["min"], recommended * hours["max"]),
        champion_cost=(cost, cost),
        other_cost=other,
        weekly_cost=(cost + other, cost + other),
    )


@dataclass(frozen=True)
class PilotValue:
    hours_per_week: float
    hours_per_week_at_scale: float | None


def pilot_value(org: dict[str, Any], adopters: int) -> PilotValue | None:
    pilot = org["pilot"]
    saved = pilot.get("hours_saved_per_week")
    if saved is None:
        return None
    users = people(pilot["adoption_pct"], pilot["people"])
    return PilotValue(users * saved, adopters * saved)


def prompt_facts(org: dict[str, Any], catalog: Catalog) -> dict[str, str]:
    """Values for setup-prompt placeholders, keyed by placeholder `source`."""
    first_wave = min((w for w in catalog.ordered("waves")), key=lambda w: w.data["order"],
                     default=None)
    leading = [d["name"] for d in org["departments"]
               if first_wave is not None and d["wave"] == first_wave.id]
    pilot = org["pilot"]
    facts = {
        "org_name": org["name"], "headcount": f"{org['headcount']:,}",
        "pilot_adoption_pct": f"{pilot['adoption_pct']:g}", "pilot_team": pilot["team"],
        "pilot_people": str(pilot["people"]),
        "budget_available": org_money(org, org["budget_available"], short_from=None),
        "ai_tool": org["ai_tool"], "risk_tolerance": org["risk_tolerance"],
        "urgency": org["urgency"], "champions_count": str(len(org.get("champions", []))),
    }
    if leading:
        facts["departments"] = ", ".join(leading)
    if org.get("start_month"):
        facts["start_month"] = org["start_month"]
    return facts


@dataclass(frozen=True)
class FilledPrompt:
    text: str
    missing: list[str] = field(default_factory=list)


def fill_prompt(template: Record, facts: dict[str, str]) -> FilledPrompt:
    """Replace each [placeholder] the organization can answer; the rest stay as [name]."""
    sources = {p["name"]: p.get("source") for p in template.data["setup_prompt"]["placeholders"]}
    missing: list[str] = []

    def fill(match: Any) -> str:
        name = match.group(1)
        value = facts.get(sources.get(name) or "")
        if value is None:
            if name not in missing:
                missing.append(name)
            return str(match.group(0))
        return value

    text = PLACEHOLDER.sub(fill, template.data["setup_prompt"]["text"])
    return FilledPrompt(text, missing)


@dataclass(frozen=True)
class ReturnLines:
    onboarding_at_scale: tuple[float, float]
    onboarding_at_pilot_rate: float
    net_benefit: tuple[float, float]
    curve: list[tuple[int, str | None, float, int]]  # month, calendar, percent, people


def return_lines(benchmarks: Record, org: dict[str, Any], plan: TemplatePlan) -> ReturnLines:
    """The benchmark's cost-per-user, ROI and adoption-curve lines for this organization."""
    b = benchmarks.data
    scale = b["cost_per_user"]["scale"]
    roi = b["investment"]["roi_pct"]
    curve = [(point["month"], calendar(org.get("start_month"), {"min": point["month"]})
              if point["month"] else None, point["adoption_pct"],
              people(point["adoption_pct"], org["headcount"]))
             for point in b["adoption_curve"]]
    return ReturnLines(
        onboarding_at_scale=(plan.adopters * scale["min"], plan.adopters * scale["max"]),
        onboarding_at_pilot_rate=plan.adopters * b["cost_per_user"]["pilot"],
        net_benefit=(plan.budget_total * roi["min"] / 100, plan.budget_total * roi["max"] / 100),
        curve=curve,
    )
