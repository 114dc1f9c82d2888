"""`playbook explain --edition`: computed figures with their formula and the file:line of each
input, and merged values that name every file that contributed."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT
from test_editions import ORGS, project

from macros.cli import main
from macros.editions.explain_figures import explain_figure
from macros.editions.load import Edition, load_edition
from macros.editions.pages import edition_pages
from macros.explain import explain


@pytest.fixture
def acme(tmp_path: Path) -> Edition:
    edition, problems = load_edition(project(tmp_path, ORGS / "valid" / "acme.yml"), "acme")
    assert problems == [] and edition is not None
    return edition


def test_a_head_count_names_the_overlay_line_that_set_its_target(acme: Edition) -> None:
    assert explain_figure(acme, "adopters") == "\n".join([
        "adopters = 240 (edition acme, template steady)",
        "  = floor(final target % x headcount / 100)",
        "  = floor(80 x 300 / 100)",
        "inputs:",
        "  templates/steady targets[1].adoption_pct.min = 80 from data/orgs/acme.yml:35:61",
        "  headcount = 300 from data/orgs/acme.yml:2:12"])


def test_cost_per_adopted_person_in_an_edition_in_euros_says_us_dollars(acme: Edition) -> None:
    assert explain_figure(acme, "cost-per-adopter") == "\n".join([
        "cost-per-adopter = US$417 (edition acme, template steady)",
        "  = budget.total / adopters",
        "  = 100000 / 240",
        "inputs:",
        "  templates/steady budget.total = 100000 from data/templates/steady.yml:51:10",
        "  adopters = 240 computed (`playbook explain --edition acme adopters`)"])


def test_champions_needed_shows_both_floors(acme: Edition) -> None:
    assert explain_figure(acme, "champions") == "\n".join([
        "champions = 6 (edition acme, template steady)",
        "  = max(ceil(adopters / users_per_champion.min), ceil(headcount / 50) x "
        "champions_per_50_people.min)",
        "  = max(ceil(240 / 40), ceil(300 / 50) x 1) = max(6, 6)",
        "inputs:",
        "  adopters = 240 computed (`playbook explain --edition acme adopters`)",
        "  scale-planning/support-capacity users_per_champion.min = 40 from "
        "data/scale-planning/support-capacity.yml:8:27",
        "  headcount = 300 from data/orgs/acme.yml:2:12",
        "  scale-planning/support-capacity champions_per_50_people.min = 1 from "
        "data/scale-planning/support-capacity.yml:17:32"])
    # The figure explained is the one "Our plan" recommends.
    assert "We plan for 6 champions, the larger of two floors" in edition_pages(acme)[0].markdown


def test_an_unknown_figure_lists_the_figures(acme: Edition) -> None:
    with pytest.raises(KeyError, match="there is no computed figure 'champs': explain one of "
                       "adopters, cost-per-adopter, champions, weekly-support-cost, or a "
                       "record's field as <kind>/<id> <field>"):
        explain_figure(acme, "champs")


def test_a_merged_value_names_every_file_that_contributed(acme: Edition) -> None:
    _, origin = explain(acme.catalog, "templates", "steady", "phases[1]")
    assert origin == "data/templates/steady.yml:30:5 and data/orgs/acme.yml:26:15"
    _, origin = explain(acme.catalog, "templates", "steady", "phases[1].months")
    assert origin == "data/templates/steady.yml:32:13"          # untouched: the base alone


def test_the_cli_explains_a_figure_of_a_shipped_edition(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "explain", "--edition", "brightpath",
                 "weekly-support-cost"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "weekly-support-cost = $930 (edition brightpath, template rapid)",
        "  = champions x hours_per_champion_per_week.max x hourly_rate + "
        "(lead_cost_per_week + tools_cost_per_week) x adopters / reference_users",
        "  = 3 x 5 x 30 + (2000 + 2000) x 120 / 1000"]
    assert lines[4] == ("  champions = 3 computed (`playbook explain --edition brightpath "
                        "champions`)")
    assert main(["--root", str(ROOT), "explain", "--edition", "brightpath", "champs"]) == 2
    assert capsys.readouterr().err.startswith("error: there is no computed figure 'champs'")
