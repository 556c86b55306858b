"""Counts and sizes written the way a person would write them: "1 status", "12 statuses",
"2.4 MB". English plurals here are few and known, so each caller names its own."""


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`counted(1, "status", "statuses")` -> "1 status"; the plural defaults to singular + "s"."""
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {word}"


def file_size(size: int) -> str:
    """Decimal units, as file managers and browsers show them: "812 bytes", "2.4 MB"."""
    if size < 1_000:
        return counted(size, "byte")
    for unit, scale in (("kB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000)):
        if size < scale * 1_000 or unit == "GB":
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    raise AssertionError("unreachable")


def joined(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
