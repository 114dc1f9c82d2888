"""Fuzzing: damaged copies of the shipped data never crash the checks, every problem points at
a real position, and whatever the loader accepts reads the same in every YAML reader.

A few hundred documents run by default (a few seconds). For more, set PLAYBOOK_FUZZ to the
number of documents (`make fuzz` runs 20,000) and PLAYBOOK_FUZZ_SEED to vary the mutations;
a failure prints the seed and the damaged document.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT

from macros import yamlfile
from macros.catalog import load_catalog
from macros.editions import load as edition_load
from macros.editions.load import load_edition
from macros.problems import Problem
from macros.yamlfile import Document, load_text

BUDGET = int(os.environ.get("PLAYBOOK_FUZZ", "300"))
SEED = int(os.environ.get("PLAYBOOK_FUZZ_SEED", "20260101"))
DATA = ROOT / "data"
RECORD_FILES = sorted(p for p in DATA.glob("*/*.yml") if p.parent.name != "orgs")
OVERLAYS = sorted((DATA / "orgs").glob("*.yml"))

# Strings that mean something to YAML, or to the checks after it.
SIGNIFICANT = [
    ": ", ":", "- ", "-", "? ", "?", "[", "]", "{", "}", ",", "#", " #", "&a ", "*a", "!", "!!",
    "!!python/object/apply:os.system ['id'] ", "!!int ", "|", ">", "|-", "'", '"', "\\", "%",
    "@", "`", "\t", "\n", "\r", "\r\n", "---\n", "...\n", "<<: ", "~", "null", ".nan", ".inf",
    "0x", "0b", "_", "=", "9" * 30, "1e+999", "2026-02-30", "yes", "\ufeff", "\x00", "\x1b",
    "\x85", "\u2028", "\u202e", "é", "😀", "[" * 200, "{a: " * 70, "- " * 70,
]
UNICODE = [(0x00, 0x20), (0x7F, 0xA0), (0xA0, 0x3000), (0x2000, 0x2070), (0xD800, 0xE000),
           (0xFEFF, 0xFF00), (0xFFF0, 0x10000), (0x1F300, 0x1F700), (0xE0000, 0xE0080),
           (0x10FFF0, 0x110000)]


def mutate(rng: random.Random, raw: bytes) -> bytes:
    """`raw` with 1 to 4 random damages."""
    for _ in range(rng.randint(1, 4)):
        raw = rng.choice(MUTATIONS)(rng, raw)
    return raw


def _at(rng: random.Random, raw: bytes) -> int:
    return rng.randint(0, len(raw))


def _flip(rng: random.Random, raw: bytes) -> bytes:
    if not raw:
        return raw
    i = rng.randrange(len(raw))
    return raw[:i] + bytes([raw[i] ^ (1 << rng.randrange(8))]) + raw[i + 1:]


def _insert_significant(rng: random.Random, raw: bytes) -> bytes:
    i = _at(rng, raw)
    return raw[:i] + rng.choice(SIGNIFICANT).encode() + raw[i:]


def _replace_significant(rng: random.Random, raw: bytes) -> bytes:
    i = _at(rng, raw)
    return raw[:i] + rng.choice(SIGNIFICANT).encode() + raw[i + 1:]


def _truncate(rng: random.Random, raw: bytes) -> bytes:
    return raw[:_at(rng, raw)]


def _delete(rng: random.Random, raw: bytes) -> bytes:
    i = _at(rng, raw)
    return raw[:i] + raw[i + rng.randint(1, 20):]


def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


def _duplicate_line(rng: random.Random, raw: bytes) -> bytes:
    lines = _lines(raw)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return b"\n".join(lines)


def _swap_lines(rng: random.Random, raw: bytes) -> bytes:
    lines = _lines(raw)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def _indent(rng: random.Random, raw: bytes) -> bytes:
    lines = _lines(raw)
    i = rng.randrange(len(lines))
    body = lines[i].lstrip(b" ")
    depth = len(lines[i]) - len(body)
    lines[i] = rng.choice([b" " * max(depth + rng.choice([-3, -2, -1, 1, 2, 3]), 0),
                           b"\t", b" " * depth + b"\t", b""]) + body
    return b"\n".join(lines)


def _unicode(rng: random.Random, raw: bytes) -> bytes:
    low, high = rng.choice(UNICODE)
    char = chr(rng.randrange(low, high)).encode("utf-8", "surrogatepass")
    i = _at(rng, raw)
    return raw[:i] + char + raw[i:]


def _bytes(rng: random.Random, raw: bytes) -> bytes:
    i = _at(rng, raw)
    return raw[:i] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 3))) + raw[i:]


MUTATIONS = [_flip, _insert_significant, _insert_significant, _replace_significant, _truncate,
             _delete, _duplicate_line, _swap_lines, _indent, _indent, _unicode, _bytes]


# -- checks ----------------------------------------------------------------------------------

def check_positions(root: Path, problems: list[Problem], context: str) -> None:
    """Every problem is one line, and points at a line and column that exist in its file."""
    texts: dict[str, str | None] = {}
    for problem in problems:
        shown = problem.format()
        assert "\n" not in shown and "\r" not in shown, context
        if problem.path not in texts:
            path = root / problem.path
            texts[problem.path] = path.read_bytes().decode("utf-8", "replace") \
                if path.is_file() and not path.is_symlink() else None
        text = texts[problem.path]
        if text is None:  # a folder, a link: the whole entry is the problem
            assert (problem.line, problem.col) == (1, 1), f"{shown}\n{context}"
            continue
        lines = text.split("\n")
        assert 1 <= problem.line <= len(lines), f"{shown}\n{context}"
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, f"{shown}\n{context}"


def described(files: dict[str, bytes]) -> str:
    """The damaged files, for a failure message (rerun with the same PLAYBOOK_FUZZ_SEED)."""
    shown = "\n".join(f"--- {name}\n{data[:3000]!r}" for name, data in files.items())
    return f"PLAYBOOK_FUZZ_SEED={SEED}\n{shown}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path


def test_damaged_records_never_crash_the_check(project: Path) -> None:
    """Damaged record files go through `load_catalog`, as `playbook check` loads them."""
    rng = random.Random(SEED)
    documents = max(BUDGET * 4 // 5, 1)
    batch = min(20, len(RECORD_FILES))
    done = 0
    while done < documents:
        chosen = rng.sample(RECORD_FILES, min(batch, documents - done))
        damaged = {f"data/{p.parent.name}/{p.name}": mutate(rng, p.read_bytes()) for p in chosen}
        for shown, data in damaged.items():
            (project / shown).write_bytes(data)
        try:
            _, problems = load_catalog(project)
        except BaseException as err:
            raise AssertionError(f"load_catalog raised {err!r}\n{described(damaged)}") from err
        check_positions(project, problems, described(damaged))
        for shown in damaged:
            shutil.copy(ROOT / shown, project / shown)
        done += len(chosen)


@contextmanager
def base_catalog_loaded_once(root: Path) -> Iterator[None]:
    """`load_edition` reloads the (undamaged, so unchanging) base catalog for every overlay:
    load it once, and hand out the same result."""
    catalog, problems = load_catalog(root)
    assert problems == []
    real = edition_load.load_catalog
    edition_load.load_catalog = lambda *args, **kwargs: (catalog, [])  # type: ignore[assignment]
    try:
        yield
    finally:
        edition_load.load_catalog = real


def test_damaged_overlays_never_crash_the_check(project: Path) -> None:
    """Damaged overlays go through `load_edition`, as `playbook check` loads each edition."""
    rng = random.Random(SEED + 1)
    with base_catalog_loaded_once(project):
        for _ in range(max(BUDGET // 5, len(OVERLAYS))):
            source = rng.choice(OVERLAYS)
            shown = f"data/orgs/{source.name}"
            damaged = {shown: mutate(rng, source.read_bytes())}
            (project / shown).write_bytes(damaged[shown])
            try:
                _, problems = load_edition(project, source.stem)
            except BaseException as err:
                raise AssertionError(f"load_edition raised {err!r}\n{described(damaged)}") \
                    from err
            check_positions(project, problems, described(damaged))
            shutil.copy(source, project / shown)
        for overlay in OVERLAYS:  # the undamaged overlays still load clean
            assert load_edition(project, overlay.stem)[1] == []


# -- every YAML reader reads what the loader accepts -----------------------------------------

class Reference(yaml.SafeLoader):
    """Pure-Python PyYAML, with the loader's conventions: keys and dates as written."""


