"""Korean local governments, as data: a question about one place is not answered by a claim about another.

Names are given without their 특별시/광역시/도/시/군 suffix; `place_of(word)` accepts either form.
"""

from __future__ import annotations

PROVINCES = "서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주"
CITIES_AND_COUNTIES = """
수원 성남 의정부 안양 부천 광명 평택 동두천 안산 고양 과천 구리 남양주 오산 시흥 군포 의왕 하남 용인 파주 이천 안성
김포 화성 양주 포천 여주 연천 가평 양평 춘천 원주 강릉 동해 태백 속초 삼척 홍천 횡성 영월 평창 정선 철원 화천 양구
인제 고성 양양 청주 충주 제천 보은 옥천 영동 증평 진천 괴산 음성 단양 천안 공주 보령 아산 서산 논산 계룡 당진 금산
부여 서천 청양 홍성 예산 태안 전주 군산 익산 정읍 남원 김제 완주 진안 무주 장수 임실 순창 고창 부안 목포 여수 순천
나주 광양 담양 곡성 구례 고흥 보성 화순 장흥 강진 해남 영암 무안 함평 영광 장성 완도 진도 신안 포항 경주 김천 안동
구미 영주 영천 상주 문경 경산 의성 청송 영양 영덕 청도 고령 성주 칠곡 예천 봉화 울진 울릉 창원 진주 통영 사천 김해
밀양 거제 양산 의령 함안 창녕 남해 하동 산청 함양 거창 합천 서귀포
"""
SUFFIXES = ("특별자치시", "특별자치도", "특별시", "광역시", "시", "군", "도")

PLACES: frozenset[str] = frozenset((PROVINCES + " " + CITIES_AND_COUNTIES).split())

# Names that news writes more often as ordinary words: a place only with the suffix (예산군, 경기도), since
# a query about 복지 예산 (budget), 경기 침체 (the economy), 고령 운전자, 음성 판정 (a negative test) or the
# 동해 (the sea) is not about a county. Names whose place is what the news means (전주, 양산, 진도) stay.
ORDINARY_WORDS = frozenset("""
예산 경기 고령 영양 음성 상주 영광 장성 고성 강진 보은 동해 남해 부여 함양 거창
""".split())


def place_of(word: str) -> str | None:
    """The place a query word names (김제시 → 김제), or None. 고성 and 광주 exist twice; one name is enough."""
    if word in PLACES and word not in ORDINARY_WORDS:
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and word[: -len(suffix)] in PLACES:
            return word[: -len(suffix)]
    return None
