"""What helps the site's search answer the questions readers ask (Material's own search).

A record may list `keywords`: the words people search for that its page does not use
(`keywords: [how many champions, staffing]`). They go into the page's front matter as
Material's search `tags`, which rank above titles, so a page answers for words it never says;
they are not shown on the page. A kind may raise its pages in the results (`SEARCH_BOOST`),
e.g. the templates above the quick starts that mention them.
"""

from __future__ import annotations

import json
from typing import Any

from macros.schema import Schema

KEYWORDS: Schema = {
    "type": "list", "required": False, "schema": {"type": "string", "empty": False},
    "meta": {"description": "Words and questions readers search for that should find this "
                            "record's page, though the page may not use them (optional)."}}

# Pages that are the answer rather than a mention of it.
SEARCH_BOOST: dict[str, float] = {"templates": 2, "scale-planning": 2, "support-tiers": 1.5}


# "Our plan" answers an edition's questions about its own budget and champions first.
PLAN_BOOST = 3
PLAN_KEYWORDS = ("budget", "our budget", "our plan", "how many champions", "our champions",
                 "our cost")


def front_matter(kind: str, data: dict[str, Any]) -> str:
    """YAML front matter for a generated record page."""
    keywords = data.get("keywords")
    return _front(SEARCH_BOOST.get(kind), keywords if isinstance(keywords, list) else [])


def plan_front_matter() -> str:
    return _front(PLAN_BOOST, list(PLAN_KEYWORDS))


def _front(boost: float | None, keywords: list[Any]) -> str:
    """JSON is YAML: every keyword stays one quoted string, whatever it holds."""
    meta: dict[str, Any] = {}
    if boost is not None:
        meta["search"] = {"boost": boost}
    if keywords:
        meta["tags"] = [" ".join(str(k).split()) for k in keywords]
    if not meta:
        return ""
    return "---\n" + "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}"
                               for key, value in meta.items()) + "\n---\n\n"
