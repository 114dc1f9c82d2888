"""Pages for scaling stages; the index shows the whole ladder with the typical failure."""

from __future__ import annotations

from typing import Any

from macros.catalog import Record
from macros.md import bullets, heading, inline, money_span, span_text, table
from macros.pages.context import Ctx
from macros.pages.figures import pct

DIFFICULTY = {"easy": "Easy", "harder": "Harder", "much-harder": "Much harder",
              "hardest": "Hardest"}


def size(data: dict[str, Any]) -> str:
    shown = []
    if data.get("people"):
        shown.append(f"{span_text(data['people'])} people")
    if data.get("adoption_pct"):
        shown.append(f"{pct(data['adoption_pct'])} of the organization")
    return ", ".join(shown)


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    return "\n\n".join([
        table(["Size", "Difficulty"], [[size(d), DIFFICULTY[d["difficulty"]]]]),
        heading(level, "Who you are dealing with", "who"), inline(d["who"]),
        heading(level, "What shapes this stage", "forces"), bullets(d["forces"]),
        f"[All stages]({ctx.href('stages/index.md', 'ladder')})",
    ])


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    return f"**{ctx.link_record(record)}** ({inline(size(d))}): {inline(d['who'])}"


def index(ctx: Ctx) -> str:
    rows = ([ctx.link_record(r), size(r.data), DIFFICULTY[r.data["difficulty"]],
             r.data["who"]] for r in ctx.catalog.ordered("stages"))
    parts = ["# Scaling stages",
             ctx.intro("stages"),
             heading(2, "The ladder", "ladder"),
             table(["Stage", "Size", "Difficulty", "Who you are dealing with"], rows)]
    for bench in ctx.catalog.ordered("benchmarks"):
        fail, out = bench.data["failure"], bench.data["outcomes"]
        parts += [heading(2, "Where it usually goes wrong", "typical-failure"),
                  inline(f"The typical failure is a programme stuck at {pct(fail['stuck_pct'])} "
                         f"adoption that never wins the majority, with "
                         f"{money_span(fail['wasted'])} of investment wasted."),
                  inline(f"Organizations that scale well reach {pct(out['adoption_pct'])} "
                         f"adoption and see a {span_text(out['roi_multiple'])}x return;")
                  + " " + str(ctx.link_record(bench, "outcomes")) + " has the figures."]
    return "\n\n".join(parts) + "\n"
