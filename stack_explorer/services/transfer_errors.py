"""Why an import file was refused, in words a learner can act on.

pydantic reports `progress.2.status: Input should be 'not-started', ...`; a learner
who hand-edited a backup needs "Status entry 3 (topic 'flask'): status must be one
of Not started, Learning, Done, Skipped". Entries are numbered from 1, as an editor
shows them, and named by their topic when the file gives one.
"""

from pydantic import ValidationError

from stack_explorer import status as st
from stack_explorer.wording import counted

SECTIONS = {"progress": "Status entry", "notes": "Note entry", "exercises": "Exercise entry"}
FIELDS = {
    "updated_at": "date (updated_at)",
    "solved_at": "date solved (solved_at)",
    "body": "note text (body)",
    "code": "code",
    "exercise": "exercise (its slug)",
    "topics": "number of topics (topics)",
    "zone": "time zone (zone)",
}
DATE_EXAMPLE = "2026-01-31T09:30:00Z"
DATE_ERRORS = {
    "datetime_type",
    "datetime_parsing",
    "datetime_from_date_parsing",
    "datetime_object_invalid",
    "timezone_aware",
}


def entry_name(section: str, index: int, topic: object = None) -> str:
    """ "Status entry 3 (topic 'flask')"; the topic is left out when it is not text."""
    name = f"{SECTIONS[section]} {index + 1}"
    if isinstance(topic, str) and topic:
        name += f" (topic {topic[:60]!r})"
    return name


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _problem(field: object, item: dict, limit: int) -> str:
    kind, value = item["type"], item.get("input")
    label = FIELDS.get(str(field), str(field))
    if kind == "missing":
        return f"the {label} is missing"
    if kind == "extra_forbidden":
        return f"{field!r} is not part of a Stack Explorer export"
    if kind in DATE_ERRORS:
        return f"the date {_shown(value)} is not a date and time with a zone, like {DATE_EXAMPLE}"
    if field == "status":
        return (
            f"status must be one of {', '.join(st.LABELS.values())} (the file says {_shown(value)})"
        )
    if field == "topics" and kind in {"greater_than_equal", "less_than_equal", "int_type"}:
        return f"it must be a whole number from 1 to 7 (the file says {_shown(value)})"
    if field == "zone" and kind == "value_error":
        return str(item["ctx"]["error"]).removesuffix(".")
    if field == "topic":
        return f"{_shown(value)} is not a topic name (lower-case words joined by dashes)"
    if kind == "string_too_long":
        return f"the {label} is longer than {item['ctx']['max_length']:,} characters"
    if kind == "too_long":
        return f"the {label} list holds more than {limit:,} entries"
    if kind == "string_type":
        return f"the {label} must be text"
    if kind == "list_type":
        return f"the {label} must be a list"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "it must be an object with named fields"
    return f"the {label} is not valid ({item['msg'].lower()})"


def describe(error: ValidationError, raw: object, limit: int) -> str:
    """The first problem of a refused file, naming its entry, and how many more there are."""
    problems = error.errors()
    item = problems[0]
    loc, value = item["loc"], item.get("input")
    if not loc:
        where = "The file does not hold an export"
        problem = "it must be a JSON object with format, version and the lists of entries"
    elif loc[0] in SECTIONS and len(loc) > 1 and isinstance(loc[1], int):
        entries = raw.get(loc[0]) if isinstance(raw, dict) else None
        entry = entries[loc[1]] if isinstance(entries, list) else None
        topic = entry.get("topic") if isinstance(entry, dict) else None
        where = entry_name(loc[0], loc[1], topic)
        problem = _problem(loc[2] if len(loc) > 2 else None, item, limit)
    elif loc[0] == "weekly_goal":
        where = "The weekly goal"
        problem = _problem(loc[1] if len(loc) > 1 else None, item, limit)
    elif item["type"] == "missing":
        where = "The file is not a Stack Explorer export"
        problem = f"it has no {loc[0]!r} field"
    elif loc[0] == "format":
        return f"This file is not a Stack Explorer export (its format is {_shown(value)})."
    elif loc[0] == "version":
        return f"This export is version {_shown(value)}; this app reads version 1."
    else:
        where, problem = "The file", _problem(loc[0], item, limit)
    more = ""
    if len(problems) > 1:
        more = f" ({counted(len(problems) - 1, 'more problem')} after this one.)"
    return f"{where}: {problem}.{more}"
