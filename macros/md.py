"""Turn data values into Markdown that can only ever display as text.

Every value from YAML reaches a page through `inline` (or `paragraphs`), which backslash-escapes
each character Markdown or its extensions would act on and replaces `<`, `>` and `&` by
entities. So a value cannot open a link (`[x](javascript:..)`), add attributes (`{: onclick}`),
start a block (`# Heading`, `- item`, `!!! note`), or inject HTML (`<script>`); it renders as
the literal characters the editor typed. Layout (headings, lists, tables) is written by our
code, around escaped values only. Inside the raw HTML blocks our code writes (checklists,
`macros/charts.py`), where Markdown is not applied, values go through `html_text` instead.

`Markdown` marks text that is already safe: what these functions return. Every builder here
escapes any argument that is not `Markdown` (table headers and cells, headings, admonition
titles, link texts, list items), so data can only reach a page escaped; the one way around it
is to wrap text in `Markdown(...)` by hand, which review can see.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from typing import Any

# Python-Markdown's own escapable characters plus '|', which the tables extension adds.
_BACKSLASH = set("\\`*_{}[]()#+-.!|")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# One `str.translate` pass does both (it runs in C: pages have millions of characters).
_ESCAPES = {ord(ch): f"\\{ch}" for ch in _BACKSLASH} | {ord(ch): e for ch, e in _ENTITIES.items()}


class Markdown(str):
    """Markdown our code wrote or escaped: emitted as it is, never escaped again."""


def inline(value: Any) -> Markdown:
    """One line of escaped text: newlines and runs of spaces fold into single spaces."""
    if isinstance(value, Markdown):
        return value
    return _escaped(str(value))


# Editions re-render pages whose titles and summaries the default edition already escaped.
@functools.lru_cache(maxsize=1 << 17)
def _escaped(text: str) -> Markdown:
    return Markdown(" ".join(text.split()).translate(_ESCAPES))


def paragraphs(value: Any) -> Markdown:
    """Escaped text that keeps the editor's blank-line paragraph breaks."""
    parts = re.split(r"\n\s*\n", str(value).strip())
    return Markdown("\n\n".join(inline(p) for p in parts if p.strip()))


def bullets(items: Iterable[Any]) -> Markdown:
    return Markdown("\n".join(f"- {inline(item)}" for item in items))


def checklist(items: Iterable[Any], key: str) -> Markdown:
    """Tick boxes a reader's browser remembers (docs/assets/javascripts/checklists.js).

    `key` names the list after its record and section (`templates.rapid.success-checklist`);
    each item is its text, or an `(id, text)` pair, and is stored under its id or the slug of
    its text: never its position, so ticks survive reordering the data. Raw HTML (escaped by
    `html_text`), because a Markdown task list gives its boxes no label.
    """
    if not _KEY.fullmatch(key):
        raise ValueError(f"not a checklist key: {key!r}")
    seen: set[str] = set()
    rows = []
    for item in items:
        item_id, text = item if isinstance(item, tuple) else (slug(item), item)
        unique, n = item_id, 2
        while unique in seen:
            unique, n = f"{item_id}-{n}", n + 1
        seen.add(unique)
        rows.append(f'<li><label><input type="checkbox" data-item="{html_text(unique)}"/> '
                    f"<span>{html_text(text)}</span></label></li>")
    return Markdown(f'<div class="pb-checklist" data-checklist="{key}">\n<ul>\n'
                    + "\n".join(rows) + "\n</ul>\n"
                    '<button type="button" class="md-button pb-checklist__clear" hidden="hidden">'
                    "Clear ticks</button>\n</div>")


_KEY = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def slug(value: Any) -> str:
    """'Licences for 80% of staff.' -> 'licences-for-80-of-staff' (an id for an item that
    has none of its own)."""
    return "-".join(re.findall(r"[a-z0-9]+", str(value).lower()))[:80].strip("-") or "item"


def html_text(value: Any) -> str:
    """A value as the text of an HTML or SVG element or attribute: `& < > " '` become
    entities and no Markdown is ever applied (emitted only inside raw HTML blocks)."""
    return html.escape(" ".join(str(value).split()), quote=True)


def table(headers: Iterable[Any], rows: Iterable[Iterable[Any]]) -> Markdown:
    """A table whose headers and cells are escaped unless they are `Markdown` already."""
    head = [_cell(h) for h in headers]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return Markdown("\n".join(lines))


def _cell(value: Any) -> Markdown:
    return inline(value if value is not None else "")


_SITE_PATH = re.compile(r"[A-Za-z0-9_./-]*(#[a-z0-9_-]+)?")
_ANCHOR = re.compile(r"[a-z0-9][a-z0-9_-]*")


