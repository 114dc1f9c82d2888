"""Diagrams drawn at build time as inline SVG: no script, no external file, no network.

Every label from the data goes through `html.escape`, so a value can only ever show as text.
The result is one block-level `<div>` with no blank line inside, which Markdown passes through
as raw HTML when it stands on its own lines with blank lines around it.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from macros.md import Markdown

WIDTH, HEIGHT = 580, 360
BOX_W, BOX_H = 170, 62
RADIUS_X, RADIUS_Y = 190, 140


@dataclass(frozen=True)
class Step:
    title: str
    gist: str


def _text(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=True)


def cycle(steps: list[Step], label: str, css_class: str = "playbook-cycle") -> Markdown:
    """Steps placed clockwise on an ellipse, starting at the top, joined by arrows."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    count = len(steps)
    centres = [_point(_angle(i, count), cx, cy) for i in range(count)]
    parts = [
        f'<div class="{css_class}">',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" style="max-width:{WIDTH}px" role="img" aria-label="{_text(label)}">',
        f"<title>{_text(label)}</title>",
        '<defs><marker id="cycle-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>',
    ]
    for i in range(count):
        parts.append(_arrow(i, count, cx, cy))
    for (x, y), step in zip(centres, steps, strict=True):
        parts.append(_box(x, y, step))
    parts += ["</svg>", "</div>"]
    return Markdown("\n".join(parts))


def _angle(i: float, count: int) -> float:
    return -math.pi / 2 + 2 * math.pi * i / count


def _point(angle: float, cx: float, cy: float) -> tuple[float, float]:
    return cx + RADIUS_X * math.cos(angle), cy + RADIUS_Y * math.sin(angle)


def _inside(point: tuple[float, float], centre: tuple[float, float], margin: float) -> bool:
    return (abs(point[0] - centre[0]) <= BOX_W / 2 + margin
            and abs(point[1] - centre[1]) <= BOX_H / 2 + margin)


def _arrow(i: int, count: int, cx: float, cy: float) -> str:
    """An arc along the ellipse from step i to step i+1, starting and ending clear of both
    boxes (found by walking along the ellipse until it leaves each box)."""
    first, second = _point(_angle(i, count), cx, cy), _point(_angle(i + 1, count), cx, cy)
    start, end, step = _angle(i, count), _angle(i + 1, count), 0.005
    while start < end and _inside(_point(start, cx, cy), first, 6):
        start += step
    while end > start and _inside(_point(end, cx, cy), second, 10):
        end -= step
    (x1, y1), (x2, y2) = _point(start, cx, cy), _point(end, cx, cy)
    return (f'<path d="M{x1:.1f},{y1:.1f} A{RADIUS_X},{RADIUS_Y} 0 0 1 {x2:.1f},{y2:.1f}" '
            'fill="none" stroke="currentColor" stroke-width="2" '
            'marker-end="url(#cycle-arrow)"/>')


def _box(x: float, y: float, step: Step) -> str:
    left, top = x - BOX_W / 2, y - BOX_H / 2
    return (f'<g><rect x="{left:.1f}" y="{top:.1f}" width="{BOX_W}" height="{BOX_H}" rx="10" '
            'style="fill:var(--md-primary-fg-color,#3f51b5)"/>'
            f'<text x="{x:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-weight="bold" '
            f'font-size="17" style="fill:#fff">{_text(step.title)}</text>'
            f'<text x="{x:.1f}" y="{y + 16:.1f}" text-anchor="middle" font-size="13" '
            f'style="fill:#fff">{_text(step.gist)}</text></g>')
