"""What `playbook check` adds to the data checks: every edition renders, and `docs/` agrees.

For the default edition and each organization's edition this renders every generated page
(plain functions, no MkDocs), so a page that cannot be written fails `check` instead of the
build, and notes each page's anchors. Then every hand-written page under `docs/` is read:
macro calls must name records and anchors that exist in every edition, Markdown links to
generated pages must reach a page (and anchor) the edition publishes, and Jinja syntax must be
valid. Templates are parsed and evaluated in Jinja's sandbox, never executed as plain Jinja.
"""

from __future__ import annotations

import multiprocessing
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from macros.catalog import BrokenRecord, Catalog
from macros.editions.load import Edition, Project, load_project
from macros.editions.pages import edition_pages
from macros.files import check_tree
from macros.pages import GeneratedPage, PageCache, generate
from macros.problems import Problem
from macros.urls import (
    DEFAULT_EDITION,
    FRONT_MATTER,
    docs_pages,
    docs_redirects,
    page_urls,
    record_redirects,
    urls_of,
    vanished,
)

DOCS = "docs"
RENDER_MACROS = re.compile(r"^render_macros:\s*true\s*$", re.M)
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*#*\s*$", re.M)
_ATTR_ID = re.compile(r"\{[^}\n]*#([\w-]+)[^}\n]*\}")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
# What a hand-written page may not contain: it would run script in readers' browsers or make
# them fetch from another host (links to other hosts are fine: a reader chooses to follow).
_UNSAFE = [
    (re.compile(r"<\s*(script|iframe|frame|object|embed|style|link|meta|base|form|svg|math)\b",
                re.I), "a <{0}> element"),
    (re.compile(r"<[^>\n]*\bon[a-z]+\s*=", re.I), "an event handler attribute"),
    (re.compile(r"\{[^}\n]*\bon[a-z]+\s*=", re.I), "an event handler attribute"),
    (re.compile(r"\b(javascript|vbscript|data)\s*:", re.I), "a {0}: address"),
    (re.compile(r"!\[[^\]\n]*\]\(\s*<?\s*([a-z][a-z0-9+.-]*:|//)", re.I),
     "an image from another host"),
    (re.compile(r"\b(src|srcset|poster|background)\s*=\s*[\"']?\s*([a-z][a-z0-9+.-]*:|//)", re.I),
     "a resource from another host"),
    (re.compile(r"url\(\s*[\"']?\s*([a-z][a-z0-9+.-]*:|//)", re.I), "a resource from another host"),
]


@dataclass
class SiteView:
    """One edition as `check` sees it: its catalog and each page's anchors."""

    label: str
    catalog: Catalog
    anchors: dict[str, set[str]] = field(default_factory=dict)  # src uri -> anchors
    slug: str = DEFAULT_EDITION
    urls: set[str] = field(default_factory=set)  # every address the edition publishes


def check_project(root: Path, jobs: int = 1) -> tuple[Project, list[Problem]]:
    """Everything `playbook check` checks: the data, every overlay, every edition's pages and
    `docs/` against each edition. The data is read and validated once."""
    project = load_project(root, jobs=jobs)
    links = check_tree(root, DOCS)  # MkDocs would follow a link in docs/ and publish its target
    if links:
        return project, sorted(project.problems + links)
    # Pages and docs/ are checked even when some records are broken (one run shows every
    # independent problem); what needed a broken record reports nothing more.
    return project, sorted(set(project.problems + check_site(root, project, jobs)))


