"""Learning statuses: their values, labels, keyboard shortcuts and rank."""

NOT_STARTED = "not-started"
LEARNING = "learning"
DONE = "done"
SKIPPED = "skipped"

# In the order the status control shows them.
LABELS: dict[str, str] = {
    NOT_STARTED: "Not started",
    LEARNING: "Learning",
    DONE: "Done",
    SKIPPED: "Skipped",
}
ALL = tuple(LABELS)

SHORTCUTS: dict[str, str] = {"d": DONE, "l": LEARNING, "s": SKIPPED, "r": NOT_STARTED}

# Done and skipped both count towards progress (a skipped topic is a decision, not a gap).
COMPLETED = frozenset({DONE, SKIPPED})

# Used when two records of the same topic are merged: the more advanced one wins.
RANK: dict[str, int] = {NOT_STARTED: 0, SKIPPED: 1, LEARNING: 2, DONE: 3}

COLORS: dict[str, str] = {NOT_STARTED: "gray", LEARNING: "amber", DONE: "green", SKIPPED: "blue"}


def is_valid(value: object) -> bool:
    return isinstance(value, str) and value in LABELS
