"""`playbook export`: the site as a plain docs tree that any MkDocs 1.x engine can build.

The tree holds every page as Markdown (generated pages and the hand-written `docs/` pages with
their macros already expanded), the assets, and an `mkdocs.yml` without hooks or the macros
plugin, so MkDocs 1.6, ProperDocs and Zensical build it as it is, and so does a host that
refuses MkDocs hooks (Backstage TechDocs)::

    OUT/mkdocs.yml
    OUT/docs/index.md, OUT/docs/templates/rapid.md, ... OUT/docs/assets/edition-logo.png
    OUT/overrides/main.html   (the theme's custom_dir, when the project has one)

The pages come from the same functions the MkDocs hook publishes (`macros.pages.generate`,
`macros.editions.pages.edition_pages`); a page's macro calls are found with Jinja's parser
(never rendered) and replaced by what the same macro functions mkdocs-macros calls return
(`macros.page_macros.register`), then labelled by `hand_written_markdown`, which the hook
calls too. The edition's site settings are applied by `apply_edition`, as the hook applies them.

Everything but the `read_*` functions, `write_tree` and `export_edition` is a pure function
of its inputs.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from macros.catalog import Catalog
from macros.editions.load import Edition
from macros.editions.pages import dollars_labelled, edition_pages
from macros.editions.settings import apply_edition, site_settings
from macros.navigation import expand_nav
from macros.output import staged, write_error
from macros.page_macros import CATALOG_KEY, register
from macros.pages import generate
from macros.site_check import RENDER_MACROS
from macros.urls import FRONT_MATTER

CONFIG = "mkdocs.yml"
DOCS = "docs"
THEME_DIR = "overrides"   # the project's theme.custom_dir, copied (it must suit every engine)
# What only the playbook's own build needs: its hook, the macros plugin (the pages arrive
# expanded), the folders it watches, and edit links (a generated page's source is a YAML file
# in the playbook's repository, which an edit link of the exported tree cannot point at).
DROPPED_KEYS = ("hooks", "watch", "edit_uri", "docs_dir", "site_dir")
DROPPED_PLUGINS = frozenset({"macros"})
DROPPED_FEATURES = frozenset({"content.action.edit"})
# MkDocs leaves out `docs/templates/` by default (theme templates); here it holds the
# generated pages of the `templates` kind, which the hook adds past that rule.
EXCLUDE_DOCS = "!/templates/"

_RENDER_MACROS_KEY = re.compile(r"^render_macros:.*(?:\n|\Z)", re.M)


class ExportError(Exception):
    """Why a tree cannot be exported, worded for the user (one line)."""


@dataclass(frozen=True)
class Sources:
    """What the project supplies besides its data: `config` is its mkdocs.yml, `docs` its
    hand-written pages (uri -> text), `assets` the other files under docs/ and `theme` those
    of its theme's custom_dir (uri -> file)."""

    config: dict[str, Any]
    docs: dict[str, str]
    assets: dict[str, Path]
    theme: dict[str, Path]


@dataclass(frozen=True)
class ExportFile:
    """One file of the exported tree: `path` (POSIX, relative to the tree) holds `text`, or a
    copy of the file `copy_from`."""

    path: str
    text: str | None = None
    copy_from: Path | None = None


# ---- the tree -------------------------------------------------------------------------------

def export_files(sources: Sources, catalog: Catalog, edition: Edition | None
                 ) -> list[ExportFile]:
    """Every file of the tree for one edition (None: the base playbook)."""
    pages = page_texts(sources.docs, catalog, edition)
    files = [ExportFile(f"{DOCS}/{uri}", text) for uri, text in pages.items()]
    files += [ExportFile(f"{DOCS}/{uri}", copy_from=path)
              for uri, path in asset_files(sources.assets, edition).items()]
    files += [ExportFile(f"{THEME_DIR}/{uri}", copy_from=path)
              for uri, path in sources.theme.items()]
    config = export_config(sources.config, catalog, edition)
    files.append(ExportFile(CONFIG, config_text(config)))
    return files


def page_texts(docs: dict[str, str], catalog: Catalog, edition: Edition | None
               ) -> dict[str, str]:
    """Every page of the edition as Markdown, by uri: the generated pages (exactly what the
    hook publishes) and the hand-written ones with their macros expanded."""
    generated = generate(catalog, edition.org if edition else None)
    if edition is not None:
        generated += edition_pages(edition)
    pages = {uri: expand_page(uri, text, catalog, edition) for uri, text in docs.items()}
    for page in generated:
        if page.uri in pages:
            raise ExportError(f"{DOCS}/{page.uri} has the address of a generated page: rename "
                              "or move it")
        pages[page.uri] = page.markdown
    return pages


