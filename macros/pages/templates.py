"""Pages for scaling-wave templates: the full plan, with figures worked out from the data."""

from __future__ import annotations

import math
from typing import Any

from macros.catalog import Record
from macros.charts import template_adoption, template_budget
from macros.editions.figures import people
from macros.editions.render import template_for_org
from macros.md import (
    Markdown,
    admonition,
    bullets,
    checklist,
    code_block,
    heading,
    inline,
    money,
    money_span,
    months,
    span_text,
    table,
)
from macros.pages.context import Ctx

RISK_WORDS = {"low": "Low", "medium": "Medium", "high": "High"}


def adopters(record: Record) -> int:
    """People using AI once the template's final adoption target is reached in its example."""
    final = record.data["targets"][-1]["adoption_pct"]["min"]
    return people(final, record.data["example"]["headcount"])


def page(record: Record, ctx: Ctx) -> str:
    d = record.data
    parts = [f"# {inline(d['title'])}", inline(d["summary"]), glance(record)]
    if ctx.org is not None:
        parts.append(template_for_org(record, ctx.org))
    parts += [heading(2, "When to use it", "when-to-use"), bullets(d["when_to_use"])]
    if d.get("risk_note"):
        parts.append(f"*Risk:* {inline(d['risk_note'])}")
    parts += [_example(record, ctx), _plan(record, ctx), _support(record),
              _communications(record), _risks(record, ctx), _targets(record),
              _budget(record),
              heading(2, "Success checklist", "success-checklist"),
              checklist(d["success_checklist"], f"templates.{record.id}.success-checklist"),
              _prompt(record),
              heading(2, "Outcome", "outcome"), inline(d["outcome"])]
    return "\n\n".join(part for part in parts if part) + "\n"


def glance(record: Record) -> str:
    d = record.data
    return table(["Timeline", "Budget range", "Risk", "Practice example"],
                 [[f"{span_text(d['timeline_months'])} months", money_span(d["budget_range"]),
                   RISK_WORDS[d["risk_level"]], d["example"]["name"]]])


def _example(record: Record, ctx: Ctx) -> str:
    ex = record.data["example"]
    pilot = ex["pilot"]
    facts = [f"{pilot['people']} people in {pilot['team']}",
             months(pilot["months"]).lower(), f"{pilot['adoption_pct']:g}% adoption"]
    if "hours_saved_per_week" in pilot:
        facts.append(f"{pilot['hours_saved_per_week']:g} hours saved per person per week")
    if "value_per_month" in pilot and "cost_per_month" in pilot:
        facts.append(f"{money(pilot['value_per_month'])} of value a month for "
                     f"{money(pilot['cost_per_month'])} of AI cost")
    if "champions" in pilot:
        facts.append(f"{pilot['champions']} champions identified")
    phases = {p["id"]: p for p in record.data["phases"]}
    rows = []
    for dept in ex["departments"]:
        phase = phases.get(dept.get("phase", ""))
        joins = ctx.href(ctx.page_uri, f"phase-{phase['id']}") if phase else ""
        rows.append([dept["name"], span_text({"min": dept["headcount"], "open": True})
                     if dept.get("open") else dept["headcount"],
                     Markdown(f"[{inline(phase['title'])}]({joins})") if phase else "pilot"])
    parts = [heading(2, f"Practice scenario: {ex['name']}", "example"), inline(ex["summary"]),
             f"**Pilot:** {inline('; '.join(facts))}.",
             table(["Department", "People", "Joins in"], rows)]
    champions = ex.get("champions")
    if champions:
        line = f"{span_text(champions['count'])} champions"
        if champions.get("share_pct"):
            line += f" ({span_text(champions['share_pct'], '%')} of the organization)"
        if champions.get("incentive_per_quarter"):
            line += f", {money(champions['incentive_per_quarter'])} a quarter each"
        if champions.get("training_hours"):
            line += f", {champions['training_hours']} hours of training"
        parts.append(f"**Champion network:** {inline(line)}.")
    return "\n\n".join(parts)


