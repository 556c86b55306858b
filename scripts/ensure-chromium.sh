#!/usr/bin/env bash
# Makes sure a Chromium for the browser tests exists; prints its path on the last line.
set -euo pipefail
for candidate in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "==> installing Debian's chromium for the browser tests" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo /usr/bin/chromium
  exit 0
fi
echo "No Chromium found: install one (Debian: sudo apt-get install chromium) or set CHROMIUM=/path/to/chrome" >&2
exit 1
