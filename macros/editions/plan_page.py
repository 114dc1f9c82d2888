"""The page only an edition has: "Our plan", every figure worked out for the organization."""

from __future__ import annotations

from typing import Any

from macros.catalog import Catalog, Record
from macros.charts import edition_adoption
from macros.editions import figures
from macros.editions.render import filled_prompt, plans_table
from macros.md import (
    Markdown,
    bullets,
    heading,
    inline,
    money,
    money_range,
    months,
    span_text,
    table,
)
from macros.pages.context import Ctx

PLAN_URI = "our-plan.md"


def plan_page(catalog: Catalog, org: dict[str, Any], recommendation: Any) -> str:
    ctx = Ctx(catalog, PLAN_URI, org)
    name = org["name"]
    start = figures.calendar(org.get("start_month"), {"min": 1})
    intro = f"The playbook worked out for {name}: {org['headcount']:,} people"
    intro += f", starting in {start}" if start else ""
    intro += (f", with {figures.org_money(org, org['budget_available'])} available. "
              "Figures taken from the playbook itself are in US dollars.")
    comparison, plans = plans_table(catalog, org)
    chosen = next((p for p in plans if p.template_id == recommendation.template), plans[0])
    parts = [f"# Our plan at {inline(name)}", inline(intro),
             _recommendation(ctx, recommendation),
             heading(2, "What each template would mean for us", "templates"), comparison,
             _departments(ctx, org, chosen), _support(catalog, org, chosen.adopters),
             _pilot(org, chosen.adopters), _returns(catalog, org, chosen), _prompts(ctx, org)]
    return "\n\n".join(p for p in parts if p) + "\n"


def _recommendation(ctx: Ctx, rec: Any) -> str:
    lead = "We have chosen" if rec.pinned else "The playbook recommends"
    return "\n\n".join([heading(2, "Our template", "recommendation"),
                        f"{lead} the {ctx.link_to('templates', rec.template)} template.",
                        bullets(rec.reasons)])


def _departments(ctx: Ctx, org: dict[str, Any], plan: figures.TemplatePlan) -> str:
    joins = {name: phase for phase in plan.phases for name, _ in phase.departments}
    rows = []
    for dept in org["departments"]:
        phase = joins.get(dept["name"])
        wave = "Pilot" if dept["wave"] == "pilot" else ctx.link_to("waves", dept["wave"])
        people = f"{dept['headcount']}+" if dept.get("open") else dept["headcount"]
        rows.append([dept["name"], people, wave,
                     f"{phase.title} ({phase.when or months(phase.months).lower()})"
                     if phase else "-"])
    return "\n\n".join([heading(2, "Departments and waves", "departments"),
                        table(["Department", "People", "Wave", f"Joins in ({plan.title})"],
                              rows)])


def _support(catalog: Catalog, org: dict[str, Any], adopters: int) -> str:
    capacity = catalog.get("scale-planning", "support-capacity")
    parts = [heading(2, "Champions and support", "support")]
    champions = org.get("champions", [])
    if capacity is not None:
        need = figures.support_needs(capacity, org, adopters)
        parts += [inline(_champion_count(capacity.data, org, need, len(champions))),
                  table(["Rule", "Champions for us"], [
                      [f"Support load: {adopters:,} people using AI, "
                       f"{span_text(capacity.data['users_per_champion'])} each",
                       _pair(need.champions_by_load)],
                      [f"{span_text(capacity.data['champions_per_50_people'])} per 50 people",
                       _pair(need.champions_per_50)],
                      [f"{span_text(capacity.data['champion_share_pct'], '%')} of the "
                       "organization (for comparison)", _pair(need.champions_by_share)],
                      [Markdown("**Recommended**"), Markdown(f"**{need.recommended:,}**")]]),
                  table(["For our recommended champions", "A week"], [
                      ["Champion hours", _pair(need.champion_hours)],
                      ["Champion cost", money_range(*need.champion_cost)],
                      ["AI lead and tools (scaled to our users)", money(need.other_cost)],
                      ["Weekly support cost", money_range(*need.weekly_cost)]])]
    departments = {d["id"]: d["name"] for d in org["departments"]}
    if champions:
        parts += [Markdown(f"**Our champions so far ({len(champions)})**"),
                  bullets(f"{c['name']} ({departments[c['department']]})" for c in champions)]
    support = org["support"]
    parts.append(inline(f"Ask in {support['chat_channel']}; office hours: "
                        f"{support['office_hours']}."))
    return "\n\n".join(parts)


