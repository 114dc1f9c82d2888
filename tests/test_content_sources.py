"""Nothing is presented as the source's when it is not, and nothing the source says is lost:
values marked `own` are checked and shown as the playbook's own addition at their section,
open ranges keep their "+", the facts that were missing are on the site, and the decision
guide uses the source's three factors."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT, article, build, make_project, page

from macros.catalog import load_catalog
from macros.editions import figures
from macros.editions.choice import choose
from macros.editions.load import load_edition
from macros.editions.plan_page import plan_page
from macros.kinds.own import node_path
from macros.md import money_span, span_text
from macros.pages import record_page
from macros.pages.discrepancies import place, section_of, sections
from macros.pages.own import note

WAVE = """id: wave-2
title: Everyone else
order: 2
functions: [Finance]
share_pct: {min: 25, max: 30}
weeks: {min: 7, max: 14}
focus: The early majority.
message: The first wave worked; join them.
outcome: Most of the organization on board.
outcome_adoption_pct: {min: 60, max: 65}
go_no_go:
  - {criterion: Share using it weekly, threshold_pct: 60}
"""


def problems_with(tmp_path: Path, own: str) -> list[str]:
    """The problems of wave-2 carrying `own` (YAML lines) among the valid example data."""
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    (tmp_path / "data/waves/wave-2.yml").write_text(WAVE + own)
    _, problems = load_catalog(tmp_path)
    return [p.format() for p in problems if p.path == "data/waves/wave-2.yml"]


def test_own_fields_that_exist_pass(tmp_path: Path) -> None:
    own = ("own:\n  - fields:\n      - message\n      - go_no_go[0].threshold_pct\n"
           "    why: The source gives none.\n")
    assert problems_with(tmp_path, own) == []


def test_an_own_field_the_record_lacks_is_reported_at_its_line(tmp_path: Path) -> None:
    own = ("own:\n  - fields: [mesage, 'go_no_go[3]']\n"
           "    why: The source gives none.\n")
    assert problems_with(tmp_path, own) == [
        "data/waves/wave-2.yml:14:14: error: own field 'mesage' is not in this record: did "
        "you mean 'message'? [own-field]",
        "data/waves/wave-2.yml:14:22: error: own field 'go_no_go[3]' is not in this record: "
        "did you mean 'go_no_go[0]'? [own-field]",
    ]


def test_an_own_field_with_no_close_match_says_how_to_name_one(tmp_path: Path) -> None:
    own = "own:\n  - fields: [zzz]\n    why: Ours.\n"
    assert problems_with(tmp_path, own) == [
        "data/waves/wave-2.yml:14:14: error: own field 'zzz' is not in this record: name a "
        "field this record has, by its dotted path [own-field]"]


def test_an_own_field_is_marked_once(tmp_path: Path) -> None:
    own = ("own:\n  - fields: [message]\n    why: One.\n"
           "  - fields: [focus, message]\n    why: Two.\n")
    assert problems_with(tmp_path, own) == [
        "data/waves/wave-2.yml:16:21: error: own field 'message' is already marked by "
        "own[0]: name it once [own-field]"]


def test_an_own_entry_needs_a_reason_and_a_dotted_path(tmp_path: Path) -> None:
    own = "own:\n  - fields: [Message text]\n"
    found = problems_with(tmp_path, own)
    assert found == [
        "data/waves/wave-2.yml:14:14: error: 'own[0].fields[0]' is 'Message text': write a "
        "dotted path such as 'signals.size' or 'go_no_go[0].threshold_pct' [format]",
        "data/waves/wave-2.yml:14:5: error: 'own[0].why' is required: add `why: ...` here "
        "[required]",
    ]


# ---- rendering: placed after rendering, like every editor's note -------------------------

PAGE = """# Title

Summary.

## Signals { #signals }

A table.

## Why { #why }

