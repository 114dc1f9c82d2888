"""Practices: the trainer track's tools for improving, packaging and sustaining a programme.

A record is one topic page built from typed sections; each section is optional, but a record
needs at least one. Sections (each shown under a fixed anchor, e.g. `#pdca`):

- `stakes`: where scaling fails, what it needs, and the situation it starts from
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
from macros.kinds.common import check_grid
from macros.kinds.success_packages import SCHEMA as PACKAGE_SCHEMA
from macros.problems import Problem
from macros.schema import (
    basic_docs,
    described,
    identifier,
    integer,
    mapping,
    percent,
    records,
    span,
    text,
    texts,
)
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


# The forms a module's hands-on activity takes; the page names each one.
ACTIVITY_FORMS = ["quiz", "written", "artifact"]


def activity() -> dict[str, object]:
    """An optional hands-on activity: shared with the capstone kind, which ends with one."""
    return mapping({"form": _level(ACTIVITY_FORMS), "task": text()}, required=False)


ACTIVITY_DOCS = {
    "activity": "The hands-on activity the module sets at this point (optional).",
    "activity.form": "Its form: a quiz, a written response or an artifact to produce.",
    "activity.task": "What the learner does, in a sentence.",
}


def _groups() -> dict[str, object]:
    return records({"id": identifier(), "title": text(), "items": texts()}, required=False)


SECTIONS = {
    "stakes": mapping({
        "failure": text(),
        "needs": texts(),
        "starting_point": mapping({
            "pilot_active_pct": span(percent(), open_ended=True),
            "headcount": span(integer(minimum=1), open_ended=True),
        }, required=False),
    }, required=False),
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
    "objective": text(required=False),
    "activity": activity(),
    **SECTIONS,
}

SCHEMA = described(SCHEMA, {
    **basic_docs("practice"),
    "summary": "What the practice is about, in a sentence or two.",
    "objective": "The objective of the trainer module this practice serves, in a sentence: "
                 "the practices index lists them as the module's objectives (optional).",
    **ACTIVITY_DOCS,
    "stakes": "Section: what is at stake in the step from pilot to organization (optional).",
    "stakes.failure": "Where and how scaling programmes most often fail.",
    "stakes.needs": "What scaling needs that a pilot did not, one per item.",
    "stakes.starting_point": "The situation the templates start from (optional).",
    "stakes.starting_point.pilot_active_pct": "The share of the pilot's users actively using "
                                              "AI, in percent.",
    "stakes.starting_point.headcount": "How many people the organization to scale to has.",
    "contrast": "Section: two columns set against each other, e.g. pilot against scale "
                "(optional).",
    "contrast.title": "The section's heading.",
    "contrast.from_label": "The heading of the left column, e.g. 'In the pilot'.",
    "contrast.to_label": "The heading of the right column, e.g. 'At scale'.",
    "contrast.rows": "The rows of the table.",
    "contrast.rows.from": "The left column's text.",
    "contrast.rows.to": "The right column's text.",
    "mindset": "Section: a shift in thinking (optional).",
    "mindset.title": "The section's heading.",
    "mindset.points": "The points of the shift, one per item.",
    "pdca": ("PDCA cycle", "Section: the plan, do, check and act steps, once each and in that "
             "order, drawn as a cycle (optional)."),
    "pdca.id": "Which step this is.",
    "pdca.title": "The step's name, e.g. 'Plan'.",
    "pdca.gist": "The step in a few words, shown in the cycle drawing.",
    "pdca.actions": "What to do in the step, one action per item.",
    "matrix": "Section: the impact/effort matrix, one action for each combination (optional).",
    "matrix.impact": "The cell's impact.",
    "matrix.effort": "The cell's effort.",
    "matrix.action": "What to do with improvements of that impact and effort.",
    "categories": "Section: kinds of improvement (optional).",
    "categories.category": "The kind of improvement, e.g. 'Content'.",
    "categories.example": "An example of it.",
    "categories.impact": "Its typical impact.",
    "what_to_scale": "Section: how to tell whether a practice will travel (optional).",
    "what_to_scale.look_for": "Signs that it will work elsewhere, one per item.",
    "what_to_scale.warning_signs": "Signs that it will not, one per item.",
    "package_parts": "Section: the parts of a success story package: the same parts, in the "
                     "same order, as the success-packages kind (optional).",
    "package_parts.id": "The part's id: the name of the matching success-packages field, with "
                        "'-' for '_' (e.g. 'key-success-factors').",
    "package_parts.title": "The part's heading.",
    "package_parts.questions": "The questions the part answers, one per item.",
    "asset_types": "Section: kinds of reusable assets (optional).",
    "asset_types.type": "The kind of asset, e.g. 'Playbooks'.",
    "asset_types.purpose": "What it is for.",
    "asset_types.format": "What form it takes.",
    "change_curve": "Section: the stages people go through in a change (optional).",
    "change_curve.stages": "The stages, in order.",
    "change_curve.stages.id": "The stage's id, in kebab-case, unique in the curve.",
    "change_curve.stages.title": "The stage's name.",
    "change_curve.stages.feeling": "What people feel in the stage.",
    "change_curve.stages.what_to_do": "How to help them through it.",
    "change_curve.motto": "A closing line shown in bold under the table.",
    "stakeholders": "Section: the stakeholder map, one row for each combination of influence "
                    "and support (optional).",
    "stakeholders.role": "The kind of stakeholder, e.g. 'Champion'.",
    "stakeholders.influence": "How much influence they have.",
    "stakeholders.support": "How much they support the change.",
    "stakeholders.strategy": "How to work with them.",
    "influence": "Section: ways to persuade (optional).",
    "influence.approach": "The approach, e.g. 'Rational'.",
    "influence.audience": "Who it works with.",
    "influence.tactics": "Its tactics, one per item.",
    "resistance": "Section: forms of resistance and how to answer them (optional).",
    "resistance.pattern": "What you hear, e.g. 'We're different'.",
    "resistance.root_cause": "What is behind it.",
    "resistance.response": "How to answer it.",
    "momentum": "Section: ways to build momentum, one per item (optional).",
    "institutionalize": "Section: groups of steps that make the programme part of the "
                        "institution (optional).",
    "institutionalize.id": "The group's id, in kebab-case: its anchor is "
                           "#institutionalize-<id>.",
    "institutionalize.title": "The group's heading.",
    "institutionalize.items": "The group's steps, one per item.",
    "succession": "Section: groups of steps for handing the programme on (optional).",
    "succession.id": "The group's id, in kebab-case: its anchor is #succession-<id>.",
    "succession.title": "The group's heading.",
    "succession.items": "The group's steps, one per item.",
})


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
    return problems


KIND = Kind(name="practices", title="Practices", singular="practice", schema=SCHEMA,
            checks=(check_sections,))
