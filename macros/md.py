"""Turn data values into Markdown that can only ever display as text.

Every value from YAML reaches a page through `inline` (or `paragraphs`), which backslash-escapes
each character Markdown or its extensions would act on and replaces `<`, `>` and `&` by
entities. So a value cannot open a link (`[x](javascript:..)`), add attributes (`{: onclick}`),
start a block (`# Heading`, `- item`, `!!! note`), or inject HTML (`<script>`); it renders as
the literal characters the editor typed. Layout (headings, lists, tables) is written by our
code, around escaped values only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# Python-Markdown's own escapable characters plus '|', which the tables extension adds.
_BACKSLASH = set("\\`*_{}[]()#+-.!|")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def inline(value: Any) -> str:
    """One line of escaped text: newlines and runs of spaces fold into single spaces."""
    folded = " ".join(str(value).split())
    return "".join(_ENTITIES.get(ch) or (f"\\{ch}" if ch in _BACKSLASH else ch) for ch in folded)


def paragraphs(value: Any) -> str:
    """Escaped text that keeps the editor's blank-line paragraph breaks."""
    parts = re.split(r"\n\s*\n", str(value).strip())
    return "\n\n".join(inline(p) for p in parts if p.strip())


def bullets(items: Iterable[Any]) -> str:
    return "\n".join(f"- {inline(item)}" for item in items)


def checklist(items: Iterable[Any]) -> str:
    return "\n".join(f"- [ ] {inline(item)}" for item in items)


def table(headers: list[str], rows: Iterable[Iterable[Any]]) -> str:
    """A table whose cells are escaped values (headers are our own literal text)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


class Raw(str):
    """Markdown written by our code (e.g. a link built from a checked id): not escaped again."""


def _cell(value: Any) -> str:
    return str(value) if isinstance(value, Raw) else inline(value if value is not None else "")


def link(text: Any, target: str) -> Raw:
    """A Markdown link to another page of the site; MkDocs validates `target` at build."""
    return Raw(f"[{inline(text)}]({target})")


def code_block(body: str, lang: str = "text") -> str:
    """A fenced block longer than any backtick run inside, so the body can never close it."""
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{body.rstrip()}\n{fence}"


def heading(level: int, value: Any, anchor: str) -> str:
    """A heading with a fixed anchor so links to it survive a change of title."""
    return f"{'#' * level} {inline(value)} {{ #{anchor} }}"


def admonition(kind: str, title: str, body: str) -> str:
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    return f'!!! {kind} "{title}"\n\n{indented}'


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


def raw_bullets(items: Iterable[str]) -> str:
    """Bullets whose items our code already assembled from escaped pieces and links."""
    return "\n".join(f"- {item}" for item in items)
