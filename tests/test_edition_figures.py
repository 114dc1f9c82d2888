"""The three shipped example editions against figures worked out by hand from the seed."""

from __future__ import annotations

import pytest
from helpers import ROOT

from macros.editions import figures
from macros.editions.choice import budget_level, choose
from macros.editions.load import Edition, load_edition


def edition(slug: str) -> Edition:
    found, problems = load_edition(ROOT, slug)
    assert [p.format() for p in problems] == []
    assert found is not None
    return found


@pytest.mark.parametrize("slug, template, budget", [
    ("brightpath", "rapid", "ample"),      # Scenario A: urgent, well funded, proven pilot
    ("harborline", "phased", "solid"),     # Scenario B: moderate urgency, solid budget
    ("cedarfield", "organic", "limited"),  # Scenario C: limited budget
])
def test_recommended_template(slug: str, template: str, budget: str) -> None:
    found = edition(slug)
    assert budget_level(found.org, found.catalog) == budget
    choice = choose(found.org, found.catalog)
    assert (choice.template, choice.pinned) == (template, False)
    assert choice.reasons


def test_organic_plan_for_300_people() -> None:
    found = edition("cedarfield")
    plan = figures.template_plan(found.catalog.require("templates", "organic"), found.org)
    assert plan.adopters == 240                      # 80% of 300
    assert round(plan.cost_per_adopter) == 333       # $80K / 240
    assert plan.targets[-1].people == (240, None)
    assert plan.targets[-1].when == "Sep 2028"       # month 18 from April 2027


def test_rapid_plan_for_150_people() -> None:
    found = edition("brightpath")
    plan = figures.template_plan(found.catalog.require("templates", "rapid"), found.org)
    assert plan.adopters == 120                      # 80% of 150
    assert plan.cost_per_adopter == 2500             # $300K / 120
    first = plan.phases[0]
    assert first.target == (37, 45)                  # 25-30% of 150, rounded down
    assert first.when == "Mar 2027"
    assert ("Marketing", 10) in first.departments and ("Support", 12) in first.departments


def test_phased_plan_for_250_people() -> None:
    found = edition("harborline")
    plan = figures.template_plan(found.catalog.require("templates", "phased"), found.org)
    assert plan.adopters == 200                      # 80% of 250
    assert plan.cost_per_adopter == 1125             # $225K / 200


def test_support_needs_follow_the_scale_planning_rules() -> None:
    found = edition("brightpath")
    capacity = found.catalog.require("scale-planning", "support-capacity")
    need = figures.support_needs(capacity, found.org, adopters=120)
    assert need.champions_per_50 == (3, 6)           # 1-2 per 50 people, 150 people
    assert need.champions_by_share == (8, 11)        # 5-7% of 150, rounded up
    assert need.champions_by_load == (3, 3)          # one per 40-50 of 120 users
    assert need.champion_hours == (9, 15)            # 3 champions x 3-5 hours
    assert need.champion_cost == (450, 450)          # 3 x 5 hours x $30, as the seed prices it
    assert need.other_cost == 480                    # ($2K lead + $2K tools) x 120/1000
    assert need.weekly_cost == (930, 930)


def test_pilot_value_is_hours_saved_times_people() -> None:
    found = edition("brightpath")
    value = figures.pilot_value(found.org, adopters=120)
    assert value == figures.PilotValue(hours_per_week=36, hours_per_week_at_scale=360)
    assert figures.pilot_value(edition("harborline").org, adopters=200) is None


def test_setup_prompt_is_filled_where_the_overlay_knows_the_answer() -> None:
    found = edition("brightpath")
    rapid = found.catalog.require("templates", "rapid")
    filled = figures.fill_prompt(rapid, figures.prompt_facts(found.org, found.catalog))
    assert "Number of employees: 150" in filled.text
    assert "$400,000" in filled.text and "Claude" in filled.text
    assert "[leadership_commitment]" in filled.text   # unknown: stays visibly marked
    assert "leadership_commitment" in filled.missing
    assert "[headcount]" not in filled.text


@pytest.mark.parametrize("start, months, expected", [
    ("2027-03", {"min": 4, "max": 5}, "Jun-Jul 2027"),
    ("2027-11", {"min": 2, "max": 4}, "Dec 2027-Feb 2028"),
    ("2027-01", {"min": 1}, "Jan 2027"),
    (None, {"min": 1}, None),
])
def test_calendar_months(start: str | None, months: dict[str, int], expected: str | None) -> None:
    assert figures.calendar(start, months) == expected


def test_return_lines_for_the_organic_edition() -> None:
    found = edition("cedarfield")
    plan = figures.template_plan(found.catalog.require("templates", "organic"), found.org)
    lines = figures.return_lines(found.catalog.require("benchmarks", "scaling-2025"),
                                 found.org, plan)
    assert lines.onboarding_at_scale == (12_000, 24_000)   # 240 people x $50-100
    assert lines.onboarding_at_pilot_rate == 120_000        # 240 x $500
    assert lines.net_benefit == (240_000, 800_000)          # $80K x 300-1000%
    assert lines.curve[-1] == (12, "Mar 2028", 80, 240)     # 80% of 300 by month 12


def test_one_recommended_champion_count_the_larger_of_two_floors() -> None:
    found = edition("brightpath")
    capacity = found.catalog.require("scale-planning", "support-capacity")
    assert figures.support_needs(capacity, found.org, adopters=120).recommended == 3
    # 40 people using AI need 1 champion, but 150 people need at least 3 (one per 50).
    few = figures.support_needs(capacity, found.org, adopters=40)
    assert few.champions_by_load == (1, 1)
    assert few.recommended == 3
    assert few.champion_cost == (450, 450)           # priced for the recommended 3
