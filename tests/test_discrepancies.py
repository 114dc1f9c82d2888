"""The source's inconsistencies (`discrepancies`, macros.kinds.discrepancies): declared and
real, they show as an editor's note in their section, in `playbook explain` and in the table
of figures we could not reconcile; declared but no longer real, or real but undeclared, they
are problems with exact messages and positions."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EXAMPLES, ROOT, article, build, make_project, page

from macros.catalog import load_catalog
from macros.cli import main
from macros.kinds import KINDS, benchmarks, scaling_roadmap, templates
from macros.kinds.discrepancies import Figure, checker
from macros.kinds.own import node_path
from macros.pages import generate
from macros.pages.discrepancies import note, place, section_of, sections
from macros.yamlfile import load_text

FIGURES_PAGE = "figures-we-could-not-reconcile.md"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("discrepancies")
    docs = base / "docs-source"
    shutil.copytree(EXAMPLES / "docs", docs)
    shutil.copy(ROOT / "docs" / FIGURES_PAGE, docs / FIGURES_PAGE)
    project = make_project(base / "project", docs=docs,
                           nav=[{"Home": "index.md"}, FIGURES_PAGE, "benchmarks/index.md",
                                "templates/index.md", "waves/index.md",
                                "scale-planning/index.md"])
    # A second template whose source figure divides by adopters, so the index mixes bases.
    steady = yaml.safe_load((project / "data" / "templates" / "steady.yml").read_text())
    lean = {key: value for key, value in steady.items() if key != "discrepancies"}
    lean.update(id="lean", title="Lean test template", order=2)
    lean["budget"] = {**steady["budget"], "per_person": [
        {"stated": 625, "people": 160, "explain": "the total over the 160 people using AI"}]}
    for section in lean["budget"]["sections"]:  # no basis, so it needs no declaration
        section["lines"] = [{k: v for k, v in line.items() if k != "basis"}
                            for line in section["lines"]]
    (project / "data" / "templates" / "lean.yml").write_text(yaml.safe_dump(lean))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def section_html(html: str, anchor: str) -> str:
    """From the heading with id `anchor` to the next heading of the same or a higher level."""
    start = re.search(rf'<h([1-6]) id="{anchor}"', html)
    assert start, f"no heading #{anchor}"
    level = int(start.group(1))
    end = re.compile(rf"<h[1-{level}][ >]").search(html, start.end())
    return html[start.start():end.start() if end else len(html)]


NOTE = ('<p class="admonition-title">Editor\'s note</p>\n<p>The source states {stated}, '
        "but its own figures give {computed}. {keep}</p>")


@pytest.mark.parametrize(("url", "anchor", "stated", "computed", "keep"), [
    ("benchmarks/test-benchmarks", "outcomes", "10-50 times the pilot's value",
     "10-25 times", "The test keeps the stated range."),
    ("benchmarks/test-benchmarks", "cost-per-user", "a 10x gain",
     "5-10x ($500 against $50-100)", "The test keeps the stated gain."),
    ("templates/steady", "budget", "$40K for incentives", "$20K (10 people x $500 x 4)",
     "The source rounds this up."),
    ("scale-planning/support-capacity", "capacity", "50-100 champion hours a week",
     "60-125 hours (20-25 champions at 3-5 hours each)",
     "The source does not say how it reached its hour range; multiplying its own champion "
     "count by its hours per champion gives more."),
    # A contradiction only the prose shows, in a kind with no relation for it.
    ("waves/wave-1", "go-no-go", "70% of the wave trained before the next wave",
     "50% in the decision rule of the same wave",
     "Both figures are the source's; the stricter one is shown."),
])
def test_a_declared_discrepancy_shows_as_a_note_in_its_section(
        site: Path, url: str, anchor: str, stated: str, computed: str, keep: str) -> None:
    html = article(page(site, url))
    note = NOTE.format(stated=stated, computed=computed, keep=keep)
    assert note in section_html(html, anchor)
    assert html.count(note) == 1


def test_the_figures_page_lists_every_declaration(site: Path) -> None:
    html = article(page(site, "figures-we-could-not-reconcile"))
    cell = r"<td[^>]*>(.*?)</td>\s*"
    rows = re.findall(rf"<tr>\s*{cell}{cell}{cell}", html, re.S)
    assert [(re.sub(r"\s+", " ", where), field, stated) for where, field, stated in rows] == [
        ('<a href="../benchmarks/test-benchmarks/#outcomes">Test benchmarks: When scaling '
         "works</a>", "outcomes.value_multiple", "10-50 times the pilot's value"),
        ('<a href="../benchmarks/test-benchmarks/#cost-per-user">Test benchmarks: Cost per '
         "user onboarded</a>", "cost_per_user.efficiency_gain", "a 10x gain"),
        ('<a href="../templates/steady/#budget">Steady test template: Budget</a>',
         "budget.sections[1].lines[0].amount", "$40K for incentives"),
        ('<a href="../waves/wave-1/#go-no-go">First movers: Go/no-go criteria</a>',
         "go_no_go[0].threshold_pct", "70% of the wave trained before the next wave"),
        ('<a href="../scale-planning/support-capacity/#capacity">Support capacity for 1,000 '
         "users: Support for 1,000 users</a>", "champion_hours_per_week",
         "50-100 champion hours a week"),
    ]
    assert "The test keeps the stated gain." in html


def test_the_templates_index_states_the_basis_of_each_cost(site: Path) -> None:
    html = article(page(site, "templates"))
    headers = re.findall(r"<th[^>]*>(.*?)</th>", html)
    assert headers[-3:] == ["Cost per employee", "Cost per adopted person",
                            "The source's figure"]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row)[-3:]
             for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:]]
    # $100K over 200 employees, or over the 160 at the final 80% target.
    assert cells == [["$500", "$625", "$500 per employee"],
                     ["$500", "$625", "$625 per adopted person"]]
    note = section_html(html, "scaling-templates").split('class="admonition note"')[1]
    assert ("The source compares $500 (Steady test template) per employee with $625 (Lean test "
            "template) per adopted person: two different bases. On one basis the templates "
            "cost $500 and $500 per employee, or $625 and $625 per adopted person.") in \
        re.sub(r"<[^>]+>", "", note)


def test_the_shipped_templates_index_notes_the_source_s_mixed_bases(
        shipped_pages: dict[str, str]) -> None:
    index = shipped_pages["templates/index.md"]
    rows = [line.split(" | ")[-3:] for line in index.splitlines()
            if line.startswith("| [")]
    assert rows == [["$2,000", "$2,500", "$2,000 per employee |"],
                    ["$900", "$1,125", "$900 per employee |"],
                    ["$267", "$333", "$333 per adopted person |"]]
    assert ("The source compares $2,000 \\(Rapid scaling wave\\) and $900 \\(Phased scaling "
            "wave\\) per employee with $333 \\(Sustainable scaling\\) per adopted person: two "
            "different bases\\. On one basis the templates cost $2,000, $900 and $267 per "
            "employee, or $2,500, $1,125 and $333 per adopted person\\.") in index


def _problems(tmp_path: Path, kind: str, name: str, text: str) -> list[str]:
    """The problems of one record file dropped into a copy of the valid examples."""
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    (tmp_path / "data" / kind / name).write_text(text)
    _, problems = load_catalog(tmp_path)
    return [p.format() for p in sorted(problems)]


BENCHMARKS = (EXAMPLES / "valid" / "benchmarks" / "test-benchmarks.yml").read_text()


def test_a_declaration_whose_figures_agree_again_is_stale_at_its_line(tmp_path: Path) -> None:
    fixed = BENCHMARKS.replace("value_multiple: {min: 10, max: 50}",
                               "value_multiple: {min: 10, max: 25}")
    line = fixed.splitlines().index("  - id: value-multiple") + 1
    assert _problems(tmp_path, "benchmarks", "test-benchmarks.yml", fixed) == [
        f"data/benchmarks/test-benchmarks.yml:{line}:5: error: discrepancy 'value-multiple' is "
        "stale: outcomes.value_multiple is 10-25 and value.organization_wide / value.pilot "
        "gives 10-25: they agree now, so delete this declaration [stale-discrepancy]"]


def test_a_real_gap_nobody_declared_is_a_problem_at_the_figure(tmp_path: Path) -> None:
    undeclared = BENCHMARKS.split("discrepancies:")[0]
    assert _problems(tmp_path, "benchmarks", "test-benchmarks.yml", undeclared) == [
        "data/benchmarks/test-benchmarks.yml:11:34: error: outcomes.value_multiple is 50 but "
        "value.organization_wide / value.pilot gives 25: correct the figure, or keep the "
        "source's number and declare the gap under `discrepancies` with fields: "
        '["outcomes.value_multiple"] [figure-mismatch]',
        "data/benchmarks/test-benchmarks.yml:23:74: error: cost_per_user.efficiency_gain is 10 "
        "but cost_per_user.pilot / cost_per_user.scale gives 5: correct the figure, or keep the "
        "source's number and declare the gap under `discrepancies` with fields: "
        '["cost_per_user.efficiency_gain"] [figure-mismatch]']


def test_a_declaration_must_name_fields_the_record_has_and_a_unique_id(tmp_path: Path) -> None:
    wrong = BENCHMARKS.replace("fields: [outcomes.value_multiple]",
                               "fields: [outcomes.value_multiples]").replace(
        "id: efficiency-gain", "id: value-multiple")
    lines = wrong.splitlines()
    first = lines.index("    fields: [outcomes.value_multiples]") + 1
    second = lines.index("  - id: value-multiple", first) + 1
    assert _problems(tmp_path, "benchmarks", "test-benchmarks.yml", wrong) == [
        "data/benchmarks/test-benchmarks.yml:11:34: error: outcomes.value_multiple is 50 but "
        "value.organization_wide / value.pilot gives 25: correct the figure, or keep the "
        "source's number and declare the gap under `discrepancies` with fields: "
        '["outcomes.value_multiple"] [figure-mismatch]',
        f"data/benchmarks/test-benchmarks.yml:{first}:14: error: discrepancy field "
        "'outcomes.value_multiples' is not in this record: did you mean "
        "'outcomes.value_multiple'? [discrepancy-field]",
        f"data/benchmarks/test-benchmarks.yml:{second}:9: error: id 'value-multiple' is "
        "already used by 'discrepancies[0]': ids must be unique [duplicate-id]"]


def test_explain_shows_the_discrepancy_of_the_field(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "project")
    line = BENCHMARKS.splitlines().index("  - id: value-multiple") + 1
    assert main(["--root", str(project), "explain", "benchmarks/test-benchmarks",
                 "outcomes.value_multiple"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        '{"min": 10, "max": 50}',
        "from data/benchmarks/test-benchmarks.yml:11:19",
        f"discrepancy value-multiple (data/benchmarks/test-benchmarks.yml:{line}:5): the source "
        "states 10-50 times the pilot's value, but its own figures give 10-25 times. The test "
        "keeps the stated range."]
    assert main(["--root", str(project), "explain", "benchmarks/test-benchmarks",
                 "value.pilot"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "200000", "from data/benchmarks/test-benchmarks.yml:24:16"]


PAGE = """# Title

