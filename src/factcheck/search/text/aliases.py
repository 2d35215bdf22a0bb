"""Aliases and abbreviations that civic reporting uses, as data.

Each group lists forms that mean the same thing; a query for any form also finds the others.
A claims repository extends this table with its own `claims/aliases.yaml`, a list of groups:

    - [김제시, 김제]
    - [먹깨비, 공공배달앱]
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from pathlib import Path

from factcheck.search.text.korean import compact, fold
from factcheck.store.names import ALIASES_FILE, FileError, FileProblem

CACHE_KEY = "aliases"

ALIAS_GROUPS: list[list[str]] = [
    # budgets and procedures
    ["예타", "예비타당성조사", "예비타당성 조사", "예비 타당성 조사", "예타조사", "preliminary feasibility study"],
    ["예타 면제", "예비타당성조사 면제", "예타면제"],
    ["국비", "국가예산", "국가 예산", "정부예산", "national budget"],
    ["도비", "도예산", "도 예산"],
    ["시비", "시예산", "시 예산"],
    ["본예산", "본 예산"],
    ["추경", "추가경정예산", "추가 경정 예산", "supplementary budget"],
    ["총사업비", "총 사업비", "사업비", "project cost"],
    ["국무회의", "cabinet meeting", "cabinet"],
    ["업무보고", "업무계획 보고회", "주요업무계획 보고회"],
    # technology
    ["ai", "인공지능", "에이아이", "artificial intelligence"],
    ["피지컬 ai", "ai 피지컬", "피지컬ai", "physical ai"],
    ["공공배달앱", "공공 배달앱", "공공배달 앱", "public delivery app"],
    ["스마트도시", "스마트 시티", "스마트시티", "smart city"],
    # ministries and public bodies
    ["기재부", "기획재정부", "재정경제부", "재경부", "ministry of economy and finance"],
    ["과기정통부", "과학기술정보통신부", "과기부", "ministry of science and ict"],
    ["행안부", "행정안전부", "ministry of the interior and safety"],
    ["국토부", "국토교통부", "국토해양부"],
    ["농식품부", "농림축산식품부", "농림부"],
    ["산업부", "산업통상자원부", "산자부"],
    ["중기부", "중소벤처기업부"],
    ["복지부", "보건복지부"],
    ["교육부", "교육과학기술부"],
    ["환경부", "기후에너지환경부"],
    ["고용부", "고용노동부", "노동부"],
    ["문체부", "문화체육관광부"],
    ["해수부", "해양수산부"],
    ["여가부", "여성가족부"],
    ["국토연", "국토연구원"],
    ["kdi", "한국개발연구원"],
    ["lh", "한국토지주택공사", "토지주택공사"],
    ["선관위", "선거관리위원회", "중앙선거관리위원회", "중앙선관위"],
    ["국회의원", "lawmaker", "national assembly member"],
    ["지자체", "지방자치단체", "지방정부", "local government"],
    ["시의회", "시 의회", "city council"],
    ["도의회", "도 의회", "provincial council"],
    ["전북", "전라북도", "전북특별자치도", "전북도", "north jeolla", "jeonbuk"],
    ["전북도의회", "전북특별자치도의회", "전라북도의회", "전북 도의회"],
    ["전남", "전라남도"],
    ["세종", "세종시", "세종특별자치시", "sejong"],
    ["김제", "김제시", "gimje"],
    ["완주", "완주군", "wanju"],
    ["전주", "전주시", "jeonju"],
    ["전북대", "전북대학교", "jeonbuk national university"],
    ["민선 8기", "민선8기", "민선 제8기"],
    ["기자회견", "기자 회견", "브리핑", "press conference", "press briefing"],
    ["시장", "김제시장", "mayor"],
    ["부시장", "deputy mayor"],
    ["대통령", "president"],
    ["한국", "우리나라", "대한민국", "韓"],
    # the one-character Hanja that headlines write for a country, a president or a party (文 정부, 美 관세)
    ["문재인", "文"], ["윤석열", "尹"], ["북한", "北"], ["미국", "美"], ["중국", "中"], ["일본", "日"],
    ["청와대", "靑"], ["여당", "與"], ["야당", "野"],
    ["3년 연속", "삼년 연속", "three consecutive years", "three years in a row"],
    ["연속", "consecutive", "in a row"],
    ["면제", "exemption", "exempt", "waiver"],
    ["확보", "secured", "secure"],
    ["의결", "decision", "resolution", "approved"],
    ["보고회", "briefing session", "report meeting"],
    ["업무계획", "work plan", "business plan"],
    ["인구", "population"],
    ["축사", "livestock barn", "barn"],
    ["배달앱", "배달 앱", "delivery app"],
    ["앱", "애플리케이션", "어플", "어플리케이션", "app", "application"],
    ["기후위기", "기후 위기", "기후변화", "기후 변화", "climate crisis", "climate change"],
    ["매입", "구입", "사들이기", "purchase"],
]


class Aliases:
    """Lookups over alias groups: by a word's compact form, and English phrases found in a query."""

    def __init__(self, groups: list[list[str]] | None = None, tables: dict | None = None):
        if tables is not None:  # rebuilt from `tables()`, as cached in the index
            self.by_compact = tables["by_compact"]
            self.phrases = [tuple(p) for p in tables["phrases"]]
            return
        groups = groups or []
        self.by_compact = alias_map(groups)
        phrases: dict[str, list[str]] = {}
        for group in groups:
            for form in group:
                folded = " ".join(fold(str(form)).split())
                if " " in folded and folded.replace(" ", "").isascii():
                    phrases.setdefault(folded, []).extend(str(f) for f in group if str(f) != form)
        self.phrases = sorted(phrases.items(), key=lambda item: -len(item[0]))

    def tables(self) -> dict:
        return {"by_compact": self.by_compact, "phrases": self.phrases}

    def get(self, key: str, default=None):
        return self.by_compact.get(key, default)

    def __contains__(self, key: str) -> bool:
        return key in self.by_compact

    def __iter__(self):
        return iter(self.by_compact)


