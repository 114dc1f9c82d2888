"""The few site settings an edition may change, derived from its checked overlay.

The overlay never reaches MkDocs configuration directly: the hook copies exactly these values,
each already validated (palette names from a fixed list, a URL pattern, a logo file inside the
overlay's folder) or escaped (the name is printed unescaped by the theme).
"""

from __future__ import annotations

import html
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from macros.editions.load import Edition
from macros.editions.plan_page import PLAN_URI

EDITION_ENV = "PLAYBOOK_EDITION"  # set by `playbook build --edition`; the hook reads it
BASE_NAME = "AI Scaling Playbook"


@dataclass(frozen=True)
class SiteSettings:
    site_name: str
    site_url: str | None
    palette: dict[str, str]
    logo_uri: str | None


def site_settings(edition: Edition) -> SiteSettings:
    branding = edition.org.get("branding", {})
    palette = {key: branding[key] for key in ("primary", "accent") if key in branding}
    logo_uri = f"assets/edition-logo{edition.logo.suffix}" if edition.logo else None
    return SiteSettings(
        site_name=html.escape(f"{edition.org['name']} · {BASE_NAME}"),
        site_url=edition.org.get("site_url"),
        palette=palette,
        logo_uri=logo_uri,
    )


def apply_edition(config: MutableMapping[str, Any], edition: Edition) -> None:
    """Put the edition's settings into an MkDocs configuration: the hook's (an MkDocsConfig)
    or the one `playbook export` writes (a plain dict). Its nav must already be expanded;
    "Our plan" goes second, after the home page."""
    settings = site_settings(edition)
    config["site_name"] = settings.site_name
    if settings.site_url:
        config["site_url"] = settings.site_url
    theme = config["theme"]
    if settings.palette:   # the same colours in each scheme (light, dark) the site offers
        schemes = theme.get("palette")
        theme["palette"] = ([{**scheme, **settings.palette} for scheme in schemes]
                            if isinstance(schemes, list) else settings.palette)
    if settings.logo_uri:
        theme["logo"] = settings.logo_uri
    nav = config.get("nav") or []
    config["nav"] = [*nav[:1], {"Our plan": PLAN_URI}, *nav[1:]]
