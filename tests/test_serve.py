"""`playbook serve` keeps serving through bad edits: a page lists the problems, at every
address, and the site comes back by itself once they are fixed.

These tests run the real command on a free port and poll over HTTP; the deadlines are only
there so that a preview that never recovers fails instead of hanging the suite.
"""

from __future__ import annotations

import html
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import make_project

from macros.preview import problems_page

DEADLINE = 120.0   # seconds a page may take to appear before the test gives up
PROBLEMS_TITLE = "<title>Preview: the playbook has problems</title>"
SITE_TITLE = "Help desk swamped"   # a record title the example site shows on its bottleneck page
BROKEN_YAML = "id: support-overwhelmed\ntitle: [Help desk swamped\norder: 1\n"
YAML_PROBLEM = ("data/bottlenecks/support-overwhelmed.yml:3:6: error: YAML syntax error: did not "
                "find expected ',' or ']'; fix the syntax at this position [syntax]")
MACRO_PROBLEM = ("docs/index.md:9:4: error: template(): no templates record 'no-such-template' "
                 "(known: steady) [macro]")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
        return 0, str(err)


def _wait_for(url: str, wanted: Callable[[int, str], bool], server: subprocess.Popen[bytes],
              log: Path) -> tuple[int, str]:
    """Fetch `url` until `wanted(status, body)`; fail if the server ends or time runs out."""
    end = time.monotonic() + DEADLINE
    status, body = 0, ""
    while time.monotonic() < end:
        assert server.poll() is None, f"playbook serve ended:\n{log.read_text()}"
        status, body = _get(url)
        if wanted(status, body):
            return status, body
        time.sleep(0.3)
    pytest.fail(f"{url} never showed what was expected; last {status}:\n{body[:2000]}\n"
                f"server log:\n{log.read_text()}")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[bytes], Path]]:
    project = make_project(tmp_path / "project")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "macros.cli", "--root", str(project), "serve",
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    try:
        yield project, f"http://127.0.0.1:{port}/", server, log
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _site(status: int, body: str) -> bool:
    return status == 200 and SITE_TITLE in body and PROBLEMS_TITLE not in body


def _listing(line: str) -> Callable[[int, str], bool]:
    shown = f"<li><code>{html.escape(line)}</code></li>"
    return lambda status, body: PROBLEMS_TITLE in body and shown in body


def test_a_yaml_error_shows_its_line_then_the_site_returns(
        preview: tuple[Path, str, subprocess.Popen[bytes], Path]) -> None:
    project, url, server, log = preview
    record = project / "data" / "bottlenecks" / "support-overwhelmed.yml"
    page = url + "bottlenecks/support-overwhelmed/"
    _wait_for(page, _site, server, log)
    good = record.read_text()

    record.write_text(BROKEN_YAML)
    status, body = _wait_for(url, _listing(YAML_PROBLEM), server, log)
    assert status == 200
    assert "<p>1 problem found</p>" in body
    assert "livereload" in body   # the open tab reloads by itself after the fix
    # Every other address shows the same list (as the 404 page), also with live reload.
    status, body = _wait_for(page, _listing(YAML_PROBLEM), server, log)
    assert status == 404 and "livereload" in body

    record.write_text(good)
    _wait_for(page, _site, server, log)
    # Still watching: a second mistake and its fix are picked up too.
    record.write_text(BROKEN_YAML)
    _wait_for(page, _listing(YAML_PROBLEM), server, log)
    record.write_text(good)
    _wait_for(page, _site, server, log)


def test_a_broken_macro_call_in_docs_shows_its_line_then_the_site_returns(
        preview: tuple[Path, str, subprocess.Popen[bytes], Path]) -> None:
    project, url, server, log = preview
    index = project / "docs" / "index.md"
    _wait_for(url, lambda status, body: status == 200 and "Test home" in body, server, log)
    good = index.read_text()
    assert '{{ template("steady") }}' in good

    index.write_text(good.replace('{{ template("steady") }}', '{{ template("no-such-template") }}'))
    _wait_for(url, _listing(MACRO_PROBLEM), server, log)

    index.write_text(good)
    _wait_for(url, lambda status, body: status == 200 and "Test home" in body
              and PROBLEMS_TITLE not in body, server, log)


def test_the_problems_page_escapes_what_it_lists() -> None:
    page = problems_page(["data/x.yml:1:1: error: <script>alert(1)</script> & \x1b[31m [rule]"],
                         "1 problem <found>")
    assert ("<li><code>data/x.yml:1:1: error: &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
            "\\x1b[31m [rule]</code></li>") in page
    assert "<p>1 problem &lt;found&gt;</p>" in page and "<script>" not in page


def test_an_open_browser_tab_follows_the_problems_and_the_fix(
        preview: tuple[Path, str, subprocess.Popen[bytes], Path], browser: Any) -> None:
    """Nobody reloads the tab: MkDocs' live-reload script on the problems page does it."""
    project, url, server, log = preview
    record = project / "data" / "bottlenecks" / "support-overwhelmed.yml"
    address = url + "bottlenecks/support-overwhelmed/"
    _wait_for(address, _site, server, log)
    good = record.read_text()
    tab = browser.new_page()
    try:
        tab.goto(address)
        assert tab.title().startswith(SITE_TITLE)
        record.write_text(BROKEN_YAML)
        tab.wait_for_selector("#problems", timeout=DEADLINE * 1000)
        assert tab.inner_text("#problems").splitlines()[0] == YAML_PROBLEM
        record.write_text(good)
        tab.wait_for_selector("article h1", timeout=DEADLINE * 1000)
        assert tab.url == address and tab.title().startswith(SITE_TITLE)
    finally:
        tab.close()
