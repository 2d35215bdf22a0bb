#!/usr/bin/env python3
"""Files or packs for an import of N items (issue 17): where packing starts to pay (import.PACKS_AT).

usage: bench_import_layout.py [--sizes 250,1000,4000] [--runs 3]

For each size and layout: the wall time of `factcheck import` (the index refresh included) into an empty
repository, its disk use (allocated blocks, as `du` counts them) and its file count; medians of --runs.
Prints figures, asserts nothing.
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


def reviews(n: int) -> list[dict]:
    return [{"@type": "ClaimReview", "url": f"https://fc.example.org/checks/{i}",
             "claimReviewed": f"{i}번 주장: 시의 {i % 97}개 사업 예산이 {i % 13 + 2}년 연속 늘었다 (claim {i})",
             "reviewRating": {"alternateName": "대체로 사실 아님"}, "author": {"@type": "Organization", "name": "예시 팩트체크"}} for i in range(n)]


def disk(root: Path) -> tuple[int, int]:
    blocks = files = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            blocks += os.lstat(os.path.join(folder, name)).st_blocks * 512
            files += 1
    return blocks, files


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="250,1000,4000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    fc = str(Path(sys.executable).with_name("factcheck"))
    print(f"{'items':>6}  {'layout':<6}  {'import':>8}  {'disk':>9}  {'files':>6}")
    for n in map(int, args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="packs-layout-") as work:
            source = Path(work, "in.json")
            source.write_text(json.dumps(reviews(n), ensure_ascii=False), encoding="utf-8")
            for layout in ("files", "packs"):
                times = []
                for r in range(args.runs):
                    claims = Path(work, f"{layout}-{r}", "claims")
                    claims.mkdir(parents=True)
                    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(Path(work, f"cache-{layout}-{r}"))}
                    start = time.perf_counter()
                    subprocess.run([fc, "--claims-dir", str(claims), "import", str(source), "--layout", layout,
                                    "--json"], env=env, check=True, capture_output=True)
                    times.append(time.perf_counter() - start)
                size, files = disk(claims)
                print(f"{n:>6}  {layout:<6}  {statistics.median(times):>6.2f} s  {size / 1e6:>6.2f} MB  {files:>6}",
                      flush=True)


if __name__ == "__main__":
    main()
