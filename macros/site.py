"""Run MkDocs for the CLI: build a site or every edition, or serve a preview.

A build runs MkDocs in this process, on data the CLI has already loaded and checked (handed to
the hook on the configuration, under PRELOADED_KEY), into a temporary folder that replaces the
output only once the build succeeded (`macros.output.staged`). Whatever goes wrong ends in one
`error: ...` line and status 1, with the previous site left as it was.

`build_all` builds the editions side by side, each in a process of its own forked from this one
(so it starts from the loaded data and no build sees another's state), all into one temporary
folder that replaces the output in one step. `build_shard` builds some of them the same way,
each in a temporary folder of its own that replaces only its own folder in the output, so
several shards can fill one output folder (`macros/shards.py`). `serve_site` runs `mkdocs serve`
in a child process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import traceback
import warnings
from collections.abc import Callable
from contextlib import ExitStack
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from macros.catalog import Catalog
from macros.editions.load import Edition
from macros.editions.settings import EDITION_ENV
from macros.editions_index import Entry, entry
from macros.output import OutputError, staged, write_error
from macros.shards import Shard, index_page, mark_shared, shard_folders, write_edition_files

os.environ["NO_MKDOCS_2_WARNING"] = "1"   # before MkDocs or Material is imported

DEFAULT = "default"
DEFAULT_NAME = "Default edition"
PRELOADED_KEY = "playbook_preloaded"   # config key: the (catalog, edition) the hook publishes
MACROS_ERROR = 100   # mkdocs-macros' exit status for a macro that failed (its ERROR_MACRO)
LOG_FORMAT = "%(levelname)-8s-  %(message)s"   # the MkDocs command's, without colours

Loaded = tuple[Catalog, Edition | None]


class BuildFailed(Exception):
    """A build that did not succeed; `lines` says why, ready to print."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def build_site(root: Path, target: Path, loaded: Loaded) -> int:
    """Build one edition of the project at `root` into the folder `target` (already accepted by
    `macros.output.check_output`). Returns 0, or 1 after printing why it failed."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_formatter(sys.stderr))

    def build(temp: Path) -> None:
        error = run_mkdocs(root, temp, target, loaded, handler)
        if error:
            raise BuildFailed([f"error: {error}"])
        write_edition_files(temp, _entry(loaded[1].slug if loaded[1] else DEFAULT, loaded))

    return _in_staging(target, build)


def _entry(name: str, loaded: Loaded) -> Entry:
    """The edition's card on the index page, kept in its folder (`macros.shards`)."""
    edition = loaded[1]
    return entry(name, str(edition.org["name"]) if edition else DEFAULT_NAME, edition)


