"""How long a playbook build takes, next to a bare MkDocs + Material build of the same pages.

Run from the project folder (`make bench` does)::

    .venv/bin/python bench/build_speed.py [--records N] [--rounds R] [--editions E]

It needs the project installed in the venv (`make bench` sees to that).

The bench snapshots this project (mkdocs.yml, docs/, hooks/, data/) into a temporary folder and
adds synthetic bottleneck records (`generated-0001`, ...) to the data: N of them, and N/4 for a
second, smaller project. For each project it times, in alternating rounds:

- **ours**: `python -m mkdocs build --strict` on the project (hook, macros, data checks);
- **bare**: the same pages, pre-rendered to plain Markdown (records through
  `macros.pages.generate`, hand-written pages as mkdocs-macros rendered them), built by MkDocs with
  Material and the search plugin only: same theme features, nav and Markdown extensions, no hooks,
  no macros plugin, no custom theme folder;
- **real data only** (both builds): the fixed cost of a build with only the repository's records;
- **editions**, when `playbook build` has `--all`: `playbook build --all` on the real data, with the
  overlays of `data/orgs/` or, given `--editions E`, E copies of them.

Every figure printed is a median over the rounds and every ratio comes from this run: absolute
times depend on the machine, ratios much less. Nothing is asserted; the bench only reports.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.catalog import load_catalog
from macros.navigation import NAV_LIMIT, expand_nav
from macros.pages import generate
from macros.problems import report

ROOT = Path(__file__).resolve().parent.parent
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
    rng = random.Random(seed)
    width = max(4, len(str(count)))
    folder = data / KIND
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        record = bottleneck(number, width, rng)
        (folder / f"{record['id']}.yml").write_text(
            yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8")


def snapshot(dest: Path) -> Path:
    """Copy the project once, so edits made while the bench runs do not mix into it."""
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=ignore)
        else:
            shutil.copy2(source, dest / part)
    return dest


def make_project(source: Path, dest: Path, records: int) -> Path:
    """The snapshot plus `records` generated bottlenecks; its data must check clean."""
    shutil.copytree(source, dest)
    write_records(dest / "data", records)
    _, problems = load_catalog(dest)
    if problems:
        raise SystemExit(f"bench: the data of {dest.name} has problems (did the bottleneck "
                         f"schema change?):\n{report(problems)}")
    return dest


def make_bare(project: Path, dest: Path, capture: Path) -> Path:
    """The same pages as `project`, as plain Markdown, with a minimal MkDocs config."""
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
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(bare, sort_keys=False), encoding="utf-8")
    return dest


# ---------------------------------------------------------------------------------------------
# Running builds


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def run(command: Sequence[str], cwd: Path, environ: dict[str, str] | None = None) -> float:
    """Wall-clock seconds of one command (interpreter start included); stops on failure."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=environ or env(), capture_output=True,
                            text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-25:])
        raise SystemExit(f"bench: `{' '.join(command)}` failed in {cwd}:\n{tail}")
    return elapsed


def mkdocs_build(config: Path, site: Path) -> list[str]:
    # No -q/-v: in MkDocs 1.6.1 either one silently turns --strict off.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
            "-d", str(site)]


