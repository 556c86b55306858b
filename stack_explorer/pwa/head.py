"""What every page's <head> carries for the installable app."""

import reflex as rx
from reflex.utils.exec import is_prod_mode

MANIFEST = "/manifest.webmanifest"
SERVICE_WORKER = "/sw.js"
# The page background of each colour scheme (Radix: white, and slate-1 in dark mode),
# so the browser's toolbar and the installed window's title bar match the page.
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#111113"

# Registers the worker after the page has loaded, so precaching never competes with the
# page's own first requests. Service workers exist only on secure contexts (HTTPS, or
# localhost). Plain ES5 without `&`, `<` or `>`: React writes this text into the page.
REGISTER_SERVICE_WORKER = f"""
if ("serviceWorker" in navigator) {{
  if (window.isSecureContext) {{
    window.addEventListener("load", function () {{
      navigator.serviceWorker.register("{SERVICE_WORKER}").catch(function (error) {{
        console.warn("Offline reading is not available:", error);
      }});
    }});
  }}
}}
"""


def head_components() -> list[rx.Component]:
    """The manifest link and theme colours on every page, and, in a production build
    only, the service worker registration (its sw.js exists only there, and in dev mode
    a worker would serve stale files over hot reload)."""
    components = [
        rx.el.link(rel="manifest", href=MANIFEST),
        rx.el.link(rel="apple-touch-icon", href="/icons/apple-touch-icon.png"),
        # `media` goes through custom_attrs: as a keyword Reflex would read it as CSS.
        rx.el.meta(
            name="theme-color",
            content=LIGHT_BACKGROUND,
            custom_attrs={"media": "(prefers-color-scheme: light)"},
        ),
        rx.el.meta(
            name="theme-color",
            content=DARK_BACKGROUND,
            custom_attrs={"media": "(prefers-color-scheme: dark)"},
        ),
    ]
    if is_prod_mode():
        components.append(rx.el.script(REGISTER_SERVICE_WORKER))
    return components
