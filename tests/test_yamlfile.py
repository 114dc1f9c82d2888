"""The loader: safe, strict about keys, exact about positions, and never crashing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros import yamlfile
from macros.problems import Problem, report
from macros.yamlfile import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_INT_DIGITS,
    load_bytes,
    load_file,
    load_text,
)


def lines(text: str) -> list[str]:
    """The formatted problems of loading `text` as f.yml."""
    return [p.format() for p in load_text(text, "f.yml")[1]]


def test_values_keep_their_positions() -> None:
    doc, problems = load_text("id: a\nfixes:\n  - one\n  - two\n", "f.yml")
    assert problems == [] and doc is not None
    assert doc.data == {"id": "a", "fixes": ["one", "two"]}
    assert doc.mark(("fixes", 1)) == (4, 5)
    assert doc.mark(("fixes",), key=True) == (2, 1)
    # An unknown path falls back to its nearest known ancestor.
    assert doc.mark(("fixes", 1, "deeper")) == (4, 5)


def test_positions_in_flow_collections_and_after_a_bom() -> None:
    doc, problems = load_text("\ufeffa: [x, {b: 'y'}]\nc: |\n  text\n", "f.yml")
    assert problems == [] and doc is not None
    assert doc.data == {"a": ["x", {"b": "y"}], "c": "text\n"}
    assert doc.mark(("a",), key=True) == (1, 1)  # the BOM is not a column
    assert doc.mark(("a", 1, "b")) == (1, 12)
    assert doc.mark(("c",)) == (2, 4)


def test_crlf_files_are_valid() -> None:
    doc, problems = load_text("id: a\r\nfixes:\r\n  - one\r\n  - 'two'\r\n", "f.yml")
    assert problems == [] and doc is not None
    assert doc.data == {"id": "a", "fixes": ["one", "two"]}
    assert doc.mark(("fixes", 1)) == (4, 5)


def test_every_duplicate_key_is_reported() -> None:
    doc, problems = load_text("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "f.yml")
    assert [p.format() for p in problems] == [
        "f.yml:4:3: error: duplicate key 'c' (first set on line 3): keep only one of them "
        "[duplicate-key]",
        "f.yml:5:1: error: duplicate key 'a' (first set on line 1): keep only one of them "
        "[duplicate-key]",
    ]
    assert doc is not None and doc.data == {"a": 1, "b": {"c": 1}}


def test_duplicate_key_in_a_flow_mapping() -> None:
    assert lines("x: {a: 1, a: [2]}\n") == [
        "f.yml:1:11: error: duplicate key 'a' (first set on line 1): keep only one of them "
        "[duplicate-key]"]


def test_aliases_and_anchors_are_refused_where_they_are() -> None:
    doc, problems = load_text("a: &same [1, 2]\nb: *same\n", "f.yml")
    assert [p.format() for p in problems] == [
        "f.yml:1:4: error: anchors and aliases are not allowed: delete the anchor '&same' "
        "[alias]",
        "f.yml:2:4: error: anchors and aliases are not allowed: write the value out in full "
        "[alias]",
    ]
    assert doc is not None and doc.data == {"a": [1, 2], "b": None}
    assert ("b",) in doc.refused


def test_alias_as_a_key_is_refused() -> None:
    assert lines("a: &k x\n*k : y\n") == [
        "f.yml:1:4: error: anchors and aliases are not allowed: delete the anchor '&k' [alias]",
        "f.yml:2:1: error: anchors and aliases are not allowed: write the value out in full "
        "[alias]",
    ]


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


@pytest.mark.parametrize(("text", "expected"), [
    ("x: !!int 3\n", "f.yml:1:4: error: tag '!!int' is not allowed: remove the tag and write a "
     "plain value [tag]"),
    ("x: !!str 3\n", "f.yml:1:4: error: tag '!!str' is not allowed: remove the tag and write a "
     "plain value [tag]"),
    ("x: !foo bar\n", "f.yml:1:4: error: tag '!foo' is not allowed: remove the tag and write a "
     "plain value [tag]"),
    ("x: ! bar\n", "f.yml:1:4: error: tag '!' is not allowed: remove the tag and write a plain "
     "value [tag]"),
    ("x:\n  - !!python/object:os.system {}\n", "f.yml:2:5: error: tag "
     "'!!python/object:os.system' is not allowed: remove the tag [tag]"),
    ("x: !!seq [1, 2]\n", "f.yml:1:4: error: tag '!!seq' is not allowed: remove the tag [tag]"),
    ("x: !foo\n  - 1\n", "f.yml:1:4: error: tag '!foo' is not allowed: remove the tag [tag]"),
    ("x: !!map {a: 1}\n", "f.yml:1:4: error: tag '!!map' is not allowed: remove the tag [tag]"),
    ("x: !foo\n  a: 1\n", "f.yml:1:4: error: tag '!foo' is not allowed: remove the tag [tag]"),
    ("!!str x: 1\n", "f.yml:1:1: error: tag '!!str' is not allowed: remove the tag [tag]"),
    ("--- !!map\nx: 1\n", "f.yml:1:5: error: tag '!!map' is not allowed: remove the tag [tag]"),
])
def test_every_kind_of_tag_is_refused_at_its_position(text: str, expected: str) -> None:
    assert lines(text) == [expected]


def test_tagged_collections_are_skipped_whole() -> None:
    doc, problems = load_text("x: !foo\n  a: !!int 1\n  b: *c\ny: 2\n", "f.yml")
    assert [p.rule for p in problems] == ["tag"]
    assert doc is not None and doc.data == {"x": None, "y": 2} and ("x",) in doc.refused


def test_scalars_resolve_like_yaml() -> None:
    doc, _ = load_text("i: 3\nf: 0.5\nb: true\nn: null\nd: 2026-01-01\ns: '3'\nh: 0x1F\n"
                       "o: 017\ne: 1.5e+3\ny: yes\nt: ~\nk: 1_000\n", "f.yml")
    assert doc is not None
    assert doc.data == {"i": 3, "f": 0.5, "b": True, "n": None, "d": "2026-01-01", "s": "3",
                        "h": 31, "o": 15, "e": 1500.0, "y": True, "t": None, "k": 1000}


def test_keys_are_text_as_written() -> None:
    doc, problems = load_text("1: a\ntrue: b\nnull: c\n", "f.yml")
    assert problems == [] and doc is not None
    assert doc.data == {"1": "a", "true": "b", "null": "c"}


@pytest.mark.parametrize(("text", "expected"), [
    ("a: .nan\n", "f.yml:1:4: error: '.nan' is not a finite number: write a finite number, or "
     "put it in quotes to keep it as text [number]"),
    ("a: .inf\n", "f.yml:1:4: error: '.inf' is not a finite number: write a finite number, or "
     "put it in quotes to keep it as text [number]"),
    ("a: -.inf\n", "f.yml:1:4: error: '-.inf' is not a finite number: write a finite number, "
     "or put it in quotes to keep it as text [number]"),
    ("a: 1.0e+999\n", "f.yml:1:4: error: '1.0e+999' is not a finite number: write a finite "
     "number, or put it in quotes to keep it as text [number]"),
    ("a: 1234567890123456\n", "f.yml:1:4: error: whole number 1234567890123456 has 16 digits, "
     "more than the 15 allowed: write a smaller number, or put it in quotes to keep it as text "
     "[number]"),
    ("a:\n  - " + "9" * 5000 + "\n", "f.yml:2:5: error: whole number 99999999999999999999... "
     "has 5000 digits, more than the 15 allowed: write a smaller number, or put it in quotes "
     "to keep it as text [number]"),
    ("a: 0x_\n", "f.yml:1:4: error: '0x_' is not a valid number: correct it, or put it in "
     "quotes to keep it as text [number]"),
    ("a: =\n", "f.yml:1:4: error: '=' has a special meaning in YAML: put it in quotes to keep "
     "it as text [quote]"),
])
def test_numbers_that_cannot_be_read_exactly(text: str, expected: str) -> None:
    doc, problems = load_text(text, "f.yml")
    assert [p.format() for p in problems] == [expected]
    assert doc is not None and doc.refused


def test_the_largest_allowed_whole_number_loads() -> None:
    doc, problems = load_text(f"a: {'9' * MAX_INT_DIGITS}\nb: '{'9' * 40}'\n", "f.yml")
    assert problems == [] and doc is not None
    assert doc.data == {"a": 10 ** MAX_INT_DIGITS - 1, "b": "9" * 40}


def test_syntax_error_and_empty_file() -> None:
    _, problems = load_text("a: [1, 2\n", "f.yml")
    assert [(p.line, p.rule) for p in problems] == [(2, "syntax")]
    _, problems = load_text("# only a comment\n", "f.yml")
    assert [p.format() for p in problems] == [
        "f.yml:1:1: error: file is empty: write one record as a YAML mapping [empty]"]


def test_syntax_error_message() -> None:
    assert lines("id: x\ntitle: a: b\n") == [
        "f.yml:2:9: error: YAML syntax error: mapping values are not allowed in this context; "
        "a value that contains ': ' must be quoted: write title: \"a: b\" [syntax]"]


def test_an_indentation_slip_is_named_with_the_indent_to_use() -> None:
    assert lines("id: x\ntitle: a\n order: 2\n") == [
        "f.yml:3:2: error: this line is indented by 1 space, deeper than 'title' on line 2, "
        "which already has its value, so nothing can go under it: start this line at the left "
        "margin, like line 2 [indentation]"]
    assert lines("a:\n  b: 1\n  # note\n\n   c: 2\n") == [
        "f.yml:5:4: error: this line is indented by 3 spaces, deeper than 'b' on line 2, "
        "which already has its value, so nothing can go under it: indent this line by 2 "
        "spaces, like line 2 [indentation]"]
    # A key whose value opens below it is not a slip: the usual syntax message stays.
    assert lines("a:\n  b: 1\n c: 2\n") == [
        "f.yml:3:2: error: YAML syntax error: did not find expected key; fix the syntax at "
        "this position [syntax]"]


def test_numbers_written_as_text_get_the_exact_number_to_write() -> None:
    from macros.schema import number_hint
    assert number_hint("225,000") == "; write 225000: digits only, without separators, " \
        "units or words"
    assert number_hint("40k").startswith("; write 40000:")
    assert number_hint("250 people").startswith("; write 250:")
    assert number_hint("3 months").startswith("; write 3:")
    assert number_hint("$1.2M").startswith("; write 1200000:")
    assert number_hint("12") == "; write 12 without quotes"
    assert number_hint("two") == "; write it in digits"
    assert number_hint(12) == ""


def test_problems_before_a_syntax_error_are_kept() -> None:
    assert lines("a: 1\na: 2\nb: [\n") == [
        "f.yml:2:1: error: duplicate key 'a' (first set on line 1): keep only one of them "
        "[duplicate-key]",
        "f.yml:4:1: error: YAML syntax error: did not find expected node content; fix the "
        "syntax at this position [syntax]",
    ]


def test_a_second_document_and_directives_are_refused() -> None:
    assert lines("a: 1\n---\nb: 2\n") == [
        "f.yml:2:1: error: a second YAML document starts here, but a file holds one record: "
        "delete this `---` and what follows, or move it to its own file [syntax]"]
    assert lines("%YAML 1.1\n---\na: 1\n") == [
        "f.yml:1:1: error: directives (lines starting with %) are not allowed: delete the % "
        "line and the `---` after it [directive]"]


def test_merge_keys_and_complex_keys_are_refused() -> None:
    assert lines("a: {x: 1}\n<<: {y: 2}\n? [k]\n: v\n") == [
        "f.yml:2:1: error: keys must be plain names: write `name: value` [key]",
        "f.yml:3:3: error: keys must be plain names: write `name: value` [key]",
    ]


# -- nesting ---------------------------------------------------------------------------------

DEPTH_PROBLEM = ("error: lists and mappings are nested more than 64 levels deep here: flatten "
                 "the data [depth]")


def test_nesting_up_to_the_limit_loads() -> None:
    doc, problems = load_text("[" * MAX_DEPTH + "]" * MAX_DEPTH, "f.yml")
    assert problems == [] and doc is not None
    value, depth = doc.data, 0
    while isinstance(value, list):
        value, depth = (value[0] if value else None), depth + 1
    assert depth == MAX_DEPTH


def test_nesting_beyond_the_limit_is_one_problem_where_it_crosses() -> None:
    assert lines("[" * 65 + "]" * 65) == [f"f.yml:1:65: {DEPTH_PROBLEM}"]
    block = "".join(f"{' ' * i}k{i}:\n" for i in range(70))
    assert lines(block) == [f"f.yml:65:65: {DEPTH_PROBLEM}"]


def test_100000_nested_brackets_do_not_crash() -> None:
    assert lines("[" * 100_000) == [f"f.yml:1:65: {DEPTH_PROBLEM}"]
    assert lines("a:\n" + "- " * 100_000 + "x\n") == [f"f.yml:2:127: {DEPTH_PROBLEM}"]
    assert lines("{a: " * 100_000) == [f"f.yml:1:257: {DEPTH_PROBLEM}"]


# -- characters and encoding -----------------------------------------------------------------

CONTROL = "is not allowed: delete it (most editors show it as a box or not at all) [character]"


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1\nb: x\x00y\n", f"f.yml:2:5: error: control character U+0000 {CONTROL}"),
    ("a: 1\nb: \x1b[31mred\n", f"f.yml:2:4: error: control character U+001B {CONTROL}"),
    ("a: x\x7f\n", f"f.yml:1:5: error: control character U+007F {CONTROL}"),
    ("a: x\x9b\n", f"f.yml:1:5: error: control character U+009B {CONTROL}"),
    ("a: x\x85y\nb: z\n", "f.yml:1:5: error: next-line character U+0085 is not allowed: replace "
     "it with a line break or a space [character]"),
    ("a: x\u2028y\nb: z\n", "f.yml:1:5: error: line separator U+2028 is not allowed: replace it "
     "with a line break or a space [character]"),
    ("a: x\u2029y\n", "f.yml:1:5: error: paragraph separator U+2029 is not allowed: replace it "
     "with a line break or a space [character]"),
    ("a: 1\rb: 2\r\nc: 3\n", "f.yml:1:5: error: carriage return U+000D without a line feed is "
     "not allowed: save the file with LF (or CRLF) line endings [character]"),
    ("a: 1\nb: x\ufeffy\n", "f.yml:2:5: error: byte order mark U+FEFF is only allowed at the "
     "very start of the file: delete it [character]"),
    ("a: x\ud800\n", "f.yml:1:5: error: unpaired surrogate U+D800 is not a character: delete it "
     "and save as UTF-8 [character]"),
    ("a: x\uffff\n", "f.yml:1:5: error: U+FFFF is not a character: delete it [character]"),
    ("\ufeffa: \x00\n", f"f.yml:1:4: error: control character U+0000 {CONTROL}"),
])
def test_characters_yaml_must_not_see(text: str, expected: str) -> None:
    assert lines(text) == [expected]


def test_every_bad_character_is_reported_at_its_own_line() -> None:
    # NEL, U+2028 and a lone CR are line breaks to YAML: positions after them must not shift.
    assert [p[:10] for p in lines("a: \x85\nb: \u2028\nc: \rx\nd: \x00\n")] == [
        "f.yml:1:4:", "f.yml:2:4:", "f.yml:3:4:", "f.yml:4:4:"]


def test_character_problems_are_capped() -> None:
    problems = lines("a: " + "\x00" * 25 + "\n")
    assert len(problems) == 21
    assert problems[19] == f"f.yml:1:23: error: control character U+0000 {CONTROL}"
    assert problems[20] == ("f.yml:1:24: error: 5 more characters that are not allowed follow, "
                            "the first one here: remove them too [character]")


def test_escapes_cannot_smuggle_control_characters() -> None:
    assert lines('a: "red \\e[31m"\nb: "\\t and \\n are fine"\n') == [
        "f.yml:1:4: error: this text contains the character U+001B, written as an escape: "
        "delete the escape [character]"]
    assert lines('a: "x\\L"\n') == [
        "f.yml:1:4: error: this text contains the character U+2028, written as an escape: "
        "delete the escape [character]"]
    # Bidi marks are text (Arabic, Hebrew); only problem lines escape them.
    assert lines('a: "\\u200f"\n') == []


def test_invalid_utf8_points_at_the_first_bad_byte(tmp_path: Path) -> None:
    raw = "a: 1\nb: 2\nc: 3\nd: 4\ne: é".encode() + b"\xff" + b"x\n"
    expected = ["f.yml:5:5: error: file is not UTF-8 text (byte 0xff here: invalid start byte): "
                "save it as UTF-8 [encoding]"]
    assert [p.format() for p in load_bytes(raw, "f.yml")[1]] == expected
    raw = "a: 1\nb: 2\nc: 3\nd: 4\ne: ééé".encode() + b"\xe9x\n"  # latin-1 é in a UTF-8 file
    assert [p.format() for p in load_bytes(raw, "f.yml")[1]] == [
        "f.yml:5:7: error: file is not UTF-8 text (byte 0xe9 here: invalid continuation byte): "
        "save it as UTF-8 [encoding]"]
    (tmp_path / "f.yml").write_bytes(raw)
    assert [p.format() for p in load_file(tmp_path / "f.yml", "f.yml")[1]] == [
        "f.yml:5:7: error: file is not UTF-8 text (byte 0xe9 here: invalid continuation byte): "
        "save it as UTF-8 [encoding]"]


def test_utf16_is_refused_as_not_utf8() -> None:
    assert [p.format() for p in load_bytes("a: 1\n".encode("utf-16"), "f.yml")[1]] == [
        "f.yml:1:1: error: file is not UTF-8 text (byte 0xff here: invalid start byte): save it "
        "as UTF-8 [encoding]"]


def test_a_bom_at_the_start_is_fine() -> None:
    doc, problems = load_bytes("\ufeffa: 1\n".encode(), "f.yml")
    assert problems == [] and doc is not None and doc.data == {"a": 1}


# -- readers that disagree -------------------------------------------------------------------

def test_plain_text_with_flow_indicators_must_be_quoted() -> None:
    doc, problems = load_text("q: [Where?, 'Who?', \"Why?\"]\nm: {a: b:c, url: x}\n", "f.yml")
    assert [p.format() for p in problems] == [
        "f.yml:1:5: error: unquoted '?' inside [ ] or { } is read differently by YAML tools: "
        'write the text in quotes, e.g. "Where?" [flow-plain]',
        "f.yml:2:8: error: unquoted ':' inside [ ] or { } is read differently by YAML tools: "
        'write the text in quotes, e.g. "b:c" [flow-plain]',
    ]
    assert doc is not None and doc.refused == {("q", 0), ("m", "a")}
    # Block lists and block mappings may hold such text unquoted.
    assert lines("q:\n  - Where? Here, there: everywhere [1]\n") == []


def test_flow_plain_keys_are_checked_too() -> None:
    assert lines("m: {a?: 1}\n") == [
        "f.yml:1:5: error: unquoted '?' inside [ ] or { } is read differently by YAML tools: "
        'write the text in quotes, e.g. "a?" [flow-plain]']


TAB_INDENT = "error: a tab character cannot indent YAML: indent with spaces [tab]"
TAB_SEPARATE = ("error: a tab character cannot separate YAML values here: use spaces (tabs are "
                "only allowed inside quotes, block text and comments) [tab]")


@pytest.mark.parametrize(("text", "expected"), [
    ("a:\n\tb: 1\n", [f"f.yml:2:1: {TAB_INDENT}"]),
    ("a:\n  b: 1\n\tc: 2\n", [f"f.yml:3:1: {TAB_INDENT}"]),
    ("a: |\n\tx\n", [f"f.yml:2:1: {TAB_INDENT}"]),
    ("a:\n  \tb: 1\n", [f"f.yml:2:3: {TAB_INDENT}"]),
    # libyaml reads these; PyYAML and yamllint stop with an error.
    ("a:\tb\n", [f"f.yml:1:3: {TAB_SEPARATE}"]),
    ("a: [1,\n\t2]\nb: x\t\n", [f"f.yml:2:1: {TAB_INDENT}", f"f.yml:3:5: {TAB_SEPARATE}"]),
    ("a: x\ty\n", [f"f.yml:1:5: {TAB_SEPARATE}"]),
])
def test_tabs(text: str, expected: list[str]) -> None:
    assert lines(text) == expected


def test_tabs_inside_quotes_block_text_and_comments_are_fine() -> None:
    doc, problems = load_text("a: 'x\ty'\nb: \"\tz\"\nc: |\n  q\tr\nd: x # \tnote\n# \t\n",
                              "f.yml")
    assert problems == [] and doc is not None
    assert doc.data == {"a": "x\ty", "b": "\tz", "c": "q\tr\n", "d": "x"}


def test_block_header_needs_a_space_before_a_comment() -> None:
    assert lines("a: |#note\n  x\nb: >-# c\n  y\n") == [
        "f.yml:1:5: error: a space must separate '|' from the comment after it: write '| #' "
        "[syntax]",
        "f.yml:3:6: error: a space must separate '>-' from the comment after it: write '>- #' "
        "[syntax]",
    ]


# -- files -----------------------------------------------------------------------------------

def test_files_over_the_size_limit_are_not_read(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.yml"
    with big.open("wb") as out:
        out.truncate(6 * 1024 * 1024)  # sparse: 6 MB of NULs that never hit the disk
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    assert [p.format() for p in load_file(big, "data/big.yml")[1]] == [
        "data/big.yml:1:1: error: file is 6.0 MB, more than the 5 MB a record file may have: "
        "split it into smaller records [file-size]"]
    assert reads == []
    assert MAX_FILE_BYTES == 5 * 1024 * 1024


def test_load_file_refuses_a_symbolic_link(tmp_path: Path) -> None:
    (tmp_path / "real.yml").write_text("a: 1\n")
    (tmp_path / "link.yml").symlink_to(tmp_path / "real.yml")
    assert [p.format() for p in load_file(tmp_path / "link.yml", "data/link.yml")[1]] == [
        "data/link.yml:1:1: error: this is a symbolic link, and links are not followed: replace "
        "it with a copy of the file or folder it points to [symlink]"]


# -- nothing escapes -------------------------------------------------------------------------

class _Exploding:
    """A loader whose parser raises `error` when asked for the fourth event (after the mapping
    start at 1:1)."""

    error: BaseException = ValueError("boom")

    def __init__(self, text: str) -> None:
        self.events = iter(yaml.parse(text, Loader=yaml.SafeLoader))
        self.count = 0

    def get_event(self) -> Any:
        self.count += 1
        if self.count == 4:
            raise self.error
        return next(self.events, None)

    def dispose(self) -> None:
        pass


@pytest.mark.parametrize("error", [
    ValueError("boom"), KeyError("k"), IndexError("i"), RecursionError("deep"), MemoryError(),
    yaml.reader.ReaderError("f", 5, ord("\x00"), "utf-8", "special characters are not allowed"),
])
def test_any_error_of_the_yaml_library_becomes_a_problem(
        error: BaseException, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_Exploding, "error", error)
    monkeypatch.setattr(yamlfile, "_LOADER", _Exploding)
    doc, problems = load_text("a: 1\nb: 2\n", "f.yml")
    assert doc is None and len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.col, problem.rule) == ((2, 1, "syntax") if isinstance(
        error, yaml.reader.ReaderError) else (1, 1, "syntax"))
    if isinstance(error, yaml.reader.ReaderError):
        assert problem.message == ("YAML reader error: special characters are not allowed; fix "
                                   "the text at this position")
    else:
        assert problem.message == (
            f"the YAML reader failed after this position ({type(error).__name__}): simplify the "
            "text here, and report this as a bug of the playbook tools")


def test_the_pure_python_parser_gives_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "id: a\nq: [x:y]\nb: !!int 1\nc: &x 1\nd: *x\ne: |\n  t\n"
    with_libyaml = load_text(text, "f.yml")
    monkeypatch.setattr(yamlfile, "_LOADER", yaml.SafeLoader)
    pure = load_text(text, "f.yml")
    assert with_libyaml[1] == pure[1] and len(pure[1]) == 4
    assert with_libyaml[0] is not None and pure[0] is not None
    assert with_libyaml[0].data == pure[0].data
    assert with_libyaml[0].value_marks == pure[0].value_marks


# -- one problem, one line -------------------------------------------------------------------

def test_a_problem_is_always_one_line() -> None:
    problem = Problem("data/\x1b[2Jx\u202e.yml", 3, 1, "bad 'a\nb\rc\u2028d\x85e\U000e0001'",
                      "rule\x00")
    assert problem.format() == ("data/\\x1b[2Jx\\u202e.yml:3:1: error: bad "
                                "'a\\nb\\rc\\u2028d\\x85e\\U000e0001' [rule\\x00]")
    assert Problem("a\udcff.yml", 1, 1, "tab\there", "r").format() == (
        "a\\udcff.yml:1:1: error: tab\\there [r]")
    # Printable text, non-ASCII included, is left alone.
    assert Problem("é.yml", 1, 2, "ça va: 'ok' \u00a0 [x]", "r").format() == (
        "é.yml:1:2: error: ça va: 'ok' \u00a0 [x] [r]")
    assert report([problem]).count("\n") == 1
