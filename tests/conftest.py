from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, started once per test module."""
    from helpers import CHROMIUM, CHROMIUM_ARGS, playwright

    with playwright()() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def all_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every edition and their index (`playbook build --all`), built once for the tests that
    visit them all in the browser (tests/test_layout.py, tests/test_a11y.py)."""
    from helpers import ROOT

    from macros.cli import main

    out = tmp_path_factory.mktemp("all-editions") / "editions"
    assert main(["--root", str(ROOT), "build", "--all", "--out", str(out)]) == 0
    return out
