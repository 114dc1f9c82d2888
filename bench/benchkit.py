"""What the benches share: synthetic records, throwaway projects, the trees other engines build,
and timed runs that also report memory.

Everything here works on copies in a temporary folder, never on the project's own `data/`,
`docs/` or `site/`. The project-making helpers are plain functions that `tests/test_bench.py`
runs on a small scale, so they keep up with the schemas.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.catalog import load_catalog
from macros.editions.load import ORGS, load_project
from macros.navigation import expand_nav
from macros.pages import generate
from macros.problems import report
from macros.urls import DEFAULT_EDITION, REGISTRY

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "data")
CAPTURE_ENV = "PLAYBOOK_BENCH_CAPTURE"
KIND = "bottlenecks"

# An extra hook for one untimed build per project: it writes every page's Markdown as it stands
# after mkdocs-macros ran, so the bare build gets the hand-written pages exactly as ours renders
# them. It runs last (priority -100), after the macros plugin.
CAPTURE_HOOK = '''\
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

OUT = Path(os.environ["__ENV__"])


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
    front = "---\\n" + yaml.safe_dump(meta, sort_keys=False) + "---\\n\\n" if meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    return markdown
'''.replace("__ENV__", CAPTURE_ENV)

WORDS = (
    "adoption", "champion", "rollout", "pilot", "budget", "license", "training", "support",
    "backlog", "manager", "sponsor", "function", "wave", "metric", "survey", "prompt",
    "workflow", "assistant", "onboarding", "office", "hours", "escalation", "compliance",
    "security", "review", "legal", "procurement", "finance", "sales", "marketing",
    "engineering", "helpdesk", "ticket", "queue", "usage", "dashboard", "feedback", "template",
    "playbook", "quarter", "target", "week", "month", "team", "leadership", "incentive",
    "recognition", "workload", "capacity", "integration", "platform", "access", "rights",
)


# ---------------------------------------------------------------------------------------------
# Synthetic data and projects


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def bottleneck(number: int, width: int, rng: random.Random) -> dict[str, Any]:
    """One valid record of `macros/kinds/bottlenecks.py`'s schema."""
    record_id = f"generated-{number:0{width}d}"
    record: dict[str, Any] = {
        "id": record_id,
        "title": f"Generated bottleneck {number}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
        "order": 100 + number,
        "summary": sentence(rng, 12),
        "symptom": sentence(rng, 18),
        "cause": sentence(rng, 24),
        "fixes": [sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(2, 5))],
    }
    if number % 2:
        record["sub_problems"] = [{"problem": sentence(rng, 10), "fix": sentence(rng, 10)}
                                  for _ in range(rng.randint(1, 3))]
    return record


def write_records(data: Path, count: int, seed: int = 1) -> None:
    """`count` generated bottleneck records (generated-0001.yml, ...) in `data`."""
    rng = random.Random(seed)
    width = max(4, len(str(count)))
    folder = data / KIND
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        record = bottleneck(number, width, rng)
        (folder / f"{record['id']}.yml").write_text(
            yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8")


def snapshot(dest: Path, source: Path = ROOT) -> Path:
    """Copy the project once, so edits made while a bench runs do not mix into it."""
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, dest / part, ignore=ignore)
        else:
            shutil.copy2(source / part, dest / part)
    return dest


