"""The organization overlay: one file per organization at `data/orgs/<slug>.yml`.

An overlay is data only. It describes the organization and may change the playbook's records,
but it cannot name MkDocs settings, plugins, scripts, styles or files outside its own folder:
unknown keys are errors, and branding is limited to palette colour names and a logo image in
`data/orgs/<slug>/`. A valid overlay, shortened::

    name: Brightpath Software
    headcount: 150
    currency: USD
    start_month: 2027-03
    urgency: high                    # low | moderate | high
    budget_available: 400000
    risk_tolerance: high             # low | medium | high
    pilot: {team: Sales, people: 15, adoption_pct: 80, hours_saved_per_week: 3}
    ai_tool: Claude
    support: {chat_channel: "#ai-help", office_hours: "Tue and Thu, 10:00-11:00"}
    departments:
      - {id: sales, name: Sales, headcount: 15, wave: wave-1}
    champions:
      - {name: Dana Reyes, department: sales}
    site_url: https://ai.brightpath.example/
    branding: {primary: grey, accent: amber, logo: logo.png}
    template: rapid                  # optional: pin a template instead of the recommendation
    overrides:                       # optional: change base records, by kind and id
      templates:
        rapid:
          budget: {total: 300000}
    exclude:                         # optional: leave records out of this edition
      bottlenecks: [infrastructure-load]

Records of its own go in `data/orgs/<slug>/<kind>/<id>.yml` and follow that kind's schema.
"""

from __future__ import annotations

from macros.kinds import KINDS
from macros.schema import (
    ID_HINT,
    ID_PATTERN,
    described,
    identifier,
    integer,
    mapping,
    number,
    percent,
    records,
    ref,
    text,
)

PRIMARY = ["red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan",
           "teal", "green", "light-green", "lime", "yellow", "amber", "orange", "deep-orange",
           "brown", "grey", "blue-grey", "black", "white"]
ACCENT = [c for c in PRIMARY if c not in ("brown", "grey", "blue-grey", "black", "white")]
CURRENCIES = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "CHF": "CHF "}
LOGO_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*\.(png|jpg|jpeg)$"
LOGO_MAX_BYTES = 256 * 1024
# Only characters that need no escaping anywhere a URL lands (attributes, XML, JSON): a host,
# an optional port and a path of plain segments, ending in '/'.
SITE_URL_PATTERN = r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*/$"

# Names that belong to mkdocs.yml: an overlay that uses one gets a message saying why it can't.
MKDOCS_KEYS = {
    "site_name", "site_dir", "docs_dir", "theme", "plugins", "hooks", "markdown_extensions",
    "extra", "extra_css", "extra_javascript", "extra_templates", "nav", "watch", "strict",
    "use_directory_urls", "repo_url", "repo_name", "edit_uri", "copyright", "validation",
    "exclude_docs", "not_in_nav", "dev_addr", "remote_branch", "remote_name", "INHERIT",
}

_KIND_NAMES = {"allowed": list(KINDS)}
_IDS = {"regex": ID_PATTERN, "meta": {"hint": ID_HINT}}

SCHEMA = {
    "name": text(),
    "headcount": integer(minimum=1),
    "currency": {"type": "string", "required": True, "allowed": list(CURRENCIES)},
    "start_month": {"type": "string", "required": False, "regex": r"^\d{4}-(0[1-9]|1[0-2])$",
                    "meta": {"hint": "write the year and month as YYYY-MM, e.g. '2027-03'"}},
    "urgency": {"type": "string", "required": True, "allowed": ["low", "moderate", "high"]},
    "budget_available": integer(),
    "risk_tolerance": {"type": "string", "required": True, "allowed": ["low", "medium", "high"]},
    "size": {"type": "string", "allowed": ["small", "medium", "large"]},
    "pilot": mapping({
        "team": text(), "people": integer(minimum=1), "adoption_pct": percent(),
        "hours_saved_per_week": number(required=False),
        "success": {"type": "string", "allowed": ["proven", "solid", "early"]},
    }),
    "ai_tool": text(),
    "support": mapping({"chat_channel": text(), "office_hours": text()}),
    "departments": records({"id": identifier(), "name": text(),
                            "headcount": integer(minimum=1),
                            "open": {"type": "boolean", "required": False},
                            "wave": ref("waves", required=True, also=("pilot",))}),
    "champions": records({"name": text(), "department": identifier()}, required=False,
                         minlength=0),
    "site_url": {"type": "string", "required": False, "regex": SITE_URL_PATTERN,
                 "meta": {"hint": "write an http(s) address of letters, digits, '.', '-', "
                                  "'_' and '~' ending in '/', e.g. 'https://ai.example.com/'"}},
    "branding": mapping({
        "primary": {"type": "string", "allowed": PRIMARY},
        "accent": {"type": "string", "allowed": ACCENT},
        "logo": {"type": "string", "regex": LOGO_PATTERN,
                 "meta": {"hint": "name a .png or .jpg file in this overlay's own "
                                  "folder, e.g. 'logo.png' (no folders, no '..')"}},
    }, required=False),
    "template": ref("templates"),
    "overrides": {"type": "dict", "keysrules": {"type": "string", **_KIND_NAMES},
                  "valuesrules": {"type": "dict", "keysrules": {"type": "string", **_IDS},
                                  "valuesrules": {"type": "dict"}}},
    "exclude": {"type": "dict", "keysrules": {"type": "string", **_KIND_NAMES},
                "valuesrules": {"type": "list", "schema": {"type": "string", **_IDS}}},
}

