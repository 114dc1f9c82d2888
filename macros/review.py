"""Who looks after a record, when it was last reviewed, and which pages are overdue.

Every kind accepts two optional fields (added once in `macros.kinds.base.Kind`)::

    owner: Programme office
    reviewed: 2026-11-01

A kind sets how often its pages must be reviewed (`Kind.review_every_days`, a year unless the
kind says otherwise). A record page shows its owner, the date of its last review and when the
next one is due; `playbook check --stale` warns, at the `reviewed:` line, about each record
whose next review date has passed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from macros.md import Markdown, inline
from macros.problems import Problem
from macros.schema import Schema
from macros.yamlfile import Document

if TYPE_CHECKING:
    from macros.catalog import Catalog

DEFAULT_REVIEW_DAYS = 365
RULE = "stale-review"

OWNER: Schema = {
    "type": "string", "required": False, "empty": False,
    "meta": {"description": "Who keeps this record up to date: a person, team or role, shown "
                            "on its page (optional)."}}
REVIEWED: Schema = {
    "type": "string", "required": False, "regex": r"^\d{4}-\d{2}-\d{2}$",
    "meta": {"description": "The day this record was last reviewed, as YYYY-MM-DD: its page "
                            "shows it, and `playbook check --stale` warns once the kind's "
                            "review interval has passed (optional)."}}


def reviewed_on(data: dict[str, Any]) -> date | None:
    value = data.get("reviewed")
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def check_reviewed(doc: Document) -> list[Problem]:
    """`reviewed` must be a real day (the schema's pattern lets 2026-02-30 through)."""
    value = doc.data.get("reviewed") if isinstance(doc.data, dict) else None
    if isinstance(value, str) and reviewed_on(doc.data) is None and len(value) == 10:
        return [doc.problem(("reviewed",), f"reviewed is {value!r}, which is not a day of the "
                            "calendar: write the date as YYYY-MM-DD", "date")]
    return []


def due(data: dict[str, Any], every_days: int) -> date | None:
    last = reviewed_on(data)
    return last + timedelta(days=every_days) if last else None


def stale(doc: Document, every_days: int, today: date) -> Problem | None:
    """A warning at `reviewed:` when the record's next review is overdue on `today`."""
    if not isinstance(doc.data, dict):
        return None
    last, next_due = reviewed_on(doc.data), due(doc.data, every_days)
    if last is None or next_due is None or next_due >= today:
        return None
    problem = doc.problem(("reviewed",), f"last reviewed on {last.isoformat()}, "
                          f"{(today - last).days} days ago: this kind is reviewed every "
                          f"{every_days} days, so a review was due on {next_due.isoformat()}; "
                          "review the page, then update `reviewed`", RULE)
    return dataclasses.replace(problem, level="warning")


def stale_problems(catalogs: Iterable[Catalog], every_days: Callable[[str], int],
                   today: date) -> list[Problem]:
    """A warning for each overdue record file of the base playbook and of the editions (an
    overlay's own records); a file shared by several editions is reported once."""
    seen: set[str] = set()
    found = []
    for catalog in catalogs:
        for kind, records in catalog.records.items():
            for record in records.values():
                if record.source in seen:
                    continue
                seen.add(record.source)
                problem = stale(record.doc, every_days(kind), today)
                if problem is not None:
                    found.append(problem)
    return sorted(found)


def page_line(data: dict[str, Any], every_days: int) -> Markdown:
    """'Owner: ... · Last reviewed: 1 November 2026 · Next review: by 1 November 2027', or
    nothing when the record has neither field."""
    parts = []
    if data.get("owner"):
        parts.append(f"Owner: {inline(data['owner'])}")
    last, next_due = reviewed_on(data), due(data, every_days)
    if last and next_due:
        parts += [f"Last reviewed: {_day(last)}", f"Next review: by {_day(next_due)}"]
    if not parts:
        return Markdown("")
    return Markdown(" · ".join(parts) + "\n{: .pb-review }")


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
