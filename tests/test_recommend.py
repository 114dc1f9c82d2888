"""macros.recommend against the playbook's own scenarios: each scenario's situation gets its
template, mixed situations are settled by closeness and then by the budget."""

from __future__ import annotations

import pytest
from helpers import ROOT

from macros.catalog import Catalog, load_catalog
from macros.recommend import recommend


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    found, problems = load_catalog(ROOT)
    assert problems == []
    return found


@pytest.mark.parametrize("signals, template, scenario", [
    (("high", "ample", "small", "proven"), "rapid", "scenario-a"),
    (("moderate", "solid", "medium", "solid"), "phased", "scenario-b"),
    (("low", "limited", "large", "early"), "organic", "scenario-c"),
])
def test_each_scenario_gets_its_own_template(catalog: Catalog, signals: tuple[str, ...],
                                             template: str, scenario: str) -> None:
    found = recommend(catalog, *signals)
    assert (found.template, found.scenario) == (template, scenario)
    assert "shares 4 of 4 signals" in found.reasons[0]
    assert len(found.reasons) == 5   # the summary, then one line per signal, no tie


def test_without_the_pilot_three_signals_are_compared(catalog: Catalog) -> None:
    found = recommend(catalog, "moderate", "solid", "medium")
    assert found.template == "phased"
    assert found.reasons == [
        "Scenario B (A mid-market company taking it step by step) shares 3 of 3 signals with "
        "your situation.",
        "Urgency is moderate, as in Scenario B.",
        "Budget is solid, as in Scenario B.",
        "Size is medium, as in Scenario B.",
    ]


def test_a_mixed_case_goes_to_the_closest_scenario(catalog: Catalog) -> None:
    # One signal each for A (urgency), B (size) and C (budget): B's other signals are nearest.
    found = recommend(catalog, "high", "limited", "medium")
    assert (found.template, found.scenario) == ("phased", "scenario-b")
    assert "Urgency is high, where Scenario B has moderate." in found.reasons
    assert found.reasons[-1] == ("Scenario C shares as many signals; Scenario B is preferred "
                                 "because its other signals are closer to yours.")


def test_a_full_tie_is_settled_by_the_budget(catalog: Catalog) -> None:
    # A matches urgency and size, C matches budget and pilot; both are equally far on the rest.
    found = recommend(catalog, "high", "limited", "small", "early")
    assert (found.template, found.scenario) == ("organic", "scenario-c")
    assert found.reasons[-1] == ("Scenario A shares as many signals; Scenario C is preferred "
                                 "because it matches your budget.")


def test_majority_of_signals_wins_over_the_budget(catalog: Catalog) -> None:
    found = recommend(catalog, "high", "limited", "small")
    assert found.template == "rapid"
    assert "Budget is limited, where Scenario A has ample." in found.reasons


def test_an_unknown_signal_value_is_refused(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match=r"urgency must be one of low, moderate, high "
                                         r"\(got 'urgent'\)"):
        recommend(catalog, "urgent", "solid", "medium")


def test_no_scenarios_to_compare_with() -> None:
    with pytest.raises(LookupError, match="no scenarios"):
        recommend(Catalog(), "low", "solid", "medium")
