"""Renders the app icons in assets/icons/ from one drawing, with Chromium.

    .venv/bin/python scripts/make-icons.py

The drawing is three stacked layers (the app's "layers" mark) in white on the indigo
accent. "any" icons are a rounded square on transparency; "maskable" icons fill the
square and keep the mark inside the central 60 %, so any mask shape leaves it whole.
"""

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parents[1] / "assets" / "icons"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
INDIGO = "#3e63dd"  # Radix indigo-9, the app's accent

# Three layers seen from above: a top slab and two edges below it (100 x 100 canvas).
LAYERS = """
  <g fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round">
    <path d="M50 18 L84 35 L50 52 L16 35 Z" fill="#fff" fill-opacity="0.18"/>
    <path d="M16 50 L50 67 L84 50"/>
    <path d="M16 65 L50 82 L84 65"/>
  </g>
"""


def svg(maskable: bool) -> str:
    if maskable:
        # Full bleed; the mark scaled to 60 % around the centre (the maskable safe zone).
        background = f'<rect width="100" height="100" fill="{INDIGO}"/>'
        mark = f'<g transform="translate(20 20) scale(0.6)">{LAYERS}</g>'
    else:
        background = f'<rect x="4" y="4" width="92" height="92" rx="22" fill="{INDIGO}"/>'
        mark = f'<g transform="translate(9 9) scale(0.82)">{LAYERS}</g>'
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">{background}{mark}</svg>'


# (file name, pixel size, maskable)
OUTPUTS = [
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("maskable-192.png", 192, True),
    ("maskable-512.png", 512, True),
    ("apple-touch-icon.png", 180, True),  # iOS rounds the corners itself
]


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "icon.svg").write_text(svg(maskable=False) + "\n")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, size, maskable in OUTPUTS:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                "<style>html,body{margin:0;background:transparent}svg{display:block}</style>"
                + svg(maskable).replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
            )
            page.screenshot(path=str(ICONS / name), omit_background=True)
            page.close()
        browser.close()
    print(f"wrote {len(OUTPUTS)} icons to {ICONS}")


if __name__ == "__main__":
    main()