def capture_pages(project: Path, dest: Path) -> Path:
    """Build `project` once (untimed; doubles as a warm-up) with the capture hook added."""
    (project / "bench_capture.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [*config.get("hooks", []), "bench_capture.py"]
    capture_config = project / "mkdocs-capture.yml"
    capture_config.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    run(mkdocs_build(capture_config, project / "site-capture"), project,
        env(**{CAPTURE_ENV: str(dest)}))
    shutil.rmtree(project / "site-capture")
    return dest


def has_all_option() -> bool:
    """Whether `playbook build` can build every edition (`--all`), asked at run time."""
    result = subprocess.run([sys.executable, "-m", "macros.cli", "build", "--help"],
                            capture_output=True, text=True, check=False, env=env())
    return "--all" in result.stdout


def make_editions_project(source: Path, dest: Path, editions: int | None) -> tuple[Path, int]:
    """The snapshot with its own overlays, or with `editions` copies of them (edition-01, ...)
    in their place; returns the project and how many editions it has besides the default."""
    from macros.editions.load import ORGS

    shutil.copytree(source, dest)
    orgs = dest / ORGS
    if editions is not None:
        originals = sorted(orgs.glob("*.yml")) if orgs.is_dir() else []
        if not originals:
            raise SystemExit(f"bench: --editions copies the overlays in {ORGS}/, but there "
                             "are none")
        staging = dest / "orgs-originals"
        orgs.rename(staging)
        orgs.mkdir()
        for number in range(1, editions + 1):
            original = staging / originals[(number - 1) % len(originals)].name
            slug = f"edition-{number:02d}"
            shutil.copy2(original, orgs / f"{slug}.yml")
            if (staging / original.stem).is_dir():  # the overlay's own records and logo
                shutil.copytree(staging / original.stem, orgs / slug)
        shutil.rmtree(staging)
    run([sys.executable, "-m", "macros.cli", "--root", str(dest), "check"], dest)
    return dest, sum(1 for _ in orgs.glob("*.yml")) if orgs.is_dir() else 0


@dataclass
class Case:
    name: str
    pages: int | None
    command: list[str]
    cwd: Path
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def measure(cases: list[Case], rounds: int, progress: Callable[[str], None]) -> None:
    """Alternate the cases: each round runs every case once, starting one further along."""
    for round_no in range(rounds):
        shift = round_no % len(cases)
        for case in cases[shift:] + cases[:shift]:
            case.times.append(run(case.command, case.cwd))
            progress(f"round {round_no + 1}/{rounds}: {case.name} {case.times[-1]:.2f} s")


def count_pages(docs: Path) -> int:
    return sum(1 for _ in docs.rglob("*.md"))


# ---------------------------------------------------------------------------------------------
# Report


def table(cases: list[Case]) -> str:
    rows = [("build", "pages", "median s", "min s", "max s", "runs")]
    for case in cases:
        rows.append((case.name, str(case.pages) if case.pages is not None else "-",
                     f"{case.median:.2f}", f"{min(case.times):.2f}", f"{max(case.times):.2f}",
                     " ".join(f"{t:.2f}" for t in case.times)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i in (0, 5) else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def ratios(by: dict[str, Case], records: int, quarter: int) -> list[str]:
    def t(name: str) -> float:
        return by[name].median

    lines = [
        f"ours / bare, N = {records} records:   {t('ours N') / t('bare N'):.2f}x",
        f"ours / bare, N/4 = {quarter} records: {t('ours N/4') / t('bare N/4'):.2f}x",
        f"ours / bare, real data only: {t('ours real') / t('bare real'):.2f}x",
        "",
        f"scaling, time(N) / time(N/4) for {records / quarter:.0f}x the records "
        "(linear <= that; quadratic ~ its square):",
    ]
    for who in ("ours", "bare"):
        full, part, fixed = t(f"{who} N"), t(f"{who} N/4"), t(f"{who} real")
        per_full = (full - fixed) / records * 1000
        per_part = (part - fixed) / quarter * 1000
        lines.append(
            f"  {who}: {full / part:.2f}x total, {(full - fixed) / (part - fixed):.2f}x above "
            f"the fixed cost; per added page {per_part:.1f} ms at N/4, {per_full:.1f} ms at N "
            f"(ratio {per_full / per_part:.2f}, flat = 1)")
    return lines


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=2000,
                        help="generated bottleneck records in the large project (default 2000)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="times each build runs; medians are reported (default 3)")
    parser.add_argument("--editions", type=int, default=None,
                        help="when `playbook build` has --all (timed then), build E copies of "
                        "the overlays in data/orgs instead of the overlays themselves")
    args = parser.parse_args(argv)
    if args.records < 4 or args.rounds < 1 or (args.editions is not None and args.editions < 1):
        parser.error("--records must be at least 4, --rounds and --editions at least 1")
    records, quarter = args.records, args.records // 4

    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp_name:
        tmp = Path(tmp_name)
        source = snapshot(tmp / "snapshot")
        existing = sum(1 for _ in (source / "data" / KIND).glob("*.yml"))
        cases: list[Case] = []
        for label, count in (("real", 0), ("N/4", quarter), ("N", records)):
            slug = label.replace("/", "-")
            progress(f"preparing {label}: {count} generated records")
            project = make_project(source, tmp / f"ours-{slug}", count)
            capture = capture_pages(project, tmp / f"capture-{slug}")
            bare = make_bare(project, tmp / f"bare-{slug}", capture)
            pages = count_pages(bare / "docs")
            cases.append(Case(f"ours {label}", pages,
                              mkdocs_build(project / "mkdocs.yml", tmp / f"site-ours-{slug}"),
                              project))
            cases.append(Case(f"bare {label}", pages,
                              mkdocs_build(bare / "mkdocs.yml", tmp / f"site-bare-{slug}"), bare))
        editions = 0
        if has_all_option():
            progress("preparing editions")
            project, editions = make_editions_project(source, tmp / "editions", args.editions)
            cases.append(Case(f"ours --all ({1 + editions} editions)", None,
                              [sys.executable, "-m", "macros.cli", "--root", str(project),
                               "build", "--all", "--out", str(tmp / "site-editions")],
                              project))
        measure(cases, args.rounds, progress)

    by = {case.name: case for case in cases}
    print(f"\nplaybook build speed, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}; {args.rounds} alternating rounds, medians; "
          f"N = {records} generated records, N/4 = {quarter}\n")
    print(table(cases))
    print()
    print("\n".join(ratios(by, records, quarter)))
    if quarter + existing <= NAV_LIMIT:
        print(f"\nnote: with {quarter} records the {KIND} still sit in the nav (limit "
              f"{NAV_LIMIT}), so N/4 and N do not build the same kind of site")
    if editions:
        every = by[f"ours --all ({1 + editions} editions)"].median
        print(f"\neditions, real data: `playbook build --all` built the default and {editions} "
              f"organization editions in {every:.2f} s, {every / (1 + editions):.2f} s per "
              f"edition; one plain build of the real data takes {by['ours real'].median:.2f} s "
              f"({every / (1 + editions) / by['ours real'].median:.2f}x)")
    else:
        print("\neditions: skipped (`playbook build` has no --all option)")
    print(f"bench took {time.perf_counter() - started:.0f} s in total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
