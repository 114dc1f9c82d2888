"""Every data value is inert in every edition, whatever an untrusted author writes.

The test walks each kind's schema (and the overlay's) over the shipped data, writes a corpus of
hostile payloads into every free-text string field it finds (so a field added later is covered
without editing this test), builds the default edition and an organization's edition, and
opens every page in headless Chromium: no dialog opens, no element or attribute from a payload
exists, no script from a payload runs, and no request leaves 127.0.0.1.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from helpers import ROOT, SEARCH, serve_in_background

from macros.cli import main
from macros.editions.load import load_project
from macros.editions.schema import SCHEMA as OVERLAY_SCHEMA
from macros.intros import INTROS_FILE
from macros.intros import SCHEMA as INTROS_SCHEMA
from macros.kinds import KINDS
from macros.schema import Schema
from macros.site_check import check_site
from macros.yamlfile import NodePath, load_file

pytestmark = pytest.mark.browser

PWNED = Path("/tmp/playbook-injection-ran")
PAYLOADS = [
    "<script>window.__pbx = 1</script>",
    '<img src="x" onerror="window.__pbx = 2">',
    '<svg onload="window.__pbx = 3"><circle r="9"/></svg>',
    "[pbx link](javascript:window.__pbx=4)",
    'pbx attr {: onclick="window.__pbx = 5" #pbx-attr .pbx-class }',
    "x\n\n# pbx heading {: #pbx-top }\n\n- pbx item",
    '</td></tr></table><div id="pbx-table">broken out</div>',
    '<iframe src="http://203.0.113.5/pbx"></iframe>',
    "<style>body { display: none } .md-content { display: none }</style>",
    "![pbx image](http://203.0.113.5/pbx.png)",
    "<http://203.0.113.5/pbx-autolink> and www.example.com/pbx",
    "<!-- pbx comment --> before",
    '??? danger "pbx details"\n    hidden text',
    "&lt;script&gt;window.__pbx=6&lt;/script&gt; &#60;b id=pbx-entity&#62;x&#60;/b&#62;",
    "{{ cycler.__init__.__globals__.os.popen('touch " + str(PWNED) + "').read() }}",
    "{% raw %} unclosed {{ 7*7 }}",
    '<a href="http://203.0.113.5/pbx" id="pbx-anchor">x</a>',
    '<object data="http://203.0.113.5/pbx.swf"></object><embed src="x.swf">',
    "<math><mi xlink:href=\"javascript:window.__pbx=7\">x</mi></math>",
]
EDITION = "brightpath"

# What a payload would leave in the page if it had worked.
FIND_PAYLOAD_EFFECTS = """() => {
  const PAYLOAD_IDS = ['pbx-attr', 'pbx-top', 'pbx-table', 'pbx-anchor', 'pbx-entity'];
  const found = [];
  if (window.__pbx !== undefined) found.push('script ran: ' + window.__pbx);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(el.tagName + ' has ' + attr.name);
      // Heading ids are slugs of the (escaped) heading text; only the exact ids and classes
      // a payload asks for would show that it took effect.
      const forged = attr.name === 'id' ? PAYLOAD_IDS.includes(attr.value)
        : attr.name === 'class' && /pbx/.test(attr.value);
      if (/pbx/i.test(attr.name) || forged)
        found.push(el.tagName + ' ' + attr.name + '=' + attr.value);
      // Material's own share button is the one `javascript:void(0)` a clean page has.
      if (/^\\s*javascript:/i.test(attr.value) && attr.value !== 'javascript:void(0)')
        found.push(el.tagName + ' ' + attr.name + ' runs script');
    }
  }
  for (const sel of ['iframe', 'object', 'embed', 'frame', 'math', 'details.danger'])
    for (const el of document.querySelectorAll(sel)) found.push('element ' + sel);
  for (const el of document.querySelectorAll('style'))
    if (/display:\\s*none/.test(el.textContent) && !el.closest('head')) found.push('payload style');
  for (const el of document.querySelectorAll('a[href]'))
    if (new URL(el.href, location.href).host !== location.host && /pbx|203\\.0\\.113/.test(el.href))
      found.push('outside link ' + el.href);
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
  while (walker.nextNode()) if (/pbx/.test(walker.currentNode.data)) found.push('comment');
  if (getComputedStyle(document.body).display === 'none') found.push('body hidden');
  const content = document.querySelector('.md-content');
  if (content && getComputedStyle(content).display === 'none') found.push('content hidden');
  return found;
}"""


def free_text_fields(data: Any, schema: Schema, at: NodePath = ()) -> Iterator[NodePath]:
    """Paths of string values that the schema leaves free (no pattern, no fixed choices)."""
    if not isinstance(data, dict):
        return
    for key, rules in schema.items():
        if key in data:
            yield from _fields(rules, data[key], (*at, key))


def _fields(rules: Schema, value: Any, at: NodePath) -> Iterator[NodePath]:
    kind = rules.get("type")
    if kind == "string" and isinstance(value, str):
        if not {"regex", "allowed"} & rules.keys():
            yield at
    elif kind == "list" and isinstance(value, list) and "schema" in rules:
        for i, item in enumerate(value):
            yield from _fields(rules["schema"], item, (*at, i))
    elif kind == "dict" and isinstance(value, dict) and "schema" in rules:
        yield from free_text_fields(value, rules["schema"], at)


def overlay_fields(data: dict[str, Any]) -> Iterator[NodePath]:
    """The overlay's own fields, and the record fields its overrides change."""
    yield from free_text_fields(data, OVERLAY_SCHEMA)
    for kind, changes in data.get("overrides", {}).items():
        for record_id, fields in changes.items():
            at: NodePath = ("overrides", kind, record_id)
            yield from (( *at, *sub) for sub in free_text_fields(fields, KINDS[kind].schema))


