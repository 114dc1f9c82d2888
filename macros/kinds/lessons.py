"""Lessons: what the scaling exercises teach, each linked to the templates it draws on.

A valid record (`data/lessons/scaling-lessons.yml`)::

    id: scaling-lessons
    title: What scaling teaches
    order: 1
    summary: Five lessons to keep in mind whatever template you choose.
    lessons:
      - id: speed-costs
        title: Speed has a price
        point: The faster templates cost more and carry more risk.
        templates: [rapid, organic]         # optional references

Checks beyond the schema: lesson ids are unique (they are the anchors on the page).
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.schema import basic_docs, described, identifier, integer, records, ref_list, text

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "lessons": records({"id": identifier(), "title": text(), "point": text(),
                        "templates": ref_list("templates")}),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("lesson set"),
    "summary": "What the lessons are about, in a sentence.",
    "lessons": "The lessons, in order.",
    "lessons.id": "The lesson's id, in kebab-case: its anchor on the page, unique in the set.",
    "lessons.title": "The lesson's heading.",
    "lessons.point": "What the lesson teaches, in a sentence or two.",
    "lessons.templates": "The ids of the templates (data/templates/) the lesson draws on "
                         "(optional).",
})


KIND = Kind(name="lessons", title="Lessons", singular="lesson set", schema=SCHEMA)
