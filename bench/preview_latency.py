"""How long a YAML edit takes to show in a browser tab open on `playbook serve`.

Run from the project folder::

    .venv/bin/python bench/preview_latency.py            # 5 edits each: real data, +2000
    .venv/bin/python bench/preview_latency.py --quick    # 2 edits each: real data, +200

For the real data, then with N generated bottleneck records added, it copies the project into
a temporary folder (never touching the real `data/`), starts `playbook serve` on a free port,
opens a record's page in headless Chromium (Python Playwright, Debian's /usr/bin/chromium) and
then, R times, rewrites that record's `title:` in the copy and waits until the page's heading
shows the new title. The time from the write to the visible heading is the latency; the
server's log splits it into noticing the change, rebuilding, and the browser reloading.
Targets: at most 2 s with the real data, at most 3 s with +2000 records.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchkit import KIND, ROOT, env, free_port, make_project, playbook, snapshot, table

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking"]
TARGETS = {"real": 2.0, "+2000": 3.0}
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


@dataclass
class Edit:
    latency: float          # write -> new title visible in the tab
    noticed: float | None   # write -> server logs "Detected file changes"
    rebuilt: float | None   # detected -> "Reloading browsers"
    build: float | None     # MkDocs' own "Documentation built in" figure
    browser: float | None   # "Reloading browsers" -> title visible


@dataclass
class Variant:
    label: str
    records: int
    edits: list[Edit] = field(default_factory=list)
    first_build: float = 0.0


class ServerLog:
    """The server's output lines, each with the time it arrived."""

    def __init__(self, stream: Any) -> None:
        self.lines: list[tuple[float, str]] = []
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            with self.changed:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))
                self.changed.notify_all()

    def wait_for(self, text: str, start: int, timeout: float) -> tuple[float, str] | None:
        """The first line from index `start` on that contains `text`."""
        deadline = time.perf_counter() + timeout
        with self.changed:
            while True:
                for when, line in self.lines[start:]:
                    if text in line:
                        return when, line
                left = deadline - time.perf_counter()
                if left <= 0:
                    return None
                self.changed.wait(left)

    def tail(self, count: int = 25) -> str:
        with self.changed:
            return "\n".join(line for _, line in self.lines[-count:])


@contextmanager
def serve(project: Path, port: int, timeout: float) -> Iterator[ServerLog]:
    """`playbook serve` on the project, in a process group of its own; yields once it serves."""
    process = subprocess.Popen(
        playbook("--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"),
        cwd=project, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, text=True, start_new_session=True)
    log = ServerLog(process.stdout)
    try:
        if log.wait_for("Serving on", 0, timeout) is None:
            raise SystemExit(f"bench: `playbook serve` did not start within {timeout:.0f} s:\n"
                             f"{log.tail()}")
        yield log
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)  # the group this bench started
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def pick_record(project: Path) -> Path:
    """A real record of KIND (not a generated one), whose title the edits change."""
    files = sorted(p for p in (project / "data" / KIND).glob("*.yml")
                   if not p.stem.startswith("generated-"))
    if not files:
        raise SystemExit(f"bench: no {KIND} record to edit in {project}")
    return files[0]


def set_title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(r"^title:.*$", f"title: {title}", text, count=1, flags=re.M)
    if not count:
        raise SystemExit(f"bench: {path} has no top-level `title:` line")
    path.write_text(new, encoding="utf-8")


