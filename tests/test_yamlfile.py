"""The loader: safe, strict about keys, and exact about positions."""

from __future__ import annotations

import pytest

from macros.yamlfile import load_text


def test_values_keep_their_positions() -> None:
    doc, problems = load_text("id: a\nfixes:\n  - one\n  - two\n", "f.yml")
    assert problems == [] and doc is not None
    assert doc.data == {"id": "a", "fixes": ["one", "two"]}
    assert doc.mark(("fixes", 1)) == (4, 5)
    assert doc.mark(("fixes",), key=True) == (2, 1)
    # An unknown path falls back to its nearest known ancestor.
    assert doc.mark(("fixes", 1, "deeper")) == (4, 5)


def test_every_duplicate_key_is_reported() -> None:
    doc, problems = load_text("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "f.yml")
    assert [p.format() for p in problems] == [
        "f.yml:4:3: error: duplicate key 'c' (first set on line 3): keep only one of them "
        "[duplicate-key]",
        "f.yml:5:1: error: duplicate key 'a' (first set on line 1): keep only one of them "
        "[duplicate-key]",
    ]
    assert doc is not None and doc.data == {"a": 1, "b": {"c": 1}}


@pytest.mark.parametrize("text", [
    "x: !!python/object/apply:os.system ['id']\n",
    "x: !!python/name:os.system\n",
    "x: !custom value\n",
    "x: !!binary aGVsbG8=\n",
])
def test_tags_never_build_objects(text: str) -> None:
    doc, problems = load_text(text, "f.yml")
    assert [p.rule for p in problems] == ["tag"]
    assert doc is not None and doc.data == {"x": None}


def test_scalars_resolve_like_yaml() -> None:
    doc, _ = load_text("i: 3\nf: 0.5\nb: true\nn: null\nd: 2026-01-01\ns: '3'\n", "f.yml")
    assert doc is not None
    assert doc.data == {"i": 3, "f": 0.5, "b": True, "n": None, "d": "2026-01-01", "s": "3"}


def test_syntax_error_and_empty_file() -> None:
    _, problems = load_text("a: [1, 2\n", "f.yml")
    assert [(p.line, p.rule) for p in problems] == [(2, "syntax")]
    _, problems = load_text("# only a comment\n", "f.yml")
    assert [p.format() for p in problems] == [
        "f.yml:1:1: error: file is empty: write one record as a YAML mapping [empty]"]
