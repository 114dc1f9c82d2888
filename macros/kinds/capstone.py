"""The trainer capstone: the weighted parts of the final assignment and the teach-back.

A valid record, shortened (`data/capstone/trainer-capstone.yml`)::

    id: trainer-capstone
    title: Trainer certification capstone
    order: 1
    summary: Show you can design, run, measure and scale AI training.
    parts:
      - id: training-design
        title: Training design
        weight_pct: 100
        task: Design a full AI training programme for one audience.
        includes: [Audience analysis]
    teach_back:
      minutes: 15
      task: Run a short live session.
      criteria: [Accuracy and depth of the content]

Checks beyond the schema: the parts' weights add up to exactly 100%, and part ids are unique.
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.kinds.practices import ACTIVITY_DOCS, activity
from macros.problems import Problem
from macros.schema import (
    basic_docs,
    described,
    identifier,
    integer,
    mapping,
    percent,
    records,
    text,
    texts,
)
from macros.yamlfile import Document

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "parts": records({"id": identifier(), "title": text(), "weight_pct": percent(),
                      "task": text(), "includes": texts()}),
    "teach_back": mapping({"minutes": integer(minimum=1), "task": text(),
                           "criteria": texts()}),
    "activity": activity(),
    "afterwards": mapping({
        "practitioner": texts(),
        "trainer": texts(),
        "mission": text(),
        "keep_going": texts(),
    }, required=False),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("capstone"),
    "summary": "What the capstone asks of a trainer, in a sentence or two.",
    "parts": "The written parts of the final assignment, with their weights.",
    "parts.id": "The part's id, in kebab-case, unique in the capstone.",
    "parts.title": "The part's name.",
    "parts.weight_pct": "The part's weight in the final grade, in percent; the weights of all "
                        "parts add up to 100.",
    "parts.task": "What the trainer has to produce.",
    "parts.includes": "What the part must cover, one item each.",
    "teach_back": "The live teach-back session.",
    "teach_back.minutes": "How long the session lasts, in minutes.",
    "teach_back.task": "What the trainer does in the session.",
    "teach_back.criteria": "What the session is judged on, one criterion per item.",
    **ACTIVITY_DOCS,
    "afterwards": "What a trainer who has finished both tracks can do, and how to go on "
                  "(optional).",
    "afterwards.practitioner": "What they can do as a practitioner, one skill per item.",
    "afterwards.trainer": "What they can do as a trainer, one skill per item.",
    "afterwards.mission": "The trainer's role in the organization from now on, in a sentence "
                          "or two.",
    "afterwards.keep_going": "How to keep learning after the course, one habit per item.",
})


def check_weights(doc: Document) -> list[Problem]:
    parts = doc.data["parts"]
    total = sum(p["weight_pct"] for p in parts)
    problems: list[Problem] = []
    if abs(total - 100) > 1e-9:
        shown = " + ".join(f"{p['weight_pct']:g}" for p in parts)
        problems.append(doc.problem(("parts",), f"the parts' weights add up to {shown} = "
                                    f"{total:g}%, not 100%: correct a weight", "weights-sum"))
    return problems


KIND = Kind(name="capstone", title="Trainer capstone", singular="capstone", schema=SCHEMA,
            checks=(check_weights,))
