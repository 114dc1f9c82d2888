"""Safe YAML loading that remembers where every value came from.

`load_text` builds plain dicts, lists and scalars from the YAML node graph itself, so no tag can
ever construct a Python object, a duplicate key is a problem instead of a silent overwrite, and
every value keeps its line and column for error messages. Anchors and aliases are refused: they
make a value's position ambiguous and open the door to "billion laughs" expansion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from macros.problems import Problem

NodePath = tuple[str | int, ...]
Mark = tuple[int, int]

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_BUILDERS = {
    _TAG + "str": _SCALARS.construct_scalar,
    _TAG + "int": _SCALARS.construct_yaml_int,
    _TAG + "float": _SCALARS.construct_yaml_float,
    _TAG + "bool": _SCALARS.construct_yaml_bool,
    _TAG + "null": _SCALARS.construct_yaml_null,
    # Dates stay text: records compare and print them as written.
    _TAG + "timestamp": _SCALARS.construct_scalar,
}


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
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(display_path, 1, 1, f"file is not UTF-8 text ({err.reason}); "
                              "save it as UTF-8", "encoding")]
    return load_text(text, display_path)


def load_text(text: str, display_path: str) -> tuple[Document | None, list[Problem]]:
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (err.problem or err.context or "invalid YAML").strip()
        return None, [Problem(display_path, line, col,
                              f"YAML syntax error: {what}; fix the syntax at this position",
                              "syntax")]
    if root is None:
        return None, [Problem(display_path, 1, 1,
                              "file is empty: write one record as a YAML mapping", "empty")]
    doc = Document(display_path, None)
    problems: list[Problem] = []
    doc.data = _build(root, (), doc, problems, set())
    return doc, problems


def _build(node: yaml.Node, at: NodePath, doc: Document, problems: list[Problem],
           seen: set[int]) -> Any:
    if id(node) in seen:
        # An alias yields the anchored node again, so only its key tells where the alias is.
        problems.append(doc.problem(at, "anchors and aliases are not allowed: write the value "
                                    "out in full", "alias", key=at in doc.key_marks))
        doc.refused.add(at)
        return None
    seen.add(id(node))
    doc.value_marks[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, at, doc, problems, seen)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _TAG + "seq":
            problems.append(doc.problem(at, f"tag {_short(node.tag)!r} is not allowed: remove "
                                        "the tag", "tag"))
            doc.refused.add(at)
            return None
        return [_build(item, (*at, i), doc, problems, seen) for i, item in enumerate(node.value)]
    builder = _BUILDERS.get(node.tag)
    if builder is None:
        problems.append(doc.problem(at, f"tag {_short(node.tag)!r} is not allowed: remove the "
                                    "tag and write a plain value", "tag"))
        doc.refused.add(at)
        return None
    assert isinstance(node, yaml.ScalarNode)
    return builder(node)


def _build_mapping(node: yaml.MappingNode, at: NodePath, doc: Document,
                   problems: list[Problem], seen: set[int]) -> dict[str, Any]:
    if node.tag != _TAG + "map":
        problems.append(doc.problem(at, f"tag {_short(node.tag)!r} is not allowed: remove the "
                                    "tag", "tag"))
        doc.refused.add(at)
        return {}
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "merge":
            problems.append(Problem(doc.path, *key_mark, "keys must be plain names: write "
                                    "`name: value`", "key"))
            continue
        key = str(key_node.value)
        child = (*at, key)
        if key in result:
            first_line = doc.key_marks[child][0]
            problems.append(Problem(doc.path, *key_mark,
                                    f"duplicate key {key!r} (first set on line {first_line}): "
                                    "keep only one of them", "duplicate-key"))
            continue
        doc.key_marks[child] = key_mark
        result[key] = _build(value_node, child, doc, problems, seen)
    return result


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag
