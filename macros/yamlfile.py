"""Safe YAML loading that remembers where every value came from.

`load_text` builds plain dicts, lists and scalars straight from the YAML *event* stream, with
an explicit stack (no recursion, so no nesting can exhaust the Python or C stack), so no tag can
ever construct a Python object, a duplicate key is a problem instead of a silent overwrite, and
every value keeps its line and column for error messages. Anchors and aliases are refused: they
make a value's position ambiguous and open the door to "billion laughs" expansion.

Whatever the input, loading ends in a value or in problems, never in an exception. Before the
parser sees a file:

- it must be UTF-8 and at most `files.MAX_FILE_BYTES` long;
- control characters, lone carriage returns, NEL (U+0085), U+2028/U+2029, a byte order mark
  after the start and surrogates are problems at their line and column: YAML counts some of
  them as line breaks, which would shift every position reported after them.

While reading:

- nesting deeper than `MAX_DEPTH` collections stops the file there;
- explicit tags (`!!int`, `!foo`, `!!python/...`), aliases and directives (`%YAML`) are refused;
- plain scalars resolve like YAML 1.1 (PyYAML's resolver): int, float, bool, null; dates stay
  text; `.nan` and `.inf` are refused, and integers longer than `MAX_INT_DIGITS` digits too;
- the constructs on which libyaml (the fast C parser used here) and pure-Python PyYAML or
  yamllint disagree are refused, so a file that loads here reads the same everywhere: plain
  text containing `,:?[]{}` inside a flow collection (`[Where?]`), and tabs outside quotes,
  block text and comments (`key:<TAB>value`).
"""

from __future__ import annotations

import bisect
import heapq
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from macros.files import MAX_FILE_BYTES, read_record_bytes
from macros.problems import Problem

__all__ = ["MAX_CHARACTER_PROBLEMS", "MAX_DEPTH", "MAX_FILE_BYTES", "MAX_INT_DIGITS", "Document",
           "Mark", "NodePath", "load_bytes", "load_file", "load_text", "scan_characters"]

NodePath = tuple[str | int, ...]
Mark = tuple[int, int]

# Deepest nesting of lists and mappings in one file (a record needs about 6).
MAX_DEPTH = 64
# Longest whole number, in digits (after sign, `0x`/`0b` prefix and `_`): 15 digits stay exact
# in a float, and Python refuses to print integers of more than 4,300 digits.
MAX_INT_DIGITS = 15
# At most this many character problems per file; one more line says how many follow.
MAX_CHARACTER_PROBLEMS = 20

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT = _TAG + "str", _TAG + "int", _TAG + "float"
_BOOL, _NULL, _TIMESTAMP, _MERGE = _TAG + "bool", _TAG + "null", _TAG + "timestamp", _TAG + "merge"
_IMPLICIT: dict[str | None, list[tuple[str, re.Pattern[str]]]] = Resolver.yaml_implicit_resolvers
_WILDCARD = _IMPLICIT.get(None, [])

# Characters refused anywhere in the text (a byte order mark only after the start), and a
# carriage return not followed by a line feed (searched apart: one character class is 3 times
# faster than an alternation).
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff"
                       "\ufffe\uffff]")
_LONE_CR = re.compile("\r(?!\n)")
# Characters refused in a value written with escapes ("\e", "\x85", "\u2028", ...).
_BAD_VALUE_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff"
                             "\ufffe\uffff]")
_FLOW_UNSAFE = re.compile(r"[,:?\[\]{}]")

_SCALAR = yaml.ScalarEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_ALIAS, _DOC_START = yaml.AliasEvent, yaml.DocumentStartEvent


