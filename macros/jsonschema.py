"""The data's cerberus schemas as JSON Schema (draft 2020-12), for editors: completion, hover
text and checks while typing, before `playbook check` has its say.

Pure: `documents()` gives one schema per kind and one for the overlays, by file name, and
`render` their text; `playbook schema` writes them to `schemas/`. How each cerberus rule the
schemas use becomes JSON Schema:

- `type` -> `type` (list -> array, dict -> object); `nullable: True` adds "null";
- `required: True` -> the field's name in its mapping's `required`;
- a mapping's `schema` -> `properties` and `additionalProperties: false` (the validator runs
  with `allow_unknown = False`, which holds at every level); a list's `schema` -> `items`;
- `keysrules` -> `propertyNames`; `valuesrules` -> `additionalProperties`;
- `allowed` -> `enum`; `min` / `max` -> `minimum` / `maximum`; `minlength` / `maxlength` ->
  `minItems` / `maxItems` (lists) or `minLength` / `maxLength` (text); `empty: False` -> a
  length of at least 1;
- `regex` -> `pattern`, anchored as `^(?:...)$(?!\\n)` to match the whole value like the
  project's validator (`macros.schema.full_match`): a JSON Schema pattern is searched for, and
  `$` matches before a final line feed in Python and Java (not in ECMA-262, where the lookahead
  is redundant but valid);
- `meta.title` / `meta.description` -> `title` / `description`; `meta.hint` ->
  `patternErrorMessage`, the message VS Code's YAML and JSON support show for a pattern that
  does not match (other tools ignore the keyword).

Left out, because JSON Schema cannot say it: `meta.ref` (that an id names an existing record,
checked across files), every kind's and the overlay's `checks` (sums, orders, min <= max,
stated figures, unique ids, departments within the headcount, logo files, ...) and what the
YAML loader refuses (tags, aliases, duplicate keys, special characters). Two differences remain
in the types: cerberus' `integer` accepts `true` and `false` (a Python bool is an int) and
refuses `1.0`, where JSON Schema does the opposite. A pattern's `\\d` matches any Unicode digit
in Python, only 0-9 in ECMA-262 (editors). A rule this module does not know raises ValueError,
so no rule added to a schema is dropped without a decision.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

from macros.editions import schema as overlay
from macros.kinds import KINDS
from macros.schema import Schema

JSON = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Where the schemas would be published: an identifier, not an address editors fetch.
BASE_URI = "https://playbook.intranet.example/schemas/"
OVERLAYS = "orgs"  # schemas/orgs.json describes data/orgs/<slug>.yml

_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
          "list": "array", "dict": "object"}
_LENGTHS = {"string": ("minLength", "maxLength"), "array": ("minItems", "maxItems"),
            "object": ("minProperties", "maxProperties")}
_RULES = {"type", "required", "nullable", "allowed", "empty", "min", "max", "minlength",
          "maxlength", "regex", "schema", "keysrules", "valuesrules", "meta"}


def documents() -> dict[str, JSON]:
    """Every JSON Schema the project ships, by file name: `<kind>.json` and `orgs.json`."""
    docs = {f"{name}.json": document(kind.schema, name, kind.title, _lead(_module_doc(name)))
            for name, kind in KINDS.items()}
    docs[f"{OVERLAYS}.json"] = document(overlay.SCHEMA, OVERLAYS, "Organization overlay",
                                        _lead(overlay.__doc__ or ""))
    return docs


def render(doc: JSON) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def document(fields: Schema, name: str, title: str, description: str) -> JSON:
    """A whole file: a record (a mapping of `fields`) with its identity and explanation."""
    return {"$schema": DIALECT, "$id": f"{BASE_URI}{name}.json", "title": title,
            "description": description, "type": "object", **_mapping(fields)}


def convert(rules: Schema) -> JSON:
    """The JSON Schema of one value checked by cerberus `rules`."""
    unknown = set(rules) - _RULES
    if unknown:
        raise ValueError(f"no JSON Schema for the cerberus rule(s) {', '.join(sorted(unknown))}")
    meta = rules.get("meta", {})
    out: JSON = {key: meta[key] for key in ("title", "description") if key in meta}
    types = _types(rules)
    if types:
        out["type"] = types[0] if len(types) == 1 else types
    kind = types[0] if types else None
    if "allowed" in rules:
        if kind == "array":
            raise ValueError("no JSON Schema for `allowed` on a list")
        out["enum"] = [*rules["allowed"], *([None] if rules.get("nullable") else [])]
    for rule, keyword in (("min", "minimum"), ("max", "maximum")):
        if rule in rules:
            out[keyword] = rules[rule]
    out.update(_lengths(rules, kind))
    if "regex" in rules:
        out["pattern"] = anchored(rules["regex"])
        if "hint" in meta:
            out["patternErrorMessage"] = meta["hint"]
    if "schema" in rules:
        if kind == "object":
            out.update(_mapping(rules["schema"]))
        elif kind == "array":
            out["items"] = convert(rules["schema"])
        else:
            raise ValueError("no JSON Schema for `schema` without type list or dict")
    if "keysrules" in rules:
        out["propertyNames"] = convert(rules["keysrules"])
    if "valuesrules" in rules:
        out["additionalProperties"] = convert(rules["valuesrules"])
    return out


def anchored(pattern: str) -> str:
    """`pattern` (written `^...$`) as a JSON Schema pattern that must match the whole value."""
    inner = pattern.removeprefix("^").removesuffix("$")
    return f"^(?:{inner})$(?!\\n)" if "|" in inner else f"^{inner}$(?!\\n)"


def _mapping(fields: Schema) -> JSON:
    out: JSON = {"properties": {name: convert(rules) for name, rules in fields.items()}}
    required = [name for name, rules in fields.items() if rules.get("required")]
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def _types(rules: Schema) -> list[str]:
    named = rules.get("type")
    if named is None:
        return []
    types = [_TYPES[t] for t in ([named] if isinstance(named, str) else named)]
    return [*types, "null"] if rules.get("nullable") else types


def _lengths(rules: Schema, kind: str | None) -> JSON:
    at_least = max(rules.get("minlength", 0), 0 if rules.get("empty", True) else 1)
    if not at_least and "maxlength" not in rules:
        return {}
    if kind not in _LENGTHS:
        raise ValueError(f"no JSON Schema for a length rule on type {kind}")
    low, high = _LENGTHS[kind]
    out: JSON = {low: at_least} if at_least else {}
    if "maxlength" in rules:
        out[high] = rules["maxlength"]
    return out


def _module_doc(kind: str) -> str:
    return importlib.import_module(f"macros.kinds.{kind.replace('-', '_')}").__doc__ or ""


def _lead(doc: str) -> str:
    """The first paragraph of a docstring, on one line."""
    return " ".join(doc.strip().split("\n\n")[0].split())