def _in_staging(target: Path, build: Callable[[Path], None]) -> int:
    """Run `build` on a staged copy of `target`, which replaces `target` only if it succeeds;
    0, or 1 after printing why it failed."""
    temp: Path | None = None
    try:
        with staged(target) as temp:
            build(temp)
    except BuildFailed as failed:
        print("\n".join(failed.lines), file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {write_error(err, target, temp)}", file=sys.stderr)
        return 1
    return 0


def build_all(root: Path, target: Path, editions: dict[str, Loaded],
              jobs: int | None = None) -> int:
    """Build every edition in `editions` (folder name -> loaded data; DEFAULT for the base
    playbook) into target/<name>/, and target/index.html listing them, at most `jobs` at a time
    (default: one per CPU). Either all of them replace `target` together, or nothing does."""
    jobs = max(1, jobs or os.cpu_count() or 1)

    def build(temp: Path) -> None:
        folders = {slug: temp / slug for slug in editions}
        failed = _build_editions(root, folders, target, editions, jobs)
        if failed:
            raise _editions_failed(failed, len(editions), "editions", target)
        entries = [_entry(slug, loaded) for slug, loaded in editions.items()]
        for card in entries:
            write_edition_files(folders[card.slug], card)
        (temp / "index.html").write_text(index_page(entries), encoding="utf-8")

    if _in_staging(target, build):
        return 1
    count = f"{len(editions)} edition{'s' if len(editions) != 1 else ''}"
    print(f"built {count} into {target}: {', '.join(editions)}")
    return 0


def _editions_failed(failed: dict[str, list[str]], total: int, what: str,
                     target: Path) -> BuildFailed:
    """Each failed edition's lines, then one line saying nothing was written."""
    lines = [line for slug in failed for line in failed[slug]]
    return BuildFailed([*lines, f"error: {len(failed)} of {total} {what} failed "
                        f"({', '.join(failed)}): fix what is reported above; nothing was "
                        f"written to {target}"])


def build_shard(root: Path, target: Path, editions: dict[str, Loaded], shard: Shard,
                jobs: int | None = None) -> int:
    """Build shard `shard`'s share of the editions (`editions`, already chosen) into
    target/<name>/ like `build_all`, beside whatever else `target` holds (other shards'
    editions, an index page), which stays as it is. Each edition is built in a temporary folder
    of its own; either all of them replace their folders, or none does."""
    try:
        folders = shard_folders(root, target, list(editions))
    except OutputError as refused:
        print(f"error: {refused.message}", file=sys.stderr)
        return refused.status
    if not editions:
        print(f"shard {shard} has no edition to build (there are fewer editions than shards)")
        return 0
    jobs = max(1, jobs or os.cpu_count() or 1)
    try:
        mark_shared(target)
        with ExitStack() as stack:
            temps = {name: stack.enter_context(staged(folder)) for name, folder in folders.items()}
            failed = _build_editions(root, temps, target, editions, jobs)
            if failed:
                raise _editions_failed(failed, len(editions), f"editions of shard {shard}",
                                       target)
            for name, temp in temps.items():
                write_edition_files(temp, _entry(name, editions[name]))
    except BuildFailed as failure:
        print("\n".join(failure.lines), file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {write_error(err, target)}", file=sys.stderr)
        return 1
    count = f"{len(editions)} edition{'s' if len(editions) != 1 else ''}"
    print(f"built shard {shard} ({count}) into {target}: {', '.join(editions)}; once every "
          f"shard is there, `playbook build --editions-index --out {target}` lists them")
    return 0


def run_mkdocs(root: Path, site_dir: Path, shown: Path, loaded: Loaded,
               handler: logging.Handler) -> str | None:
    """Build the project at `root` into `site_dir` with MkDocs, in this process, publishing
    `loaded`. MkDocs' messages go to `handler`, with `site_dir` shown as `shown` (where the
    site will end up). Returns None on success, else why the build failed (one line). An
    OSError is left to the caller, which knows where the site was going."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException
    from mkdocs.utils import DuplicateFilter

    logger = logging.getLogger("mkdocs")
    saved = logger.level, logger.propagate
    rename = _Rename(site_dir, shown)
    duplicates = DuplicateFilter()
    # As the `mkdocs` command sets up logging: INFO and up, not passed on to the root logger,
    # repeated build messages shown once. Strict mode counts the warnings that reach "mkdocs".
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler.addFilter(rename)
    logger.addHandler(handler)
    build.log.addFilter(duplicates)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("module", DeprecationWarning)
            warnings.showwarning = _show_warning
            config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir),
                                 strict=True)
            config[PRELOADED_KEY] = loaded
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build.build(config)
            finally:
                config.plugins.on_shutdown()
    except Abort as err:   # the build's own verdict, after it logged the reasons
        why = err.format_message().strip().rstrip("!")
        return (f"MkDocs {why[:1].lower()}{why[1:]}: fix what it reported above; nothing was "
                f"written to {shown}")
    except MkDocsException as err:
        return (f"MkDocs stopped: {err.format_message().strip()}: fix it and build again; "
                f"nothing was written to {shown}")
    except SystemExit as err:   # mkdocs-macros exits on a macro error (on_error_fail)
        who = "a macro failed" if err.code == MACROS_ERROR else \
            f"a plugin stopped the build (exit status {err.code})"
        return f"{who}: fix what it reported above; nothing was written to {shown}"
    finally:
        build.log.removeFilter(duplicates)
        logger.removeHandler(handler)
        handler.removeFilter(rename)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
    return None


def serve_site(root: Path, dev_addr: str, edition: str | None = None) -> int:
    args = [sys.executable, "-m", "macros.preview", "--root", str(root), "--dev-addr", dev_addr]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop(EDITION_ENV, None)
    if edition:
        env[EDITION_ENV] = edition
    try:
        return subprocess.run(args, cwd=root, env=env).returncode
    except KeyboardInterrupt:
        return 0


# ---------------------------------------------------------------------------------------------
# Editions side by side


def _build_editions(root: Path, folders: dict[str, Path], target: Path,
                    editions: dict[str, Loaded], jobs: int) -> dict[str, list[str]]:
    """Build each edition into its folder in `folders` (shown as target/<name>/) in a forked
    process, `jobs` at a time. Returns the
    failed ones, each with its lines to print (its MkDocs warnings and errors, then its
    `error:` line, all prefixed with its name)."""
    context = multiprocessing.get_context("fork")
    pending = list(editions)
    running: dict[Connection, tuple[str, Any]] = {}
    failed: dict[str, list[str]] = {}
    try:
        while pending or running:
            while pending and len(running) < jobs:
                slug = pending.pop(0)
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(
                    target=_edition_process, name=f"playbook edition {slug}",
                    args=(writer, root, folders[slug], target / slug, editions[slug]))
                # No Ctrl-C between starting a process and recording it, to stop it.
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                try:
                    process.start()
                    running[reader] = (slug, process)
                finally:
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
                writer.close()
            for ready in wait(list(running)):
                assert isinstance(ready, Connection)
                slug, process = running.pop(ready)
                try:
                    error, lines = ready.recv()
                except EOFError:
                    process.join()
                    error, lines = (f"its build process ended unexpectedly (exit status "
                                    f"{process.exitcode})"), []
                ready.close()
                process.join()
                if error:
                    failed[slug] = [f"{slug}: {line}" for line in [*lines, f"error: {error}"]]
    finally:
        for _, process in running.values():
            process.kill()
            process.join()
    return {slug: failed[slug] for slug in editions if slug in failed}


def _edition_process(conn: Connection, root: Path, site_dir: Path, shown: Path,
                     loaded: Loaded) -> None:
    """The body of an edition's process: build, then send (error or None, lines) back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent()
    lines: list[str] = []
    handler = _Collect(lines.append)
    try:
        error = run_mkdocs(root, site_dir, shown, loaded, handler)
    except OSError as err:
        error = write_error(err, shown, site_dir)
    except Exception as err:   # a bug: show where
        lines += traceback.format_exc().rstrip().splitlines()
        error = f"internal error: {type(err).__name__}: {err}"
    conn.send((error, lines))
    conn.close()


def _die_with_parent() -> None:
    """Have Linux kill this process when its parent dies (PR_SET_PDEATHSIG), so a build killed
    with `kill -9` leaves no edition builds running into its temporary folder."""
    import ctypes

    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:   # the parent died before the request took effect
        os._exit(1)


# ---------------------------------------------------------------------------------------------
# Logging


class _Rename(logging.Filter):
    """Show the temporary folder in messages as the folder the site will end up in."""

    def __init__(self, temp: Path, shown: Path) -> None:
        super().__init__()
        self.temp, self.shown = str(temp), str(shown)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.temp in message:
            record.msg, record.args = message.replace(self.temp, self.shown), ()
        return True


class _Collect(logging.Handler):
    """Keeps the warnings and errors of an edition's build, to show if it fails."""

    def __init__(self, add: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self.add = add
        self.setFormatter(logging.Formatter(LOG_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        for line in self.format(record).splitlines():
            self.add(line)


def _formatter(stream: Any) -> logging.Formatter:
    """The `mkdocs` command's formatter: coloured on a terminal, plain otherwise."""
    plain = (not getattr(stream, "isatty", lambda: False)() or os.environ.get("NO_COLOR")
             or os.environ.get("TERM") == "dumb")
    if plain:
        return logging.Formatter(LOG_FORMAT)
    from mkdocs.__main__ import ColorFormatter

    formatter: logging.Formatter = ColorFormatter()
    return formatter


def _show_warning(*args: Any, **kwargs: Any) -> None:
    from mkdocs.__main__ import _showwarning

    _showwarning(*args, **kwargs)  # type: ignore[no-untyped-call]