Summary.

## Plan { #plan }

### First { #phase-first }

Text.

```text
## Not a heading { #budget }
```

## Budget { #budget }

Lines.
"""


def test_a_field_in_a_list_item_with_an_id_finds_the_item_section() -> None:
    data = {"phases": [{"id": "first", "people": {"min": 3}}], "budget": {"total": 1}}
    found = sections(PAGE)
    assert [s.anchor for s in found] == ["plan", "phase-first", "budget"]
    first = section_of("templates", data, ("phases", 0, "people", "min"), found)
    assert first is not None and first.anchor == "phase-first"
    budget = section_of("templates", data, ("budget", "total"), found)
    assert budget is not None and budget.line == 14  # not the line inside the code block
    assert section_of("templates", data, ("outcome",), found) is None


def test_notes_go_at_the_end_of_their_section_or_under_the_summary() -> None:
    data = {"phases": [{"id": "first"}], "outcome": "x", "discrepancies": [
        {"id": "a", "fields": ["phases[0]"], "stated": "A", "computed": "B", "keep": "C."},
        {"id": "b", "fields": ["outcome"], "stated": "<b>", "computed": "[x](y)", "keep": "!"}]}
    out = place("templates", data, PAGE)
    note_a = ('!!! note "Editor\'s note"\n\n    The source states A, but its own figures give '
              "B\\. C\\.")
    # The section runs to the next heading at its level or above; the code block is inside.
    assert out.index("```\n") < out.index(note_a) < out.index("## Budget { #budget }\n\nLines")
    note_b = "The source states &lt;b&gt;, but its own figures give \\[x\\]\\(y\\)\\. \\!"
    assert out.index("Summary.") < out.index(note_b) < out.index("## Plan")


# ---- one test per relation that makes a source inconsistency checkable ---------------------

@pytest.fixture(scope="module")
def shipped() -> dict[tuple[str, str], dict[str, Any]]:
    catalog, problems = load_catalog(ROOT)
    assert [p.format() for p in problems] == []
    return {(r.kind, r.id): r.data for r in catalog}


def _wrong(figures: list[Figure]) -> list[str]:
    return [f"{f.stated} but {f.computed}" for f in figures if not f.holds]


def _copy(shipped: dict[tuple[str, str], dict[str, Any]], kind: str, rid: str) -> dict[str, Any]:
    return copy.deepcopy(shipped[(kind, rid)])


def test_efficiency_gain_is_checked_over_the_whole_scaled_cost(shipped: Any) -> None:
    data = _copy(shipped, "benchmarks", "scaling-2025")
    assert _wrong(benchmarks.figures(data)) == [
        "cost_per_user.efficiency_gain is 10 but cost_per_user.pilot / cost_per_user.scale "
        "gives 5",
        "outcomes.value_multiple is 50 but value.organization_wide / value.pilot gives 25"]
    data["cost_per_user"]["scale"] = {"min": 50, "max": 50}
    assert _wrong(benchmarks.figures(data))[:1] == [
        "outcomes.value_multiple is 50 but value.organization_wide / value.pilot gives 25"]


def test_roi_multiple_net_benefit_and_roi_percent_describe_one_return(shipped: Any) -> None:
    data = _copy(shipped, "benchmarks", "scaling-2025")
    assert _wrong(benchmarks.returns(data)) == [
        "outcomes.roi_multiple is 100 but investment.roi_pct / 100 gives 3",
        "investment.net_benefit_per_year is 4500000 but value.organization_wide - "
        "investment.scaling_program gives 4800000",
        "investment.roi_pct is 1000 but net_benefit_per_year / scaling_program gives 2250"]
    data["investment"].update(net_benefit_per_year={"min": 1500000, "max": 4800000},
                              roi_pct={"min": 300, "max": 2400})
    data["outcomes"]["roi_multiple"] = {"min": 3, "max": 24}
    assert _wrong(benchmarks.returns(data)) == []


def test_failed_scaling_stalls_at_one_level(shipped: Any) -> None:
    data = _copy(shipped, "benchmarks", "scaling-2025")
    assert _wrong(benchmarks.plateau(data)) == [
        "failure.stuck_pct is 20 but outcomes.never_scaled_pct gives 10"]
    data["failure"]["stuck_pct"] = dict(data["outcomes"]["never_scaled_pct"])
    assert _wrong(benchmarks.plateau(data)) == []


def test_champion_incentive_and_share_follow_the_whole_count(shipped: Any) -> None:
    data = _copy(shipped, "templates", "organic")
    assert _wrong(templates.stated_figures(data)) == [
        "example.champions.incentive_per_year is 30000 but count x incentive_per_quarter x 4 "
        "gives 40000"]
    data["example"]["champions"]["share_pct"] = {"min": 5, "max": 9}
    data["example"]["champions"]["incentive_per_year"] = 40000
    data["example"]["champions"]["count"] = {"min": 20, "max": 20}
    assert _wrong(templates.stated_figures(data)) == [
        "example.champions.share_pct is 5 but count / example.headcount gives 6.667"]


def test_active_people_never_exceed_the_people_rolled_out(shipped: Any) -> None:
    phased = _copy(shipped, "templates", "phased")
    assert _wrong(templates.rolled_out(phased)) == [
        "phases[1].people.min is 75 but the example departments rolled out by then number "
        "only 60",
        "phases[2].people.min is 125 but the example departments rolled out by then number "
        "only 120"]
    assert _wrong(templates.rolled_out(_copy(shipped, "templates", "rapid"))) == []
    # Organic growth brings no departments in later, so nothing is rolled out by phase.
    assert templates.rolled_out(_copy(shipped, "templates", "organic")) == []


def test_people_joining_a_phase_are_its_departments(shipped: Any) -> None:
    phased = _copy(shipped, "templates", "phased")
    assert _wrong(templates.joining(phased)) == [
        "phases[1].joining is 40 but the example departments joining in wave-1 gives 35",
        "phases[2].joining is 70 but the example departments joining in wave-2 gives 60",
        "phases[3].joining is 50 but the example departments joining in wave-3 gives 40"]
    for phase, total in zip(phased["phases"][1:], (35, 60, 40), strict=True):
        phase["joining"] = {"min": total, "max": total}
    assert _wrong(templates.joining(phased)) == []


def test_a_quoted_percentage_matches_the_target_of_its_date(shipped: Any) -> None:
    organic = _copy(shipped, "templates", "organic")
    assert _wrong(templates.quoted(organic)) == [
        "phases[1].steps[1].quoted_pct is 30 but the step's target is 35-40%",
        "phases[2].steps[1].quoted_pct is 50 but the step's target is 55-65%",
        "phases[3].steps[1].quoted_pct is 70 but the step's target is 75%",
        "communications.items[7].quoted_pct is 70 but the targets for month 9 are 50-60%"]
    organic["communications"]["items"][7]["quoted_pct"] = 55
    assert len(_wrong(templates.quoted(organic))) == 3


def test_roadmap_head_counts_describe_one_organization(shipped: Any) -> None:
    roadmap = _copy(shipped, "scaling-roadmap", "12-month")
    assert _wrong(scaling_roadmap.head_counts(roadmap)) == [
        "phases[1].users is 100 but pilot's organization of 200-300 people x 30% gives 60",
        "phases[2].users is 200 but pilot's organization of 200-300 people x 50% gives 100"]
    roadmap["phases"][1]["users"] = {"min": 60, "max": 90}
    roadmap["phases"][2]["users"] = {"min": 100}
    assert _wrong(scaling_roadmap.head_counts(roadmap)) == []


def test_every_shipped_relation_gap_is_declared_and_every_declaration_shows(
        shipped: Any) -> None:
    """`check` passes on the shipped data (the fixture), so each gap a relation finds is
    declared; and each declaration names the fields of the source's inconsistency."""
    declared = sorted(f"{kind}/{rid}#{d['id']}" for (kind, rid), data in shipped.items()
                      for d in data.get("discrepancies", []))
    assert len(declared) == 52
    assert "templates/phased#active-exceeds-rolled-out" in declared


