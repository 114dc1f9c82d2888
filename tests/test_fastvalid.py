"""The fast path may only say "valid" where cerberus says valid (macros/fastvalid.py)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.editions.schema import SCHEMA as OVERLAY_SCHEMA
from macros.fastvalid import compile_schema
from macros.kinds import KINDS
from macros.schema import _validator_for
from macros.yamlfile import load_file

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {**{name: kind.schema for name, kind in KINDS.items()}, "orgs": OVERLAY_SCHEMA}


def _records() -> list[tuple[str, Path]]:
    """Every shipped record and every example file, with the schema that checks it."""
    found = []
    for folder in (ROOT / "data", ROOT / "tests" / "examples"):
        for path in sorted(folder.rglob("*.yml")):
            kind = next((part for part in reversed(path.parts) if part in SCHEMAS), None)
            if kind is not None:
                found.append((kind, path))
    return found


RECORDS = _records()


def _cerberus(kind: str, data: Any) -> bool:
    return bool(_validator_for(SCHEMAS[kind]).validate(data, normalize=False))


def test_every_schema_has_a_fast_path() -> None:
    assert [name for name, schema in SCHEMAS.items() if compile_schema(schema) is None] == []


@pytest.mark.parametrize(("kind", "path"), RECORDS,
                         ids=[str(p.relative_to(ROOT)) for _, p in RECORDS])
def test_fast_path_agrees_with_cerberus_on_every_file(kind: str, path: Path) -> None:
    doc, _ = load_file(path, str(path))
    if doc is None or not isinstance(doc.data, dict):
        pytest.skip("not a mapping: validation never runs")
    fast = compile_schema(SCHEMAS[kind])
    assert fast is not None
    # Both ways on real files: a plainly valid file takes the fast path, an invalid one never.
    assert fast(doc.data) == _cerberus(kind, doc.data)


def _shipped() -> list[tuple[str, Any]]:
    out = []
    for kind, path in RECORDS:
        doc, _ = load_file(path, str(path))
        if "examples" not in path.parts and doc is not None:
            out.append((kind, doc.data))
    return out


SHIPPED = _shipped()  # read once: the examples a run draws from must not change under it
ODD_VALUES = st.sampled_from([None, "", " ", [], {}, 0, -1, 1.5, 10**12, True, False, "x",
                              "Not An Id", "a\n", ["x"], [None], {"x": 1}, {"id": "x"}])


def _nodes(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _nodes(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _nodes(item, (*at, i))
    return out


def _parent(data: Any, at: tuple[Any, ...]) -> Any:
    for part in at[:-1]:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    kind, original = draw(st.sampled_from(SHIPPED))
    data = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 3))):
        spots = [at for at in _nodes(data) if at]
        if not spots:
            break
        at = draw(st.sampled_from(spots))
        parent = _parent(data, at)
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[at[-1]]
        elif action == "delete":
            parent.pop(at[-1])
        elif action == "add" and isinstance(parent, dict):
            key = draw(st.sampled_from(["extra", "Id", "notes", 3]))
            parent[key] = copy.deepcopy(draw(ODD_VALUES))
        else:
            parent[at[-1]] = copy.deepcopy(draw(ODD_VALUES))
    return kind, data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fast_path_never_accepts_what_cerberus_refuses(case: tuple[str, Any]) -> None:
    kind, data = case
    fast = compile_schema(SCHEMAS[kind])
    assert fast is not None
    if fast(data):
        assert _cerberus(kind, data), data