def _plan(record: Record, ctx: Ctx) -> str:
    headcount = record.data["example"]["headcount"]
    parts = [heading(2, "The plan, phase by phase", "plan")]
    for phase in record.data["phases"]:
        parts.append(heading(3, f"{phase['title']} ({months(phase['months']).lower()})",
                             f"phase-{phase['id']}"))
        if phase.get("summary"):
            parts.append(inline(phase["summary"]))
        waves = ", ".join(ctx.link_to("waves", w) for w in phase.get("waves", []))
        target = _target(phase, headcount)
        parts.append(Markdown(f"**Adoption target:** {target}" + (
            f" · **Waves:** {waves}" if waves else "")))
        for step in phase.get("steps", []):
            line = Markdown(f"**{inline(step['when'])}**")
            if step.get("adoption_pct"):
                line = Markdown(f"{line} (target {_target(step, headcount)})")
            parts += [line, bullets(step["actions"])]
    return "\n\n".join(parts)


def _target(item: dict[str, Any], headcount: int) -> str:
    pct = item["adoption_pct"]
    people = item.get("people") or {k: math.floor(v * headcount / 100) for k, v in pct.items()}
    return inline(f"{span_text(pct, '%')} of the organization ({span_text(people)} people)")


def _support(record: Record) -> str:
    d = record.data
    rows = ([s["period"], span_text(s.get("champions")) or "-",
             f"{s['lead_fte']:g} FTE" if "lead_fte" in s else "-", "; ".join(s.get("notes", []))]
            for s in d["support"])
    parts = [heading(2, "Support structure", "support"),
             table(["Period", "Champions", d.get("support_lead", "AI lead"), "Notes"], rows),
             "**Channels**", bullets(d["channels"])]
    if d.get("training"):
        parts += ["**Training**", bullets(d["training"])]
    return "\n\n".join(parts)


def _communications(record: Record) -> str:
    comms = record.data["communications"]
    rows = ([c["when"], c["message"], c["purpose"]] for c in comms["items"])
    return "\n\n".join([heading(2, f"Communication calendar ({comms['cadence']})",
                                "communications"),
                        table(["When", "Message", "Purpose"], rows)])


def _risks(record: Record, ctx: Ctx) -> str:
    rows = ([r["risk"], r["mitigation"], r["contingency"],
             ctx.link_to("bottlenecks", r["bottleneck"]) if r.get("bottleneck") else "-"]
            for r in record.data["risks"])
    return "\n\n".join([heading(2, "Risks", "risks"),
                        table(["Risk", "Mitigation", "If it happens anyway", "Fix"], rows)])


def _targets(record: Record) -> str:
    d = record.data
    rows = ([t["period"], span_text(t["adoption_pct"], "%"),
             f"{t['daily_active_pct']:g}%" if "daily_active_pct" in t else "-",
             money_span(t["value_per_month"]) if "value_per_month" in t else "-",
             money(t["cost_per_month"]) if "cost_per_month" in t else "-",
             f"{span_text(t['satisfaction'])}/5" if "satisfaction" in t else "-"]
            for t in d["targets"])
    parts = [heading(2, "Targets by period", "targets"),
             template_adoption(d["title"], d["targets"]),
             table(["Period", "Adoption", "Daily active (of adopters)", "Value a month",
                    "Cost a month", "Satisfaction"], rows)]
    if d.get("metrics_tracked"):
        parts += [Markdown("**What to track**"), bullets(d["metrics_tracked"])]
    return "\n\n".join(parts)


