"""The `playbook` command: check the data, build the site, preview it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.catalog import load_catalog
from macros.problems import report

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="playbook", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder holding mkdocs.yml and data/ (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="check every data file and report all problems")
    build = commands.add_parser("build", help="check the data, then build the site")
    build.add_argument("--out", type=Path, help="output folder (default: site/)")
    serve = commands.add_parser("serve", help="preview with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"playbook: no mkdocs.yml in {root}: run from the project folder or pass --root",
              file=sys.stderr)
        return EXIT_USAGE
    if args.command == "check":
        return _check(root)
    if args.command == "build":
        if (status := _check(root, quiet=True)) != EXIT_OK:
            return status
        from macros.site import build_site

        return build_site(root, out=args.out)
    from macros.site import serve_site

    return serve_site(root, dev_addr=args.dev_addr)


def _check(root: Path, *, quiet: bool = False) -> int:
    _, problems = load_catalog(root)
    if problems:
        print(report(problems), file=sys.stderr)
        return EXIT_PROBLEMS
    if not quiet:
        print("data checked: no problems")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
