"""Small formatting helpers shared by the newer renderers (numbers only; text is escaped by
the caller through macros.md)."""

from __future__ import annotations

from typing import Any

from macros.md import money, months, span_text


def times(value: dict[str, Any]) -> str:
    """{min: 100, max: 500} -> '100-500x'."""
    return span_text(value) + "x"


def pct(value: dict[str, Any] | float) -> str:
    return span_text(value, "%") if isinstance(value, dict) else f"{value:g}%"


def thousands(value: dict[str, Any] | float) -> str:
    """Weekly costs as the source writes them: 7000 -> '$7K', {3000, 4000} -> '$3K-$4K'."""
    def show(v: float) -> str:
        return money(v, short_from=1_000)
    if isinstance(value, dict):
        return span_text(value, fmt=show)
    return show(value)


__all__ = ["months", "pct", "thousands", "times"]  # months: written by macros.md
