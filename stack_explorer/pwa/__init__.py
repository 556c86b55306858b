"""The installable app: web app manifest, icons and a Workbox service worker."""

from stack_explorer.pwa.head import head_components
from stack_explorer.pwa.plugin import ServiceWorkerPlugin

__all__ = ["ServiceWorkerPlugin", "head_components"]
