#!/usr/bin/env python3
"""Top frames of a JFR recording's execution samples, from `jfr print --json --events jdk.ExecutionSample`.

    scripts/jfr-top.py RECORDING.jfr [N]

Prints three tables: the top N methods by self samples (the sampled frame), the top N by
samples anywhere on the stack (inclusive), and self samples per owner (the
nearest frame on the stack that is ours, by package, or a library's) so a profile says at a glance whose code the CPU went to.
"""
import collections
import json
import subprocess
import sys


def owner(name):
    if name.startswith("dev.maildigest."):
        return "ours: " + name.split(".")[2]
    for prefix, who in ( ("org.apache.kafka.", "kafka (clients, streams)"), ("org.apache.avro.", "avro"),
                        ("org.eclipse.jgit.", "jgit"), ("org.rocksdb.", "rocksdb"), ("net.jpountz.", "lz4"),
                        ("io.confluent.", "confluent"), ("kafka.", "kafka (broker)"), ("scala.", "kafka (broker)"), ("org.apache.james.mime4j.", "mime4j (the parser's)"),
                        ("com.fasterxml.", "jackson"), ("java.", None), ("jdk.", None), ("sun.", None)):
        if name.startswith(prefix):
            return who
    return "other: " + ".".join(name.split(".")[:3])


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", recording],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    self_count = collections.Counter()
    inclusive = collections.Counter()
    owners = collections.Counter()
    first_ours = collections.Counter()
    for event in events:
        frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
        names = [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in frames]
        names = [n for n in names if "$$Lambda" not in n]
        if not names:
            continue
        self_count[names[0]] += 1
        # The sample's owner is the nearest library or package of ours on its stack: a JDK frame
        # (String, zip, ByteBuffer...) counts for whoever called it.
        owners[next((owner(n) for n in names if owner(n)), "jdk (no other frame)")] += 1
        for name in set(names):
            inclusive[name] += 1
        ours = next((n for n in names if n.startswith("dev.maildigest.")), None)
        if ours:
            first_ours[ours] += 1
    total = sum(self_count.values())
    print(f"{recording}: {total} samples")
    for title, counter in (("self", self_count), ("inclusive", inclusive), ("nearest frame of ours, for samples under our code", first_ours)):
        print(f"\n| {title} | samples | % |\n| --- | --- | --- |")
        for name, count in counter.most_common(top):
            print(f"| `{name}` | {count} | {100 * count / total:.1f} |")
    print("\n| owner (self) | samples | % |\n| --- | --- | --- |")
    for name, count in owners.most_common():
        print(f"| {name} | {count} | {100 * count / total:.1f} |")


if __name__ == "__main__":
    main()
