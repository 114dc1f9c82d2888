"""Turn data values into Markdown that can only ever display as text.

Every value from YAML reaches a page through `inline` (or `paragraphs`), which backslash-escapes
each character Markdown or its extensions would act on and replaces `<`, `>` and `&` by
entities. So a value cannot open a link (`[x](javascript:..)`), add attributes (`{: onclick}`),
start a block (`# Heading`, `- item`, `!!! note`), or inject HTML (`<script>`); it renders as
the literal characters the editor typed. Layout (headings, lists, tables) is written by our
code, around escaped values only.

`Markdown` marks text that is already safe: what these functions return. Every builder here
escapes any argument that is not `Markdown` (table headers and cells, headings, admonition
titles, link texts, list items), so data can only reach a page escaped; the one way around it
is to wrap text in `Markdown(...)` by hand, which review can see.
"""

from __future__ import annotations

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
    return Markdown(" ".join(str(value).split()).translate(_ESCAPES))


def paragraphs(value: Any) -> Markdown:
    """Escaped text that keeps the editor's blank-line paragraph breaks."""
    parts = re.split(r"\n\s*\n", str(value).strip())
    return Markdown("\n\n".join(inline(p) for p in parts if p.strip()))


def bullets(items: Iterable[Any]) -> Markdown:
    return Markdown("\n".join(f"- {inline(item)}" for item in items))


def checklist(items: Iterable[Any]) -> Markdown:
    return Markdown("\n".join(f"- [ ] {inline(item)}" for item in items))


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

def money(amount: float, symbol: str = "$") -> str:
    """300000 -> $300K, 2500000 -> $2.5M, 333.3 -> $333, 1500 -> $1,500."""
    if amount >= 1_000_000 and amount % 100_000 == 0:
        return f"{symbol}{amount / 1_000_000:g}M"
    if amount >= 10_000 and amount % 1_000 == 0:
        return f"{symbol}{amount / 1_000:g}K"
    return f"{symbol}{round(amount):,}"


def span_text(value: dict[str, Any] | None, unit: str = "", fmt: Any = None) -> str:
    """{min: 3, max: 4} -> '3-4'; {min: 80} -> '80+'; with a unit, e.g. '%', appended."""
    if not value:
        return ""
    show = fmt or (lambda v: f"{v:g}")
    low, high = value.get("min"), value.get("max")
    if high is None:
        return f"{show(low)}{unit}+"
    if low == high:
        return f"{show(low)}{unit}"
    return f"{show(low)}-{show(high)}{unit}"


def money_span(value: dict[str, Any] | None, symbol: str = "$") -> str:
    return span_text(value, fmt=lambda v: money(v, symbol))


def raw_bullets(items: Iterable[Markdown]) -> Markdown:
    """Bullets whose items our code already assembled from escaped pieces and links."""
    return Markdown("\n".join(f"- {item}" for item in items))