def asset_files(assets: dict[str, Path], edition: Edition | None) -> dict[str, Path]:
    """The files to copy beside the pages: `docs/`'s own and the edition's logo."""
    found = dict(assets)
    if edition is not None and edition.logo is not None:
        logo_uri = site_settings(edition).logo_uri
        if logo_uri:
            found[logo_uri] = edition.logo
    return found


# ---- mkdocs.yml -----------------------------------------------------------------------------

def export_config(config: dict[str, Any], catalog: Catalog, edition: Edition | None
                  ) -> dict[str, Any]:
    """The project's MkDocs configuration for the exported tree: no hooks, no macros plugin,
    the theme's custom_dir at THEME_DIR, the nav expanded as the hook expands it, and the
    edition's settings applied as the hook applies them."""
    out = copy.deepcopy(config)
    for key in DROPPED_KEYS:
        out.pop(key, None)
    out["plugins"] = _plugins_without(out.get("plugins"), DROPPED_PLUGINS)
    theme = out.get("theme")
    theme = out["theme"] = dict(theme) if isinstance(theme, dict) else {"name": theme}
    if theme.get("custom_dir"):
        theme["custom_dir"] = THEME_DIR
    if isinstance(theme.get("features"), list):
        theme["features"] = [f for f in theme["features"] if f not in DROPPED_FEATURES]
    out["exclude_docs"] = EXCLUDE_DOCS
    out["nav"] = expand_nav(out.get("nav"), catalog)
    if edition is not None:
        apply_edition(out, edition)
    return out


def config_text(config: dict[str, Any]) -> str:
    return ("# Written by `playbook export`: every page is plain Markdown, so this tree builds "
            "with\n# MkDocs 1.6, ProperDocs or Zensical, no hooks or macros needed.\n"
            + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100))


def _plugins_without(plugins: Any, dropped: frozenset[str]) -> Any:
    if isinstance(plugins, dict):
        return {name: value for name, value in plugins.items() if name not in dropped}
    return [p for p in plugins or [] if _plugin_name(p) not in dropped]


def _plugin_name(entry: Any) -> str:
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return str(entry)


# ---- hand-written pages ---------------------------------------------------------------------

def expand_page(uri: str, text: str, catalog: Catalog, edition: Edition | None) -> str:
    """A hand-written page as it is published: with `render_macros: true` in its front matter,
    each `{{ macro("id", ...) }}` replaced by what the macro returns; the `render_macros` key
    dropped either way; the body labelled by `hand_written_markdown`, as the hook labels it."""
    front = FRONT_MATTER.match(text)
    if front is None:
        return hand_written_markdown(text, edition)
    body = text[front.end():]
    if RENDER_MACROS.search(front.group(1)):
        body = expand_macros(uri, body, macro_functions(catalog, uri))
    meta = _RENDER_MACROS_KEY.sub("", front.group(1))
    return (f"---\n{meta}---\n" if meta.strip() else "") + hand_written_markdown(body, edition)


def hand_written_markdown(markdown: str, edition: Edition | None) -> str:
    """The body of a hand-written page, its macros already run, as the edition publishes it:
    where the edition's currency is not the US dollar, its dollar figures read US$ like those
    of the generated pages. The MkDocs hook (after mkdocs-macros, on the page without its front
    matter) and `expand_page` both call it, so the two ways of publishing agree."""
    return dollars_labelled(edition.org, markdown) if edition is not None else markdown


def expand_macros(uri: str, body: str, functions: dict[str, Callable[..., Any]]) -> str:
    """`body` with every macro call replaced by its result. A page may only hold text and
    calls with quoted arguments (`playbook check` refuses anything else)."""
    try:
        tree = SandboxedEnvironment(keep_trailing_newline=True).parse(body)
    except TemplateSyntaxError as err:
        raise ExportError(f"{DOCS}/{uri}: macro syntax error at line {err.lineno}: "
                          f"{err.message}") from err
    parts: list[str] = []
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            raise ExportError(f"{DOCS}/{uri}:{node.lineno}: only macro calls can be expanded")
        parts += (_expand(uri, part, functions) for part in node.nodes)
    return "".join(parts)


