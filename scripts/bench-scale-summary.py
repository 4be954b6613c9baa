#!/usr/bin/env python3
"""Medians of scripts/bench-scale.sh's results.jsonl: one row per size, tool and variant.

    scripts/bench-scale-summary.py results.jsonl
"""
import collections
import json
import statistics
import sys


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def main():
    runs = collections.defaultdict(list)
    for line in open(sys.argv[1]):
        line = line.strip()
        if line:
            run = json.loads(line)
            runs[(run["size"], run["tool"], run["variant"])].append(run)
    # CPU ms/msg after start-up: bench's figure without the stack's start (broker, registry,
    # topics); the floor's cpu_s is counted from after its start already; public-inbox-index has none.
    print("| messages | tool | JVM | runs | msgs/s (median, range) | wall s | CPU s | CPU ms/msg | CPU ms/msg after start-up | peak heap MB | peak RSS MB | load |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    floors = {}
    benches = {}
    for (size, tool, variant), group in sorted(runs.items()):
        def values(key):
            return [v for v in (number(r["figures"].get(key)) for r in group) if v is not None]
        walls = values("wall_s")
        cpus = values("cpu_s") or [u + s for u, s in zip(values("user_s"), values("sys_s"))]
        rates = values("msgs_per_s") or [size / w for w in walls]
        median_rate = statistics.median(rates)
        cell = f"{median_rate:,.0f} ({min(rates):,.0f}-{max(rates):,.0f})" if len(rates) > 1 else f"{median_rate:,.0f}"
        heap = values("peak_heap_mb")
        rss = values("peak_rss_mb")
        loads = [number(r["load"]) for r in group]
        def median(numbers, fmt):
            return format(statistics.median(numbers), fmt) if numbers else ""
        after = values("cpu_ms_per_msg_after_startup") or ([1000 * c / size for c in cpus] if tool == "floor" else [])
        print(f"| {size:,} | {tool} | {variant} | {len(group)} | {cell} | {median(walls, '.1f')} | {median(cpus, '.1f')} "
              f"| {1000 * statistics.median(cpus) / size:.2f} | {median(after, '.2f')} | {median(heap, ',.0f')} | {median(rss, ',.0f')} |", end="")
        print(f" {min(loads):.1f}-{max(loads):.1f} |")
        if tool == "floor":
            floors[size] = median_rate
        if tool == "bench":
            benches[(size, variant)] = median_rate
    print()
    for (size, variant), rate in sorted(benches.items()):
        if size in floors:
            print(f"- {size:,} messages, bench {variant}: {100 * rate / floors[size]:.0f}% of the floor")


if __name__ == "__main__":
    main()
