"""Pages for practices: each present section is rendered, in a fixed order, under a fixed
anchor; the PDCA cycle is drawn as an inline SVG at build time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.catalog import Record
from macros.diagram import Step, cycle
from macros.md import Markdown, bullets, heading, inline, span_text, table
from macros.pages.context import Ctx, summary_index

IMPACT = {"low": "Low", "low-medium": "Low to medium", "medium": "Medium",
          "medium-high": "Medium to high", "high": "High"}
LEVEL = {"high": "High", "low": "Low"}

Section = Callable[[Any, Ctx, int], list[Markdown]]


def _stakes(s: dict[str, Any], ctx: Ctx, level: int) -> list[Markdown]:
    out = [heading(level, "What is at stake", "stakes"), inline(s["failure"]),
           Markdown("Scaling needs what a pilot could do without:"), bullets(s["needs"])]
    start = s.get("starting_point")
    if start:
        out += [heading(level + 1, "Where scaling starts", "starting-point"), inline(
            f"The templates assume a pilot that worked, with "
            f"{span_text(start['pilot_active_pct'], '%')} of its users actively using AI and "
            f"seeing measurable benefits, in an organization of "
            f"{span_text(start['headcount'])} people.")]
    return out


def _contrast(c: dict[str, Any], ctx: Ctx, level: int) -> list[Markdown]:
    return [heading(level, c["title"], "contrast"),
            table([inline(c["from_label"]), inline(c["to_label"])],
                  ([r["from"], r["to"]] for r in c["rows"]))]


def _mindset(m: dict[str, Any], ctx: Ctx, level: int) -> list[Markdown]:
    return [heading(level, m["title"], "mindset"), bullets(m["points"])]


def _pdca(steps: list[dict[str, Any]], ctx: Ctx, level: int) -> list[Markdown]:
    svg = cycle([Step(s["title"], s["gist"]) for s in steps],
                "The PDCA cycle: " + ", then ".join(s["title"] for s in steps) + ", and again")
    parts = [heading(level, "The PDCA cycle", "pdca"), svg]
    for s in steps:
        parts += [heading(level + 1, f"{s['title']}: {s['gist']}", f"pdca-{s['id']}"),
                  bullets(s["actions"])]
    return parts


def _matrix(cells: list[dict[str, Any]], ctx: Ctx, level: int) -> list[Markdown]:
    action = {(c["impact"], c["effort"]): c["action"] for c in cells}
    rows = ([f"{LEVEL[impact]} impact", action.get((impact, "low"), ""),
             action.get((impact, "high"), "")] for impact in ("high", "low"))
    return [heading(level, "Impact vs effort", "impact-effort"),
            table(["", "Low effort", "High effort"], rows)]


def _categories(items: list[dict[str, Any]], ctx: Ctx, level: int) -> list[Markdown]:
    return [heading(level, "Kinds of improvement", "improvement-types"),
            table(["Category", "Example", "Typical impact"],
                  ([c["category"], c["example"], IMPACT[c["impact"]]] for c in items))]


def _what_to_scale(w: dict[str, Any], ctx: Ctx, level: int) -> list[Markdown]:
    return [heading(level, "What to scale", "what-to-scale"),
            heading(level + 1, "Signs it will travel", "look-for"), bullets(w["look_for"]),
            heading(level + 1, "Warning signs", "warning-signs"), bullets(w["warning_signs"])]


def _package(parts: list[dict[str, Any]], ctx: Ctx, level: int) -> list[Markdown]:
    packages = ctx.href("success-packages/index.md")
    out = [heading(level, "The success story package", "package"),
           Markdown(f"Every [success package]({packages}) follows these parts, in this order.")]
    for i, p in enumerate(parts, start=1):
        out += [heading(level + 1, f"{i}. {p['title']}", f"package-{p['id']}"),
                bullets(p["questions"])]
    return out


def _assets(items: list[dict[str, Any]], ctx: Ctx, level: int) -> list[Markdown]:
    return [heading(level, "Reusable assets", "assets"),
            table(["Asset", "Purpose", "Format"],
                  ([a["type"], a["purpose"], a["format"]] for a in items))]


def _change_curve(c: dict[str, Any], ctx: Ctx, level: int) -> list[Markdown]:
    rows = ([i, s["title"], s["feeling"], s["what_to_do"]]
            for i, s in enumerate(c["stages"], start=1))
    return [heading(level, "The change curve", "change-curve"),
            table(["", "Stage", "What people feel", "What to do"], rows),
            Markdown(f"**{inline(c['motto'])}**")]


def _stakeholders(items: list[dict[str, Any]], ctx: Ctx, level: int) -> list[Markdown]:
    return [heading(level, "Stakeholder map", "stakeholders"),
            table(["Stakeholder", "Influence", "Support", "Strategy"],
                  ([s["role"], LEVEL[s["influence"]], LEVEL[s["support"]], s["strategy"]]
                   for s in items))]


def _influence(items: list[dict[str, Any]], ctx: Ctx, level: int) -> list[Markdown]:
    return [heading(level, "Ways to persuade", "influence"),
            table(["Approach", "Works with", "Tactics"],
                  ([i["approach"], i["audience"], ", ".join(i["tactics"])] for i in items))]


def _resistance(items: list[dict[str, Any]], ctx: Ctx, level: int) -> list[Markdown]:
    return [heading(level, "Resistance and how to answer it", "resistance"),
            table(["What you hear", "Root cause", "Response"],
                  ([r["pattern"], r["root_cause"], r["response"]] for r in items))]


def _momentum(items: list[str], ctx: Ctx, level: int) -> list[Markdown]:
    return [heading(level, "Building momentum", "momentum"), bullets(items)]


def _groups(title: str, anchor: str) -> Section:
    def render(groups: list[dict[str, Any]], ctx: Ctx, level: int) -> list[Markdown]:
        out = [heading(level, title, anchor)]
        for g in groups:
            out += [heading(level + 1, g["title"], f"{anchor}-{g['id']}"), bullets(g["items"])]
        return out
    return render


SECTIONS: dict[str, Section] = {
    "stakes": _stakes, "contrast": _contrast, "mindset": _mindset, "pdca": _pdca, "matrix": _matrix,
    "categories": _categories, "what_to_scale": _what_to_scale, "package_parts": _package,
    "asset_types": _assets, "change_curve": _change_curve, "stakeholders": _stakeholders,
    "influence": _influence, "resistance": _resistance, "momentum": _momentum,
    "institutionalize": _groups("Making it institutional", "institutionalize"),
    "succession": _groups("Succession planning", "succession"),
}


ACTIVITY_FORM = {"quiz": "Quiz", "written": "Written response", "artifact": "Artifact"}


def activity(data: dict[str, Any] | None, level: int) -> list[Markdown]:
    """The module's hands-on activity at this point, if it sets one (the capstone uses it too)."""
    if not data:
        return []
    return [heading(level, "Your turn", "activity"),
            Markdown(f"**{inline(ACTIVITY_FORM[data['form']])}:** {inline(data['task'])}")]


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    parts = [inline(record.data["summary"])]
    for name, render in SECTIONS.items():
        if name in record.data:
            parts += render(record.data[name], ctx, level)
    parts += activity(record.data.get("activity"), level)
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    return f"**{ctx.link_record(record)}**: {inline(record.data['summary'])}"


def index(ctx: Ctx) -> str:
    page = summary_index(ctx, "practices", "Practices", "Practice")
    aims = [(r, r.data["objective"]) for r in ctx.catalog.ordered("practices")
            if r.data.get("objective")]
    if not aims:
        return page
    objectives = table(["After this module you can", "Practice"],
                       ([aim, ctx.link_record(r)] for r, aim in aims))
    return "\n\n".join([page.rstrip("\n"),
                         heading(2, "The trainer module's objectives", "objectives"),
                         "The trainer track's module on continuous improvement and scaling "
                         "sets these objectives; each practice serves one of them.",
                         objectives]) + "\n"
