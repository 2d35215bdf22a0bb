#!/usr/bin/env python3
"""Speed of `factcheck search` at scale (issue 3, "How it is judged", point 2; issue 17 at a million).

usage: bench_search.py [--n 100000] [--runs 5] [--keep DIR] [--top 1000] [--layout packs|files] [--fc PATH/TO/factcheck]
       bench_search.py --n 1000000 --keep /tmp/my-1m   (issue 17: one command, every figure; a copy of
       /tmp/packs-1m: the run edits the corpus it keeps, and commits it to git once)

Generates N synthetic claims (Korean civic news with English translations, plus English-only imported
claims) into a claims directory laid out like a real repository at scale: --top hand-written claims and
the 10 seed claims at the top level, the rest under imported/<publisher>/ as `factcheck import` stores
them: packs of 2,000 (`<NNNN>.jsonl.gz`, the default) or one YAML file each (`<shard>/<id>.yaml`). Then it
runs the real CLI as subprocesses, each figure a median over several runs in this one run of the script:

- `python -c pass` (the start-up floor) and a warm search over the seed corpus: ratio, target ≤ 8×;
- the first `factcheck index` at N claims (target ≤ 60 s; ≤ 300 s at 1M) with its peak memory, beside a
  CPU reference timed before and after it (a shared machine's speed drifts);
- disk: the claims as allocated and the index file (≤ 3 GB together at 1M); `git status` in the corpus
  made a git repository (committed once, kept with --keep; ≤ 1 s);
- a warm search at N claims over the same queries, query by query against the seed (≤ 3× each);
  the three (python, seed, N) are measured side by side, query by query, so drift on a shared machine
  weighs on all of them alike;
- the next search after one change: a top-level claim edited in place, and an imported claim replaced (with
  packs: the largest publisher's last pack rewritten with one claim changed; then a new pack of 20
  claims), each against a warm search (≤ 1.5×);
- `fzf --filter` over the same N claim texts and `rg -z -F` over the claims as stored, for comparison
  (each skipped when missing).

Memory is the child's max RSS from wait4() (the largest single process of its tree, pool workers
included) and, for the index build, the peak summed PSS of the whole process tree sampled from /proc.
Nothing here asserts on time: it prints figures. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from factcheck.store.names import IMPORTED_SHARDS
from factcheck.store.repo import imported_folder

HERE = Path(__file__).resolve().parent
SEED_CLAIMS = HERE.parent / "claims"
MARKER = ".bench-corpus.json"  # dot files are not claim files: the index skips them
# Where imported claims go, as `factcheck import` stores them; a corpus of another layout is not reused.
LAYOUTS = {"files": "imported/<publisher>/<shard>", "packs": "imported/<publisher>/<NNNN>.jsonl.gz"}
TEXTS = ".bench-texts.txt"  # one line per claim (claim + claim_en), for fzf
SEED = 20261124

# Queries of the kinds people type: exact, typo, spacing, particles, 초성, alias, number, English,
# entity, a generic civic topic, and one that matches nothing. The same set runs on both corpora.
QUERIES = [
    "예타 면제",
    "피지컬AI예타면제확정",
    "ㅇㅌ ㅁㅈ",
    "국가애산 3년 연속",
    "8/22 국무회의",
    "김제시장이 기자회견에서 말한",
    "과기정통부 피지컬 AI",
    "일조 원 사업비",
    "national budget three years in a row",
    "청년 월세 지원 확대",
    "우주 정거장 건설 비용",
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def code_version() -> str:
    """The commit the measured code comes from, and whether src/ differs from it."""
    try:
        commit = subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(HERE.parent), "status", "--porcelain", "src"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + (" with uncommitted changes in src/" if dirty else "")


# =========================================================================== vocabulary

MUNICIPALITIES = [
    ("서울특별시", "Seoul"), ("부산광역시", "Busan"), ("대구광역시", "Daegu"), ("인천광역시", "Incheon"),
    ("광주광역시", "Gwangju"), ("대전광역시", "Daejeon"), ("울산광역시", "Ulsan"), ("세종시", "Sejong"),
    ("수원시", "Suwon"), ("성남시", "Seongnam"), ("고양시", "Goyang"), ("용인시", "Yongin"), ("부천시", "Bucheon"),
    ("안산시", "Ansan"), ("안양시", "Anyang"), ("남양주시", "Namyangju"), ("화성시", "Hwaseong"),
    ("평택시", "Pyeongtaek"), ("의정부시", "Uijeongbu"), ("시흥시", "Siheung"), ("파주시", "Paju"),
    ("김포시", "Gimpo"), ("광명시", "Gwangmyeong"), ("군포시", "Gunpo"), ("하남시", "Hanam"), ("오산시", "Osan"),
    ("이천시", "Icheon"), ("안성시", "Anseong"), ("의왕시", "Uiwang"), ("양주시", "Yangju"), ("포천시", "Pocheon"),
    ("여주시", "Yeoju"), ("춘천시", "Chuncheon"), ("원주시", "Wonju"), ("강릉시", "Gangneung"), ("동해시", "Donghae"),
    ("속초시", "Sokcho"), ("삼척시", "Samcheok"), ("태백시", "Taebaek"), ("청주시", "Cheongju"), ("충주시", "Chungju"),
    ("제천시", "Jecheon"), ("천안시", "Cheonan"), ("공주시", "Gongju"), ("보령시", "Boryeong"), ("아산시", "Asan"),
    ("서산시", "Seosan"), ("논산시", "Nonsan"), ("계룡시", "Gyeryong"), ("당진시", "Dangjin"), ("전주시", "Jeonju"),
    ("군산시", "Gunsan"), ("익산시", "Iksan"), ("정읍시", "Jeongeup"), ("남원시", "Namwon"), ("김제시", "Gimje"),
    ("완주군", "Wanju"), ("진안군", "Jinan"), ("무주군", "Muju"), ("장수군", "Jangsu"), ("임실군", "Imsil"),
    ("순창군", "Sunchang"), ("고창군", "Gochang"), ("부안군", "Buan"), ("목포시", "Mokpo"), ("여수시", "Yeosu"),
    ("순천시", "Suncheon"), ("나주시", "Naju"), ("광양시", "Gwangyang"), ("담양군", "Damyang"), ("곡성군", "Gokseong"),
    ("구례군", "Gurye"), ("고흥군", "Goheung"), ("보성군", "Boseong"), ("화순군", "Hwasun"), ("장흥군", "Jangheung"),
    ("강진군", "Gangjin"), ("해남군", "Haenam"), ("영암군", "Yeongam"), ("무안군", "Muan"), ("함평군", "Hampyeong"),
    ("영광군", "Yeonggwang"), ("장성군", "Jangseong"), ("완도군", "Wando"), ("진도군", "Jindo"), ("신안군", "Sinan"),
    ("포항시", "Pohang"), ("경주시", "Gyeongju"), ("김천시", "Gimcheon"), ("안동시", "Andong"), ("구미시", "Gumi"),
    ("영주시", "Yeongju"), ("영천시", "Yeongcheon"), ("상주시", "Sangju"), ("문경시", "Mungyeong"),
    ("경산시", "Gyeongsan"), ("창원시", "Changwon"), ("진주시", "Jinju"), ("통영시", "Tongyeong"),
    ("사천시", "Sacheon"), ("김해시", "Gimhae"), ("밀양시", "Miryang"), ("거제시", "Geoje"), ("양산시", "Yangsan"),
    ("제주시", "Jeju City"), ("서귀포시", "Seogwipo"), ("강남구", "Gangnam-gu"), ("서초구", "Seocho-gu"),
    ("마포구", "Mapo-gu"), ("송파구", "Songpa-gu"), ("노원구", "Nowon-gu"), ("해운대구", "Haeundae-gu"),
    ("수성구", "Suseong-gu"), ("유성구", "Yuseong-gu"), ("전북특별자치도", "Jeonbuk State"), ("경기도", "Gyeonggi"),
    ("강원특별자치도", "Gangwon State"), ("충청남도", "South Chungcheong"), ("경상남도", "South Gyeongsang"),
    ("전라남도", "South Jeolla"), ("경상북도", "North Gyeongsang"), ("제주특별자치도", "Jeju"),
]

MINISTRIES = [
    ("기획재정부", "the Ministry of Economy and Finance"), ("과학기술정보통신부", "the Ministry of Science and ICT"),
    ("행정안전부", "the Ministry of the Interior and Safety"), ("국토교통부", "the Ministry of Land"),
    ("농림축산식품부", "the Ministry of Agriculture"), ("산업통상자원부", "the Ministry of Trade and Industry"),
    ("중소벤처기업부", "the Ministry of SMEs and Startups"), ("보건복지부", "the Ministry of Health and Welfare"),
    ("교육부", "the Ministry of Education"), ("환경부", "the Ministry of Environment"),
    ("고용노동부", "the Ministry of Employment and Labor"), ("문화체육관광부", "the Ministry of Culture"),
    ("해양수산부", "the Ministry of Oceans and Fisheries"), ("여성가족부", "the Ministry of Gender Equality"),
    ("국방부", "the Ministry of National Defense"), ("법무부", "the Ministry of Justice"),
    ("국가보훈부", "the Ministry of Patriots and Veterans Affairs"), ("조달청", "the Public Procurement Service"),
    ("통계청", "Statistics Korea"), ("산림청", "the Korea Forest Service"), ("질병관리청", "the KDCA"),
    ("소방청", "the National Fire Agency"), ("경찰청", "the National Police Agency"), ("국세청", "the National Tax Service"),
    ("감사원", "the Board of Audit and Inspection"), ("국민권익위원회", "the Anti-Corruption Commission"),
    ("공정거래위원회", "the Fair Trade Commission"), ("금융위원회", "the Financial Services Commission"),
]

# (Korean programme, English, topic tag)
PROGRAMS = [
    ("청년 일자리 지원", "youth job support", "일자리"), ("스마트팜 혁신밸리 조성", "a smart farm innovation valley", "농업"),
    ("수소 도시 조성", "a hydrogen city", "에너지"), ("공공배달앱 운영", "a public delivery app", "지역경제"),
    ("도시재생 뉴딜", "urban regeneration", "도시"), ("공공의대 설립", "a public medical school", "의료"),
    ("광역철도 연장", "a metropolitan rail extension", "교통"), ("하수처리장 증설", "a sewage plant expansion", "환경"),
    ("어린이 보호구역 확대", "more school zones", "안전"), ("출산장려금 지급", "childbirth incentives", "인구"),
    ("농민수당 지급", "a farmers' allowance", "농업"), ("지역화폐 발행", "local currency", "지역경제"),
    ("전기버스 도입", "electric buses", "교통"), ("공공도서관 건립", "a public library", "문화"),
    ("국민체육센터 건립", "a sports centre", "문화"), ("일반산업단지 조성", "an industrial complex", "산업"),
    ("새만금 개발", "the Saemangeum development", "개발"), ("이차전지 특화단지", "a secondary battery cluster", "산업"),
    ("반도체 클러스터", "a semiconductor cluster", "산업"), ("재난지원금 지급", "disaster relief grants", "복지"),
    ("노인 일자리", "jobs for seniors", "복지"), ("청년 월세 지원", "youth rent support", "주택"),
    ("공공임대주택 공급", "public rental housing", "주택"), ("미세먼지 저감", "fine dust reduction", "환경"),
    ("탄소중립 실천", "carbon neutrality", "환경"), ("관광객 유치", "attracting tourists", "관광"),
    ("케이블카 설치", "a cable car", "관광"), ("국제공항 건설", "an international airport", "교통"),
    ("고속도로 확장", "motorway widening", "교통"), ("인구감소 대응", "population decline measures", "인구"),
    ("귀농귀촌 지원", "support for moving to the countryside", "인구"), ("전통시장 현대화", "traditional market renewal", "지역경제"),
    ("스마트도시 조성", "a smart city", "도시"), ("드론 특구 지정", "a drone special zone", "산업"),
    ("피지컬 AI 실증", "physical AI testbeds", "AI"), ("데이터센터 유치", "a data centre", "AI"),
    ("인공지능 교육", "AI education", "AI"), ("원전 해체 산업", "nuclear decommissioning", "에너지"),
    ("태양광 발전단지", "a solar farm", "에너지"), ("해상풍력단지", "an offshore wind farm", "에너지"),
    ("광역 소각장 건설", "a regional incinerator", "환경"), ("무상급식 확대", "free school meals", "교육"),
    ("공공산후조리원 설치", "a public postnatal care centre", "의료"), ("지방의료원 신축", "a new public hospital", "의료"),
    ("권역응급의료센터 지정", "a regional emergency centre", "의료"), ("다함께돌봄센터 확충", "after-school care centres", "복지"),
    ("국공립 어린이집 확충", "public daycare centres", "복지"), ("버스 준공영제 시행", "a semi-public bus system", "교통"),
    ("도시철도 2호선 건설", "urban rail line 2", "교통"), ("트램 도입", "a tram line", "교통"),
    ("신청사 건립", "a new city hall", "행정"), ("문화예술회관 건립", "an arts centre", "문화"),
    ("지역축제 예산", "the local festival budget", "관광"), ("지방하천 정비", "river maintenance", "안전"),
    ("상수도 현대화", "waterworks modernisation", "환경"), ("혁신도시 시즌2", "innovation city phase 2", "개발"),
    ("공공기관 2차 이전", "the second relocation of public agencies", "개발"), ("규제자유특구 지정", "a regulation-free zone", "산업"),
    ("기회발전특구 지정", "an opportunity development zone", "산업"), ("교육발전특구 선정", "an education development zone", "교육"),
    ("글로컬대학 선정", "the glocal university programme", "교육"), ("지방소멸대응기금 배분", "the local extinction response fund", "인구"),
    ("고향사랑기부제 모금", "hometown love donations", "지역경제"), ("공공와이파이 구축", "public Wi-Fi", "AI"),
    ("자율주행 시범지구", "an autonomous driving pilot zone", "교통"), ("청년 창업 지원", "youth start-up support", "일자리"),
    ("소상공인 특례보증", "guarantees for small businesses", "지역경제"), ("경로당 냉난방비 지원", "heating for senior centres", "복지"),
    ("생활인구 유입", "attracting visiting residents", "인구"), ("반려동물 테마파크", "a pet theme park", "관광"),
]
MEETINGS = [("국무회의", "the cabinet meeting"), ("시의회 본회의", "the city council plenary"),
            ("도의회 임시회", "the provincial council session"), ("예산결산특별위원회", "the budget committee"),
            ("주요업무계획 보고회", "the work plan briefing"), ("정례 기자회견", "a regular press conference"),
            ("국정감사", "the parliamentary audit"), ("시정질문", "question time")]
SURNAMES = [("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"), ("강", "Kang"), ("조", "Cho"),
            ("윤", "Yoon"), ("장", "Jang"), ("임", "Lim"), ("한", "Han"), ("오", "Oh"), ("서", "Seo"), ("신", "Shin"),
            ("권", "Kwon"), ("황", "Hwang"), ("안", "Ahn"), ("송", "Song"), ("류", "Ryu"), ("전", "Jeon"), ("홍", "Hong")]
GIVEN = [("민", "min"), ("준", "jun"), ("서", "seo"), ("현", "hyeon"), ("지", "ji"), ("영", "yeong"), ("수", "su"),
         ("성", "seong"), ("호", "ho"), ("진", "jin"), ("우", "u"), ("희", "hui"), ("경", "gyeong"), ("태", "tae"),
         ("동", "dong"), ("재", "jae"), ("은", "eun"), ("혜", "hye"), ("상", "sang"), ("원", "won"), ("광", "gwang"),
         ("훈", "hun"), ("철", "cheol"), ("미", "mi"), ("정", "jeong"), ("석", "seok"), ("윤", "yun"), ("규", "gyu"),
         ("주", "ju"), ("연", "yeon"), ("기", "gi"), ("용", "yong"), ("승", "seung"), ("아", "a"), ("혁", "hyeok")]
ROLES = [("시장", "mayor"), ("군수", "county governor"), ("구청장", "district head"), ("도지사", "governor"),
         ("국회의원", "lawmaker"), ("시의원", "city councillor"), ("도의원", "provincial councillor"),
         ("장관", "minister"), ("대변인", "spokesperson"), ("교육감", "superintendent of education"),
         ("예비후보", "candidate"), ("위원장", "committee chair")]
NEWS = [("연합뉴스", "www.yna.co.kr"), ("뉴스1", "www.news1.kr"), ("뉴시스", "www.newsis.com"),
        ("전북일보", "www.jjan.kr"), ("한겨레", "www.hani.co.kr"), ("경향신문", "www.khan.co.kr"),
        ("조선일보", "www.chosun.com"), ("중앙일보", "www.joongang.co.kr"), ("동아일보", "www.donga.com"),
        ("KBS", "news.kbs.co.kr"), ("MBC", "imnews.imbc.com"), ("SBS", "news.sbs.co.kr"),
        ("매일경제", "www.mk.co.kr"), ("한국경제", "www.hankyung.com"), ("국민일보", "www.kmib.co.kr"),
        ("서울신문", "www.seoul.co.kr"), ("부산일보", "www.busan.com"), ("매일신문", "www.imaeil.com"),
        ("경인일보", "www.kyeongin.com"), ("강원일보", "www.kwnews.co.kr"), ("광주일보", "www.kwangju.co.kr"),
        ("충청투데이", "www.cctoday.co.kr"), ("제주일보", "www.jejunews.com"), ("일요서울", "www.ilyoseoul.co.kr")]
STATUSES = [("true", 8), ("mostly-true", 12), ("half-true", 20), ("mostly-false", 22), ("false", 28), ("unverified", 10)]
STATUS_KO = {"true": "사실", "mostly-true": "대체로 사실", "half-true": "절반의 사실",
             "mostly-false": "대체로 사실 아님", "false": "전혀 사실 아님", "unverified": "판단 유보"}
STATUS_EN = {"true": "True", "mostly-true": "Mostly True", "half-true": "Half True",
             "mostly-false": "Mostly False", "false": "False", "unverified": "Unproven"}
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]

# Imported fact-checkers: (folder slug, publisher, language). Folder sizes follow a Zipf-like curve,
# so the largest folder holds about a quarter of all imported claims.
PUBLISHERS = [
    ("snu-factcheck", "SNU팩트체크", "ko"), ("politifact", "PolitiFact", "en"), ("jtbc-factcheck", "JTBC 팩트체크", "ko"),
    ("yonhap-factcheck", "연합뉴스 팩트체크", "ko"), ("factcheck-org", "FactCheck.org", "en"),
    ("newstapa", "뉴스타파", "ko"), ("kbs-factcheck", "KBS 팩트체크K", "ko"), ("full-fact", "Full Fact", "en"),
    ("sbs-factcheck", "SBS 사실은", "ko"), ("mbc-factcheck", "MBC 팩트의 무게", "ko"), ("afp-factcheck", "AFP Fact Check", "en"),
    ("ohmynews", "오마이뉴스 오마이팩트", "ko"), ("nocutnews", "노컷뉴스 팩트체크", "ko"), ("snopes", "Snopes", "en"),
    ("newstof", "뉴스톱", "ko"), ("reuters", "Reuters Fact Check", "en"), ("hankookilbo", "한국일보 팩트체크", "ko"),
    ("lead-stories", "Lead Stories", "en"), ("kyunghyang", "경향신문 팩트체크", "ko"), ("usa-today", "USA Today", "en"),
    ("dong-a", "동아일보 팩트체크", "ko"), ("ap-fact-check", "AP Fact Check", "en"), ("mediaus", "미디어스", "ko"),
    ("washington-post", "The Washington Post Fact Checker", "en"),
]
US_STATES = ["Texas", "Florida", "Ohio", "Georgia", "Arizona", "Wisconsin", "Michigan", "Pennsylvania", "Virginia",
             "Oregon", "New Jersey", "North Carolina", "Nevada", "Colorado", "Minnesota", "Iowa", "Tennessee"]
US_TOPICS = ["property taxes", "the minimum wage", "Medicaid expansion", "school vouchers", "border security",
             "unemployment benefits", "gas prices", "violent crime", "teacher pay", "the state pension fund",
             "voter ID", "broadband access", "opioid deaths", "rent control", "public transit",
             "prescription drug prices", "manufacturing jobs", "college tuition", "wildfire prevention"]
US_PEOPLE = ["Says", "Gov. {n}", "Sen. {n}", "Rep. {n}", "Mayor {n}", "A Facebook post", "A viral video"]
US_NAMES = ["Miller", "Johnson", "Garcia", "Brown", "Davis", "Martinez", "Wilson", "Anderson", "Taylor", "Thomas",
            "Moore", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "King"]


# =========================================================================== Korean grammar helpers


def has_final(word: str) -> bool:
    """Does the word end in a consonant (받침), as read aloud? Digits are read in Sino-Korean."""
    last = word.rstrip(" %")[-1:]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    if last.isdigit():
        return last in "0136780"
    return False


def ends_in_rieul(word: str) -> bool:
    last = word[-1:]
    return ("가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 == 8) or last in "178"


def josa(word: str, pair: str) -> str:
    """Attach a particle in its right form: josa('김제시', '은/는') → '김제시는'."""
    with_final, without = pair.split("/")
    if pair == "으로/로":
        return word + ("로" if not has_final(word) or ends_in_rieul(word) else "으로")
    return word + (with_final if has_final(word) else without)


# =========================================================================== generated claims


class Generator:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, items):
        return self.rng.choice(items)

    def person(self):
        (s, sr), (g1, g1r), (g2, g2r) = self.pick(SURNAMES), self.pick(GIVEN), self.pick(GIVEN)
        return s + g1 + g2, f"{sr} {g1r.capitalize()}{g2r}"

    def amount(self):
        """An amount of won written one of the ways the press writes it, with its English."""
        r = self.rng
        kind = r.random()
        if kind < 0.45:
            n = r.choice([r.randint(2, 99), r.randint(100, 9999)])
            text = r.choice([f"{n:,}억 원", f"{n}억원", f"{n}억 원"])
            return text, f"{n * 100_000_000 / 1e9:.1f} billion won"
        if kind < 0.6:
            a, b = r.randint(1, 9), r.randint(1, 9999)
            return r.choice([f"{a}조 {b:,}억 원", f"{a}조{b}억원"]), f"{a + b / 10000:.2f} trillion won"
        if kind < 0.75:
            n = r.randint(1, 9999)
            return r.choice([f"{n:,}만 원", f"{n}만원"]), f"{n * 10000:,} won"
        if kind < 0.85:
            return r.choice(["일조 원", "1조 원", "1조원", "1,000,000,000,000원"]), "1 trillion won"
        n = r.randint(10, 900) * 1_000_000
        return f"{n:,}원", f"{n:,} won"

    def date(self):
        r = self.rng
        y, m, d = r.randint(2017, 2026), r.randint(1, 12), r.randint(1, 28)
        forms = [
            (f"{m}월 {d}일", f"{EN_MONTHS[m - 1]} {d}"),
            (f"{y}년 {m}월 {d}일", f"{EN_MONTHS[m - 1]} {d}, {y}"),
            (f"{y}.{m}.{d}", f"{EN_MONTHS[m - 1]} {d}, {y}"),
            (f"{y}년 {m}월", f"{EN_MONTHS[m - 1]} {y}"),
            (f"지난 {d}일", f"on the {d}th"),
        ]
        return (*r.choice(forms), y, m, d)

    def korean_claim(self):
        r = self.rng
        muni, muni_en = self.pick(MUNICIPALITIES)
        muni2, muni2_en = self.pick(MUNICIPALITIES)
        ministry, ministry_en = self.pick(MINISTRIES)
        prog, prog_en, topic = self.pick(PROGRAMS)
        prog2, prog2_en, _ = self.pick(PROGRAMS)
        meeting, meeting_en = self.pick(MEETINGS)
        name, name_en = self.person()
        role, role_en = self.pick(ROLES)
        amount, amount_en = self.amount()
        when, when_en, year, _m, _d = self.date()
        pct = r.choice([r.randint(2, 95), round(r.uniform(0.1, 9.9), 1)])
        count = r.randint(3, 30000)
        years = r.randint(2, 6)
        y2 = year + r.randint(1, 5)
        templates = [
            (f"{josa(muni, '이/가')} {year}년 {prog} 사업으로 국비 {josa(amount, '을/를')} 확보했다",
             f"{muni_en} secured {amount_en} of national funding for {prog_en} in {year}"),
            (f"{name} {josa(role, '은/는')} {prog} 예산이 전년 대비 {pct}% 늘었다고 말했다",
             f"{role_en.capitalize()} {name_en} said the budget for {prog_en} rose {pct}% on the previous year"),
            (f"{josa(ministry, '은/는')} {when} {prog} 사업의 예비타당성조사 면제를 확정했다",
             f"{ministry_en.capitalize()} confirmed a preliminary feasibility study exemption for {prog_en} {when_en}"),
            (f"{muni} 인구가 {count:,}명 아래로 떨어져 {year}년 이후 최저를 기록했다",
             f"{muni_en}'s population fell below {count:,}, the lowest since {year}"),
            (f"{muni}의 {prog} 총사업비는 {josa(amount, '으로/로')} 전국 최대 규모다",
             f"{muni_en}'s {prog_en} has a total cost of {amount_en}, the largest in the country"),
            (f"{josa(muni, '은/는')} {years}년 연속 국가예산 {amount} 시대를 열었다",
             f"{muni_en} passed {amount_en} of national budget for {years} years in a row"),
            (f"{name} {josa(role, '은/는')} {muni} {josa(prog, '이/가')} 전국 최초라고 주장했다",
             f"{role_en.capitalize()} {name_en} claimed {muni_en}'s {prog_en} is the first in the country"),
            (f"{ministry} 발표에 따르면 {muni}의 {topic} 지표가 {pct}%로 전국 {r.randint(1, 17)}위다",
             f"According to {ministry_en}, {muni_en} ranks {r.randint(1, 17)} nationally on {topic} at {pct}%"),
            (f"{josa(muni, '은/는')} {year}년부터 {y2}년까지 {prog}에 {josa(amount, '을/를')} 투입한다",
             f"{muni_en} will spend {amount_en} on {prog_en} from {year} to {y2}"),
            (f"{when} 열린 {meeting}에서 {muni} {prog} 추진이 의결됐다",
             f"{muni_en}'s {prog_en} was approved at {meeting_en} {when_en}"),
            (f"{muni} {role} {josa(name, '은/는')} 임기 중 {prog}로 일자리 {count:,}개를 만들었다고 밝혔다",
             f"{muni_en} {role_en} {name_en} said {prog_en} created {count:,} jobs during the term"),
            (f"{josa(muni, '과/와')} {josa(muni2, '이/가')} {prog2} 유치를 놓고 경쟁하고 있으며 {josa(muni, '이/가')} 앞섰다",
             f"{muni_en} and {muni2_en} compete to host {prog2_en}, and {muni_en} is ahead"),
            (f"{prog} 예산 {josa(amount, '이/가')} {when} {ministry} 심사에서 전액 삭감됐다",
             f"The {amount_en} budget for {prog_en} was cut entirely in {ministry_en}'s review {when_en}"),
            (f"{name} {role} 예비후보는 {muni}의 청년 인구가 {years}년 새 {pct}% 줄었다고 말했다",
             f"Candidate {name_en} said {muni_en}'s young population fell {pct}% in {years} years"),
            (f"{josa(muni, '은/는')} {prog} 덕분에 관광객이 {count:,}만 명을 넘었다고 홍보했다",
             f"{muni_en} claimed {prog_en} brought over {count:,}0,000 visitors"),
            (f"{muni} {prog} 사업은 {meeting}에서 {years}차례 부결된 뒤 {year}년 통과됐다",
             f"{muni_en}'s {prog_en} passed in {year} after being rejected {years} times at {meeting_en}"),
        ]
        claim, claim_en = r.choice(templates)
        context = {
            "muni": muni, "muni_en": muni_en, "ministry": ministry, "ministry_en": ministry_en, "prog": prog,
            "prog_en": prog_en, "topic": topic, "name": name, "name_en": name_en, "role": role,
            "role_en": role_en, "amount": amount, "year": year, "meeting": meeting,
        }
        return claim, claim_en, context

    def rationale(self, claim: str, ctx: dict, status: str):
        r = self.rng
        amount2, amount2_en = self.amount()
        press = self.pick(NEWS)[0]
        ko = [
            f"{ctx['ministry']} 자료를 확인한 결과 {ctx['prog']} 관련 예산은 {amount2}으로 집계됐다.",
            f"{press} 보도와 {ctx['muni']} 보도자료도 같은 수치를 전한다.",
            f"발언 가운데 {ctx['year']}년 수치는 맞지만 증가율은 과장됐다.",
            f"{ctx['muni']} 관계자는 최종 확정된 금액이 아니라고 설명했다.",
            f"{ctx['meeting']} 회의록에는 해당 내용이 나오지 않는다.",
            "비교 대상 연도를 바꾸면 결론이 달라진다.",
        ]
        en = [
            f"Figures from {ctx['ministry_en']} put the related budget at {amount2_en}.",
            f"{press} and a {ctx['muni_en']} press release give the same figure.",
            f"The {ctx['year']} figure is right, but the growth rate is exaggerated.",
            f"A {ctx['muni_en']} official said the amount is not final.",
            f"The minutes of {ctx['meeting']} do not mention it.",
            "Changing the base year changes the conclusion.",
        ]
        picks = r.sample(range(len(ko)), r.randint(2, 3))
        verdict_ko = f"따라서 '{STATUS_KO[status]}'로 판정한다."
        verdict_en = f"Hence {STATUS_EN[status].lower()}."
        return " ".join([ko[i] for i in picks] + [verdict_ko]), " ".join([en[i] for i in picks] + [verdict_en])

    def sources(self, claim: str, ctx: dict, kind_ko: bool = True):
        r = self.rng
        out = []
        for _ in range(r.randint(1, 3)):
            publisher, domain = self.pick(NEWS)
            words = claim.split()
            start = r.randrange(max(1, len(words) - 3))
            quote = " ".join(words[start:start + r.randint(3, 6)])
            y, m, d = r.randint(2017, 2026), r.randint(1, 12), r.randint(1, 28)
            out.append({
                "url": f"https://{domain}/news/articleView.html?idxno={r.randint(100000, 999999)}",
                "title": f"{ctx['muni']}, {ctx['prog']} {r.choice(['추진', '논란', '확정', '본격화', '제동'])}",
                "publisher": publisher,
                "published": f"{y}-{m:02d}-{d:02d}",
                "quote": quote,
                "kind": r.choice(["primary", "secondary", "secondary"]),
            })
        return out

    def status(self) -> str:
        return self.rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]

    def local_claim(self, n: int) -> dict:
        """A hand-written top-level claim: Korean with English translation, full provenance."""
        claim, claim_en, ctx = self.korean_claim()
        status = self.status()
        ko, en = self.rationale(claim, ctx, status)
        slug = re.sub(r"[^a-z0-9]+", "-", f"{ctx['muni_en']} {ctx['prog_en']}".lower()).strip("-")[:60]
        y, m = self.rng.randint(2017, 2026), self.rng.randint(1, 12)
        publisher, domain = self.pick(NEWS)
        return {
            "id": f"{slug}-{n:05d}",
            "claim": claim,
            "claim_en": claim_en,
            "claimant": {"name": ctx["name"], "role": f"{ctx['muni']} {ctx['role']}", "type": "Person"},
            "claim_date": f"{y}-{m:02d}",
            "appearance": {"publisher": publisher, "title": f"{ctx['muni']} {ctx['prog']}",
                           "url": f"https://{domain}/news/articleView.html?idxno={self.rng.randint(100000, 999999)}",
                           "date": f"{y}-{m:02d}"},
            "tags": sorted({ctx["topic"], ctx["prog"], self.pick(["예산", "국비", "공약", "통계", "인구"])}),
            "entities": sorted({ctx["muni"], ctx["ministry"]}),
            "status": status,
            "rationale": {"ko": ko, "en": en},
            "sources": [] if status == "unverified" and self.rng.random() < 0.5 else self.sources(claim, ctx),
            "history": [{"date": f"{y}-{m:02d}-15", "status": status, "note": "첫 판정"}],
            "reviewed": f"{y}-{m:02d}-20",
        }

    def english_claim(self):
        r = self.rng
        who = r.choice(US_PEOPLE).format(n=r.choice(US_NAMES))
        state, topic = r.choice(US_STATES), r.choice(US_TOPICS)
        n, pct, year = r.randint(2, 900), r.randint(2, 80), r.randint(2007, 2024)
        templates = [
            f"{who} says {state} spent ${n} million on {topic} in {year}.",
            f"{who} says {topic} in {state} went up {pct} percent since {year}.",
            f"{who} says {state} ranks last in the nation on {topic}.",
            f"{who} says more than {n},000 people in {state} lost out because of {topic}.",
            f"{who} says the {year} budget cut {topic} by {pct} percent.",
            f"{who} says {state} has the highest {topic} of any state.",
        ]
        return r.choice(templates), {"state": state, "topic": topic}

    def imported_claim(self, slug: str, publisher: str, language: str) -> dict:
        r = self.rng
        status = self.status()
        rating = STATUS_KO[status] if language == "ko" else STATUS_EN[status]
        if language == "ko":
            claim, claim_en, ctx = self.korean_claim()
            ko, en = self.rationale(claim, ctx, status)
            record = {"claim": claim}
            if r.random() < 0.3:
                record["claim_en"] = claim_en
            record.update({
                "claimant": {"name": ctx["name"], "role": ctx["role"], "type": "Person"},
                "tags": [ctx["topic"]],
                "entities": [ctx["muni"]],
                "status": status,
                "rationale": ko,
                "sources": self.sources(claim, ctx),
            })
        else:
            claim, ctx = self.english_claim()
            record = {
                "claim": claim,
                "tags": [ctx["topic"]],
                "entities": [ctx["state"]],
                "status": status,
                "rationale": f"Our ruling: {rating}. The numbers on {ctx['topic']} in {ctx['state']} do not say that.",
                "sources": [{"url": f"https://www.{slug}.com/fact-check/{r.randint(10000, 99999)}/",
                             "publisher": publisher, "quote": claim.split(" says ", 1)[-1][:80]}],
            }
        review_url = f"https://www.{slug}.com/factcheck/{r.getrandbits(40):x}"
        digest = hashlib.sha1((review_url + "\n" + record["claim"]).encode("utf-8")).hexdigest()
        record = {"id": f"{slug}-{digest[:10]}", **record}
        record["origin"] = {"format": "claimreview", "url": review_url, "publisher": publisher, "rating": rating,
                            "language": language, "imported": "2026-11-24"}
        return record


# =========================================================================== writing claim files

_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def _scalar(value) -> str:
    # A JSON string is a YAML double-quoted scalar; escape what a YAML parser may not hold raw.
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def _lines(mapping: dict, indent: int):
    pad = " " * indent
    for key, value in mapping.items():
        if value is None:
            continue
        if isinstance(value, dict):
            yield f"{pad}{key}:"
            yield from _lines(value, indent + 2)
        elif isinstance(value, list):
            if not value:
                yield f"{pad}{key}: []"
            elif all(isinstance(v, str) for v in value):
                yield f"{pad}{key}: [{', '.join(_scalar(v) for v in value)}]"
            else:
                yield f"{pad}{key}:"
                for item in value:
                    inner = list(_lines(item, indent + 4))
                    inner[0] = f"{pad}  - {inner[0].lstrip()}"
                    yield from inner
        else:
            yield f"{pad}{key}: {_scalar(value)}"


def claim_yaml(record: dict, schema_ref: str) -> str:
    """A claim file in the repository's format: schema header, then block YAML (strings JSON-quoted)."""
    return "\n".join([f"# yaml-language-server: $schema={schema_ref}", *_lines(record, 0)]) + "\n"


