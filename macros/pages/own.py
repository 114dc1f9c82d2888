"""How a record's own additions (`own`, see macros.kinds.own) read on its page: one "Our
addition" admonition per entry, placed like every editor's note by
`macros.pages.discrepancies.place`, at the section of the first field the entry names."""

from __future__ import annotations

from typing import Any

from macros.md import Markdown, admonition, inline

TITLE = "Our addition"


def entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = data.get("own")
    return found if isinstance(found, list) else []


def note(entry: dict[str, Any]) -> Markdown:
    return admonition("info", TITLE, inline(
        f"Not from the source: the playbook adds this. {entry['why']}"))