def _expand(uri: str, part: nodes.Expr, functions: dict[str, Callable[..., Any]]) -> str:
    if isinstance(part, nodes.TemplateData):
        return str(part.data)
    call = part if isinstance(part, nodes.Call) and isinstance(part.node, nodes.Name) else None
    args = [a.value for a in call.args if isinstance(a, nodes.Const)] if call else []
    if call is None or call.kwargs or call.dyn_args or call.dyn_kwargs or \
            len(args) != len(call.args) or not all(isinstance(a, str) for a in args):
        raise ExportError(f"{DOCS}/{uri}:{part.lineno}: only calls of playbook macros with "
                          "quoted ids can be expanded")
    name = call.node.name if isinstance(call.node, nodes.Name) else ""
    if name not in functions:
        raise ExportError(f"{DOCS}/{uri}:{part.lineno}: unknown macro {name!r}")
    return str(functions[name](*args))


def macro_functions(catalog: Catalog, uri: str) -> dict[str, Callable[..., Any]]:
    """The page macros as mkdocs-macros would call them on the page `uri`."""
    env = _MacroEnv(catalog, uri)
    register(env)
    return env.functions


class _MacroEnv:
    """What `page_macros.register` uses of mkdocs-macros' `env`, for one page."""

    def __init__(self, catalog: Catalog, uri: str) -> None:
        self.conf = {CATALOG_KEY: catalog}
        self.page = _Page(uri)
        self.functions: dict[str, Callable[..., Any]] = {}

    def macro(self, function: Callable[..., Any], name: str | None = None
              ) -> Callable[..., Any]:
        self.functions[name or function.__name__] = function
        return function


class _Page:
    def __init__(self, uri: str) -> None:
        self.file = _File(uri)


class _File:
    def __init__(self, uri: str) -> None:
        self.src_uri = uri


# ---- disk -----------------------------------------------------------------------------------

def read_config(root: Path) -> dict[str, Any]:
    """The project's mkdocs.yml, as plain data."""
    try:
        config = yaml.safe_load((root / CONFIG).read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise ExportError(f"{CONFIG} cannot be exported: it is not plain YAML ({err})"
                          .replace("\n", " ")) from err
    if not isinstance(config, dict):
        raise ExportError(f"{CONFIG} cannot be exported: it is not a mapping")
    return config


def read_sources(root: Path) -> Sources:
    config = read_config(root)
    docs, assets = read_docs(root)
    return Sources(config, docs, assets, read_theme(root, config))


def read_theme(root: Path, config: dict[str, Any]) -> dict[str, Path]:
    """The files of the theme's custom_dir (uri -> file), if the project has one."""
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not custom:
        return {}
    folder = root / str(custom)
    if not folder.is_dir() or folder.is_symlink():
        raise ExportError(f"{CONFIG}: theme.custom_dir {custom!r} is not a folder")
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts}


def read_docs(root: Path) -> tuple[dict[str, str], dict[str, Path]]:
    """The hand-written pages (uri -> text) and the other files (uri -> path) under `docs/`,
    without the hidden ones MkDocs leaves out. `playbook check` has refused links and special
    files there."""
    folder = root / DOCS
    pages: dict[str, str] = {}
    assets: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        uri = path.relative_to(folder).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in uri.split("/")):
            continue
        if path.suffix == ".md":
            pages[uri] = path.read_text(encoding="utf-8")
        else:
            assets[uri] = path
    return pages, assets


def write_tree(folder: Path, files: Iterable[ExportFile]) -> None:
    """Write `files` under `folder` (a new, empty folder)."""
    for file in files:
        target = folder / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.copy_from is not None:
            target.write_bytes(file.copy_from.read_bytes())
        else:
            target.write_text(file.text or "", encoding="utf-8")


def export_edition(root: Path, target: Path, catalog: Catalog, edition: Edition | None) -> int:
    """Export one edition of the project at `root` into `target` (accepted by
    `macros.output.check_output`), which is replaced only once the whole tree is written.
    Returns the number of pages."""
    files = export_files(read_sources(root), catalog, edition)
    temp: Path | None = None
    try:
        with staged(target) as temp:
            write_tree(temp, files)
    except OSError as err:
        raise ExportError(write_error(err, target, temp)) from err
    return sum(1 for f in files if f.path.endswith(".md"))
