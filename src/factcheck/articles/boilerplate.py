"""What a Korean news page prints around the article: bylines, copyright lines, photo captions, site chrome.

All of it is data (regular expressions in tables), so a newsroom meeting a new site's habits adds a row.
A byline may open the first paragraph ("[일요서울 | 전북 전광훈 기자] 전북 김제시가 …"), where it is cut
off and kept as the article's byline; every other kind makes the whole line something that is not a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = r"[가-힣]{2,4}"
_TITLE = r"(?:기자|특파원|통신원|객원기자|인턴기자)"

# A byline at the start of a paragraph. Named groups: publisher, place (a region or bureau), name.
BYLINE_OPENERS = tuple(
    re.compile(pattern)
    for pattern in (
        # [일요서울 | 전북 전광훈 기자]   [경기한빛일보 ㅣ 박민호 기자]
        rf"^\[\s*(?P<publisher>[^\[\]|ㅣ│=]{{2,20}}?)\s*[|ㅣ│]\s*(?:(?P<place>[가-힣]{{1,10}})\s+)?(?P<name>{_NAME})\s*{_TITLE}\s*\]\s*",
        # [김제=아시아투데이 박윤근 기자]
        rf"^\[\s*(?P<place>[가-힣]{{1,6}})=(?P<publisher>[^\[\]|=\s]{{2,15}})\s+(?P<name>{_NAME})\s*{_TITLE}\s*\]\s*",
        # [남도타임즈 = 정하늘 기자]   [데일리안 = 홍길동 기자]
        rf"^\[\s*(?P<publisher>[^\[\]|=]{{2,20}}?)\s*=\s*(?P<name>{_NAME})\s*{_TITLE}\s*\]\s*",
        # [아시아경제 홍길동 기자]
        rf"^\[\s*(?P<publisher>[^\[\]|=]{{2,20}}?)\s+(?P<name>{_NAME})\s*{_TITLE}\s*\]\s*",
        # 【파이낸셜뉴스 광주=홍길동 기자】
        rf"^[【\[]\s*(?P<publisher>[^\s【】=]{{2,15}})\s+(?P<place>[가-힣]{{1,6}})\s*=\s*(?P<name>{_NAME})\s*{_TITLE}\s*[】\]]\s*",
        # (서울=뉴스1) 홍길동 기자 =     【김제=뉴시스】홍길동 기자 =     [전북=뉴시스]고석중 기자 =
        rf"^[(\[【]\s*(?P<place>[가-힣]{{1,10}})\s*=\s*(?P<publisher>[^)\]】]{{2,15}}?)\s*[)\]】]\s*(?:(?P<name>{_NAME})\s*{_TITLE}\s*=?\s*)?",
        # 강릉=동해신문 최서윤 기자 =     강릉=동해신문 최서윤 기자
        rf"^(?P<place>[가-힣]{{1,10}})\s*=\s*(?P<publisher>[^\s=]{{2,15}})\s+(?P<name>{_NAME})\s*{_TITLE}\s*=?\s*",
        # 김제=홍길동 기자
        rf"^(?P<place>[가-힣]{{1,10}})\s*=\s*(?P<name>{_NAME})\s*{_TITLE}\s*=?\s*",
    )
)

# A line that is nothing but a byline, usually the article's last: "박민호 기자 mhpark@…", "/최서윤 기자".
BYLINE_LINES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"^[/\-–—]?\s*(?:(?P<publisher>[^\s@]{{2,15}})\s+)?(?P<name>{_NAME})\s*{_TITLE}\s*(?:\(?\S+@\S+\)?)?\s*$",
        r"^\S+@\S+\.[a-z]{2,}\s*$",
    )
)

# Lines that are never claims, by kind. Searched anywhere in the line unless anchored.
NOT_CLAIMS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("copyright", r"저작권자|무단\s?전재|재배포\s?금지|all rights reserved|copyright\s*(?:©|ⓒ|\(c\))|^\s*[<\[(]?\s*(?:©|ⓒ)"),
        ("copyright", r"AI\s?학습\s?(?:및\s?)?(?:활용|이용)\s?금지"),
        ("caption", r"[(\[<【]\s*사진\s*(?:[=:]|제공|출처|\s*[)\]>】])"),
        ("caption", r"(?:^|\s|/)사진\s*(?:제공|설명)?\s*[=:]"),
        ("caption", r"[(\[/]\s*[^()\[\]/]{1,20}\s*제공\s*[)\]]?\s*$"),
        # A photo line: a single ▲ sentence describing what the picture shows.
        ("caption", r"^\s*[▲△]\s*[^▲△]*(?:있다|모습|전경|모습이다|기념촬영|기념사진)\s*[.]?\s*$"),
        ("chrome", r"^\s*(?:관련\s?기사|추천\s?기사|많이\s?본\s?뉴스|인기\s?기사|기사\s?제보|제보하기|구독하기|(?:네이버|카카오톡|카카오)\s?(?:채널|구독|친구))"),
        ("chrome", r"^\s*[▶☞※]"),
        # A menu: short items between bars ("정치 | 경제 | 지역", "회사소개 | 광고문의 | 개인정보처리방침").
        ("chrome", r"^\s*(?:[^|.]{1,15}\|){2,}[^|.]{0,15}$"),
        ("chrome", r"^\s*(?:입력|수정|등록|승인|기사입력|최종수정)\s*:?\s*\d{4}[.\-/]"),
    )
)


@dataclass(frozen=True)
class Byline:
    name: str
    publisher: str | None = None
    place: str | None = None

    def __str__(self) -> str:
        return " ".join(part for part in (self.place, self.name, "기자") if part)


def split_byline(paragraph: str) -> tuple[Byline | None, str]:
    """A byline opening the paragraph, and the paragraph without it."""
    for pattern in BYLINE_OPENERS:
        match = pattern.match(paragraph)
        if match:
            return _byline(match), paragraph[match.end():].strip()
    return None, paragraph


def byline_line(line: str) -> Byline | None:
    """The byline when the whole line is one (a reporter's name and address at the article's end)."""
    for pattern in BYLINE_LINES:
        match = pattern.match(line.strip())
        if match:
            return _byline(match) if "name" in match.groupdict() else Byline("")
    return None


def _byline(match: re.Match) -> Byline:
    groups = match.groupdict()
    publisher = (groups.get("publisher") or "").strip() or None
    return Byline(groups.get("name") or "", publisher, groups.get("place"))


def not_a_claim(line: str) -> str | None:
    """Why the line is no claim ("copyright", "caption", "chrome", "byline"), or None."""
    if byline_line(line) is not None:
        return "byline"
    for kind, pattern in NOT_CLAIMS:
        if pattern.search(line):
            return kind
    return None


# "저작권자 © 일요서울i 무단전재 및 재배포 금지", "ⓒ 동해신문": the publisher a copyright line names.
_COPYRIGHT_HOLDER = re.compile(r"(?:저작권자\s*)?(?:©|ⓒ|\(c\))\s*(?P<holder>[^\s,.]{2,20})", re.IGNORECASE)


def copyright_holder(line: str) -> str | None:
    match = _COPYRIGHT_HOLDER.search(line)
    return match.group("holder") if match else None