def _get(data: Any, at: NodePath) -> Any:
    for part in at:
        data = data[part]
    return data


def _set(data: Any, at: NodePath, value: Any) -> None:
    _get(data, at[:-1])[at[-1]] = value


def _payload(i: int, shipped: str) -> str:
    """Every payload, starting with a different one in each field, then the shipped text (so
    checks that read the text, such as prompt placeholders, still see what they need)."""
    n = len(PAYLOADS)
    rotated = PAYLOADS[i % n:] + PAYLOADS[:i % n]
    return "\n\n".join([*rotated, f"field {i}", shipped])


def _inject(project: Path) -> None:
    """Write payloads into every free-text field of every data file and overlay."""
    count = 0
    for path in sorted((project / "data").rglob("*.yml")):
        shown = path.relative_to(project).as_posix()
        doc, problems = load_file(path, shown)
        assert doc is not None and not problems, problems
        kind = path.parent.name
        if kind == "orgs":
            fields = list(overlay_fields(doc.data))
        else:  # a record, or the index pages' intros (data/index-pages.yml)
            schema = INTROS_SCHEMA if path.name == INTROS_FILE else KINDS[kind].schema
            fields = list(free_text_fields(doc.data, schema))
        assert fields, f"no free-text field found in {shown}"
        for at in fields:
            _set(doc.data, at, _payload(count, _get(doc.data, at)))
            count += 1
        path.write_text(yaml.safe_dump(doc.data, sort_keys=False, allow_unicode=True,
                                       width=1_000_000))
    assert count > 500, f"only {count} fields were injected"


def _check_accepts(project: Path) -> None:
    """The gate must take hostile text in free-text fields: it is data, shown as text."""
    built = load_project(project)
    problems = built.problems or check_site(project, built)
    assert [p.format() for p in problems] == []


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    project = tmp_path_factory.mktemp("hostile") / "project"
    for name in ("data", "docs", "hooks"):
        shutil.copytree(ROOT / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project)
    PWNED.unlink(missing_ok=True)
    _inject(project)
    _check_accepts(project)
    sites = {"default": project / "out-default", EDITION: project / "out-edition"}
    assert main(["--root", str(project), "build", "--out", str(sites["default"])]) == 0
    assert main(["--root", str(project), "build", "--edition", EDITION,
                 "--out", str(sites[EDITION])]) == 0
    assert not PWNED.exists(), "a template in the data ran a shell command at build time"
    servers = {name: serve_in_background(site) for name, site in sites.items()}
    try:
        yield {name: str(server.url) for name, server in servers.items()}
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()


@pytest.mark.parametrize("edition", ["default", EDITION])
def test_every_payload_is_inert_on_every_page(edition: str, hostile_sites: dict[str, str],
                                              browser: Any, tmp_path: Path) -> None:
    base = hostile_sites[edition]
    context = browser.new_context()
    outside: list[str] = []
    dialogs: list[str] = []

    def guard(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    found: dict[str, list[str]] = {}
    urls = _site_urls(base)
    assert len(urls) > 40, urls
    for url in urls:
        page.goto(url)
        effects = page.evaluate(FIND_PAYLOAD_EFFECTS)
        if effects:
            found[url] = effects
    # Search renders stored page text into the DOM: search for the payloads too.
    page.goto(base + "/")
    page.fill(SEARCH, "pbx")
    page.wait_for_timeout(1500)
    effects = page.evaluate(FIND_PAYLOAD_EFFECTS)
    if effects:
        found["search"] = effects
    context.close()
    assert dialogs == []
    assert outside == []
    assert found == {}


def _site_urls(base: str) -> list[str]:
    """Every page the site lists in its sitemap, plus the 404 page."""
    with urllib.request.urlopen(base + "/sitemap.xml") as response:
        locs = re.findall(r"<loc>([^<]+)</loc>", response.read().decode())
    return [base + urlsplit(loc).path for loc in locs] + [base + "/404.html"]


def test_payloads_show_as_text(hostile_sites: dict[str, str], browser: Any) -> None:
    """The payloads are not dropped either: readers see exactly what the author wrote."""
    page = browser.new_page()
    page.goto(hostile_sites["default"] + "/bottlenecks/champion-burnout/")
    text = page.inner_text("article")
    page.close()
    assert "<script>window.__pbx = 1</script>" in text
    assert "[pbx link](javascript:window.__pbx=4)" in text
    assert "{{ cycler.__init__" in text
