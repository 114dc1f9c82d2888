"""macros.recommend against the playbook's own scenarios: each scenario's situation gets its
template, mixed situations are settled by closeness and then by the budget; the source's three
factors (urgency, budget, risk tolerance) always count, size and pilot only when given."""

from __future__ import annotations

import pytest
from helpers import ROOT

from macros.catalog import Catalog, load_catalog
from macros.recommend import recommend


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    found, problems = load_catalog(ROOT)
    assert [p for p in problems if p.path.startswith("data/scenarios/")] == []
    return found


@pytest.mark.parametrize("signals, template, scenario", [
    (("high", "ample", "high", "small", "proven"), "rapid", "scenario-a"),
    (("moderate", "solid", "medium", "medium", "solid"), "phased", "scenario-b"),
    (("low", "limited", "low", "medium", "solid"), "organic", "scenario-c"),
])
def test_each_scenario_gets_its_own_template(catalog: Catalog, signals: tuple[str, ...],
                                             template: str, scenario: str) -> None:
    found = recommend(catalog, *signals)
    assert (found.template, found.scenario) == (template, scenario)
    assert "shares 5 of 5 signals" in found.reasons[0]
    assert len(found.reasons) == 6   # the summary, then one line per signal, no tie


@pytest.mark.parametrize("risk, template", [
    ("low", "organic"), ("medium", "phased"), ("high", "rapid")])
def test_risk_tolerance_decides_when_urgency_and_budget_point_two_ways(
        catalog: Catalog, risk: str, template: str) -> None:
    # Low urgency points to C, an ample budget to A: the risk tolerance settles it.
    found = recommend(catalog, "low", "ample", risk)
    assert found.template == template


def test_the_sources_three_factors_alone(catalog: Catalog) -> None:
    found = recommend(catalog, "moderate", "solid", "medium")
    assert found.template == "phased"
    assert found.reasons == [
        "Scenario B (A mid-market company taking it step by step) shares 3 of 3 signals with "
        "your situation.",
        "Urgency is moderate, as in Scenario B.",
        "Budget is solid, as in Scenario B.",
        "Risk tolerance is medium, as in Scenario B.",
    ]


def test_our_own_signals_are_named_as_such(catalog: Catalog) -> None:
    found = recommend(catalog, "moderate", "solid", "medium", "large", "early")
    assert found.reasons[-2:] == [
        "Size is large, where Scenario B has medium (a signal the playbook adds to the "
        "source's three).",
        "Pilot is early, where Scenario B has solid (a signal the playbook adds to the "
        "source's three).",
    ]


def test_a_mixed_case_goes_to_the_closest_scenario(catalog: Catalog) -> None:
    # One signal each for A (urgency), B (risk tolerance) and C (budget): B is nearest.
    found = recommend(catalog, "high", "limited", "medium")
    assert (found.template, found.scenario) == ("phased", "scenario-b")
    assert "Urgency is high, where Scenario B has moderate." in found.reasons
    assert found.reasons[-1] == ("Scenario C shares as many signals; Scenario B is preferred "
                                 "because its other signals are closer to yours.")


def test_a_full_tie_is_settled_by_the_budget(catalog: Catalog) -> None:
    # A matches urgency and risk tolerance, C budget and size; both are as far on the rest.
    found = recommend(catalog, "high", "limited", "high", "medium", "early")
    assert found.reasons[0].startswith("Scenario C ")
    assert (found.template, found.scenario) == ("organic", "scenario-c")
    assert found.reasons[-1] == ("Scenario A shares as many signals; Scenario C is preferred "
                                 "because it matches your budget.")


def test_majority_of_signals_wins_over_the_budget(catalog: Catalog) -> None:
    found = recommend(catalog, "high", "limited", "high")
    assert found.template == "rapid"
    assert "Budget is limited, where Scenario A has ample." in found.reasons


def test_an_unknown_signal_value_is_refused(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match=r"risk_tolerance must be one of low, medium, high "
                                         r"\(got 'moderate'\)"):
        recommend(catalog, "low", "solid", "moderate")


def test_no_scenarios_to_compare_with() -> None:
    with pytest.raises(LookupError, match="no scenarios"):
        recommend(Catalog(), "low", "solid", "medium")