def test_each_shipped_note_is_on_its_page_in_its_section() -> None:
    catalog, _ = load_catalog(ROOT)
    rendered = {p.uri: p.markdown for p in generate(catalog)}
    checked = 0
    for record in catalog:
        markdown = rendered[f"{record.kind}/{record.id}.md"]
        found = sections(markdown)
        lines = markdown.split("\n")
        for entry in record.data.get("discrepancies", []):
            section = section_of(record.kind, record.data, node_path(entry["fields"][0]), found)
            start = section.line if section else 0
            after = [s.line for s in found if section and s.line > start
                     and s.level <= section.level]
            text = "\n".join(lines[start:after[0] if after else len(lines)])
            assert str(note(entry)) in text, f"{record.kind}/{record.id} {entry['id']}"
            checked += 1
    assert checked == 52


# ---- each relation made checkable, four ways on the shipped record -------------------------
# As shipped, the gap is declared and real: the check passes and the page shows the note in its
# section. Without the declaration, each figure that does not hold is a problem at the figure;
# with the figures made to agree, the declaration is a problem at its own line.

MISMATCH = ("{path}:{line}:{col}: error: {stated} but {computed}: {fix}, or keep the source's "
            "number and declare the gap under `discrepancies` with fields: [\"{field}\"] "
            "[figure-mismatch]")
