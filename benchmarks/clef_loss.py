#!/usr/bin/env python3
"""Where CLEF posts lose their gold claim (issue 11): each stage of search, for every tweet of a split.

usage: clef_loss.py [--split train|dev] [--show N]

For each raw tweet it finds where the gold claim sits in
- the lexical ranking of the whole repository with no cut (the query's share each claim holds),
- the same ranking over the index's candidates, and over the claims compared both ways (ranking.COMPARED),
- the matches, the related results, and the two together as `factcheck search --limit 5` gives them,
and names the first stage that lost it: the candidate stage (gold shares no sure word with the post, or
shares some but is not a candidate), the comparison budget, a wrong match ranked ahead, the
RELATED_SIMILARITY floor, the related list's cut at 5, or a claim ranked above it within the five. MAP@5
of each ranking is printed beside, and of the lexical ranking over uncleaned text (what post cleaning
gains). Nothing is asserted. Scores the whole repository per tweet: a few minutes for dev.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from semantic_eval import average_precision, clef_claims, clef_tweets, log, rank_in, write_claim  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--show", type=int, default=0, help="tweets to print per cause (default 0)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fc-clef-loss-"))
    os.environ["FACTCHECK_CACHE_DIR"] = str(work / "cache")
    try:
        run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def lexical(index, text: str, rows=None):
    from factcheck.search import ranking
    from factcheck.search.match import fields_of, score_claim
    from factcheck.search.query import parse_query

    request = ranking.Request(text, parse_query(text, index.aliases()))
    ranking.weigh(index, request)
    if rows is None:  # the index's candidates for these words
        rows = ranking.candidate_rows(index, request.units)
    scored = []
    for row in rows:
        s = score_claim(request.units, fields_of(row.analysed_fields))
        if s.score:
            scored.append(ranking.Match(row, s))
    scored.sort(key=ranking.rank_key)
    return request, scored


def run(args, work: Path) -> None:
    from factcheck.search import ranking
    from factcheck.search.index import cache_dir, open_index
    from factcheck.search.match import fields_of
    from factcheck.search.similar import analyse_text, compare
    from factcheck.search.text.posts import clean_post
    from factcheck.store.repo import Repo

    root = work / "clef"
    (root / "imported" / "snopes").mkdir(parents=True)
    shutil.copy(HERE.parent / "claims" / "schema.json", root / "schema.json")
    for record in clef_claims():
        write_claim(root, "imported/snopes", record)
    repo = Repo(root, cache_dir(os.environ))  # the run's own cache (set in main), not ~/.cache
    index = open_index(repo)
    rows = index.rows()
    tweets, gold = clef_tweets(args.split)
    tweets = [(t, text) for t, text in tweets if t in gold]
    causes: collections.Counter = collections.Counter()
    shown: collections.Counter = collections.Counter()
    maps = collections.defaultdict(list)
    for n, (tweet_id, raw) in enumerate(tweets, 1):
        relevant = gold[tweet_id]
        text = clean_post(raw)
        request, whole = lexical(index, text, rows)
        candidates = {row.claim_id for row in ranking.candidate_rows(index, request.units)}
        in_candidates = [m for m in whole if m.row.claim_id in candidates]
        compared_ = in_candidates[: ranking.COMPARED]
        analysed = analyse_text(text, index, request.units)
        similar = sorted(((compare(analysed, fields_of(m.row.analysed_fields), index, False, m.scored).score,
                           m.row.claim_id) for m in compared_), reverse=True)
        outcome = ranking.search_claims(repo, raw, limit=5)
        matches = [r.record["id"] for r in outcome.results]
        related = [r.record["id"] for r in outcome.related]
        _r, uncleaned = lexical(index, " ".join(raw.split()))
        ids = lambda ms: [m.row.claim_id for m in ms]  # noqa: E731
        maps["lexical, whole repository, no cut"].append(average_precision(ids(whole), relevant))
        maps["lexical, candidates, no cut"].append(average_precision(ids(in_candidates), relevant))
        maps["similarity, compared claims"].append(average_precision([c for _s, c in similar], relevant))
        maps["lexical, candidates, uncleaned post"].append(average_precision(ids(uncleaned), relevant))
        maps["matches alone"].append(average_precision(matches, relevant))
        maps["matches then related (search)"].append(average_precision(matches + related, relevant))
        gold_similarity = next((s for s, c in similar if c in relevant), None)
        at = rank_in(matches + related, relevant)
        if at == 0:
            cause = "first: right"
        elif rank_in(ids(whole), relevant) is None:
            cause = "candidates: gold shares no sure word with the post"
        elif rank_in(ids(in_candidates), relevant) is None:
            cause = "candidates: gold holds some of the post but is not a candidate"
        elif rank_in(ids(compared_), relevant) is None:
            cause = f"comparison budget: gold below the {ranking.COMPARED} compared"
        elif matches and rank_in(matches, relevant) is None:
            cause = "a wrong match ahead (gold not a match)"
        elif matches and rank_in(matches, relevant):
            cause = "a wrong match ahead (gold a later match)"
        elif gold_similarity is not None and gold_similarity < ranking.RELATED_SIMILARITY:
            cause = "RELATED_SIMILARITY floor"
        elif at is None:
            cause = "related cut at 5: gold compared, ranked lower"
        else:
            cause = "within the five, not first"
        causes[cause] += 1
        if cause != "first: right" and shown[cause] < args.show:
            shown[cause] += 1
            print(f"  [{cause}] {tweet_id}: {text[:150]}\n    gold {', '.join(sorted(relevant))}; search gave "
                  f"{(matches + related)[:3]}")
        if n % 50 == 0:
            log(f"  {n}/{len(tweets)}")
    print(f"\nCLEF 2020 Task 2, {args.split}: {len(tweets)} raw tweets over {index.count():,} claims")
    for name, values in maps.items():
        print(f"  MAP@5 {name:<40} {statistics.mean(values):.3f}")
    print("where the gold claim was lost (the first stage that lost it):")
    for cause, count in sorted(causes.items(), key=lambda pair: -pair[1]):
        print(f"  {count:4d}  {cause}")


if __name__ == "__main__":
    main()
