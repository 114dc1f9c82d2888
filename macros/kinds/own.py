"""Values that are the playbook's own rather than the source's, marked as such in the record.

Any record may list them under `own`, each entry naming the fields it covers by their dotted
path (as problems print them: `signals.size`, `go_no_go`, `targets[2].value_per_month`) and
saying why the playbook adds them::

    own:
      - fields: [signals.size, signals.pilot]
        why: The source gives neither; we take them from the worked example this scenario
          follows.

In a `[...]` list, quote a path with an index (`['go_no_go[0]', focus]`): YAML reads a bare
`[` there as the start of another list.

`check_own` makes sure each named field exists (a renamed or deleted field must not leave a
stale mark behind) and is marked once; the page shows the reason as "Our addition" at the
section of the first field named, placed after rendering like every editor's note
(`macros.pages.discrepancies.place`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from macros.problems import Problem
from macros.schema import Schema
from macros.yamlfile import Document, NodePath

FIELD_PATH = r"^[a-z_][a-z0-9_]*(\[[0-9]+\]|\.[a-z_][a-z0-9_]*)*$"


def field_list(description: str, example: str) -> Schema:
    """A note's `fields`: this record's fields by dotted path, the first one placing the note
    (shared by `own` and `discrepancies`)."""
    return {"type": "list", "required": True, "minlength": 1,
            "meta": {"description": description},
            "schema": {"type": "string", "regex": FIELD_PATH,
                       "meta": {"hint": f"write a dotted path such as {example}",
                                "description": "One field of this record, by dotted path."}}}
_PART = re.compile(r"\[([0-9]+)\]|\.?([a-z_][a-z0-9_]*)")

OWN: Schema = {
    "type": "list", "required": False, "minlength": 1,
    "meta": {"description": "Values of this record that are the playbook's own addition, not "
                            "the source's, each group with the reason it was added: the page "
                            "shows them as ours (optional)."},
    "schema": {"type": "dict", "schema": {
        "fields": field_list("The fields the addition covers, by dotted path as problems print "
                             "them, e.g. 'signals.size' or 'targets[2].value_per_month'; the "
                             "page shows the reason at the section of the first one.",
                             "'signals.size' or 'go_no_go[0].threshold_pct'"),
        "why": {"type": "string", "required": True, "empty": False,
                "meta": {"description": "Why the playbook adds it although the source does "
                                        "not say it: shown to readers beside the value."}},
    }},
}


def node_path(field: str) -> NodePath:
    """'targets[2].value_per_month' -> ('targets', 2, 'value_per_month')."""
    return tuple(int(index) if index else name for index, name in _PART.findall(field))


def field_paths(value: Any, at: str = "") -> Iterator[str]:
    """The dotted path of every field and list item under `value`."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{at}.{key}" if at else str(key)
            yield path
            yield from field_paths(item, path)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield f"{at}[{i}]"
            yield from field_paths(item, f"{at}[{i}]")


def check_own(doc: Document) -> list[Problem]:
    """Each field an `own` entry names exists in the record, and is named only once."""
    entries = doc.data.get("own")
    if not isinstance(entries, list):
        return []
    rest = {key: value for key, value in doc.data.items() if key != "own"}
    known = set(field_paths(rest))
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for i, entry in enumerate(entries):
        for j, field in enumerate(entry.get("fields", [])):
            at = ("own", i, "fields", j)
            if field not in known:
                close = difflib.get_close_matches(field, sorted(known), n=1)
                fix = f"did you mean {close[0]!r}?" if close else \
                    "name a field this record has, by its dotted path"
                problems.append(doc.problem(at, f"own field {field!r} is not in this record: "
                                            f"{fix}", "own-field"))
            elif field in first:
                problems.append(doc.problem(at, f"own field {field!r} is already marked by "
                                            f"own[{first[field]}]: name it once", "own-field"))
            else:
                first[field] = i
    return problems
