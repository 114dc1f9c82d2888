"""Checklists: groups of items to tick off before a step, e.g. infrastructure before scaling.

A valid record (`data/checklists/infrastructure.yml`)::

    id: infrastructure
    title: Infrastructure ready for scale
    order: 1
    summary: Make sure systems cope with ten to a hundred times more users.
    groups:
      - id: tools
        title: Tools
        items: [Licences for 80% of staff]

Checks beyond the schema: group ids are unique (they are the sections' anchors).
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.schema import basic_docs, described, identifier, integer, records, text, texts

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "groups": records({"id": identifier(), "title": text(), "items": texts()}),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("checklist"),
    "summary": "What the checklist makes sure of, in a sentence.",
    "groups": "The checklist's groups of items, each under its own heading.",
    "groups.id": "The group's id, in kebab-case: the anchor of its section, unique in the "
                 "checklist.",
    "groups.title": "The group's heading.",
    "groups.items": "The things to tick off, one per item.",
})


KIND = Kind(name="checklists", title="Checklists", singular="checklist", schema=SCHEMA)
