"""Who says what in an article: its people and bodies, and the claimant and entities of each sentence.

An article names a person in full once ("정성주 김제시장은 …") and by surname and title afterwards
("정 시장은 …"), and the city it covers as "시". `Mentions` collects the full forms from the article's own
text; `claimant` resolves a sentence's attribution against them:

- a statement attributed by a speech verb ("A는 \"…\"라고 말했다", "…고 밝혔다") is A's;
- a sentence that continues the last speaker's words ("이어 \"…\"을 당부했다") is still theirs;
- anything else is the reporter's own statement (the byline), or the publisher's when there is no byline.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from factcheck.articles.boilerplate import Byline
from factcheck.search.text.places import PLACES, place_of

# Titles, longest first, so that 부시장 is never read as 시장.
TITLES = sorted(
    "시장 군수 구청장 도지사 지사 부시장 부군수 부지사 부구청장 의장 부의장 시의원 도의원 군의원 의원 국회의원 위원장 장관 차관 "
    "청장 국장 과장 실장 대표 교수 이사장 원장 총장 사장 회장 대변인 단장 센터장 소장 본부장 비서관 대통령 총리".split(),
    key=len,
    reverse=True,
)
_TITLE = "|".join(TITLES)
_PARTICLE = r"(?=[은는이가의을를에과와도께,·\s]|$)"
# A person's name: a surname and a given name of two syllables (정성주), or a two-syllable surname and two
# (남궁민수). Two-syllable names are rare, and before a title they are mostly words (지역 시장, 전통 시장).
SURNAMES = frozenset(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 구 "
    "민 진 나 지 엄 변 채 원 천 방 공 현 함 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 라 왕 금 옥 육 인 맹 제 모 탁 "
    "국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 갈 단 견 당 화 창 옹 순 종 "
    "풍 묵 근 계 초 대 담".split()
)
DOUBLE_SURNAMES = frozenset("남궁 황보 제갈 선우 서문 독고 사공 동방".split())
# Words that look like a name before a title and are not one.
NOT_NAMES = frozenset(
    "이번 이날 한편 또한 특히 최근 지난 오는 이어 그는 당시 현재 신임 초대 민선 전임 후임 현직 직전 역대 해당 "
    "부동산 농산물 수산물 재래식 전통적 국내외 도소매 지역별 전국적".split()
)
_PERSON = re.compile(
    rf"(?<![가-힣])(?:(?P<place>[가-힣]{{1,6}}(?:시|군|구|도))\s+)?(?P<name>[가-힣]{{3,4}})\s*(?P<role>[가-힣]{{0,8}}?(?:{_TITLE})){_PARTICLE}"
)


def looks_like_name(word: str) -> bool:
    if word in NOT_NAMES or place_of(word):
        return False
    return (len(word) == 3 and word[0] in SURNAMES) or (len(word) == 4 and word[:2] in DOUBLE_SURNAMES)
_LOCAL = re.compile(r"(?<![가-힣])(?P<stem>[가-힣]{1,6})(?P<kind>특별자치시|특별자치도|광역시|특별시|시|군|구|도)(?=[은는이가의을를에와과도,·\s]|$)")
_ORG = re.compile(
    r"(?<![가-힣])(?:[가-힣]{1,12}(?:의회|위원회|공사|공단|재단|대학교|회관|센터)|[가-힣]{2,10}(?:부|청)|"
    r"정부|국무회의|국회|감사원|법원|검찰)(?=[은는이가의을를에와과도,·\s]|$)"
)
NOT_ORGS = frozenset(
    "일부 내부 전부 본부 세부 외부 간부 상부 하부 부처 포부 신청 요청 민원청 센터".split()
)
# A sentence's subject: its first phrase ending in a topic or subject particle, after a leading adverb.
_LEADING = re.compile(r"^(?:(?:한편|또한|특히|이어|이날|아울러|앞서|또|그러면서|이와\s함께|이에\s따라|이밖에도|이에|다만|반면)[,]?\s+)+")
_SUBJECT = re.compile(r"^(?P<subj>(?:[^\s\"“”]+\s){0,3}?[^\s\"“”]+?)(?:은|는|이|가|께서|에\s?따르면)(?=\s|,)")
_SUBJECT_AFTER = re.compile(
    r"(?P<subj>(?:[가-힣]+\s)?[가-힣]+?)(?:은|는|이|가)\s+(?:[가-힣]+\s)?(?:말했|밝혔|강조했|설명했|전했|덧붙였|주장했)"
)
# Verbs that report what someone said, in the past tense; the worthiness table uses the same list.
SPEECH_VERBS = "말했|밝혔|강조했|설명했|전했|덧붙였|주장했|발표했|언급했|답했|지적했|당부했|주문했|약속했|다짐했|촉구했|요청했|역설했"
SPEECH = re.compile(rf"(?:{SPEECH_VERBS}|말한|밝힌|강조한)\S*\s*(?:바\s?있다)?[.\"”]?$|에\s?따르면")
CONTINUES = re.compile(r"^(?:이어|또|그러면서|그는|그녀는|아울러|이와\s함께)[,]?\s")
# The body a bare generic word means: 시 → the city the article covers.
GENERIC = {"시": "시", "시청": "시", "군": "군", "군청": "군", "구": "구", "구청": "구", "도": "도", "도청": "도"}


@dataclass(frozen=True)
class Who:
    name: str
    role: str | None = None
    type: str = "Person"

    def as_json(self) -> dict:
        data = {"name": self.name}
        if self.role:
            data["role"] = self.role
        data["type"] = self.type
        return data


class Mentions:
    """The people and local governments an article names, by their fullest forms."""

    def __init__(self, texts: list[str]):
        self.people: dict[str, str] = {}  # name -> fullest role
        local = Counter()
        self.locals: dict[str, str] = {}  # kind (시/군/구/도) -> the one most named
        for text in texts:
            for match in _PERSON.finditer(text):
                name, role, place = match["name"], match["role"], match["place"]
                if not looks_like_name(name):
                    continue
                if place and role in TITLES and _place_title(place, role):
                    role = _place_title(place, role)
                if len(role) > len(self.people.get(name, "")):
                    self.people[name] = role
            for match in _LOCAL.finditer(text):
                stem, kind = match["stem"], match["kind"]
                base = kind[-1] if kind[-1] in "시군구" else "도"
                if stem in PLACES or (base == "구" and len(stem) >= 2):
                    local[(base, stem + kind)] += 1
        for (base, name), _count in local.most_common():
            self.locals.setdefault(base, name)

    def person(self, phrase: str) -> Who | None:
        """The person a subject phrase names: 정성주 김제시장, 정성주 시장, 정 시장."""
        for name, role in self.people.items():
            if name in phrase.split() or phrase.startswith(name):
                return Who(name, role or None)
        parts = phrase.split()
        if len(parts) == 2 and len(parts[0]) == 1:
            surname, title = parts
            found = [(n, r) for n, r in self.people.items() if n.startswith(surname) and base_title(r) == title]
            if len(found) == 1:
                return Who(found[0][0], found[0][1])
        return None

    def body(self, phrase: str) -> Who | None:
        """The organisation a subject phrase names: 시 → 김제시, 김제시, 기획재정부."""
        if phrase in GENERIC:
            name = self.locals.get(GENERIC[phrase])
            return Who(name, None, "Organization") if name else None
        last = phrase.split()[-1] if phrase.split() else phrase  # "전북 완주군": the region is no part of the name
        for name in dict.fromkeys((phrase, last)):
            if (_ORG.fullmatch(name) or _LOCAL.fullmatch(name)) and name not in NOT_ORGS:
                return Who(name, None, "Organization")
        return None


def _place_title(place: str, title: str) -> str | None:
    """김제시 + 시장 → 김제시장; 완주군 + 군수 → 완주군수."""
    if title in ("시장", "군수", "구청장") and place.endswith(title[0]):
        return place[:-1] + title
    if title in ("도지사", "지사"):
        return place.removesuffix("도") + "도지사"
    return None


def base_title(role: str) -> str:
    return next((t for t in TITLES if role.endswith(t)), role)


def subject_of(sentence: str) -> str | None:
    text = _LEADING.sub("", sentence)
    match = _SUBJECT.match(text)
    if match:
        return match["subj"].strip(" ,")
    after = _SUBJECT_AFTER.search(sentence)
    return after["subj"].strip() if after else None


def is_attributed(sentence: str) -> bool:
    return bool(SPEECH.search(sentence.strip()))


def reporter(byline: Byline | None, publisher: str | None) -> Who | None:
    if byline and byline.name:
        role = " ".join(part for part in (publisher or byline.publisher, byline.place, "기자") if part)
        return Who(byline.name, role, "Person")
    return Who(publisher, None, "Organization") if publisher else None


class Attribution:
    """Claimants for an article's sentences in order, carrying a speaker over to the sentence after."""

    def __init__(self, mentions: Mentions, byline: Byline | None, publisher: str | None):
        self.mentions = mentions
        self.default = reporter(byline, publisher)
        self.last: Who | None = None

    def claimant(self, sentence: str) -> Who | None:
        if not is_attributed(sentence):
            self.last = None
            return self.default
        subject = subject_of(sentence)
        who = None
        if subject and not CONTINUES.match(sentence):
            who = self.mentions.person(subject) or self.mentions.body(subject)
        if who is None and self.last is not None and (CONTINUES.match(sentence) or subject is None):
            who = self.last
        self.last = who
        return who or self.default