def write_claim(root: Path, folder: str, record: dict) -> Path:
    directory = root / folder if folder else root
    path = directory / f"{record['id']}.yaml"
    schema_ref = os.path.relpath(root / "schema.json", directory)
    path.write_text(claim_yaml(record, schema_ref), encoding="utf-8")
    return path


def one_line(record: dict) -> str:
    return " ".join(" ".join(filter(None, (record.get("claim"), record.get("claim_en")))).split())


def seed_files() -> list[Path]:
    """The project's own claims (not its settings or alias files)."""
    from factcheck.store.names import NOT_CLAIMS

    return [p for p in sorted(SEED_CLAIMS.glob("*.yaml")) if p.name not in NOT_CLAIMS]


def generate(root: Path, n: int, top: int, seed: int, layout: str = "packs") -> dict:
    """Write n claims below root (a fresh directory), imported ones as files or packs; returns the layout
    summary stored in MARKER."""
    from factcheck.store.packs import PACK_CLAIMS, write_packed

    rng = random.Random(seed)
    gen = Generator(rng)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_CLAIMS / "schema.json", root / "schema.json")
    seeds = seed_files()
    for path in seeds:
        shutil.copy(path, root / path.name)
    texts = []
    from ruamel.yaml import YAML

    loader = YAML(typ="safe")
    for path in seeds:
        texts.append(one_line(loader.load(path.read_text(encoding="utf-8"))))
    local = max(0, min(top, n - len(seeds)) - 0)
    imported = n - len(seeds) - local
    weights = [1 / (k + 1) for k in range(len(PUBLISHERS))]
    counts = [int(imported * w / sum(weights)) for w in weights]
    counts[0] += imported - sum(counts)
    t0 = time.perf_counter()
    done = 0
    with open(root / TEXTS, "w", encoding="utf-8") as texts_file:
        texts_file.write("\n".join(texts) + "\n")
        for i in range(local):
            record = gen.local_claim(i)
            write_claim(root, "", record)
            texts_file.write(one_line(record) + "\n")
        done += local
        for (slug, publisher, language), count in zip(PUBLISHERS, counts):
            waiting = []
            for k in range(count):
                record = gen.imported_claim(slug, publisher, language)
                if layout == "packs":
                    waiting.append(record)
                    if len(waiting) == PACK_CLAIMS or k == count - 1:
                        write_packed(root, slug, waiting)
                        waiting = []
                else:
                    folder = imported_folder(slug, record["id"])
                    (root / folder).mkdir(parents=True, exist_ok=True)
                    write_claim(root, folder, record)
                texts_file.write(one_line(record) + "\n")
                done += 1
                if done % 10000 == 0:
                    log(f"  generated {done:,}/{n - len(seeds):,} claims ({time.perf_counter() - t0:.0f} s)")
    layout = {
        "n": n, "seed": seed, "layout": LAYOUTS[layout], "top_level": local + len(seeds),
        "imported": {slug: c for (slug, _p, _l), c in zip(PUBLISHERS, counts)},
    }
    (root / MARKER).write_text(json.dumps(layout, indent=1), encoding="utf-8")
    return layout


