#!/usr/bin/env bash
# Acceptance of `serve` and `run --serve-port`, as a person and a feed reader see them:
#   - `run --follow --serve-port` on a small mbox written here (hostile subjects, names and
#     Message-IDs among its mails), plus a second instance started with `serve`: the two share
#     the lists and answer for each other;
#   - headless Chromium takes a screenshot of each page kind (front page, list index, digest),
#     with no console error (a blocked style or script would log one) and nothing that loads or runs;
#   - Debian's python3-feedparser reads the Atom feed: entry count, titles, dates, links that
#     resolve on the server, and no markup from mail;
#   - a bounded loopback load test (scripts/serve-load.py) of the digest page and the feed.
# Installs Debian's chromium and python3-feedparser when missing. Screenshots go to
# pipeline/target/serve-*.png.
set -euo pipefail
. "$(dirname "$0")/check-lib.sh"

need=()
command -v chromium >/dev/null || need+=(chromium)
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || need+=(python3-feedparser)
apt_install ${need[@]+"${need[@]}"}
require_jar

work="$(mktemp -d)"
kport=$(free_port); rport=$(free_port); sport=$(free_port); s2port=$(free_port)
run_url="http://127.0.0.1:$sport"; serve_url="http://127.0.0.1:$s2port"

# Twelve mails over four days, in our own words; three per range gives four digests.
/usr/bin/python3 - "$work/gears.mbox" <<'PY'
import sys
subjects = [
    "[PATCH] gears: count teeth <script>alert(1)</script>",
    "[PATCH] gears: \"><img src=x onerror=alert(2)> ratio table",
    "[PATCH] gears: javascript:alert(3) is not a gear",
    "[PATCH] gears: a subject that ends a CDATA ]]> section",
    "[PATCH 0/2] sprocket: tighten the chain",
    "[PATCH 1/2] sprocket: measure the slack",
    "[PATCH 2/2] sprocket: take up the slack",
    "Re: [PATCH 1/2] sprocket: measure the slack",
    "[PATCH v2] cogs: oil before use",
    "Re: [PATCH v2] cogs: oil before use",
    "[GIT PULL] gears fixes",
    "[PATCH] gears: last one of the week",
]
names = ['Ada "><img src=x onerror=alert(4)> Lindqvist', "Bo <script>alert(5)</script> Okafor", "javascript:alert(6)", "Chen Wu"]
with open(sys.argv[1], "w") as f:
    for i, subject in enumerate(subjects):
        name = names[i % len(names)]
        day, hour = 2 + i // 3, 8 + i % 3
        mid = "../../etc/passwd-%d@evil.example" % i if i == 0 else "m%d@gears.example" % i
        f.write("From mboxrd@z Thu Jan  1 00:00:00 1970\n")
        f.write('From: "%s" <dev%d@gears.example>\nTo: gears@lists.example.org\nSubject: %s\n' % (name.replace('"', "'"), i % 4, subject))
        f.write("Message-ID: <%s>\nDate: Mon, %d Mar 2026 %02d:00:00 +0000\nList-Id: <gears.lists.example.org>\n" % (mid, day, hour))
        f.write("\nGears %d want oil.<script>alert(7)</script> ]]> &amp; done\n\n" % i)
        f.write("Signed-off-by: %s <dev%d@gears.example>\n---\n gears.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\n" % (name, i % 4))
PY

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  cp "$work/run.log" "$root/pipeline/target/serve-check-run.log" 2>/dev/null || true
  cp "$work/serve.log" "$root/pipeline/target/serve-check-serve.log" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$root/pipeline/bin/pipeline" run --follow --interval 2s --quiet --data-dir "$work/data" --max-range 3 \
  --kafka-port "$kport" --registry-port "$rport" --serve-port "$sport" --name gears "$work/gears.mbox" \
  >"$work/run.out" 2>"$work/run.log" &
pids+=($!)
for _ in $(seq 240); do grep -q "serving digests" "$work/run.log" && break; sleep 0.5; done
"$root/pipeline/bin/pipeline" serve --bootstrap-server "127.0.0.1:$kport" --schema-registry-url "http://127.0.0.1:$rport" \
  --listen "127.0.0.1:$s2port" --state-dir "$work/serve2" >"$work/serve.out" 2>"$work/serve.log" &
pids+=($!)

# Both instances answer for the list once the stores hold its four digests.
entries() { curl -s --max-time 10 "$1/gears/atom.xml" | grep -c '<entry>' || true; }
for _ in $(seq 240); do
  [ "$(entries "$run_url")" = 4 ] && [ "$(entries "$serve_url")" = 4 ] && break
  sleep 0.5
done
[ "$(entries "$serve_url")" = 4 ] || { echo "FAIL: the feed does not have 4 entries within 120 s"; tail -20 "$work/run.log" "$work/serve.log"; exit 1; }

