#!/usr/bin/env bash
# Reads /metrics of a running pipeline (`run --follow`, embedded broker) with Prometheus' own
# text parser: no parse error, no series twice, Kafka's topic metrics under the real topic
# names only. Waits for the Kafka bindings to pick up per-topic metrics (they look for new
# Kafka metrics once a minute). Installs Debian's python3-prometheus-client when missing.
set -euo pipefail
. "$(dirname "$0")/check-lib.sh"

/usr/bin/python3 -c 'import prometheus_client' 2>/dev/null || apt_install python3-prometheus-client
require_jar

work="$(mktemp -d)"
kport=$(free_port); rport=$(free_port); mport=$(free_port)
metrics="http://127.0.0.1:$mport/metrics"

cat >"$work/tools.mbox" <<'MBOX'
From mboxrd@z Thu Jan  1 00:00:00 1970
From: Dana Smith <dana@tools.example>
To: tools@lists.example.org
Subject: [PATCH] hammer: balance the head
Message-ID: <hammer-1@tools.example>
Date: Tue, 3 Jun 2025 10:00:00 +0000

The head sat a little off the handle's axis.

Signed-off-by: Dana Smith <dana@tools.example>

MBOX

java -Xmx512m -jar "$jar" run --follow --interval 2s --quiet --stream-threads 1 --data-dir "$work/data" \
  --kafka-port "$kport" --registry-port "$rport" --metrics-port "$mport" --name tools "$work/tools.mbox" \
  >"$work/run.out" 2>"$work/run.log" &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The digest is out, and the Streams consumer's per-topic metrics are bound (up to ~60 s later).
ready=""
for _ in $(seq 240); do
  if curl -fsS "$metrics" -o "$work/scrape.txt" 2>/dev/null \
     && grep -q '^maildigest_digests_emitted_total' "$work/scrape.txt" \
     && grep -q 'records_lag{.*topic="mail.raw"' "$work/scrape.txt"; then
    ready=yes; break
  fi
  sleep 0.5
done
[ -n "$ready" ] || { echo "FAIL: no digest and per-topic metrics within 120 s"; tail -30 "$work/run.log"; exit 1; }
/usr/bin/python3 "$root/scripts/check-metrics.py" "$metrics"