def _reference_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    return {key.value: loader.construct_object(value, deep=True) for key, value in node.value}


Reference.add_constructor("tag:yaml.org,2002:map", _reference_mapping)
Reference.add_constructor("tag:yaml.org,2002:timestamp",
                          lambda loader, node: loader.construct_scalar(node))


def typed(value: Any) -> Any:
    """`value` with every scalar's type made part of it (so 1, 1.0 and True differ)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, value)


def _is_empty(data: Any, at: tuple[str | int, ...]) -> bool:
    for part in at:
        data = data[part]
    return data is None or data == ""


def _marks(doc: Document) -> dict[tuple[str | int, ...], tuple[int, int]]:
    # An empty value has no text of its own: libyaml and PyYAML put it at different spots.
    return {at: mark for at, mark in doc.value_marks.items() if not _is_empty(doc.data, at)}


def load_pure(text: str) -> tuple[Document | None, list[Problem]]:
    """`load_text` with PyYAML's pure-Python parser instead of libyaml."""
    fast = yamlfile._LOADER
    yamlfile._LOADER = yaml.SafeLoader
    try:
        return load_text(text, "f.yml")
    finally:
        yamlfile._LOADER = fast


def check_text(text: str) -> bool:
    """`load_text` never raises, and its problems are single lines at real positions; if it
    accepts `text`, pure-Python PyYAML reads the same data (and positions). True if accepted."""
    try:
        doc, problems = load_text(text, "f.yml")
    except BaseException as err:
        raise AssertionError(f"load_text raised {err!r} on {text!r}") from err
    lines = text.split("\n")
    for problem in problems:
        shown = problem.format()
        assert "\n" not in shown and "\r" not in shown
        assert 1 <= problem.line <= len(lines), f"{shown} in {text!r}"
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, f"{shown} in {text!r}"
    if doc is None or problems:
        return False
    pure, pure_problems = load_pure(text)
    assert pure is not None and pure_problems == [], f"pure PyYAML refuses {text!r}: " + \
        "; ".join(p.format() for p in pure_problems)
    assert typed(pure.data) == typed(doc.data), f"pure PyYAML reads {text!r} differently"
    assert _marks(pure) == _marks(doc) and pure.key_marks == doc.key_marks, \
        f"pure PyYAML places the values of {text!r} differently"
    assert typed(yaml.load(text, Loader=Reference)) == typed(doc.data), \
        f"yaml.load reads {text!r} differently"
    return True


