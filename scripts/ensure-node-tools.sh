#!/usr/bin/env bash
# Installs the test tools pinned in tests/tools (ESLint, the W3C Nu HTML checker) when
# they are missing or the lockfile changed. Node and npm come from the virtualenv.
set -euo pipefail
cd "$(dirname "$0")/../tests/tools"
if [ ! -d node_modules/eslint ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> installing the test tools (ESLint, vnu-jar)" >&2
  # vnu-jar's postinstall (a Java downloader) is not needed, so scripts stay off.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi
