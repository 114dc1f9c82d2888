"""Charts drawn at build time as inline SVG: no script, no request, readable without colour.

Each chart is a `<figure>` holding an `<svg role="img">` whose `<title>` and `<desc>` (named by
`aria-labelledby`) say in words what the drawing shows, so a screen reader gets the same facts;
the page keeps the table the chart is drawn from next to it. Every label from the data goes
through `macros.md.html_text`, the escaping used for raw HTML. Lines, bars and text take their
colours from the theme (`currentColor` and Material's CSS variables, in
docs/assets/stylesheets/charts.css), so charts follow light and dark mode. The figure is left
out of the search index: the table beside it holds the same words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from macros.md import Markdown, html_text, money

WIDTH = 480
_ID = re.compile(r"[a-z][a-z0-9-]*")
_FONT = 13


@dataclass(frozen=True)
class Point:
    """One target of an adoption curve: `x` (a month), `low` (a percentage or a number of
    people) and `high` when the target is a range."""

    x: float
    low: float
    high: float | None = None


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def adoption_chart(chart_id: str, title: str, points: Sequence[Point], *,
                   x_label: str = "Month", y_max: float = 100,
                   y_text: Callable[[float], str] = lambda v: f"{v:g}%",
                   x_text: Callable[[float], str] = lambda v: f"{v:g}") -> Markdown:
    """Targets over time: a line through each target's low end, a band up to its high end."""
    left, right, top, bottom, height = 56, 16, 12, 44, 240
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    points = sorted(points, key=lambda p: p.x)
    x_max = max((p.x for p in points), default=1) or 1
    y_top = max([y_max, *(p.high or p.low for p in points)]) or 1

    def px(x: float) -> float:
        return round(left + plot_w * x / x_max, 1)

    def py(y: float) -> float:
        return round(top + plot_h * (1 - y / y_top), 1)

    shapes = []
    for i in range(5):
        value = y_top * i / 4
        shapes += [f'<line class="pb-chart__grid" x1="{left}" x2="{WIDTH - right}" '
                   f'y1="{py(value)}" y2="{py(value)}" stroke="currentColor" '
                   'stroke-opacity="0.2"/>',
                   _text(left - 6, py(value) + 4, y_text(value), "end")]
    for x in sorted({p.x for p in points}):
        shapes.append(_text(px(x), top + plot_h + 18, x_text(x), "middle"))
    shapes.append(_text(left + plot_w / 2, height - 6, x_label, "middle"))
    # A curve that does not begin at month 0 starts from nobody at month 0.
    start = "" if points and points[0].x == 0 else f"{px(0)},{py(0)} "
    highs = " ".join(f"{px(p.x)},{py(p.high if p.high is not None else p.low)}"
                     for p in points)
    lows = " ".join(f"{px(p.x)},{py(p.low)}" for p in reversed(points))
    shapes.append(f'<polygon class="pb-chart__band" points="{start}{highs} {lows}" '
                  'fill="currentColor" fill-opacity="0.15"/>')
    shapes.append(f'<polyline class="pb-chart__line" points="{start}'
                  + " ".join(f"{px(p.x)},{py(p.low)}" for p in points)
                  + '" fill="none" stroke="currentColor" stroke-width="2.5"/>')
    shapes += [f'<circle class="pb-chart__point" cx="{px(p.x)}" cy="{py(p.low)}" r="4" '
               'fill="currentColor"/>' for p in points]
    facts = "; ".join(f"{x_label.lower()} {x_text(p.x)}: {_span(p, y_text)}" for p in points)
    return _figure(chart_id, height, title, f"{title}. {facts}.", shapes)


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar],
              value_text: Callable[[float], str]) -> Markdown:
    """Horizontal bars, each with its label above it and its value and share after it."""
    row, top = 40, 8
    height = top + row * len(bars) + 4
    total = sum(b.value for b in bars) or 1
    largest = max((b.value for b in bars), default=1) or 1
    room = WIDTH - 120
    shapes = []
    for i, bar in enumerate(bars):
        y = top + i * row
        width = round(room * bar.value / largest, 1)
        share = f"{value_text(bar.value)} ({bar.value / total:.0%})"
        shapes += [_text(0, y + 13, bar.label, "start"),
                   f'<rect class="pb-chart__bar" x="0" y="{y + 18}" width="{width}" '
                   'height="14" rx="2" fill="currentColor"/>',
                   _text(width + 6, y + 30, share, "start")]
    facts = "; ".join(f"{b.label}: {value_text(b.value)} ({b.value / total:.0%})" for b in bars)
    return _figure(chart_id, height, title, f"{title}. {facts}.", shapes)


def _span(point: Point, show: Callable[[float], str]) -> str:
    if point.high is None:
        return f"{show(point.low)} or more"
    if point.high == point.low:
        return show(point.low)
    return f"{show(point.low)} to {show(point.high)}"


def _text(x: float, y: float, value: str, anchor: str) -> str:
    return (f'<text x="{round(x, 1)}" y="{round(y, 1)}" text-anchor="{anchor}" '
            f'font-size="{_FONT}" fill="currentColor">{html_text(value)}</text>')


def _figure(chart_id: str, height: int, title: str, desc: str, shapes: list[str]) -> Markdown:
    if not _ID.fullmatch(chart_id):
        raise ValueError(f"not a chart id: {chart_id!r}")
    head = (f'<figure class="pb-chart" id="{chart_id}" data-search-exclude="">\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc">\n'
            f'<title id="{chart_id}-title">{html_text(title)}</title>\n'
            f'<desc id="{chart_id}-desc">{html_text(desc)}</desc>')
    return Markdown("\n".join([head, *shapes, "</svg>",
                               f"<figcaption>{html_text(title)}</figcaption>", "</figure>"]))


# ---- the playbook's charts -------------------------------------------------------------------

def template_adoption(title: str, targets: Sequence[dict[str, Any]]) -> Markdown:
    """A template's adoption targets (`targets[].month`, `adoption_pct`) over its months."""
    points = [Point(t["month"], t["adoption_pct"]["min"], t["adoption_pct"].get("max"))
              for t in targets if isinstance(t.get("month"), int | float)]
    if not points:
        return Markdown("")
    return adoption_chart("adoption-chart", f"Adoption targets of the {title} template",
                          points)


def template_budget(title: str, budget: dict[str, Any]) -> Markdown:
    """Every budget line, named after its section when there are several."""
    sections = budget["sections"]
    bars = [Bar(f"{s['title']}: {line['item']}" if len(sections) > 1 else line["item"],
                line["amount"]) for s in sections for line in s["lines"]]
    total = money(sum(b.value for b in bars))
    return bar_chart("budget-chart", f"Budget split of the {title} template ({total})", bars,
                     money)


def edition_adoption(name: str, curve: Sequence[tuple[int, str | None, float, int]],
                     headcount: int) -> Markdown:
    """The usual adoption curve in the organization's people, by calendar month when the
    organization has a start month (`figures.ReturnLines.curve`)."""
    when = {month: label for month, label, _, _ in curve}
    return adoption_chart(
        "edition-adoption-chart", f"The usual adoption curve in people at {name}",
        [Point(month, people) for month, _, _, people in curve],
        y_max=headcount, y_text=lambda v: f"{v:,.0f}",
        x_text=lambda m: when.get(int(m)) or (f"month {m:g}" if m else "start"), x_label="When")
