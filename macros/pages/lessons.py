"""Pages for lessons, followed by every template's success checklist."""

from __future__ import annotations

from macros.catalog import Record
from macros.md import Markdown, checklist, heading, inline, table
from macros.pages.context import Ctx, summary_index


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    parts = [inline(d["summary"])]
    for lesson in d["lessons"]:
        parts += [heading(level, lesson["title"], f"lesson-{lesson['id']}"),
                  inline(lesson["point"])]
        if lesson.get("templates"):
            links = ", ".join(ctx.link_to("templates", t) for t in lesson["templates"])
            parts.append(Markdown(f"*See:* {links}"))
    if d.get("exercises"):
        rows = ([f"{e['number']}. {e['title']}", e["objective"],
                 f"{e['minutes']} min" if "minutes" in e else "not stated"]
                for e in d["exercises"])
        parts += [heading(level, "The exercises behind these lessons", "exercises"),
                  table(["Exercise", "What it sets out to do", "Time"], rows)]
    parts += [heading(level, "Success checklists of each template", "success-checklists"),
              inline("Each template ends with the checks that tell you it worked.")]
    for template in ctx.catalog.ordered("templates"):
        parts += [heading(level + 1, template.data["title"], f"checklist-{template.id}"),
                  checklist(template.data["success_checklist"],
                            f"templates.{template.id}.success-checklist"),
                  Markdown(f"From {ctx.link_record(template, 'success-checklist')}.")]
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    rows = ([lesson["title"], lesson["point"]] for lesson in record.data["lessons"])
    return f"**{ctx.link_record(record)}**\n\n" + table(["Lesson", "In short"], rows)


def index(ctx: Ctx) -> str:
    return summary_index(ctx, "lessons", "Lessons", "Lessons")
