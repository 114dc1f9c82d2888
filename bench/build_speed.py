"""How fast `playbook build`, `build --all` and `check` are, next to a bare MkDocs + Material
build of the same pages, and where the time goes.

Run from the project folder (`make bench` does)::

    .venv/bin/python bench/build_speed.py            # the full bench, about 10-15 minutes
    .venv/bin/python bench/build_speed.py --quick    # everything on a small scale, ~2 minutes

It needs the project installed in the venv (`make bench` sees to that). Optional peers: Hugo
(`apt-get install hugo`) and Zensical (`pip install -e '.[bench]'`), each found beside this
Python or on PATH, or named with --hugo / --zensical.

The bench snapshots this project (mkdocs.yml, docs/, hooks/, data/) into a temporary folder and
makes its projects from that copy: the real data alone, plus N/4 and N generated bottleneck
records (`generated-0001`, ...), with E copies of the overlays in `data/orgs/`, and with the
--check-records counts. Every case is a command in a subprocess, timed in alternating rounds;
the report gives medians, and every ratio comes from this one run:

- **playbook build** (the whole CLI command) against **bare**: the same pages, pre-rendered to
  plain Markdown, built by MkDocs with Material and the search plugin only;
- a **breakdown** of one `playbook build` at each size: the same command run by
  `bench/phases.py`, which times the engine functions in the process (load, validate,
  check_site, generate, MkDocs and its plugins);
- `build --all` with E editions against E separate `build --edition` runs;
- `playbook check` with E editions at each --check-records count;
- peak memory of `build` and of `build --all` with E editions, both at N records;
- Hugo and Zensical on the same pages, when they are installed.

Nothing is asserted: the report prints each figure next to its target. Absolute times depend on
the machine and on whatever else runs on it; ratios much less.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchkit import (
    BENCH,
    KIND,
    ROOT,
    Case,
    Run,
    capture_pages,
    count_pages,
    find_tool,
    make_bare,
    make_hugo,
    make_project,
    measure,
    mkdocs_build,
    playbook,
    run,
    snapshot,
    table,
    tool_version,
    zensical_build,
    zensical_ready,
)
from phases import SEP

from macros.editions.load import edition_slugs
from macros.navigation import NAV_LIMIT

# What the figures are judged against.
TARGET_BUILD = 1.10        # playbook build / bare build, at every size
TARGET_ALL = 0.40          # build --all / E separate build --edition runs
TARGET_CHECK = 10.0        # seconds for check with TARGET_CHECK_AT records and 20 editions
TARGET_CHECK_AT = 10_000
TARGET_EDITIONS = 20

FULL: dict[str, Any] = {"records": 2000, "rounds": 3, "editions": 20,
                        "check_records": [1000, 10_000]}
QUICK: dict[str, Any] = {"records": 200, "rounds": 1, "editions": 4, "check_records": [200, 1000]}


@dataclass
class Size:
    label: str        # "real", "+500", "+2000"
    records: int
    project: Path
    pages: int
    build: Case
    bare: Case
    breakdown: Case
    peers: dict[str, Case]
    notes: list[str]        # about the peers


# ---------------------------------------------------------------------------------------------
# Preparing


def prepare_size(tmp: Path, source: Path, label: str, records: int, peers: dict[str, Path],
                 breakdown_runs: int, progress: Callable[[str], None]) -> Size:
    slug = label.replace("+", "plus-")
    progress(f"preparing {label}: {records} generated records")
    project = make_project(source, tmp / f"project-{slug}", records)
    out = tmp / "out"
    # An untimed build first: a warm-up that also leaves whatever a first build writes.
    run(playbook("--root", str(project), "build", "--out", str(out / f"warm-{slug}")), project)
    capture = capture_pages(project, tmp / f"capture-{slug}")
    bare = make_bare(project, tmp / f"bare-{slug}", capture)
    pages = count_pages(bare / "docs")
    build = Case(f"playbook build {label}", [playbook(
        "--root", str(project), "build", "--out", str(out / f"build-{slug}"))], project, pages,
        site=out / f"build-{slug}")
    bare_case = Case(f"bare MkDocs {label}", [mkdocs_build(
        bare / "mkdocs.yml", out / f"bare-{slug}")], bare, pages, site=out / f"bare-{slug}")
    result = tmp / f"phases-{slug}.json"
    breakdown = Case(f"breakdown {label}", [[
        sys.executable, str(BENCH / "phases.py"), str(result), "--", "--root", str(project),
        "build", "--out", str(out / f"phases-{slug}")]], project, pages, result=result,
        max_runs=breakdown_runs)
    peer_cases: dict[str, Case] = {}
    notes: list[str] = []
    if "zensical" in peers:
        tree = tmp / f"zensical-{slug}"
        run(playbook("--root", str(project), "export", "--out", str(tree)), project)
        exported = count_pages(tree / "docs")
        if exported != pages:
            notes.append(f"zensical {label}: `playbook export` wrote {exported} pages, the "
                         f"bare project has {pages}")
        excluded, failed = zensical_ready(peers["zensical"], tree)
        if failed:
            notes.append(f"zensical {label}: skipped, it cannot build the pages: {failed}")
        else:
            name = f"zensical {label}"
            if excluded:
                name += f" ({len(excluded)} out of search)"
                notes.append(f"zensical {label}: {', '.join(excluded)} left out of search "
                             "(front matter `search: exclude: true`): Zensical 0.0.73 refuses "
                             "a page whose search text exceeds its index limit")
            peer_cases["zensical"] = Case(name, [zensical_build(peers["zensical"], tree)],
                                          tree, exported)
    if "hugo" in peers:
        tree = make_hugo(bare, tmp / f"hugo-{slug}")
        command = [str(peers["hugo"]), "--source", str(tree), "--destination",
                   str(out / f"hugo-{slug}"), "--cleanDestinationDir", "--quiet"]
        tried = run(command, tree, check=False)
        if tried.code:
            notes.append(f"hugo {label}: skipped, it cannot build the pages: "
                         f"{tried.tail.splitlines()[-1] if tried.tail else 'it failed'}")
        else:
            peer_cases["hugo"] = Case(f"hugo {label}", [command], tree, pages)
    for note in notes:
        progress(note)
    return Size(label, records, project, pages, build, bare_case, breakdown, peer_cases,
                notes)


def prepare_editions(tmp: Path, source: Path, editions: int,
                     progress: Callable[[str], None]) -> list[Case]:
    progress(f"preparing {editions} editions")
    project = make_project(source, tmp / "project-editions", 0, editions)
    out = tmp / "out"
    run(playbook("--root", str(project), "build", "--all", "--out", str(out / "warm-all")),
        project)
    every = Case(f"build --all ({editions} editions)", [playbook(
        "--root", str(project), "build", "--all", "--out", str(out / "all"))], project)
    singles = Case(f"{editions} x build --edition", [playbook(
        "--root", str(project), "build", "--edition", slug, "--out", str(out / f"one-{slug}"))
        for slug in edition_slugs(project)], project)
    default = Case(f"build (default, {editions} editions)", [playbook(
        "--root", str(project), "build", "--out", str(out / "editions-default"))], project)
    return [every, singles, default]


def prepare_checks(tmp: Path, source: Path, counts: list[int], editions: int,
                   progress: Callable[[str], None]) -> list[Case]:
    cases = []
    for count in counts:
        progress(f"preparing check: {count} generated records, {editions} editions")
        project = make_project(source, tmp / f"project-check-{count}", count, editions,
                               verify=False)
        command = playbook("--root", str(project), "check")
        run(command, project)  # warm-up; stops the bench if the data has problems
        cases.append(Case(f"check +{count} ({editions} editions)", [command], project))
    return cases


@dataclass
class Memory:
    name: str
    run: Run


def measure_memory(tmp: Path, source: Path, records: int, editions: int,
                   progress: Callable[[str], None]) -> list[Memory]:
    """`build --all` once, with the memory of its process tree sampled (the rounds give
    `build`'s own)."""
    name = f"build --all +{records} ({editions} editions)"
    progress(f"memory: {name}, one run")
    project = make_project(source, tmp / "project-memory", records, editions, verify=False)
    command = playbook("--root", str(project), "build", "--all", "--out",
                       str(tmp / "out" / "memory-all"))
    found = Memory(name, run(command, project, sample_memory=True))
    progress(f"{name}: {found.run.seconds:.1f} s")
    return [found]


# ---------------------------------------------------------------------------------------------
# Report


def sitemap_pages(site: Path | None) -> int:
    """How many pages a built site lists in its sitemap (-1 when it has none)."""
    if site is None or not (site / "sitemap.xml").is_file():
        return -1
    return (site / "sitemap.xml").read_text(encoding="utf-8").count("<loc>")


def mib(kib: float) -> str:
    return f"{kib / 1024:.0f}"


def cases_table(cases: list[Case]) -> str:
    rows = [("case", "pages", "median s", "min s", "max s", "peak RSS MiB", "runs")]
    for case in cases:
        rows.append((case.name, str(case.pages) if case.pages is not None else "-",
                     f"{case.median:.2f}", f"{min(case.times):.2f}", f"{max(case.times):.2f}",
                     mib(max(case.rss)), " ".join(f"{t:.2f}" for t in case.times)))
    return table(rows, right=(1, 2, 3, 4, 5))


# Rows of the breakdown: label and how to get it from one run's result (seconds).
def _sum(timers: dict[tuple[str, ...], float], test: Callable[[tuple[str, ...]], bool]
         ) -> float:
    return sum(seconds for key, seconds in timers.items() if test(key))


def _plugin(parts: tuple[str, ...], *prefixes: str) -> bool:
    return parts[0] == "run_mkdocs" and parts[-1].startswith(tuple(f"plugin:{p}"
                                                                  for p in prefixes))


def _plugin_inside(step: str) -> Callable[[tuple[str, ...]], bool]:
    """Plugin events that ran inside one of MkDocs' build steps (run_mkdocs/build/<step>)."""
    return lambda parts: len(parts) > 3 and parts[2] == step and parts[-1].startswith("plugin:")


def phases(result: dict[str, Any]) -> dict[str, float]:
    """One breakdown run as named, non-overlapping parts that add up to its wall time."""
    timers: dict[str, float] = result["timers"]
    t = {tuple(key.split(SEP)): seconds for key, seconds in timers.items()}
    load = _sum(t, lambda p: p[0] == "load_project" and p[-1] == "load_file")
    gen_check = _sum(t, lambda p: p[0] == "check_site" and p[-1] == "generate")
    gen_hook = _sum(t, lambda p: p[0] == "run_mkdocs" and p[-1] == "generate")
    hooks = _sum(t, lambda p: _plugin(p, "hooks/"))
    macros = _sum(t, lambda p: _plugin(p, "macros"))
    plugins = _sum(t, lambda p: _plugin(p, ""))
    inside = {step: _sum(t, _plugin_inside(step)) for step in ("_populate_page", "_build_page")}
    markdown = t.get(("run_mkdocs", "build", "_populate_page"), 0.0) - inside["_populate_page"]
    templates = t.get(("run_mkdocs", "build", "_build_page"), 0.0) - inside["_build_page"]
    setup = t.get(("run_mkdocs", "import"), 0.0) + t.get(("run_mkdocs", "load_config"), 0.0)
    mkdocs = t.get(("run_mkdocs",), 0.0)
    parts = {
        "start Python, import the CLI": result["wall"] - result["main"],
        "load: read + parse YAML": load,
        "validate: schemas, checks, refs, overlays": t.get(("load_project",), 0.0) - load,
        "checks: check_site without generate": t.get(("check_site",), 0.0) - gen_check,
        "generate pages (check_site, every edition)": gen_check,
        "generate pages (MkDocs hook)": gen_hook,
        "MkDocs: our hooks without generate": hooks - gen_hook,
        "MkDocs: mkdocs-macros plugin": macros,
        "MkDocs: search plugin": plugins - hooks - macros,
        "MkDocs: import, load config": setup,
        "MkDocs: Markdown to HTML": markdown,
        "MkDocs: Material page templates": templates,
        "MkDocs: the rest (nav, files, assets)": mkdocs - plugins - setup - markdown - templates,
    }
    accounted = t.get(("load_project",), 0.0) + t.get(("check_site",), 0.0) + mkdocs
    parts["other: output folder, docs/ tree, registry"] = result["main"] - accounted
    return parts


def breakdown_table(sizes: list[Size]) -> list[str]:
    per_size = []
    for size in sizes:
        runs = [phases(result) for result in size.breakdown.results]
        per_size.append({name: statistics.median(run[name] for run in runs)
                         for name in runs[0]})
    names = list(per_size[0])
    last = sizes[-1].label
    rows = [("part of one `playbook build` (s)", *(s.label for s in sizes), f"% at {last}")]
    total_last = sum(per_size[-1].values())
    for name in names:
        rows.append((name, *(f"{p[name]:.2f}" for p in per_size),
                     f"{100 * per_size[-1][name] / total_last:.0f}%"))
    rows.append(("total (instrumented run)", *(f"{sum(p.values()):.2f}" for p in per_size),
                 "100%"))
    rows.append(("`playbook build` above, median", *(f"{s.build.median:.2f}" for s in sizes),
                 ""))
    rows.append(("bare MkDocs above, median", *(f"{s.bare.median:.2f}" for s in sizes), ""))
    return table(rows, right=tuple(range(1, len(sizes) + 2))).splitlines()


def verdict(value: float, target: float, judged: bool, below: bool = True) -> str:
    if not judged:
        return "not judged (not at the target's scale)"
    met = value <= target if below else value < target
    return "MET" if met else "MISSED"


def report(args: argparse.Namespace, sizes: list[Size], edition_cases: list[Case],
           check_cases: list[Case], memory: list[Memory], peers: dict[str, Path],
           skipped: list[str], started: float) -> None:
    records, quarter = args.records, args.records // 4
    all_cases = [c for s in sizes for c in (s.build, s.bare, s.breakdown, *s.peers.values())]
    all_cases += edition_cases + check_cases
    versions = ", ".join(f"{name} {tool_version(path)}" for name, path in peers.items())
    print(f"\nplaybook speed, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores "
          f"({platform.machine()}), load average {os.getloadavg()[0]:.1f} at the end, Python "
          f"{platform.python_version()}{', ' + versions if versions else ''}; "
          f"{args.rounds} alternating round(s), medians; {'quick' if args.quick else 'full'} "
          f"run: N = {records}, N/4 = {quarter} generated records, E = {args.editions} "
          f"editions\n")
    print(cases_table(all_cases))

    print("\n1. `playbook build` against bare MkDocs + Material on the same pages "
          f"(target <= {TARGET_BUILD:.2f}x)")
    for size in sizes:
        ratio = size.build.median / size.bare.median
        print(f"   {size.label:>6}: {size.build.median:6.2f} s / {size.bare.median:6.2f} s = "
              f"{ratio:.2f}x  {verdict(ratio, TARGET_BUILD, True)}")
    real, part, full = sizes
    print(f"   scaling T(+{records}) / T(+{quarter}) for {records / quarter:.0f}x the records "
          "(linear <= that, quadratic ~ its square):")
    for who in ("build", "bare"):
        def t(size: Size, who: str = who) -> float:
            return size.build.median if who == "build" else size.bare.median

        above = (t(full) - t(real)) / (t(part) - t(real))
        print(f"     {'playbook build' if who == 'build' else 'bare MkDocs':<14}: "
              f"{t(full) / t(part):.2f}x total, {above:.2f}x above the real-data build; per "
              f"added page {(t(part) - t(real)) / quarter * 1000:.1f} ms at +{quarter}, "
              f"{(t(full) - t(real)) / records * 1000:.1f} ms at +{records}")
    for size in sizes:
        ours, bare = (sitemap_pages(c.site) for c in (size.build, size.bare))
        if ours != bare:
            print(f"   note: at {size.label} the sitemaps list {ours} pages for playbook build "
                  f"and {bare} for bare: the two do not build the same pages")
    if quarter + 4 <= NAV_LIMIT:
        print(f"   note: with +{quarter} records the {KIND} still sit in the nav (limit "
              f"{NAV_LIMIT}), so the sizes do not build the same kind of site")

    runs = len(sizes[0].breakdown.times)
    print(f"\n2. Where one `playbook build` spends its time ({runs} instrumented run(s) per "
          f"size, bench/phases.py{'; medians' if runs > 1 else ''})")
    for line in breakdown_table(sizes):
        print(f"   {line}")

    every, singles, default = edition_cases
    ratio = every.median / singles.median
    judged = args.editions == TARGET_EDITIONS
    print(f"\n3. Editions (real data, {args.editions} overlays, --jobs default = "
          f"{os.cpu_count()}; target <= {TARGET_ALL:.2f}x)")
    print(f"   build --all: {every.median:.2f} s for the default and {args.editions} editions "
          f"({every.median / (args.editions + 1):.2f} s each)")
    print(f"   {args.editions} separate build --edition runs: {singles.median:.2f} s "
          f"({singles.median / args.editions:.2f} s each)")
    print(f"   --all / {args.editions} x --edition = {ratio:.2f}x  "
          f"{verdict(ratio, TARGET_ALL, judged)}")
    both = singles.median + default.median
    print(f"   --all / ({args.editions} x --edition + 1 default build, the same "
          f"{args.editions + 1} sites) = {every.median / both:.2f}x")

    print(f"\n4. `playbook check` with {args.editions} editions (target < {TARGET_CHECK:.0f} s at "
          f"+{TARGET_CHECK_AT} records and {TARGET_EDITIONS} editions)")
    for case, count in zip(check_cases, args.check_records, strict=True):
        judged = count == TARGET_CHECK_AT and args.editions == TARGET_EDITIONS
        text = verdict(case.median, TARGET_CHECK, judged, below=False) if judged else ""
        print(f"   +{count:>6} records: {case.median:6.2f} s  "
              f"({case.median / count * 1000:.2f} ms per record)  {text}".rstrip())
    if len(check_cases) == 2:
        (small, big), (n1, n2) = check_cases, args.check_records
        print(f"   T(+{n2}) / T(+{n1}) = {big.median / small.median:.2f}x for {n2 / n1:.0f}x "
              "the records")

    print(f"\n5. Peak memory at +{records} records")
    rows = [("command", "s", "ru_maxrss MiB (largest process)", "peak PSS MiB (process tree)")]
    rows.append((f"build +{records} (the rounds above, the largest)", f"{full.build.median:.1f}",
                 mib(max(full.build.rss)), "-"))
    for found in memory:
        rows.append((f"{found.name} (one run)", f"{found.run.seconds:.1f}",
                     mib(found.run.maxrss_kib),
                     mib(found.run.tree_pss_kib) if found.run.tree_pss_kib else "-"))
    for line in table(rows, right=(1, 2, 3)).splitlines():
        print(f"   {line}")
    print("   ru_maxrss: wait4's figure for the command, the largest of its processes; with "
          "--all each edition builds in a forked process, so the process tree (PSS, shared "
          "pages split between processes) shows what the machine needs")

    print("\n6. Other engines on the same pages")
    for name in ("zensical", "hugo"):
        for size in sizes:
            peer = size.peers.get(name)
            if peer is None:
                continue
            print(f"   {name:<8} {size.label:>6}: {peer.median:6.2f} s; bare MkDocs / "
                  f"{name} = {size.bare.median / peer.median:5.2f}x, playbook build / {name} "
                  f"= {size.build.median / peer.median:5.2f}x")
    for note in [*skipped, *(note for size in sizes for note in size.notes)]:
        print(f"   note: {note}")

    print("\nTargets")
    rows = [("figure", "measured", "target", "verdict")]
    for size in sizes:
        ratio = size.build.median / size.bare.median
        rows.append((f"build / bare, {size.label}", f"{ratio:.2f}x", f"<= {TARGET_BUILD:.2f}x",
                     verdict(ratio, TARGET_BUILD, True)))
    rows.append((f"--all / {args.editions} x --edition", f"{every.median / singles.median:.2f}x",
                 f"<= {TARGET_ALL:.2f}x", verdict(every.median / singles.median, TARGET_ALL,
                                                  args.editions == TARGET_EDITIONS)))
    for case, count in zip(check_cases, args.check_records, strict=True):
        if count == max(args.check_records):
            rows.append((f"check +{count}, {args.editions} editions", f"{case.median:.2f} s",
                         f"< {TARGET_CHECK:.0f} s", verdict(
                             case.median, TARGET_CHECK, count == TARGET_CHECK_AT
                             and args.editions == TARGET_EDITIONS, below=False)))
    for line in table(rows).splitlines():
        print(f"   {line}")
    print("   preview latency: see bench/preview_latency.py (targets <= 2 s real data, "
          "<= 3 s at +2000)")
    print(f"\nbench took {time.perf_counter() - started:.0f} s in total")


# ---------------------------------------------------------------------------------------------


def _counts(text: str) -> list[int]:
    try:
        return [int(n) for n in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list like 1000,10000") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"everything on a small scale: {QUICK}")
    parser.add_argument("--records", type=int, help=f"N, generated records in the largest "
                        f"build project; the middle one gets N/4 (default {FULL['records']})")
    parser.add_argument("--rounds", type=int, help=f"times each case runs; medians are "
                        f"reported (default {FULL['rounds']})")
    parser.add_argument("--editions", type=int, help=f"E, copies of the overlays for --all, "
                        f"--edition, check and memory (default {FULL['editions']})")
    parser.add_argument("--check-records", type=_counts, metavar="A,B",
                        help="generated records for the check cases (default "
                        f"{','.join(map(str, FULL['check_records']))})")
    parser.add_argument("--breakdown-runs", type=int, default=1, metavar="B",
                        help="instrumented builds per size for the breakdown, in the first B "
                        "rounds (default 1)")
    parser.add_argument("--no-memory", action="store_true",
                        help="skip the --all memory run at N records (the longest single run)")
    parser.add_argument("--no-peers", action="store_true", help="skip Hugo and Zensical")
    parser.add_argument("--hugo", help="the hugo program (default: found on PATH)")
    parser.add_argument("--zensical", help="the zensical program (default: beside this "
                        "Python, else on PATH)")
    parser.add_argument("--source", type=Path, default=ROOT, help="the project to snapshot "
                        "(default: this repository)")
    args = parser.parse_args(argv)
    defaults = QUICK if args.quick else FULL
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.records < 8 or min(args.rounds, args.editions, args.breakdown_runs,
                                *args.check_records) < 1:
        parser.error("--records must be at least 8; --rounds, --editions, --breakdown-runs "
                     "and the check counts at least 1")
    records, quarter = args.records, args.records // 4

    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)

    peers: dict[str, Path] = {}
    skipped: list[str] = []
    if args.no_peers:
        skipped.append("Hugo and Zensical skipped (--no-peers)")
    else:
        for name, given, how in (
                ("zensical", args.zensical, "pip install -e '.[bench]' (or --zensical PATH)"),
                ("hugo", args.hugo, "apt-get install hugo (or --hugo PATH)")):
            tool = find_tool(name, given)
            if tool:
                peers[name] = tool
            else:
                skipped.append(f"{name}: not installed, skipped; to include it: {how}")

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp_name:
        tmp = Path(tmp_name)
        source = snapshot(tmp / "snapshot", args.source.resolve())
        sizes = [prepare_size(tmp, source, label, count, peers, args.breakdown_runs, progress)
                 for label, count in (("real", 0), (f"+{quarter}", quarter),
                                      (f"+{records}", records))]
        edition_cases = prepare_editions(tmp, source, args.editions, progress)
        check_cases = prepare_checks(tmp, source, args.check_records, args.editions, progress)
        cases = [c for s in sizes for c in (s.build, s.bare, s.breakdown, *s.peers.values())]
        cases += edition_cases + check_cases
        measure(cases, args.rounds, progress)
        memory = [] if args.no_memory else \
            measure_memory(tmp, source, records, args.editions, progress)
        report(args, sizes, edition_cases, check_cases, memory, peers, skipped, started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
