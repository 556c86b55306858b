"""Every Radix colour scale the code names is one the theme imports (theme.py)."""

import re
from pathlib import Path

from stack_explorer.theme import COLOR_SCALES

ROOT = Path(__file__).resolve().parents[2]
# Radix Themes 3's colour scales.
RADIX_SCALES = set(
    "gray mauve slate sage olive sand tomato red ruby crimson pink plum purple violet iris "
    "indigo blue cyan teal jade green grass brown orange sky mint lime yellow amber gold "
    "bronze".split()
)


def _named_scales(text: str) -> set[str]:
    """Scale names as whole string literals ("amber") and in CSS variables (--amber-11)."""
    words = re.findall(r"[\"']([a-z]+)[\"']", text) + re.findall(r"--([a-z]+)-a?\d", text)
    return {word for word in words if word in RADIX_SCALES}


def test_every_colour_the_code_names_is_imported():
    sources = [
        *(ROOT / "stack_explorer").rglob("*.py"),
        *(ROOT / "stack_explorer").rglob("*.js"),
        *(ROOT / "assets").rglob("*.css"),
    ]
    named_in = {scale: path for path in sources for scale in _named_scales(path.read_text())}
    missing = {s: str(p.relative_to(ROOT)) for s, p in named_in.items() if s not in COLOR_SCALES}
    assert not missing, f"add these to theme.COLOR_SCALES (named in): {missing}"


def test_the_check_sees_literals_and_css_variables():
    assert _named_scales('color_scheme="amber", x = "gold"') == {"amber", "gold"}
    assert _named_scales(".tk-k { color: var(--iris-11); border: var(--teal-a6) }") == {
        "iris",
        "teal",
    }
