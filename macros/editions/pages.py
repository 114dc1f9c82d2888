"""The pages only an edition has, beside the generated record pages."""

from __future__ import annotations

from macros.editions.choice import choose
from macros.editions.load import Edition
from macros.editions.plan_page import PLAN_URI, plan_page
from macros.pages import GeneratedPage


def edition_pages(edition: Edition) -> list[GeneratedPage]:
    """'Our plan', worked out for the organization; edited through its overlay file."""
    choice = choose(edition.org, edition.catalog)
    return [GeneratedPage(PLAN_URI, plan_page(edition.catalog, edition.org, choice),
                          edition.overlay.path)]
