"""A quick yes for records that are plainly valid, so cerberus only sees the doubtful ones.

Cerberus walks a schema rule by rule through handler lookups and error bookkeeping; at 10,000
records that was most of `check`'s time. Almost every record in a pull request is valid, so
`compile_schema` turns a schema into nested closures that answer one question: is this record
certainly valid? They may say "no" to a record cerberus would accept (cerberus then decides
and reports), never "yes" to one it would refuse. Schemas using a rule this module does not
know get no fast path at all (`None`).

Only the rules the kinds use are understood: type, required, nullable, empty, allowed, regex,
min, max, minlength, maxlength, schema, keysrules, valuesrules; `meta` and `default` do not
take part in validation (`normalize=False`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Test = Callable[[Any], bool]

_IGNORED = frozenset({"meta", "default", "required"})
_KNOWN = _IGNORED | {"type", "nullable", "empty", "allowed", "regex", "min", "max",
                     "minlength", "maxlength", "schema", "keysrules", "valuesrules"}


class Unsupported(Exception):
    """The schema uses something the fast path does not model."""


def compile_schema(fields: Mapping[str, Any]) -> Test | None:
    """A test of whole records against `fields`, or None when the schema is beyond it."""
    try:
        return _mapping(fields)
    except Unsupported:
        return None


def _mapping(fields: Mapping[str, Any]) -> Test:
    if not isinstance(fields, Mapping):
        raise Unsupported
    tests = {name: _rules(rules) for name, rules in fields.items()}
    required = frozenset(name for name, rules in fields.items() if rules.get("required") is True)

    def test(value: Any) -> bool:
        if type(value) is not dict or not required.issubset(value):
            return False
        for key, item in value.items():
            check = tests.get(key)
            if check is None or not check(item):
                return False
        return True
    return test


def _rules(rules: Any) -> Test:
    if not isinstance(rules, Mapping) or not _KNOWN.issuperset(rules):
        raise Unsupported
    steps = [_type(rules["type"])] if "type" in rules else []
    sized = [step for step in (_length(rules), _allowed(rules), _regex(rules)) if step]
    steps += [step for step in (_bounds(rules), _nested(rules)) if step]
    nullable = rules.get("nullable") is True
    empty_ok = rules.get("empty", True) is not False

    def test(value: Any) -> bool:
        if value is None:
            return nullable
        is_empty = isinstance(value, str | list | dict) and not value
        if is_empty and not empty_ok:
            return False
        # Cerberus skips these rules for an empty value; the fast path may only be stricter.
        return all(step(value) for step in sized) and all(step(value) for step in steps)
    return test


_TYPES: dict[str, Test] = {
    "string": lambda v: type(v) is str,
    "integer": lambda v: type(v) is int,
    "number": lambda v: type(v) in (int, float),
    "boolean": lambda v: type(v) is bool,
    "dict": lambda v: type(v) is dict,
    "list": lambda v: type(v) is list,
}


def _type(name: Any) -> Test:
    if not isinstance(name, str) or name not in _TYPES:
        raise Unsupported
    return _TYPES[name]


def _length(rules: Mapping[str, Any]) -> Test | None:
    least, most = rules.get("minlength"), rules.get("maxlength")
    if least is None and most is None:
        return None
    low = least if least is not None else 0
    high = most if most is not None else float("inf")
    return lambda v: isinstance(v, str | list | dict) and low <= len(v) <= high


def _allowed(rules: Mapping[str, Any]) -> Test | None:
    if "allowed" not in rules:
        return None
    allowed = list(rules["allowed"])

    def test(value: Any) -> bool:
        if type(value) is list:
            return all(item in allowed for item in value)
        return type(value) in (str, int, float, bool) and value in allowed
    return test


def _regex(rules: Mapping[str, Any]) -> Test | None:
    if "regex" not in rules:
        return None
    pattern = re.compile(str(rules["regex"]).removeprefix("^").removesuffix("$"))
    return lambda v: type(v) is not str or pattern.fullmatch(v) is not None


def _bounds(rules: Mapping[str, Any]) -> Test | None:
    low, high = rules.get("min"), rules.get("max")
    if low is None and high is None:
        return None

    def test(value: Any) -> bool:
        if type(value) not in (int, float):
            return False
        return (low is None or value >= low) and (high is None or value <= high)
    return test


def _nested(rules: Mapping[str, Any]) -> Test | None:
    inner, keys, values = rules.get("schema"), rules.get("keysrules"), rules.get("valuesrules")
    if inner is None and keys is None and values is None:
        return None
    kind = rules.get("type")
    if inner is not None and kind == "list":
        each = _rules(inner)
        inner_test: Test | None = lambda v: type(v) is list and all(each(i) for i in v)  # noqa: E731
    elif inner is not None and kind == "dict":
        inner_test = _mapping(inner)
    elif inner is not None:
        raise Unsupported  # cerberus picks the meaning from the value; keep it simple
    else:
        inner_test = None
    key_test = _rules(keys) if keys is not None else None
    value_test = _rules(values) if values is not None else None

    def test(value: Any) -> bool:
        if inner_test is not None and not inner_test(value):
            return False
        if key_test is None and value_test is None:
            return True
        if type(value) is not dict:
            return False
        return (key_test is None or all(key_test(k) for k in value)) and \
            (value_test is None or all(value_test(v) for v in value.values()))
    return test