def check_site(root: Path, project: Project, jobs: int = 1) -> list[Problem]:
    """Render every edition (many editions `jobs` at a time) and check `docs/` against each;
    [] when all is well."""
    views: list[SiteView] = []
    problems: list[Problem] = []
    docs = docs_pages(root / DOCS)  # check_tree has refused every link in docs/ first
    doc_anchors = {uri: anchors_of(text) for uri, text in docs.items()}
    cache = PageCache(project.base)  # editions render only the pages their overlay changes
    seen: dict[int, tuple[GeneratedPage, set[str], set[str]]] = {}  # a reused page: once
    doc_urls = urls_of(docs.items())
    moved = {r.old for r in docs_redirects(docs)}
    redirected: dict[str, set[str]] = {}
    editions = list(_editions(project))
    rendered: dict[str, tuple[list[Problem], dict[str, set[str]], set[str]]] = {}
    if jobs > 1 and len(editions) > _PARALLEL_FROM and \
            "fork" in multiprocessing.get_all_start_methods():
        # The default edition first, in this process: it fills the page cache the others use.
        label, catalog, _ = editions[0]
        view = SiteView(label, catalog, dict(doc_anchors), DEFAULT_EDITION, set(doc_urls))
        rendered[DEFAULT_EDITION] = (_render(view, None, cache, seen), view.anchors, view.urls)
        _FORKED.append((editions, doc_anchors, doc_urls, cache, seen))
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                for slug, result in pool.map(_render_forked, range(1, len(editions))):
                    rendered[slug] = result
        finally:
            _FORKED.clear()
    for label, catalog, edition in editions:
        slug = edition.slug if edition else DEFAULT_EDITION
        view = SiteView(label, catalog, dict(doc_anchors), slug, set(doc_urls))
        if slug in rendered:
            found, view.anchors, view.urls = rendered[slug]
            problems += found
        else:
            problems += _render(view, edition, cache, seen)
        views.append(view)
        project.published[slug] = view.urls
        redirected[slug] = moved | {r.old for r in record_redirects(catalog)}
    problems += vanished(root, project.published, redirected)
    for uri, text in docs.items():
        problems += check_page(f"{DOCS}/{uri}", uri, text, views)
    return problems


# Editions are rendered in forked processes from this many on (fewer: not worth the start).
_PARALLEL_FROM = 4
# What a forked process renders from: set just before the fork, cleared after.
_FORKED: list[tuple[list[tuple[str, Catalog, Edition | None]], dict[str, set[str]], set[str],
                    PageCache, dict[int, tuple[GeneratedPage, set[str], set[str]]]]] = []


def _render_forked(index: int
                   ) -> tuple[str, tuple[list[Problem], dict[str, set[str]], set[str]]]:
    editions, doc_anchors, doc_urls, cache, seen = _FORKED[0]
    label, catalog, edition = editions[index]
    slug = edition.slug if edition else DEFAULT_EDITION
    view = SiteView(label, catalog, dict(doc_anchors), slug, set(doc_urls))
    return slug, (_render(view, edition, cache, seen), view.anchors, view.urls)


def _editions(project: Project) -> Iterator[tuple[str, Catalog, Edition | None]]:
    yield "the default edition", project.base, None
    for slug, edition in project.editions.items():
        yield f"edition {slug!r}", edition.catalog, edition


def _render(view: SiteView, edition: Edition | None, cache: PageCache,
            seen: dict[int, tuple[GeneratedPage, set[str], set[str]]]) -> list[Problem]:
    where = edition.overlay.path if edition else "data"
    try:
        pages = generate(view.catalog, edition.org if edition else None, cache)
        if edition is not None:
            pages += _edition_pages(edition)
    except Exception as err:  # a bug of ours, but the author still gets a line, not a trace
        if view.catalog.broken:
            return []  # most likely a page that needs a broken record: its problems are shown
        return [Problem(where, 1, 1, f"{view.label} cannot be rendered ({type(err).__name__}: "
                        f"{err}): this is a bug in playbook; please report it with this "
                        "file", "internal")]
    for page in pages:
        # Editions share most page objects with the default edition (the page cache): their
        # anchors and addresses are worked out once. The page is kept so its id stays unique.
        known = seen.get(id(page))
        if known is None or known[0] is not page:
            known = (page, anchors_of(page.markdown), page_urls(page.uri, page.markdown))
            seen[id(page)] = known
        view.anchors[page.uri] = known[1]
        view.urls |= known[2]
    return []


def _edition_pages(edition: Edition) -> list[GeneratedPage]:
    try:
        return edition_pages(edition)
    except Exception:
        if edition.catalog.broken:  # its plan needs a broken record: that record's problems
            return []               # are reported, and the rest of the edition is checked
        raise


