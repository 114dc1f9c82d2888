"""What the layout and accessibility tests visit: every edition, at a desktop and a phone size,
on one page of each type (home, each hand-written page, each kind's index and one of its
records, "Our plan", the 404 page), and a server that answers like an intranet's web server.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Any

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
NOT_FOUND = "404.html"


def page_types(site: Path) -> list[str]:
    """Addresses (relative to the edition's root) of one page of each type in `site`: every
    top-level folder's page and the first page below it, the home page and the 404 page."""
    found = ["", NOT_FOUND]
    for folder in sorted(p for p in site.iterdir() if (p / "index.html").is_file()):
        found.append(f"{folder.name}/")
        below = sorted(p for p in folder.iterdir() if (p / "index.html").is_file())
        if below:
            found.append(f"{folder.name}/{below[0].name}/")
    return found


def one_per_renderer(site: Path) -> list[str]:
    """Fewer pages for slow checks (axe): `page_types` without the indexes of kinds that have
    records, which all list their records alike, except the templates' index."""
    return [address for address in page_types(site)
            if address.count("/") != 1 or address == "templates/"
            or not any((p / "index.html").is_file() for p in (site / address).iterdir())]


def serve(root: Path) -> Any:
    """Serve `root` over http on 127.0.0.1 like an intranet server: an address it does not have
    gets status 404 and the nearest 404.html above it (each edition's own, in its folder).
    Returns the server; its address is `server.url`; stop it with `shutdown`, `server_close`."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # no access log in output
            pass

        def send_error(self, code: int, message: str | None = None,
                       explain: str | None = None) -> None:
            page = _nearest_not_found(root, self.path) if code == 404 else None
            if page is None:
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    server.daemon_threads = True
    server.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, name=f"serve {root}", daemon=True).start()
    return server


def _nearest_not_found(root: Path, address: str) -> Path | None:
    parts = [p for p in address.split("?")[0].split("/") if p and p not in (".", "..")]
    for depth in range(len(parts), -1, -1):
        candidate = root.joinpath(*parts[:depth], NOT_FOUND)
        if candidate.is_file():
            return candidate
    return None