ATOMS = ["a", "b c", "x:y", "x: y", "-a", "- a", "?a", "? a", ":a", "a:", "#a", "a #b", "a#b",
         "a,b", "[a]", "{a}", "'a'", '"a"', "a'b", 'a"b', "1", "-1", "0x1F", "017", "1_000",
         "1:30", "1.5", "1e3", "1.0e+3", ".5", ".inf", ".NaN", "~", "null", "yes", "No", "on",
         "2026-01-01", "2026-01-01 10:00:00", "=", "<<", "!", "&", "*", "%a", "@a", "`a", "|",
         ">", "a\\b", "é", "😀", "a\tb", " a", "a ", "", "---", "...", "0b", "._", "1__",
         "190:20:30.15", "9" * 16]


def _scalar(rng: random.Random) -> str | None:
    text = rng.choice(ATOMS) + (rng.choice(ATOMS) if rng.random() < 0.3 else "")
    style = rng.random()
    if style < 0.6:
        return text
    if style < 0.75:
        return "'" + text.replace("'", "''") + "'"
    if style < 0.9:
        escape = rng.choice(["", "\\t", "\\n", "\\/", "\\ ", "\\_", "\\x41", "\\u00e9", "\\e",
                             "\\L", "\\U0001F600", '\\"', "\\\\"])
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + escape + '"'
    return None  # a block scalar


