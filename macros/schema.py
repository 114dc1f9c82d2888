"""Cerberus validation translated into positioned problems with messages that say how to fix.

Kinds declare plain cerberus schemas; the building blocks below keep them short and consistent.
A field may carry ``meta: {"ref": "<kind>"}`` (a reference to a record id of that kind, checked
after every file is loaded), ``meta: {"hint": "..."}`` (shown when a regex does not match) and
``meta: {"description": "...", "title": "..."}`` (for editors, through `macros.jsonschema`; set
with `described`). Validation ignores descriptions and titles.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from cerberus import Validator
from cerberus.errors import REGEX_MISMATCH, ValidationError

from macros.fastvalid import Test, compile_schema
from macros.problems import Problem
from macros.yamlfile import Document, NodePath

Schema = dict[str, Any]
# A field's description, or its (title, description).
Doc = str | tuple[str, str]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_HINT = "use kebab-case: lowercase letters, digits and single hyphens, e.g. 'champion-burnout'"


def identifier(*, required: bool = True) -> Schema:
    return {"type": "string", "required": required, "regex": ID_PATTERN,
            "meta": {"hint": ID_HINT}}


def ref(kind: str, *, required: bool = False, also: tuple[str, ...] = ()) -> Schema:
    """An id of a `kind` record; `also` lists words the field accepts besides, e.g. 'pilot'."""
    meta: dict[str, Any] = {"hint": ID_HINT, "ref": kind}
    if also:
        meta["also"] = list(also)
    return {**identifier(required=required), "meta": meta}


def ref_list(kind: str, *, required: bool = False) -> Schema:
    return {"type": "list", "required": required, "schema": ref(kind)}


def text(*, required: bool = True) -> Schema:
    return {"type": "string", "required": required, "empty": False}


def texts(*, required: bool = True, minlength: int = 1) -> Schema:
    return {"type": "list", "required": required, "minlength": minlength, "schema": text()}


def integer(*, required: bool = True, minimum: int = 0) -> Schema:
    return {"type": "integer", "required": required, "min": minimum}


def number(*, required: bool = True, minimum: float = 0) -> Schema:
    return {"type": "number", "required": required, "min": minimum}


def percent(*, required: bool = True) -> Schema:
    return {"type": "number", "required": required, "min": 0, "max": 100}


def span(value: Schema, *, required: bool = True, open_ended: bool = False) -> Schema:
    """A range `{min: 3, max: 4}`; with `open_ended`, a missing max reads as "or more", and
    `open: true` beside a max says the source puts "or more" after it ("100-500+")."""
    most = "The highest value" + ("; leave it out to mean \"or more\"." if open_ended else ".")
    fields: Schema = {
        "min": {**value, "required": True, "meta": {"description": "The lowest value."}},
        "max": {**value, "required": not open_ended, "meta": {"description": most}},
    }
    if open_ended:
        fields["open"] = {"type": "boolean", "required": False, "meta": {
            "description": "true when the range goes on beyond its max, shown as '100-500+' "
                           "(optional)."}}
    return {"type": "dict", "required": required, "schema": fields}


def mapping(fields: Schema, *, required: bool = True) -> Schema:
    return {"type": "dict", "required": required, "schema": fields}


def records(fields: Schema, *, required: bool = True, minlength: int = 1) -> Schema:
    return {"type": "list", "required": required, "minlength": minlength,
            "schema": {"type": "dict", "schema": fields}}


def described(schema: Schema, docs: Mapping[str, Doc]) -> Schema:
    """A copy of `schema` whose fields carry the descriptions (and titles) of `docs` in `meta`.

    Keys are dotted field paths: `budget.sections.lines.item` goes through a list of records to
    its items' fields, and `*` names the values of a mapping checked with `valuesrules`. A path
    that names no field raises KeyError. Every nested rule is copied, so a building block that
    two fields share (one `span` object) gets a description for each.
    """
    out: Schema = _copied(schema)
    for path, doc in docs.items():
        title, about = doc if isinstance(doc, tuple) else (None, doc)
        rules = _rules_at(out, path)
        rules["meta"] = {**rules.get("meta", {}), "description": about,
                         **({"title": title} if title else {})}
    return out


def basic_docs(singular: str, *, ordered: bool = True) -> dict[str, Doc]:
    """The descriptions of the fields most records start with: id, title and order."""
    docs: dict[str, Doc] = {
        "id": f"The {singular}'s permanent id, in kebab-case: its file name without .yml and the "
              "last part of its page address. Links depend on it, so never change it.",
        "title": f"The {singular}'s name: the heading of its page and its link text in lists.",
    }
    if ordered:
        docs["order"] = f"Where the {singular} comes in lists and in the navigation: 1 first."
    return docs


def fields_of(rules: Schema) -> Schema | None:
    """The named fields under `rules`: a mapping's, or those of a list's records."""
    inner = rules.get("schema")
    if rules.get("type") == "list" and isinstance(inner, dict):
        inner = inner.get("schema") if inner.get("type") == "dict" else None
    return inner if rules.get("type") in ("dict", "list") and isinstance(inner, dict) else None


def _rules_at(schema: Schema, path: str) -> Schema:
    fields: Schema | None = schema
    rules: Schema = {}
    for part in path.split("."):
        if part == "*" and isinstance(rules.get("valuesrules"), dict):
            rules = rules["valuesrules"]
        elif fields is not None and isinstance(fields.get(part), dict):
            rules = fields[part]
        else:
            raise KeyError(f"cannot describe {path!r}: the schema has no field {part!r} there")
        fields = fields_of(rules)
    return rules


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


_NUMBER_TEXT = re.compile(r"\s*[$€£]?\s*(\d{1,3}(?:[,_ ]\d{3})+|\d+(?:\.\d+)?)\s*"
                          r"([kKmM](?![A-Za-z])|)\s*(%|[A-Za-z][A-Za-z ]*)?\s*")
_SCALE = {"": 1, "k": 1_000, "m": 1_000_000, "thousand": 1_000, "million": 1_000_000}


def number_hint(value: Any) -> str:
    """How to write a number that was given as text: quoted, with a thousands separator, a
    unit or a word ("225,000", "40k", "250 people"). Empty when no number can be read."""
    if not isinstance(value, str):
        return ""
    match = _NUMBER_TEXT.fullmatch(value)
    if match is None:
        return "; write it in digits"
    digits, scale, word = match.groups()
    amount = float(re.sub(r"[,_ ]", "", digits)) * _SCALE[scale.lower()]
    amount *= _SCALE.get((word or "").strip().lower(), 1)
    exact = f"{amount:.0f}" if amount == int(amount) else f"{amount:g}"
    if exact == value.strip() and not word:
        return f"; write {exact} without quotes"
    return f"; write {exact}: digits only, without separators, units or words"


_TYPE_WORDS = {
    "string": "text", "integer": "a whole number", "number": "a number",
    "boolean": "true or false", "list": "a list (lines starting with '- ')",
    "dict": "a mapping (`key: value` lines)",
}


class _Validator(Validator):  # type: ignore[misc]
    """Cerberus with regexes that must match the whole value.

    Cerberus appends `$` and uses `re.match`, so `'kebab-id\\n'` passes `^[a-z-]+$` (`$` also
    matches before a final newline). Schemas keep portable `^...$` patterns (the JSON Schema
    dialect); this validator applies them with `re.fullmatch`.
    """

    def _validate_regex(self, pattern: str, field: str, value: Any) -> None:
        """{'type': 'string'}"""
        if isinstance(value, str) and not full_match(pattern, value):
            self._error(field, REGEX_MISMATCH)


def full_match(pattern: str, value: str) -> bool:
    """`pattern` (written `^...$`) matches all of `value`, a trailing newline included."""
    return re.fullmatch(pattern.removeprefix("^").removesuffix("$"), value) is not None


# One validator per schema, reused: building one makes cerberus hash and check the whole
# schema, which cost more than validating a small record (10,000 records: 40 s of 44).
_VALIDATORS: dict[int, tuple[Schema, _Validator]] = {}
# The fast yes for plainly valid records (macros/fastvalid.py), per schema like the validators.
_FAST: dict[int, tuple[Schema, Test | None]] = {}


def _validator_for(schema: Schema) -> _Validator:
    known = _VALIDATORS.get(id(schema))
    if known is not None and known[0] is schema:
        return known[1]
    validator = _Validator(schema)
    validator.allow_unknown = False
    _VALIDATORS[id(schema)] = (schema, validator)  # holding the schema keeps its id unique
    return validator


def _fast_for(schema: Schema) -> Test | None:
    known = _FAST.get(id(schema))
    if known is not None and known[0] is schema:
        return known[1]
    test = compile_schema(schema)
    _FAST[id(schema)] = (schema, test)
    return test


def validate(doc: Document, schema: Schema) -> list[Problem]:
    fast = _fast_for(schema)
    if fast is not None and fast(doc.data):
        return []
    validator = _validator_for(schema)
    # normalize=False: no schema uses defaults or coercion, and normalizing copies the schema.
    if validator.validate(doc.data if isinstance(doc.data, dict) else {"": doc.data},
                          normalize=False):
        return []
    if not isinstance(doc.data, dict):
        return [doc.problem((), "a record must be a YAML mapping of `field: value` lines",
                            "type")]
    return [_translate(err, doc, schema) for err in _leaves(validator._errors)
            if not _under_refused(tuple(err.document_path), doc)]


def _under_refused(at: NodePath, doc: Document) -> bool:
    return any(at[:len(bad)] == bad for bad in doc.refused)


def _leaves(errors: list[ValidationError]) -> Iterator[ValidationError]:
    for err in errors:
        if err.is_group_error:
            yield from _leaves(err.child_errors)
        else:
            yield err


def dotted(node_path: NodePath) -> str:
    out = ""
    for part in node_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "record"


def _translate(err: ValidationError, doc: Document, schema: Schema) -> Problem:
    at: NodePath = tuple(err.document_path)
    name = dotted(at)
    field = at[-1] if at else ""
    rule = err.rule
    on_key = "keysrules" in err.schema_path  # the mapping key itself is what is wrong

    def problem(message: str, rule_name: str, node: NodePath = at) -> Problem:
        return doc.problem(node, message, rule_name, key=on_key)

    if err.code == 0x03:  # unknown field
        allowed = sorted(_schema_at(schema, err.schema_path))
        close = difflib.get_close_matches(str(field), allowed, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return doc.problem(at, f"unknown field {name!r}: {hint}allowed here: "
                           f"{', '.join(allowed)}", "unknown-field", key=True)
    if rule == "required":
        if at in doc.value_marks:  # present in the source, deleted by an overlay's `null`
            return doc.problem(at, f"{name!r} is required, but this overlay line deletes it "
                               "with null: give it a value instead", "required", key=True)
        return problem(f"{name!r} is required: add `{field}: ...` here", "required", at[:-1])
    if rule == "type":
        want = _TYPE_WORDS.get(str(err.constraint), str(err.constraint))
        hint = number_hint(err.value) if err.constraint in ("integer", "number") else ""
        return problem(f"{name!r} must be {want}, not {_describe(err.value)}{hint}", "type")
    if rule == "nullable":
        return problem(f"{name!r} has no value: fill it in or delete the line", "type")
    if rule == "empty":
        return problem(f"{name!r} is empty: write some text or delete the line", "empty")
    if rule == "minlength":
        return problem(f"{name!r} needs at least {err.constraint} item(s)", "length")
    if rule == "allowed":
        choices = ", ".join(str(c) for c in err.constraint)
        return problem(f"{name!r} must be one of: {choices} (got {err.value!r})", "allowed")
    if rule in ("min", "max"):
        word = "at least" if rule == "min" else "at most"
        return problem(f"{name!r} must be {word} {err.constraint} (got {err.value!r})", "range")
    if rule == "regex":
        hint = _field_meta(schema, err.schema_path).get("hint", f"match {err.constraint}")
        rule_name = "id-format" if hint == ID_HINT else "format"
        return problem(f"{name!r} is {err.value!r}: {hint}", rule_name)
    return problem(f"{name!r}: {err.rule} {err.constraint!r} not satisfied", str(rule))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _schema_at(schema: Schema, schema_path: tuple[Any, ...]) -> Schema:
    node: Any = schema
    for part in schema_path:
        node = node[part]
    return node if isinstance(node, dict) else {}


def _field_meta(schema: Schema, schema_path: tuple[Any, ...]) -> dict[str, Any]:
    rule_owner = _schema_at(schema, schema_path[:-1])
    meta = rule_owner.get("meta", {})
    return meta if isinstance(meta, dict) else {}


def references(schema: Schema, data: Any) -> Iterator[tuple[NodePath, str, str]]:
    """Yield (path, kind, id) for every `meta.ref` field present in `data` (a word the field
    accepts besides, `meta.also`, names no record)."""
    for at, meta, value in _ref_fields(schema, data):
        if value not in meta.get("also", ()):
            yield at, meta["ref"], value


def reference_words(schema: Schema, data: Any) -> dict[NodePath, list[str]]:
    """The words (`meta.also`) each `ref` field present in `data` accepts besides an id."""
    return {at: list(meta["also"]) for at, meta, _ in _ref_fields(schema, data)
            if meta.get("also")}


def _ref_fields(schema: Schema, data: Any,
                at: NodePath = ()) -> Iterator[tuple[NodePath, dict[str, Any], str]]:
    if not isinstance(data, dict):
        return
    for key, rules in schema.items():
        if key in data:
            yield from _refs_in(rules, data[key], (*at, key))


def _refs_in(rules: Schema, value: Any,
             at: NodePath) -> Iterator[tuple[NodePath, dict[str, Any], str]]:
    meta = rules.get("meta", {})
    if meta.get("ref") and isinstance(value, str):
        yield at, meta, value
    inner = rules.get("schema")
    if inner is None:
        return
    if rules.get("type") == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _refs_in(inner, item, (*at, i))
    elif rules.get("type") == "dict":
        yield from _ref_fields(inner, value, at)
