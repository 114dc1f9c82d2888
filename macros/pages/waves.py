"""Pages for rollout waves."""

from __future__ import annotations

from macros.catalog import Record
from macros.md import (
    Markdown,
    checklist,
    heading,
    inline,
    months,
    raw_bullets,
    slug,
    span_text,
    table,
)
from macros.pages.context import Ctx


def page(record: Record, ctx: Ctx) -> str:
    parts = [f"# {inline(record.data['title'])}", body(record, ctx, level=2)]
    used = [(t, p) for t in ctx.catalog.ordered("templates") for p in t.data["phases"]
            if record.id in p.get("waves", [])]
    if used:
        parts += [heading(2, "Where the templates schedule it", "in-templates"),
                  inline("The source does not link its templates to these waves; which phase "
                         "matches which wave is the playbook's own reading."),
                  raw_bullets(Markdown(f"{ctx.link_record(t, 'phase-' + p['id'])}: "
                              f"{inline(p['title'])} ({months(p['months']).lower()})")
                              for t, p in used)]
    return "\n\n".join(parts) + "\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    facts = table(["Functions", "Share of the organization", "Weeks", "Adoption afterwards"],
                  [[", ".join(d["functions"]), span_text(d["share_pct"], "%"),
                    span_text(d["weeks"]), span_text(d.get("outcome_adoption_pct"), "%")]])
    parts = [facts, heading(level, "Focus", "focus"), inline(d["focus"]),
             heading(level, "Message to this wave", "message"),
             inline(d.get("message") or "The source gives no message for this wave.")]
    if d.get("strategy"):
        parts += [heading(level, "Strategy", "strategy"), inline(d["strategy"])]
    parts += [heading(level, "Outcome", "outcome"), inline(d["outcome"]),
              heading(level, "Go/no-go criteria", "go-no-go"),
              go_no_go(record) if d.get("go_no_go") else
              inline("The source sets no go/no-go check for this wave.")]
    if d.get("decision_rule"):
        parts.append(Markdown(f"*Decision:* {inline(d['decision_rule'])}"))
    return "\n\n".join(part for part in parts if part)


def go_no_go(record: Record) -> Markdown:
    items = ((slug(c["criterion"]), _criterion(c)) for c in record.data.get("go_no_go", []))
    return checklist(items, f"waves.{record.id}.go-no-go")


def _criterion(c: dict[str, object]) -> str:
    threshold = c.get("threshold_pct")
    return f"{c['criterion']} (at least {threshold:g}%)" if isinstance(
        threshold, int | float) else str(c["criterion"])


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    return "\n".join([f"**{ctx.link_record(record)}**: {inline(', '.join(d['functions']))}, "
                      f"{span_text(d['share_pct'], '%')} of the organization", "",
                      go_no_go(record)])


def index(ctx: Ctx) -> str:
    rows = ([ctx.link_record(r), ", ".join(r.data["functions"]),
             span_text(r.data["share_pct"], "%"), span_text(r.data["weeks"]),
             span_text(r.data.get("outcome_adoption_pct"), "%")]
            for r in ctx.catalog.ordered("waves"))
    return "\n\n".join([
        "# Rollout waves",
        ctx.intro("waves"),
        table(["Wave", "Functions", "Share", "Weeks", "Adoption afterwards"], rows),
    ]) + "\n"
