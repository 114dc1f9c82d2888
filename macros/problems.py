"""One problem type and one formatter for everything the checks report.

A problem prints like yamllint's parsable format::

    data/bottlenecks/x.yml:12:5: error: 'symptom' is required: add `symptom: <text>` [required]

A problem is always exactly one line: control, format (bidi) and separator characters in any
part of it are printed as escapes (`\\n`, `\\x1b`, `\\u202e`), so a file name or a value
quoted in a message can neither break the line nor hide or reorder text on a terminal.

`playbook check --format` chooses among `FORMATS`: `text` (the lines above, then a count),
`github` (one GitHub Actions workflow command per problem, shown as an annotation on the file)
and `json` (a list of objects, one per problem, with the edition it belongs to).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Unicode categories printed as escapes: controls, format characters (bidi overrides, zero
# width), line and paragraph separators, surrogates (unprintable, and unencodable on output).
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

FORMATS = ("text", "github", "json")
# GitHub's escapes for workflow commands (@actions/core's escapeData and escapeProperty): `%`
# first, so that the escapes it writes are not escaped again.
_GITHUB_DATA = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_GITHUB_PROPERTY = (*_GITHUB_DATA, (":", "%3A"), (",", "%2C"))


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    rule: str
    level: str = "error"

    def format(self) -> str:
        return (f"{one_line(self.path)}:{self.line}:{self.col}: {one_line(self.level)}: "
                f"{one_line(self.message)} [{one_line(self.rule)}]")

    def format_github(self) -> str:
        """A GitHub Actions workflow command (`::error file=...,line=...::message`): an
        annotation on the file. Values are escaped as GitHub requires, then like `format()`."""
        command = "warning" if self.level == "warning" else "error"
        properties = ",".join(f"{name}={_github(str(value), _GITHUB_PROPERTY)}" for name, value in
                              (("file", self.path), ("line", self.line), ("col", self.col),
                               ("title", self.rule)))
        return f"::{command} {properties}::{_github(self.message, _GITHUB_DATA)}"

    def as_json(self) -> dict[str, str | int | None]:
        """The problem's fields as they are (JSON escapes what needs it) and its edition."""
        return {"path": self.path, "line": self.line, "col": self.col, "rule": self.rule,
                "message": self.message, "level": self.level, "edition": edition_of(self.path)}


def edition_of(path: str) -> str | None:
    """The edition slug of `data/orgs/<slug>.yml` and of anything under `data/orgs/<slug>/`,
    else None (a problem in the shared data or in `docs/`)."""
    parts = path.split("/")
    if len(parts) < 3 or parts[:2] != ["data", "orgs"]:
        return None
    if len(parts) == 3:
        slug, dot, extension = parts[2].rpartition(".")
        return slug if dot and slug and extension == "yml" else None
    return parts[2] or None


def _github(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    for char, escape in escapes:
        text = text.replace(char, escape)
    return one_line(text)


def one_line(text: str) -> str:
    """`text` with every control, format and separator character escaped."""
    if text.isprintable():  # the common case: nothing to escape (a space is printable)
        return text
    return "".join(_escape(char) if unicodedata.category(char) in _ESCAPED_CATEGORIES else char
                   for char in text)


def _escape(char: str) -> str:
    short = _SHORT_ESCAPES.get(char)
    if short:
        return short
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


class ProblemsFound(Exception):
    """Raised at an edge (CLI, build hook) once every problem has been collected."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(report(self.problems))


def report(problems: Iterable[Problem]) -> str:
    items = sorted(problems)
    lines = [p.format() for p in items]
    lines.append(found(len(items)))
    return "\n".join(lines)


def found(count: int) -> str:
    return f"{count} problem{'s' if count != 1 else ''} found"


def report_as(problems: Iterable[Problem], output: str) -> str:
    """`problems` in one of `FORMATS`: `report()` for text; for github one workflow command a
    line (no count: it is not an annotation); for json a list, `[]` when there are none."""
    items = sorted(problems)
    if output == "github":
        return "\n".join(p.format_github() for p in items)
    if output == "json":
        return json.dumps([p.as_json() for p in items], indent=2)
    if output == "text":
        return report(items)
    raise ValueError(f"unknown output format {output!r}: use one of {', '.join(FORMATS)}")
