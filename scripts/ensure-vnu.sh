#!/usr/bin/env bash
# Makes sure the W3C Nu HTML checker (npm package vnu-jar, pinned in tests/tools) is
# installed for the browser tests, and that a Java to run it is there.
set -euo pipefail
cd "$(dirname "$0")/../tests/tools"
major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1 || true)
if [ -z "$major" ] || [ "$major" -lt 17 ]; then
  echo "The HTML check needs Java 17 or newer: install it (Debian: sudo apt-get install openjdk-17-jre-headless)" >&2
  exit 1
fi
../../scripts/ensure-node-tools.sh