STALE = ("{path}:{line}:5: error: discrepancy '{id}' is stale: {stated} and {computed}: they "
         "agree now, so delete this declaration [stale-discrepancy]")
HEADS = "correct the head count or the percentage"
MOVE = "move the target to the month the plan reaches it"
FIGURE = "correct the figure"
WITHIN = "set the target within its phase's"
STAFF = "correct the line's staff or the support plan"


def _at(text: str, marks: tuple[str, ...], value: str) -> tuple[int, int]:
    """(line, column) of `value` on the line found by looking for each of `marks` in turn,
    each on a line at or after the previous one's."""
    lines, i = text.splitlines(), 0
    for mark in marks:
        i = next(j for j in range(i, len(lines)) if mark in lines[j])
    return i + 1, lines[i].index(value) + 1


def _relation_problems(kind: str, path: str, text: str) -> list[str]:
    doc, problems = load_text(text, path)
    assert doc is not None and problems == []
    return [p.format() for p in sorted(checker(KINDS[kind].relations)(doc))]


def _without(text: str, entry: str) -> str:
    """`text` without the `discrepancies` entry whose id is `entry`."""
    return re.sub(rf"  - id: {entry}\n(    .*\n|      .*\n)*", "", text)


RELATIONS = [
    pytest.param(
        "templates", "rapid", "checklist-head-counts", "success-checklist",
        [("    people: {min: 50}", "    people: {min: 37}"),
         ("    people: {min: 100}", "    people: {min: 75}"),
         ("    people: {min: 150}", "    people: {min: 120}")],
        [((("targets:", "period: Month 1", "people:"), "50"), "targets[0].people.min is 50",
          "25% of 150 (rounded down) gives 37", HEADS, "targets[0].people.min"),
         ((("targets:", "period: Month 2", "people:"), "100"), "targets[2].people.min is 100",
          "50% of 150 (rounded down) gives 75", HEADS, "targets[2].people.min"),
         ((("targets:", "period: Month 3-4", "people:"), "150"), "targets[5].people.min is 150",
          "80% of 150 (rounded down) gives 120", HEADS, "targets[5].people.min")],
        ("targets[0].people.min is 37", "25% of 150 (rounded down) gives 37"),
        id="rapid-checklist-head-counts"),
    pytest.param(
        "templates", "rapid", "eighty-percent-by-month-3", "setup-prompt",
        [("Month 3 (setup prompt)\n    month: 3", "Month 3 (setup prompt)\n    month: 4")],
        [((("Month 3 (setup prompt)", "month:"), "3"), "targets[4].month is 3",
          "the plan's phases first reach 80% at the end of month 4 (month-3-4)", MOVE,
          "targets[4].month")],
        ("targets[4].month is 4",
         "the plan's phases first reach 80% at the end of month 4 (month-3-4)"),
        id="rapid-eighty-percent-by-month-3"),
    pytest.param(
        "templates", "phased", "wave-months", "setup-prompt",
        [(f"{{phase: {wave}, months: {{min: {old}", f"{{phase: {wave}, months: {{min: {new}")
         for wave, old, new in [("wave-1", "1, max: 2", "4, max: 5"),
                                ("wave-2", "3, max: 5", "6, max: 7"),
                                ("wave-3", "6, max: 9", "8, max: 9")]],
        [((("  schedule:", "phase: wave-1"), "1, max"), "setup_prompt.schedule[0].months is 1",
          "phases[1].months (wave-1) gives 4", FIGURE, "setup_prompt.schedule[0].months"),
         ((("  schedule:", "phase: wave-2"), "3, max"), "setup_prompt.schedule[1].months is 3",
          "phases[2].months (wave-2) gives 6", FIGURE, "setup_prompt.schedule[1].months"),
         ((("  schedule:", "phase: wave-3"), "6, max"), "setup_prompt.schedule[2].months is 6",
          "phases[3].months (wave-3) gives 8", FIGURE, "setup_prompt.schedule[2].months")],
        ("setup_prompt.schedule[0].months is 4-5", "phases[1].months (wave-1) gives 4-5"),
        id="phased-wave-calendars"),
    pytest.param(
        "templates", "organic", "prompt-scenario-targets", "targets",
        [("Month 1-3 (setup prompt)\n    month: 3\n    adoption_pct: {min: 15, max: 15}",
          "Month 1-3 (setup prompt)\n    month: 3\n    adoption_pct: {min: 20, max: 25}"),
         ("adoption_pct: {min: 30, max: 30}", "adoption_pct: {min: 35, max: 40}"),
         ("adoption_pct: {min: 50, max: 50}", "adoption_pct: {min: 55, max: 65}"),
         ("Month 9 (checklist)\n    month: 9\n    adoption_pct: {min: 50, max: 60}",
          "Month 9 (checklist)\n    month: 9\n    adoption_pct: {min: 55, max: 65}"),
         ("adoption_pct: {min: 70, max: 70}", "adoption_pct: {min: 75, max: 75}"),
         ("Month 12 (checklist)\n    month: 12\n    adoption_pct: {min: 70, max: 75}",
          "Month 12 (checklist)\n    month: 12\n    adoption_pct: {min: 75, max: 75}")],
        [(((f"period: {period}", "adoption_pct:"), "{min"), f"targets[{i}].adoption_pct is {shown}",
          f"phases[{p}].adoption_pct (phase-{p + 1}, ending in month {month}) is {theirs}",
          WITHIN, f"targets[{i}].adoption_pct")
         for period, i, shown, p, month, theirs in [
             ("Month 1-3 (setup prompt)", 0, "15%", 0, 3, "20-25%"),
             ("Month 4-6 (setup prompt)", 2, "30%", 1, 6, "35-40%"),
             ("Month 7-9 (setup prompt)", 4, "50%", 2, 9, "55-65%"),
             ("Month 9 (checklist)", 5, "50-60%", 2, 9, "55-65%"),
             ("Month 10-12 (setup prompt)", 6, "70%", 3, 12, "75%"),
             ("Month 12 (checklist)", 7, "70-75%", 3, 12, "75%")]],
        ("targets[0].month is 3", "the plan's phases first reach 20% at the end of month 3 "
         "(phase-1)"),
        id="organic-targets-by-phase"),
    pytest.param(
        "scaling-roadmap", "12-month", "users-vs-adoption", "phase-wave-1",
        [("    users: {min: 100}", "    users: {min: 60, max: 90}"),
         ("    users: {min: 200}", "    users: {min: 100, max: 150}")],
        [((("id: wave-1", "users:"), "100"), "phases[1].users is 100",
          "pilot's organization of 200-300 people x 30% gives 60", FIGURE, "phases[1].users"),
         ((("id: wave-2", "users:"), "200"), "phases[2].users is 200",
          "pilot's organization of 200-300 people x 50% gives 100", FIGURE, "phases[2].users")],
        ("phases[1].users is 60-90", "pilot's organization of 200-300 people x 30% gives 60-90"),
        id="roadmap-users-vs-adoption"),
    pytest.param(
        "templates", "organic", "month-2-newcomers", "phase-phase-1",
        [("        joining: {min: 20, max: 30}", "        joining: {min: 15, max: 15}")],
        [((("when: Month 2", "joining:"), "20"), "phases[0].steps[1].joining is 20",
          "phases[0].steps[1].people - phases[0].steps[0].people gives 15", FIGURE,
          "phases[0].steps[1].joining")],
        ("phases[0].steps[1].joining is 15",
         "phases[0].steps[1].people - phases[0].steps[0].people gives 15"),
        id="organic-newcomers"),
    pytest.param(
        "templates", "rapid", "pilot-threshold", "when-to-use",
        [("pilot_above_pct: 80", "pilot_above_pct: 79")],
        [((("  pilot:", "adoption_pct:"), "80"), "example.pilot.adoption_pct is 80",
          "pilot_above_pct asks for a pilot above 80%",
          "correct the pilot's adoption or the threshold", "example.pilot.adoption_pct")],
        ("example.pilot.adoption_pct is 80", "pilot_above_pct asks for a pilot above 79%"),
        id="rapid-pilot-threshold"),
    pytest.param(
        "scaling-roadmap", "12-month", "consolidation-target", "phase-consolidation",
        [("    adoption_pct: {min: 70}", "    adoption_pct: {min: 80}")],
        [((("id: consolidation", "adoption_pct:"), "70"), "phases[3].adoption_pct is 70",
          "outcome_adoption_pct gives 80", FIGURE, "phases[3].adoption_pct")],
        ("phases[3].adoption_pct is 80", "outcome_adoption_pct gives 80"),
        id="roadmap-last-phase-is-the-outcome"),
    pytest.param(
        "templates", "rapid", "champions-in-budget", "budget",
        [("            count: 4\n            months: {min: 1, max: 3}",
          "            count: 5\n            months: {min: 2, max: 2}")],
        [((("id: champions-salary-increases", "count:"), "4"),
          "budget.sections[0].lines[0].staff.count is 4",
          "the support plan's champions for months 1-3 are 3, 5 and 8", STAFF,
          "budget.sections[0].lines[0].staff.count")],
        ("budget.sections[0].lines[0].staff.count is 5",
         "the support plan's champions for month 2 is 5"),
        id="rapid-budget-line-vs-support-staffing"),
    pytest.param(
        "templates", "organic", "central-support-line", "budget",
        [("            count: 0.25\n            months: {min: 1, max: 9}",
          "            count: 0.25\n            months: {min: 1, max: 3}")],
        [((("id: central-support", "count:"), "0.25"),
          "budget.sections[0].lines[2].staff.count is 0.25",
          "the support plan's lead_fte for months 1-9 are 0.25 and 0.1", STAFF,
          "budget.sections[0].lines[2].staff.count")],
        ("budget.sections[0].lines[2].staff.count is 0.25",
         "the support plan's lead_fte for months 1-3 is 0.25"),
        id="organic-budget-line-vs-support-staffing"),
    pytest.param(
        "templates", "phased", "lead-cost", "budget",
        [(f"amount: {old}\n          staff: {{role: lead", f"amount: {new}\n          staff: "
          "{role: lead") for old, new in [(20000, 22500), (25000, 30000)]],
        [(((f"id: {line}", "amount:"), amount),
          f"budget.sections[{s}].lines[2].amount is {amount}",
          f"{fte} FTE x 2 months at the rate of budget.sections[0].lines[2] (15000 per FTE and "
          f"month) gives {rated}", FIGURE, f"budget.sections[{s}].lines[2].amount")
         for s, line, amount, fte, rated in [(1, "ai-lead-expansion", "20000", "0.75", 22500),
                                             (2, "ai-lead-full-time", "25000", "1", 30000)]],
        ("budget.sections[1].lines[2].amount is 22500", "0.75 FTE x 2 months at the rate of "
         "budget.sections[0].lines[2] (15000 per FTE and month) gives 22500"),
        id="phased-lead-cost-per-fte-month"),
    pytest.param(
        "templates", "rapid", "monthly-cost-vs-budget", "targets",
        [("cost_per_month: 8000", "cost_per_month: 75000"),
         ("cost_per_month: 12000", "cost_per_month: 100000")],
        [((("targets:", f"period: Month {month}", "cost_per_month:"), cost),
          f"targets[{t}].cost_per_month is {cost}",
          "budget.total / timeline_months = 300000 / 3-4 gives 75000-100000",
          "correct the monthly cost or the budget", f"targets[{t}].cost_per_month")
         for t, month, cost in [(0, 1, "8000"), (2, 2, "12000")]],
        ("targets[0].cost_per_month is 75000",
         "budget.total / timeline_months = 300000 / 3-4 gives 75000-100000"),
        id="rapid-monthly-cost-vs-budget"),
    pytest.param(
        "templates", "organic", "champion-growth", "support",
        [("champions: {min: 20, max: 25}\n    lead_fte: 0.05",
          "champions: {min: 17, max: 23}\n    lead_fte: 0.05")],
        [((("period: Month 10-18", "champions:"), "20"), "support[2].champions is 20",
          "support[0].champions + support[1].recruited gives 17", FIGURE,
          "support[2].champions")],
        ("support[2].champions is 17-23", "support[0].champions + support[1].recruited gives "
         "17-23"),
        id="organic-champion-growth"),
    pytest.param(
        "templates", "phased", "champions-per-wave", "support",
        [("champions: {min: 6, max: 6}", "champions: {min: 10, max: 10}"),
         ("champions: {min: 8, max: 10}", "champions: {min: 16, max: 16}")],
        [(((f"period: Wave {w + 1}", "champions:"), low), f"support[{w}].champions is {low}",
          f"2 per department (support[0].champions_per_department) x {joined} departments "
          f"joined in months 4-{end} gives {2 * joined}", FIGURE, f"support[{w}].champions")
         for w, low, joined, end in [(1, "6", 5, 7), (2, "8", 8, 9)]],
        ("support[0].champions is 4", "2 per department (support[0].champions_per_department) "
         "x 2 departments joined in months 4-5 gives 4"),
        id="phased-champions-per-wave"),
    pytest.param(
        "waves", "wave-1", "go-rule-vs-criteria", "go-no-go",
        [("    threshold_pct: 50\n    measure: active",
          "    threshold_pct: 70\n    measure: active")],
        [((("active_pct:",), "70"), "active_pct is 70",
          "go_no_go[1].threshold_pct (people active) gives 50", FIGURE, "active_pct")],
        ("active_pct is 70", "go_no_go[1].threshold_pct (people active) gives 70"),
        id="wave-go-rule-vs-thresholds"),
    pytest.param(
        "waves", "wave-1", "go-share", "go-no-go",
        [("criteria_met_pct: 75", "criteria_met_pct: 80")],
        [((("criteria_met_pct:",), "75"), "criteria_met_pct is 75",
          "75% of the 5 go_no_go criteria gives 3.75",
          "give a share that is a whole number of criteria", "criteria_met_pct")],
        ("criteria_met_pct is 80", "80% of the 5 go_no_go criteria gives 4"),
        id="wave-criteria-met-share"),
]


