#!/usr/bin/env python3
"""Korean known-item search: real SNU FactCheck claims, typed the way people mistype them (issue 3).

usage: known_item.py [--sample 200] [--seed 3] [--with-liar] [--cli] [--misses 10]

Builds a temporary claims repository holding all 4,762 SNU FactCheck claims (read from
../shared/data/snu-factcheck, never copied into the project) plus the 10 seed claims, and with
--with-liar about 10,000 English LIAR (PolitiFact) claims as distractors. It samples claims with a
seeded RNG and turns each one into five queries:

  nospace    the claim without spaces
  typo       one jamo of one syllable replaced by a neighbouring 두벌식 key or a similar vowel
  particles  조사 and common endings stripped from each word
  reorder    3-5 keywords (particles stripped), shuffled
  mix        four keywords, shuffled, one with a jamo typo and another missing a syllable

Punctuation (quotes, ?, …) is dropped from every variant: nobody types it from memory. A query hits
when the sampled claim (or a claim with the very same text) is in the top 1 / top 5 results. Search
runs in-process through factcheck.search.search_claims (the function `factcheck search` calls, same
index and refresh) unless --cli asks for one `factcheck search --json` subprocess per query. For
comparison, naive rapidfuzz WRatio (utils.default_process) ranks the same claim texts.
Targets: hit@1 >= 0.95 and hit@5 >= 0.98.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
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
from bench_search import code_version, seed_files, write_claim  # noqa: E402  (shared with the speed benchmark)

DATA = HERE.parent.parent / "shared" / "data"
SNU_CSV = DATA / "snu-factcheck" / "fact_checks_final.csv"
LIAR_TSV = DATA / "liar" / "train.tsv"
SEED_CLAIMS = HERE.parent / "claims"
VARIANTS = ("nospace", "typo", "particles", "reorder", "mix")

SNU_STATUS = {"사실": "true", "대체로 사실": "mostly-true", "절반의 사실": "half-true",
              "대체로 사실 아님": "mostly-false", "전혀 사실 아님": "false", "판단 유보": "unverified"}
LIAR_STATUS = {"true": "true", "mostly-true": "mostly-true", "half-true": "half-true",
               "barely-true": "mostly-false", "false": "false", "pants-fire": "false"}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# =========================================================================== the corpus


def snu_rows() -> list[dict]:
    with open(SNU_CSV, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        title = " ".join(row["title"].split())
        if title:
            out.append({"id": f"snu-{row['id']}", "claim": title, "judge": row["judge"].strip(),
                        "date": row["date"].strip().replace(".", "-"), "num": row["id"]})
    return out


def snu_record(row: dict) -> dict:
    record = {"id": row["id"], "claim": row["claim"]}
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]):
        record["claim_date"] = row["date"]
    record["status"] = SNU_STATUS.get(row["judge"], "unverified")
    record["sources"] = [{"url": f"https://factcheck.snu.ac.kr/facts/show?id={row['num']}",
                          "publisher": "SNU팩트체크", "quote": row["claim"]}]
    return record


def liar_records() -> list[dict]:
    records = []
    with open(LIAR_TSV, encoding="utf-8", newline="") as handle:
        for cols in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cols) < 14 or not cols[2].strip():
                continue
            record = {"id": "liar-" + cols[0].removesuffix(".json"), "claim": " ".join(cols[2].split())}
            if cols[4].strip():
                record["claimant"] = {"name": cols[4].replace("-", " ").title()}
            tags = [t for t in cols[3].split(",") if t.strip()]
            if tags:
                record["tags"] = tags
            record["status"] = LIAR_STATUS.get(cols[1], "unverified")
            record["sources"] = [{"url": "https://www.politifact.com/", "publisher": "PolitiFact",
                                  "quote": record["claim"]}]
            records.append(record)
    return records


MAX_REFUSED = 2  # LIAR claims refused by validation (a control character in the statement)


def build_repo(root: Path, rows: list[dict], with_liar: bool, layout: str = "files") -> list[dict]:
    """Write the claims repository, imported claims as files or packs; returns every record (for the
    rapidfuzz baseline)."""
    root.mkdir(parents=True)
    shutil.copy(SEED_CLAIMS / "schema.json", root / "schema.json")
    records = []
    from factcheck.store.yaml import load_claim_file

    for path in seed_files():
        shutil.copy(path, root / path.name)
        records.append(load_claim_file(path)[0])
    imported = {"snu-factcheck": [snu_record(row) for row in rows]}
    if with_liar:
        imported["politifact"] = liar_records()
    for publisher, publisher_records in imported.items():
        (root / "imported" / publisher).mkdir(parents=True)
        if layout == "packs":
            from factcheck.store.packs import write_packed

            write_packed(root, publisher, publisher_records)
        else:
            for record in publisher_records:
                write_claim(root, f"imported/{publisher}", record)
        records += publisher_records
    return records


# =========================================================================== mistyping

HANGUL_BASE = 0xAC00
CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONG = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
# The 두벌식 keyboard, row by row, with each row's stagger.
KEY_ROWS = [("ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", 0.0), ("ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", 0.25), ("ㅋㅌㅊㅍㅠㅜㅡ", 0.75)]
SHIFTED = {"ㄱ": "ㄲ", "ㄷ": "ㄸ", "ㅂ": "ㅃ", "ㅅ": "ㅆ", "ㅈ": "ㅉ", "ㅐ": "ㅒ", "ㅔ": "ㅖ"}
SIMILAR_VOWELS = {
    "ㅐ": "ㅔ", "ㅔ": "ㅐ", "ㅒ": "ㅖ", "ㅖ": "ㅒ", "ㅓ": "ㅗ", "ㅗ": "ㅓ", "ㅕ": "ㅛ", "ㅛ": "ㅕ", "ㅜ": "ㅡ", "ㅡ": "ㅜ",
    "ㅚ": "ㅙㅞ", "ㅙ": "ㅚㅞ", "ㅞ": "ㅙㅚ", "ㅢ": "ㅣㅟ", "ㅟ": "ㅢㅜ", "ㅘ": "ㅏ", "ㅝ": "ㅓ", "ㅣ": "ㅢ",
}
# A compound final typed with one key too few: ㄺ → ㄹ or ㄱ.
COMPOUND_FINALS = {"ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
                   "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ"}


def _key_neighbours() -> dict[str, set[str]]:
    position = {}
    for row, (keys, stagger) in enumerate(KEY_ROWS):
        for col, key in enumerate(keys):
            position[key] = (row, col + stagger)
    out: dict[str, set[str]] = {k: set() for k in position}
    for a, (ra, xa) in position.items():
        for b, (rb, xb) in position.items():
            if a != b and ((ra == rb and abs(xa - xb) == 1) or (abs(ra - rb) == 1 and abs(xa - xb) <= 0.75)):
                out[a].add(b)
    for plain, shifted in SHIFTED.items():
        out[plain].add(shifted)
        out.setdefault(shifted, set()).add(plain)
    return out


NEIGHBOURS = _key_neighbours()


def is_syllable(ch: str) -> bool:
    return "가" <= ch <= "힣"


def decompose(ch: str) -> tuple[str, str, str]:
    i = ord(ch) - HANGUL_BASE
    return CHO[i // 588], JUNG[(i % 588) // 28], JONG[i % 28].strip()


def compose(cho: str, jung: str, jong: str) -> str:
    return chr(HANGUL_BASE + CHO.index(cho) * 588 + JUNG.index(jung) * 28 + (JONG.index(jong) if jong else 0))


def typo_choices(ch: str) -> list[str]:
    """Every syllable one slip away from `ch`: a neighbouring key, Shift missed or hit, a similar vowel."""
    cho, jung, jong = decompose(ch)
    out = set()
    for c in NEIGHBOURS.get(cho, ()):
        if c in CHO:
            out.add(compose(c, jung, jong))
    for v in set(NEIGHBOURS.get(jung, ())) | set(SIMILAR_VOWELS.get(jung, "")):
        if v in JUNG:
            out.add(compose(cho, v, jong))
    if jong in COMPOUND_FINALS:
        out.update(compose(cho, jung, j) for j in COMPOUND_FINALS[jong])
    elif jong:
        out.update(compose(cho, jung, j) for j in NEIGHBOURS.get(jong, ()) if j in JONG)
    out.discard(ch)
    return sorted(out)


def with_typo(word: str, rng: random.Random) -> str:
    positions = [i for i, ch in enumerate(word) if is_syllable(ch)]
    if not positions:
        return word
    i = rng.choice(positions)
    return word[:i] + rng.choice(typo_choices(word[i])) + word[i + 1:]


# Particles and endings a person leaves out, longest first. Our own list, not the search's.
ENDINGS = sorted({
    "이었다", "되었다", "에서는", "으로는", "이라는", "이라고", "에게서",
    "이다", "였다", "했다", "한다", "된다", "됐다", "하는", "되는", "에서", "에게", "에는", "에도", "으로", "까지",
    "부터", "보다", "처럼", "라는", "라고", "이란", "께서", "한테", "이며", "이고", "하고",
    "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "한", "된",
}, key=len, reverse=True)
# Words whose last syllable looks like a particle but belongs to the word (민주주의, 국무회의, 경기도).
NOT_PARTICLES = ("주의", "회의", "합의", "논의", "심의", "동의", "정의", "어린이", "제도", "정도", "속도", "온도",
                 "지도", "한도", "태도", "의도", "경기도", "도로", "효과", "결과", "성과", "통과", "초과", "평가",
                 "국가", "증가", "추가", "물가", "주가", "대가", "전문가", "사이", "차이", "나이", "아이", "경로")
STOPWORDS = {"있다", "없다", "않는다", "않다", "아니다", "위해", "대한", "대해", "통해", "따라", "관련", "이후",
             "이상", "이하", "때문", "경우", "모두", "가장", "정말", "사실", "그런", "이런", "저런", "것도", "것은",
             "것이", "있었다", "없었다", "했다", "한다", "된다", "됐다"}


def strip_particle(word: str) -> str:
    """예산을 → 예산, IPCC는 → IPCC; a stem keeps two syllables (or ends in a letter or digit)."""
    if word.endswith(NOT_PARTICLES) or not is_syllable(word[-1]):
        return word
    for ending in ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and (len(stem) >= 2 and all(map(is_syllable, stem)) or stem[-1:].isalnum()
                                      and not is_syllable(stem[-1])):
            return stem
    return word


QUOTES = "\"'“”‘’「」『』<>《》〈〉"


def plain_words(text: str) -> list[str]:
    """The words of a title as typed from memory: no quotes, parentheticals, question marks or ellipses."""
    text = re.sub(r"\([^)]*\)", "", text)
    text = text.translate({ord(q): None for q in QUOTES})
    return re.sub(r"[^\w\s%.,~-]|(?<!\d)[.,~-]|[.,~-](?!\d)", " ", text).split()


# Word endings of verbs and adjectives: people remember the nouns of a claim first.
VERBAL = ("다", "는데", "하게", "하고", "하지", "하면", "까", "며", "면", "지만", "도록", "해서", "고", "게", "지", "니")


def keywords(text: str) -> list[str]:
    """Content words with their particles stripped: nouns first, then the rest."""
    out = []
    for word in plain_words(text):
        stem = strip_particle(word)
        if len(stem) >= 2 and stem not in STOPWORDS and stem not in out:
            out.append(stem)
    return out


def pick_keywords(keys: list[str], k: int, rng: random.Random) -> list[str]:
    nouns = [w for w in keys if not w.endswith(VERBAL)]
    rest = [w for w in keys if w.endswith(VERBAL)]
    chosen = rng.sample(nouns, min(k, len(nouns)))
    return chosen + rng.sample(rest, min(k - len(chosen), len(rest)))


def shuffled(items: list[str], rng: random.Random) -> list[str]:
    items = list(items)
    for _ in range(10):
        out = rng.sample(items, len(items))
        if out != items or len(items) < 2:
            return out
    return out


def variants(title: str, rng: random.Random) -> dict[str, str]:
    words = plain_words(title)
    typo_positions = [i for i, w in enumerate(words) if sum(map(is_syllable, w)) >= 2]
    typo_words = list(words)
    if typo_positions:
        i = rng.choice(typo_positions)
        typo_words[i] = with_typo(words[i], rng)
    keys = keywords(title)
    some = pick_keywords(keys, rng.randint(3, 5), rng)
    mix = pick_keywords(keys, 4, rng)
    hangul = [i for i, w in enumerate(mix) if sum(map(is_syllable, w)) >= 2]
    if hangul:
        typo_at = rng.choice(hangul)
        mix[typo_at] = with_typo(mix[typo_at], rng)
        longer = [i for i in hangul if i != typo_at and sum(map(is_syllable, mix[i])) >= 3]
        shorter = [i for i in hangul if i != typo_at]
        if longer or shorter:
            lose_at = rng.choice(longer or shorter)
            syllables = [j for j, ch in enumerate(mix[lose_at]) if is_syllable(ch)]
            j = rng.choice(syllables)
            mix[lose_at] = mix[lose_at][:j] + mix[lose_at][j + 1:]
    return {
        "nospace": "".join(words),
        "typo": " ".join(typo_words),
        "particles": " ".join(strip_particle(w) for w in words),
        "reorder": " ".join(shuffled(some, rng)),
        "mix": " ".join(shuffled([m for m in mix if m], rng)),
    }


# =========================================================================== searching


def run_factcheck(root: Path, queries: list[str], use_cli: bool, errors: dict[int, str]):
    """Top-5 ids for each query and each query's wall time; a query that crashes is recorded in errors."""
    results, times = [], []
    if use_cli:
        fc = str(Path(sys.executable).with_name("factcheck"))
        for n, q in enumerate(queries, 1):
            start = time.perf_counter()
            proc = subprocess.run([fc, "--claims-dir", str(root), "search", q, "--json", "--limit", "5"],
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
                errors[n - 1] = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
            try:
                results.append([r["id"] for r in json.loads(proc.stdout)["results"]])
            except ValueError:
                results.append([])
            if n % 100 == 0:
                log(f"  factcheck (cli): {n}/{len(queries)}")
        return results, times
    from factcheck.search import search_claims
    from factcheck.search.index import cache_dir
    from factcheck.store.repo import Repo

    repo = Repo(root, cache_dir(os.environ))
    for n, q in enumerate(queries, 1):
        start = time.perf_counter()
        try:
            found = [r.record["id"] for r in search_claims(repo, q, limit=5).results]
        except Exception as exc:  # a crash is a miss, counted and shown, not the end of the benchmark
            errors[n - 1] = f"{type(exc).__name__}: {exc}"
            found = []
        times.append(time.perf_counter() - start)
        results.append(found)
        if n % 100 == 0:
            log(f"  factcheck: {n}/{len(queries)}")
    return results, times


def run_wratio(records: list[dict], queries: list[str]) -> tuple[list[list[str]], list[float]]:
    from rapidfuzz import fuzz, process, utils

    texts = [" ".join(filter(None, (r.get("claim"), r.get("claim_en")))) for r in records]
    processed = [utils.default_process(t) for t in texts]  # the same as processor= on every call, once
    ids = [r["id"] for r in records]
    results, times = [], []
    for n, q in enumerate(queries, 1):
        start = time.perf_counter()
        found = process.extract(utils.default_process(q), processed, scorer=fuzz.WRatio, processor=None, limit=5)
        times.append(time.perf_counter() - start)
        results.append([ids[i] for _text, _score, i in found])
        if n % 100 == 0:
            log(f"  rapidfuzz WRatio: {n}/{len(queries)}")
    return results, times


# =========================================================================== main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=200, help="SNU claims to sample (default 200)")
    parser.add_argument("--seed", type=int, default=3, help="RNG seed for sampling and mistyping (default 3)")
    parser.add_argument("--with-liar", action="store_true", help="add ~10,000 English LIAR claims as distractors")
    parser.add_argument("--cli", action="store_true", help="one `factcheck search` subprocess per query")
    parser.add_argument("--layout", choices=("files", "packs"), default="files",
                        help="imported claims as YAML files or as packs (issue 17: the figures must agree)")
    parser.add_argument("--misses", type=int, default=10, help="misses to print per variant (default 10)")
    args = parser.parse_args()
    if not SNU_CSV.exists():
        print(f"skipped: {SNU_CSV} is not there", file=sys.stderr)
        return

    args.version = code_version()
    work = Path(tempfile.mkdtemp(prefix="fc-known-"))
    os.environ["FACTCHECK_CACHE_DIR"] = str(work / "cache")
    try:
        evaluate(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def evaluate(args, work: Path) -> None:
    rng = random.Random(args.seed)
    rows = snu_rows()
    root = work / "claims"
    log(f"writing {len(rows):,} SNU claims{' and the LIAR claims' if args.with_liar else ''} into {root}")
    records = build_repo(root, rows, args.with_liar, args.layout)
    sample = rng.sample(rows, args.sample)
    by_text: dict[str, set[str]] = {}
    for r in records:
        by_text.setdefault(r["claim"], set()).add(r["id"])

    cases = []  # (variant, query, target row)
    for row in sample:
        for variant, query in variants(row["claim"], rng).items():
            cases.append((variant, query, row))
    queries = [q for _v, q, _r in cases]

    log("building the index")
    start = time.perf_counter()
    if not args.cli:
        from factcheck.search.index import cache_dir, open_index
        from factcheck.store.repo import Repo

        index = open_index(Repo(root, cache_dir(os.environ)))
        problems = len({p.path for p in index.problems})
        count = index.count()
    else:
        info = json.loads(subprocess.run(
            [str(Path(sys.executable).with_name("factcheck")), "--claims-dir", str(root), "index", "--json"],
            capture_output=True, text=True, check=True).stdout)
        problems, count = info["files_with_problems"], info["claims"]
    build_s = time.perf_counter() - start
    if count < len(records) - MAX_REFUSED:
        raise SystemExit(f"the corpus is not valid: {count} claims indexed of {len(records)}, {problems} problems")
    if count != len(records):  # two LIAR statements hold a C1 control character (U+0090), which validation refuses
        log(f"  {len(records) - count} claim(s) refused by validation ({problems} file(s) with problems)")

    log(f"searching {len(queries):,} queries with factcheck ({'cli' if args.cli else 'in-process'})")
    errors: dict[int, str] = {}
    fc_results, fc_times = run_factcheck(root, queries, args.cli, errors)
    log(f"searching {len(queries):,} queries with rapidfuzz WRatio")
    rf_results, rf_times = run_wratio(records, queries)

    def rank(case, found: list[str]) -> int | None:
        targets = by_text[case[2]["claim"]]  # a claim with the very same text is as good a hit
        return next((i for i, claim_id in enumerate(found) if claim_id in targets), None)

    fc_ranks = [rank(c, f) for c, f in zip(cases, fc_results)]
    rf_ranks = [rank(c, f) for c, f in zip(cases, rf_results)]

    corpus = f"{len(records):,} claims: {len(rows):,} SNU + {len(records) - len(rows) - 10:,} LIAR + 10 seed" \
        if args.with_liar else f"{len(records):,} claims: {len(rows):,} SNU + 10 seed"
    print(f"\nKorean known-item search — {corpus}; {args.sample} sampled SNU claims (seed {args.seed}), "
          f"{len(queries):,} queries; factcheck {'via the CLI' if args.cli else 'in-process (search_claims)'}; "
          f"index built in {build_s:.1f} s")
    print(f"code: {args.version} (at the start; {code_version()} at the end); targets: hit@1 >= 0.95, hit@5 >= 0.98\n")
    header = f"{'variant':<10} {'n':>4}  {'fc hit@1':>8} {'fc hit@5':>8} {'fc none':>7}  {'WRatio@1':>8} {'WRatio@5':>8}"
    print(header)
    print("-" * len(header))

    def line(name, idx):
        n = len(idx)
        h1 = sum(fc_ranks[i] == 0 for i in idx) / n
        h5 = sum(fc_ranks[i] is not None for i in idx) / n
        none = sum(not fc_results[i] for i in idx)
        r1 = sum(rf_ranks[i] == 0 for i in idx) / n
        r5 = sum(rf_ranks[i] is not None for i in idx) / n
        print(f"{name:<10} {n:>4}  {h1:>8.3f} {h5:>8.3f} {none:>7}  {r1:>8.3f} {r5:>8.3f}")
        return h1, h5

    for variant in VARIANTS:
        line(variant, [i for i, c in enumerate(cases) if c[0] == variant])
    print("-" * len(header))
    h1, h5 = line("overall", list(range(len(cases))))
    verdict = "met" if h1 >= 0.95 and h5 >= 0.98 else "MISSED"
    print(f"\nfactcheck overall: hit@1 {h1:.3f}, hit@5 {h5:.3f} → targets {verdict}")
    print(f"time per query (median): factcheck {statistics.median(fc_times) * 1000:.0f} ms "
          f"(p90 {sorted(fc_times)[int(0.9 * len(fc_times))] * 1000:.0f} ms), "
          f"WRatio {statistics.median(rf_times) * 1000:.0f} ms")
    print("('fc none' = queries for which factcheck answered 'no matching claim' or crashed)")
    if errors:
        print(f"\nfactcheck CRASHED on {len(errors)} queries (counted as misses):")
        for i, message in list(errors.items())[:10]:
            print(f"  {cases[i][0]}: {cases[i][1]!r} → {message}")

    miss_rng = random.Random(args.seed + 1)
    texts = {r["id"]: r["claim"] for r in records}
    for variant in VARIANTS:
        misses = [i for i, c in enumerate(cases) if c[0] == variant and fc_ranks[i] != 0]
        if not misses:
            continue
        shown = sorted(miss_rng.sample(misses, min(args.misses, len(misses))))
        print(f"\nmisses at 1, {variant}: {len(misses)} (showing {len(shown)})")
        for i in shown:
            _v, query, row = cases[i]
            got = fc_results[i]
            where = f"rank {fc_ranks[i] + 1}" if fc_ranks[i] is not None else "not in top 5"
            print(f"  query:  {query}")
            print(f"  wanted: {row['id']}  {row['claim']}  ({where})")
            nothing = "(crashed: " + errors[i] + ")" if i in errors else "(no matching claim)"
            print(f"  got:    {got[0] + '  ' + texts.get(got[0], '') if got else nothing}")


if __name__ == "__main__":
    main()
