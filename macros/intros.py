"""The opening text of each kind's index page, kept in `data/index-pages.yml` so that program
owners edit it like any record:

    bottlenecks:
      intro: >-
        When scaling slows down, the cause is usually one of a few familiar problems.

The file is loaded with the other data (`macros.catalog.load_catalog`), with the same YAML
reader and problems at `path:line:col`; when it exists it must give every kind an intro. An
intro is data: it reaches the page escaped by `macros.md.paragraphs` (plain text, blank lines
between paragraphs kept) and is never evaluated as a template. A project without the file
shows its index pages without an opening paragraph.
"""

from __future__ import annotations

from macros.files import Entry
from macros.kinds import KINDS
from macros.problems import Problem
from macros.schema import Schema, text, validate
from macros.yamlfile import load_file

INTROS_FILE = "index-pages.yml"   # in the data folder, beside the kinds' folders

INTRO: Schema = {**text(), "meta": {
    "description": "The paragraphs that open the kind's index page, before its list of "
                   "records: plain text (blank lines separate paragraphs)."}}

SCHEMA: Schema = {
    name: {"type": "dict", "required": True, "schema": {"intro": INTRO},
           "meta": {"description": f"The index page of {kind.title}."}}
    for name, kind in KINDS.items()}


def load_intros(entry: Entry) -> tuple[dict[str, str], list[Problem]]:
    """Each kind's intro from the file `entry`, or the problems that keep it from loading
    (then no intro is shown, and `check` fails)."""
    doc, problems = load_file(entry.path, entry.shown)
    if doc is None or problems:
        return {}, problems
    if not isinstance(doc.data, dict):
        return {}, [doc.problem((), f"{INTROS_FILE} must be a YAML mapping with one "
                                "`<kind>: {intro: ...}` entry per kind", "type")]
    problems = validate(doc, SCHEMA)
    if problems:
        return {}, problems
    return {name: doc.data[name]["intro"] for name in KINDS}, []
