#!/usr/bin/env bash
# Proves that standard Kafka tooling works against the pipeline's embedded stack:
#   - kcat (a Kafka client written by others) lists our topics and prints mail.digests.text;
#   - Confluent's own Python AvroConsumer decodes mail.raw and mail.digests through our
#     embedded Schema Registry (Confluent framing, Confluent REST protocol);
#   - `run --follow`, started by the launcher (pipeline/bin/pipeline), stops cleanly on Ctrl-C (SIGINT).
# Installs Debian's kcat and python3-confluent-kafka when missing. Run from anywhere.
set -euo pipefail
. "$(dirname "$0")/check-lib.sh"

need=()
command -v kcat >/dev/null || need+=(kcat)
/usr/bin/python3 -c 'import confluent_kafka.avro, requests' 2>/dev/null || need+=(python3-confluent-kafka python3-avro python3-requests)
apt_install ${need[@]+"${need[@]}"}
require_jar

work="$(mktemp -d)"
kport=$(free_port); rport=$(free_port)
bootstrap="127.0.0.1:$kport"; registry="http://127.0.0.1:$rport"

# A small mbox in our own words: a two-patch series with its cover letter, and a reply.
/usr/bin/python3 - "$work/demo.mbox" <<'PY'
import sys
mails = [
  ("[PATCH v2 0/2] widget: make the frobnicator faster", "Alice Example <alice@example.org>", "cover", None),
  ("[PATCH v2 1/2] widget: cache the frob table", "Alice Example <alice@example.org>", "p1", "cover"),
  ("[PATCH v2 2/2] widget: drop the slow path", "Alice Example <alice@example.org>", "p2", "cover"),
  ("Re: [PATCH v2 1/2] widget: cache the frob table", "Bob Sample <bob@example.com>", "r1", "p1"),
]
with open(sys.argv[1], "w") as f:
    for subject, sender, mid, parent in mails:
        f.write("From mboxrd@z Thu Jan  1 00:00:00 1970\n")
        f.write(f"From: {sender}\nTo: widgets@lists.example.org\nSubject: {subject}\n")
        f.write(f"Message-ID: <{mid}@example.org>\nDate: Tue, 3 Jun 2025 10:00:00 +0000\n")
        f.write("List-Id: <widgets.lists.example.org>\n")
        if parent:
            f.write(f"In-Reply-To: <{parent}@example.org>\nReferences: <cover@example.org>\n")
        f.write("\nThe frobnicator spends most of its time rebuilding a table it could keep.\n\n")
        f.write("Reviewed-by: Bob Sample <bob@example.com>\n" if mid == "r1" else
                "Signed-off-by: Alice Example <alice@example.org>\n")
        if mid in ("p1", "p2"):  # a patch carries its diff, or it is read as a reply
            f.write("---\n widget.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\n")
            f.write("diff --git a/widget.c b/widget.c\n--- a/widget.c\n+++ b/widget.c\n")
            f.write(f"@@ -1 +1 @@\n-int frob = 0;\n+int frob = {mid[1]};\n")
        f.write("\n")
PY

# Job control on: a background job of a script would otherwise ignore SIGINT (Ctrl-C).
set -m
"$root/pipeline/bin/pipeline" run --follow --interval 2s --quiet --data-dir "$work/data" \
  --kafka-port "$kport" --registry-port "$rport" --name widgets "$work/demo.mbox" \
  >"$work/run.out" 2>"$work/run.log" &
pid=$!
set +m
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 120); do grep -q "digest emitted" "$work/run.log" && break; sleep 0.5; done
grep -q "digest emitted" "$work/run.log" || { echo "FAIL: no digest within 60 s"; tail -30 "$work/run.log"; exit 1; }

echo "--- kcat -L"
kcat -b "$bootstrap" -L | tee "$work/kcat-L.txt" | grep -E 'topic "mail\.' 
for t in mail.raw mail.digests mail.digests.text mail.dead-letters mail.ingest-checkpoints _schemas; do
  grep -q "topic \"$t\"" "$work/kcat-L.txt" || { echo "FAIL: kcat -L does not list $t"; exit 1; }
done

echo "--- kcat -C -t mail.digests.text"
kcat -b "$bootstrap" -C -t mail.digests.text -o beginning -e -q -X isolation.level=read_committed >"$work/digest.txt"
head -12 "$work/digest.txt"
grep -q "^WIDGETS mailing list update from 1 to 4$" "$work/digest.txt" || { echo "FAIL: digest title not found"; exit 1; }
grep -q "(2 of 2 patches + cover letter, Alice Example)" "$work/digest.txt" || { echo "FAIL: the series is not whole in the digest"; exit 1; }

echo "--- confluent_kafka.avro.AvroConsumer"
/usr/bin/python3 "$root/scripts/confluent-avro-consumer.py" --bootstrap-server "$bootstrap" \
  --schema-registry-url "$registry" --topic mail.raw --count 4 | tee "$work/raw.jsonl"
/usr/bin/python3 "$root/scripts/confluent-avro-consumer.py" --bootstrap-server "$bootstrap" \
  --schema-registry-url "$registry" --topic mail.digests --count 1 | tee "$work/digest.jsonl"
grep -q '"messages": 4' "$work/digest.jsonl" || { echo "FAIL: AvroConsumer did not decode the digest"; exit 1; }
[ "$(wc -l <"$work/raw.jsonl")" -eq 4 ] || { echo "FAIL: AvroConsumer did not decode 4 raw mails"; exit 1; }

echo "--- Ctrl-C"
kill -INT "$pid"
status=0; wait "$pid" || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 130 ] || { echo "FAIL: run exited with $status on SIGINT"; tail -20 "$work/run.log"; exit 1; }
grep -q "embedded Kafka stopped" "$work/run.log" || { echo "FAIL: no clean shutdown"; tail -20 "$work/run.log"; exit 1; }
echo "kafka tooling: OK"
