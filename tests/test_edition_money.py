"""Amounts and ranges are written one way; an organization's own amounts in its currency,
the playbook's dollar figures labelled as US dollars in an edition that uses another."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import ROOT, article, page

from macros.cli import main
from macros.md import money, money_range, months, span_text, us_dollars


@pytest.mark.parametrize("amount, short_from, written", [
    (300_000, 10_000, "$300K"),
    (1_950_000, 10_000, "$1.95M"),       # never "$1950K"
    (6_500_000, 10_000, "$6.5M"),
    (1_250_000, 10_000, "$1.25M"),
    (12_500, 10_000, "$12,500"),
    (333.3, 10_000, "$333"),
    (7_500, 1_000, "$7.5K"),
    (650_000, None, "$650,000"),
])
def test_money(amount: float, short_from: int | None, written: str) -> None:
    assert money(amount, short_from=short_from) == written


def test_ranges_are_written_alike_and_never_repeat_an_end() -> None:
    assert money_range(1_950_000, 6_500_000) == "$1.95M-$6.5M"
    assert money_range(450, 450) == "$450"
    assert money_range(300_000, 500_000, "€") == "€300K-€500K"
    assert money_range(6_000, 12_000) == "$6K-$12K"          # not "$6,000-$12K"
    assert money_range(450, 12_000) == "$450-$12K"
    assert span_text({"min": 3, "max": 3}) == "3"
    assert span_text({"min": 1_950_000, "max": 6_500_000}, fmt=money) == "$1.95M-$6.5M"


def test_months_agree_in_number() -> None:
    assert months({"min": 1, "max": 1}) == "Month 1"
    assert months({"min": 3, "max": 4}) == "Months 3-4"
    assert months({"min": 2}) == "Month 2"


def test_dollar_amounts_say_which_dollars() -> None:
    assert us_dollars("a $300K budget, $1.95M-$6.5M, CA$5, A$7, US$4 and $ alone") == (
        "a US$300K budget, US$1.95M-US$6.5M, CA$5, A$7, US$4 and $ alone")


DOLLAR_AMOUNT = re.compile(r"(?<![\w$])\$\d")


def test_an_edition_in_euros(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "docs", "hooks"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    overlay = (root / "data/orgs/brightpath.yml").read_text()
    overlay = overlay.replace("currency: USD", "currency: EUR").replace(
        "budget_available: 400000", "budget_available: 650000")
    (root / "data/orgs/euro.yml").write_text(overlay)
    site = tmp_path / "site"
    assert main(["--root", str(root), "build", "--edition", "euro", "--out", str(site)]) == 0
    plan = article(page(site, "our-plan"))
    assert "with €650K available" in plan                 # its own amount, in its currency
    assert "Budget we can spend: €650,000" in plan       # filled into the setup prompt
    assert "US$300K" in plan                             # the rapid template's budget
    rapid = article(page(site, "templates/rapid"))
    assert "US$300K" in rapid
    for html in site.rglob("*.html"):
        if "<article" in html.read_text():
            found = DOLLAR_AMOUNT.findall(article(html.read_text()))
            assert found == [], f"{html.relative_to(site)}: a dollar amount without US$"
