"""Where generated pages go in the nav: small kinds as sections, big ones as an index only,
excluded records nowhere."""

from __future__ import annotations

from macros.catalog import Catalog, Record
from macros.navigation import expand_nav
from macros.yamlfile import Document


def catalog(count: int, excluded: tuple[str, ...] = ()) -> Catalog:
    records = {f"b-{i}": Record("bottlenecks", f"b-{i}", {"order": i}, Document("x", {}))
               for i in range(count)}
    found = Catalog({"bottlenecks": records})
    found.excluded = {"bottlenecks": {rid: "data/orgs/x.yml:3:5" for rid in excluded}}
    return found


def test_a_small_kind_becomes_a_section_under_its_index() -> None:
    nav = expand_nav([{"Home": "index.md"}, {"Fixes": "bottlenecks/index.md"}], catalog(2))
    assert nav == [{"Home": "index.md"},
                   {"Fixes": ["bottlenecks/index.md", "bottlenecks/b-0.md", "bottlenecks/b-1.md"]}]


def test_a_large_kind_keeps_only_its_index_so_each_page_stays_cheap() -> None:
    nav = expand_nav(["bottlenecks/index.md"], catalog(41), limit=40)
    assert nav == [{"Bottleneck fixes": "bottlenecks/index.md"}]


def test_excluded_records_leave_the_nav_even_when_listed_by_hand() -> None:
    nav = expand_nav([{"Fixes": ["bottlenecks/b-0.md", {"One": "bottlenecks/b-1.md"}]},
                      {"Only gone": ["bottlenecks/b-1.md"]}], catalog(2, excluded=("b-1",)))
    assert nav == [{"Fixes": ["bottlenecks/b-0.md"]}]
