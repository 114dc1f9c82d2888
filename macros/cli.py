"""The `playbook` command: check the data, build the site or an edition, explain a value.

Exit status: 0 when all is well, 1 when the data has problems or a build fails, 2 for a usage
error (unknown command, option or edition).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from macros.catalog import load_catalog
from macros.editions.load import edition_slugs, load_catalog_for, load_edition
from macros.problems import report

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="playbook", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder holding mkdocs.yml and data/ (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="check the data and every overlay; report all problems")
    build = commands.add_parser("build", help="check the data, then build a site")
    which = build.add_mutually_exclusive_group()
    which.add_argument("--edition", help="build this organization's edition (data/orgs/<slug>)")
    which.add_argument("--all", action="store_true",
                       help="build every edition into OUT/<slug>/ and OUT/default/")
    build.add_argument("--out", type=Path, help="output folder (default: site/)")
    serve = commands.add_parser("serve", help="preview with live reload")
    serve.add_argument("--edition", help="preview this organization's edition")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    explain = commands.add_parser("explain", help="show a value and the file:line it came from")
    explain.add_argument("--edition", help="look in this organization's edition")
    explain.add_argument("record", help="<kind>/<id>, e.g. templates/rapid")
    explain.add_argument("field", help="field path, e.g. budget.total or phases[0].title")
    return parser


def main(argv: list[str] | None = None) -> int:
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
    if args.command == "check":
        return _check(root)
    if args.command == "explain":
        return _explain(root, edition, args.record, args.field)
    from macros import site

    if args.command == "serve":
        return site.serve_site(root, args.dev_addr, edition)
    if (status := _check(root, quiet=True)) != EXIT_OK:
        return status
    if args.all:
        names = {slug: _edition_name(root, slug) for slug in edition_slugs(root)}
        return site.build_all(root, args.out or root / "site", names)
    return EXIT_OK if site.build_site(root, args.out, edition) == 0 else EXIT_PROBLEMS


def _check(root: Path, *, quiet: bool = False) -> int:
    _, problems = load_catalog(root)
    if not problems:
        for slug in edition_slugs(root):
            problems += load_edition(root, slug)[1]
    if problems:
        print(report(problems), file=sys.stderr)
        return EXIT_PROBLEMS
    if not quiet:
        print(f"data checked: no problems (base playbook and {len(edition_slugs(root))} "
              "editions)")
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


def _edition_name(root: Path, slug: str) -> str:
    found, _ = load_edition(root, slug)
    return str(found.org["name"]) if found else slug


def _usage(message: str) -> int:
    print(f"playbook: {message}", file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
