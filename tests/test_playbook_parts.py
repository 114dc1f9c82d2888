"""Build the real playbook (this repository's mkdocs.yml, data/ and docs/) once, then check that
each of the 17 parts of the two seed documents has its page or anchored section, holding its key
figures, and that the home page and navigation follow the programme's life."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import ROOT, article, build, page, search_index


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("playbook") / "site"
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


def text(site: Path, url: str) -> str:
    """The article of a page as plain text: tags dropped, entities decoded, spaces folded."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", article(page(site, url))))
    return " ".join(plain.split())


def section(site: Path, url: str, anchor: str) -> str:
    """Plain text from the heading with id `anchor` up to the next heading of the same level."""
    body = article(page(site, url))
    found = re.search(rf'<h([1-6]) id="{re.escape(anchor)}"', body)
    assert found, f"no heading #{anchor} on {url}"
    level = int(found.group(1))
    rest = body[found.start():]
    end = re.search(rf"<h[1-{level}][ >]", rest[3:])
    chunk = rest[:end.start() + 3] if end else rest
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", chunk)).split())


def has_all(found: str, figures: list[str]) -> None:
    missing = [f for f in figures if f not in found]
    assert not missing, f"missing {missing} in: {found[:400]}"


# Part, URL, anchor (or "" for the whole page), figures that must appear there.
PARTS = [
    ("1 stages", "stages", "ladder", [
        "Pilot", "10 people", "Easy", "Expand", "50 people", "Harder", "Scale", "200+ people",
        "Much harder", "Organization-wide", "80%+ of the organization", "Hardest"]),
    ("1 typical failure", "stages", "typical-failure", ["20-30%", "$1M-$5M"]),
    ("1 outcomes", "benchmarks/scaling-2025", "outcomes", [
        "80%+", "20% without a staged approach", "$2M-$5M", "$200K", "100-500x",
        "10-50x (its inputs give 10-25x)", "but its own figures give 10-25 times"]),
    ("1 investment", "benchmarks/scaling-2025", "investment", [
        "$200K-$500K", "$50K-$150K", "$30K-$50K", "$1.5M-$4.5M", "300-1000%"]),
    ("2 metrics 2025", "benchmarks/scaling-2025", "metrics-2025", [
        "3 months", "12-18 months", "10% (start) → 30% (month 3) → 50% (month 6) → 80% (month 12)",
        "$500", "$50-$100", "10x", "$200K", "$2M-$5M"]),
    ("3 quick-start options", "quick-starts", "options", [
        "Phased rollout", "6-9 months", "$150K-$300K", "Aggressive scaling", "3-4 months",
        "$300K-$500K", "Organic scaling", "12-18 months", "$50K-$100K"]),
    ("3 production templates", "quick-starts", "production", [
        "6-month rapid scaling", "$200K-$400K", "12-month phased scaling", "$150K-$250K",
        "18-month organic scaling", "$80K-$150K"]),
    ("4 scenarios", "choose-a-template", "scenarios", [
        "A", "Rapid scaling wave", "3-4 months, $300K, 80%+ by month 4", "B",
        "Phased scaling wave", "6-9 months, $225K, 80%+ by month 9", "C",
        "Sustainable scaling", "12-18 months, $80K, 80%+ by month 18"]),
    ("4 guide", "choose-a-template", "guide", [
        "Urgency", "Budget", "Risk tolerance: low", "Risk tolerance: medium",
        "Risk tolerance: high"]),
    ("4 try it now", "choose-a-template", "try-it-now", [
        "Review", "70%", "1-2 for every 50 people", "4-6 weeks", "Measure",
        "80% or more"]),
    ("5 12-month roadmap", "scaling-roadmap/12-month", "", [
        "Months 1-3", "10%", "20-30 power users", "Months 4-6", "30%", "Months 7-9", "50%",
        "Months 10-12", "70%+", "10% → 30% → 50% → 70%+ → 80%+", "More than 100",
        "More than 200"]),
    ("6 infrastructure", "checklists/infrastructure", "", [
        "Tools", "licences for 80% of staff", "Support", "Data", "Training", "LMS"]),
    ("7 support tiers", "support-tiers", "tiers", [
        "Tier 1", "Self-service", "Tier 2", "office hours 2-3 hours a week",
        "answers within 24 hours", "1 champion per function", "Tier 3", "The AI lead"]),
    ("7 scale planning", "scale-planning/support-capacity", "", [
        "1,000", "40-50", "20-25", "3-5", "50-100 (its inputs give 60-125", "$3K-$4K", "$2K",
        "$7K-$8K",
        "20-25 champions × 5 hours × $30 an hour = $3,000-$3,750",
        "1-2 champions for every 50 people", "20-40", "5-7%", "50-70",
        "but its own figures give 60-125"]),
    ("8 measurement", "measurement/framework", "", [
        "Adoption", "Engagement", "Value", "Support", "highest in months 3-4",
        "More than half of staff use AI (by month 6)",
        "More than 80% of staff use AI (by month 12)",
        "The return on investment is positive (by month 3)"]),
    ("9 culture phases", "culture-phases", "", [
        "Excitement", "Months 1-3", "Integration", "Months 4-9", "Sustainability",
        "Months 10-12", "AI Hero award"]),
    ("10 lessons", "lessons/scaling-lessons", "", [
        "Past 50%", "four months away", "eighteen months"]),
    ("10 success checklists", "lessons/scaling-lessons", "success-checklists", [
        "25-30% of staff have adopted (50+ people)", "Wave 3 lifts adoption to 80%+ by month 9",
        "By month 18, adoption is at 80%+"]),
    ("11 pilot vs scale", "practices/pilot-to-scale", "contrast", [
        "In the pilot", "At scale", "Volunteers who are keen", "The mess of real work"]),
    ("11 hero to system", "practices/pilot-to-scale", "mindset", ["From hero to system"]),
    ("12 PDCA", "practices/continuous-improvement", "pdca", [
        "Plan", "Do", "Check", "Act", "Set goals and hypotheses", "Standardize or try again"]),
    ("13 impact/effort", "practices/continuous-improvement", "impact-effort", [
        "High impact", "Low effort", "Do it first", "Plan it carefully", "Leave it"]),
    ("13 improvement types", "practices/continuous-improvement", "improvement-types", [
        "Targeting", "High", "Process", "Low to medium", "Format", "Medium to high"]),
    ("14 what to scale", "practices/what-to-scale", "what-to-scale", [
        "Signs it will travel", "Warning signs"]),
    ("14 package", "practices/what-to-scale", "package", [
        "1. Context", "2. Approach", "3. Results", "4. Key success factors",
        "5. Scaling guide"]),
    ("14 assets", "practices/what-to-scale", "assets", [
        "Playbooks", "Toolkits", "Case studies", "Templates", "Checklists", "Videos"]),
    ("15 change curve", "practices/organizational-change", "change-curve", [
        "Uninformed optimism", "Informed pessimism", "Informed optimism", "dip"]),
    ("15 stakeholders", "practices/organizational-change", "stakeholders", [
        "Champion High High", "Blocker High Low", "Supporter Low High", "Observer Low Low"]),
    ("15 influence", "practices/organizational-change", "influence", [
        "Rational", "Emotional", "Political", "Social"]),
    ("15 resistance", "practices/organizational-change", "resistance", [
        "Not invented here", "We\u2019re different", "Too busy", "Tried before, failed",
        "What\u2019s in it for me?"]),
    ("15 momentum", "practices/organizational-change", "momentum", ["willing"]),
    ("16 institutional", "practices/lasting-capability", "contrast", [
        "Depends on individuals", "Institutional capability", "Fragile", "Resilient"]),
    ("16 institutionalize", "practices/lasting-capability", "institutionalize", [
        "processes you already have", "formal structures", "keep themselves going"]),
    ("16 succession", "practices/lasting-capability", "succession", [
        "For your own role", "For the programme"]),
    ("17 capstone", "capstone/trainer-capstone", "parts", [
        "Training design 30%", "Community plan 25%", "Impact measurement 25%",
        "Scaling strategy 20%", "Total 100%"]),
    ("17 teach-back", "capstone/trainer-capstone", "teach-back", [
        "Teach-back (15 minutes)", "Keeping to time", "Presence and confidence"]),
]


