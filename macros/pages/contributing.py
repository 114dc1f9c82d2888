"""The contributors' reference: one page per kind and one for overlays, made from the schemas.

Each page lists every field of the schema the loader validates with (the same one
`playbook schema` turns into JSON Schema): its type, whether it is required, the values it
accepts and its `meta.description`, then the valid example record from the kind module's
docstring (tests load every example through the real loader). The pages do not depend on the
data, so they are written once per process and every edition shows the same ones.
"""

from __future__ import annotations

import importlib
import posixpath
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from macros.editions import schema as overlay
from macros.kinds import KINDS
from macros.md import Markdown, code_block, heading, inline, link, paragraphs, table
from macros.schema import Schema, fields_of

FOLDER = "contributing"
KINDS_INDEX = f"{FOLDER}/kinds/index.md"
OVERLAYS = f"{FOLDER}/overlays.md"
OVERLAY_FILE = "data/orgs/brightpath.yml"   # where the overlay's docstring example would live
# A docstring example: "... (`data/<kind>/<id>.yml` ...)::" then the record, indented.
_EXAMPLE = re.compile(r"`(data/[^`]+\.yml)`[^\n]*::\n\n((?:    .*\n|[ \t]*\n)+)")
_OVERLAY_EXAMPLE = re.compile(r"A valid overlay[^\n]*::\n\n((?:    .*\n|[ \t]*\n)+)")
_TYPES = {"string": "text", "integer": "whole number", "number": "number",
          "boolean": "true or false", "dict": "mapping", "list": "list"}


@dataclass(frozen=True)
class Example:
    path: str   # the file it would be, e.g. data/bottlenecks/champion-burnout.yml
    text: str


@dataclass(frozen=True)
class Field:
    path: str   # dotted, as in `described`: a list's items are entered, `*` is any key
    rules: Schema

    @property
    def description(self) -> str:
        return str(self.rules.get("meta", {}).get("description", ""))


def kind_uri(kind: str) -> str:
    return f"{FOLDER}/kinds/{kind}.md"


def uris() -> list[str]:
    """Every page of the section this module writes, index first."""
    return [KINDS_INDEX, *(kind_uri(kind) for kind in KINDS), OVERLAYS]


@cache
def pages() -> tuple[tuple[str, str], ...]:
    """(uri, Markdown) of every contributors' reference page."""
    return ((KINDS_INDEX, _kinds_index()),
            *((kind_uri(name), _kind_page(name)) for name in KINDS),
            (OVERLAYS, _overlay_page()))


def example(kind: str) -> Example | None:
    """The example record of a kind module's docstring."""
    found = _EXAMPLE.search(_module_doc(kind))
    return Example(found[1], _dedent(found[2])) if found else None


def overlay_example() -> Example | None:
    found = _OVERLAY_EXAMPLE.search(overlay.__doc__ or "")
    return Example(OVERLAY_FILE, _dedent(found[1])) if found else None


def fields(schema: Schema, at: str = "") -> Iterator[Field]:
    """Every field, nested ones after their parent: a mapping's, a list's records' and the
    values of a mapping with `valuesrules` (written `*`)."""
    for name, rules in schema.items():
        path = f"{at}.{name}" if at else name
        yield Field(path, rules)
        yield from _inside(rules, path)


def _inside(rules: Schema, path: str) -> Iterator[Field]:
    inner = fields_of(rules)
    if inner is not None:
        yield from fields(inner, path)
    values = rules.get("valuesrules")
    if isinstance(values, dict):
        yield Field(f"{path}.*", values)
        yield from _inside(values, f"{path}.*")


def type_text(rules: Schema) -> str:
    named = rules.get("type")
    if named is None:
        shown = "any value"
    elif isinstance(named, list):
        shown = " or ".join(_TYPES.get(t) or str(t) for t in named)
    elif named == "list" and isinstance(rules.get("schema"), dict):
        inner = rules["schema"]
        shown = "list of records" if fields_of(rules) is not None else \
            f"list of {type_text(inner)}"
    else:
        shown = _TYPES.get(named) or str(named)
    return f"{shown} or null" if rules.get("nullable") else shown


