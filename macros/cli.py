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
import signal
import sys
import threading
import traceback
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from macros.editions.load import Project, edition_slugs, load_catalog_for
from macros.output import OutputError, check_output
from macros.problems import FORMATS, Problem, found, report, report_as
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
    serve = commands.add_parser("serve", help="preview with live reload")
    serve.add_argument("--edition", help="preview this organization's edition")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    explain = commands.add_parser("explain", help="show a value and the file:line it came from")
    explain.add_argument("--edition", help="look in this organization's edition")
    explain.add_argument("record", help="<kind>/<id>, e.g. templates/rapid")
    explain.add_argument("field", help="field path, e.g. budget.total or phases[0].title")
    schemas = commands.add_parser("schema", help="write the JSON Schemas editors use to "
                                  "complete and check data files")
    schemas.add_argument("--out", type=Path, help="output folder (default: schemas/)")
    export = commands.add_parser("export", help="check the data, then write a plain docs tree "
                                 "(Markdown and mkdocs.yml) for MkDocs, ProperDocs or Zensical")
    export.add_argument("--edition", help="export this organization's edition")
    export.add_argument("--out", type=Path, required=True, help="output folder; replaced "
                        "whole, so it must be new, empty or made by an earlier build or export")
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
        return _check(root, args.format)
    if args.command == "explain":
        return _explain(root, edition, args.record, args.field)
    if args.command == "schema":
        return _schema(args.out or root / "schemas")
    if args.command == "export":
        return _export(root, edition, args.out)
    from macros import site

    if args.command == "serve":
        return site.serve_site(root, args.dev_addr, edition)
    prepared = _output_and_data(root, args.out or root / "site")
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
        return site.build_all(root, target, editions, args.jobs)
    return site.build_site(root, target, loaded[edition or None])


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
    project, problems = check_project(root)
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


def _check(root: Path, output: str = "text") -> int:
    _, problems = _load_all(root)
    if output == "json":  # stdout holds the JSON and nothing else
        print(report_as(problems, output))
        return EXIT_PROBLEMS if problems else EXIT_OK
    if problems and output == "github":
        print(report_as(problems, output))
        print(found(len(problems)), file=sys.stderr)
        return EXIT_PROBLEMS
    if problems:
        print(report(problems), file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"data checked: no problems (base playbook and {len(edition_slugs(root))} editions)")
    return EXIT_OK


def _explain(root: Path, edition: str | None, record: str, field: str) -> int:
    from macros.explain import explain

    kind, _, record_id = record.partition("/")
    catalog, _, problems = load_catalog_for(root, edition)
    if catalog is None:
        print(report(problems), file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        value, origin = explain(catalog, kind, record_id, field)
    except KeyError as err:
        return _usage(str(err.args[0]))
    print(json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value)
    print(f"from {origin}")
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