def set_editions(project: Path, count: int) -> int:
    """Replace the overlays of `project` by `count` copies of them, renamed edition-01, ...
    (each with its overlay's own records and logo, and its lines of the registry of published
    addresses, which `check` holds the editions to); returns `count`."""
    orgs = project / ORGS
    originals = sorted(orgs.glob("*.yml")) if orgs.is_dir() else []
    if not originals:
        raise SystemExit(f"bench: editions are copies of the overlays in {ORGS}/, but there "
                         "are none")
    staging = project / "orgs-originals"
    renamed: dict[str, str] = {}
    orgs.rename(staging)
    orgs.mkdir()
    for number in range(1, count + 1):
        original = staging / originals[(number - 1) % len(originals)].name
        slug = f"edition-{number:02d}"
        shutil.copy2(original, orgs / f"{slug}.yml")
        if (staging / original.stem).is_dir():  # the overlay's own records and logo
            shutil.copytree(staging / original.stem, orgs / slug)
        renamed[slug] = original.stem
    shutil.rmtree(staging)
    registry = project / REGISTRY
    if registry.is_file():
        lines = registry.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if line.startswith("#") or
                line.split(" ", 1)[0] == DEFAULT_EDITION]
        for slug, stem in renamed.items():
            kept += [f"{slug} {line.split(' ', 1)[1]}" for line in lines
                     if line.split(" ", 1)[0] == stem and " " in line]
        registry.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return count


def make_project(source: Path, dest: Path, records: int, editions: int | None = None, *,
                 verify: bool = True) -> Path:
    """A copy of `source` plus `records` generated bottlenecks and, given `editions`, that
    many copies of its overlays in place of its own. With `verify` its data and overlays must
    load without a problem."""
    shutil.copytree(source, dest)
    if records:
        write_records(dest / "data", records)
    if editions is not None:
        set_editions(dest, editions)
    if verify:
        problems = load_project(dest).problems
        if problems:
            raise SystemExit(f"bench: the data of {dest.name} has problems (did the bottleneck "
                             f"or overlay schema change?):\n{report(problems)}")
    return dest


def capture_pages(project: Path, dest: Path) -> Path:
    """Build `project` once with MkDocs and the capture hook added (untimed; a warm-up too):
    `dest` gets every page's Markdown as mkdocs-macros rendered it."""
    (project / "bench_capture.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [*config.get("hooks", []), "bench_capture.py"]
    capture_config = project / "mkdocs-capture.yml"
    capture_config.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    try:
        run(mkdocs_build(capture_config, project / "site-capture"), project,
            env(**{CAPTURE_ENV: str(dest)}))
    finally:
        shutil.rmtree(project / "site-capture", ignore_errors=True)
        capture_config.unlink()
        (project / "bench_capture.py").unlink()
    return dest


def make_bare(project: Path, dest: Path, capture: Path) -> Path:
    """The pages of `project`'s default edition as plain Markdown, with a minimal MkDocs
    config: Material with our theme settings, nav and Markdown extensions, the search plugin
    only (no hooks, no macros plugin, no custom theme folder)."""
    catalog, _ = load_catalog(project)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    docs_dir = project / config.get("docs_dir", "docs")
    out = dest / "docs"
    # Files that are not Markdown (images, CSS) as they are.
    shutil.copytree(docs_dir, out, ignore=shutil.ignore_patterns("*.md"))
    generated = {page.uri: page.markdown for page in generate(catalog)}
    for uri, markdown in generated.items():
        (out / uri).parent.mkdir(parents=True, exist_ok=True)
        (out / uri).write_text(markdown, encoding="utf-8")
    mismatched: list[str] = []
    for captured in capture.rglob("*.md"):
        uri = captured.relative_to(capture).as_posix()
        if uri in generated:
            if captured.read_text(encoding="utf-8") != generated[uri]:
                mismatched.append(uri)
            continue
        (out / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(captured, out / uri)
    if mismatched:
        print(f"note: {len(mismatched)} generated page(s) of {project.name} differ from what "
              f"the build rendered (e.g. {mismatched[0]}; did macros/ change meanwhile?); the "
              "bare build uses macros.pages.generate's output", file=sys.stderr)
    theme = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    bare = {key: config[key] for key in ("site_name", "site_url", "repo_url", "repo_name",
                                         "edit_uri", "markdown_extensions", "validation",
                                         "extra", "extra_css", "extra_javascript")
            if key in config}
    bare |= {"theme": theme, "plugins": ["search"], "nav": expand_nav(config.get("nav"), catalog)}
    # The `templates` kind's pages live in docs/templates/, which MkDocs skips by default.
    bare["exclude_docs"] = "!/templates/"
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(bare, sort_keys=False), encoding="utf-8")
    return dest


HUGO_CONFIG = {
    "baseURL": "http://127.0.0.1/",
    "title": "Playbook (Hugo peer)",
    "disableKinds": ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"],
    "markup": {"goldmark": {"renderer": {"unsafe": True},
                            "parser": {"attribute": {"block": True, "title": True}}}},
}
# The least a site needs to publish every page: its content, and each section a list of its
# pages (Hugo has no nav or search of its own to add).
HUGO_SINGLE = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
               "</head><body><main>{{ .Content }}</main></body></html>\n")
