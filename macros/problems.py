"""One problem type and one formatter for everything the checks report.

A problem prints like yamllint's parsable format::

    data/bottlenecks/x.yml:12:5: error: 'symptom' is required: add `symptom: <text>` [required]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    rule: str
    level: str = "error"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message} [{self.rule}]"


class ProblemsFound(Exception):
    """Raised at an edge (CLI, build hook) once every problem has been collected."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(report(self.problems))


def report(problems: Iterable[Problem]) -> str:
    items = sorted(problems)
    lines = [p.format() for p in items]
    count = len(items)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found")
    return "\n".join(lines)
