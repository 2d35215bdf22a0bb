"""Write a distractor corpus for ../shared/eval/relevance.py, as a JSON list of ClaimReview objects.

The held-back relevance scoring imports distractors into a copy of claims/ before it searches:
near-topic claims about *other* municipalities, the SNU FactCheck claims and LIAR's English claims.
This builds the same kind of corpus from ../shared/data (never copied into the repository), plus ~50
near-topic claims generated from templates: the same civic topics as the seed article, other places.

    python benchmarks/relevance_corpus.py -o /tmp/distractors.json [--no-snu] [--no-liar]
    python ../shared/eval/relevance.py --fc factcheck --claims claims \
        --queries ../shared/eval/queries.yaml --distractors /tmp/distractors.json
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

PLACES = ["완주군", "전주시", "군산시", "익산시", "정읍시", "남원시", "부안군", "고창군", "순창군", "임실군",
          "무주군", "진안군", "장수군", "나주시", "논산시", "상주시", "안동시", "청주시", "원주시", "춘천시"]
TOPICS = [
    ("{p}, 시장 주재 '2026년 주요업무계획 보고회' 개최", "{e} held its 2026 work-plan briefing chaired by the mayor"),
    ("{p}는 지역상권과 상생하는 공공배달앱을 도입한다", "{e} will introduce a public delivery app with local shops"),
    ("{p} 스마트도시계획 수립 용역 착수", "{e} starts work on its smart city plan"),
    ("{p} 국가예산 3년 연속 1조 원 돌파", "{e} tops 1 trillion won of national budget three years in a row"),
    ("{p} 철도 사업 예비타당성조사 면제 확정", "{e}'s rail project exempted from the preliminary feasibility study"),
    ("{p}장, 도의회에서 기자회견 열고 유치 의지 밝혀", "The head of {e} held a press conference at the provincial council"),
    ("{p}, 세종시에서 2026년 국가예산 확보 전략회의", "{e} holds a 2026 national budget strategy meeting in Sejong"),
    ("{p} 축사 매입 사업으로 악취 민원 해소", "{e} buys livestock barns to end odour complaints"),
    ("{p} 인공지능 산업 육성에 5년간 2천억 원 투입", "{e} invests 200 billion won over five years in AI industry"),
    ("{p} 기후위기 대응 농업전략 발표", "{e} announces a farming strategy for the climate crisis"),
]
ENGLISH = {"완주군": "Wanju", "전주시": "Jeonju", "군산시": "Gunsan", "익산시": "Iksan", "정읍시": "Jeongeup",
           "남원시": "Namwon", "부안군": "Buan", "고창군": "Gochang", "순창군": "Sunchang", "임실군": "Imsil",
           "무주군": "Muju", "진안군": "Jinan", "장수군": "Jangsu", "나주시": "Naju", "논산시": "Nonsan",
           "상주시": "Sangju", "안동시": "Andong", "청주시": "Cheongju", "원주시": "Wonju", "춘천시": "Chuncheon"}
LIAR_RATINGS = {"pants-fire": "Pants on Fire", "false": "False", "barely-true": "Mostly False",
                "half-true": "Half True", "mostly-true": "Mostly True", "true": "True"}


def review(text: str, rating: str, url: str, publisher: str, lang: str, claimant: str | None = None) -> dict:
    item = {"@type": "Claim", "text": text}
    if claimant:
        item["author"] = {"@type": "Organization", "name": claimant}
    return {
        "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": text, "url": url,
        "author": {"@type": "Organization", "name": publisher}, "inLanguage": lang,
        "reviewRating": {"@type": "Rating", "alternateName": rating}, "itemReviewed": item,
    }


def near_topic(n: int, rng: random.Random) -> list[dict]:
    pairs = list(itertools.product(PLACES, TOPICS))
    rng.shuffle(pairs)
    out = []
    for i, (place, (ko, en)) in enumerate(pairs[:n]):
        text = ko.format(p=place)
        out.append(review(text, rng.choice(["사실", "대체로 사실", "절반의 사실", "판단 유보"]),
                          f"https://factcheck.example.org/near/{i}", "지역팩트체크", "ko", place))
        out[-1]["itemReviewed"]["name"] = en.format(e=ENGLISH[place])
    return out


def snu() -> list[dict]:
    path = DATA / "snu-factcheck" / "fact_checks_final.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [review(" ".join(row["title"].split()), row["judge"].strip() or "판단 유보",
                       f"https://factcheck.snu.ac.kr/facts/show?id={row['id']}", "SNU팩트체크", "ko",
                       row["source"].strip() or None)
                for row in csv.DictReader(handle) if row["title"].strip()]


def liar(limit: int) -> list[dict]:
    out = []
    for name in ("train.tsv", "valid.tsv", "test.tsv"):
        with open(DATA / "liar" / name, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) > 4 and row[2].strip():
                    out.append(review(row[2].strip(), LIAR_RATINGS.get(row[1], row[1]),
                                      f"https://www.politifact.com/liar/{row[0].removesuffix('.json')}",
                                      "PolitiFact", "en", row[4] or None))
    return out[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--near", type=int, default=50)
    parser.add_argument("--no-snu", action="store_true")
    parser.add_argument("--no-liar", action="store_true")
    parser.add_argument("--liar", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    items = near_topic(args.near, random.Random(args.seed))
    if not args.no_snu:
        items += snu()
    if not args.no_liar:
        items += liar(args.liar)
    Path(args.output).write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {len(items)} ClaimReview objects to {args.output}")


if __name__ == "__main__":
    main()