def anchors_of(markdown: str) -> set[str]:
    """The anchors MkDocs will give a page: explicit `{ #id }` and slugs of other headings."""
    anchors = set(_ATTR_ID.findall(markdown))
    lines = markdown.splitlines()
    for number in _code_free_lines(lines):
        match = _HEADING.match(lines[number - 1])
        if match and not match.group(2):
            anchors.add(slugify(match.group(1)))
    return anchors


def slugify(title: str) -> str:
    """Python-Markdown's toc slug for a heading's text."""
    text = re.sub(r"\\(.)", r"\1", title)  # escaped characters show as themselves
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


# ---- one hand-written page ------------------------------------------------------------------

def check_page(shown: str, uri: str, text: str, views: list[SiteView]) -> list[Problem]:
    lines = text.splitlines()
    front = FRONT_MATTER.match(text)
    renders = bool(front and RENDER_MACROS.search(front.group(1)))
    problems: list[Problem] = []
    if renders:
        problems += _check_macros(shown, uri, text, lines, views)
    elif "{{" in text or "{%" in text:
        line = next(i for i, ln in enumerate(lines, 1) if "{{" in ln or "{%" in ln)
        col = max(lines[line - 1].find("{{"), lines[line - 1].find("{%")) + 1
        problems.append(Problem(shown, line, col, "this page uses a macro but does not set "
                                "`render_macros: true` in its front matter: add it, or remove "
                                "the braces", "macro-off"))
    problems += _check_links(shown, uri, lines, views)
    problems += _check_html(shown, lines)
    return problems


def _check_html(shown: str, lines: list[str]) -> list[Problem]:
    problems = []
    for number in _code_free_lines(lines):
        # Code spans show their text literally; blank them out, keeping columns.
        line = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), lines[number - 1])
        for pattern, what in _UNSAFE:
            for match in pattern.finditer(line):
                found = what.format(match.group(1).lower() if match.groups() else "")
                problems.append(Problem(shown, number, match.start() + 1, f"{found} is not "
                                        "allowed on a page: it could run script in readers' "
                                        "browsers or fetch from another host; describe it in "
                                        "text or link to it instead", "unsafe-html"))
    return problems


def _check_links(shown: str, uri: str, lines: list[str], views: list[SiteView]
                 ) -> list[Problem]:
    problems = []
    for number in _code_free_lines(lines):
        for match in _LINK.finditer(lines[number - 1]):
            target = match.group(1)
            if "{{" in target or _EXTERNAL.match(target) or target.startswith("#"):
                continue
            path, _, anchor = target.partition("#")
            resolved = _resolve(uri, path)
            for view in views:
                if _of_broken_record(view.catalog, resolved):
                    continue
                why = _missing(view, resolved, anchor)
                if why:
                    where = "" if view is views[0] else f" in {view.label}"
                    problems.append(Problem(shown, number, match.start(1) + 1,
                                            f"link {target!r} {why}{where}: fix the link or "
                                            "the page it points to", "link"))
                    break
    return problems


def _of_broken_record(catalog: Catalog, uri: str) -> bool:
    kind, _, name = uri.partition("/")
    return name.endswith(".md") and "/" not in name and catalog.is_broken(kind, name[:-3])


def _code_free_lines(lines: list[str]) -> Iterator[int]:
    """Numbers (from 1) of the lines outside fenced code blocks."""
    fence = ""
    for number, line in enumerate(lines, 1):
        match = _FENCE.match(line)
        if match and (not fence or match.group(2).startswith(fence)):
            fence = "" if fence else match.group(2)[:3]
            continue
        if not fence:
            yield number


def _resolve(uri: str, path: str) -> str:
    if not path:
        return uri
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(uri), path))
    if path.endswith("/") or not joined.endswith(".md"):
        joined = posixpath.join(joined, "index.md")
    return joined


def _missing(view: SiteView, resolved: str, anchor: str) -> str | None:
    if resolved not in view.anchors:
        kind, _, stem = resolved.removesuffix(".md").partition("/")
        where = view.catalog.excluded.get(kind, {}).get(stem)
        return f"points at a page excluded by {where}" if where else "points at no page"
    if anchor and anchor not in view.anchors[resolved]:
        return f"points at no section #{anchor}"
    return None


