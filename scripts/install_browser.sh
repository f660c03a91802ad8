#!/usr/bin/env bash
# Installs what the browser tests and the graph benchmark need: Debian's chromium
# (driven by Playwright through executable_path, so `playwright install` is never used)
# and fonts that render Chinese. Idempotent and quiet: does nothing when both are present.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    need+=(fonts-noto-cjk)
fi

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install_browser.sh: needs root to install ${need[*]} (run it with sudo)" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# apt's progress and debconf notices go to the log; it is shown only when something fails.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "install_browser.sh: could not install ${need[*]}" >&2
    exit 1
fi
fc-cache -f >/dev/null 2>&1 || true
