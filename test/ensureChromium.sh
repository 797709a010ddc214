#!/usr/bin/env bash
# Makes sure the system Chromium the browser tests use (/usr/bin/chromium) is installed.
# As root it installs it with apt-get (with a CJK font, so that screenshots of Chinese pages are readable);
# otherwise it says how and fails.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  echo "Installing Chromium for the browser tests (apt-get install chromium)..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  if [ ! -x /usr/bin/chromium ]; then
    echo "apt-get finished but /usr/bin/chromium is still missing" >&2
    exit 1
  fi
  exit 0
fi
echo "Chromium is missing; install it with: sudo apt-get install -y chromium" >&2
exit 1