def _budget(record: Record) -> str:
    budget = record.data["budget"]
    headcount = record.data["example"]["headcount"]
    parts = [heading(2, "Budget", "budget"),
             template_budget(record.data["title"], budget)]
    for section in budget["sections"]:
        title = section["title"] + (f" ({money(section['total'])})" if "total" in section
                                    else "")
        rows = []
        for line in section["lines"]:
            note = line.get("note", "")
            basis = line.get("basis")
            if basis:
                computed = math.prod(basis["factors"])
                shown = " × ".join(f"{f:g}" for f in basis["factors"])
                note = f"{note} {basis['explain']}: {shown} = {money(computed)}".strip()
            rows.append([line["item"], money(line["amount"]), note])
        parts += [Markdown(f"**{inline(title)}**"), table(["Item", "Amount", "Note"], rows)]
    months = f" over {budget['months']} months" if "months" in budget else ""
    people = adopters(record)
    parts.append(Markdown(f"**Total: {money(budget['total'])}{months}.** For the "
                 f"{headcount}-person example that is {money(budget['total'] / headcount)} "
                 f"per employee, or {money(budget['total'] / people)} per adopted person "
                 f"({people} people at the final target)."))
    return "\n\n".join(parts)


def _prompt(record: Record) -> str:
    prompt = record.data["setup_prompt"]
    rows = ([f"[{p['name']}]", p["label"]] for p in prompt["placeholders"])
    return "\n\n".join([
        heading(2, "Setup prompt", "setup-prompt"),
        "Copy the prompt into your AI assistant and replace each bracketed placeholder.",
        code_block(prompt["text"]),
        table(["Placeholder", "What to fill in"], rows),
    ])


def embed(record: Record, ctx: Ctx) -> str:
    return f"**{ctx.link_record(record)}**: {inline(record.data['summary'])}\n\n{glance(record)}"


def basis(record: Record, people_count: int) -> str:
    """What a cost per person divides by: every employee, the adopters, or a stated count."""
    if people_count == record.data["example"]["headcount"]:
        return "per employee"
    return "per adopted person" if people_count == adopters(record) else \
        f"per person ({people_count} people)"


def index(ctx: Ctx) -> str:
    rows, stated = [], []
    templates = list(ctx.catalog.ordered("templates"))
    for r in templates:
        d = r.data
        total, headcount = d["budget"]["total"], d["example"]["headcount"]
        theirs = [(money(item["stated"]), basis(r, item["people"]))
                  for item in d["budget"].get("per_person", [])]
        stated += [(r, shown, how) for shown, how in theirs]
        rows.append([ctx.link_record(r), f"{span_text(d['timeline_months'])} months",
                     money_span(d["budget_range"]), RISK_WORDS[d["risk_level"]],
                     f"{money(total)} for {headcount} people", money(total / headcount),
                     money(total / adopters(r)),
                     "; ".join(f"{shown} {how}" for shown, how in theirs) or "none"])
    parts = [
        "# Scaling templates",
        ctx.intro("templates"),
        table(["Template", "Timeline", "Budget range", "Risk", "Worked example",
               "Cost per employee", "Cost per adopted person", "The source's figure"], rows),
        "Both cost columns divide the worked example's budget: by everyone in the example "
        "organization (per employee), or by the people using AI once its final adoption target "
        "is reached (per adopted person). The last column gives the figure the source itself "
        "states, on the basis it uses.",
    ]
    if len({how for _, _, how in stated}) > 1:
        parts.append(_mixed_bases(templates, stated))
    return "\n\n".join(parts) + "\n"


def _mixed_bases(templates: list[Record], stated: list[tuple[Record, str, str]]) -> Markdown:
    """An editor's note: the source sets costs per person on different bases side by side."""
    groups: dict[str, list[str]] = {}
    for r, shown, how in stated:
        groups.setdefault(how, []).append(f"{shown} ({r.data['title']})")
    compared = " with ".join(f"{_listed(items)} {how}" for how, items in groups.items())
    employee = _listed([money(r.data["budget"]["total"] / r.data["example"]["headcount"])
                        for r in templates])
    adopted = _listed([money(r.data["budget"]["total"] / adopters(r)) for r in templates])
    return admonition("note", "Editor's note", inline(
        f"The source compares {compared}: two different bases. On one basis the templates "
        f"cost {employee} per employee, or {adopted} per adopted person."))


def _listed(items: list[str]) -> str:
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]
