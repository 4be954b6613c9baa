#!/usr/bin/python3
"""Reads a pipeline's /metrics with Prometheus' own text parser (Debian's python3-prometheus-client).

Fails on a parse error, on a series (name and labels) exported twice, on a topic exported under
both its name and Kafka's deprecated underscore form, and when the meters the README promises
are missing. Usage: check-metrics.py URL|FILE
"""
import sys
import urllib.request
from collections import Counter

from prometheus_client.parser import text_string_to_metric_families

EXPECTED = [
    "maildigest_messages_ingested_total",
    "maildigest_ingested_bytes_total",
    "maildigest_messages_parsed_total",
    "maildigest_digests_emitted_total",
    "maildigest_stage_time_seconds_sum",
    "process_cpu_seconds_total",
]


def read(source):
    if source.startswith("http://") or source.startswith("https://"):
        with urllib.request.urlopen(source, timeout=10) as response:
            return response.read().decode("utf-8")
    with open(source, encoding="utf-8") as f:
        return f.read()


def main(source):
    text = read(source)
    series = Counter()
    topics = {}
    try:
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                series[(sample.name, tuple(sorted(sample.labels.items())))] += 1
                if "topic" in sample.labels:
                    topics.setdefault(sample.name, set()).add(sample.labels["topic"])
    except Exception as e:  # the parser's only way to say the text is not Prometheus text
        print(f"metrics: not valid Prometheus text: {e}", file=sys.stderr)
        return 1
    problems = [f"series exported {n} times: {name}{dict(labels)}" for (name, labels), n in series.items() if n > 1]
    for name, names in topics.items():
        for topic in names:
            if "." in topic and topic.replace(".", "_") in names:
                problems.append(f"{name}: topic {topic} also exported as {topic.replace('.', '_')}")
    names = {name for name, _ in series}
    problems += [f"missing: {name}" for name in EXPECTED if name not in names]
    for problem in problems:
        print("metrics: " + problem, file=sys.stderr)
    if problems:
        return 1
    dotted = sum(1 for names in topics.values() for t in names if "." in t)
    print(f"metrics: {len(series)} series parsed by prometheus_client, none twice ({dotted} topic series checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
