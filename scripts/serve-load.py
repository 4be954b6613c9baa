#!/usr/bin/env python3
"""A bounded loopback load test of `serve`: for each URL, a fixed number of GET requests from a few
client threads (one keep-alive connection each), stopped early at a time limit, then the latency
percentiles and the rate. Only loopback addresses are accepted.

    scripts/serve-load.py --requests 2000 --max-seconds 30 --concurrency 4 URL...
"""
import argparse
import http.client
import ipaddress
import socket
import sys
import threading
import time
import urllib.parse


def run(url, requests, max_seconds, concurrency):
    parts = urllib.parse.urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    latencies, errors, lock = [], [], threading.Lock()
    remaining = [requests]
    deadline = time.monotonic() + max_seconds

    def take():
        with lock:
            if remaining[0] <= 0 or time.monotonic() > deadline:
                return False
            remaining[0] -= 1
            return True

    def client():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while take():
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as e:
                status = repr(e)
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            elapsed = time.perf_counter() - start
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors.append(status)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else float("nan")

    print("%-70s %5d ok %3d errors in %5.1f s: %7.1f req/s, p50 %6.2f ms, p99 %6.2f ms"
          % (parts.netloc + path, len(latencies), len(errors), wall, len(latencies) / wall, pct(50), pct(99)))
    return not errors and latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000, help="requests per URL (default 2000)")
    parser.add_argument("--max-seconds", type=float, default=30, help="stop each URL after this long (default 30)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("urls", nargs="+")
    args = parser.parse_args()
    for url in args.urls:
        host = urllib.parse.urlsplit(url).hostname
        if not ipaddress.ip_address(socket.gethostbyname(host)).is_loopback:
            sys.exit("error: %s is not a loopback address; this load test only targets this machine" % host)
    ok = all([run(url, min(args.requests, 100_000), min(args.max_seconds, 300), max(1, min(args.concurrency, 32)))
              for url in args.urls])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
