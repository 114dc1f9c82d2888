"""The source's own inconsistencies: declared in the record that holds them, and checked.

Any record may list figures of the source that disagree with the source's own inputs or with
another of its statements. Each declaration names the fields that hold the figure (dotted
paths, as problems print them), what the source states, what its own figures give instead,
and why the playbook keeps the stated one::

    discrepancies:
      - id: value-multiple
        fields: [outcomes.value_multiple]
        stated: 10-50 times the pilot's value
        computed: 10-25 times ($2M-5M against $200K)
        keep: The range is the summary's; the figures before it support only its lower part.

A kind registers *relations* (`Kind.relations`): functions that set each stated figure of a
record against what its other fields give, as `Figure`s. `check_discrepancies` then requires:

- every declared field exists in the record;
- every figure that does not hold is declared (a problem at the figure otherwise);
- every declaration covering a computed figure is still real: once all the figures it covers
  agree, the declaration is stale (a problem at the declaration).

A declaration whose fields no relation computes (a contradiction only the prose shows) is
taken as it is; registering a relation that computes one of its fields makes it checkable.
The page shows each declaration as an editor's note in the section holding its first field
(`macros.pages.discrepancies`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from macros.kinds.own import field_list, field_paths, node_path
from macros.problems import Problem
from macros.schema import ID_PATTERN, Schema, dotted
from macros.yamlfile import Document, NodePath

RULE_STALE = "stale-discrepancy"
RULE_FIELD = "discrepancy-field"


@dataclass(frozen=True)
class Figure:
    """A stated figure set against what the record's other fields give."""

    at: NodePath      # the stated figure: a declaration naming it (or a field around it) covers it
    stated: str       # e.g. "outcomes.value_multiple is 50"
    computed: str     # e.g. "value.organization_wide / value.pilot gives 25"
    holds: bool
    spot: NodePath | None = None  # where a mismatch shows, e.g. the end of a range that differs
    rule: str = "figure-mismatch"
    fix: str = "correct the figure"


Relation = Callable[[dict[str, Any]], list[Figure]]


def _text(description: str) -> Schema:
    return {"type": "string", "required": True, "empty": False,
            "meta": {"description": description}}


DISCREPANCIES: Schema = {
    "type": "list", "required": False, "minlength": 1,
    "meta": {"description": "Figures of the source that disagree with its own inputs or with "
                            "another of its statements, kept as the source states them: each "
                            "page shows an editor's note in the section holding the field, and "
                            "`playbook check` reports a declaration once the figures agree "
                            "(optional)."},
    "schema": {"type": "dict", "schema": {
        "id": {"type": "string", "required": True, "regex": ID_PATTERN,
               "meta": {"hint": "use kebab-case, e.g. 'roi-multiple-vs-percent'",
                        "description": "A short kebab-case name for the inconsistency, unique "
                                       "in the record, e.g. 'value-multiple'."}},
        "fields": field_list("The fields holding the figure, by dotted path as problems print "
                             "them, e.g. 'outcomes.value_multiple' or "
                             "'budget.sections[0].lines[0].amount'; the note appears in the "
                             "section of the first one.",
                             "'outcomes.roi_multiple' or 'phases[0].people'"),
        "stated": _text("What the source states, e.g. '10-50 times the pilot's value'."),
        "computed": _text("What the source's own inputs or other statements give instead, "
                          "e.g. '10-25 times ($2M-5M against $200K)'."),
        "keep": _text("Why the playbook keeps the stated figure: shown to readers in the "
                      "editor's note."),
    }},
}


def declarations(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = data.get("discrepancies")
    return found if isinstance(found, list) else []


def covers(field: NodePath, at: NodePath) -> bool:
    """A declared field covers a figure inside it, and a figure covers the parts named."""
    shorter = min(len(field), len(at))
    return field[:shorter] == at[:shorter]


def declared(data: dict[str, Any], at: NodePath) -> dict[str, Any] | None:
    """The declaration covering the figure at `at`, if any."""
    return next((d for d in declarations(data)
                 if any(covers(node_path(f), at) for f in d.get("fields", []))), None)


def checker(relations: tuple[Relation, ...]) -> Callable[[Document], list[Problem]]:
    """The check a kind runs: its relations' figures against the record's declarations."""
    def check_discrepancies(doc: Document) -> list[Problem]:
        return check(doc, [f for relation in relations for f in relation(doc.data)])
    return check_discrepancies


def check(doc: Document, figures: list[Figure]) -> list[Problem]:
    problems = _check_declarations(doc)
    entries = declarations(doc.data)
    covered = [[node_path(f) for f in d.get("fields", [])] for d in entries]
    for figure in figures:
        if figure.holds or any(covers(f, figure.at) for fields in covered for f in fields):
            continue
        problems.append(doc.problem(
            figure.spot or figure.at,
            f"{figure.stated} but {figure.computed}: {figure.fix}, or keep the source's number "
            f"and declare the gap under `discrepancies` with fields: [\"{dotted(figure.at)}\"]",
            figure.rule))
    for i, (entry, fields) in enumerate(zip(entries, covered, strict=True)):
        seen = [f for f in figures if any(covers(field, f.at) for field in fields)]
        if seen and all(f.holds for f in seen):
            problems.append(doc.problem(
                ("discrepancies", i),
                f"discrepancy {entry.get('id')!r} is stale: {seen[0].stated} and "
                f"{seen[0].computed}: they agree now, so delete this declaration", RULE_STALE))
    return problems


def _check_declarations(doc: Document) -> list[Problem]:
    """Each declared field exists (unique ids are checked for every list, in
    macros.kinds.base.check_list_ids)."""
    entries = declarations(doc.data)
    if not entries:
        return []
    known = set(field_paths({k: v for k, v in doc.data.items() if k != "discrepancies"}))
    problems: list[Problem] = []
    for i, entry in enumerate(entries):
        for j, field in enumerate(entry.get("fields", [])):
            if field not in known:
                close = difflib.get_close_matches(field, sorted(known), n=1)
                fix = f"did you mean {close[0]!r}?" if close else \
                    "name a field this record has, by its dotted path"
                problems.append(doc.problem(
                    ("discrepancies", i, "fields", j),
                    f"discrepancy field {field!r} is not in this record: {fix}", RULE_FIELD))
    return problems


def all_declarations(records: Iterator[Any]) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(record, declaration) for every declaration of every record, in catalog order."""
    for record in records:
        for entry in declarations(record.data):
            yield record, entry