@pytest.mark.parametrize("part, url, anchor, figures", PARTS, ids=[p[0] for p in PARTS])
def test_part_has_its_page_and_figures(site: Path, part: str, url: str, anchor: str,
                                       figures: list[str]) -> None:
    found = section(site, url, anchor) if anchor else text(site, url)
    has_all(found, figures)


def test_every_part_is_covered() -> None:
    assert {int(p[0].split()[0]) for p in PARTS} == set(range(1, 18))


def test_pdca_is_an_inline_svg_with_no_script(site: Path) -> None:
    body = article(page(site, "practices/continuous-improvement"))
    start = body.index('id="pdca"')
    svg = body[body.index("<svg", start):body.index("</svg>", start)]
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert labels[::2] == ["Plan", "Do", "Check", "Act"]
    assert svg.count("<path") == 5        # four arrows and the arrowhead
    assert "<script" not in body and "src=" not in svg


def test_quick_starts_link_the_templates_they_echo(site: Path) -> None:
    body = article(page(site, "quick-starts"))
    for outline, template in [("option-phased", "phased"), ("option-aggressive", "rapid"),
                              ("option-organic", "organic"), ("production-6-month", "rapid"),
                              ("production-12-month", "phased"),
                              ("production-18-month", "organic")]:
        row = re.search(rf'<tr>\s*<td><a href="{outline}/">.*?</tr>', body, re.S)
        assert row and f'href="../templates/{template}/"' in row.group(0), outline


