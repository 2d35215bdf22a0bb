"""Benchmark: `factcheck extract` per article, cold and warm, and `factcheck scan` of 50 articles.

- extract, cold: the real CLI in a fresh process (`python -m factcheck extract FILE --json`), so the
  figure holds Python's start-up, the imports (trafilatura for HTML) and the index opening; paired
  with `python -c pass` run just before it, so that load from other users of a shared machine weighs on
  both alike and their ratio holds.
- extract, warm: the library in one process, the same article again (imports done, index open).
- scan: a local feed of 50 articles (the seed article and the test fixtures, EUC-KR among them, under
  50 addresses) served by a real HTTP server on 127.0.0.1 in its own process; the CLI scans it with
  --all, so every article is fetched, extracted and matched each run.

- marked: top-5 recall on the held-back regional articles of benchmarks/articles/ (marked.yaml: the
  sentences a fact-checker would check first, marked before any weight was tuned), for the half the
  weights may be tuned on and the half held back, and whether each headline that repeats a body
  sentence is merged into it.
- matching: how the cut-offs of articles/matching.py tier the labelled sentences of
  benchmarks/articles/repeats.yaml against the repository's claims, for the cut-offs in use and the best
  of a grid (a false match costs 3, a missed match 2, a missed related 1, an extra related 0.2).

Every time is the median of --runs runs. It asserts nothing; no traffic leaves 127.0.0.1.

    .venv/bin/python benchmarks/bench_articles.py [--runs 5] [--only speed|marked|matching]
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
MARKED_DIR = HERE / "articles"
TOP = 5


def yaml_file(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


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


def bench_speed(args, work: Path, claims: Path, env: dict) -> None:
    cli = [sys.executable, "-m", "factcheck", "--claims-dir", str(claims)]
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


# --------------------------------------------------------------------------- the held-back articles


def marked_articles() -> list[dict]:
    return yaml_file(MARKED_DIR / "marked.yaml")["articles"]


def judge_article(entry: dict, table=None) -> dict:
    """The article's marked sentences found in the top 5, and whether its headline is merged."""
    from factcheck.articles.extract import candidates_of
    from factcheck.articles.sentences import article_sentences
    from factcheck.articles.text import from_bytes

    date = str(entry["date"]) if entry.get("date") else None
    article = from_bytes((MARKED_DIR / entry["file"]).read_bytes()).with_known(date=date)
    top = [c.text for c in candidates_of(article, table)[:TOP]]
    found = [words for words in entry["checkworthy"] if any(words in text for text in top)]
    merged = None
    if entry.get("headline_repeats"):
        sentences = article_sentences(article)
        body = [s for s in sentences if entry["headline_repeats"] in s.text and s.kind != "headline"]
        merged = bool(body) and body[0].in_headline and not any(s.kind == "headline" for s in sentences
                                                               if s.text in article.headlines[:1])
    return {"file": entry["file"], "half": entry["half"], "marked": len(entry["checkworthy"]), "found": found,
            "missed": [w for w in entry["checkworthy"] if w not in found], "merged": merged, "top": top}


def bench_marked(table=None) -> None:
    results = [judge_article(entry, table) for entry in marked_articles()]
    print(f"\nheld-back articles: marked check-worthy sentences in the top {TOP}")
    for result in results:
        merged = {None: "", True: " · headline merged", False: " · HEADLINE NOT MERGED"}[result["merged"]]
        print(f"  {result['half']:4} {result['file']:32} {len(result['found'])}/{result['marked']}{merged}")
        for words in result["missed"]:
            print(f"       missed: {words}")
    for half in ("tune", "held"):
        mine = [r for r in results if r["half"] == half]
        found, marked = sum(len(r["found"]) for r in mine), sum(r["marked"] for r in mine)
        merges = [r["merged"] for r in mine if r["merged"] is not None]
        print(f"  {half}: top-{TOP} recall {found}/{marked} = {found / marked:.0%}; "
              f"headlines merged {sum(merges)}/{len(merges)}")


# --------------------------------------------------------------------------- matching's cut-offs


