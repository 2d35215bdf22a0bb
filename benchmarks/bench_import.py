#!/usr/bin/env python3
"""Import speed at scale, on real data: LIAR train (10,269 PolitiFact statements) as ClaimReview JSON-LD,
then SNU FactCheck (4,762 Korean verdicts) as CSV, into an empty claims repository, through the CLI.

usage: .venv/bin/python benchmarks/bench_import.py [--data ../shared/data] [--compare] [--keep]

Input files are generated in a temporary folder from ../shared/data (nothing is copied into the repo).
Each `factcheck import` runs as its own process, as a user would run it, with its own index cache:
the time includes start-up, duplicate checks, writing the files, and indexing them for search.
Then both files are imported again (idempotency: nothing may be added), one search is timed, and every
written file is read back and validated.

--compare also times, on 500 records, the choices made for speed: ruamel's round-trip dumper against
the fast emitter, and an fsync per file against one os.sync() per batch.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
FACTCHECK = Path(sys.executable).parent / "factcheck"

LIAR_LABELS = {  # PolitiFact's own wording of LIAR's labels
    "true": "True", "mostly-true": "Mostly True", "half-true": "Half True",
    "barely-true": "Mostly False", "false": "False", "pants-fire": "Pants on Fire",
}
SNU_MAP = "claim=title,reviewed=date,rating=judge,appearance=source,url=https://factcheck.snu.ac.kr/facts/show?id={id}"


def liar_claimreviews(tsv: Path) -> list[dict]:
    """LIAR rows as ClaimReview objects, as PolitiFact would publish them."""
    out = []
    with tsv.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            statement_id, label, statement, subjects, speaker, job = row[0].removesuffix(".json"), *row[1:6]
            claim = {"@type": "Claim"}
            if speaker:
                claim["author"] = {"@type": "Person", "name": speaker.replace("-", " ").title(),
                                   **({"jobTitle": job} if job else {})}
            out.append({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"https://www.politifact.com/api/v/2/statement/{statement_id}/",
                "claimReviewed": statement,
                "reviewRating": {"@type": "Rating", "alternateName": LIAR_LABELS[label]},
                "itemReviewed": claim,
                "author": {"@type": "Organization", "name": "PolitiFact", "url": "https://www.politifact.com"},
                "inLanguage": "en",
                "keywords": [s for s in subjects.split(",") if s],
            })
    return out


def run(args: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run([str(FACTCHECK), *args], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start, done


def imported(done: subprocess.CompletedProcess) -> dict:
    if done.returncode != 0:
        sys.exit(f"factcheck failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    report = json.loads(done.stdout)
    return {k: report[k] for k in ("added", "duplicates", "invalid")}


def compare(records: list[dict], folder: Path) -> None:
    import io

    from factcheck.store.yaml import claim_yaml
    from factcheck.store.files import write_claim_files
    from factcheck.store.repo import Repo
    from factcheck.store.yaml import _round_trip_yaml
    from factcheck.store.files import atomic_write

    repo = Repo(folder)
    sample = records[:500]
    start = time.perf_counter()
    for record in sample:
        _round_trip_yaml().dump(record, io.StringIO())
    ruamel = (time.perf_counter() - start) / len(sample) * 1e3
    start = time.perf_counter()
    for record in sample:
        claim_yaml(record)
    fast = (time.perf_counter() - start) / len(sample) * 1e3
    print(f"  YAML: ruamel round-trip {ruamel:.2f} ms/claim, fast emitter {fast:.3f} ms/claim ({ruamel / fast:.0f}x)")
    (folder / "a").mkdir(parents=True)
    start = time.perf_counter()
    for i, record in enumerate(sample):
        atomic_write(folder / "a" / f"c{i}.yaml", claim_yaml(record).encode(), overwrite=False)
    each = (time.perf_counter() - start) / len(sample) * 1e3
    start = time.perf_counter()
    write_claim_files(repo, [(r, folder / "b" / f"c{i}.yaml") for i, r in enumerate(sample)])
    batched = (time.perf_counter() - start) / len(sample) * 1e3
    print(f"  writes: fsync per file {each:.2f} ms/claim, one os.sync() per batch {batched:.2f} ms/claim")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--compare", action="store_true", help="also time the YAML dumper and fsync choices")
    parser.add_argument("--keep", action="store_true", help="keep the temporary repository and print where")
    a = parser.parse_args()
    liar, snu = a.data / "liar" / "train.tsv", a.data / "snu-factcheck" / "fact_checks_final.csv"
    if not (liar.is_file() and snu.is_file()):
        print(f"skipped: the LIAR and SNU data are not in {a.data}")
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="fc-bench-import-"))
    try:
        claims = tmp / "claims"
        claims.mkdir()
        env = {**os.environ, "FACTCHECK_CACHE_DIR": str(tmp / "cache"), "NO_COLOR": "1"}
        reviews = liar_claimreviews(liar)
        liar_json = tmp / "liar-train-claimreview.json"
        liar_json.write_text(json.dumps(reviews, ensure_ascii=False), encoding="utf-8")
        print(f"data: {len(reviews)} LIAR train statements as ClaimReview JSON, {snu.name} (SNU, CSV)")
        base = ["--claims-dir", str(claims), "import", "--json"]

        t1, done = run([*base, str(liar_json)], env)
        c1 = imported(done)
        print(f"import LIAR ClaimReview: {t1:6.1f} s  {c1}")
        t2, done = run([*base, str(snu), "--publisher", "SNU팩트체크", "--language", "ko", "--map", SNU_MAP], env)
        c2 = imported(done)
        print(f"import SNU CSV:          {t2:6.1f} s  {c2}")
        total = c1["added"] + c2["added"]
        print(f"total: {total} claims added in {t1 + t2:.1f} s "
              f"({(t1 + t2) / total * 1000:.1f} s per 1,000, start-up and indexing included)")

        t3, done = run([*base, str(liar_json)], env)
        c3 = imported(done)
        t4, done = run([*base, str(snu), "--publisher", "SNU팩트체크", "--language", "ko", "--map", SNU_MAP], env)
        c4 = imported(done)
        print(f"again (idempotent):      {t3 + t4:6.1f} s  added {c3['added'] + c4['added']}, "
              f"duplicates {c3['duplicates'] + c4['duplicates']}")

        t5, done = run(["--claims-dir", str(claims), "search", "국민연금 고갈", "--json", "--limit", "3"], env)
        hits = len(json.loads(done.stdout)["results"]) if done.stdout.strip() else 0
        print(f"search right after:      {t5:6.2f} s  ({hits} results)")

        from factcheck.store.yaml import load_claim_file

        start = time.perf_counter()
        files = list(claims.rglob("*.yaml"))
        bad = [p for p in files if load_claim_file(p)[1]]
        print(f"read back: {len(files)} files, {len(bad)} invalid ({time.perf_counter() - start:.1f} s)")
        if a.compare:
            from factcheck.store.yaml import safe_loader

            sample = [safe_loader().load(p.read_text(encoding="utf-8")) for p in files[:500]]
            compare(sample, tmp / "compare")
        if a.keep:
            print(f"kept: {claims}")
        return 1 if bad or c3["added"] or c4["added"] else 0
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
