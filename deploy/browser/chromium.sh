#!/usr/bin/env bash
# Prints the path of a headless-capable Chromium for the browser tests.
# Uses $KB_CHROMIUM when set; otherwise Debian's chromium package, installed if needed (as root).
# Exit status 1 (with the reason on stderr) when no browser can be had.
set -euo pipefail

say() { echo "chromium: $*" >&2; }

if [ -n "${KB_CHROMIUM:-}" ]; then
  [ -x "$KB_CHROMIUM" ] || { say "KB_CHROMIUM=$KB_CHROMIUM is not an executable"; exit 1; }
  echo "$KB_CHROMIUM"
  exit 0
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" != 0 ]; then
    say "Chromium is not installed and this user cannot install it (apt-get install chromium as root, or set KB_CHROMIUM)."
    exit 1
  fi
  say "installing Debian's chromium package"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null) >&2 \
    || { say "apt-get install chromium failed"; exit 1; }
fi

/usr/bin/chromium --version >&2 || { say "/usr/bin/chromium does not run"; exit 1; }
echo /usr/bin/chromium