# ---- macros ---------------------------------------------------------------------------------

class _Recorder:
    """Stands in for mkdocs-macros' `env` so `page_macros.register` can run without MkDocs."""

    def __init__(self, catalog: Catalog, uri: str) -> None:
        self.conf = {"playbook_catalog": catalog}
        self.page = type("Page", (), {"file": type("File", (), {"src_uri": uri})()})()
        self.functions: dict[str, Callable[..., Any]] = {}

    def macro(self, function: Callable[..., Any], name: str | None = None) -> Callable[..., Any]:
        self.functions[name or function.__name__] = function
        return function


def _check_macros(shown: str, uri: str, text: str, lines: list[str],
                  views: list[SiteView]) -> list[Problem]:
    from macros.page_macros import register

    env = SandboxedEnvironment()
    try:
        tree = env.parse(text)
    except TemplateSyntaxError as err:
        return [Problem(shown, err.lineno or 1, 1, f"macro syntax error: {err.message}: fix "
                        "the braces at this line", "macro-syntax")]
    recorders = [(view, _Recorder(view.catalog, uri)) for view in views]
    for _, recorder in recorders:
        register(recorder)
    known = recorders[0][1].functions if recorders else {}
    problems: list[Problem] = []
    for node in _disallowed(tree, known):
        problems.append(Problem(shown, node.lineno, 1, f"{_describe(node)} is not allowed on a "
                                "page: pages may only call the playbook macros with quoted ids, "
                                f"e.g. {{{{ link(\"waves\", \"wave-1\") }}}}", "macro"))
    for node in tree.body:
        for call in node.nodes if isinstance(node, nodes.Output) else ():
            if not isinstance(call, nodes.Call) or not isinstance(call.node, nodes.Name):
                continue
            for view, recorder in recorders:
                found = _check_call(call, recorder, view)
                if found:
                    where = "" if view is views[0] else f" in {view.label}"
                    problems.append(Problem(shown, call.lineno,
                                            _column(lines, call.lineno, call.node.name),
                                            found + where, "macro"))
                    break
    return problems


def _disallowed(tree: nodes.Template, known: dict[str, Any]) -> Iterator[nodes.Node]:
    """Every node beyond text, `{{ macro("quoted", "ids") }}` and nothing else."""
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            yield node
            continue
        for part in node.nodes:
            if isinstance(part, nodes.TemplateData):
                continue
            if not isinstance(part, nodes.Call) or not isinstance(part.node, nodes.Name):
                yield part.node if isinstance(part, nodes.Call) else part


def _describe(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return f"the name {node.name!r}"
    return f"a Jinja {type(node).__name__.lower()}"


def _check_call(call: nodes.Call, recorder: _Recorder, view: SiteView) -> str | None:
    name = call.node.name if isinstance(call.node, nodes.Name) else None
    function = recorder.functions.get(name or "")
    if function is None:
        known = ", ".join(sorted(recorder.functions))
        return f"unknown macro {name!r}: the macros are {known}"
    if call.kwargs or call.dyn_args or call.dyn_kwargs or \
            not all(isinstance(arg, nodes.Const) and isinstance(arg.value, str)
                    for arg in call.args):
        return f"macro {name}() takes plain quoted ids only, e.g. {name}(\"kind\", \"id\")"
    args = [arg.value for arg in call.args if isinstance(arg, nodes.Const)]
    try:
        function(*args)
    except BrokenRecord:
        return None  # the record's own file has the problem, reported there
    except (KeyError, LookupError) as err:
        return f"{name}(): {err.args[0] if err.args else err}"
    except (TypeError, ValueError, TemplateError) as err:
        return f"{name}(): {err}"
    if name in ("link", "href") and len(args) == 3:
        target = f"{args[0]}/{args[1]}.md"
        if args[2] not in view.anchors.get(target, set()):
            return f"{name}(): {target} has no section #{args[2]}"
    return None


def _column(lines: list[str], line: int, name: str) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    found = text.find(name) if name else -1
    return found + 1 if found >= 0 else 1