SCHEMA = described(SCHEMA, {
    "name": "The organization's name: the edition's site is called '<name> · AI Scaling "
            "Playbook'.",
    "headcount": "How many people work in the organization: the edition works out head counts, "
                 "champions and costs from it.",
    "currency": "The currency the edition shows the organization's own amounts in.",
    "start_month": "The month the rollout starts, as YYYY-MM: the edition turns month numbers "
                   "into calendar months (optional).",
    "urgency": "How urgently the organization needs to scale: one of the signals that "
               "recommend a template.",
    "budget_available": "The money available for scaling, in the overlay's currency: compared "
                        "with the templates' budget ranges.",
    "risk_tolerance": "How much risk the organization accepts.",
    "size": "The organization's size, when its head count alone would mislead (optional; by "
            "default under 200 people is small, under 1,000 medium, otherwise large).",
    "pilot": "The organization's pilot and how it went.",
    "pilot.team": "The team that ran the pilot, e.g. 'Sales'.",
    "pilot.people": "How many people took part.",
    "pilot.adoption_pct": "The share of the pilot team using AI at its end, in percent.",
    "pilot.hours_saved_per_week": "Hours each pilot user saved a week: the edition works out "
                                  "the pilot's value from it (optional).",
    "pilot.success": "How convincing the pilot was: one of the signals that recommend a "
                     "template (optional).",
    "ai_tool": "The AI tool the organization uses, e.g. 'Claude'.",
    "support": "Where the organization's people get help.",
    "support.chat_channel": "The chat channel for questions, e.g. '#ai-help'.",
    "support.office_hours": "When office hours are held, e.g. 'Tue and Thu, 10:00-11:00'.",
    "departments": "The organization's departments and the wave each joins in; their head "
                   "counts add up to no more than the headcount.",
    "departments.id": "The department's id, in kebab-case: champions name it.",
    "departments.name": "The department's name.",
    "departments.headcount": "How many people work in the department.",
    "departments.open": "true when the head count is a floor ('20 or more'): shown as '20+', "
                        "counted as 20 (optional).",
    "departments.wave": "The id of the rollout wave (data/waves/) the department joins in, "
                        "or 'pilot' for the team that ran the pilot: it counts from the "
                        "plan's first phase.",
    "champions": "The organization's champions (optional).",
    "champions.name": "The champion's name.",
    "champions.department": "The id of the champion's department, from departments.",
    "site_url": "The address the edition is published at, ending in '/' (optional).",
    "branding": "The edition's colours and logo (optional).",
    "branding.primary": "The theme's primary colour, by palette name (optional).",
    "branding.accent": "The theme's accent colour, by palette name (optional).",
    "branding.logo": "A .png or .jpg file of at most 256 KB in this overlay's own folder, "
                     "data/orgs/<slug>/ (optional).",
    "template": "The id of a template (data/templates/) to follow instead of the one the "
                "scenarios recommend (optional).",
    "overrides": "Changes to the playbook's records in this edition, by kind and then by "
                 "record id (optional).",
    "overrides.*": "Changes to records of this kind, by record id.",
    "overrides.*.*": "The fields to change, written as in the record's own file: mappings "
                     "merge, lists of records with ids merge by id, other values replace, and "
                     "null deletes a field. The id cannot change.",
    "exclude": "Records to leave out of this edition, by kind (optional).",
    "exclude.*": "The ids of the records of this kind to leave out.",
})
