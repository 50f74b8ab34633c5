#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser test (test/browser).
# Playwright's own browser download ("npx playwright install") does not work on these machines,
# so the test drives the distribution's Chromium through playwright-core instead.
# Idempotent: does nothing when a working /usr/bin/chromium is present. Non-interactive.
# Usage: scripts/ensure-chromium.sh   (as root, or with passwordless sudo)
# CHROMIUM_PATH=<binary> uses another Chromium build instead (e.g. google-chrome on GitHub's
# Ubuntu runners, where the chromium package is a snap); test/browser/editor.js reads it too.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ] && "$CHROMIUM" --version >/dev/null 2>&1; then
	echo "chromium present: $("$CHROMIUM" --version 2>/dev/null)"
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO=(sudo -n)
else
	echo "ensure-chromium: $CHROMIUM is missing and installing it needs root (or passwordless sudo)" >&2
	exit 1
fi

if [ "$CHROMIUM" != /usr/bin/chromium ]; then
	echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM does not run; only /usr/bin/chromium can be installed here" >&2
	exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "ensure-chromium: $CHROMIUM is missing and this is not a Debian/Ubuntu system (no apt-get)" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
started=$(date +%s)
# The package lists can be stale or absent on a fresh machine; one update is cheap next to the install.
"${SUDO[@]}" apt-get update -qq
# fonts-liberation: metric-compatible Latin fonts, so screenshots do not depend on whatever
# fallback font happens to be installed.
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null

if ! "$CHROMIUM" --version >/dev/null 2>&1; then
	echo "ensure-chromium: installed the chromium package but $CHROMIUM --version fails" >&2
	exit 1
fi
echo "chromium installed in $(( $(date +%s) - started )) s: $("$CHROMIUM" --version 2>/dev/null)"
