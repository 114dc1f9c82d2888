"""Scaling stages: the steps from a pilot to the whole organization, and how hard each is.

A valid record (`data/stages/expand.yml`)::

    id: expand
    title: Expand
    order: 2
    people: {min: 50, max: 50}         # or adoption_pct: {min: 80} for the last stage
    difficulty: harder
    who: Early adopters now work next to people who doubt the tool.
    forces: [A mix of keen and sceptical users]

Checks beyond the schema: a stage gives its size as `people`, `adoption_pct` or both.
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.problems import Problem
from macros.schema import basic_docs, described, identifier, integer, percent, span, text, texts
from macros.yamlfile import Document

DIFFICULTY = ["easy", "harder", "much-harder", "hardest"]

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "people": span(integer(minimum=1), required=False, open_ended=True),
    "adoption_pct": span(percent(), required=False, open_ended=True),
    "difficulty": {"type": "string", "required": True, "allowed": DIFFICULTY},
    "who": text(),
    "forces": texts(),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("stage"),
    "people": "How many people the stage involves; give people, adoption_pct or both "
              "(optional).",
    "adoption_pct": "The share of the organization the stage involves, in percent; give "
                    "people, adoption_pct or both (optional).",
    "difficulty": "How hard the stage is, compared with the others.",
    "who": "Who you are dealing with at this stage, in a sentence or two.",
    "forces": "What shapes the stage, one item each.",
})


def check_size(doc: Document) -> list[Problem]:
    if "people" in doc.data or "adoption_pct" in doc.data:
        return []
    return [doc.problem((), "a stage needs a size: add `people: {min: .., max: ..}` or "
                        "`adoption_pct: {min: ..}`", "required")]


KIND = Kind(name="stages", title="Scaling stages", singular="stage", schema=SCHEMA,
            checks=(check_size,))