def _champion_count(capacity: dict[str, Any], org: dict[str, Any],
                    need: figures.SupportNeeds, named: int) -> str:
    """The recommendation in one sentence, with the two floors it is the larger of."""
    load, per50 = need.champions_by_load[1], need.champions_per_50[0]
    heavier = capacity["users_per_champion"]["min"]
    floors = (f"{load:,} are enough for {need.adopters:,} people using AI if each champion "
              f"supports {heavier}, and the per-50-people rule asks for at least {per50:,} "
              f"for {org['headcount']:,} people")
    text = (f"We plan for {need.recommended:,} champion{'s' if need.recommended != 1 else ''}, "
            f"the larger of two floors: {floors}.")
    if named:
        missing = need.recommended - named
        text += (f" {named} named so far: {missing} more to find." if missing > 0 else
                 f" {named} named so far: enough.")
    return text


def _pilot(org: dict[str, Any], adopters: int) -> str:
    pilot = org["pilot"]
    users = figures.people(pilot["adoption_pct"], pilot["people"])
    lines = [f"{pilot['team']}: {pilot['people']} people, {pilot['adoption_pct']:g}% adoption "
             f"= {users} people using AI."]
    value = figures.pilot_value(org, adopters)
    if value is not None:
        lines.append(f"At {pilot['hours_saved_per_week']:g} hours saved per person per week, "
                     f"the pilot saves {value.hours_per_week:g} hours a week.")
        if value.hours_per_week_at_scale is not None:
            lines.append(f"If the {adopters:,} people of the final target save as much, that is "
                         f"{value.hours_per_week_at_scale:,.0f} hours a week.")
    return "\n\n".join([heading(2, "Our pilot", "pilot"), bullets(lines)])


def _returns(catalog: Catalog, org: dict[str, Any], plan: figures.TemplatePlan) -> str:
    benchmarks = catalog.get("benchmarks", "scaling-2025")
    if benchmarks is None:
        return ""
    lines = figures.return_lines(benchmarks, org, plan)
    low, high = lines.onboarding_at_scale
    rows = [
        [f"Onboarding {plan.adopters:,} people at the at-scale cost per user",
         money_range(low, high)],
        ["The same people at the pilot's cost per user", money(lines.onboarding_at_pilot_rate)],
        [f"Net benefit of the {plan.title} budget ({money(plan.budget_total)}) at the usual "
         "return on a scaling investment", money_range(*lines.net_benefit)],
    ]
    curve = ([f"month {m}" + (f" ({when})" if when else ""), f"{pct:g}%", f"{n:,}"]
             for m, when, pct, n in lines.curve)
    return "\n\n".join([
        heading(2, "Return on the investment", "returns"),
        f"The playbook's {ctx_link(catalog, benchmarks)} applied to our numbers.",
        table(["Line", "For us"], rows),
        "**The usual adoption curve, in our people**",
        edition_adoption(org["name"], lines.curve, org["headcount"]),
        table(["When", "Adoption", "People"], curve)])


def ctx_link(catalog: Catalog, record: Record) -> str:
    return str(Ctx(catalog, PLAN_URI).link_record(record))


def _prompts(ctx: Ctx, org: dict[str, Any]) -> str:
    facts = figures.prompt_facts(org, ctx.catalog)
    parts = [heading(2, "Setup prompts, filled in for us", "prompts"),
             "Copy a prompt into your AI assistant. Placeholders we could not fill from our "
             "own data stay in brackets."]
    template: Record
    for template in ctx.catalog.ordered("templates"):
        parts += [heading(3, template.data["title"], f"prompt-{template.id}"),
                  filled_prompt(template, facts)]
    return "\n\n".join(parts)


def _pair(pair: tuple[float, float]) -> str:
    low, high = pair
    return f"{low:,.0f}" if low == high else f"{low:,.0f}-{high:,.0f}"
