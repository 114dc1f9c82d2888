"""The `playbook` command: check the data, build the site or an edition, explain a value.

Exit status: 0 when all is well, 1 when the data has problems or a build fails, 2 for a usage
error (unknown command, option or edition, or an output folder a build must not touch).
Every failure ends in `path:line:col: error: ...` lines or one `error: ...` line.

A build writes a new folder beside its output folder and puts it in place only once it has
succeeded: a build that fails, is interrupted or killed leaves the previous site as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import traceback
from datetime import date
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from macros.editions.load import Project, edition_slugs, load_catalog_for
from macros.output import OutputError, check_output
from macros.problems import FORMATS, Problem, found, report, report_as
from macros.shards import Shard, parse_shard, share
from macros.site_check import check_project
from macros.urls import REGISTRY, update_registry

if TYPE_CHECKING:
    from macros.site import Loaded

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """Usage errors as one short line (`error: ...`), status 2."""

    def error(self, message: str) -> NoReturn:
        print(f"error: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def _shard(text: str) -> Shard:
    try:
        return parse_shard(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day written YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="playbook", description=__doc__,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder holding mkdocs.yml and data/ (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check the data and every overlay; report all "
                                "problems")
    check.add_argument("--format", choices=FORMATS, default="text", help="text (default): "
                       "path:line:col lines on stderr; github: GitHub Actions annotations on "
                       "stdout; json: a list of problems on stdout")
    check.add_argument("--stale", action="store_true", help="also warn about pages whose "
                       "review is overdue (their `reviewed` date and the kind's interval)")
    check.add_argument("--strict-stale", action="store_true", help="like --stale, but an "
                       "overdue page makes check fail (exit 1)")
    check.add_argument("--today", type=_day, default=date.today(), metavar="YYYY-MM-DD",
                       help="judge reviews as of this day (default: today)")
    commands.add_parser("urls", help=f"record every published address in {REGISTRY}, so "
                        "check can tell when a change would break one")
    build = commands.add_parser("build", help="check the data, then build a site")
    which = build.add_mutually_exclusive_group()
    which.add_argument("--edition", help="build this organization's edition (data/orgs/<slug>)")
    which.add_argument("--all", action="store_true",
                       help="build every edition into OUT/<slug>/ and OUT/default/")
    build.add_argument("--out", type=Path, help="output folder (default: site/); replaced "
                       "whole, so it must be new, empty or made by an earlier build")
    build.add_argument("--jobs", type=_jobs, metavar="N",
                       help="with --all, build N editions at a time (default: one per CPU)")
    build.add_argument("--shard", type=_shard, metavar="K/N",
                       help="with --all, build only shard K of N (the edition names, sorted, "
                       "dealt round-robin) into OUT/<name>/, replacing those folders alone: "
                       "several shards fill one OUT; no index page")
    which.add_argument("--editions-index", action="store_true",
                       help="write OUT/index.html listing the edition folders in OUT (once "
                       "every shard is there); changes nothing else")
    serve = commands.add_parser("serve", help="preview with live reload")
    serve.add_argument("--edition", help="preview this organization's edition")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    explain = commands.add_parser("explain", help="show a value and the file:line it came from")
    explain.add_argument("--edition", help="look in this organization's edition")
    explain.add_argument("record", help="<kind>/<id>, e.g. templates/rapid; with --edition, "
                         "or a computed figure: adopters, cost-per-adopter, champions, "
                         "weekly-support-cost")
    explain.add_argument("field", nargs="?",
                         help="field path, e.g. budget.total or phases[0].title")
    schemas = commands.add_parser("schema", help="write the JSON Schemas editors use to "
                                  "complete and check data files")
    schemas.add_argument("--out", type=Path, help="output folder (default: schemas/)")
    export = commands.add_parser("export", help="check the data, then write a plain docs tree "
                                 "(Markdown and mkdocs.yml) for MkDocs, ProperDocs or Zensical")
    export.add_argument("--edition", help="export this organization's edition")
    export.add_argument("--out", type=Path, required=True, help="output folder; replaced "
                        "whole, so it must be new, empty or made by an earlier build or export")
    diff = commands.add_parser("diff", help="what a change does to every edition's pages, "
                               "records and figures, as Markdown for a pull request")
    diff.add_argument("base", nargs="?", default="HEAD",
                      help="git revision to compare from (default: HEAD)")
    diff.add_argument("head", nargs="?", help="git revision to compare to (default: the "
                      "working tree)")
    return parser


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, as raised by `main`'s own SIGINT handler. Not a plain KeyboardInterrupt because
    CPython makes a process die by SIGINT at exit whenever a plain one has passed through an
    `exec()` (which namedtuple and dataclass creation use), even one caught later: the
    command would end by a signal instead of with `error: interrupted` and status 1."""