def accepts(rules: Schema, from_uri: str) -> Markdown:
    """What values the field accepts beyond its type, as escaped Markdown."""
    parts: list[str] = []
    if "allowed" in rules:
        parts.append(inline("one of: " + ", ".join(str(v) for v in rules["allowed"])))
    low, high = rules.get("min"), rules.get("max")
    if low is not None and high is not None:
        parts.append(inline(f"from {low} to {high}"))
    elif low is not None:
        parts.append(inline(f"at least {low}"))
    elif high is not None:
        parts.append(inline(f"at most {high}"))
    least = max(rules.get("minlength", 0), 0 if rules.get("empty", True) else 1)
    if least:
        parts.append(inline("not empty" if least == 1 else f"at least {least} items"))
    if "maxlength" in rules:
        parts.append(inline(f"at most {rules['maxlength']} items"))
    meta = rules.get("meta", {})
    if "ref" in meta:
        target = kind_uri(meta["ref"])
        parts.append(Markdown(f"{inline('the id of a record in')} "
                              f"{link(KINDS[meta['ref']].title, _relative(from_uri, target))}"))
    elif "regex" in rules:
        parts.append(inline(meta.get("hint") or f"matches {rules['regex']}"))
    items = rules.get("schema")
    if rules.get("type") == "list" and isinstance(items, dict) and fields_of(rules) is None:
        each = accepts(items, from_uri)
        if each:
            parts.append(Markdown(f"{inline('each item:')} {each}"))
    keys = rules.get("keysrules")
    if isinstance(keys, dict):
        parts.append(Markdown(f"{inline('keys:')} {accepts(keys, from_uri)}"))
    return Markdown("; ".join(parts))


def field_table(schema: Schema, from_uri: str) -> Markdown:
    rows = ([f.path, type_text(f.rules), "yes" if f.rules.get("required") else "no",
             accepts(f.rules, from_uri), f.description] for f in fields(schema))
    return table(["Field", "Type", "Required", "Accepts", "Description"], rows)


_READING = ("A dotted name is a field inside another: a.b is the field b of the mapping a, "
            "or of each item when a is a list of records; * stands for any key. A nested "
            "field marked required is required whenever its parent is there.")


def _kind_page(name: str) -> str:
    kind = KINDS[name]
    uri = kind_uri(name)
    found = example(name)
    parts = [f"# {inline(kind.title + ': the fields')}", paragraphs(_lead(_module_doc(name))),
             inline(f"One file per record: data/{name}/<id>.yml, named after its id. Editors "
                    f"check it with schemas/{name}.json."),
             heading(2, "Fields", "fields"), inline(_READING), field_table(kind.schema, uri)]
    if found is not None:
        parts += [heading(2, "Example", "example"),
                  inline(f"A valid record, as the file {found.path}:"),
                  code_block(found.text, "yaml")]
    return "\n\n".join(parts) + "\n"


def _overlay_page() -> str:
    found = overlay_example()
    parts = ["# Organization overlays", paragraphs(_lead(overlay.__doc__ or "")),
             inline("One file per organization: data/orgs/<slug>.yml; its own records go in "
                    "data/orgs/<slug>/<kind>/<id>.yml and follow that kind's fields. Editors "
                    "check it with schemas/orgs.json."),
             heading(2, "Fields", "fields"), inline(_READING),
             field_table(overlay.SCHEMA, OVERLAYS)]
    if found is not None:
        parts += [heading(2, "Example", "example"),
                  inline(f"A valid overlay, as the file {found.path}:"),
                  code_block(found.text, "yaml")]
    return "\n\n".join(parts) + "\n"


def _kinds_index() -> str:
    rows = ([link(kind.title, _relative(KINDS_INDEX, kind_uri(name))), f"data/{name}/",
             _lead(_module_doc(name))] for name, kind in KINDS.items())
    return "\n\n".join([
        "# Record kinds",
        inline("Each folder under data/ holds one kind of record, one YAML file per record. "
               "Each page below lists the fields of a kind, what each accepts and what it "
               "means, with a valid record to start from."),
        table(["Kind", "Folder", "What it holds"], rows),
        Markdown(f"{inline('An organization edition is described by an overlay:')} "
                 f"{link('Organization overlays', _relative(KINDS_INDEX, OVERLAYS))}."),
    ]) + "\n"


def _relative(from_uri: str, to_uri: str) -> str:
    """A link from one page to another, both given as paths in docs/."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def _module_doc(kind: str) -> str:
    module: Any = importlib.import_module(f"macros.kinds.{kind.replace('-', '_')}")
    return str(module.__doc__ or "")


def _lead(doc: str) -> str:
    """The first paragraph of a docstring, on one line, without its code quotes (the page
    shows them as plain text)."""
    return " ".join(doc.strip().split("\n\n")[0].replace("`", "").split())


def _dedent(block: str) -> str:
    return textwrap.dedent(block).strip("\n") + "\n"
