"""The Reflex plugin that adds a Workbox service worker to every production build.

Why `post_build`: Reflex calls it after `react-router build` has written the prerendered
pages and hashed assets into `.web/build/client`, and before it gzips that folder. It runs
in every production flow (`reflex run --env prod`, `make run`, `reflex export` in the
Dockerfile) and never in dev mode, where a service worker would fight hot reload.
Generating from the finished output means the precache lists exactly the files served.
"""

import logging
import shutil
import subprocess
from pathlib import Path

from reflex.plugins import Plugin

from stack_explorer.pwa.offline_data import write_offline_data
from stack_explorer.reflex_internals import web_dir

logger = logging.getLogger(__name__)

# Pinned, so reflex.lock changes only when this line does.
WORKBOX_BUILD = "workbox-build@7.4.1"
GENERATOR = Path(__file__).with_name("generate_service_worker.cjs")


class ServiceWorkerPlugin(Plugin):
    """Installs workbox-build with the frontend packages and writes `sw.js` after a build."""

    def get_frontend_development_dependencies(self, **context) -> list[str]:
        return [WORKBOX_BUILD]

    def post_build(self, **context) -> None:
        static_dir = Path(context["static_dir"])
        write_offline_data(static_dir)
        node = shutil.which("node")
        if node is None:
            logger.error("Node.js is needed to generate the service worker.")
            raise SystemExit(1)
        result = subprocess.run(
            [node, str(GENERATOR), str(web_dir().resolve()), str(static_dir)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            logger.error(result.stderr.strip() or "Generating the service worker failed.")
            raise SystemExit(1)
        logger.info(result.stdout.strip())