# =========================================================================== running and measuring


class TreeMemory:
    """Samples the summed PSS of a process and its descendants from /proc (Linux), keeping the peak."""

    def __init__(self, pid: int, interval: float = 0.5):  # rarely: reading smaps costs the measured run
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(name))
        pids, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            todo.extend(children.get(pid, []))
        return pids

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in self._tree():
                try:
                    with open(f"/proc/{pid}/smaps_rollup") as handle:
                        for line in handle:
                            if line.startswith("Pss:"):
                                total += int(line.split()[1])
                                break
                except OSError:
                    pass
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kb


class Run:
    def __init__(self, seconds: float, code: int, stdout: str, maxrss_mb: float, tree_pss_mb: float | None,
                 cpu_seconds: float = 0.0):
        self.seconds, self.code, self.stdout = seconds, code, stdout
        self.maxrss_mb, self.tree_pss_mb = maxrss_mb, tree_pss_mb
        self.cpu_seconds = cpu_seconds  # user + system, its reaped children (the pool's workers) included


def run(cmd: list[str], env: dict, stdin_path: Path | None = None, sample_tree: bool = False) -> Run:
    """Run cmd once: wall time, exit code, stdout, and max RSS of its tree (wait4), without a shell."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env, stdin=stdin, stdout=out, stderr=err)
            sampler = TreeMemory(proc.pid) if sample_tree else None
            _pid, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            tree = sampler.stop() / 1024 if sampler else None
        finally:
            if stdin_path:
                stdin.close()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.read().decode('utf-8', 'replace')}")
    return Run(seconds, proc.returncode, stdout, usage.ru_maxrss / 1024, tree, usage.ru_utime + usage.ru_stime)


# A fixed pure-Python workload on every core at once, timed just before and just after the build: a
# shared machine's speed drifts (the same loop has taken from 2.6 to 4.5 s here), and the build uses
# all cores, so a build time means little without it.
CPU_REFERENCE = "x = 0\nfor i in range(10_000_000): x += i"


def cpu_reference(python: str, env: dict) -> float:
    """Wall time of one copy of the loop per core, run side by side (the slowest decides)."""
    start = time.perf_counter()
    procs = [subprocess.Popen([python, "-c", CPU_REFERENCE], env=env) for _ in range(os.cpu_count() or 1)]
    for proc in procs:
        proc.wait()
    return time.perf_counter() - start


def search_cmd(fc: str, claims: Path, query: str) -> list[str]:
    return [fc, "--claims-dir", str(claims), "search", query, "--json"]


MEANING_QUERY = "코인 실명 안 바꾸면 벌금 내야 하나"  # its words alone find little: the meaning tier's case
_MEANING_SCRIPT = """
import json, os, sys, time
from factcheck.search.index import cache_dir
from factcheck.search.ranking import search_claims
from factcheck.store.repo import Repo
repo, query = Repo(sys.argv[1], cache_dir(os.environ)), sys.argv[2]  # the run's index, not a new one in ~/.cache
search_claims(repo, "warm up", meaning=False)
def timed(**kw):
    start = time.perf_counter()
    search_claims(repo, query, **kw)
    return time.perf_counter() - start
