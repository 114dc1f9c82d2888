"""Practices: the trainer track's tools for improving, packaging and sustaining a programme.

A record is one topic page built from typed sections; each section is optional, but a record
needs at least one. Sections (each shown under a fixed anchor, e.g. `#pdca`):

- `contrast`: two columns set against each other (`title`, `from_label`, `to_label`, `rows`)
- `mindset`: a shift in thinking (`title`, `points`)
- `pdca`: the plan / do / check / act steps, drawn as a cycle
- `matrix`: impact x effort, one `action` per cell
- `categories`: kinds of improvement with an example and typical impact
- `what_to_scale`: `look_for` and `warning_signs`
- `package_parts`: the parts of a success story package (the same five parts, in the same
  order, as the success-packages kind)
- `asset_types`, `change_curve`, `stakeholders`, `influence`, `resistance`, `momentum`,
  `institutionalize`, `succession`

A valid record, shortened (`data/practices/continuous-improvement.yml`)::

    id: continuous-improvement
    title: Continuous improvement
    order: 2
    summary: Improve the programme in small, measured cycles.
    pdca:
      - {id: plan, title: Plan, gist: Set a goal and a guess, actions: [Read the metrics]}
      - {id: do, title: Do, gist: Try it small, actions: [Change one thing]}
      - {id: check, title: Check, gist: Measure, actions: [Compare with the baseline]}
      - {id: act, title: Act, gist: Keep or retry, actions: [Roll out what worked]}
    matrix:
      - {impact: high, effort: low, action: Do first}
      - {impact: high, effort: high, action: Plan carefully}
      - {impact: low, effort: low, action: Do if easy}
      - {impact: low, effort: high, action: Skip}

Checks beyond the schema: at least one section; PDCA steps are plan, do, check, act in that
order; the matrix and the stakeholder map have exactly one cell per combination; package parts
match the success-packages kind; ids inside a section are unique.
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.kinds.common import check_grid, check_unique_ids
from macros.kinds.success_packages import SCHEMA as PACKAGE_SCHEMA
from macros.problems import Problem
from macros.schema import identifier, integer, mapping, records, text, texts
from macros.yamlfile import Document

LEVELS = ["high", "low"]
EFFORTS = ["low", "high"]
IMPACTS = ["low", "low-medium", "medium", "medium-high", "high"]
PDCA = ["plan", "do", "check", "act"]
# The parts of a success package: the mapping fields of the success-packages kind, in order.
PACKAGE_PARTS = [name.replace("_", "-") for name, rules in PACKAGE_SCHEMA.items()
                 if rules.get("type") == "dict"]


def _level(values: list[str]) -> dict[str, object]:
    return {"type": "string", "required": True, "allowed": values}


def _groups() -> dict[str, object]:
    return records({"id": identifier(), "title": text(), "items": texts()}, required=False)


SECTIONS = {
    "contrast": mapping({"title": text(), "from_label": text(), "to_label": text(),
                         "rows": records({"from": text(), "to": text()})}, required=False),
    "mindset": mapping({"title": text(), "points": texts()}, required=False),
    "pdca": records({"id": _level(PDCA), "title": text(), "gist": text(),
                     "actions": texts()}, required=False),
    "matrix": records({"impact": _level(LEVELS), "effort": _level(EFFORTS),
                       "action": text()}, required=False),
    "categories": records({"category": text(), "example": text(),
                           "impact": _level(IMPACTS)}, required=False),
    "what_to_scale": mapping({"look_for": texts(), "warning_signs": texts()}, required=False),
    "package_parts": records({"id": identifier(), "title": text(), "questions": texts()},
                             required=False),
    "asset_types": records({"type": text(), "purpose": text(), "format": text()},
                           required=False),
    "change_curve": mapping({
        "stages": records({"id": identifier(), "title": text(), "feeling": text(),
                           "what_to_do": text()}),
        "motto": text(),
    }, required=False),
    "stakeholders": records({"role": text(), "influence": _level(LEVELS),
                             "support": _level(LEVELS), "strategy": text()}, required=False),
    "influence": records({"approach": text(), "audience": text(), "tactics": texts()},
                         required=False),
    "resistance": records({"pattern": text(), "root_cause": text(), "response": text()},
                          required=False),
    "momentum": texts(required=False),
    "institutionalize": _groups(),
    "succession": _groups(),
}

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    **SECTIONS,
}


def check_sections(doc: Document) -> list[Problem]:
    data = doc.data
    if not any(name in data for name in SECTIONS):
        return [doc.problem((), f"a practice needs at least one section: add one of "
                            f"{', '.join(SECTIONS)}", "required")]
    problems: list[Problem] = []
    if "pdca" in data and [s["id"] for s in data["pdca"]] != PDCA:
        problems.append(doc.problem(("pdca",), "the PDCA steps must be plan, do, check, act, "
                                    "once each and in that order", "pdca-order"))
    if "matrix" in data:
        problems += check_grid(doc, ("matrix",), ("impact", "effort"), (LEVELS, EFFORTS),
                               "the impact/effort matrix")
    if "stakeholders" in data:
        problems += check_grid(doc, ("stakeholders",), ("influence", "support"),
                               (LEVELS, LEVELS), "the stakeholder map")
    if "package_parts" in data and [p["id"] for p in data["package_parts"]] != PACKAGE_PARTS:
        problems.append(doc.problem(("package_parts",), "the package parts must be "
                                    f"{', '.join(PACKAGE_PARTS)}, in that order, like the "
                                    "success-packages kind", "package-parts"))
    for name in ("institutionalize", "succession"):
        problems += check_unique_ids(doc, (name,))
    if "change_curve" in data:
        problems += check_unique_ids(doc, ("change_curve", "stages"))
    return problems


KIND = Kind(name="practices", title="Practices", singular="practice", schema=SCHEMA,
            checks=(check_sections,))
