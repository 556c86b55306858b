#!/usr/bin/env bash
# Pin every Python dependency, with hashes, from pyproject.toml:
#   requirements.lock      what the app runs on (the Docker image, `reflex deploy`)
#   requirements-dev.lock  that and the test tools (make install, CI)
# Run after changing a dependency in pyproject.toml; commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools"
"$tools/bin/pip" install -q "pip-tools==7.7.0"
compile() {
  "$tools/bin/pip-compile" -q --strip-extras --generate-hashes --allow-unsafe \
    --no-emit-index-url --no-emit-find-links "$@" pyproject.toml
}
compile --output-file requirements.lock
compile --extra dev --output-file requirements-dev.lock
