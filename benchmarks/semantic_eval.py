#!/usr/bin/env python3
"""Matching by meaning (issue 11): paraphrases, posts, and the figures that must not regress, in one run.

usage: semantic_eval.py [--only paraphrases,clef,known,relevance,sentences] [--misses 10] [--split dev]

- paraphrases: the hand-written Korean paraphrases of SNU claims in queries/paraphrases-ko.yaml, searched
  over the 4,762 SNU claims plus the 10 seed claims. hit@1 / hit@5 count matches first, then related results
  (targets 0.70 / 0.90); matches alone hit@5 (target 0.50); the share of queries with no match. The set is
  split in two halves by position: `dev` (the 1st, 3rd, … entry), which search may be developed on and whose
  misses are printed, and `test` (the 2nd, 4th, …), scored only, never looked into.
- clef: CLEF 2020 CheckThat! Task 2 (English), the raw tweets of `dev/` (or `--split train`) against the
  10,375 Snopes claims, each stored as `factcheck import` stores a ClaimReview: the claim, and the review's
  title as its source's title. MAP@5 over matches then related (target 0.90), and of the tweets that get a
  match, the share whose first match is right (target 0.95).
- known: benchmarks/known_item.py (SNU known-item search, targets hit@1 0.98, hit@5 0.99), run as is.
- sentences: the sentences of benchmarks/articles (and tests/data/articles) that bench_articles labels, searched
  whole: those that repeat a claim of claims/ should match it; those that repeat none should match nothing,
  over claims/ and over the SNU claims (target: no match for 0.9, as for the negatives).
- relevance: ../shared/eval/relevance.py on the public set and the two extra sets, with the distractor corpus
  of relevance_corpus.py imported (targets hit@1 0.95, hit@5 1.00, negatives 0.9).

Beside factcheck, each of the first two prints BM25 (rank-bm25, the `bench` extra) and rapidfuzz WRatio over
the same claim texts. Search runs in-process through factcheck.search.ranking.search_claims, the function the
CLI calls. Nothing is asserted; it prints figures. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_search import code_version, log, write_claim  # noqa: E402
from known_item import build_repo, snu_rows  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data"
CLEF = DATA / "clef2020"
EVAL = HERE.parent.parent / "shared" / "eval"
PARAPHRASES = HERE / "queries" / "paraphrases-ko.yaml"
K = 5
EMBED = False  # --embed: every claim embedded first (the `meaning` extra), as `factcheck index --embed` does


# =========================================================================== searching


def search_ids(repo, query: str) -> tuple[list[str], list[str], float]:
    """(match ids, related ids, seconds) for one query, as `factcheck search --limit 5` would answer it."""
    from factcheck.search.ranking import search_claims

    start = time.perf_counter()
    outcome = search_claims(repo, query, limit=K)
    seconds = time.perf_counter() - start
    related = getattr(outcome, "related", [])  # the second tier, where the code has one
    return [r.record["id"] for r in outcome.results], [r.record["id"] for r in related], seconds


def run_factcheck(root: Path, queries: list[str], label: str):
    from factcheck.search.index import cache_dir, open_index
    from factcheck.store.repo import Repo

    repo = Repo(root, cache_dir(os.environ))  # the run's own cache (set in main), not ~/.cache
    start = time.perf_counter()
    index = open_index(repo)
    log(f"  {label}: index of {index.count():,} claims ready in {time.perf_counter() - start:.1f} s")
    if EMBED:
        from factcheck.search import embedding

        start = time.perf_counter()
        vectors = embedding.Vectors(index)
        done = embedding.embed(vectors, embedding.pending(index, vectors, index.ids()))
        seconds = time.perf_counter() - start
        print(f"{label}: `factcheck index --embed` equivalent: {done:,} claims embedded in {seconds:.0f} s "
              f"({seconds / max(done, 1) * 1000:.0f} ms a claim)")
    out = []
    for n, q in enumerate(queries, 1):
        out.append(search_ids(repo, q))
        if n % 50 == 0:
            log(f"  {label}: {n}/{len(queries)}")
    return out


# =========================================================================== baselines

_TOKEN = re.compile(r"[가-힣]+|[a-z0-9]+")
_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+")
_ENGLISH_STOPWORDS = set("""a an the of in on at to for by with from and or is are was were be been it its this that
these those as did does do has have had what when where who which why how about into than then there their they he
she his her we our you your i not no s t""".split())


def bm25_tokens(text: str) -> list[str]:
    """English words less URLs and stopwords; Korean words and their syllable bigrams (particles make whole
    Korean words rare)."""
    out = []
    for word in _TOKEN.findall(_URL.sub(" ", text.lower())):
        if word in _ENGLISH_STOPWORDS:
            continue
        out.append(word)
        if "가" <= word[0] <= "힣":
            out.extend(word[i : i + 2] for i in range(len(word) - 1))
    return out


def bm25_top(texts: list[str], ids: list[str], queries: list[str]) -> list[list[str]]:
    try:
        from rank_bm25 import BM25Okapi
    except ImportError:
        log("  rank-bm25 is not installed (pip install -e '.[bench]'): BM25 skipped")
        return []
    import numpy as np

    bm25 = BM25Okapi([bm25_tokens(t) for t in texts])
    out = []
    for q in queries:
        scores = bm25.get_scores(bm25_tokens(q))
        out.append([ids[i] for i in np.argsort(-scores)[:K]])
    return out


def wratio_top(texts: list[str], ids: list[str], queries: list[str]) -> list[list[str]]:
    from rapidfuzz import fuzz, process, utils

    processed = [utils.default_process(t) for t in texts]
    return [[ids[i] for _t, _s, i in process.extract(utils.default_process(q), processed, scorer=fuzz.WRatio,
                                                       processor=None, limit=K)] for q in queries]


# =========================================================================== paraphrases


def load_yaml(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def rank_in(found: list[str], gold: set[str]) -> int | None:
    return next((i for i, claim_id in enumerate(found) if claim_id in gold), None)


def paraphrases(args, work: Path) -> None:
    rows = snu_rows()
    root = work / "snu"
    log(f"paraphrases: writing {len(rows):,} SNU claims")
    records = build_repo(root, rows, with_liar=False)
    for path in args.paraphrases or [PARAPHRASES]:
        score_paraphrases(args, path, root, records)


def score_paraphrases(args, path: Path, root: Path, records: list[dict]) -> None:
    cases = load_yaml(path)["paraphrases"]
    ids_by_text: dict[str, set[str]] = {}
    for record in records:
        ids_by_text.setdefault(record["claim"], set()).add(record["id"])
    text_of = {r["id"]: r["claim"] for r in records}
    golds = [ids_by_text[text_of[c["id"]]] for c in cases]
    queries = [c["q"] for c in cases]
    answers = run_factcheck(root, queries, "paraphrases")
    texts, ids = [r["claim"] for r in records], [r["id"] for r in records]
    baselines = {"BM25 (rank-bm25)": bm25_top(texts, ids, queries), "rapidfuzz WRatio": wratio_top(texts, ids, queries)}

    print(f"\nKorean paraphrases — {len(cases)} queries ({path.name}) over {len(records):,} claims "
          f"(SNU + seed); code {args.version}")
    print("targets: hit@1 >= 0.70, hit@5 >= 0.90 (matches then related), matches-alone hit@5 >= 0.50\n")
    header = f"{'half, style':<16} {'n':>4}  {'hit@1':>6} {'hit@5':>6} {'match@5':>7} {'no match':>8}  " + "  ".join(
        f"{name.split()[0] + '@1':>8} {name.split()[0] + '@5':>8}" for name in baselines if baselines[name])
    print(header)
    print("-" * len(header))
    halves = {"dev": set(range(0, len(cases), 2)), "test": set(range(1, len(cases), 2))}
    styles = sorted({c["style"] for c in cases})
    rows = [(f"dev {style}", [i for i in sorted(halves["dev"]) if cases[i]["style"] == style]) for style in styles]
    rows += [("dev", sorted(halves["dev"])), ("test", sorted(halves["test"])), ("overall", list(range(len(cases))))]
    for style, idx in rows:
        n = len(idx)
        if not n:  # a style the dev half does not hold
            continue
        both = [rank_in(answers[i][0] + answers[i][1], golds[i]) for i in idx]
        alone = [rank_in(answers[i][0], golds[i]) for i in idx]
        line = (f"{style:<16} {n:>4}  {sum(r == 0 for r in both) / n:>6.2f} "
                f"{sum(r is not None for r in both) / n:>6.2f} {sum(r is not None for r in alone) / n:>7.2f} "
                f"{sum(not answers[i][0] for i in idx) / n:>8.2f}  ")
        for found in baselines.values():
            if found:
                ranks = [rank_in(found[i], golds[i]) for i in idx]
                line += f"{sum(r == 0 for r in ranks) / n:>8.2f} {sum(r is not None for r in ranks) / n:>8.2f}  "
        if style == "dev":
            print("-" * len(header))
        print(line.rstrip())
    times = [a[2] for a in answers]
    print(f"time per query: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
    print("misses of the dev half only (the test half is scored, never looked into):")
    shown = 0
    for i, (case, gold, (matches, related, _s)) in enumerate(zip(cases, golds, answers)):
        if i not in halves["dev"] or rank_in(matches + related, gold) == 0 or shown >= args.misses:
            continue
        shown += 1
        got = (matches + related)[:1]
        where = rank_in(matches + related, gold)
        print(f"  miss: {case['q']}\n    wanted {case['id']} {text_of[case['id']]} "
              f"({'rank ' + str(where + 1) if where is not None else 'not in top 5'})\n"
              f"    got    {got[0] + ' ' + text_of[got[0]] if got else '(nothing)'}"
              f"{' [match]' if matches else ' [related]' if related else ''}")


# =========================================================================== CLEF 2020 task 2


def clef_claims() -> list[dict]:
    with open(CLEF / "verified_claims.docs.tsv", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")  # quoted fields hold tabs and newlines
        next(reader)
        records = []
        for cols in reader:
            vclaim_id, claim, title = cols[0], " ".join(cols[1].split()), " ".join(cols[2].split())
            record = {"id": f"snopes-{vclaim_id}", "claim": claim or title, "status": "unverified"}
            # As `factcheck import` stores a ClaimReview: the review is the one source, its headline the title
            # and the quote.
            url = f"https://www.snopes.com/fact-check/{vclaim_id}/"
            record["sources"] = [{"url": url, **({"title": title} if title else {}), "publisher": "Snopes",
                                  "quote": title or claim, "kind": "secondary"}]
            record["origin"] = {"format": "claimreview", "url": url, "publisher": "Snopes"}
            records.append(record)
    return records


def clef_tweets(split: str) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    with open(CLEF / split / "tweets.queries.tsv", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        tweets = [(cols[0], cols[1]) for cols in reader if len(cols) >= 2]
    gold: dict[str, set[str]] = {}
    for line in (CLEF / split / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines():
        tweet_id, _zero, vclaim_id, relevant = line.split("\t")
        if relevant.strip() == "1":
            gold.setdefault(tweet_id, set()).add(f"snopes-{vclaim_id}")
    return tweets, gold


def average_precision(found: list[str], relevant: set[str]) -> float:
    hits, total = 0, 0.0
    for i, claim_id in enumerate(found[:K], 1):
        if claim_id in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant) if relevant else 0.0


def clef(args, work: Path) -> None:
    import json

    records = clef_claims()
    tweets, gold = clef_tweets(args.split)
    root = work / "clef"
    (root / "imported" / "snopes").mkdir(parents=True)
    shutil.copy(HERE.parent / "claims" / "schema.json", root / "schema.json")
    log(f"clef: writing {len(records):,} Snopes claims")
    for record in records:
        write_claim(root, "imported/snopes", record)
    tweets = [(t, text) for t, text in tweets if t in gold]
    queries = [text for _t, text in tweets]
    answers = run_factcheck(root, queries, "clef")
    texts = [" ".join([r["claim"], r["sources"][0].get("title", "")]) for r in records]
    ids = [r["id"] for r in records]
    baselines = {"BM25 (rank-bm25)": bm25_top(texts, ids, queries), "rapidfuzz WRatio": wratio_top(texts, ids, queries)}

    golds = [gold[t] for t, _text in tweets]
    both = [average_precision(m + r, g) for (m, r, _s), g in zip(answers, golds)]
    alone = [average_precision(m, g) for (m, _r, _s), g in zip(answers, golds)]
    matched = [(m, g) for (m, _r, _s), g in zip(answers, golds) if m]
    first_right = sum(m[0] in g for m, g in matched)
    n = len(tweets)
    print(f"\nCLEF 2020 CheckThat! Task 2, {args.split}: {n} raw tweets over {len(records):,} Snopes claims; "
          f"code {args.version}")
    print("targets: MAP@5 >= 0.90 (matches then related); first match right for >= 0.95 of tweets with a match\n")
    print(f"factcheck  MAP@5 {statistics.mean(both):.3f} (matches then related), {statistics.mean(alone):.3f} "
          f"(matches alone)")
    print(f"           tweets with a match: {len(matched)} of {n} ({len(matched) / n:.2f}); first match right: "
          f"{first_right} ({first_right / max(len(matched), 1):.3f})")
    print(f"           hit@1 {sum(rank_in(m + r, g) == 0 for (m, r, _s), g in zip(answers, golds)) / n:.3f}, "
          f"hit@5 {sum(rank_in(m + r, g) is not None for (m, r, _s), g in zip(answers, golds)) / n:.3f}")
    for name, found in baselines.items():
        if found:
            print(f"{name:<26} MAP@5 {statistics.mean(average_precision(f, g) for f, g in zip(found, golds)):.3f}")
    times = [a[2] for a in answers]
    print(f"time per tweet: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
    text_of = {r["id"]: r["claim"] for r in records}
    shown = 0
    for (tweet_id, text), (m, r, _s), g in zip(tweets, answers, golds):
        if rank_in(m + r, g) == 0 or shown >= args.misses:
            continue
        shown += 1
        got = (m + r)[:1]
        print(f"  miss {tweet_id}: {json.dumps(text[:160], ensure_ascii=False)}\n"
              f"    wanted {', '.join(sorted(g))}: {text_of[sorted(g)[0]][:120]}\n"
              f"    got    {got[0] + ': ' + text_of[got[0]][:120] if got else '(nothing)'}"
              f"{' [match]' if m else ' [related]' if r else ''}")


# =========================================================================== no regression


def known(args, _work: Path) -> None:
    print("\nSNU known-item search (benchmarks/known_item.py), targets hit@1 >= 0.98, hit@5 >= 0.99:")
    proc = subprocess.run([sys.executable, str(HERE / "known_item.py"), "--misses", "3"], capture_output=True,
                          text=True)
    print(proc.stdout.rstrip())


def relevance(args, work: Path) -> None:
    fc = str(Path(sys.executable).with_name("factcheck"))
    distractors = work / "distractors.json"
    subprocess.run([sys.executable, str(HERE / "relevance_corpus.py"), "-o", str(distractors)], check=True,
                   capture_output=True)
    print("\nRelevance with the distractor corpus imported (targets hit@1 >= 0.95, hit@5 = 1.00, neg >= 0.9):")
    for queries in (EVAL / "queries.yaml", HERE / "queries" / "extra-1.yaml", HERE / "queries" / "extra-2.yaml"):
        proc = subprocess.run([sys.executable, str(EVAL / "relevance.py"), "--fc", fc, "--claims",
                               str(HERE.parent / "claims"), "--queries", str(queries), "--distractors",
                               str(distractors), "--no-baselines"], capture_output=True, text=True)
        lines = proc.stdout.strip().splitlines()
        shown = [line for line in lines if line.startswith(("missed:", "negatives answered:"))] + lines[-1:]
        print(f"  {queries.name}: " + "\n    ".join(shown))


# =========================================================================== sentences of articles


def sentences(args, work: Path) -> None:
    """Sentences of local news (bench_articles' labelled set) searched as a person pastes them: over the
    repository's own claims, where some repeat a claim; and the sentences that repeat none over the SNU
    claims as well, which are about national politics, so that a match there is a false alarm."""
    from bench_articles import labelled_sentences

    from factcheck.search.index import cache_dir
    from factcheck.search.ranking import SENTENCE_UNITS, search_claims
    from factcheck.store.repo import Repo

    labelled = labelled_sentences()
    own = Repo(HERE.parent / "claims", cache_dir(os.environ))
    root = work / "snu"
    if not root.exists():
        build_repo(root, snu_rows(), with_liar=False)
    snu = Repo(root, cache_dir(os.environ))
    print(f"\nSentences of articles (bench_articles' labelled set), searched as sentences; code {args.version}")
    counts = {"repeat": [0, 0], "none": [0, 0], "none over SNU": [0, 0]}  # [sentences, with a match]
    alarms = []
    for text, expected in labelled:
        outcome = search_claims(own, text, limit=5)
        if len(outcome.units) < SENTENCE_UNITS:
            continue
        wanted = {cid for cid, tier in expected.items() if tier == "match"}
        got = [r.record["id"] for r in outcome.results]
        kind = "repeat" if wanted else "none"
        counts[kind][0] += 1
        counts[kind][1] += bool(set(got) & wanted) if wanted else bool(got)
        if got and not set(got) & set(expected):
            alarms.append(("own", text, got[0]))
        if not expected:
            found = search_claims(snu, text, limit=5).results
            counts["none over SNU"][0] += 1
            counts["none over SNU"][1] += bool(found)
            if found:
                alarms.append(("SNU", text, found[0].record["id"]))
    n, hit = counts["repeat"]
    print(f"  repeating a claim of claims/:  {n:>3} sentences, the claim matched for {hit / max(n, 1):.2f}")
    for kind in ("none", "none over SNU"):
        n, hit = counts[kind]
        where = "claims/" if kind == "none" else "SNU + seed"
        print(f"  repeating none, over {where + ':':<11} {n:>3} sentences, no match for {1 - hit / max(n, 1):.2f}"
              f" (target >= 0.9)")
    for where, text, claim_id in alarms[: args.misses]:
        print(f"  false match ({where}): {text[:70]} -> {claim_id}")


PARTS = {"paraphrases": paraphrases, "clef": clef, "known": known, "relevance": relevance, "sentences": sentences}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts (default: {','.join(PARTS)})")
    parser.add_argument("--split", default="dev", choices=("dev", "train"), help="CLEF tweets to score (default dev)")
    parser.add_argument("--paraphrases", type=Path, action="append",
                        help="a paraphrase set to score, repeatable (default queries/paraphrases-ko.yaml)")
    parser.add_argument("--misses", type=int, default=10, help="misses to print per part (default 10)")
    parser.add_argument("--embed", action="store_true",
                        help="embed every claim first (needs the meaning extra), and print what it cost")
    args = parser.parse_args()
    global EMBED
    EMBED = args.embed
    wanted = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in wanted if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s): {', '.join(unknown)}")
    if not DATA.exists():
        print(f"skipped: {DATA} is not there", file=sys.stderr)
        return
    args.version = code_version()
    work = Path(tempfile.mkdtemp(prefix="fc-semantic-"))
    os.environ["FACTCHECK_CACHE_DIR"] = str(work / "cache")
    try:
        for part in wanted:
            PARTS[part](args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