@dataclass
class Document:
    """A loaded YAML file: its data plus the position of each value and each mapping key."""

    path: str
    data: Any
    value_marks: dict[NodePath, Mark] = field(default_factory=dict)
    key_marks: dict[NodePath, Mark] = field(default_factory=dict)
    # Values the loader refused (bad tag, alias): already reported, so later checks skip them.
    refused: set[NodePath] = field(default_factory=set)
    # For records merged with an overlay: the file that supplied a value, where not `path`.
    sources: dict[NodePath, str] = field(default_factory=dict)

    def locate(self, node_path: NodePath, *, key: bool = False) -> tuple[str, int, int]:
        """File, line and column of `node_path` (its key when `key`), else of its nearest
        known ancestor."""
        if key and node_path in self.key_marks:
            return (self.sources.get(node_path, self.path), *self.key_marks[node_path])
        for end in range(len(node_path), -1, -1):
            at = node_path[:end]
            if at in self.value_marks:
                return (self.sources.get(at, self.path), *self.value_marks[at])
        return (self.path, 1, 1)

    def mark(self, node_path: NodePath, *, key: bool = False) -> Mark:
        _, line, col = self.locate(node_path, key=key)
        return (line, col)

    def problem(self, node_path: NodePath, message: str, rule: str, *,
                key: bool = False) -> Problem:
        return Problem(*self.locate(node_path, key=key), message, rule)


def load_file(path: Path, display_path: str) -> tuple[Document | None, list[Problem]]:
    """Load one record file: never through a symbolic link, never more than MAX_FILE_BYTES."""
    raw, problems = read_record_bytes(path, display_path)
    if raw is None:
        return None, problems
    return load_bytes(raw, display_path)


