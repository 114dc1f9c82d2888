"""Property: whatever `playbook check` accepts, `playbook build` builds.

Hypothesis changes the example organization's overlay (tests/hostile/org/acme.yml) in ways an
author could: other figures, departments in other waves, a template pinned or not, records
excluded, fields of base records overridden with other values or deleted with `null`, odd
text. For every overlay `check` accepts, building that edition must exit 0; for every overlay
it refuses, the build must refuse it too, with the same problems and no traceback.

PLAYBOOK_PROPERTY_EXAMPLES=200 runs longer (the default keeps `make test` quick).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from helpers import EXAMPLES, ROOT, make_project
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from macros.catalog import load_catalog
from macros.cli import main
from macros.site_check import check_project

OVERLAY = ROOT / "tests" / "hostile" / "org" / "acme.yml"
EXAMPLES_RUN = int(os.environ.get("PLAYBOOK_PROPERTY_EXAMPLES", "12"))

_CATALOG, _ = load_catalog(EXAMPLES.parent / "examples", "valid")
IDS = {kind: sorted(records) for kind, records in _CATALOG.records.items() if records}
WAVES = [*IDS["waves"], "wave-9"]
TEMPLATES = [*IDS["templates"], "no-such-template"]

texts = st.one_of(st.sampled_from(["Acme", "<b>x</b>", "{{ 7*7 }}", "a: b", "50%", "#1", ""]),
                  st.text(min_size=0, max_size=12))
scalars = st.one_of(texts, st.integers(-5, 10**7), st.floats(allow_nan=False, width=32),
                    st.none(), st.booleans())
values = st.one_of(scalars, st.lists(scalars, max_size=3),
                   st.dictionaries(st.sampled_from(["min", "max", "id", "title"]), scalars,
                                   max_size=2))


@st.composite
def departments(draw: st.DrawFn) -> list[dict[str, Any]]:
    names = draw(st.lists(st.sampled_from(["sales", "it", "legal", "ops"]), max_size=4,
                          unique=True))
    return [{"id": name, "name": name.title(), "headcount": draw(st.integers(0, 400)),
             "wave": draw(st.sampled_from(WAVES))} for name in names]


@st.composite
def change(draw: st.DrawFn) -> tuple[str, Any]:
    """One edit: a field name of the overlay (or `overrides`/`exclude`) and its new value."""
    what = draw(st.sampled_from(["headcount", "budget_available", "pilot", "departments",
                                 "template", "exclude", "override", "urgency", "size",
                                 "name", "champions", "currency"]))
    if what == "headcount":
        return what, draw(st.integers(0, 10**6))
    if what == "budget_available":
        return what, draw(st.integers(0, 10**9))
    if what == "pilot":
        return what, {"team": draw(texts), "people": draw(st.integers(0, 500)),
                      "adoption_pct": draw(st.integers(0, 120)),
                      "success": draw(st.sampled_from(["proven", "solid", "early"]))}
    if what == "departments":
        return what, draw(departments())
    if what == "template":
        return what, draw(st.one_of(st.none(), st.sampled_from(TEMPLATES)))
    if what == "urgency":
        return what, draw(st.sampled_from(["low", "moderate", "high", "now"]))
    if what == "size":
        return what, draw(st.sampled_from(["small", "medium", "large"]))
    if what == "currency":
        return what, draw(st.sampled_from(["USD", "EUR", "GBP", "XYZ"]))
    if what == "name":
        return what, draw(texts)
    if what == "champions":
        return what, [{"name": draw(texts), "department": draw(st.sampled_from(
            ["marketing", "finance", "sales", "nowhere"]))}]
    if what == "exclude":
        kind = draw(st.sampled_from(sorted(IDS)))
        return what, {kind: draw(st.lists(st.sampled_from(IDS[kind]), unique=True))}
    kind = draw(st.sampled_from(sorted(IDS)))
    record = _CATALOG.records[kind][draw(st.sampled_from(IDS[kind]))]
    field = draw(st.sampled_from(sorted(record.data)))
    return what, {kind: {record.id: {field: draw(values)}}}


def _apply(overlay: dict[str, Any], edits: list[tuple[str, Any]]) -> dict[str, Any]:
    for what, value in edits:
        if what == "override":
            overlay["overrides"] = value
        elif what == "exclude":
            overlay["exclude"] = value
        elif value is None:
            overlay.pop(what, None)
        else:
            overlay[what] = value
    return overlay


def _run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(argv)
    return status, err.getvalue()


@settings(max_examples=EXAMPLES_RUN, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(change(), min_size=1, max_size=4))
def test_what_check_accepts_builds(edits: list[tuple[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        project = make_project(Path(temp) / "project")
        orgs = project / "data" / "orgs"
        shutil.copytree(EXAMPLES / "orgs" / "valid" / "acme", orgs / "acme")
        overlay = _apply(yaml.safe_load(OVERLAY.read_text(encoding="utf-8")), edits)
        (orgs / "acme.yml").write_text(yaml.safe_dump(overlay, allow_unicode=True),
                                       encoding="utf-8")
        _, problems = check_project(project)
        event("check passed" if not problems else "check refused")
        status, err = _run(["--root", str(project), "build", "--edition", "acme",
                            "--out", str(Path(temp) / "out")])
        assert "Traceback" not in err
        if problems:
            assert status == 1, err
            assert err.startswith(problems[0].format()) or problems[0].format() in err
        else:
            assert status == 0, err
            assert (Path(temp) / "out" / "index.html").is_file()
