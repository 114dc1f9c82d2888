"""The pages only an edition has, beside the generated record pages."""

from __future__ import annotations

from typing import Any

from macros.editions.choice import choose
from macros.editions.load import Edition
from macros.editions.plan_page import PLAN_URI, plan_page
from macros.md import us_dollars
from macros.pages import GeneratedPage
from macros.search import plan_front_matter


def edition_pages(edition: Edition) -> list[GeneratedPage]:
    """'Our plan', worked out for the organization; edited through its overlay file."""
    choice = choose(edition.org, edition.catalog)
    markdown = plan_front_matter() + dollars_labelled(
        edition.org, plan_page(edition.catalog, edition.org, choice))
    return [GeneratedPage(PLAN_URI, markdown, edition.overlay.path)]


def dollars_labelled(org: dict[str, Any], markdown: str) -> str:
    """In an edition whose currency is not the US dollar, the playbook's dollar figures are
    written US$ (record pages get the same from `generate`)."""
    return us_dollars(markdown) if org["currency"] != "USD" else markdown