def measure_variant(variant: Variant, project: Path, repeats: int, timeout: float,
                    progress: Callable[[str], None]) -> None:
    from playwright.sync_api import sync_playwright

    record = pick_record(project)
    port = free_port()
    url = f"http://127.0.0.1:{port}/{KIND}/{record.stem}/"
    started = time.perf_counter()
    with serve(project, port, timeout) as log, sync_playwright() as driver:
        variant.first_build = time.perf_counter() - started
        progress(f"{variant.label}: serving after {variant.first_build:.1f} s")
        with urllib.request.urlopen(url, timeout=timeout):
            pass
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            page.locator("h1").first.wait_for(timeout=timeout * 1000)
            for number in range(1, repeats + 1):
                time.sleep(1.0)  # let the server and the tab settle
                title = f"Preview check {number} {secrets.token_hex(3)}"
                mark = len(log.lines)
                start = time.perf_counter()
                set_title(record, title)
                page.locator("h1", has_text=title).wait_for(state="visible",
                                                            timeout=timeout * 1000)
                seen = time.perf_counter()
                variant.edits.append(split(log, mark, start, seen))
                progress(f"{variant.label}: edit {number}/{repeats} visible after "
                         f"{seen - start:.2f} s")
        finally:
            browser.close()


def split(log: ServerLog, mark: int, start: float, seen: float) -> Edit:
    """The latency of one edit, split at the server's log lines."""
    detected = log.wait_for("Detected file changes", mark, 0)
    reloading = log.wait_for("Reloading browsers", mark, 0)
    built = log.wait_for("Documentation built in", mark, 0)
    match = BUILT.search(built[1]) if built else None
    return Edit(
        latency=seen - start,
        noticed=detected[0] - start if detected else None,
        rebuilt=reloading[0] - detected[0] if detected and reloading else None,
        build=float(match.group(1)) if match else None,
        browser=seen - reloading[0] if reloading else None)


def median(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.median(known):.2f}" if known else "-"


def report(variants: list[Variant], repeats: int) -> None:
    print(f"\npreview latency, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end; {repeats} edit(s) each, "
          "medians; `playbook serve` + headless Chromium\n")
    rows = [("project", "first build s", "latency s", "min s", "max s", "noticed s",
             "rebuilt s", "(MkDocs build s)", "browser s", "target", "verdict")]
    for v in variants:
        latencies = [e.latency for e in v.edits]
        target = TARGETS.get(v.label)
        lat = statistics.median(latencies)
        rows.append((v.label, f"{v.first_build:.1f}", f"{lat:.2f}", f"{min(latencies):.2f}",
                     f"{max(latencies):.2f}", median([e.noticed for e in v.edits]),
                     median([e.rebuilt for e in v.edits]), median([e.build for e in v.edits]),
                     median([e.browser for e in v.edits]),
                     f"<= {target:.0f} s" if target else "-",
                     ("MET" if lat <= target else "MISSED") if target else "not judged"))
    print(table(rows, right=range(1, 9)))
    print("\nlatency = noticed (write -> server logs the change) + rebuilt (-> 'Reloading "
          "browsers', MkDocs' whole rebuild) + browser (the tab reloads and shows the title)")
    for v in variants:
        print(f"{v.label}: every edit, s: {' '.join(f'{e.latency:.2f}' for e in v.edits)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 edits each, +200 records")
    parser.add_argument("--repeats", type=int, help="edits per project (default 5)")
    parser.add_argument("--records", type=int, help="generated records for the second "
                        "project (default 2000)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds to wait for the server or a title (default 300)")
    parser.add_argument("--source", type=Path, default=ROOT, help="the project to copy "
                        "(default: this repository)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 5)
    records = args.records if args.records is not None else (200 if args.quick else 2000)
    if repeats < 1 or records < 0:
        parser.error("--repeats must be at least 1 and --records at least 0")
    if not CHROMIUM.is_file():
        print(f"preview_latency: needs {CHROMIUM}: apt-get install -y chromium", file=sys.stderr)
        return 2
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        print("preview_latency: needs Playwright: pip install -e '.[test]'", file=sys.stderr)
        return 2

    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)

    variants = [Variant("real", 0), Variant(f"+{records}", records)] if records else \
        [Variant("real", 0)]
    with tempfile.TemporaryDirectory(prefix="playbook-preview-") as tmp_name:
        tmp = Path(tmp_name)
        source = snapshot(tmp / "snapshot", args.source.resolve())
        for variant in variants:
            project = make_project(source, tmp / f"project-{variant.records}", variant.records)
            measure_variant(variant, project, repeats, args.timeout, progress)
    report(variants, repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