@pytest.fixture(scope="module")
def shipped_pages() -> dict[str, str]:
    catalog, _ = load_catalog(ROOT)
    return {p.uri: p.markdown for p in generate(catalog)}


@pytest.mark.parametrize(
    ("kind", "rid", "entry", "anchor", "fixes", "undeclared", "stale"), RELATIONS)
def test_a_relation_checks_its_figures_four_ways(
        shipped_pages: dict[str, str], kind: str, rid: str, entry: str, anchor: str,
        fixes: list[tuple[str, str]], undeclared: list[Any], stale: tuple[str, str]) -> None:
    path = f"data/{kind}/{rid}.yml"
    text = (ROOT / path).read_text()
    # Declared and real: no problem, and the editor's note in its section of the page.
    assert _relation_problems(kind, path, text) == []
    declaration = next(d for d in load_catalog(ROOT)[0].require(kind, rid).data["discrepancies"]
                       if d["id"] == entry)
    markdown = shipped_pages[f"{kind}/{rid}.md"]
    found = sections(markdown)
    section = next(s for s in found if s.anchor == anchor)
    after = [s.line for s in found if s.line > section.line and s.level <= section.level]
    lines = markdown.split("\n")
    assert str(note(declaration)) in "\n".join(
        lines[section.line:after[0] if after else len(lines)])
    # Real but undeclared: a problem at each figure that does not hold.
    bare = _without(text, entry)
    assert f"id: {entry}\n" not in bare
    assert _relation_problems(kind, path, bare) == [
        MISMATCH.format(path=path, line=line, col=col, stated=stated, computed=computed,
                        fix=fix, field=field)
        for (marks, value), stated, computed, fix, field in undeclared
        for line, col in [_at(bare, marks, value)]]
    # Declared but the figures agree: the declaration is stale, at its line.
    fixed = text
    for old, new in fixes:
        assert fixed.count(old) == 1, old
        fixed = fixed.replace(old, new)
    line = fixed.splitlines().index(f"  - id: {entry}") + 1
    assert _relation_problems(kind, path, fixed) == [
        STALE.format(path=path, line=line, id=entry, stated=stale[0], computed=stale[1])]


def test_a_prompt_schedule_names_phases_of_its_template() -> None:
    path = "data/templates/phased.yml"
    text = (ROOT / path).read_text().replace("{phase: wave-2, months: {min: 3",
                                             "{phase: wave-9, months: {min: 3")
    doc, _ = load_text(text, path)
    assert doc is not None
    line, col = _at(text, ("  schedule:", "phase: wave-9"), "wave-9")
    assert [p.format() for p in templates.check_schedule(doc)] == [
        f"{path}:{line}:{col}: error: phase 'wave-9' is not a phase of this template: use one "
        "of 'pilot', 'wave-1', 'wave-2', 'wave-3' [unknown-reference]"]
    # The relation leaves the unknown phase to the check above.
    assert [f.at[2] for f in templates.scheduled(doc.data)] == [0, 2]
