#!/usr/bin/env python3
"""CPU seconds per thread group of a command's process, from /proc: which threads did the work.

    scripts/thread-cpu.py COMMAND [ARGS...]

Runs COMMAND, prints its last line of output, then the process's CPU by thread name with
digits folded (stream-thread-1 and -2 together), largest first. Linux only. Each thread is read
every 0.2 s, so a thread that ends early loses at most its last 0.2 s. JFR's execution samples
cannot say this: they miss native code (zlib, lz4, RocksDB) and the JIT compiler's and the
collector's threads.
"""
import collections
import os
import re
import subprocess
import sys
import time


def group(name):
    return re.sub(r"[-_ #]?\d+$", "", re.sub(r"\d+", "N", name))


def main():
    process = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}  # thread id -> (name, CPU seconds so far)
    while process.poll() is None:
        try:
            for tid in os.listdir(f"/proc/{process.pid}/task"):
                try:
                    with open(f"/proc/{process.pid}/task/{tid}/stat") as f:
                        stat = f.read()
                except OSError:
                    continue  # ended meanwhile
                name = stat[stat.index("(") + 1:stat.rindex(")")]
                fields = stat[stat.rindex(")") + 2:].split()
                seconds[tid] = (name, (int(fields[11]) + int(fields[12])) / ticks)  # utime + stime
        except OSError:
            pass
        time.sleep(0.2)
    lines = process.stdout.read().decode().strip().splitlines()
    print(lines[-1] if lines else "")
    groups = collections.Counter()
    for name, cpu in seconds.values():
        groups[group(name)] += cpu
    print(f"{sum(groups.values()):7.2f} s  all threads")
    for name, cpu in groups.most_common(15):
        print(f"{cpu:7.2f} s  {name}")
    sys.exit(process.returncode)


if __name__ == "__main__":
    main()
