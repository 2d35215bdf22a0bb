#!/usr/bin/env python3
"""Start-up of `factcheck search` over the seed claims in English and in Korean (issue 15).

usage: bench_language.py [--runs 15] [--fc PATH/TO/factcheck] [--base PATH/TO/other/factcheck]

Runs, side by side and interleaved so that a shared machine's drift weighs on all alike: `python -c pass`
(the floor), then for LANG=C.UTF-8 and LANG=ko_KR.UTF-8 a warm seed search printing JSON, the same search
printing text into a pipe (Korean text: the catalog is read), and `factcheck --help`; with --base, the same searches by another build (one without the change
being measured) beside them. Prints each median, wall
time and CPU time, and its ratio to `python -c pass`; the target for the searches is ≤ 8×. Nothing here
asserts on time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED_CLAIMS = HERE.parent / "claims"
QUERIES = ("예타 면제", "ㅇㅌ ㅁㅈ", "national budget three years")
LANGUAGES = {"en": "C.UTF-8", "ko": "ko_KR.UTF-8"}
TARGET = 8.0


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall time and CPU time (user + system, from wait4) of one run. On a shared machine the wall time
    carries everyone else's load; the CPU time much less, so both are printed."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {proc.stderr.read().decode('utf-8', 'replace')}")
    proc.stderr.close()
    return seconds, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds of every command (default 15)")
    default_fc = Path(sys.executable).with_name("factcheck")
    parser.add_argument("--fc", default=str(default_fc), help=f"the factcheck executable (default {default_fc})")
    parser.add_argument("--base", help="another factcheck executable (a build without the change) to run beside")
    args = parser.parse_args()
    python = str(Path(args.fc).with_name("python"))
    cache = Path(tempfile.mkdtemp(prefix="fc-bench-lang-"))
    base_env = {k: v for k, v in os.environ.items()
                if not k.startswith(("FACTCHECK_", "LC_")) and k not in ("LANG", "LANGUAGE", "PYTHONDONTWRITEBYTECODE")}
    base_env["FACTCHECK_CACHE_DIR"] = str(cache)
    search = [args.fc, "--claims-dir", str(SEED_CLAIMS), "search"]
    commands = {"python -c pass": ([python, "-c", "pass"], None)}
    commands["ko: python -c pass"] = ([python, "-c", "pass"], LANGUAGES["ko"])
    for lang, locale in LANGUAGES.items():
        commands[f"{lang}: search --json"] = (search + [QUERIES[0], "--json"], locale)
        commands[f"{lang}: search, text into a pipe"] = (search + [QUERIES[0]], locale)
        commands[f"{lang}: --help"] = ([args.fc, "--help"], locale)
    # The other build keeps its index in a cache of its own: an index of another version is rebuilt, so a
    # shared cache would rebuild it at every switch between the two builds.
    base_cache = Path(tempfile.mkdtemp(prefix="fc-bench-lang-base-"))
    caches = {}
    if args.base:
        base_search = [args.base, "--claims-dir", str(SEED_CLAIMS), "search"]
        commands["base: search --json"] = (base_search + [QUERIES[0], "--json"], "C.UTF-8")
        commands["base: search, text into a pipe"] = (base_search + [QUERIES[0]], "C.UTF-8")
        caches = {name: str(base_cache) for name in commands if name.startswith("base:")}

    def env_of(name: str, locale: str | None) -> dict[str, str]:
        return {**base_env, "LANG": locale or "C.UTF-8", "FACTCHECK_CACHE_DIR": caches.get(name, str(cache))}

    try:
        for name, (cmd, locale) in commands.items():  # warm up: the index, the bytecode caches
            timed(cmd, env_of(name, locale))
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _round in range(args.runs):
            for name, (cmd, locale) in commands.items():
                times[name].append(timed(cmd, env_of(name, locale)))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(base_cache, ignore_errors=True)
    floor_wall = statistics.median(wall for wall, _cpu in times["python -c pass"])
    floor_cpu = statistics.median(cpu for _wall, cpu in times["python -c pass"])
    print(f"{'command':<34} {'wall':>9} {'ratio':>7} {'cpu':>9} {'ratio':>7}   (medians of {args.runs} runs, interleaved)")
    for name, runs in times.items():
        wall = statistics.median(w for w, _c in runs)
        cpu = statistics.median(c for _w, c in runs)
        mark = ""
        if "search" in name:
            mark = "  ok (≤ 8×)" if wall / floor_wall <= TARGET else "  over 8× (wall)"
        print(f"{name:<34} {wall * 1000:>6.1f} ms {wall / floor_wall:>6.2f}× {cpu * 1000:>6.1f} ms "
              f"{cpu / floor_cpu:>6.2f}×{mark}")


if __name__ == "__main__":
    main()
