"""The Year 2+ roadmap: how AI use evolves once the organization has scaled.

A valid record (`data/roadmap/year-2.yml`)::

    id: year-2
    title: Optimize and go further
    year: 2
    summary: Tune what works and start on more advanced uses.
    themes:
      - Move from general models to specialised ones.
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.schema import basic_docs, described, identifier, integer, text, texts

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "year": integer(minimum=1),
    "summary": text(),
    "themes": texts(),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("roadmap year", ordered=False),
    "year": "Which year after the start this is (1 is the first); years are listed in this "
            "order.",
    "summary": "What the year is about, in a sentence.",
    "themes": "The year's themes, one per item.",
})

KIND = Kind(name="roadmap", title="Year 2+ roadmap", singular="roadmap year", schema=SCHEMA,
            order_key="year")