HUGO_LIST = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
             "</head><body><main>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\""
             "{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>\n")


def make_hugo(bare: Path, dest: Path) -> Path:
    """The bare project's pages as a Hugo site: `index.md` becomes a section's `_index.md`,
    other files go to static/, and two minimal layouts print the pages."""
    docs = bare / "docs"
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        uri = path.relative_to(docs)
        if path.suffix == ".md":
            name = "_index.md" if uri.name == "index.md" else uri.name
            target = dest / "content" / uri.parent / name
        else:
            target = dest / "static" / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    layouts = dest / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (dest / "config.yaml").write_text(yaml.safe_dump(HUGO_CONFIG, sort_keys=False),
                                      encoding="utf-8")
    return dest


_ZENSICAL_TOO_BIG = re.compile(r"Search field '\w+' at '([^']*)' exceeds the search index limit")


def zensical_ready(tool: Path, tree: Path, tries: int = 20) -> tuple[list[str], str | None]:
    """Build the exported `tree` once with Zensical (untimed). Zensical 0.0.73 refuses a page
    whose search text exceeds its index limit (a kind's index page listing 2,000 records):
    such pages get `search: exclude: true` and the build is tried again. Returns the pages
    left out of search, and why Zensical cannot build the tree (None when it can)."""
    excluded: list[str] = []
    for _ in range(tries):
        result = run(zensical_build(tool, tree), tree, check=False)
        if result.code == 0:
            return excluded, None
        found = _ZENSICAL_TOO_BIG.search(result.tail)
        page = _source_of(tree / "docs", found.group(1)) if found else None
        if page is None or page in excluded:
            return excluded, result.tail.splitlines()[-1] if result.tail else "it failed"
        _exclude_from_search(tree / "docs" / page)
        excluded.append(page)
    return excluded, f"still failing after leaving {tries} pages out of search"


def zensical_build(tool: Path, tree: Path) -> list[str]:
    # --clean: no cache from the run before, a full build every time.
    return [str(tool), "build", "--clean", "-f", str(tree / "mkdocs.yml")]


def _source_of(docs: Path, url: str) -> str | None:
    stem = url.strip("/")
    for candidate in (f"{stem}/index.md", f"{stem}.md") if stem else ("index.md",):
        if (docs / candidate).is_file():
            return candidate.lstrip("/")
    return None


def _exclude_from_search(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = "---\nsearch:\n  exclude: true\n" + text[4:]
    else:
        text = "---\nsearch:\n  exclude: true\n---\n\n" + text
    page.write_text(text, encoding="utf-8")


def count_pages(docs: Path) -> int:
    return sum(1 for _ in docs.rglob("*.md"))


# ---------------------------------------------------------------------------------------------
# Commands


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def playbook(*args: str) -> list[str]:
    """The `playbook` command as a user runs it: the venv's console script when there is one."""
    script = Path(sys.executable).parent / "playbook"
    if script.is_file():
        return [str(script), *args]
    return [sys.executable, "-m", "macros.cli", *args]


def mkdocs_build(config: Path, site: Path) -> list[str]:
    # No -q/-v: in MkDocs 1.6.1 either one silently turns --strict off.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
            "-d", str(site)]