words = min(timed(meaning=False) for _ in range(3))
cold = timed(meaning=True)
warm = min(timed(meaning=True) for _ in range(3))
print(json.dumps({"words alone": words, "meaning, cold": cold, "meaning, warm": warm}))
"""


def meaning_cost(python: str, claims: Path, env: dict) -> dict[str, float]:
    """In one process: the query by words alone, then with the meaning tier the first time (Kiwi loads) and
    again (in-process library use; each CLI search is a new process, so it always pays the cold figure)."""
    proc = subprocess.run([python, "-c", _MEANING_SCRIPT, str(claims), MEANING_QUERY], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout)


def search_times(corpora: dict[str, tuple[str, Path, dict]], runs: int, python: str, env: dict):
    """Each query `runs` times on every corpus, with `python -c pass` beside each, interleaved: the
    machine is shared, and what another user does then weighs on every figure alike, so the ratios
    between them hold even when the medians drift."""
    per_query = {label: {q: [] for q in QUERIES} for label in corpora}
    base = []
    for r in range(runs):
        for q in QUERIES:
            base.append(run([python, "-c", "pass"], env).seconds)
            for label, (corpus_fc, claims, corpus_env) in corpora.items():
                per_query[label][q].append(run(search_cmd(corpus_fc, claims, q), corpus_env))
        log(f"  round {r + 1}/{runs}: " + ", ".join(f"{label} {ms(median_of(pq))}" for label, pq in per_query.items()))
    return per_query, base


def median_of(per_query: dict[str, list[Run]]) -> float:
    return statistics.median(x.seconds for runs_ in per_query.values() for x in runs_)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:,.1f} ms"


def top_ids(stdout: str) -> list[str]:
    try:
        return [r["id"] for r in json.loads(stdout)["results"]]
    except (ValueError, KeyError):
        return []


def pack_records(path: Path) -> list[dict]:
    from factcheck.store.packs import read_pack_bytes

    return [json.loads(line) for line in read_pack_bytes(path).splitlines() if line.strip()]


def write_pack(path: Path, records: list[dict]) -> None:
    """A pack replaced as git or `factcheck import` replaces it: a complete new file renamed over the old one."""
    from factcheck.store.packs import claim_line, pack_bytes

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(pack_bytes([claim_line(r) for r in records]))
    os.replace(tmp, path)


def replace_pack_line(path: Path, i: int) -> None:
    """One claim of a pack changed (its rationale), the pack rewritten whole and renamed into place."""
    records = pack_records(path)
    record = records[i % len(records)]
    record["rationale"] = re.sub(r"( \(updated \d+\))?$", f" (updated {i})", str(record.get("rationale") or "x"), count=1)
    write_pack(path, records)


def new_pack(folder: Path, i: int, claims: int = 20) -> None:
    """A new pack of `claims` claims appears (a small import into a full publisher, or a git pull)."""
    gen = Generator(random.Random(SEED + i))
    slug, publisher, language = PUBLISHERS[0]
    write_pack(folder / f"{9000 + i:04d}.jsonl.gz", [gen.imported_claim(slug, publisher, language) for _ in range(claims)])


def disk_bytes(root: Path) -> int:
    """Bytes allocated on disk below root (as du counts them; dot folders such as .git left out)."""
    total = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        total += sum(os.lstat(os.path.join(folder, name)).st_blocks * 512 for name in files)
    return total


def git_status_seconds(claims: Path, env: dict, runs: int) -> tuple[float, str]:
    """`git status` in the corpus made a git repository (committed once; kept with --keep), median of runs."""
    git = shutil.which("git")
    if not git:
        return float("nan"), "git not found"
    if not (claims / ".git").exists():
        log("  committing the corpus to git (once)")
        for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
                                                   "commit", "-qm", "corpus"]):
            subprocess.run([git, "-C", str(claims), *cmd], env=env, check=True, capture_output=True)
    files = subprocess.run([git, "-C", str(claims), "ls-files"], env=env, capture_output=True, text=True,
                           check=True).stdout.count("\n")
    times = [run([git, "-C", str(claims), "status", "--porcelain"], env).seconds for _ in range(runs)]
    return statistics.median(times), f"{files:,} files tracked"


def edit_in_place(path: Path, i: int) -> None:
    """A person editing a claim in their editor (no rename): the rationale's last sentence changes."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(\n  ko: \"[^\n]*?)( \(수정 \d+\))?\"\n", lambda m: f"{m.group(1)} (수정 {i})\"\n", text, count=1)
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(text)
        handle.truncate()


