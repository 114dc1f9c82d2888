"""Hand-written pages render in Jinja's sandbox, also in a plain `mkdocs build`."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build, make_project, page
from jinja2 import Environment, StrictUndefined
from jinja2.exceptions import SecurityError

from macros.sandbox import sandboxed

ESCAPE = "{{ cycler.__init__.__globals__.os.popen('touch escaped').read() }}"


def test_sandboxed_keeps_syntax_globals_and_filters_but_refuses_internals() -> None:
    plain = Environment(undefined=StrictUndefined, variable_start_string="<<",
                        variable_end_string=">>")
    plain.globals["shout"] = lambda text: text.upper()
    plain.filters["twice"] = lambda text: text * 2
    safe = sandboxed(plain)
    assert safe.undefined is StrictUndefined
    assert safe.from_string("<< shout('a') | twice >>").render() == "AA"
    with pytest.raises(SecurityError):
        safe.from_string("<< ''.format.__self__.__class__.__mro__ >>").render()
    assert sandboxed(safe) is safe


def test_a_plain_mkdocs_build_cannot_run_code_from_a_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "docs" / "sneaky.md").write_text(
        f"---\nrender_macros: true\n---\n\n# Sneaky\n\n{ESCAPE}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert not (project / "escaped").exists()
    assert not (project / "site" / "escaped").exists()


def test_macros_still_render_in_the_sandbox(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = page(project / "site", "")
    assert 'href="waves/wave-1/#go-no-go"' in html