def labelled_sentences() -> list[tuple[str, dict[str, str]]]:
    """(sentence, {claim id: tier}) from repeats.yaml, and every sentence of the other cities' articles
    (here and in tests/data/articles) with no claim to repeat."""
    from factcheck.articles.sentences import article_sentences
    from factcheck.articles.text import from_bytes

    data = yaml_file(MARKED_DIR / "repeats.yaml")
    out = []
    for entry in data["sentences"]:
        expected = {cid: "match" for cid in entry.get("match") or []}
        expected.update({cid: "related" for cid in entry.get("related") or []})
        out.append((entry["text"], expected))
    for path in sorted([*MARKED_DIR.glob("*.txt"), *MARKED_DIR.glob("*.html"), *FIXTURES.glob("*.txt"),
                        *FIXTURES.glob("*.html")]):
        out += [(s.text, {}) for s in article_sentences(from_bytes(path.read_bytes()))]
    return out


def judge_cutoffs(compared, cutoffs) -> dict:
    """How the cut-offs tier the labelled sentences: matches found and missed, false matches, related."""
    from factcheck.articles.matching import tier_of

    tally = dict.fromkeys(("match", "missed", "false_match", "related", "related_missed", "extra_related"), 0)
    for expected, similarities in compared:
        for similarity, row in similarities:
            want, got = expected.get(row.claim_id), tier_of(similarity, cutoffs)
            if want == "match":
                tally["match" if got == "match" else "missed"] += 1
            elif got == "match":
                tally["false_match"] += 1
            elif want == "related":
                tally["related" if got == "related" else "related_missed"] += 1
            elif got == "related":
                tally["extra_related"] += 1
    return tally


def bench_matching(repo) -> None:
    from itertools import product

    from factcheck.articles.matching import CUTOFFS, Cutoffs, Matcher

    matcher = Matcher(repo)
    labelled = labelled_sentences()
    compared = [(expected, matcher.similarities(text)) for text, expected in labelled]
    print(f"\nmatching: {len(labelled)} labelled sentences × {matcher.index.count()} stored claims "
          f"({sum(len(e) for _t, e in labelled)} labelled pairs; the rest repeat nothing)")
    header = f"{'claim_share':>11} {'match_sim':>9} {'related':>7} {'part':>5} |" + "".join(
        f"{k:>15}" for k in ("match", "missed", "false_match", "related", "related_missed", "extra_related"))
    print(header)
    rows = []
    for cs, ms, rs, ps in product((0.7, 0.75, 0.8, 0.85, 0.9), (0.5, 0.55, 0.6, 0.65, 0.7),
                                  (0.25, 0.3, 0.35, 0.4), (0.85, 0.9, 0.95)):
        cutoffs = Cutoffs(cs, ms, rs, ps)
        tally = judge_cutoffs(compared, cutoffs)
        cost = 3 * tally["false_match"] + 2 * tally["missed"] + tally["related_missed"] + 0.2 * tally["extra_related"]
        rows.append((cost, cutoffs, tally))
    rows.sort(key=lambda row: row[0])
    shown = rows[:8]
    if not any(row[1] == CUTOFFS for row in shown):
        shown.append(next((row for row in rows if row[1] == CUTOFFS), (0, CUTOFFS, judge_cutoffs(compared, CUTOFFS))))
    for _cost, cutoffs, tally in shown:
        mark = "  ← in use" if cutoffs == CUTOFFS else ""
        print(f"{cutoffs.claim_share:11.2f} {cutoffs.match_similarity:9.2f} {cutoffs.related_similarity:7.2f} "
              f"{cutoffs.part_share:5.2f} |" + "".join(f"{v:15d}" for v in tally.values()) + mark)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=("speed", "marked", "matching"))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fc-bench-articles-"))
    try:
        claims = work / "claims"
        shutil.copytree(ROOT / "claims", claims)
        env = {**os.environ, "FACTCHECK_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1"}
        if args.only in (None, "marked"):
            bench_marked()
        if args.only in (None, "matching"):
            from factcheck.store.repo import Repo

            bench_matching(Repo(claims, cache_dir=work / "cache"))
        if args.only in (None, "speed"):
            subprocess.run([sys.executable, "-m", "factcheck", "--claims-dir", str(claims), "index"], env=env,
                           stdout=subprocess.DEVNULL, check=True)
            bench_speed(args, work, claims, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
