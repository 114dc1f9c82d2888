"""One problem type and one formatter for everything the checks report.

A problem prints like yamllint's parsable format::

    data/bottlenecks/x.yml:12:5: error: 'symptom' is required: add `symptom: <text>` [required]

A problem is always exactly one line: control, format (bidi) and separator characters in any
part of it are printed as escapes (`\\n`, `\\x1b`, `\\u202e`), so a file name or a value
quoted in a message can neither break the line nor hide or reorder text on a terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Unicode categories printed as escapes: controls, format characters (bidi overrides, zero
# width), line and paragraph separators, surrogates (unprintable, and unencodable on output).
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


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
    count = len(items)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found")
    return "\n".join(lines)
