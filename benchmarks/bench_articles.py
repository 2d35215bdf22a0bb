"""Benchmark: `factcheck extract` per article, cold and warm, and `factcheck scan` of 50 articles.

- extract, cold: the real CLI in a fresh process (`python -m factcheck extract FILE --json`), so the
  figure holds Python's start-up, the imports (trafilatura for HTML) and the index opening; paired
  with `python -c pass` run just before it, so that load from other users of a shared machine weighs on
  both alike and their ratio holds.
- extract, warm: the library in one process, the same article again (imports done, index open).
- scan: a local feed of 50 articles (the seed article and the test fixtures, EUC-KR among them, under
  50 addresses) served by a real HTTP server on 127.0.0.1 in its own process; the CLI scans it with
  --all, so every article is fetched, extracted and matched each run.

Every figure is the median of --runs runs. It asserts nothing; no traffic leaves 127.0.0.1.

    .venv/bin/python benchmarks/bench_articles.py [--runs 5]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from http_server import LocalServer, Reply  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "000_78ba2e18149e923e.txt"
FIXTURES = ROOT / "tests" / "data" / "articles"
ARTICLES = [
    (SEED, "text/plain; charset=utf-8", ["--date", "2025-09-24"]),
    (FIXTURES / "suwon-2026-budget.html", "text/html; charset=utf-8", []),
    (FIXTURES / "gangneung-work-plan.txt", "text/plain; charset=utf-8", []),
    (FIXTURES / "suncheon-national-budget.html", "text/html; charset=euc-kr", []),
]
SCAN_ARTICLES = 50


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def serve(pipe) -> None:
    """The server in its own process, so its threads never compete with the scanner for one GIL."""
    server = LocalServer().start()
    items = []
    for i in range(SCAN_ARTICLES):
        path, content_type, _args = ARTICLES[i % len(ARTICLES)]
        server.route(f"/news/{i}", Reply(200, path.read_bytes(), content_type=content_type))
        items.append(f"<item><title>기사 {i}</title><link>{server.url(f'/news/{i}')}</link></item>")
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{"".join(items)}</channel></rss>'
    server.route("/rss.xml", Reply(200, feed.encode(), content_type="application/rss+xml"))
    pipe.send(server.url("/rss.xml"))
    pipe.recv()
    server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fc-bench-articles-"))
    claims = work / "claims"
    shutil.copytree(ROOT / "claims", claims)
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1"}
    cli = [sys.executable, "-m", "factcheck", "--claims-dir", str(claims)]
    subprocess.run([*cli, "index"], env=env, stdout=subprocess.DEVNULL, check=True)

    print(f"extract, per article (median of {args.runs} runs)")
    print(f"{'article':36} {'python -c pass':>15} {'cold (CLI)':>11} {'ratio':>6} {'warm (library)':>15}")
    from factcheck.articles.extract import extract
    from factcheck.articles.text import from_bytes
    from factcheck.store.repo import Repo

    repo = Repo(claims, cache_dir=work / "cache")
    for path, _type, extra in ARTICLES:
        bare, cold = [], []
        for _ in range(args.runs):
            bare.append(timed([sys.executable, "-c", "pass"], env))
            cold.append(timed([*cli, "extract", str(path), "--json", *extra], env))
        date = extra[1] if extra else None
        extract(from_bytes(path.read_bytes()).with_known(date=date), repo)  # imports and index, once
        warm = []
        for _ in range(args.runs):
            start = time.perf_counter()
            extract(from_bytes(path.read_bytes()).with_known(date=date), repo)
            warm.append(time.perf_counter() - start)
        b, c, w = (statistics.median(x) for x in (bare, cold, warm))
        print(f"{path.name:36} {b * 1000:13.0f} ms {c:9.2f} s {c / b:5.0f}x {w * 1000:13.0f} ms")

    here, there = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(there,), daemon=True)
    server.start()
    feed = here.recv()
    scans = [timed([*cli, "scan", feed, "--all", "--allow-private", "--json"], env) for _ in range(args.runs)]
    here.send("stop")
    server.join(5)
    median = statistics.median(scans)
    print(f"\nscan of {SCAN_ARTICLES} articles from a local feed (--all, median of {args.runs} runs): "
          f"{median:.2f} s, {median / SCAN_ARTICLES * 1000:.0f} ms per article")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