def load_bytes(raw: bytes, display_path: str) -> tuple[Document | None, list[Problem]]:
    """Load the UTF-8 bytes of a file; invalid UTF-8 is a problem at its first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[:err.start].decode("utf-8")  # valid: the error is the first bad byte
        line, col = _line_col(before, len(before))
        bad = raw[err.start]
        return None, [Problem(display_path, line, col, f"file is not UTF-8 text (byte 0x{bad:02x}"
                              f" here: {err.reason}): save it as UTF-8", "encoding")]
    return load_text(text, display_path)


def load_text(text: str, display_path: str) -> tuple[Document | None, list[Problem]]:
    problems = scan_characters(text, display_path)
    if problems:
        return None, problems
    try:
        return _Composer(text, display_path).run()
    except Exception as err:  # the last resort: no input may crash the loader
        return None, [Problem(display_path, 1, 1, f"the YAML reader failed on this file "
                              f"({type(err).__name__}): simplify the file, and report this "
                              "as a bug of the playbook tools", "syntax")]


def scan_characters(text: str, display_path: str) -> list[Problem]:
    """A problem for each character YAML must not see (see the module docstring), at its line
    and column counted in LF line breaks; at most MAX_CHARACTER_PROBLEMS, then a summary."""
    problems: list[Problem] = []
    start = 1 if text.startswith("\ufeff") else 0
    searches = []
    if _BAD_CHAR.search(text, start) is not None:
        searches.append(_BAD_CHAR.finditer(text, start))
    if "\r" in text and _LONE_CR.search(text) is not None:
        searches.append(_LONE_CR.finditer(text))
    if not searches:
        return problems
    hits = heapq.merge(*searches, key=lambda hit: hit.start())
    line, counted = 1, 0
    for hit in hits:
        pos = hit.start()
        line += text.count("\n", counted, pos)
        counted = pos
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1 - (1 if line == 1 and start else 0)
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            rest = 1 + sum(1 for _ in hits)
            problems.append(Problem(display_path, line, col, f"{rest} more characters that are "
                                    "not allowed follow, the first one here: remove them too",
                                    "character"))
            break
        problems.append(Problem(display_path, line, col, _character_message(hit.group()),
                                "character"))
    return problems


def _character_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == "\r":
        return (f"carriage return {code} without a line feed is not allowed: save the file "
                "with LF (or CRLF) line endings")
    if char == "\x85":
        return (f"next-line character {code} is not allowed: replace it with a line break or "
                "a space")
    if char in "\u2028\u2029":
        what = "line" if char == "\u2028" else "paragraph"
        return (f"{what} separator {code} is not allowed: replace it with a line break or "
                "a space")
    if char == "\ufeff":
        return (f"byte order mark {code} is only allowed at the very start of the file: "
                "delete it")
    if "\ud800" <= char <= "\udfff":
        return f"unpaired surrogate {code} is not a character: delete it and save as UTF-8"
    if char in "\ufffe\uffff":
        return f"{code} is not a character: delete it"
    return (f"control character {code} is not allowed: delete it (most editors show it as a "
            "box or not at all)")


def _line_col(text: str, pos: int) -> Mark:
    """1-based line and column of `text[pos]`, in LF line breaks, not counting a leading BOM
    (YAML readers skip it, and so do editors)."""
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    if line == 1 and text.startswith("\ufeff") and pos > 0:
        col -= 1
    return line, col


class _Stop(Exception):
    """Reading this file stops here; the problems say why."""


class _Frame:
    """An open collection: a mapping (key or value next), a sequence, or one being skipped."""

    __slots__ = ("at", "container", "flow", "key", "kind", "state")

    MAP, SEQ, SKIP = 0, 1, 2  # kinds
    KEY, VALUE, SKIP_VALUE = 0, 1, 2  # states of a mapping

    def __init__(self, kind: int, at: NodePath, container: Any, flow: bool) -> None:
        self.kind = kind
        self.at = at
        self.container = container
        self.flow = flow
        self.state = _Frame.KEY
        self.key = ""


class _Composer:
    """Data from the event stream of one document, with an explicit stack."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.doc = Document(path, None)
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.last_line = text.count("\n") + 1
        self.line_starts: list[int] | None = None
        # Spans of quoted and block scalars, where tabs are fine (only kept if the text has one).
        self.tab_spans: list[tuple[int, int, bool]] | None = [] if "\t" in text else None

    def run(self) -> tuple[Document | None, list[Problem]]:
        loader = _LOADER(self.text)
        get_event = loader.get_event
        stack = self.stack
        value_marks, key_marks = self.doc.value_marks, self.doc.key_marks
        documents = 0
        last: Any = None
        try:
            while True:
                event = get_event()
                if event is None:
                    break
                last = event
                cls = event.__class__
                if cls is _SCALAR and stack and not event.style and event.tag is None \
                        and event.anchor is None and event.value and not stack[-1].flow:
                    # The common case, inline: plain text in a block mapping or list.
                    top = stack[-1]
                    value = event.value
                    mark = event.start_mark
                    if top.kind == _Frame.MAP:
                        if top.state == _Frame.KEY:
                            if value != "<<" and value not in top.container:
                                key_marks[(*top.at, value)] = (mark.line + 1, mark.column + 1)
                                top.key = value
                                top.state = _Frame.VALUE
                                continue
                        elif top.state == _Frame.VALUE:
                            at = (*top.at, top.key)
                            top.state = _Frame.KEY
                            value_marks[at] = (mark.line + 1, mark.column + 1)
                            tag = _resolve(value)
                            top.container[top.key] = value if tag is _STR \
                                else self._plain(value, tag, at)
                            continue
                    elif top.kind == _Frame.SEQ:
                        at = (*top.at, len(top.container))
                        value_marks[at] = (mark.line + 1, mark.column + 1)
                        tag = _resolve(value)
                        top.container.append(value if tag is _STR else self._plain(value, tag, at))
                        continue
                    self._node(event, cls)
                elif cls is _SCALAR or cls is _SEQ_START or cls is _MAP_START or cls is _ALIAS:
                    self._node(event, cls)
                elif cls is _SEQ_END or cls is _MAP_END:
                    stack.pop()
                elif cls is _DOC_START:
                    documents += 1
                    self._document_start(event, documents)
        except _Stop:
            return None, self.problems
        except yaml.MarkedYAMLError as err:
            return None, [*self.problems, self._syntax(err)]
        except yaml.YAMLError as err:  # a ReaderError: no mark, only an index
            return None, [*self.problems, self._reader(err, last)]
        except Exception as err:  # whatever the YAML library raises, the file gets a problem
            return None, [*self.problems, self._failed(err, last)]
        finally:
            loader.dispose()
        if documents == 0:
            return None, [Problem(self.doc.path, 1, 1, "file is empty: write one record as a "
                                  "YAML mapping", "empty")]
        if self.tab_spans is not None:
            tabs = self._tab_problems()
            if tabs:
                return None, [*self.problems, *tabs]
        return self.doc, self.problems

    # -- events ---------------------------------------------------------------------------

    def _document_start(self, event: Any, documents: int) -> None:
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        if documents > 1:
            self.problems.append(Problem(self.doc.path, line, col, "a second YAML document "
                                         "starts here, but a file holds one record: delete "
                                         "this `---` and what follows, or move it to its own "
                                         "file", "syntax"))
            raise _Stop
        if event.version or event.tags:
            self.problems.append(Problem(self.doc.path, line, col, "directives (lines starting "
                                         "with %) are not allowed: delete the % line and the "
                                         "`---` after it", "directive"))
            raise _Stop

    def _node(self, event: Any, cls: type) -> None:
        stack = self.stack
        if cls is _SCALAR and event.style:
            self._quoted_or_block(event)
        if event.anchor is not None and cls is not _ALIAS:
            mark = event.start_mark
            self.problems.append(Problem(self.doc.path, mark.line + 1, mark.column + 1,
                                         f"anchors and aliases are not allowed: delete the "
                                         f"anchor '&{event.anchor}'", "alias"))
        top = stack[-1] if stack else None
        at: NodePath = ()
        if top is not None:
            if top.kind == _Frame.SKIP:
                self._skip(event, cls)
                return
            if top.kind == _Frame.SEQ:
                at = (*top.at, len(top.container))
            elif top.state == _Frame.KEY:
                self._key(event, cls, top)
                return
            elif top.state == _Frame.VALUE:
                at = (*top.at, top.key)
                top.state = _Frame.KEY
            else:
                top.state = _Frame.KEY
                self._skip(event, cls)
                return
        mark = event.start_mark
        self.doc.value_marks[at] = self._clamp(mark.line + 1, mark.column + 1) \
            if cls is _SCALAR and not event.value else (mark.line + 1, mark.column + 1)
        if cls is _SCALAR:
            value = self._scalar(event, at, top)
        elif cls is _ALIAS:
            self._refuse(at, "anchors and aliases are not allowed: write the value out in full",
                         "alias")
            value = None
        else:
            self._check_depth(event)
            flow = bool(event.flow_style)
            if event.tag is not None:
                self._refuse(at, f"tag {_short(event.tag)!r} is not allowed: remove the tag",
                             "tag")
                stack.append(_Frame(_Frame.SKIP, at, None, flow))
                value = None
            else:
                value = {} if cls is _MAP_START else []
                stack.append(_Frame(_Frame.MAP if cls is _MAP_START else _Frame.SEQ, at, value,
                                    flow))
        if top is None:
            self.doc.data = value
        elif top.kind == _Frame.SEQ:
            top.container.append(value)
        else:
            top.container[at[-1]] = value

    def _skip(self, event: Any, cls: type) -> None:
        """Consume a node whose value is not kept (already reported)."""
        if cls is _SEQ_START or cls is _MAP_START:
            self._check_depth(event)
            self.stack.append(_Frame(_Frame.SKIP, (), None, bool(event.flow_style)))

    def _key(self, event: Any, cls: type, top: _Frame) -> None:
        mark: Mark = self._clamp(event.start_mark.line + 1, event.start_mark.column + 1) \
            if cls is _SCALAR and not event.value else \
            (event.start_mark.line + 1, event.start_mark.column + 1)
        path = self.doc.path
        top.state = _Frame.SKIP_VALUE
        if cls is _ALIAS:
            self.problems.append(Problem(path, *mark, "anchors and aliases are not allowed: "
                                         "write the value out in full", "alias"))
            return
        if cls is not _SCALAR:
            self.problems.append(Problem(path, *mark, "keys must be plain names: write `name: "
                                         "value`", "key"))
            self._skip(event, cls)
            return
        if event.tag is not None:
            self.problems.append(Problem(path, *mark, f"tag {_short(event.tag)!r} is not "
                                         "allowed: remove the tag", "tag"))
            return
        key: str = event.value
        if event.implicit[0] and key == "<<":  # a merge key (the only text resolving to merge)
            self.problems.append(Problem(path, *mark, "keys must be plain names: write `name: "
                                         "value`", "key"))
            return
        child = (*top.at, key)
        if key in top.container:
            first_line = self.doc.key_marks[child][0]
            self.problems.append(Problem(path, *mark, f"duplicate key {key!r} (first set on "
                                         f"line {first_line}): keep only one of them",
                                         "duplicate-key"))
            return
        self.doc.key_marks[child] = mark
        top.state = _Frame.VALUE
        top.key = key
        if event.style == '"' or (top.flow and not event.style):
            why = self._text_problem(event, top)
            if why:
                self.problems.append(Problem(path, *mark, *why))
                self.doc.refused.add(child)

    def _scalar(self, event: Any, at: NodePath, top: _Frame | None) -> Any:
        if event.tag is not None:
            self._refuse(at, f"tag {_short(event.tag)!r} is not allowed: remove the tag and "
                         "write a plain value", "tag")
            return None
        value: str = event.value
        why = self._text_problem(event, top)
        if why:
            self._refuse(at, *why)
            return value
        if not event.implicit[0]:  # quoted or block text
            return value
        return self._plain(value, _resolve(value), at)

    def _plain(self, value: str, tag: str, at: NodePath) -> Any:
        """The value of plain (unquoted) text that resolves to `tag`."""
        if tag in (_STR, _TIMESTAMP):  # dates stay text: records print them as written
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _SCALARS.bool_values[value.lower()]
        if tag == _INT:
            return self._int(value, at)
        if tag == _FLOAT:
            return self._float(value, at)
        self._refuse(at, f"{_brief(value)!r} has a special meaning in YAML: put it in quotes to "
                     "keep it as text", "quote")
        return None

    def _text_problem(self, event: Any, top: _Frame | None) -> tuple[str, str] | None:
        """Why this scalar's text is refused: escapes that produce control characters, or
        plain text that YAML readers split differently inside `[...]` or `{...}`."""
        style = event.style
        value: str = event.value
        if style == '"':
            bad = _BAD_VALUE_CHAR.search(value)
            if bad:
                return (f"this text contains the character U+{ord(bad.group()):04X}, written "
                        "as an escape: delete the escape", "character")
        elif not style and top is not None and top.flow:
            unsafe = _FLOW_UNSAFE.search(value)
            if unsafe:
                example = f", e.g. {json.dumps(value, ensure_ascii=False)}" \
                    if len(value) <= 60 else ""
                return (f"unquoted {unsafe.group()!r} inside [ ] or {{ }} is read differently "
                        f"by YAML tools: write the text in quotes{example}", "flow-plain")
        return None

    def _int(self, value: str, at: NodePath) -> int | None:
        digits = value.replace("_", "").lstrip("+-")
        if digits[:2] in ("0x", "0b"):
            digits = digits[2:]
        count = len(digits.replace(":", ""))
        if count > MAX_INT_DIGITS:
            self._refuse(at, f"whole number {_brief(value)} has {count} digits, more than the "
                         f"{MAX_INT_DIGITS} allowed: write a smaller number, or put it in quotes "
                         "to keep it as text", "number")
            return None
        try:
            number: int = _SCALARS.construct_yaml_int(yaml.ScalarNode(_INT, value))
        except (ValueError, KeyError, IndexError, OverflowError):  # "0x_": no digits
            self._refuse(at, f"{value!r} is not a valid number: correct it, or put it in quotes "
                         "to keep it as text", "number")
            return None
        return number

    def _float(self, value: str, at: NodePath) -> float | None:
        try:
            number: float = _SCALARS.construct_yaml_float(yaml.ScalarNode(_FLOAT, value))
        except (ValueError, KeyError, IndexError, OverflowError):
            number = math.nan
        if not math.isfinite(number):
            self._refuse(at, f"{_brief(value)!r} is not a finite number: write a finite number, "
                         "or put it in quotes to keep it as text", "number")
            return None
        return number

    def _quoted_or_block(self, event: Any) -> None:
        """Remember where quoted and block text is (tabs are fine there), and check a block
        header: libyaml reads `|#` as `|` and a comment, PyYAML and yamllint stop there."""
        style: str = event.style
        block = style in "|>"
        if self.tab_spans is None and not block:
            return
        text = self.text
        # The opening quote or the | or >, after an anchor if there is one.
        indicator = text.find(style, self._offset(event.start_mark.line,
                                                  event.start_mark.column))
        if indicator < 0:
            return
        if self.tab_spans is not None:
            self.tab_spans.append((indicator, self._offset(event.end_mark.line,
                                                           event.end_mark.column), block))
        if not block:
            return
        end = indicator + 1
        while end < len(text) and text[end] in "+-0123456789":
            end += 1
        if text.startswith("#", end):
            header = text[indicator:end]
            self.problems.append(Problem(self.doc.path, *_line_col(text, end),
                                         f"a space must separate {header!r} from the comment "
                                         f"after it: write '{header} #'", "syntax"))

    def _offset(self, line: int, column: int) -> int:
        """Position in the text of a 0-based line and column (as YAML marks count them)."""
        if self.line_starts is None:
            self.line_starts = _line_starts(self.text)
        starts = self.line_starts
        if line >= len(starts):
            return len(self.text)
        return starts[line] + column + (1 if line == 0 and self.text.startswith("\ufeff")
                                        else 0)

    def _check_depth(self, event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            mark = event.start_mark
            self.problems.append(Problem(self.doc.path, mark.line + 1, mark.column + 1,
                                         f"lists and mappings are nested more than {MAX_DEPTH} "
                                         "levels deep here: flatten the data", "depth"))
            raise _Stop

    def _refuse(self, at: NodePath, message: str, rule: str) -> None:
        self.problems.append(self.doc.problem(at, message, rule))
        self.doc.refused.add(at)

    # -- errors ---------------------------------------------------------------------------

    def _syntax(self, err: yaml.MarkedYAMLError) -> Problem:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        line, col = self._clamp(line, col)
        tab = self._tab_at(line, col)
        if tab:
            return Problem(self.doc.path, line, col, tab, "tab")
        what = (err.problem or err.context or "invalid YAML").strip()
        slip = self._indent_slip(line)
        if slip:  # at the first character of the line, where the fix goes
            here = self.text.splitlines()[line - 1]
            return Problem(self.doc.path, line, len(here) - len(here.lstrip(" ")) + 1, slip,
                           "indentation")
        fix = "fix the syntax at this position"
        if what.startswith("mapping values are not allowed"):
            fix = self._quote_fix(line) or fix
        return Problem(self.doc.path, line, col, f"YAML syntax error: {what}; {fix}", "syntax")

    def _indent_slip(self, line: int) -> str | None:
        """A line indented deeper than the `key: value` line above it, which cannot hold
        anything more: the commonest slip, which YAML reports as a missing key."""
        lines = self.text.splitlines()
        if not 0 < line <= len(lines):
            return None
        here = lines[line - 1]
        above = next(((n, text) for n, text in reversed(list(enumerate(lines[:line - 1], 1)))
                      if text.strip() and not text.lstrip().startswith("#")), None)
        if above is None:
            return None
        number, text = above
        match = re.fullmatch(r"(\s*)(?:- )?([\w-]+):[ \t]+[^\s#|>&*!].*", text)
        indent, theirs = len(here) - len(here.lstrip(" ")), len(text) - len(text.lstrip(" "))
        if match is None or indent <= theirs or not here.strip():
            return None
        fix = "start this line at the left margin" if theirs == 0 else \
            f"indent this line by {_spaces(theirs)}"
        return (f"this line is indented by {_spaces(indent)}, deeper than {match.group(2)!r} "
                f"on line {number}, which already has its value, so nothing can go under it: "
                f"{fix}, like line {number}")

    def _quote_fix(self, line: int) -> str | None:
        """For `title: Why: a reason` (the second ': ' reads as a new key): the quoted line."""
        start = self._offset(line - 1, 0)
        text = self.text[start:self.text.find("\n", start) % (len(self.text) + 1)].rstrip()
        match = re.fullmatch(r"(\s*(?:- )?[\w-]+:\s+)([^\"'\s].*)", text)
        if match is None:
            return None
        value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
        return (f"a value that contains ': ' must be quoted: write "
                f"{match.group(1).strip()} \"{value}\"")

    def _reader(self, err: yaml.YAMLError, last: Any) -> Problem:
        position = getattr(err, "position", None)
        if isinstance(position, int) and 0 <= position <= len(self.text):
            line, col = _line_col(self.text, position)
        else:
            line, col = self._last_mark(last)
        reason = getattr(err, "reason", None) or type(err).__name__
        return Problem(self.doc.path, line, col, f"YAML reader error: {reason}; fix the text at "
                       "this position", "syntax")

    def _failed(self, err: BaseException, last: Any) -> Problem:
        line, col = self._last_mark(last)
        return Problem(self.doc.path, line, col, f"the YAML reader failed after this position "
                       f"({type(err).__name__}): simplify the text here, and report this as a "
                       "bug of the playbook tools", "syntax")

    def _last_mark(self, event: Any) -> Mark:
        mark = getattr(event, "start_mark", None)
        if mark is None:
            return (1, 1)
        return self._clamp(mark.line + 1, mark.column + 1)

    def _clamp(self, line: int, col: int) -> Mark:
        """Keep a reported position inside the text (the line after the last LF included):
        libyaml puts an empty value at the end of a text without a final LF on a line after
        it."""
        if line > self.last_line:
            return self.last_line, len(self.text) - (self.text.rfind("\n") + 1) + 1
        return max(line, 1), max(col, 1)

    # -- tabs -----------------------------------------------------------------------------

    def _tab_at(self, line: int, col: int) -> str | None:
        """The tab message if the character at line:col is a tab."""
        pos = self._offset(line - 1, col - 1)
        if pos >= len(self.text) or self.text[pos] != "\t":
            return None
        return _tab_message(self.text, self.text.rfind("\n", 0, pos) + 1, pos)

    def _tab_problems(self) -> list[Problem]:
        """Tabs outside quoted text, block text and comments: libyaml reads them as spaces,
        pure-Python YAML readers stop with an error."""
        text = self.text
        safe = sorted(self.tab_spans or [])
        safe_starts = [s for s, _, _ in safe]
        comments: dict[int, int] = {}  # line start -> where the line's comment starts
        problems: list[Problem] = []
        line_start, seen = 0, 0  # the start of the line of the last tab, and where it was
        for hit in re.finditer("\t", text):
            pos = hit.start()
            line_start = max(line_start, text.rfind("\n", seen, pos) + 1)
            seen = pos
            i = bisect.bisect_right(safe_starts, pos) - 1
            if i >= 0 and safe[i][0] <= pos < safe[i][1] and not (
                    safe[i][2] and text.find("\n", safe[i][0], pos) == -1):  # a block header
                continue
            comment = comments.get(line_start)
            if comment is None:
                comment = comments[line_start] = _comment_start(text, line_start, safe,
                                                                safe_starts)
            if comment < pos:
                continue
            line, col = _line_col(text, pos)
            problems.append(Problem(self.doc.path, line, col,
                                    _tab_message(text, line_start, pos), "tab"))
            if len(problems) == MAX_CHARACTER_PROBLEMS:
                break
        return problems


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _tab_message(text: str, line_start: int, pos: int) -> str:
    if not text[line_start:pos].strip(" \t\ufeff"):
        return "a tab character cannot indent YAML: indent with spaces"
    return ("a tab character cannot separate YAML values here: use spaces (tabs are only "
            "allowed inside quotes, block text and comments)")


def _comment_start(text: str, line_start: int, safe: list[tuple[int, int, bool]],
                   safe_starts: list[int]) -> int:
    """Where the comment of the line at `line_start` starts: a `#` at the line start or after
    a space, outside quoted and block text (len(text) if the line has none)."""
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end == -1 else line_end
    hash_at = text.find("#", line_start, line_end)
    while hash_at != -1:
        i = bisect.bisect_right(safe_starts, hash_at) - 1
        if i >= 0 and safe[i][0] <= hash_at < safe[i][1]:  # inside quotes: skip past them
            hash_at = text.find("#", max(safe[i][1], hash_at + 1), line_end)
            continue
        if hash_at == line_start or text[hash_at - 1] in " \t":
            return hash_at
        hash_at = text.find("#", hash_at + 1, line_end)
    return len(text)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    at = find("\n")
    while at != -1:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts


def _resolve(value: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar (YAML 1.1 rules); `_STR` itself (the
    same object) for text."""
    resolvers = _IMPLICIT.get(value[0] if value else "")
    if resolvers is not None:
        for tag, regexp in resolvers:
            if regexp.match(value):
                return tag
    for tag, regexp in _WILDCARD:
        if regexp.match(value):
            return tag
    return _STR


def _brief(value: str) -> str:
    return value if len(value) <= 24 else value[:20] + "..."


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag
