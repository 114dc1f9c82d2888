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
    exercises:                              # optional: the exercises the lessons come from
      - {number: 1, title: Pick a template, objective: Choose a pace that fits., minutes: 5}

Checks beyond the schema: lesson ids are unique (they are the anchors on the page), and the
exercises are numbered 1, 2, 3, ... in order.
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.problems import Problem
from macros.schema import basic_docs, described, identifier, integer, records, ref_list, text
from macros.yamlfile import Document

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "lessons": records({"id": identifier(), "title": text(), "point": text(),
                        "templates": ref_list("templates")}),
    "exercises": records({"number": integer(minimum=1), "title": text(), "objective": text(),
                          "minutes": integer(minimum=1, required=False)}, required=False),
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
    "exercises": "The exercises the lessons are drawn from, in order (optional).",
    "exercises.number": "The exercise's number: 1 for the first, then one more each time.",
    "exercises.title": "The exercise's name.",
    "exercises.objective": "What the exercise sets out to achieve, in a sentence.",
    "exercises.minutes": "How long the exercise is meant to take, in minutes (optional: not "
                         "every exercise states it).",
})


def check_exercise_numbers(doc: Document) -> list[Problem]:
    for i, exercise in enumerate(doc.data.get("exercises", []), start=1):
        if exercise["number"] != i:
            return [doc.problem(("exercises", i - 1, "number"), f"exercise {i} is numbered "
                                f"{exercise['number']}: number the exercises 1, 2, 3, ... "
                                "in order", "exercise-numbers")]
    return []


KIND = Kind(name="lessons", title="Lessons", singular="lesson set", schema=SCHEMA,
            checks=(check_exercise_numbers,))
