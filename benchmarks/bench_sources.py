"""Benchmark: `check_sources` on 200 slow pages over 20 loopback hosts, against a sequential baseline.

Each of 127.0.0.1 .. 127.0.0.20 (all loopback on Linux) gets its own threaded HTTP server, bound to
that address, serving 10 pages that each answer after 100 ms. The same 200 sources are checked
at the default limits and one at a time (concurrency 1, the baseline), a few runs each; medians and
their ratio are printed (target: at least 15x). Each server counts the requests it has in flight,
so the run also reports the most any single host saw at once (the per-host limit must hold).
Finally the same check runs through the CLI (`factcheck sources check`, a subprocess) on 20 claim
files in a temporary claims directory. No traffic leaves 127.0.0.0/8.

    .venv/bin/python benchmarks/bench_sources.py [--runs 3] [--no-cli]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from http_server import LocalServer, Reply  # noqa: E402

from factcheck.sources.defaults import DEFAULT_CONCURRENCY, DEFAULT_PER_HOST
from factcheck.sources.results import SourceTarget
from factcheck.sources.check import check_sources  # noqa: E402

HOSTS = 20
PAGES_PER_HOST = 10
DELAY = 0.1
QUOTE = "지난 18일 이재명 대통령 주재 국무회의"
PAGE = f"<html><body><nav>메뉴</nav><article><p>{QUOTE}에서 예타 면제가 의결됐다.</p></article></body></html>"


def serve(pipe) -> None:
    """The servers' own process, so that their threads never compete with the checker for one GIL
    (real sites do not run inside the checker either). Answers "ports", "reset" and "most" on `pipe`."""
    servers = []
    for n in range(1, HOSTS + 1):
        server = LocalServer(host=f"127.0.0.{n}").start()
        for i in range(PAGES_PER_HOST):
            server.route(f"/article/{i}", Reply(body=PAGE, delay=DELAY))
        servers.append(server)
    pipe.send([server.port for server in servers])
    while (command := pipe.recv()) != "stop":
        if command == "reset":
            for server in servers:
                server.max_in_flight = 0
            pipe.send(None)
        elif command == "most":
            pipe.send(max(server.max_in_flight for server in servers))
    for server in servers:
        server.stop()


class Servers:
    def __init__(self) -> None:
        import multiprocessing

        self.pipe, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=serve, args=(child,), daemon=True)
        self.process.start()
        self.ports = self.pipe.recv()

    def ask(self, command: str):
        self.pipe.send(command)
        return self.pipe.recv()

    def stop(self) -> None:
        self.pipe.send("stop")
        self.process.join(5)


def make_targets(ports: list[int]) -> list[SourceTarget]:
    return [
        SourceTarget(f"claim-{n:02d}", i, f"http://127.0.0.{n}:{port}/article/{i}", QUOTE)
        for n, port in enumerate(ports, 1)
        for i in range(PAGES_PER_HOST)
    ]


def timed_check(targets, servers: Servers, **limits) -> tuple[float, int]:
    servers.ask("reset")
    started = time.perf_counter()
    results = check_sources(targets, allow_private=True, **limits)
    elapsed = time.perf_counter() - started
    bad = [r for r in results if r.status != "ok"]
    if bad:
        raise SystemExit(f"benchmark broken: {len(bad)} source(s) not ok, e.g. {bad[0]}")
    return elapsed, servers.ask("most")


def write_claims(root: Path, targets: list[SourceTarget]) -> None:
    by_claim: dict[str, list[SourceTarget]] = {}
    for target in targets:
        by_claim.setdefault(target.claim_id, []).append(target)
    for claim_id, claim_targets in by_claim.items():
        lines = [f"id: {claim_id}", "claim: 벤치마크 주장", "status: half-true", "sources:"]
        for t in claim_targets:
            lines += [f"  - url: {t.url}", "    publisher: 벤치마크", f"    quote: {QUOTE}"]
        (root / f"{claim_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def cli_check(root: Path, servers: Servers) -> tuple[float, int, int]:
    servers.ask("reset")
    command = [sys.executable, "-m", "factcheck", "--claims-dir", str(root), "sources", "check", "--allow-private", "--json"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"benchmark broken: the CLI exited {done.returncode}: {done.stderr.strip()[:500]}")
    results = json.loads(done.stdout)["results"]
    return elapsed, len(results), servers.ask("most")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind (default 3)")
    parser.add_argument("--no-cli", action="store_true", help="skip the run through the CLI")
    args = parser.parse_args()

    servers = Servers()
    try:
        targets = make_targets(servers.ports)
        print(f"{len(targets)} pages on {HOSTS} loopback hosts, each answering after {DELAY * 1000:.0f} ms")
        timed_check(targets[:HOSTS], servers)  # warm-up: imports, thread pool, first connections

        fast = [timed_check(targets, servers) for _ in range(args.runs)]
        slow = [timed_check(targets, servers, concurrency=1, per_host=1) for _ in range(args.runs)]
        fast_median = statistics.median(t for t, _ in fast)
        slow_median = statistics.median(t for t, _ in slow)
        print(f"default limits ({DEFAULT_CONCURRENCY} at once, {DEFAULT_PER_HOST} per host): "
              f"median {fast_median:.2f} s  (runs: {', '.join(f'{t:.2f}' for t, _ in fast)})")
        print(f"sequential baseline (1 at a time):        median {slow_median:.2f} s  "
              f"(runs: {', '.join(f'{t:.2f}' for t, _ in slow)})")
        print(f"speed-up: {slow_median / fast_median:.1f}x  (target: at least 15x)")
        print(f"most requests in flight at once on one host: {max(m for _, m in fast)} "
              f"(limit {DEFAULT_PER_HOST}); sequential: {max(m for _, m in slow)}")

        if not args.no_cli:
            with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
                write_claims(Path(tmp), targets)
                elapsed, count, most = cli_check(Path(tmp), servers)
            print(f"CLI `factcheck sources check --json` on {count} sources in {HOSTS} claim files: "
                  f"{elapsed:.2f} s including start-up; most in flight on one host: {most}")
    finally:
        servers.stop()


if __name__ == "__main__":
    main()
