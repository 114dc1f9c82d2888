"""Whether an edition's colours can be read: WCAG contrast ratios for the theme's palette.

An overlay picks its primary colour by palette name (`branding.primary`); the theme then
prints the header's text on that colour and colours links with a shade of it, on a light page
and, with the dark scheme, on a dark one. Several of the theme's colours are too pale for
that: green puts white header text on a green of 2.8:1, where WCAG AA asks 4.5:1 for text.
`palette_problems` names each pair that falls short, so that `check` refuses it before an
edition is published.

The colours below are the ones mkdocs-material 9.8 computes for each palette name (read from
its stylesheets; tests/test_a11y.py compares them with what Chromium renders).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

AA_TEXT = 4.5   # WCAG 2.x level AA, normal-size text
WHITE = "#ffffff"
DARK_TEXT = "#000000de"          # the theme's near-black text (black at 87%)
LIGHT_PAGE = "#ffffff"           # the default scheme's page background
DARK_PAGE = "#1e2129"            # the dark ("slate") scheme's page background
DEFAULT_PRIMARY = "indigo"       # the theme's primary colour when an overlay names none

Rgb = tuple[float, float, float]


@dataclass(frozen=True)
class Shades:
    """The colours one palette name gives the header and links."""

    header: str         # the header's background
    header_text: str    # the header's text and icons
    link: str           # links on the light page
    dark_link: str      # links on the dark page


# name -> its shades; link colours differ from the header's where the theme darkens or
# lightens them for the page they sit on.
PALETTE: dict[str, Shades] = {
    "red": Shades("#ef5552", WHITE, "#ef5552", "#ef5552"),
    "pink": Shades("#e92063", WHITE, "#e92063", "#ed5487"),
    "purple": Shades("#ab47bd", WHITE, "#ab47bd", "#c46fd3"),
    "deep-purple": Shades("#7e56c2", WHITE, "#7e56c2", "#a47bea"),
    "indigo": Shades("#4051b5", WHITE, "#4051b5", "#5488e8"),
    "blue": Shades("#2094f3", WHITE, "#2094f3", "#2094f3"),
    "light-blue": Shades("#02a6f2", WHITE, "#02a6f2", "#02a6f2"),
    "cyan": Shades("#00bdd6", WHITE, "#00bdd6", "#00bdd6"),
    "teal": Shades("#009485", WHITE, "#009485", "#00ccb8"),
    "green": Shades("#4cae4f", WHITE, "#4cae4f", "#71c174"),
    "light-green": Shades("#8bc34b", WHITE, "#72ad2e", "#8bc34b"),
    "lime": Shades("#cbdc38", DARK_TEXT, "#8b990a", "#cbdc38"),
    "yellow": Shades("#ffec3d", DARK_TEXT, "#b8a500", "#ffec3d"),
    "amber": Shades("#ffc105", DARK_TEXT, "#d19d00", "#ffc105"),
    "orange": Shades("#ffa724", DARK_TEXT, "#e68a00", "#ffa724"),
    "deep-orange": Shades("#ff6e42", WHITE, "#ff6e42", "#ff764d"),
    "brown": Shades("#795649", WHITE, "#795649", "#c1775c"),
    "grey": Shades("#757575", WHITE, "#4051b5", "#5e8bde"),
    "blue-grey": Shades("#546d78", WHITE, "#4051b5", "#5e8bde"),
    "black": Shades("#14151a", WHITE, "#4051b5", "#5e8bde"),
    "white": Shades("#ffffff", DARK_TEXT, "#4051b5", "#5e8bde"),
}


def parse(colour: str) -> tuple[Rgb, float]:
    """'#rgb', '#rrggbb' or '#rrggbbaa' -> ((r, g, b) in 0..255, alpha in 0..1)."""
    digits = colour.removeprefix("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) not in (6, 8) or any(c not in "0123456789abcdefABCDEF" for c in digits):
        raise ValueError(f"not a hex colour: {colour!r}")
    values = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
    alpha = values[3] / 255 if len(values) == 4 else 1.0
    return (values[0], values[1], values[2]), alpha


def over(colour: str, background: str) -> Rgb:
    """The colour seen when `colour` (perhaps translucent) is painted on `background`."""
    (fg, alpha), (bg, _) = parse(colour), parse(background)
    return (fg[0] * alpha + bg[0] * (1 - alpha), fg[1] * alpha + bg[1] * (1 - alpha),
            fg[2] * alpha + bg[2] * (1 - alpha))


def luminance(rgb: Rgb) -> float:
    """WCAG relative luminance of an sRGB colour (channels 0..255)."""
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(text: str, background: str) -> float:
    """WCAG contrast ratio (1 to 21) of `text` painted on the opaque `background`."""
    lighter, darker = sorted((luminance(over(text, background)),
                              luminance(parse(background)[0])), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shown(value: float) -> str:
    """A ratio as WCAG tools print it, rounded down so that a failing one never shows 4.5."""
    return f"{int(value * 100) / 100:g}:1"


def palette_problems(branding: Any) -> list[tuple[tuple[str, ...], str]]:
    """(node path, message) for each text or link colour of an overlay's `branding` whose
    primary colour falls short of AA against the background it is shown on; none for a
    readable palette, and none for a `branding` the schema refuses (it says why)."""
    name = branding.get("primary") if isinstance(branding, Mapping) else None
    if not isinstance(name, str) or name not in PALETTE:
        return []
    shades = PALETTE[name]
    pairs = [("header text", shades.header_text, "the header", shades.header),
             ("link colour", shades.link, "the light page", LIGHT_PAGE),
             ("link colour", shades.dark_link, "the dark page", DARK_PAGE)]
    readable = ", ".join(n for n in PALETTE if not _failures(PALETTE[n]))
    problems: list[tuple[tuple[str, ...], str]] = []
    for what, text, where, background in pairs:
        value = ratio(text, background)
        if value < AA_TEXT:
            problems.append((("branding", "primary"), (
                f"primary colour {name!r}: its {what} {text} on {where} ({background}) has a "
                f"contrast of {shown(value)}, below the {AA_TEXT:g}:1 that WCAG AA asks for "
                f"text: choose one of {readable}")))
    return problems


def _failures(shades: Shades) -> list[float]:
    pairs = [(shades.header_text, shades.header), (shades.link, LIGHT_PAGE),
             (shades.dark_link, DARK_PAGE)]
    return [v for v in (ratio(t, b) for t, b in pairs) if v < AA_TEXT]