def find_tool(name: str, given: str | None = None) -> Path | None:
    """An optional engine (`hugo`, `zensical`): the path given, else beside this Python (the
    `bench` extra installs zensical into the venv), else on PATH."""
    if given:
        return Path(given) if Path(given).is_file() else None
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return beside
    found = shutil.which(name)
    return Path(found) if found else None


def tool_version(tool: Path) -> str:
    args = [str(tool), "version"] if tool.name == "hugo" else [str(tool), "--version"]
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    words = (result.stdout or result.stderr).split()
    numbers = [w for w in words if re.match(r"v?\d+\.\d+", w)]
    return numbers[0].split("+")[0].split("-")[0] if numbers else "?"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# ---------------------------------------------------------------------------------------------
# Timed runs


@dataclass
class Run:
    seconds: float
    maxrss_kib: int           # ru_maxrss of the command: its largest process (KiB)
    tree_pss_kib: int | None  # peak sum of PSS over its whole process tree, when sampled
    code: int = 0
    tail: str = ""            # the output's last lines, when it failed


def run(command: Sequence[str], cwd: Path, environ: dict[str, str] | None = None, *,
        sample_memory: bool = False, check: bool = True) -> Run:
    """Run `command` to its end; wall-clock seconds (interpreter start included) and memory.
    When it fails, stops the bench showing the output's tail (with `check` False: returns)."""
    with tempfile.TemporaryFile("w+") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=environ or env(), stdout=output,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        sampler = _TreeSampler(process.pid) if sample_memory else None
        # wait4 reports this child's own resource use (and that of its waited-for
        # children), unlike getrusage(RUSAGE_CHILDREN), which mixes every earlier run in.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = sampler.stop() if sampler else None
        tail = ""
        if process.returncode != 0:
            output.seek(0)
            tail = "\n".join(output.read().splitlines()[-25:])
            if check:
                raise SystemExit(f"bench: `{' '.join(command)}` failed (exit status "
                                 f"{process.returncode}) in {cwd}:\n{tail}")
    return Run(elapsed, usage.ru_maxrss, peak, process.returncode, tail)


class _TreeSampler:
    """Samples the summed PSS (shared pages split between the processes that map them) of a
    process and all its descendants every 50 ms, from /proc; keeps the peak."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def stop(self) -> int | None:
        self.done.set()
        self.thread.join()
        return self.peak or None

    def _loop(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                ppid = int(stat.read().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


@dataclass
class Case:
    """One timed thing: one command, or several run in turn and timed together."""

    name: str
    commands: list[list[str]]
    cwd: Path
    pages: int | None = None
    result: Path | None = None   # a JSON file each run writes (the breakdown runs)
    max_runs: int | None = None  # run in the first rounds only
    site: Path | None = None     # where it builds to, for a look at the result
    times: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def measure(cases: list[Case], rounds: int, progress: Callable[[str], None]) -> None:
    """Alternate the cases: each round runs every case once, starting one further along."""
    import json

    started = time.perf_counter()
    for round_no in range(rounds):
        shift = round_no % len(cases)
        for case in cases[shift:] + cases[:shift]:
            if case.max_runs is not None and len(case.times) >= case.max_runs:
                continue
            runs = [run(command, case.cwd) for command in case.commands]
            case.times.append(sum(r.seconds for r in runs))
            case.rss.append(max(r.maxrss_kib for r in runs))
            if case.result is not None:
                found = json.loads(case.result.read_text(encoding="utf-8"))
                found["wall"] = case.times[-1]
                case.results.append(found)
            progress(f"round {round_no + 1}/{rounds}: {case.name} {case.times[-1]:.2f} s")
        progress(f"round {round_no + 1}/{rounds} done, {time.perf_counter() - started:.0f} s "
                 "since the first")


def table(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Rows of cells as aligned text; the first row is the header. Columns in `right` are
    aligned right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.rjust(w) if i in right else cell.ljust(w)
                       for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
