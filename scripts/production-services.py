"""Exit 0 when the PostgreSQL and Redis used by the production-mode tests answer."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.kit.server import production_services_available

sys.exit(0 if production_services_available() else 1)
