"""The JSON Schemas under schemas/ (for editors) agree with the cerberus schemas.

Parity: every shipped data file and valid example passes its JSON Schema. An invalid example
is compared only when the JSON Schema can express its fault, decided by the project itself:
the file loads without a YAML problem (the loader's refusals, such as tags or duplicate keys,
never reach a schema) and cerberus rejects it against its schema (`macros.schema.validate`).
Such a file must fail its JSON Schema at exactly the fields cerberus names. The other invalid
examples break a check beyond the schema (sums, orders, references to other records), so they
must pass it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLES, ROOT
from jsonschema import Draft202012Validator, FormatChecker

from macros.cli import main
from macros.editions.schema import SCHEMA as OVERLAY
from macros.jsonschema import OVERLAYS, anchored, documents
from macros.kinds import KINDS
from macros.schema import Schema, _leaves, _Validator, full_match, validate
from macros.yamlfile import Document, load_file

SCHEMA_DIR = ROOT / "schemas"
DOCS = documents()
CERBERUS: dict[str, Schema] = {**{name: kind.schema for name, kind in KINDS.items()},
                               OVERLAYS: OVERLAY}


def records(*bases: Path, orgs: Path | None = None) -> list[tuple[str, Path]]:
    """(schema name, file) for the records under each base and the overlays under `orgs`."""
    found = [(p.parent.name, p) for base in bases for p in sorted(base.glob("*/*.yml"))
             if p.parent.name in KINDS]
    if orgs is not None:
        found += [(OVERLAYS, p) for p in sorted(orgs.glob("*.yml"))]
        found += [(p.parent.name, p) for p in sorted(orgs.glob("*/*/*.yml"))]
    return found


SHIPPED = records(ROOT / "data", orgs=ROOT / "data" / "orgs")
VALID = records(EXAMPLES / "valid", orgs=EXAMPLES / "orgs" / "valid")
INVALID = records(EXAMPLES / "invalid", orgs=EXAMPLES / "orgs" / "invalid")


def _load(path: Path) -> Document | None:
    doc, problems = load_file(path, path.name)
    return None if problems else doc


def _schema_level(name: str, path: Path) -> bool | None:
    """Whether cerberus rejects the file; None when the loader already refuses it."""
    doc = _load(path)
    return None if doc is None else bool(validate(doc, CERBERUS[name]))


LEVELS = {(name, path): _schema_level(name, path) for name, path in INVALID}
SCHEMA_LEVEL = [case for case, level in LEVELS.items() if level]
CHECK_LEVEL = [case for case, level in LEVELS.items() if level is False]


def _id(case: tuple[str, Path]) -> str:
    return f"{case[0]}/{case[1].name}"


Field = tuple[str | int, ...]


def _faults(name: str, path: Path) -> tuple[set[Field], set[Field]]:
    """The fields at fault in a file, by cerberus and by its JSON Schema. A missing or unknown
    field counts at its own path (JSON Schema reports it at the mapping)."""
    doc = _load(path)
    assert doc is not None, f"{path} does not load"
    cerberus = _Validator(CERBERUS[name])
    cerberus.allow_unknown = False
    cerberus.validate(doc.data)
    return ({tuple(e.document_path) for e in _leaves(cerberus._errors)},
            {field for e in Draft202012Validator(DOCS[f"{name}.json"]).iter_errors(doc.data)
             for field in _fields_at_fault(e)})


def _fields_at_fault(error: Any) -> set[Field]:
    at = tuple(error.absolute_path)
    if error.validator == "required":
        return {(*at, f) for f in error.validator_value if f not in error.instance}
    if error.validator == "additionalProperties" and error.validator_value is False:
        return {(*at, k) for k in error.instance if k not in error.schema.get("properties", {})}
    if "propertyNames" in error.absolute_schema_path:
        return {(*at, error.instance)}
    return {at}


def test_committed_schemas_are_current(tmp_path: Path) -> None:
    assert main(["--root", str(ROOT), "schema", "--out", str(tmp_path)]) == 0
    made = {p.name: p.read_bytes() for p in tmp_path.glob("*.json")}
    shipped = {p.name: p.read_bytes() for p in SCHEMA_DIR.glob("*.json")}
    stale = sorted(n for n in made.keys() | shipped.keys() if made.get(n) != shipped.get(n))
    assert stale == [], f"schemas/ is out of date ({', '.join(stale)}): run `playbook schema`"
    assert set(made) == {f"{name}.json" for name in KINDS} | {f"{OVERLAYS}.json"}


@pytest.mark.parametrize("name", sorted(DOCS))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    Draft202012Validator.check_schema(DOCS[name])
    for pattern in _patterns(DOCS[name]):
        assert FormatChecker().conforms(pattern, "regex"), pattern


# Keywords that mean the same in draft-07, which Red Hat's YAML language server implements,
# and the message keyword VS Code shows for a failed pattern.
PORTABLE = {"$schema", "$id", "title", "description", "type", "enum", "minimum", "maximum",
            "minLength", "maxLength", "minItems", "maxItems", "minProperties", "pattern",
            "patternErrorMessage", "properties", "required", "additionalProperties",
            "propertyNames", "items"}


@pytest.mark.parametrize("name", sorted(DOCS))
def test_schema_uses_only_keywords_editors_share(name: str) -> None:
    def keywords(node: Any) -> Iterator[str]:
        yield from node
        children = [*node.get("properties", {}).values(), node.get("items"),
                    node.get("additionalProperties"), node.get("propertyNames")]
        for child in children:
            if isinstance(child, dict):
                yield from keywords(child)

    assert set(keywords(DOCS[name])) <= PORTABLE


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


def test_patterns_are_ecma_262_regexes() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    patterns = sorted({p for doc in DOCS.values() for p in _patterns(doc)})
    script = ("const ps = JSON.parse(require('fs').readFileSync(0, 'utf8')); "
              "for (const p of ps) { new RegExp(p); new RegExp(p, 'u'); }")
    done = subprocess.run([node, "-e", script], input=json.dumps(patterns), text=True,
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("pattern", "value"), [
    (r"^[a-z0-9]+(-[a-z0-9]+)*$", "kebab-id"), (r"^[a-z0-9]+(-[a-z0-9]+)*$", "kebab-id\n"),
    (r"^[a-z0-9]+(-[a-z0-9]+)*$", "x kebab-id"), (r"^a|b$", "a"), (r"^a|b$", "ab"),
    (r"^a|b$", "xb"), (r"^\d{4}-(0[1-9]|1[0-2])$", "2027-03"),
])
def test_anchored_patterns_match_whole_values_like_the_validator(pattern: str,
                                                                 value: str) -> None:
    assert (re.search(anchored(pattern), value) is not None) == full_match(pattern, value)


@pytest.mark.parametrize("case", SHIPPED + VALID, ids=_id)
def test_valid_file_passes_its_json_schema(case: tuple[str, Path]) -> None:
    assert _faults(*case) == (set(), set())


@pytest.mark.parametrize("case", SCHEMA_LEVEL, ids=_id)
def test_schema_level_invalid_example_fails_its_json_schema(case: tuple[str, Path]) -> None:
    by_cerberus, by_json_schema = _faults(*case)
    assert by_cerberus
    assert by_json_schema == by_cerberus


@pytest.mark.parametrize("case", CHECK_LEVEL, ids=_id)
def test_check_level_invalid_example_passes_its_json_schema(case: tuple[str, Path]) -> None:
    assert _faults(*case) == (set(), set())


def test_the_comparison_covers_the_examples() -> None:
    assert len(SHIPPED) > 40 and len(VALID) > 20
    assert len(SCHEMA_LEVEL) >= 10 and len(CHECK_LEVEL) >= 10


def test_vscode_maps_every_schema() -> None:
    mapped = json.loads((ROOT / ".vscode" / "settings.json").read_text())["yaml.schemas"]
    globs = {Path(schema).name: [globs] if isinstance(globs, str) else globs
             for schema, globs in mapped.items()}
    assert set(globs) == set(DOCS)
    for schema in mapped:
        assert (ROOT / schema).resolve().parent == SCHEMA_DIR
    for name in KINDS:
        assert f"data/{name}/*.yml" in globs[f"{name}.json"]
    assert f"data/{OVERLAYS}/*.yml" in globs[f"{OVERLAYS}.json"]