def replace_atomically(path: Path, i: int) -> None:
    """`factcheck verdict`, git checkout or a rename-on-save editor: a new file renamed over the old one."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\nrationale: \"(.*?)( \(updated \d+\))?\"\n", lambda m: f"\nrationale: \"{m.group(1)} (updated {i})\"\n",
                  text, count=1)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# =========================================================================== main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="claims in the large corpus (default 100000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each query per measurement (default 5)")
    parser.add_argument("--keep", type=Path, help="generate the corpus here, or reuse it if it is already there")
    parser.add_argument("--top", type=int, default=1000, help="hand-written top-level claims (default 1000)")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="packs",
                        help="imported claims as packs (default) or one YAML file each")
    default_fc = Path(sys.executable).with_name("factcheck")
    parser.add_argument("--fc", default=str(default_fc), help=f"the factcheck executable (default {default_fc})")
    parser.add_argument("--baseline-fc", help="another build's factcheck executable (e.g. the last release), measured "
                        "beside this one in the same run: seed search, first build and warm search")
    parser.add_argument("--baseline-seed", type=Path, default=SEED_CLAIMS,
                        help="the seed claims the baseline searches (default: this checkout's claims/)")
    args = parser.parse_args()
    fc = args.fc
    python = str(Path(fc).with_name("python"))

    args.version = code_version()
    work = Path(tempfile.mkdtemp(prefix="fc-bench-"))
    # Children run as a user's shell would: no FACTCHECK_* settings, and Python may cache bytecode
    # (with PYTHONDONTWRITEBYTECODE set, every recently edited module is compiled on every run: +40 ms).
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_") and k != "PYTHONDONTWRITEBYTECODE"}
    try:
        results = measure(args, fc, python, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(args, results)


def measure(args, fc: str, python: str, work: Path, env: dict) -> dict:
    res: dict = {}
    runs = args.runs

    log("baseline: python -c pass")
    for _ in range(3):
        run([python, "-c", "pass"], env)

    seed_env = {**env, "FACTCHECK_CACHE_DIR": str(work / "cache-seed")}
    run(search_cmd(fc, SEED_CLAIMS, QUERIES[0]), seed_env)  # builds the seed index

    # ---- the large corpus
    claims = args.keep.resolve() if args.keep else work / "claims"
    marker = claims / MARKER
    known = json.loads(marker.read_text()) if marker.exists() else {}
    if known.get("n") == args.n and known.get("layout") == LAYOUTS[args.layout]:
        layout = known
        log(f"reusing the corpus in {claims}")
    else:
        if claims.exists() and any(claims.iterdir()):
            raise SystemExit(f"{claims} exists and is not a generated corpus of {args.n} claims; choose another --keep")
        log(f"generating {args.n:,} claims into {claims}")
        t0 = time.perf_counter()
        layout = generate(claims, args.n, args.top, SEED, args.layout)
        log(f"  generated in {time.perf_counter() - t0:.0f} s")
    res["layout"] = layout
    big_env = {**env, "FACTCHECK_CACHE_DIR": str(work / "cache-big")}

    log("first index build (empty cache)")
    speed_before = cpu_reference(python, env)
    build = run([fc, "--claims-dir", str(claims), "index", "--json"], big_env, sample_tree=True)
    res["cpu_reference"] = (speed_before, cpu_reference(python, env))
    info = json.loads(build.stdout)
    res["build"], res["build_rss"], res["build_pss"] = build.seconds, build.maxrss_mb, build.tree_pss_mb
    res["build_cpu"] = build.cpu_seconds
    res["indexed"], res["problems"] = info["claims"], info["files_with_problems"]
    res["disk_claims"], res["disk_index"] = disk_bytes(claims), info.get("index_bytes", 0)
    res["git_status"] = git_status_seconds(claims, env, 3)
    log(f"  disk: claims {res['disk_claims'] / 1e9:.2f} GB, index {res['disk_index'] / 1e9:.2f} GB; "
        f"git status {res['git_status'][0]:.2f} s ({res['git_status'][1]})")
    log(f"  built in {build.seconds:.1f} s ({build.cpu_seconds:.0f} s of CPU): {info['claims']:,} claims, {info['files_with_problems']} files with problems")
    if info["files_with_problems"] or info["claims"] != args.n:
        raise SystemExit(f"the generated corpus is not valid: {info}")

    baseline = args.baseline_fc
    if baseline:
        base_seed_env = {**env, "FACTCHECK_CACHE_DIR": str(work / "cache-seed-baseline")}
        base_big_env = {**env, "FACTCHECK_CACHE_DIR": str(work / "cache-big-baseline")}
        run(search_cmd(baseline, args.baseline_seed, QUERIES[0]), base_seed_env)
        log("first index build with the baseline code (empty cache)")
        speed_before = cpu_reference(python, env)
        build = run([baseline, "--claims-dir", str(claims), "index", "--json"], base_big_env, sample_tree=True)
        res["baseline_cpu_reference"] = (speed_before, cpu_reference(python, env))
        res["baseline_build"], res["baseline_build_pss"] = build.seconds, build.tree_pss_mb
        log(f"  built in {build.seconds:.1f} s")

    log("full check of an unchanged index (`factcheck index`)")
    res["recheck"] = statistics.median(
        run([fc, "--claims-dir", str(claims), "index", "--json"], big_env).seconds for _ in range(max(3, runs // 2))
    )

    log(f"warm searches: python -c pass, the seed corpus ({SEED_CLAIMS}) and {args.n:,} claims, interleaved")
    run(search_cmd(fc, claims, QUERIES[0]), big_env)  # one warm-up
    corpora = {"seed": (fc, SEED_CLAIMS, seed_env), "big": (fc, claims, big_env)}
    if baseline:
        run(search_cmd(baseline, claims, QUERIES[0]), base_big_env)
        corpora |= {"baseline_seed": (baseline, args.baseline_seed, base_seed_env),
                    "baseline_big": (baseline, claims, base_big_env)}
    per_query, base = search_times(corpora, runs, python, env)
    res["python"] = statistics.median(base)
    for label in corpora:
        label_runs = [x for runs_ in per_query[label].values() for x in runs_]
        res[label] = statistics.median(r.seconds for r in label_runs)
        res[f"{label}_per_query"] = {q: statistics.median(r.seconds for r in rs) for q, rs in per_query[label].items()}
        res[f"{label}_rss"] = max(r.maxrss_mb for r in label_runs)
    res["big_top"] = {q: top_ids(rs[0].stdout)[:1] for q, rs in per_query["big"].items()}

    # ---- the meaning tier (issue 11): its cost in a process, first (model load) and again, beside words alone
    log("meaning tier: cold and warm, seed and large corpus")
    for label, (folder, label_env) in (("seed", (SEED_CLAIMS, seed_env)), ("big", (claims, big_env))):
        res[f"meaning_{label}"] = meaning_cost(python, folder, label_env)
        log(f"  {label}: " + ", ".join(f"{k} {ms(v)}" for k, v in res[f"meaning_{label}"].items()))

    # ---- one file changes, then the next search
    seed_names = {p.name for p in seed_files()}
    top_file = sorted(p for p in claims.glob("*.yaml") if p.name not in seed_names)[0]
    largest = max(layout["imported"], key=layout["imported"].get)
    packed = args.layout == "packs"
    if packed:
        imported_files = sorted((claims / "imported" / largest).glob("*.jsonl.gz"))[-1:]
        changes = [("edit", edit_in_place, [top_file]), ("replace", replace_pack_line, imported_files),
                   ("new pack", lambda folder, i: new_pack(folder, i), [claims / "imported" / largest])]
    else:
        imported_files = sorted((claims / "imported" / largest).glob("*/*.yaml"))
        changes = [("edit", edit_in_place, [top_file]), ("replace", replace_atomically, imported_files)]
    res["changes"] = [label for label, _change, _files in changes]
    for label, change, files in changes:
        times, warm = [], []
        for i, q in enumerate(QUERIES * max(1, runs // 3)):
            change(files[i % len(files)], i)
            times.append(run(search_cmd(fc, claims, q), big_env).seconds)
            warm.append(run(search_cmd(fc, claims, q), big_env).seconds)  # the same query, warm again, beside it
        res[f"{label}_after"] = statistics.median(times)
        res[f"{label}_warm"] = statistics.median(warm)
        log(f"  after {label}: median {ms(res[f'{label}_after'])} vs warm {ms(res[f'{label}_warm'])}")
    if packed:
        for extra in sorted((claims / "imported" / largest).glob("9*.jsonl.gz")):
            extra.unlink()  # the new packs go again: a kept corpus stays as generated
    res["replace_folder"] = (largest, layout["imported"][largest])
    res["edit_file"] = top_file.name

    # Correctness of the incremental refresh (not timed): a changed file's new words are found.
    checks = []
    if packed:
        pack = imported_files[0]
        records = pack_records(pack)
        records[0]["claim"] = "오로라고래검증 " + records[0]["claim"]
        write_pack(pack, records)
        checks.append(top_ids(run(search_cmd(fc, claims, "오로라고래검증"), big_env).stdout)[:1] == [records[0]["id"]])
        records[0]["claim"] = records[0]["claim"].removeprefix("오로라고래검증 ")
        write_pack(pack, records)
    pairs = ((top_file, "쿼카펭귄검증"),) if packed else ((top_file, "쿼카펭귄검증"), (imported_files[0], "오로라고래검증"))
    for path, word in pairs:
        text = path.read_text(encoding="utf-8").replace("\nclaim: \"", f"\nclaim: \"{word} ", 1)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        found = top_ids(run(search_cmd(fc, claims, word), big_env).stdout)[:1] == [path.stem]
        checks.append(found)
        path.write_text(text.replace(f"{word} ", "", 1), encoding="utf-8")
    res["refresh_ok"] = all(checks)

    # ---- fzf over the same texts
    fzf = shutil.which("fzf")
    res["fzf"] = None
    if fzf:
        texts = claims / TEXTS
        per_query = {q: [] for q in QUERIES}
        matches = {}
        for r in range(runs):
            for q in QUERIES:
                result = run([fzf, "--filter", q], env, stdin_path=texts)
                per_query[q].append(result.seconds)
                matches[q] = result.stdout.count("\n")
            log(f"  fzf: round {r + 1}/{runs}")
        res["fzf"] = statistics.median(t for ts in per_query.values() for t in ts)
        res["fzf_per_query"] = {q: statistics.median(ts) for q, ts in per_query.items()}
        res["fzf_matches"] = matches
    else:
        log("fzf not found (apt-get install fzf): skipping the comparison")

    # ---- rg over the claims tree as stored (-z reads the packs), each query once, as a fixed string
    rg = shutil.which("rg")
    res["rg"] = None
    if rg:
        times = {q: run([rg, "-z", "-F", "-i", "-c", "--no-messages", q, str(claims)], env).seconds for q in QUERIES}
        res["rg"], res["rg_per_query"] = statistics.median(times.values()), times
        log(f"  rg: median {ms(res['rg'])}")
    else:
        log("rg not found (apt-get install ripgrep): skipping the comparison")
    return res


def print_table(args, res: dict) -> None:
    n = args.n
    layout = res["layout"]
    folders = layout["imported"]
    print(f"\nfactcheck search speed — N={n:,} claims: {layout['top_level']:,} top-level, "
          f"{sum(folders.values()):,} under imported/ in {len(folders)} publisher folders "
          f"(largest {max(folders.values()):,}); {args.runs} runs × {len(QUERIES)} queries per search figure")
    print(f"code: {args.version} (at the start; {code_version()} at the end); machine: {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f} at the end; Python {sys.version.split()[0]}\n")
    rows = []

    def row(name, value, ratio="", target="", ok=None):
        verdict = "" if ok is None else ("met" if ok else "MISSED")
        rows.append((name, value, ratio, target, verdict))

    seed_ratio = res["seed"] / res["python"]
    row("python -c pass", ms(res["python"]))
    row("seed corpus (10 claims): search, warm", ms(res["seed"]), f"{seed_ratio:.1f}× python", "≤ 8×",
        seed_ratio <= 8)
    before, after = res["cpu_reference"]
    build_target = 300 if n >= 1_000_000 else 60
    row(f"{n:,}: first `factcheck index`", f"{res['build']:.1f} s",
        f"CPU reference {before:.2f} s before, {after:.2f} s after; {res['build_cpu']:.0f} s of CPU in all",
        f"≤ {build_target} s", res["build"] <= build_target)
    row(f"{n:,}: `factcheck index`, nothing changed", ms(res["recheck"]))
    big_ratio = res["big"] / res["seed"]
    row(f"{n:,}: search, warm", ms(res["big"]), f"{big_ratio:.2f}× seed", "≤ 2×", big_ratio <= 2)
    edit_ratio = res["edit_after"] / res["edit_warm"]
    row(f"{n:,}: search after a top-level edit in place", ms(res["edit_after"]),
        f"{edit_ratio:.2f}× warm ({ms(res['edit_warm'])})", "≤ 1.5×", edit_ratio <= 1.5)
    folder, size = res["replace_folder"]
    replace_ratio = res["replace_after"] / res["replace_warm"]
    row(f"{n:,}: search after an imported file is renamed over", ms(res["replace_after"]),
        f"{replace_ratio:.2f}× warm ({ms(res['replace_warm'])})", "≤ 1.5×", replace_ratio <= 1.5)
    disk = res["disk_claims"] + res["disk_index"]
    row(f"{n:,}: on disk, claims + index", f"{disk / 1e9:.2f} GB",
        f"claims {res['disk_claims'] / 1e9:.2f} GB, index {res['disk_index'] / 1e9:.2f} GB", "≤ 3 GB at 1M",
        disk <= 3e9)
    status, tracked = res["git_status"]
    row(f"{n:,}: `git status` in the corpus", f"{status:.2f} s", tracked, "≤ 1 s", status <= 1)
    for label in res["changes"][2:]:
        ratio = res[f"{label}_after"] / res[f"{label}_warm"]
        row(f"{n:,}: search after a {label} (20 claims)", ms(res[f"{label}_after"]),
            f"{ratio:.2f}× warm ({ms(res[f'{label}_warm'])})", "≤ 1.5×", ratio <= 1.5)
    worst = max(res["big_per_query"][q] / res["seed_per_query"][q] for q in QUERIES)
    row(f"{n:,}: worst query's warm median vs the seed's", f"{worst:.2f}×", "query by query, below", "≤ 3×",
        worst <= 3)
    row(f"{n:,}: peak memory, index build (max RSS)", f"{res['build_rss']:.0f} MB", "", "≤ 200 MB",
        res["build_rss"] <= 200)
    row(f"{n:,}: peak memory, index build (tree PSS)", f"{res['build_pss']:.0f} MB", "all processes summed",
        "≤ 500 MB", res["build_pss"] <= 500)
    row(f"{n:,}: peak memory, search (max RSS)", f"{res['big_rss']:.0f} MB", f"seed: {res['seed_rss']:.0f} MB",
        "≤ 200 MB", res["big_rss"] <= 200)
    for label, name in (("seed", "seed corpus"), ("big", f"{n:,}")):
        cost = res[f"meaning_{label}"]
        row(f"{name}: meaning tiers, cold (Kiwi loads; e5 too with the meaning extra)", ms(cost["meaning, cold"]),
            f"words alone {ms(cost['words alone'])}", "only when words match nothing")
        row(f"{name}: meaning tiers, warm (same process)", ms(cost["meaning, warm"]))
    if "baseline_seed" in res:
        base_ratio = res["baseline_seed"] / res["python"]
        row("baseline code: seed search, warm", ms(res["baseline_seed"]), f"{base_ratio:.1f}× python",
            f"this code {seed_ratio:.1f}×")
        before, after = res["baseline_cpu_reference"]
        row(f"baseline code: {n:,}: first `factcheck index`", f"{res['baseline_build']:.1f} s",
            f"CPU reference {before:.2f} s before, {after:.2f} s after", f"this code {res['build']:.1f} s")
        row(f"baseline code: {n:,}: search, warm", ms(res["baseline_big"]),
            f"{res['baseline_big'] / res['baseline_seed']:.2f}× its seed", f"this code {big_ratio:.2f}×")
        row(f"baseline code: {n:,}: peak memory, index build (tree PSS)", f"{res['baseline_build_pss']:.0f} MB")
    if res["fzf"] is not None:
        row(f"{n:,}: fzf --filter, same texts", ms(res["fzf"]), f"{res['fzf'] / res['big']:.2f}× factcheck")
    else:
        row(f"{n:,}: fzf --filter", "skipped (fzf not installed)")
    if res["rg"] is not None:
        row(f"{n:,}: rg -z -F over the claims as stored", ms(res["rg"]), f"{res['rg'] / res['big']:.2f}× factcheck")
    widths = [max(len(str(r[i])) for r in rows + [("figure", "median", "ratio", "target", "")]) for i in range(5)]
    header = ("figure", "median", "ratio", "target", "")
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) if i != 1 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    where = ("its last pack rewritten with one claim changed, then a new pack of 20 claims, per run"
             if args.layout == "packs" else f"{IMPORTED_SHARDS} folders, one file replaced by rename per run")
    print(f"\nchanged files: top-level {res['edit_file']} (edited in place); imported/{folder}/ ({size:,} claims; "
          f"{where}). Incremental refresh found the changed files' new words: {'yes' if res['refresh_ok'] else 'NO'}")
    print(f"index: {res['indexed']:,} claims, {res['problems']} files with problems\n")
    print("per query (median):")
    qw = max(len(q) for q in QUERIES)
    print(f"  {'query'.ljust(qw)}  {'seed':>8}  {f'{n:,}':>8}  {'ratio':>6}  {'fzf':>8}  {'fzf hits':>8}  {'rg':>8}"
          f"  top result at {n:,}")
    for q in QUERIES:
        fz = ms(res["fzf_per_query"][q]) if res["fzf"] is not None else "-"
        hits = f"{res['fzf_matches'][q]:,}" if res["fzf"] is not None else "-"
        rg = ms(res["rg_per_query"][q]) if res["rg"] is not None else "-"
        top = (res["big_top"][q] or ["(no match)"])[0]
        ratio = res["big_per_query"][q] / res["seed_per_query"][q]
        print(f"  {q.ljust(qw)}  {ms(res['seed_per_query'][q]):>8}  {ms(res['big_per_query'][q]):>8}  {ratio:>5.2f}×  "
              f"{fz:>8}  {hits:>8}  {rg:>8}  {top}")


if __name__ == "__main__":
    main()
