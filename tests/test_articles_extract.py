"""`extract`: candidates ranked by check-worthiness, with claimant, claim date, entities and stored matches."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO_CLAIMS, SHARED

from factcheck.articles.dates import claim_date, date_mentions
from factcheck.articles.extract import candidates_of, extract
from factcheck.articles.text import from_bytes
from factcheck.articles.worthiness import SIGNALS, score, tuned
from factcheck.store.repo import Repo

SEED = SHARED / "seed" / "000_78ba2e18149e923e.txt"
FIXTURES = Path(__file__).parent / "data" / "articles"
SEED_DATE = "2025-09-24"


def seed_article():
    return from_bytes(SEED.read_bytes()).with_known(date=SEED_DATE)


@pytest.fixture(scope="module")
def seed_repo(tmp_path_factory):
    """One copy of the seed claims (and one index cache) for the module: matching is the slow part."""
    claims = tmp_path_factory.mktemp("seed") / "claims"
    shutil.copytree(REPO_CLAIMS, claims)
    return Repo(claims, cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def seed_extraction(seed_repo):
    return extract(seed_article(), seed_repo)


def ranked_texts(extraction) -> list[str]:
    return [c.text for c in extraction.candidates]


def find(extraction, start: str):
    return next(c for c in extraction.candidates if c.text.startswith(start))


# --------------------------------------------------------------------------- the seed article, as judged

JUDGED = {
    "지난 8월 22일 국무회의": "gimje-physical-ai-yeta-exemption",
    "총사업비 약 1조 원 규모로 2026년부터 2030년까지": "gimje-physical-ai-budget-scale",
    "역대 최초 3년 연속 국가예산": "gimje-national-budget-three-years-record",
}


@pytest.mark.parametrize("words, claim_id", JUDGED.items())
def test_each_judged_seed_claim_is_in_the_top_ten(seed_extraction, words, claim_id):
    assert any(words in text for text in ranked_texts(seed_extraction)[:10])


@pytest.mark.parametrize("words, claim_id", JUDGED.items())
def test_each_judged_seed_claim_is_matched_to_its_stored_claim_with_its_verdict(seed_extraction, seed_repo, words, claim_id):
    candidate = next(c for c in seed_extraction.candidates if words in c.text)
    match = next(m for m in candidate.matches if m.id == claim_id)
    assert match.tier == "match"
    assert match.status == seed_repo.load(claim_id)["status"]


def test_the_praise_sentences_rank_below_every_sentence_with_a_figure(seed_extraction):
    texts = ranked_texts(seed_extraction)
    praise = [i for i, t in enumerate(texts) if "정평이 나있다" in t or "애경사도 찾을 정도로" in t]
    figures = [i for i, t in enumerate(texts) if re.search(r"\d", t)]
    assert len(praise) == 2 and figures
    assert min(praise) > max(figures)


def test_the_byline_the_copyright_line_and_the_repeated_paragraph_are_no_candidates(seed_extraction):
    texts = ranked_texts(seed_extraction)
    assert not any("기자]" in t or "저작권" in t for t in texts)
    assert len(texts) == len(set(texts))
    assert not any(t.startswith("김제시가 23일부터") for t in texts)


def test_an_attributed_statement_is_the_speakers_resolved_from_the_articles_own_mentions(seed_extraction):
    press = find(seed_extraction, "정 시장은 지난 7월 23일")
    assert press.claimant.as_json() == {"name": "정성주", "role": "김제시장", "type": "Person"}


def test_a_sentence_continuing_a_quote_keeps_its_speaker(seed_extraction):
    assert find(seed_extraction, "이어 “시민의 행복이라는").claimant.name == "정성주"


def test_what_the_city_said_is_the_citys(seed_extraction):
    assert find(seed_extraction, "시는 23일부터").claimant.as_json() == {"name": "김제시", "type": "Organization"}


def test_the_reporters_own_statement_is_the_reporters(seed_extraction):
    yeta = find(seed_extraction, "김제 AI 피지컬")
    assert yeta.claimant.as_json() == {"name": "전광훈", "role": "일요서울 전북 기자", "type": "Person"}


def test_a_press_conference_last_july_is_dated_from_the_articles_date(seed_extraction):
    assert find(seed_extraction, "정 시장은 지난 7월 23일").claim_date == "2025-07-23"
    assert find(seed_extraction, "김제 AI 피지컬").claim_date == SEED_DATE


def test_entities_name_people_in_full_and_the_bodies_a_sentence_names(seed_extraction):
    meeting = find(seed_extraction, "정 시장은 최근 지역성장을")
    assert {"정성주", "김희옥", "세종시"} <= set(meeting.entities)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("지난 7월 23일 기자회견", ["2025-07-23"]),
        ("지난 12월 30일 회의", ["2024-12-30"]),  # not yet come this year: last year's
        ("23일부터 24일까지", ["2025-09-23", "2025-09-24"]),
        ("지난 28일 열린", ["2025-08-28"]),  # the 28th has not come yet this month
        ("오는 3일 확정", ["2025-10-03"]),
        ("2026년부터 2030년까지", ["2026", "2030"]),
        ("지난해 예산", ["2024"]),
    ],
)
def test_relative_dates_resolve_against_the_article_date(text, expected):
    assert [d.value for d in date_mentions(text, SEED_DATE)] == expected


def test_without_an_article_date_relative_dates_stay_unresolved():
    assert [d.value for d in date_mentions("지난 7월 23일과 2025년 8월 18일", None)] == ["2025-08-18"]
    assert claim_date("정 시장은 지난 7월 23일 기자회견을 열어 밝혔다.", None, True) is None


# --------------------------------------------------------------------------- other cities' articles


def top(name: str, n: int = 5) -> list[str]:
    return [c.text for c in candidates_of(from_bytes((FIXTURES / name).read_bytes()))[:n]]


@pytest.mark.parametrize(
    "name, claims",
    [
        ("suwon-2026-budget.html", ["역대 최대 규모인 3조 4815억 원", "2035억 원(6.2%) 늘었다", "수원시가 유일하다"]),
        ("gangneung-work-plan.txt", ["역대 최다를 기록했다", "신규사업 42건", "국비 744억 원"]),
        ("suncheon-national-budget.html", ["국비 8,420억 원을 확보해 역대 최대", "1,110억 원(15.2%) 늘어난"]),
        ("jeonju-national-budget.txt", ["국가예산 증가율 1위", "1조 1천억 원보다 1천억 원가량", "사업 12건"]),
    ],
)
def test_the_most_check_worthy_claims_of_other_cities_articles_are_in_the_top_five(name, claims):
    found = top(name)
    for claim in claims:
        assert any(claim in text for text in found), claim


@pytest.mark.parametrize("name", ["suwon-2026-budget.html", "gangneung-work-plan.txt", "jeonju-national-budget.txt"])
def test_praise_in_other_articles_ranks_below_every_sentence_with_a_figure(name):
    texts = top(name, 100)
    praise = [i for i, t in enumerate(texts) if "정평" in t or "두터운 신뢰" in t or "호평" in t or "높은 평가" in t]
    figures = [i for i, t in enumerate(texts) if re.search(r"\d", t)]
    assert praise and min(praise) > max(figures)


# --------------------------------------------------------------------------- the signals table


def test_every_signal_fired_is_reported_with_its_weight_and_words():
    points, fired = score("총사업비 약 1조 원 규모로 2026년부터 2030년까지 진행된다.")
    names = {f.name: f for f in fired}
    assert names["money"].weight == 22 and names["money"].match == "1조 원"
    assert points == 30 + sum(f.weight for f in fired)


@pytest.mark.parametrize("text", ["1조 1천억 원보다 많다", "1천억 원가량 늘었다", "국비 2천억 원을 확보", "3억원씩 지원", "국비 1조 549억을 확보"])
def test_a_sum_of_money_is_found_however_its_sentence_goes_on(text):
    assert "money" in {f.name for f in score(text)[1]}


@pytest.mark.parametrize("text", ["김 원장은 말했다", "원인을 분석했다", "원칙을 지켰다"])
def test_words_that_start_with_won_are_no_money(text):
    assert "money" not in {f.name for f in score(text)[1]}


def test_a_plan_with_a_figure_is_not_penalised_as_a_hollow_plan():
    assert "plan" not in {f.name for f in score("내년까지 120억 원을 들여 도서관을 지을 계획이다.")[1]}
    assert "plan" in {f.name for f in score("시민과의 약속을 차질없이 완수하겠다.")[1]}


def test_a_newsroom_can_retune_a_weight_and_no_unknown_signal():
    table = tuned({"praise": 0})
    assert score("정평이 나있다 그는 늘 현장에 있다", table=table)[0] > score("정평이 나있다 그는 늘 현장에 있다")[0]
    with pytest.raises(Exception, match="unknown"):
        tuned({"nonsense": 3})


def test_signal_names_are_unique():
    names = [s.name for s in SIGNALS]
    assert len(names) == len(set(names))


# --------------------------------------------------------------------------- the command


def test_extract_json_prints_exactly_the_issues_shape_ranked_by_score(run, claims_dir):
    result = run(claims_dir, "extract", str(SEED), "--date", SEED_DATE, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"source", "candidates"}
    assert set(data["source"]) == {"url", "title", "publisher", "date", "byline"}
    for candidate in data["candidates"]:
        assert set(candidate) == {"text", "score", "signals", "claimant", "claim_date", "entities", "matches"}
        for match in candidate["matches"]:
            assert set(match) == {"id", "status", "tier", "score"}
    scores = [c["score"] for c in data["candidates"]]
    assert scores == sorted(scores, reverse=True)


def test_extract_prints_already_checked_with_the_verdict_and_the_tier(run, claims_dir):
    result = run(claims_dir, "extract", str(SEED), "--date", SEED_DATE)
    assert re.search(r"already checked: \[절반의 사실\] · gimje-physical-ai-yeta-exemption \(match \d+\)", result.stdout)


def test_extract_reads_stdin(run, claims_dir):
    result = run(claims_dir, "extract", "-", "--json", input=(FIXTURES / "gangneung-work-plan.txt").read_text(encoding="utf-8"))
    assert json.loads(result.stdout)["source"]["publisher"] == "동해신문"


def test_a_missing_file_is_a_one_line_error(run, claims_dir, tmp_path):
    result = run(claims_dir, "extract", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2 and "nope.txt" in result.stderr and "Traceback" not in result.output


def test_a_bad_date_is_a_usage_error(run, claims_dir):
    result = run(claims_dir, "extract", str(SEED), "--date", "24/09/2025")
    assert result.exit_code == 2 and "2025년 9월 1일" in result.stderr


def test_a_newsroom_tunes_the_weights_in_its_factcheck_yaml(run, claims_dir):
    settings = claims_dir / "factcheck.yaml"
    args = ("extract", str(SEED), "--date", SEED_DATE, "--json")
    before = {c["text"]: c["score"] for c in json.loads(run(claims_dir, *args).stdout)["candidates"]}
    settings.write_text(settings.read_text(encoding="utf-8") + "check_worthiness:\n  praise: 0\n", encoding="utf-8")
    after = {c["text"]: c["score"] for c in json.loads(run(claims_dir, *args).stdout)["candidates"]}
    praise = next(t for t in before if "정평이 나있다" in t)
    assert after[praise] == before[praise] + 28


def test_an_unknown_signal_in_factcheck_yaml_is_a_one_line_error(run, claims_dir):
    settings = claims_dir / "factcheck.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "check_worthiness:\n  flattery: -10\n", encoding="utf-8")
    result = run(claims_dir, "extract", str(SEED))
    assert result.exit_code == 2 and "flattery" in result.stderr and "factcheck.yaml" in result.stderr


def test_credit_taken_for_an_outcome_raises_a_sentence(seed_extraction):
    credit = find(seed_extraction, "정 시장은 이후 빠른 후속 조치로")
    assert "credit" in {s.name for s in credit.signals}
    assert credit in seed_extraction.candidates[:10]


def test_a_market_is_no_mayor_and_a_name_needs_a_surname():
    from factcheck.articles.claimants import Mentions

    mentions = Mentions(["지역 시장 활성화를 위해 부동산 시장 동향을 살폈다.", "정성주 김제시장은 말했다.", "남궁민수 위원장은 답했다."])
    assert mentions.people == {"정성주": "김제시장", "남궁민수": "위원장"}


def test_an_article_dated_only_by_its_month_still_resolves_its_days():
    assert [d.value for d in date_mentions("지난 7월 23일 기자회견", "2025-09")] == ["2025-07-23"]
    assert [d.value for d in date_mentions("23일부터 24일까지", "2025-09")] == ["2025-09-23", "2025-09-24"]
    assert claim_date("정 시장은 지난 7월 23일 기자회견을 열어 밝혔다.", "2025-09", True) == "2025-07-23"
    assert claim_date("시는 예산을 확보했다.", "2025-09", False) == "2025-09"


def test_an_article_without_a_date_is_warned_about_on_stderr_only(run, claims_dir):
    result = run(claims_dir, "extract", str(SEED), "--json")
    assert "--date" in result.stderr and json.loads(result.stdout)["source"]["date"] is None


def test_what_a_county_announced_is_the_countys_even_with_its_province_before_it():
    article = from_bytes("(완주=뉴스1) 박가상 기자 = 전북 완주군이 신규 시책 58건을 확정했다고 15일 밝혔다.".encode())
    [candidate] = candidates_of(article)
    assert candidate.claimant.as_json() == {"name": "완주군", "type": "Organization"}


def test_no_candidate_from_the_min_score_exits_1_and_says_so_on_stderr(run, claims_dir):
    result = run(claims_dir, "extract", str(SEED), "--date", SEED_DATE, "--min-score", "100")
    assert result.exit_code == 1 and "no check-worthy sentence" in result.stderr
    assert "no check-worthy sentence" not in result.stdout


def test_a_binary_file_is_a_one_line_error(run, claims_dir, tmp_path):
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    result = run(claims_dir, "extract", str(picture))
    assert result.exit_code == 2 and "not a text or HTML file" in result.stderr