def entities_of(sentence: str, mentions: Mentions) -> list[str]:
    """The people, local governments and bodies a sentence names, people by their full names."""
    found: list[str] = []
    for name in mentions.people:
        if name in sentence:
            found.append(name)
    for match in re.finditer(r"(?<![가-힣])([가-힣])\s(" + _TITLE + r")" + _PARTICLE, sentence):
        who = mentions.person(f"{match[1]} {match[2]}")
        if who:
            found.append(who.name)
    bodies = [m.group() for m in _ORG.finditer(sentence) if m.group() not in NOT_ORGS]
    places = [m.group() for m in _LOCAL.finditer(sentence) if m["stem"] in PLACES]
    for body in places + bodies:
        if not any(body != other and body in other for other in bodies):
            found.append(body)
    # A place named bare ("김제 AI 피지컬 사업"), as the local government the article covers.
    for name in mentions.locals.values():
        stem = re.sub(r"(?:특별자치시|특별자치도|광역시|특별시|시|군|구|도)$", "", name)
        if stem and re.search(rf"(?<![가-힣]){stem}(?=\s)", sentence):
            found.append(name)
    for generic in ("시", "군"):
        if re.search(rf"(?:^|\s){generic}(?:는|가|의|에)\s", sentence) and generic in mentions.locals:
            found.append(mentions.locals[generic])
    return list(dict.fromkeys(found))
