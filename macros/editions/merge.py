"""The merge rules for overlays: one function, `merge`, and the record-level `merge_record`.

Rules, applied recursively from the record down:

1. mapping + mapping: keys from both; a key in both is merged by these rules, a key only in the
   overlay is added, a key only in the base is kept.
2. list + list where every overlay item is a mapping with an `id`, and the base list is of
   mappings with ids (phases, budget sections, budget lines...): merged by id, never by
   position, so an overlay changes one field of one item without copying the list. An overlay
   item whose id is in the base merges into that item (rule 1), and `{id: x, remove: true}`
   removes it. An item with an id the base does not have is added at the end, in the
   overlay's order, when it is complete (it has every field all the base items have);
   otherwise it is most likely a mistyped id, reported at its line with the ids there are.
   Base items keep their order.
3. any other list + list: the overlay's list replaces the base list.
4. scalar + scalar of the same type (numbers count as one type): the overlay's value replaces.
5. `null` in the overlay deletes the key (the record is validated again afterwards, so deleting
   a required field is reported).
6. anything else is a type mismatch: reported at the overlay's line, and the base value is kept.

The merged record remembers, for every value, the file that supplied it. A problem the checks
then find in it is reported at the overlay line that set the value, naming the edition; a
problem at a value the overlay left alone (a stated figure that no longer matches a changed
total) is reported at the overlay line that changed the nearest related value, with the
value's own place in the base file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from macros.kinds.base import walk
from macros.problems import Problem, edition_of
from macros.schema import dotted
from macros.yamlfile import Document, NodePath


@dataclass
class MergeLog:
    """What the overlay supplied (merged path -> overlay path) and what it got wrong."""

    overlay: Document
    taken: list[tuple[NodePath, NodePath]] = field(default_factory=list)
    deleted: list[tuple[NodePath, NodePath]] = field(default_factory=list)
    removed: list[tuple[NodePath, list[int]]] = field(default_factory=list)
    # The record's cerberus schema: which fields an added list item must have.
    schema: dict[str, Any] | None = None

    def problem(self, at: NodePath, message: str, rule: str) -> None:
        """A problem at the overlay's line `at`, naming the edition like the checks do."""
        self.problems.append(self.overlay.problem(
            at, f"{message} (edition {edition_of(self.overlay.path)})", rule))
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
        if _by_id(base, over):
            return _merge_by_id(base, over, at, over_at, log)
        log.taken.append((at, over_at))
        return over
    if _same_type(base, over):
        log.taken.append((at, over_at))
        return over
    log.problem(
        over_at, f"{dotted(at)!r} is {_kind_of(base)} in the base playbook, but the overlay "
        f"gives {_kind_of(over)}: write {_kind_of(base)}", "overlay-type")
    return base


REMOVE = {"remove": True}


def _merge_by_id(base: list[Any], over: list[Any], at: NodePath, over_at: NodePath,
                 log: MergeLog) -> list[Any]:
    # Merged in place first (positions stay those of the base, which the marks use), then the
    # removed items leave; `merge_record` renumbers the marks of what follows them.
    result: list[Any] = list(base)
    position = {item["id"]: i for i, item in enumerate(base) if "id" in item}
    known = ", ".join(position) or "none"
    needed = _required(log.schema, at)
    if needed is None:  # no schema: the fields every base item has
        needed = set.intersection(*(set(item) for item in base)) - {"id"}
    removed: list[int] = []
    for j, item in enumerate(over):
        item_at = (*over_at, j)
        i = position.get(item["id"])
        if {k: v for k, v in item.items() if k != "id"} == REMOVE:
            if i is None:
                log.problem(
                    (*item_at, "id"), f"there is no item {item['id']!r} in {_shown(at)} to "
                    f"remove: use one of its ids ({known})", "overlay-id")
            else:
                removed.append(i)
            continue
        if i is not None:
            result[i] = merge(result[i], item, (*at, i), item_at, log)
            continue
        missing = sorted(needed - set(item))
        if missing:
            log.problem(
                (*item_at, "id"), f"there is no item {item['id']!r} in {_shown(at)}: to change "
                f"one, use its id ({known}); to add one, give its {', '.join(missing)} too",
                "overlay-id")
            continue
        log.taken.append(((*at, len(result)), item_at))
        result.append(item)
    if removed:
        log.removed.append((at, sorted(removed)))
    return [item for i, item in enumerate(result) if i not in removed]


