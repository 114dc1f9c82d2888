"""The merge rules for overlays: one function, `merge`, and the record-level `merge_record`.

Rules, applied recursively from the record down:

1. mapping + mapping: keys from both; a key in both is merged by these rules, a key only in the
   overlay is added, a key only in the base is kept.
2. list + list where every item on both sides is a mapping with an `id`: merged by id, never by
   position. An overlay item whose id is in the base merges into that item (rule 1); other
   overlay items are appended in the overlay's order; base items keep their order.
3. any other list + list: the overlay's list replaces the base list.
4. scalar + scalar of the same type (numbers count as one type): the overlay's value replaces.
5. `null` in the overlay deletes the key (the record is validated again afterwards, so deleting
   a required field is reported).
6. anything else is a type mismatch: reported at the overlay's line, and the base value is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from macros.kinds.base import walk
from macros.problems import Problem
from macros.schema import dotted
from macros.yamlfile import Document, NodePath


@dataclass
class MergeLog:
    """What the overlay supplied (merged path -> overlay path) and what it got wrong."""

    overlay: Document
    taken: list[tuple[NodePath, NodePath]] = field(default_factory=list)
    deleted: list[tuple[NodePath, NodePath]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def merge(base: Any, over: Any, at: NodePath, over_at: NodePath, log: MergeLog) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        result = dict(base)
        for key, value in over.items():
            if value is None:
                result.pop(key, None)
                log.deleted.append(((*at, key), (*over_at, key)))
            elif key in base:
                result[key] = merge(base[key], value, (*at, key), (*over_at, key), log)
            else:
                result[key] = value
                log.taken.append(((*at, key), (*over_at, key)))
        return result
    if isinstance(base, list) and isinstance(over, list):
        if _has_ids(base) and _has_ids(over):
            return _merge_by_id(base, over, at, over_at, log)
        log.taken.append((at, over_at))
        return over
    if _same_type(base, over):
        log.taken.append((at, over_at))
        return over
    log.problems.append(log.overlay.problem(
        over_at, f"{dotted(at)!r} is {_kind_of(base)} in the base playbook, but the overlay "
        f"gives {_kind_of(over)}: write {_kind_of(base)}", "overlay-type"))
    return base


def _merge_by_id(base: list[Any], over: list[Any], at: NodePath, over_at: NodePath,
                 log: MergeLog) -> list[Any]:
    result = list(base)
    position = {item["id"]: i for i, item in enumerate(base)}
    for j, item in enumerate(over):
        if item["id"] in position:
            i = position[item["id"]]
            result[i] = merge(result[i], item, (*at, i), (*over_at, j), log)
        else:
            log.taken.append(((*at, len(result)), (*over_at, j)))
            result.append(item)
    return result


def merge_record(base: Document, changes: dict[str, Any], over_at: NodePath,
                 overlay: Document) -> tuple[Document, list[Problem]]:
    """A new document for the merged record; each value remembers the file it came from."""
    log = MergeLog(overlay)
    data = merge(base.data, changes, (), over_at, log)
    doc = Document(base.path, data, dict(base.value_marks), dict(base.key_marks),
                   set(base.refused), dict(base.sources))
    for at, source_at in log.deleted:
        # A deleted field keeps the overlay's position, so "required" points at the null.
        doc.value_marks[at] = overlay.value_marks[source_at]
        doc.key_marks[at] = overlay.key_marks[source_at]
        doc.sources[at] = overlay.path
    for at, source_at in log.taken:
        for sub, _ in walk(_get(overlay.data, source_at)):
            if (*source_at, *sub) in overlay.value_marks:
                doc.value_marks[(*at, *sub)] = overlay.value_marks[(*source_at, *sub)]
                doc.sources[(*at, *sub)] = overlay.path
            if (*source_at, *sub) in overlay.key_marks:
                doc.key_marks[(*at, *sub)] = overlay.key_marks[(*source_at, *sub)]
    return doc, log.problems


def _has_ids(items: list[Any]) -> bool:
    return all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in items)


def _same_type(a: Any, b: Any) -> bool:
    def family(v: Any) -> str:
        if isinstance(v, bool):
            return "bool"
        if isinstance(v, int | float):
            return "number"
        return type(v).__name__
    return not isinstance(a, dict | list) and family(a) == family(b)


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "an empty value"


def _get(data: Any, at: NodePath) -> Any:
    for part in at:
        data = data[part]
    return data
