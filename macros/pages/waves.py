"""Pages for rollout waves."""

from __future__ import annotations

from macros.catalog import Record
from macros.md import Markdown, checklist, heading, inline, raw_bullets, span_text, table
from macros.pages.context import Ctx


def page(record: Record, ctx: Ctx) -> str:
    parts = [f"# {inline(record.data['title'])}", body(record, ctx, level=2)]
    used = [(t, p) for t in ctx.catalog.ordered("templates") for p in t.data["phases"]
            if record.id in p.get("waves", [])]
    if used:
        parts += [heading(2, "Where the templates schedule it", "in-templates"),
                  raw_bullets(Markdown(f"{ctx.link_record(t, 'phase-' + p['id'])}: "
                              f"{inline(p['title'])} (months {span_text(p['months'])})")
                              for t, p in used)]
    return "\n\n".join(parts) + "\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    facts = table(["Functions", "Share of the organization", "Weeks", "Adoption afterwards"],
                  [[", ".join(d["functions"]), span_text(d["share_pct"], "%"),
                    span_text(d["weeks"]), span_text(d["outcome_adoption_pct"], "%")]])
    parts = [facts,
             heading(level, "Focus", "focus"), inline(d["focus"]),
             heading(level, "Message to this wave", "message"), inline(d["message"])]
    if d.get("strategy"):
        parts += [heading(level, "Strategy", "strategy"), inline(d["strategy"])]
    parts += [heading(level, "Outcome", "outcome"), inline(d["outcome"]),
              heading(level, "Go/no-go criteria", "go-no-go"),
              checklist(_criterion(c) for c in d["go_no_go"])]
    if d.get("decision_rule"):
        parts.append(Markdown(f"*Decision:* {inline(d['decision_rule'])}"))
    return "\n\n".join(parts)


def _criterion(c: dict[str, object]) -> str:
    threshold = c.get("threshold_pct")
    return f"{c['criterion']} (at least {threshold:g}%)" if isinstance(
        threshold, int | float) else str(c["criterion"])


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    return "\n".join([f"**{ctx.link_record(record)}**: {inline(', '.join(d['functions']))}, "
                      f"{span_text(d['share_pct'], '%')} of the organization", "",
                      checklist(_criterion(c) for c in d["go_no_go"])])


def index(ctx: Ctx) -> str:
    rows = ([ctx.link_record(r), ", ".join(r.data["functions"]),
             span_text(r.data["share_pct"], "%"), span_text(r.data["weeks"]),
             span_text(r.data["outcome_adoption_pct"], "%")]
            for r in ctx.catalog.ordered("waves"))
    return "\n\n".join([
        "# Rollout waves",
        "The organization joins in waves: the functions with the clearest wins first, the "
        "hesitant last. Each wave ends with a go/no-go check before the next one starts.",
        table(["Wave", "Functions", "Share", "Weeks", "Adoption afterwards"], rows),
    ]) + "\n"