def _shown(at: NodePath) -> str:
    """('budget', 'sections', 0, 'lines') -> 'budget.sections[0].lines'."""
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


def _required(schema: dict[str, Any] | None, at: NodePath) -> set[str] | None:
    """The required fields of an item of the list at `at`, from the record's schema."""
    if schema is None:
        return None
    fields: Any = schema
    rule: Any = None
    for part in at:
        if isinstance(part, int):
            if not isinstance(rule, dict) or rule.get("type") != "list":
                return None
            fields = rule.get("schema", {}).get("schema")
        else:
            rule = fields.get(part) if isinstance(fields, dict) else None
            if isinstance(rule, dict) and rule.get("type") == "dict":
                fields = rule.get("schema")
    item = rule.get("schema", {}) if isinstance(rule, dict) and rule.get("type") == "list" \
        else {}
    if not isinstance(item.get("schema"), dict):
        return None
    return {name for name, r in item["schema"].items() if r.get("required")} - {"id"}


def merge_record(base: Document, changes: dict[str, Any], over_at: NodePath,
                 overlay: Document, schema: dict[str, Any] | None = None
                 ) -> tuple[Document, list[Problem]]:
    """A new document for the merged record; each value remembers the file it came from.
    With the record's `schema`, an added list item must have its required fields."""
    log = MergeLog(overlay, schema=schema)
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
    # Innermost lists first, so an outer renumbering sees the inner paths already final.
    for at, removed in sorted(log.removed, key=lambda entry: -len(entry[0])):
        for marks in (doc.value_marks, doc.key_marks, doc.sources):
            _renumber(marks, at, removed)
    return doc, log.problems


@dataclass
class Blamed(Document):
    """A merged record as its checks see it: every problem names the edition, and lands on
    the overlay line to change (see the module's last rule)."""

    overlay: str = ""

    def problem(self, node_path: NodePath, message: str, rule: str, *,
                key: bool = False) -> Problem:
        file, line, col = self.locate(node_path, key=key)
        edition = f"edition {edition_of(self.overlay)}"
        if file == self.overlay:
            return Problem(file, line, col, f"{message} ({edition})", rule)
        change = self._nearest_change(node_path)
        if change is None:
            return Problem(file, line, col, message, rule)
        over_file, over_line, over_col = self.locate(change)
        return Problem(over_file, over_line, over_col, f"{message} ({edition}, which changes "
                       f"this record here; the value is at {file}:{line}:{col})", rule)

    def _nearest_change(self, node_path: NodePath) -> NodePath | None:
        """The value the overlay set that shares the longest start with `node_path` (the
        first in the overlay among equals)."""
        def shared(path: NodePath) -> int:
            n = 0
            while n < min(len(path), len(node_path)) and path[n] == node_path[n]:
                n += 1
            return n
        changed = [at for at, source in self.sources.items()
                   if source == self.overlay and at in self.value_marks]
        if not changed:
            return None
        return min(changed, key=lambda at: (-shared(at), self.value_marks[at]))


def blamed(doc: Document, overlay: str) -> Blamed:
    """`doc` (sharing its data and marks) with problems blamed on the overlay `overlay`."""
    return Blamed(doc.path, doc.data, doc.value_marks, doc.key_marks, doc.refused, doc.sources,
                  overlay)


def _renumber(marks: dict[NodePath, Any], at: NodePath, removed: list[int]) -> None:
    """Drop the marks of removed items of the list at `at`; shift those after them."""
    depth = len(at)
    moved: dict[NodePath, Any] = {}
    for path in [p for p in marks if len(p) > depth and p[:depth] == at]:
        value = marks.pop(path)
        index = path[depth]
        if isinstance(index, int) and index not in removed:
            shift = sum(1 for r in removed if r < index)
            moved[(*at, index - shift, *path[depth + 1:])] = value
    marks.update(moved)


def _by_id(base: list[Any], over: list[Any]) -> bool:
    """Rule 2 applies: the overlay names every item by id, the base has items with ids."""
    return (all(isinstance(item, dict) for item in base)
            and any(isinstance(item.get("id"), str) for item in base)
            and all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in over))


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
