"""Editions reuse the base playbook's pages that their overlay cannot have changed."""

from __future__ import annotations

import itertools
import posixpath

from helpers import ROOT

from macros.editions.load import load_project
from macros.pages import PageCache, generate
from macros.pages.context import relative

PROJECT = load_project(ROOT)


def test_the_real_data_loads() -> None:
    assert PROJECT.problems == []
    assert PROJECT.editions


def test_every_edition_gets_the_same_pages_with_and_without_the_cache() -> None:
    cache = PageCache(PROJECT.base)
    base = generate(PROJECT.base, None, cache)
    assert base == generate(PROJECT.base)
    for edition in PROJECT.editions.values():
        fresh = generate(edition.catalog, edition.org)
        assert generate(edition.catalog, edition.org, cache) == fresh, edition.slug


def test_unchanged_pages_are_reused_and_changed_ones_rendered() -> None:
    cache = PageCache(PROJECT.base)
    base = {page.uri: page for page in generate(PROJECT.base, None, cache)}
    for edition in PROJECT.editions.values():
        pages = {page.uri: page for page in generate(edition.catalog, edition.org, cache)}
        reused = {uri for uri, page in pages.items() if base.get(uri) is page}
        # A page of a record the overlay overrides is rendered again ...
        for kind, changes in edition.org.get("overrides", {}).items():
            for record_id in changes:
                assert f"{kind}/{record_id}.md" not in reused, (edition.slug, record_id)
        # ... a template page shows the organization's own figures, so none is reused ...
        assert not {uri for uri in reused
                    if uri.startswith("templates/") and uri != "templates/index.md"}
        # ... and most pages are the base's own objects.
        assert len(reused) > len(pages) / 2, (edition.slug, len(reused), len(pages))


def test_relative_links_agree_with_posixpath() -> None:
    paths = ["a.md", "index.md", "a/b.md", "a/index.md", "a/b/c.md", "b/c.md", "a/a/a.md",
             "b/a.md", "x/y/z/w.md", "a/b", "a"]
    for target, source in itertools.product(paths, paths):
        expected = posixpath.relpath(target, posixpath.dirname(source) or ".")
        assert relative(target, source) == expected, (target, source)
