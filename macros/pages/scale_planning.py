"""Pages for support capacity: the inputs, the weekly cost, and the sums behind it."""

from __future__ import annotations

from typing import Any

from macros.catalog import Record
from macros.kinds.discrepancies import declared
from macros.kinds.scale_planning import computed
from macros.md import bullets, heading, inline, money, span_text, table
from macros.pages.context import Ctx
from macros.pages.figures import thousands


def _beside(d: dict[str, Any], figure: str, worked: dict[str, dict[str, float]]) -> str:
    """The stated figure, with the computed one beside it when the record notes a gap."""
    shown = span_text(d[figure])
    if declared(d, (figure,)):
        shown += f" (its inputs give {span_text(worked[figure])}; see the editor's note)"
    return shown


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    users = d["reference_users"]
    worked = computed(d)
    hours = d["hours_per_champion_per_week"]
    parts = [inline(d["summary"]),
             heading(level, f"Support for {users:,} users", "capacity"),
             table(["Figure", "Value"], [
                 ["Users", f"{users:,}"],
                 ["Users per champion", span_text(d["users_per_champion"])],
                 ["Champions needed", _beside(d, "champions", worked)],
                 ["Hours per champion each week", span_text(hours)],
                 ["Champion hours each week, in total",
                  _beside(d, "champion_hours_per_week", worked)],
             ]),
             heading(level, "Weekly cost", "weekly-cost"),
             table(["Item", "How it is worked out", "Per week"], [
                 ["Champions", f"{span_text(d['champions'])} champions × {hours['max']:g} "
                  f"hours × {money(d['hourly_rate'])} an hour = "
                  f"{span_text(worked['stated_champion_cost_per_week'], fmt=money)}",
                  thousands(d["stated_champion_cost_per_week"])],
                 ["AI lead's time", "", thousands(d["lead_cost_per_week"])],
                 ["Tools and platforms", "", thousands(d["tools_cost_per_week"])],
                 ["Total", "", thousands(d["stated_total_per_week"])],
             ]),
             inline(f"In total, supporting {users:,} users costs "
                    f"{thousands(d['stated_total_per_week'])} a week."),
             heading(level, "Rules of thumb for champions", "rules-of-thumb"),
             table(["Rule", f"For {users:,} people"], [
                 [f"{span_text(d['champions_per_50_people'])} champions for every 50 people",
                  span_text({k: v * users / 50 for k, v in d["champions_per_50_people"].items()})],
                 [f"Champions make up {span_text(d['champion_share_pct'], '%')} of the "
                  "organization",
                  span_text({k: v * users / 100 for k, v in d["champion_share_pct"].items()})],
             ])]
    if d.get("notes"):
        parts.append(bullets(d["notes"]))
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    return (f"**{ctx.link_record(record)}**: "
            + inline(f"{span_text(d['champions'])} champions and "
                     f"{thousands(d['stated_total_per_week'])} a week for "
                     f"{d['reference_users']:,} users."))


def index(ctx: Ctx) -> str:
    rows = ([ctx.link_record(r), f"{r.data['reference_users']:,}",
             span_text(r.data["champions"]), thousands(r.data["stated_total_per_week"])]
            for r in ctx.catalog.ordered("scale-planning"))
    return "\n\n".join([
        "# Support capacity",
        ctx.intro("scale-planning"),
        table(["Plan", "Users", "Champions", "Cost a week"], rows),
    ]) + "\n"
