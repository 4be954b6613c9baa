#!/usr/bin/env bash
# Opens the sample HTML digest in headless Chromium, takes a screenshot and fails when the page
# logs a console error or does not render. Installs Debian's chromium when it is missing.
#
#   scripts/html-screenshot.sh [PAGE.html] [SCREENSHOT.png]
#
# Without PAGE, renders the sample digest first (HtmlRendererTest writes target/digest-sample.html).
set -euo pipefail
cd "$(dirname "$0")/.."

page=${1:-pipeline/target/digest-sample.html}
shot=${2:-pipeline/target/digest-sample.png}

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2
fi

if [[ $# -eq 0 ]]; then
  mvn_cmd=(./mvnw)
  command -v mvn >/dev/null 2>&1 && mvn_cmd=(mvn)
  "${mvn_cmd[@]}" -q -B test -pl pipeline -Dtest=HtmlRendererTest -Dsurefire.failIfNoSpecifiedTests=false >&2
fi
[[ -s "$page" ]] || { echo "error: no page at $page" >&2; exit 1; }

profile=$(mktemp -d)
log=$(mktemp)
dom=$(mktemp)
trap 'rm -rf "$profile" "$log" "$dom"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile"
       --enable-logging=stderr --v=0 --window-size=1200,1600)
url="file://$(realpath "$page")"

rm -f "$shot"
chromium "${flags[@]}" --screenshot="$(realpath -m "$shot")" "$url" 2>"$log" >/dev/null || true
chromium "${flags[@]}" --dump-dom "$url" 2>>"$log" >"$dom" || true

# Chromium logs what the page writes to its console as "CONSOLE(...)" lines; "Uncaught" and
# failed loads are errors too.
if grep -E 'CONSOLE|Uncaught|Failed to load resource' "$log" >&2; then
  echo "error: the page logged console errors (above)" >&2
  exit 1
fi
# A digest page is self-contained: nothing to fetch, nothing to run.
if grep -Eio '<(script|link|img|iframe|object|embed)\b|\bsrc=|url\(' "$dom" >&2; then
  echo "error: the page is not self-contained (it loads or runs something, above)" >&2
  exit 1
fi
if [[ ! -s "$shot" ]]; then
  echo "error: chromium took no screenshot; its log:" >&2
  cat "$log" >&2
  exit 1
fi
if ! grep -q '</h1>' "$dom"; then
  echo "error: the rendered page has no title heading" >&2
  exit 1
fi
echo "screenshot $shot ($(stat -c %s "$shot") bytes), no console errors"