Reasons.
"""


def test_a_note_goes_to_the_section_of_its_first_field_escaped() -> None:
    data = {"own": [{"fields": ["why", "signals.size"], "why": "We <read> it so."}]}
    out = place("scenarios", data, PAGE)
    shown = str(note(data["own"][0]))
    assert shown.startswith('!!! info "Our addition"')
    assert "We &lt;read&gt; it so\\." in shown   # escaped through macros.md
    assert out.count(shown) == 1
    assert out.index("Reasons.") < out.index(shown)            # in the section of `why`
    assert out.index("A table.") < out.index("## Why") < out.index(shown)


def test_a_note_no_section_shows_goes_under_the_summary() -> None:
    data = {"own": [{"fields": ["size"], "why": "Ours."}]}
    out = place("scenarios", data, PAGE)
    assert out.index("Summary.") < out.index("Ours\\.") < out.index("## Signals")
    assert place("scenarios", {}, PAGE) == PAGE


def test_open_ranges_keep_their_plus() -> None:
    assert span_text({"min": 4}) + "/5" == "4+/5"
    assert money_span({"min": 50000}) == "$50K+"
    assert span_text({"min": 100, "max": 500, "open": True}) == "100-500+"
    assert span_text({"min": 70}, "%") == "70%+"
    assert span_text({"min": 20000, "max": 20000}, fmt=lambda v: f"{v:g}") == "20000"
    assert span_text({"min": 3, "max": 4}) == "3-4"


# ---- a small site: the marker at its section, and at the end when no section shows it ----

@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("own")
    data = root / "data"
    shutil.copytree(EXAMPLES / "valid", data)
    (data / "waves/wave-2.yml").write_text(
        WAVE + "own:\n  - fields: [message]\n    why: The source gives this wave no message.\n")
    stage = data / "stages/first-step.yml"
    stage.write_text(stage.read_text() + "own:\n  - fields: [people]\n"
                     "    why: The source gives no head count here.\n")
    project = make_project(root / "project", data=data)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def section_html(body: str, anchor: str) -> str:
    """The HTML from the heading with id `anchor` up to the next heading of the same level."""
    found = re.search(rf'<h([1-6]) id="{re.escape(anchor)}"', body)
    assert found, f"no heading #{anchor}"
    rest_of_page = body[found.end():]
    end = re.search(rf"<h[1-{found.group(1)}][ >]", rest_of_page)
    return rest_of_page[:end.start()] if end else rest_of_page


def test_the_marker_shows_at_its_section(small_site: Path) -> None:
    body = article(page(small_site, "waves/wave-2"))
    message = section_html(body, "message")
    assert 'class="admonition info"' in message
    assert "Our addition" in message and "The source gives this wave no message." in message
    assert "Our addition" not in section_html(body, "focus")


def test_a_marker_no_section_shows_sits_under_the_summary(small_site: Path) -> None:
    body = article(page(small_site, "stages/first-step"))
    top = body[:re.search(r"<h2[ >]", body).start()]  # type: ignore[union-attr]
    assert "Our addition" in top and "The source gives no head count here." in top


# ---- the real playbook ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("playbook") / "site"
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


def text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_open_figures_keep_their_plus_on_the_site(site: Path) -> None:
    targets = text_of(section_html(article(page(site, "templates/rapid")), "targets"))
    assert "4+/5" in targets and "$50K+" in targets
    start = text_of(section_html(article(page(site, "practices/pilot-to-scale")),
                                 "starting-point"))
    assert "70%+" in start and "100-500+ people" in start


def test_additions_are_marked_where_they_are_shown(site: Path) -> None:
    wave1 = article(page(site, "waves/wave-1"))
    assert "Our addition" in section_html(wave1, "go-no-go")
    assert "Adoption afterwards" in wave1 and "30%+" not in text_of(wave1)
    wave4 = article(page(site, "waves/wave-4"))
    assert "The source sets no go/no-go check for this wave." in text_of(
        section_html(wave4, "go-no-go"))
    assert "The source gives no message for this wave." in text_of(
        section_html(wave4, "message"))
    signals = text_of(section_html(article(page(site, "scenarios/scenario-c")), "signals"))
    assert "Our addition" in signals and "gives no urgency" in signals
    rules = text_of(section_html(article(page(site, "scale-planning/support-capacity")),
                                 "rules-of-thumb"))
    assert "Our addition" in rules and "15-20 champions among 300 people" in rules


def test_scenario_c_agrees_with_its_worked_example(site: Path) -> None:
    body = text_of(article(page(site, "scenarios/scenario-c")))
    assert "low limited low medium solid" in body      # as data/orgs/cedarfield.yml says
    assert "still young" not in body and "large" not in body


def test_measurement_tracks_weekly(site: Path) -> None:
    body = text_of(article(page(site, "measurement/framework")))
    assert "track adoption every week" in body and "every month and" not in body


def test_the_missing_facts_are_on_the_site(site: Path) -> None:
    stakes = text_of(section_html(article(page(site, "practices/pilot-to-scale")), "stakes"))
    assert "the step at which most AI programmes fail" in stakes
    for need in ("Governance", "Change management", "infrastructure", "Operations"):
        assert need in stakes, need
    lessons = text_of(article(page(site, "lessons/scaling-lessons")))
    assert "seldom differ in their technology" in lessons
    objectives = text_of(section_html(article(page(site, "practices")), "objectives"))
    assert objectives.count("Practice") == 1 and "continuously" in objectives
    after = text_of(section_html(article(page(site, "capstone/trainer-capstone")),
                                 "afterwards"))
    for part in ("As a practitioner", "As a trainer", "multiply that capability",
                 "Keep going"):
        assert part in after, part


def test_every_addition_in_the_data_is_shown_as_ours(site: Path) -> None:
    catalog, _ = load_catalog(ROOT)
    marked = [(r, entry) for r in catalog for entry in r.data.get("own", [])]
    assert len(marked) >= 20
    for record, entry in marked:
        body = text_of(article(page(site, f"{record.kind}/{record.id}")))
        assert "Our addition" in body
        assert " ".join(entry["why"].split()) in body, (record.kind, record.id)


def test_every_note_is_on_its_page_between_its_section_heading_and_the_next(
        site: Path) -> None:
    """Both kinds of note, placed the same way: each lies in the built page's section of the
    first field its entry names (under the summary, before the first section, when no section
    shows that field)."""
    catalog, _ = load_catalog(ROOT)
    checked = {"own": 0, "discrepancies": 0}
    for record in catalog:
        entries = [("own", e, e["why"]) for e in record.data.get("own", [])] + [
            ("discrepancies", e, f"The source states {e['stated']}, but its own figures give "
                                 f"{e['computed']}. {e['keep']}")
            for e in record.data.get("discrepancies", [])]
        if not entries:
            continue
        markdown = record_page(catalog, record)
        found = sections(markdown)
        body = article(page(site, f"{record.kind}/{record.id}"))
        for kind, entry, text in entries:
            section = section_of(record.kind, record.data, node_path(entry["fields"][0]), found)
            if section is None:
                first = re.search(r"<h2[ >]", body)
                where = body[:first.start() if first else len(body)]
            else:
                where = section_html(body, section.anchor)
            assert " ".join(text.split()) in text_of(where), (record.id, entry["fields"][0])
            checked[kind] += 1
    assert checked["own"] >= 28 and checked["discrepancies"] >= 52


def test_the_trainer_objectives_are_in_the_nav(site: Path) -> None:
    home = page(site, "")
    nav = home[home.index('class="md-nav md-nav--primary"'):]
    assert re.search(r'href="practices/"[^>]*>\s*<span class="md-ellipsis">\s*Trainer module',
                     nav), "the practices index is not in the navigation"


def test_the_decision_guide_uses_the_sources_three_factors(site: Path) -> None:
    body = article(page(site, "choose-a-template"))
    grid = section_html(body, "guide")
    headers = [text_of(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", grid, re.S)]
    assert headers == ["Urgency", "Budget", "Risk tolerance: low", "Risk tolerance: medium",
                       "Risk tolerance: high"]
    ours = text_of(section_html(body, "our-signals"))
    assert "urgency, budget and risk tolerance only" in ours
    assert "signals the playbook adds" in ours


def test_the_pilot_team_starts_in_the_pilot_in_its_edition() -> None:
    """Harborline follows the phased template's scenario: Sales ran the pilot, so its overlay
    says `wave: pilot`; the team counts from the plan's first phase, and the remaining teams
    keep their '20+'."""
    found, problems = load_edition(ROOT, "harborline")
    assert [p.format() for p in problems] == [] and found is not None
    plan = figures.template_plan(found.catalog.require("templates", "phased"), found.org)
    assert [(p.phase_id, p.departments) for p in plan.phases][:2] == [
        ("pilot", [("Sales", 25)]), ("wave-1", [("Marketing", 20), ("Support", 15)])]
    markdown = plan_page(found.catalog, found.org, choose(found.org, found.catalog))
    rows = [line for line in markdown.splitlines() if line.startswith(("| Sales", "| Remain"))]
    assert rows == ["| Sales | 25 | Pilot | Sales pilot \\(Jan\\-Mar 2027\\) |",
                    "| Remaining teams | 20\\+ | [Late majority](waves/wave-3.md) | Wave 3: "
                    "consolidation \\(Aug\\-Sep 2027\\) |"]


def test_the_trainer_module_is_named_and_introduced_on_the_practices_index(site: Path) -> None:
    body = article(page(site, "practices"))
    intro = text_of(body[:body.index('id="objectives"')])
    assert 'Module 4 of the trainer track, "Continuous Improvement and Scaling Successes"' in intro
    assert "training, communities and ways of measuring them" in intro
    assert "the last challenge, and the hardest" in intro


def test_every_exercise_is_listed_with_its_objective(site: Path) -> None:
    rows = re.findall(r"<tr>(.*?)</tr>", section_html(
        article(page(site, "lessons/scaling-lessons")), "exercises"), re.S)
    cells = [[text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
             for row in rows[1:]]
    assert len(cells) == 9
    assert cells[0] == ["1. Master Scaling Wave Templates", "Pick the way of scaling that suits "
                        "how much time and how many resources the organization has.",
                        "not stated"]
    assert cells[1] == ["2. Design Scaling Roadmap",
                        "Lay out, in detail, how adoption climbs from 10% to 80%.", "5 min"]
    assert cells[8][0] == "9. Plan Year 2+ Evolution" and cells[8][2] == "8 min"


def test_exercise_numbers_run_in_order(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    lessons = next((tmp_path / "data/lessons").glob("*.yml"))
    lessons.write_text(lessons.read_text() + "exercises:\n"
                       "  - {number: 1, title: One, objective: First.}\n"
                       "  - {number: 3, title: Three, objective: Second.}\n")
    _, problems = load_catalog(tmp_path)
    found = [p.format() for p in problems]
    line = lessons.read_text().splitlines().index(
        "  - {number: 3, title: Three, objective: Second.}") + 1
    assert found == [f"data/lessons/{lessons.name}:{line}:14: error: exercise 2 is numbered 3: "
                     "number the exercises 1, 2, 3, ... in order [exercise-numbers]"]


@pytest.mark.parametrize(("where", "shown"), [
    ("practices/continuous-improvement", "Quiz: A short quiz on this part of the module"),
    ("practices/what-to-scale", "Written response: Write a short response that applies"),
    ("capstone/trainer-capstone", "Artifact: Produce a piece of work that shows your skills"),
])
def test_each_activity_prompt_is_on_its_page(site: Path, where: str, shown: str) -> None:
    assert shown in text_of(section_html(article(page(site, where)), "activity"))


def test_the_sales_pilot_counts_as_the_first_ten_percent(site: Path) -> None:
    body = text_of(article(page(site, "success-packages/sales-pilot")))
    assert "the company's starting 10% of adoption" in body
    assert "80% or more in 3-4 months" in body
    assert "Organization adoption after the pilot 10%" in body
