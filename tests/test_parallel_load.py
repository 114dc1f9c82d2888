"""A big kind folder read by several processes gives exactly what one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import EXAMPLES

from macros.catalog import _PARALLEL_FROM, load_catalog


def test_a_parallel_read_matches_a_serial_one(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    folder = tmp_path / "data" / "bottlenecks"
    for n in range(_PARALLEL_FROM + 20):
        body = (f"id: fix-{n}\ntitle: Fix {n}\norder: {n}\nsymptom: Slow.\ncause: Busy.\n"
                "fixes: [Wait.]\n")
        if n % 97 == 0:
            body = body.replace(f"order: {n}", "order: first")  # a problem in its own file
        if n % 89 == 0:
            body = body.replace(f"id: fix-{n}", f"id: other-{n}")  # id and file name differ
        (folder / f"fix-{n}.yml").write_text(body, encoding="utf-8")
    serial, serial_problems = load_catalog(tmp_path, jobs=1)
    parallel, parallel_problems = load_catalog(tmp_path, jobs=2)
    assert [p.format() for p in parallel_problems] == [p.format() for p in serial_problems]
    assert len(serial_problems) == 9  # fix-0 has both mistakes: its type error comes first
    assert list(parallel.records["bottlenecks"]) == list(serial.records["bottlenecks"])
    assert parallel.broken == serial.broken
    record = parallel.records["bottlenecks"]["fix-5"]
    assert record.doc.locate(("title",)) == serial.records["bottlenecks"]["fix-5"].doc.locate(
        ("title",))


def test_editions_checked_in_parallel_match_a_serial_check(tmp_path: Path) -> None:
    from helpers import ROOT, make_project

    from macros.site_check import _PARALLEL_FROM as EDITIONS_FROM
    from macros.site_check import check_project

    project = make_project(tmp_path / "project")
    orgs = project / "data" / "orgs"
    overlay = (ROOT / "tests" / "hostile" / "org" / "acme.yml").read_text(encoding="utf-8")
    for n in range(EDITIONS_FROM + 1):
        slug = f"acme-{n}"
        text = overlay if n != 2 else overlay.replace("wave: wave-2}", "wave: wave-9}")
        (orgs / f"{slug}.yml").parent.mkdir(parents=True, exist_ok=True)
        (orgs / f"{slug}.yml").write_text(text, encoding="utf-8")
        shutil.copytree(EXAMPLES / "orgs" / "valid" / "acme", orgs / slug)
    serial, serial_problems = check_project(project, jobs=1)
    parallel, parallel_problems = check_project(project, jobs=2)
    assert [p.format() for p in parallel_problems] == [p.format() for p in serial_problems]
    assert [p.format() for p in serial_problems] == [
        "data/orgs/acme-2.yml:16:67: error: wave 'wave-9' does not exist: use one of wave-1, "
        "wave-2, or 'pilot' [reference]"]
    assert parallel.published == serial.published
    assert len(parallel.published) == EDITIONS_FROM + 1  # the default and four clean ones
