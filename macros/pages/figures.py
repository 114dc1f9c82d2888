"""Small formatting helpers shared by the newer renderers (numbers only; text is escaped by
the caller through macros.md)."""

from __future__ import annotations

from typing import Any

from macros.md import Markdown, admonition, inline, money, span_text


def times(value: dict[str, Any]) -> str:
    """{min: 100, max: 500} -> '100-500x'."""
    return span_text(value) + "x"


def pct(value: dict[str, Any] | float) -> str:
    return span_text(value, "%") if isinstance(value, dict) else f"{value:g}%"


def thousands(value: dict[str, Any] | float) -> str:
    """Weekly costs as the source writes them: 7000 -> '$7K', {3000, 4000} -> '$3K-$4K'."""
    def show(v: float) -> str:
        return f"${v / 1000:g}K" if v % 100 == 0 and v >= 1000 else money(v)
    if isinstance(value, dict):
        return span_text(value, fmt=show)
    return show(value)


def editor_note(stated: str, computed: str, why: str) -> Markdown:
    """The source's figure kept, the computed one shown beside it, and the reason."""
    body = inline(f"The source states {stated}, but its own inputs give {computed}. {why}")
    return admonition("note", "Editor's note", body)


def months(value: dict[str, Any]) -> str:
    low, high = value["min"], value.get("max", value["min"])
    return f"Month {low}" if low == high else f"Months {low}-{high}"
