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
