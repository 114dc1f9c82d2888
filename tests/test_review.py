"""Owner and review dates: optional on every kind, shown on the record's page, and
`playbook check --stale` warning about overdue pages (failing only with --strict-stale)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT

from macros.cli import main
from macros.editions.load import load_catalog_for
from macros.kinds import KINDS
from macros.pages import generate
from macros.review import DEFAULT_REVIEW_DAYS, page_line

BOTTLENECK = "data/bottlenecks/support-overwhelmed.yml"
TIER = "data/support-tiers/tier-1.yml"


def _project(tmp_path: Path, extra: dict[str, str]) -> Path:
    """The example data, with `extra` lines appended to some of its record files."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    for path, lines in extra.items():
        with (tmp_path / path).open("a") as file:
            file.write(lines)
    return tmp_path


def test_every_kind_accepts_owner_reviewed_and_keywords() -> None:
    for kind in KINDS.values():
        assert {"owner", "reviewed", "keywords"} <= kind.schema.keys(), kind.name
        assert kind.schema["reviewed"]["meta"]["description"]
        assert kind.review_every_days >= 1
    assert DEFAULT_REVIEW_DAYS == 365


def test_page_line_names_owner_last_review_and_next_due() -> None:
    line = page_line({"owner": "AI <office> & co", "reviewed": "2026-11-01"}, 365)
    assert line == ("Owner: AI &lt;office&gt; &amp; co · Last reviewed: 1 November 2026 · "
                    "Next review: by 1 November 2027\n{: .pb-review }")
    assert page_line({}, 365) == ""
    assert page_line({"reviewed": "2026-01-31"}, 30) == (
        "Last reviewed: 31 January 2026 · Next review: by 2 March 2026\n{: .pb-review }")


def test_record_page_shows_owner_and_review_and_others_do_not(tmp_path: Path) -> None:
    project = _project(tmp_path, {BOTTLENECK: "owner: Help desk team\nreviewed: 2026-11-01\n"})
    catalog, _, problems = load_catalog_for(project, "")
    assert catalog is not None, problems
    pages = {p.uri: p.markdown for p in generate(catalog)}
    assert pages["bottlenecks/support-overwhelmed.md"].endswith(
        "\n\nOwner: Help desk team · Last reviewed: 1 November 2026 · Next review: by "
        "1 November 2027\n{: .pb-review }\n")
    assert "pb-review" not in pages["support-tiers/tier-1.md"]


def test_check_stale_warns_at_the_reviewed_line_and_exits_0(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path, {BOTTLENECK: "reviewed: 2025-10-01\n",
                                  TIER: "owner: Desk\nreviewed: 2026-11-01\n"})
    line = len((project / BOTTLENECK).read_text().splitlines())
    assert main(["--root", str(project), "check", "--stale", "--today", "2026-11-23"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"{BOTTLENECK}:{line}:11: warning: last reviewed on 2025-10-01, 418 days ago: this "
        "kind is reviewed every 365 days, so a review was due on 2026-10-01; review the page, "
        "then update `reviewed` [stale-review]",
        "1 page overdue for review",
    ]
    assert captured.out.splitlines()[-1].startswith("data checked: no problems")


def test_strict_stale_fails_and_plain_check_says_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path, {BOTTLENECK: "reviewed: 2025-10-01\n"})
    assert main(["--root", str(project), "check"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["--root", str(project), "check", "--strict-stale", "--today", "2026-11-23"]) == 1
    assert "[stale-review]" in capsys.readouterr().err
    # On the day the review falls due it is not overdue yet.
    assert main(["--root", str(project), "check", "--strict-stale", "--today", "2026-10-01"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == \
        "no page overdue for review on 2026-10-01"


def test_stale_warnings_in_json_carry_their_level(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path, {BOTTLENECK: "reviewed: 2025-10-01\n"})
    assert main(["--root", str(project), "check", "--stale", "--today", "2026-11-23",
                 "--format", "json"]) == 0
    [problem] = json.loads(capsys.readouterr().out)
    assert (problem["path"], problem["level"], problem["rule"]) == (
        BOTTLENECK, "warning", "stale-review")


@pytest.mark.parametrize("value, message", [
    ("2026-02-30", f"{BOTTLENECK}:LINE:11: error: reviewed is '2026-02-30', which is not a day "
                   "of the calendar: write the date as YYYY-MM-DD [date]"),
    ("'1 Nov 2026'", None),
])
def test_a_review_date_must_be_a_day(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     value: str, message: str | None) -> None:
    project = _project(tmp_path, {BOTTLENECK: f"reviewed: {value}\n"})
    line = len((project / BOTTLENECK).read_text().splitlines())
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    if message is not None:
        assert err == [message.replace("LINE", str(line)), "1 problem found"]
    else:
        assert len(err) == 2 and err[0].startswith(f"{BOTTLENECK}:{line}:11: error: ")
        assert "reviewed" in err[0]


def test_today_must_be_a_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "check", "--stale", "--today", "soon"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: argument --today: 'soon' is not a day written YYYY-MM-DD")


def test_default_day_is_today() -> None:
    from macros.cli import _parser

    args = _parser().parse_args(["check", "--stale"])
    assert args.today == date.today()
