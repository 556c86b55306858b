"""Radix Themes, with only the colour scales the app uses.

Radix's bundled `styles.css` carries all 31 colour scales, in light and dark, on every
page, ahead of the first paint. Radix also ships each scale as its own file; importing
the base tokens, the scales below, the components and the utilities is the documented
way to leave the others out. A colour missing here renders as no colour at all, so
`tests/unit/test_theme.py` checks every colour the code names against this list.
"""

from typing import Any

import reflex as rx

# The accent and gray scales of the theme, the status colours (status.py), feedback
# (red, green, amber, blue) and the code highlighting in assets/styles.css.
COLOR_SCALES = (
    "gray",
    "slate",
    "indigo",
    "amber",
    "green",
    "blue",
    "red",
    "iris",
    "grass",
    "ruby",
    "cyan",
    "plum",
)


class RadixThemes(rx.plugins.RadixThemesPlugin):
    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        if not self.enabled:
            return ()
        return (
            "@radix-ui/themes/tokens/base.css",
            *(f"@radix-ui/themes/tokens/colors/{scale}.css" for scale in COLOR_SCALES),
            "@radix-ui/themes/components.css",
            "@radix-ui/themes/utilities.css",
        )


def radix_themes() -> RadixThemes:
    return RadixThemes(
        theme=rx.theme(
            accent_color="indigo", gray_color="slate", radius="large", appearance="inherit"
        )
    )
