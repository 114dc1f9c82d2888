"""The notes a record's fields carry, placed on its page after rendering: an editor's note for
each of the source's inconsistencies (`discrepancies`, macros.kinds.discrepancies) and an "Our
addition" note for each value the playbook adds (`own`, macros.pages.own).

`place` puts each note at the end of the section of the page that holds the first field its
entry names, so renderers need not know about either. Renderers give every section a fixed
anchor (`macros.md.heading`); the section of a field is found from its path, deepest part
first: an explicit entry of `SECTIONS`, then `<item>-<id>` or `<id>` for a list item with an id
(`phases[1]` -> `#phase-wave-1`), then the field's own name in kebab case (`success_checklist`
-> `#success-checklist`). A field no section shows gets its note under the page's summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from macros.kinds.discrepancies import declarations
from macros.kinds.own import node_path
from macros.md import Markdown, admonition, inline
from macros.pages import own
from macros.yamlfile import NodePath

TITLE = "Editor's note"

# Fields whose section is not named after them: kind -> dotted field (no indexes) -> anchor.
SECTIONS: dict[str, dict[str, str]] = {
    "benchmarks": {"value": "roi-realization", "outcomes": "outcomes",
                   "investment": "investment", "failure": "failure"},
    "scale-planning": {
        "reference_users": "capacity", "users_per_champion": "capacity",
        "champions": "capacity", "hours_per_champion_per_week": "capacity",
        "champion_hours_per_week": "capacity", "hourly_rate": "weekly-cost",
        "lead_cost_per_week": "weekly-cost", "tools_cost_per_week": "weekly-cost",
        "stated_champion_cost_per_week": "weekly-cost", "stated_total_per_week": "weekly-cost",
        "champions_per_50_people": "rules-of-thumb", "champion_share_pct": "rules-of-thumb"},
    "templates": {"training": "support", "channels": "support", "risk_note": "when-to-use",
                  "metrics_tracked": "targets"},
    "waves": {"decision_rule": "go-no-go", "outcome_adoption_pct": "outcome"},
    # The steps end with the trade-off; the reasons follow the recommended template.
    "quick-starts": {"trade_off": "steps"},
    "scenarios": {"why": "template"},
}

_HEADING = re.compile(r"^(#{1,6}) (.*?) \{ #([a-z0-9][a-z0-9_-]*) \}$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")


@dataclass(frozen=True)
class Section:
    line: int     # index of the heading line
    level: int
    title: Markdown
    anchor: str


def note(entry: dict[str, Any]) -> Markdown:
    return admonition("note", TITLE, inline(
        f"The source states {entry['stated']}, but its own figures give {entry['computed']}. "
        f"{entry['keep']}"))


def sections(markdown: str) -> list[Section]:
    """The anchored headings of a generated page, skipping fenced code (a setup prompt)."""
    found, fence = [], ""
    for i, line in enumerate(markdown.split("\n")):
        opening = _FENCE.match(line)
        if fence:
            if line.strip() == fence:
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _HEADING.match(line)
        if heading:
            found.append(Section(i, len(heading.group(1)), Markdown(heading.group(2)),
                                 heading.group(3)))
    return found


def section_of(kind: str, data: dict[str, Any], at: NodePath,
               found: list[Section]) -> Section | None:
    """The section that shows the field at `at` (see the module docstring)."""
    by_anchor = {s.anchor: s for s in found}
    explicit = SECTIONS.get(kind, {})
    for depth in range(len(at), 0, -1):
        part, names = at[depth - 1], ".".join(p for p in at[:depth] if isinstance(p, str))
        candidates = [explicit.get(names, "")] if isinstance(part, str) else []
        if isinstance(part, int):
            item = _item(data, at[:depth])
            above = at[depth - 2] if depth >= 2 else ""
            owner = above if isinstance(above, str) else ""
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                candidates += [f"{owner.removesuffix('s')}-{item['id']}", item["id"]]
        else:
            candidates.append(part.replace("_", "-"))
        hit = next((by_anchor[c] for c in candidates if c in by_anchor), None)
        if hit is not None:
            return hit
    return None


def _item(data: Any, at: NodePath) -> Any:
    for part in at:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def notes(data: dict[str, Any]) -> list[tuple[str, Markdown]]:
    """(first field, note) for each declared discrepancy and each own addition of a record."""
    return [*((entry["fields"][0], note(entry)) for entry in declarations(data)),
            *((entry["fields"][0], own.note(entry)) for entry in own.entries(data))]


def place(kind: str, data: dict[str, Any], markdown: str) -> str:
    """`markdown` with each note (`notes`) at the end of its field's section."""
    pending = notes(data)
    if not pending:
        return markdown
    lines = markdown.rstrip("\n").split("\n")
    found = sections(markdown)
    inserts: dict[int, list[Markdown]] = {}
    for field, text in pending:
        section = section_of(kind, data, node_path(field), found)
        inserts.setdefault(_end(section, found, lines), []).append(text)
    for index in sorted(inserts, reverse=True):
        block = "\n\n".join(inserts[index])
        lines[index:index] = ["", *block.split("\n"), ""]
    return "\n".join(lines) + "\n"


def _end(section: Section | None, found: list[Section], lines: list[str]) -> int:
    """Where a note for `section` goes: before the next heading at its level or above; with
    no section, after the page's first paragraph (its summary)."""
    if section is None:
        blank = [i for i, line in enumerate(lines) if not line.strip()]
        return blank[1] if len(blank) > 1 else len(lines)
    after = [s.line for s in found if s.line > section.line and s.level <= section.level]
    return after[0] if after else len(lines)
