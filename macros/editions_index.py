"""The page `playbook build --all` writes above the editions: one card per edition, with its
organization, size and recommended template, in the site's colours and fonts.

It is a single file with its styles inline and only relative links, so it keeps its look
wherever the folder of editions is served (a sub-folder included) and fetches nothing.
Every value is escaped here: names come from overlays.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from macros.editions.choice import choose, size_of
from macros.editions.load import Edition

TITLE = "AI Scaling Playbook: editions"


@dataclass(frozen=True)
class Entry:
    slug: str
    name: str
    size: str            # e.g. "medium, 300 people"; empty for the base playbook
    template: str        # the recommended (or pinned) template's title; empty for the base
    template_uri: str    # its page, relative to the index
    pinned: bool


def entry(slug: str, name: str, edition: Edition | None) -> Entry:
    if edition is None:
        return Entry(slug, name, "", "", "", False)
    org = edition.org
    choice = choose(org, edition.catalog)
    title = str(edition.catalog.require("templates", choice.template).data["title"])
    return Entry(slug, name, f"{size_of(org)}, {org['headcount']:,} people", title,
                 f"{slug}/templates/{choice.template}/", choice.pinned)


def editions_index(entries: list[Entry]) -> str:
    cards = "\n".join(_card(e) for e in entries)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(TITLE)}</title>
<style>{STYLE}</style>
</head>
<body>
<header class="bar"><span class="bar__title">AI Scaling Playbook</span></header>
<main>
  <h1>Editions</h1>
  <p class="lead">One edition of the playbook per organization, with its own figures, plan and
    recommended template, and the base playbook that they all start from.</p>
  <ul class="editions">
{cards}
  </ul>
</main>
</body>
</html>
"""


def _card(e: Entry) -> str:
    link = f'<a href="{escape(e.slug)}/">{escape(e.name)}</a>'
    if not e.template:
        facts = ('      <dl><dt>Organization</dt><dd>none: the base playbook, all templates '
                 'side by side</dd></dl>')
    else:
        how = "Chosen template" if e.pinned else "Recommended template"
        facts = (f"      <dl>\n        <dt>Organization</dt><dd>{escape(e.name)}</dd>\n"
                 f"        <dt>Size</dt><dd>{escape(e.size)}</dd>\n"
                 f'        <dt>{how}</dt><dd><a href="{escape(e.template_uri)}">'
                 f"{escape(e.template)}</a></dd>\n      </dl>")
    return (f'    <li class="edition">\n      <h2>{link}</h2>\n{facts}\n'
            f'      <p class="slug">{escape(e.slug)}/</p>\n    </li>')


# The theme's default look (indigo header, its fonts and greys), light and dark.
STYLE = """
:root { --primary: #4051b5; --on-primary: #fff; --text: #000000de; --muted: #5b5e66;
  --bg: #fff; --card: #f5f6f8; --border: #e2e4e9; --link: #4051b5; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e2e4e9; --muted: #aeb3c2; --bg: #1e2129; --card: #262a35;
    --border: #3a3f4d; --link: #8fa5f0; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.6 -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif; }
.bar { background: var(--primary); color: var(--on-primary); padding: 0.9rem 1.2rem;
  box-shadow: 0 0 0.2rem #0000001a, 0 0.2rem 0.4rem #0003; }
.bar__title { font-size: 1.1rem; font-weight: 700; }
main { max-width: 61rem; margin: 0 auto; padding: 1.2rem; }
h1 { font-size: 2rem; font-weight: 300; margin: 0.5rem 0; }
.lead { max-width: 40rem; }
.editions { list-style: none; padding: 0; margin: 1.5rem 0 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
.edition { background: var(--card); border: 1px solid var(--border); border-radius: 0.3rem;
  padding: 1rem 1.2rem; min-width: 0; }
.edition h2 { font-size: 1.2rem; margin: 0 0 0.6rem; overflow-wrap: anywhere; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 0.18em; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; }
dt { color: var(--muted); font-size: 0.9rem; }
dd { margin: 0; overflow-wrap: anywhere; }
.slug { margin: 0.6rem 0 0; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.3rem; } }
"""