# The front page asks both instances: wait until neither is in the middle of a rebalance.
for _ in $(seq 60); do
  curl -s "$serve_url/" | grep -q 'did not answer' || break
  sleep 1
done

echo "--- headless Chromium, each page kind"
digest_path=$(curl -s "$serve_url/gears/" | grep -o 'href="/gears/[0-9A-Za-z]*\.\.[0-9A-Za-z]*/"' | head -1 | cut -d'"' -f2)
[ -n "$digest_path" ] || { echo "FAIL: the index links no digest"; exit 1; }
profile="$work/chromium"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile"
       --enable-logging=stderr --v=0 --window-size=1200,1600)
for kind in front:/ index:/gears/ digest:"$digest_path"; do
  name=${kind%%:*}; path=${kind#*:}
  shot="$root/pipeline/target/serve-$name.png"
  rm -f "$shot"
  chromium "${flags[@]}" --screenshot="$shot" "$serve_url$path" 2>"$work/chromium-$name.log" >/dev/null || true
  chromium "${flags[@]}" --dump-dom "$serve_url$path" 2>>"$work/chromium-$name.log" >"$work/$name.dom" || true
  if grep -E 'CONSOLE|Uncaught|Failed to load resource|Refused to' "$work/chromium-$name.log"; then
    echo "FAIL: $path logged console errors (above)"; exit 1
  fi
  if grep -Eio '<(script|img|iframe|object|embed)\b|\bsrc=|\bon[a-z]+=|url\(' "$work/$name.dom"; then
    echo "FAIL: $path loads or runs something (above)"; exit 1
  fi
  [ -s "$shot" ] || { echo "FAIL: no screenshot of $path"; cat "$work/chromium-$name.log"; exit 1; }
  grep -q '</h1>' "$work/$name.dom" || { echo "FAIL: $path has no title heading"; exit 1; }
  if grep -q 'did not answer' "$work/$name.dom"; then echo "FAIL: $path misses an instance's lists"; exit 1; fi
  echo "$name page $path: screenshot $shot ($(stat -c %s "$shot") bytes), no console errors"
done
headers=$(curl -sI "$serve_url$digest_path")
grep -qi "^content-security-policy: default-src 'none'" <<<"$headers" || { echo "FAIL: no CSP"; echo "$headers"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$serve_url/gears/")" = 405 ] || { echo "FAIL: POST is not refused"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$serve_url/../../etc/passwd")" != 200 ] || { echo "FAIL: traversal"; exit 1; }

echo "--- python3-feedparser"
/usr/bin/python3 - "$serve_url" <<'PY'
import sys, time, urllib.request, feedparser
from html.parser import HTMLParser

class Tags(HTMLParser):
    """Start tags and attribute names, as a browser's tokenizer sees them."""
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = set(), set()
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)

base = sys.argv[1]
# Unsanitized: what the server sent, not what feedparser would clean up.
feed = feedparser.parse(base + "/gears/atom.xml", sanitize_html=False)
assert not feed.bozo, "feed not well-formed: %s" % feed.get("bozo_exception")
assert feed.version == "atom10", feed.version
entries = feed.entries
assert len(entries) == 4, "4 entries, got %d" % len(entries)
dates = [e.updated_parsed for e in entries]
assert all(dates), "every entry has a date"
assert dates == sorted(dates, reverse=True), "newest first"
assert time.strftime("%Y-%m-%d", dates[0]) == "2026-03-05", dates[0]
assert len({e.id for e in entries}) == 4, "distinct ids"
for e in entries:
    assert e.title.startswith("GEARS mailing list update from "), e.title
    with urllib.request.urlopen(e.link, timeout=10) as r:
        assert r.status == 200 and r.headers["Content-Type"].startswith("text/html"), e.link
    tags = Tags()
    tags.feed(e.content[0].value)
    assert not tags.tags & {"script", "img", "iframe", "object", "embed", "svg", "form"}, tags.tags
    assert not any(a.startswith("on") or a == "style" for a in tags.attrs), tags.attrs
texts = " ".join(e.content[0].value for e in entries)
assert "&lt;script&gt;alert(1)&lt;/script&gt;" in texts, "the hostile subject is shown as text"
print("feedparser: %d entries, titles %s..., newest updated %s, every link resolves"
      % (len(entries), entries[0].title, time.strftime("%Y-%m-%dT%H:%M:%SZ", dates[0])))
PY

echo "--- bounded loopback load test (the same digest page from both instances: one owns the list, the other forwards)"
# /-/lists.json gives the lists whose stores an instance holds (active): that one owns the list.
for u in "$run_url" "$serve_url"; do
  curl -s "$u/-/lists.json" | grep -q '"list":"gears"' && echo "the list's owner: $u (the other instance forwards to it)"
done
/usr/bin/python3 "$root/scripts/serve-load.py" --requests 2000 --max-seconds 30 --concurrency 4 \
  "$run_url$digest_path" "$serve_url$digest_path" "$run_url/gears/atom.xml"
echo "serve: OK"