def alias_map(groups: list[list[str]]) -> dict[str, list[str]]:
    """Compact form → the other forms of every group it belongs to."""
    table: dict[str, list[str]] = {}
    for group in groups:
        forms = [str(f) for f in group if str(f).strip()]
        for form in forms:
            key = compact(form)
            others = table.setdefault(key, [])
            for other in forms:
                if compact(other) != key and other not in others:
                    others.append(other)
    return table


def repo_aliases(
    root: Path, cache_get: Callable[[str], str | None], cache_put: Callable[[str, str], None]
) -> tuple[Aliases, list[FileProblem]]:
    """The bundled alias table plus the repository's own aliases.yaml, and what is wrong with that file.

    Compiling the table costs a few milliseconds, so the compiled form is cached (the index keeps it)
    and rebuilt only when the bundled groups or aliases.yaml change.
    """
    path = root / ALIASES_FILE
    try:
        st = path.stat()
        user_stamp = f"{st.st_mtime_ns}:{st.st_size}"
    except OSError:
        st, user_stamp = None, "none"
    stamp = f"{zlib.crc32(repr(ALIAS_GROUPS).encode('utf-8'))}:{user_stamp}"
    value = cache_get(CACHE_KEY)
    cached = json.loads(value) if value else {}
    if cached.get("stamp") == stamp:
        return Aliases(tables=cached["tables"]), []
    try:
        user_groups = load_alias_file(path) if st else []
    except FileError as exc:  # a broken aliases.yaml costs its aliases, not the search
        return Aliases(ALIAS_GROUPS), [exc.problem]
    aliases = Aliases(ALIAS_GROUPS + user_groups)
    cache_put(CACHE_KEY, json.dumps({"stamp": stamp, "tables": aliases.tables()}, ensure_ascii=False))
    return aliases, []


def load_alias_file(path: Path) -> list[list[str]]:
    """claims/aliases.yaml: a list of groups (lists of strings). A bad file is reported, not fatal."""
    from factcheck.store.yaml import parse_yaml, read_text

    data = parse_yaml(read_text(path), path)
    if not isinstance(data, list) or not all(isinstance(g, list) for g in data):
        raise FileError(FileProblem(path, 1, "expected a list of alias groups, e.g. - [예타, 예비타당성조사]"))
    return [[str(form) for form in group] for group in data]