def link(text: Any, target: str) -> Markdown:
    """A Markdown link to another page of the site; MkDocs validates `target` at build."""
    if not _SITE_PATH.fullmatch(target):
        raise ValueError(f"not a relative site path: {target!r}")
    return Markdown(f"[{inline(text)}]({target})")


def code_block(body: str, lang: str = "text") -> Markdown:
    """A fenced block longer than any backtick run inside, so the body can never close it."""
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    if not _ANCHOR.fullmatch(lang):
        raise ValueError(f"not a language name: {lang!r}")
    return Markdown(f"{fence}{lang}\n{body.rstrip()}\n{fence}")


def heading(level: int, value: Any, anchor: str) -> Markdown:
    """A heading with a fixed anchor so links to it survive a change of title."""
    if not _ANCHOR.fullmatch(anchor):
        raise ValueError(f"not an anchor: {anchor!r}")
    return Markdown(f"{'#' * level} {inline(value)} {{ #{anchor} }}")


def admonition(kind: str, title: Any, body: Markdown) -> Markdown:
    if not _ANCHOR.fullmatch(kind):
        raise ValueError(f"not an admonition type: {kind!r}")
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    return Markdown(f'!!! {kind} "{inline(title)}"\n\n{indented}')


# ---- figures -------------------------------------------------------------------------------

def money(amount: float, symbol: str = "$", *, short_from: int | None = 10_000) -> str:
    """The one way an amount is written: 300000 -> $300K, 1950000 -> $1.95M, 333.3 -> $333,
    1500 -> $1,500. Amounts from `short_from` up are shortened to K (with at most one digit
    more than `short_from` has: 7500 -> $7.5K from 1000) or M; None never shortens
    (650000 -> $650,000, for text a reader copies). Every page, prompt and range writes
    amounts through here, so they read the same everywhere."""
    if short_from is not None and amount >= short_from:
        if amount >= 1_000_000 and amount % 10_000 == 0:
            return f"{symbol}{amount / 1_000_000:g}M"
        if amount % (short_from // 10) == 0:
            return f"{symbol}{amount / 1_000:g}K"
    return f"{symbol}{round(amount):,}"


def money_range(low: float, high: float, symbol: str = "$", *,
                short_from: int | None = 10_000) -> str:
    """(1950000, 6500000) -> '$1.95M-$6.5M'; equal ends are one amount: (450, 450) -> '$450';
    a low end is shortened like the high end where it can be: (6000, 12000) -> '$6K-$12K'."""
    last = money(high, symbol, short_from=short_from)
    shortened = last[-1] in "KM" and short_from is not None
    first = money(low, symbol, short_from=min(short_from, 1_000) if shortened and short_from
                  else short_from)
    return first if first == last else f"{first}-{last}"


# A dollar sign that starts an amount ('$300K', '($2.5M'), not one inside 'CA$1' or 'US$1'.
_DOLLAR_AMOUNT = re.compile(r"(?<![\w$])\$(?=\d)")


def us_dollars(markdown: str) -> str:
    """Every '$' amount written 'US$': in an edition whose own currency is not the US dollar,
    the playbook's figures (which stay in dollars) then say which dollars they are."""
    return _DOLLAR_AMOUNT.sub("US$", markdown)


def span_text(value: dict[str, Any] | None, unit: str = "", fmt: Any = None) -> str:
    """{min: 3, max: 4} -> '3-4'; {min: 80} -> '80+'; {min: 100, max: 500, open: true} ->
    '100-500+'; with a unit, e.g. '%', appended. An open range always keeps its '+'."""
    if not value:
        return ""
    show = fmt or (lambda v: f"{v:g}")
    low, high = value.get("min"), value.get("max")
    if high is None or (value.get("open") and low == high):
        return f"{show(low)}{unit}+"
    if value.get("open"):
        return f"{show(low)}-{show(high)}{unit}+"
    if low == high:
        return f"{show(low)}{unit}"
    return f"{show(low)}-{show(high)}{unit}"


def months(value: dict[str, Any]) -> str:
    """{min: 1, max: 1} -> 'Month 1'; {min: 3, max: 4} -> 'Months 3-4' (never 'Months 1')."""
    low, high = value["min"], value.get("max", value["min"])
    return f"Month {low}" if low == high else f"Months {low}-{high}"


def money_span(value: dict[str, Any] | None, symbol: str = "$") -> str:
    """{min: 300000, max: 500000} -> '$300K-$500K' (see `money_range`); {min: 80000} ->
    '$80K+'."""
    if value and value.get("max") is not None:
        return money_range(value["min"], value["max"], symbol)
    return span_text(value, fmt=lambda v: money(v, symbol))


def raw_bullets(items: Iterable[Markdown]) -> Markdown:
    """Bullets whose items our code already assembled from escaped pieces and links."""
    return Markdown("\n".join(f"- {item}" for item in items))