def _node(rng: random.Random, depth: int, indent: int, flow: bool) -> str:
    """Random YAML, mostly well-formed, full of the corners where parsers differ."""
    properties = rng.choice(["", "", "", "", "", "", "", "", "&a ", "&a\t", "!!str "])
    if depth > 3 or rng.random() < 0.4:
        text = _scalar(rng)
        if text is None and not flow:
            pad = " " * (indent + rng.choice([1, 2, 4]))
            header = rng.choice(["|", ">", "|-", ">+", "|2", "|#", "| #c", "|\t", ">-"])
            body = "\n".join(pad + rng.choice(ATOMS) for _ in range(rng.randint(0, 3)))
            return f"{properties}{header}\n{body}"
        return properties + (text if text is not None else '"x"')
    if flow or rng.random() < 0.4:
        if rng.random() < 0.5:
            sep = rng.choice([", ", ",", " , ", ",\n" + " " * (indent + 1), ", \t"])
            items = [_node(rng, depth + 1, indent, True) for _ in range(rng.randint(0, 3))]
            return f"{properties}[{sep.join(items)}{rng.choice(['', ',', ' '])}]"
        pairs = [(_scalar(rng) or "k") + rng.choice([": ", ":", " : ", ":\t"])
                 + _node(rng, depth + 1, indent, True) for _ in range(rng.randint(0, 3))]
        return f"{properties}{{{', '.join(pairs)}}}"
    pad, step = " " * indent, rng.choice([2, 2, 4, 1, 3])
    lines = []
    for _ in range(rng.randint(1, 3)):
        child = _node(rng, depth + 1, indent + step, False)
        if rng.random() < 0.5:
            lines.append(f"{pad}-{rng.choice([' ', '  '])}{child.lstrip()}")
        elif child.startswith("\n"):
            lines.append(f"{pad}{_scalar(rng) or 'k'}:{child}")
        else:
            lines.append(f"{pad}{_scalar(rng) or 'k'}: {child}"
                         f"{rng.choice(['', ' # c', '#c', ''])}")
    return "\n" + "\n".join(lines) if depth else "\n".join(lines)


def random_yaml(rng: random.Random) -> str:
    return _node(rng, 0, 0, False) + rng.choice(["\n", "", "\n\n", "\n# end\n"])


def test_what_the_loader_accepts_reads_the_same_in_pure_pyyaml() -> None:
    """The fast parser (libyaml) and the pure-Python one (PyYAML, yamllint) agree on every
    document the loader accepts: generated corner cases, and damaged shipped files."""
    rng = random.Random(SEED + 2)
    texts = [p.read_text() for p in (*RECORD_FILES, *OVERLAYS)]
    accepted = 0
    for i in range(BUDGET * 2):
        if i % 2:
            text = random_yaml(rng)
        else:
            text = mutate(rng, rng.choice(texts).encode()).decode("utf-8", "replace")
        accepted += check_text(text)
    assert accepted > BUDGET // 2  # the comparison ran on many documents, not only refusals


# -- hypothesis, when installed --------------------------------------------------------------

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is optional
    st = None

if st is not None:
    HYPOTHESIS = settings(max_examples=max(BUDGET // 2, 50), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
    YAMLISH = st.sampled_from(list(":-?[]{},#&*!|>'\"%@`\\ \t\n\r.0123456789abxyz~=<_")) | \
        st.sampled_from(["\ufeff", "\x85", "\u2028", "\x00", "é", "😀", "- ", ": ", "\n  "]) | \
        st.characters()
    TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                 blacklist_characters="\ufeff\ufffe\uffff")
                   | st.sampled_from(list("\n\t :-?[]{},#&*!|>'\"%@`")), max_size=30)
    SCALARS = (st.none() | st.booleans() | st.integers(-(10 ** 15) + 1, 10 ** 15 - 1)
               | st.floats(allow_nan=False, allow_infinity=False) | TEXT)
    VALUES = st.recursive(SCALARS, lambda children: st.lists(children, max_size=4)
                        | st.dictionaries(st.text(max_size=10).filter(str.isprintable), children,
                                          max_size=4), max_leaves=20)

    @HYPOTHESIS
    @given(st.lists(YAMLISH, max_size=60).map("".join))
    def test_hypothesis_any_text(text: str) -> None:
        check_text(text)

    @HYPOTHESIS
    @given(VALUES, st.sampled_from([None, True, False]))
    def test_hypothesis_what_pyyaml_writes_loads_back(data: Any, flow: bool | None) -> None:
        text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
        doc, problems = load_text(text, "f.yml")
        assert problems == [] and doc is not None, f"{text!r}: {problems}"
        assert typed(doc.data) == typed(data)
        check_text(text)
else:
    @pytest.mark.skip(reason="hypothesis is not installed")
    def test_hypothesis_any_text() -> None:
        pass
