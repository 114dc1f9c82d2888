"""Bottleneck fixes: what slows scaling down, how to spot it and how to clear it.

A valid record (`data/bottlenecks/champion-burnout.yml`)::

    id: champion-burnout
    title: Champions burning out
    order: 4
    symptom: Champions say they are swamped and some talk about stepping down.
    cause: The help they are asked for has outgrown the hours they have.
    fixes:
      - Thank them in public and reward the work.
    sub_problems:                    # optional
      - problem: The tool does not fit their role.
        fix: Rewrite the use cases for that role.
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.schema import basic_docs, described, identifier, integer, records, text, texts

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(required=False),
    "symptom": text(),
    "cause": text(),
    "fixes": texts(),
    "sub_problems": records({"problem": text(), "fix": text()}, required=False),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("bottleneck"),
    "summary": "What the problem is, in a sentence, shown under the title (optional).",
    "symptom": "What you notice when this bottleneck hits: the line people recognize it by.",
    "cause": "What usually causes it.",
    "fixes": "How to clear it, one fix per item.",
    "sub_problems": "More specific causes, each with its own fix (optional).",
    "sub_problems.problem": "The more specific cause.",
    "sub_problems.fix": "What to do about it.",
})

KIND = Kind(name="bottlenecks", title="Bottleneck fixes", singular="bottleneck", schema=SCHEMA)
