#!/usr/bin/env python3
"""How soon `factcheck list` shows its first line, and how long it takes in all (issue 13, item 6).

usage: bench_list.py [--n 4766] [--runs 5] [--keep DIR] [--baseline-fc OTHER/factcheck]

Generates N claims as bench_search.py does (its generator, the same layout), builds the index once, then runs
the real CLI as subprocesses, warm, into a pipe and on a pseudo-terminal 120 columns wide (--no-pager, as a
terminal without a pager shows it). Each figure is the median of --runs runs: the time to the first line of
output, and to the end. `python -c pass` and, with --baseline-fc, another build (e.g. main's) run in the same
rounds, interleaved, so that load on a shared machine weighs on every figure alike. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import SEED, generate, log  # noqa: E402


def timed_run(cmd: list[str], env: dict, on_terminal: bool) -> tuple[float, float]:
    """(seconds to the first line of stdout, seconds to the end) of one run."""
    if on_terminal:
        leader, follower = pty.openpty()
        os.set_blocking(leader, False)
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=follower, stdout=follower, stderr=subprocess.DEVNULL, env=env)
        os.close(follower)
        source = leader
    else:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                env=env)
        source = proc.stdout.fileno()
        os.set_blocking(source, False)
    first = None
    while True:
        ready, _, _ = select.select([source], [], [], 1.0)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            chunk = os.read(source, 1 << 16)
        except OSError:  # a pseudo-terminal whose child has gone
            break
        if not chunk:
            break
        if first is None and b"\n" in chunk:
            first = time.perf_counter() - start
    proc.wait()
    end = time.perf_counter() - start
    if on_terminal:
        os.close(leader)
    else:
        proc.stdout.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return (end if first is None else first), end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=4766, help="claims in the corpus (default 4766)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each figure (default 5)")
    parser.add_argument("--keep", type=Path, help="generate the corpus here, or reuse it if it is already there")
    default_fc = Path(sys.executable).with_name("factcheck")
    parser.add_argument("--fc", default=str(default_fc), help=f"the factcheck executable (default {default_fc})")
    parser.add_argument("--baseline-fc", help="another build's factcheck executable, measured in the same rounds")
    args = parser.parse_args()
    python = str(Path(args.fc).with_name("python"))

    work = Path(tempfile.mkdtemp(prefix="fc-bench-list-"))
    claims = args.keep or work / "claims"
    try:
        if not (claims / "schema.json").exists():
            log(f"generating {args.n:,} claims in {claims}")
            generate(claims, args.n, 1000, SEED)
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
        env.update(COLUMNS="120", LANG="C.UTF-8", NO_COLOR="1", TERM="xterm-256color")
        builds = {"this build": args.fc, **({"baseline": args.baseline_fc} if args.baseline_fc else {})}
        envs = {label: {**env, "FACTCHECK_CACHE_DIR": str(work / f"cache-{i}")} for i, label in enumerate(builds)}
        for label, fc in builds.items():
            log(f"{label}: building the index")
            subprocess.run([fc, "--claims-dir", str(claims), "index"], env=envs[label], check=True,
                           stdout=subprocess.DEVNULL)
        cases = {
            "pipe": (["list"], False),
            "terminal": (["list", "--no-pager"], True),
            "--json": (["list", "--json"], False),
        }
        figures: dict[tuple[str, str], list[tuple[float, float]]] = {}
        floor = []
        for r in range(args.runs):
            floor.append(timed_run([python, "-c", "pass"], env, False)[1])
            for case, (extra, on_terminal) in cases.items():
                for label, fc in builds.items():
                    if label == "baseline" and case == "terminal":
                        extra_args = ["list"]  # an older build may have no --no-pager; PAGER=cat stands for it
                        run_env = {**envs[label], "PAGER": "cat"}
                    else:
                        extra_args, run_env = extra, envs[label]
                    cmd = [fc, "--claims-dir", str(claims), *extra_args]
                    figures.setdefault((label, case), []).append(timed_run(cmd, run_env, on_terminal))
            log(f"  round {r + 1}/{args.runs} done")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"factcheck list over {args.n:,} claims, warm index, median of {args.runs} runs; "
          f"python -c pass: {statistics.median(floor) * 1000:,.0f} ms")
    print(f"{'build':<12} {'output':<10} {'first line':>12} {'all':>10}")
    for (label, case), runs in figures.items():
        first = statistics.median(f for f, _ in runs)
        end = statistics.median(e for _, e in runs)
        print(f"{label:<12} {case:<10} {first * 1000:>9,.0f} ms {end * 1000:>7,.0f} ms")
    if "baseline" in builds:
        for case in cases:
            this = statistics.median(f for f, _ in figures[("this build", case)])
            base = statistics.median(f for f, _ in figures[("baseline", case)])
            print(f"first line, {case}: this build / baseline = {this / base:.2f}")


if __name__ == "__main__":
    main()