def test_the_guide_recommends_each_scenarios_template(site: Path) -> None:
    body = article(page(site, "choose-a-template"))
    grid = body[body.index('id="guide"'):body.index('id="how-it-decides"')]
    rows = re.findall(r"<tr>(.*?)</tr>", grid, re.S)
    cells = {tuple(re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(
        r"<td>(.*?)</td>", row, re.S)[:2]): row for row in rows[1:]}
    assert len(cells) == 9
    assert 'href="../templates/rapid/"' in cells[("high", "ample")]
    assert 'href="../templates/phased/"' in cells[("moderate", "solid")]
    assert 'href="../templates/organic/"' in cells[("low", "limited")]
    assert "assumes a larger budget" in cells[("high", "limited")]


def test_home_page_says_where_to_start_by_role(site: Path) -> None:
    found = text(site, "")
    has_all(found, ["I am an employee.", "I am a champion.", "I own the programme."])
    body = article(page(site, ""))
    for target in ["waves/", "support-tiers/tier-1/", "support-tiers/tier-2/",
                   "bottlenecks/champion-burnout/", "choose-a-template/",
                   "benchmarks/scaling-2025/"]:
        assert f'href="{target}"' in body, target


def test_navigation_follows_the_programme(site: Path) -> None:
    nav = page(site, "")
    nav = nav[nav.index('class="md-nav md-nav--primary"'):]
    labels = [html.unescape(label.strip()) for label in re.findall(
        r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)]
    order = ["Home", "Start here", "Choose", "Plan waves", "Support", "Measure",
             "Fix bottlenecks", "Package successes", "Sustain", "Year 2+"]
    positions = [labels.index(label) for label in order]
    assert positions == sorted(positions), labels


def test_new_pages_are_searchable(site: Path) -> None:
    docs = search_index(site)
    titles = {doc["title"] for doc in docs}
    for title in ["Support capacity for 1,000 users", "Trainer certification capstone",
                  "Continuous improvement", "Scaling benchmarks for 2025"]:
        assert title in titles
    weekly = [doc for doc in docs if doc["location"].startswith("scale-planning/support")]
    assert any("$7K-$8K" in html.unescape(doc["text"]) for doc in weekly)


def test_scenario_figures_match_their_templates() -> None:
    """Scenarios restate their template's timeline and total budget; the two must agree.
    (A cross-record rule: kind checks see one file at a time.)"""
    from macros.catalog import load_catalog

    catalog, problems = load_catalog(ROOT)
    assert problems == []
    for scenario in catalog.ordered("scenarios"):
        figures = scenario.data["figures"]
        template = catalog.require("templates", scenario.data["template"]).data
        assert figures["timeline_months"] == template["timeline_months"], scenario.id
        assert figures["budget"] == template["budget"]["total"], scenario.id
