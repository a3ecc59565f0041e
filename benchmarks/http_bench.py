"""HTTP API load on loopback: requests/s and latency (p50, p99) at concurrency 1, 8
and 32, and the server's memory after 10,000 requests.

Starts `milia serve` on a free loopback port (all cores unless --workers says
otherwise), warms it, then sends POST /api/analyze with real-sized labels over
kept-alive connections, one thread per concurrent client. Bounded: 10,000 requests
in all by default.

    python benchmarks/http_bench.py [--workers N] [--requests 10000]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = [
    (ROOT / "data/sample/mixa-lait-de-toilette.txt").read_text(encoding="utf-8"),
    "Aqua, Paraffinum Liquidum, Petrolatum, Lanolin Alcohol, Glycerin, Phenoxyethanol",
    "Water, Glycerin, Isopropyl Myristate, Cetearyl Alcohol, Dimethicone, Tocopherol",
    "Aqua, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Sodium Chloride, Parfum",
]
SHARES = {1: 0.1, 8: 0.3, 32: 0.6}
"""Part of the requests sent at each concurrency."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree_rss_mb(pid: int) -> float:
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                stack.extend(int(c) for c in Path(f"/proc/{p}/task/{task}/children").read_text().split())
        except OSError:
            continue
    return total / 1024


def _client(port: int, n: int, out: list[float], errors: list[int]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for i in range(n):
        body = json.dumps({"text": LABELS[i % len(LABELS)]})
        start = time.perf_counter()
        try:
            conn.request("POST", "/api/analyze", body, {"content-type": "application/json"})
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                errors.append(r.status)
        except (OSError, http.client.HTTPException):
            errors.append(0)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        out.append(time.perf_counter() - start)
    conn.close()


def _round(port: int, concurrency: int, total: int) -> tuple[float, float, float, int]:
    latencies: list[float] = []
    errors: list[int] = []
    per = max(1, total // concurrency)
    threads = [threading.Thread(target=_client, args=(port, per, latencies, errors))
               for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100)
    return len(latencies) / elapsed, q[49] * 1e3, q[98] * 1e3, len(errors)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, help="server processes (default: milia's)")
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()
    port = _free_port()
    cmd = [sys.executable, "-m", "ingredients", "serve", "--port", str(port)]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/api/health")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print("milia serve did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        _round(port, 8, 200)  # warm every process
        rss_start = _tree_rss_mb(server.pid)
        print(f"milia serve, {args.workers or 'default'} worker(s), {os.cpu_count()} cores; "
              f"server RSS after warm-up {rss_start:,.0f} MB")
        print(f"{'concurrency':>11} {'requests/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for concurrency, share in SHARES.items():
            rate, p50, p99, errors = _round(port, concurrency, int(args.requests * share))
            print(f"{concurrency:>11} {rate:>11,.0f} {p50:>8.1f} {p99:>8.1f} {errors:>7}")
        rss_end = _tree_rss_mb(server.pid)
        print(f"server RSS after {args.requests:,} requests: {rss_end:,.0f} MB "
              f"({rss_end - rss_start:+,.0f} MB)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
