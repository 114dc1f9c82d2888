"""The data kinds, by name, in the order `macros.registry` declares them."""

from __future__ import annotations

from importlib import import_module

from macros.kinds.base import Kind
from macros.registry import KIND_NAMES, schema_module


def _declared(name: str) -> Kind:
    kind = import_module(schema_module(name)).KIND
    if not isinstance(kind, Kind) or kind.name != name:
        raise TypeError(f"{schema_module(name)}.KIND must be the Kind named {name!r}")
    return kind


KINDS: dict[str, Kind] = {name: _declared(name) for name in KIND_NAMES}

__all__ = ["KINDS", "Kind"]