def _on_ctrl_c(signum: int, frame: FrameType | None) -> None:
    raise Interrupted


def main(argv: list[str] | None = None) -> int:
    handler = signal.getsignal(signal.SIGINT)
    ours = handler is signal.default_int_handler and \
        threading.current_thread() is threading.main_thread()
    if ours:
        signal.signal(signal.SIGINT, _on_ctrl_c)
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("error: interrupted: an unfinished build leaves its output folder as it was",
              file=sys.stderr)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(f"error: {where}{err.strerror or err}", file=sys.stderr)
    except Exception as err:
        traceback.print_exc()
        print(f"error: internal error ({type(err).__name__}: {err}): please report it with "
              "the traceback above", file=sys.stderr)
    finally:
        if ours:
            signal.signal(signal.SIGINT, handler)
    return EXIT_PROBLEMS


def _main(argv: list[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        return _usage(f"no mkdocs.yml in {root}: run from the project folder or pass --root")
    edition = getattr(args, "edition", None)
    if edition and edition not in edition_slugs(root):
        known = ", ".join(edition_slugs(root)) or "none"
        return _usage(f"no edition {edition!r}: the editions are {known}")
    if args.command == "urls":
        return _record_urls(root)
    if args.command == "check":
        stale_on = args.today if args.stale or args.strict_stale else None
        return _check(root, args.format, stale_on, args.strict_stale)
    if args.command == "explain":
        return _explain(root, edition, args.record, args.field)
    if args.command == "schema":
        return _schema(args.out or root / "schemas")
    if args.command == "export":
        return _export(root, edition, args.out)
    if args.command == "diff":
        from macros.diff import command

        return command(root, args.base, args.head)
    from macros import site

    if args.command == "serve":
        return site.serve_site(root, args.dev_addr, edition)
    out = args.out or root / "site"
    if args.shard and not args.all:
        return _usage("--shard needs --all: `playbook build --all --shard K/N`")
    if args.editions_index:
        return _editions_index(root, out)
    prepared = _output_and_data(root, out)
    if isinstance(prepared, int):
        return prepared
    target, loaded = prepared
    if args.all:
        if site.DEFAULT in edition_slugs(root):
            print(f"error: an overlay cannot be named {site.DEFAULT!r} (data/orgs/"
                  f"{site.DEFAULT}.yml): `build --all` puts the base playbook in "
                  f"{site.DEFAULT}/; rename the overlay", file=sys.stderr)
            return EXIT_PROBLEMS
        editions = {site.DEFAULT: loaded[None], **{s: loaded[s] for s in edition_slugs(root)}}
        if args.shard:
            chosen = {name: editions[name] for name in share(list(editions), args.shard)}
            return site.build_shard(root, target, chosen, args.shard, args.jobs)
        return site.build_all(root, target, editions, args.jobs)
    return site.build_site(root, target, loaded[edition or None])


def _editions_index(root: Path, out: Path) -> int:
    """The index page above the edition folders that shards built into `out`."""
    from macros.shards import IndexFailed, write_index

    try:
        target = check_output(root, out)
        entries = write_index(target)
    except OutputError as refused:
        print(f"error: {refused.message}", file=sys.stderr)
        return refused.status
    except IndexFailed as failed:
        print("\n".join(f"error: {line}" for line in failed.lines), file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {target / 'index.html'} listing {len(entries)} editions: "
          f"{', '.join(e.slug for e in entries)}")
    return EXIT_OK


def _load_all(root: Path) -> tuple[dict[str | None, Loaded], list[Problem]]:
    """The base playbook (key None) and every edition, from one read of the data, with every
    problem `check` finds (data, overlays, rendering, docs/)."""
    loaded, problems, _ = _load_project(root)
    return loaded, problems


def _output_and_data(root: Path, out: Path
                     ) -> tuple[Path, dict[str | None, Loaded]] | int:
    """The output folder, once it is safe to write, and the checked data; or the exit status
    after saying why not (a refused folder, or the problems found)."""
    try:
        target = check_output(root, out)
    except OutputError as refused:
        print(f"error: {refused.message}", file=sys.stderr)
        return refused.status
    loaded, problems = _load_all(root)
    if problems:
        print(report(problems), file=sys.stderr)
        return EXIT_PROBLEMS
    return target, loaded


def _load_project(root: Path) -> tuple[dict[str | None, Loaded], list[Problem], Project]:
    # Big projects read their record files on every core (the CLI has no threads to fork).
    project, problems = check_project(root, jobs=os.cpu_count() or 1)
    loaded: dict[str | None, Loaded] = {None: (project.base, None)}
    loaded.update({slug: (e.catalog, e) for slug, e in project.editions.items()})
    return loaded, problems, project


def _record_urls(root: Path) -> int:
    """Add every address the editions publish to the registry (macros/urls.py). A build
    never writes into the project, so recording is a command of its own."""
    _, problems, project = _load_project(root)
    if problems:
        print(report(problems), file=sys.stderr)
        return EXIT_PROBLEMS
    added = update_registry(root, project.published)
    print(f"recorded {added} new addresses in {REGISTRY}" + (": commit it with your change"
                                                              if added else ""))
    return EXIT_OK


def _check(root: Path, output: str = "text", stale_on: date | None = None,
           strict_stale: bool = False) -> int:
    _, problems, project = _load_project(root)
    overdue: list[Problem] = []
    if stale_on is not None:
        from macros.kinds import KINDS
        from macros.review import stale_problems

        catalogs = [project.base, *(e.catalog for e in project.editions.values())]
        overdue = stale_problems(catalogs, lambda kind: KINDS[kind].review_every_days,
                                 stale_on)
    failed = bool(problems) or (strict_stale and bool(overdue))
    status = EXIT_PROBLEMS if failed else EXIT_OK
    if output == "json":  # stdout holds the JSON and nothing else
        print(report_as([*problems, *overdue], output))
        return status
    if (problems or overdue) and output == "github":
        print(report_as([*problems, *overdue], output))
        print(found(len(problems) + len(overdue)), file=sys.stderr)
        return status
    if problems:
        print(report([*problems, *overdue]), file=sys.stderr)
        return status
    if overdue:
        print("\n".join(p.format() for p in overdue), file=sys.stderr)
        print(f"{len(overdue)} page{'s' if len(overdue) != 1 else ''} overdue for review",
              file=sys.stderr)
    if stale_on is not None and not overdue:
        print(f"no page overdue for review on {stale_on.isoformat()}")
    print(f"data checked: no problems (base playbook and {len(edition_slugs(root))} editions)")
    return status


def _explain(root: Path, edition: str | None, record: str, field: str | None) -> int:
    from macros.editions.explain_figures import explain_figure
    from macros.explain import discrepancy_notes, explain

    kind, slash, record_id = record.partition("/")
    if field is None and (slash or not edition):
        return _usage(f"{record} needs a field path, e.g. `{record} budget.total`; computed "
                      "figures need --edition (see `playbook explain --help`)")
    catalog, loaded, problems = load_catalog_for(root, edition)
    if catalog is None:
        print(report(problems), file=sys.stderr)
        return EXIT_PROBLEMS
    if field is None:
        try:
            print(explain_figure(loaded, record) if loaded else "")
        except KeyError as err:
            return _usage(str(err.args[0]))
        return EXIT_OK
    try:
        value, origin = explain(catalog, kind, record_id, field)
    except KeyError as err:
        return _usage(str(err.args[0]))
    print(json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value)
    print(f"from {origin}")
    for note in discrepancy_notes(catalog, kind, record_id, field):
        print(note)
    return EXIT_OK


def _export(root: Path, edition: str | None, out: Path) -> int:
    from macros.export import ExportError, export_edition

    prepared = _output_and_data(root, out)
    if isinstance(prepared, int):
        return prepared
    target, loaded = prepared
    try:
        pages = export_edition(root, target, *loaded[edition or None])
    except ExportError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"exported {pages} pages into {target}: build it there with `mkdocs build`, "
          "`properdocs build -f mkdocs.yml` or `zensical build`")
    return EXIT_OK


def _schema(out: Path) -> int:
    """Write one JSON Schema per kind and one for overlays (files already current are kept)."""
    from macros.jsonschema import documents, render

    out.mkdir(parents=True, exist_ok=True)
    docs = documents()
    for name, doc in docs.items():
        path, text = out / name, render(doc)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    print(f"wrote {len(docs)} JSON Schemas to {out}")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
