"""Check-worthiness: a score 0–100 for a sentence, and the signals that produced it.

The signals are a table of data with weights, so that a newsroom can tune them. What raises a sentence
and what lowers it follow the published work on claim detection:
- ClaimBuster (Hassan et al., KDD 2017) ranks sentences as check-worthy factual claims, unimportant
  factual sentences or non-factual ones; numbers, named bodies and past-tense statements of fact weigh
  most, opinions and pledges least.
- Full Fact's claim-type design counts quantities, comparisons, records, predictions with a figure
  and reports of what someone said as checkable, and opinion or characterisation as not.
- The CLEF CheckThat! check-worthiness tasks rank a document's sentences, as done here.

A newsroom tunes the weights in its repository's factcheck.yaml (`check_worthiness: {praise: -30}`).
A sentence starts at BASE; each signal that fires adds its weight once (a sentence with three sums of
money is not three times as checkable as one with one, but MORE_FIGURES rewards several distinct
figures). `unless` names signals that cancel one: a plan is only hollow when it has no figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from factcheck.articles.claimants import SPEECH_VERBS

BASE = 30

_N = r"\d[\d,]*(?:\.\d+)?"
# An amount as Korean news writes it: 1조 549억, 2천억, 3천만, 1조여, 85억.
_AMOUNT = rf"{_N}\s*(?:[십백천만억조]\s*)*(?:{_N}\s*(?:[십백천만억조]\s*)*)*여?"
_COUNTERS = (
    "명|개|곳|건|가구|세대|개소|대|척|톤|채|개국|개사|종|배|회|차례|개월|시간|주년|㎡|㎢|km|ha|평|필지|학급|병상"
)
# What follows a sum of money in a sentence: 원을, 원보다, 원가량, 원 규모 (and never 원장, 원인, 원칙).
_AFTER_AMOUNT = "보다|가량|정도|씩|까지|부터|에서|으로|이상|이하|미만|대의|대에|선을|선|[을를이가은는의에도과와만로]"
FIGURES = ("money", "percent", "count", "rank", "date", "period")


@dataclass(frozen=True)
class Signal:
    name: str
    weight: int
    what: str  # what it means, in a line, for people tuning the table
    pattern: str | None = None
    check: Callable[[str], bool] | None = None
    unless: tuple[str, ...] = ()


SIGNALS: tuple[Signal, ...] = (
    # --- raise
    Signal("money", 22, "a sum of money: 1조 549억 원, 2천억 원, 85억", rf"{_AMOUNT}\s*(?:원|달러|유로|엔)(?:{_AFTER_AMOUNT})?(?![가-힣])|{_AMOUNT}\s*원?\s*(?:규모|예산|사업비|국비|도비|시비|투입)|"
           rf"(?:국비|도비|시비|군비|예산|사업비|국가예산)\s*(?:약\s*)?{_N}\s*(?:[조억만천]\s*)+(?![\s\d,조억만천]*원)"),
    Signal("percent", 18, "a percentage or points", rf"{_N}\s*(?:%|％|퍼센트|%p|포인트|프로)"),
    Signal("count", 14, "a count of people, places, things: 30여 명, 1천여 곳, 42건", rf"\d[\d,.]*\s*(?:[십백천만]\s*)*여?\s*(?:{_COUNTERS})(?![가-힣])|\d[\d,.]*\s*(?:[십백천만]\s*)*여?\s*(?:{_COUNTERS})(?=[이가을를의은는에과와도만씩])"),
    Signal("rank", 14, "a rank", r"(?<![\d.])\d{1,3}\s*위(?=[\s.,)]|[에를로는의가이]|$)|최하위|첫\s?번째|전국\s?\d+\s?위"),
    Signal("date", 10, "a day: 8월 22일, 23일, 2025.9.24", r"\d{1,2}\s*월\s*\d{1,2}\s*일|(?:19|20)\d{2}\s*년\s*\d{1,2}\s*월|(?<![\d.])\d{1,2}\s*일(?=부터|까지|에|\s|,|간|\))|\d{4}\s*[.-]\s*\d{1,2}\s*[.-]\s*\d{1,2}"),
    Signal("period", 8, "a span or a run of years: 2026년부터 2030년까지, 3년 연속, 5년간", r"\d{4}\s*년?\s*(?:부터|~|∼|-)\s*\d{4}|\d+\s*(?:년|개월)\s*(?:간|연속|째|만에)"),
    Signal("year", 4, "a year", r"(?<!\d)(?:19|20)\d{2}\s*년"),
    Signal("figure", 6, "any figure at all", _N),
    Signal("more_figures", 6, "three or more distinct figures", check=lambda text: len(set(re.findall(_N, text))) >= 3),
    Signal("record", 15, "a superlative or a record: 역대, 최초, 최대, 연속, 처음, 유일",
           r"역대|최초|최(?:대|고|저|다|소)(?!한|화|위|경영|근)|사상\s?(?:처음|최)|처음으로|연속|신기록|유일|돌파|첫\s(?:사례|시행|도입)"),
    Signal("comparison", 10, "a comparison or a change",
           r"증가|감소|늘었|늘어|늘린|줄었|줄어|줄인|대비|보다\s|상승|하락|증액|감액|높아|낮아|배\s?(?:늘|증가|많|높|이상)|절반|두\s?배|차지"),
    Signal("credit", 10, "credit taken for an outcome: 예타 면제를 도출했다, 국비를 따냈다, … 덕분에",
           r"도출(?:했|하기도|해\s?냈)|이끌어\s?냈|끌어\s?냈|따\s?냈|성사시켰|관철시켰|덕분에|힘입어|결실을\s?맺었"),
    Signal("attributed", 8, "an attributed statement: A는 \"…\"라고 말했다, …에 따르면",
           rf"(?:{SPEECH_VERBS})\S*|(?:밝힌|말한|설명한)\s바|에\s?따르면"),
    Signal("official", 6, "an official or an institution",
           r"(?:시장|군수|구청장|도지사|지사|부시장|부군수|시의장|의장|의원|장관|차관|청장|위원장|대통령|총리)(?=[은는이가의\s,]|$)|"
           r"정부|국무회의|국회|감사원|[가-힣]+부(?:처)?(?=\s|는|가|의|와|에|로|$)(?<!일부)(?<!내부)(?<!전부)(?<!본부)(?<!세부)|"
           r"[가-힣]*(?:의회|위원회|시청|도청|군청|구청|교육청|경찰청|공사|공단)"),
    Signal("event", 6, "a done, datable act: 확정, 의결, 선정, 확보, 개최, 체결",
           r"확정|의결|선정|확보|유치|개최|체결|승인|통과|준공|개통|착공|지정|수상|편성|제출|달성|기록"),
    # --- lower
    Signal("praise", -28, "praise or characterisation: 정평이 나있다, 열정을 보인다",
           r"정평|열정|호평|칭찬|귀감|찬사|극찬|이목이\s?집중|주목(?:된다|받|을\s?받)|눈길을\s?끈|기대(?:된다|를\s?모|가\s?크)|"
           r"행보|강점|뚜렷한\s?성과|아낌없|아끼지\s?않|발로\s?뛰|부지런|솔선수범|헌신|열의|모범|탁월|남다른|노고|애경사|발\s?벗고|"
           r"동분서주|섬기는|온\s?마음|진정성|리더십|면모|저력|공을\s?들|힘을\s?쏟|정성을\s?다|최선을\s?다|귀추가|관심이\s?쏠|"
           r"기대감|평가를\s?받|신뢰를\s?받|앞장서|발군|존재감|광폭"),
    Signal("plan", -14, "a plan or a pledge without a figure: 할 계획이다, 하겠다",
           r"(?:할|갈|될|낼|나갈|해\s?나갈)\s?(?:계획|방침|예정|것|전망)(?:이다|이라|입니다)|겠다|않을\s?것|다짐|약속을",
           unless=FIGURES),
    Signal("vague", -6, "vague wording: 다양한, 각종, 적극, 차질 없이",
           r"다양한|각종|적극|차질\s?없|만전을|총력|박차|힘쓰|노력(?:하겠|할|을\s?기울)"),
    Signal("opinion", -8, "a judgement, not a fact: …로 보인다, …것으로 평가된다",
           r"(?:보인다|생각한다|판단된다|평가된다|여겨진다|관측된다|전망된다|듯하다|같다)[.\"”]?$"),
    Signal("question", -10, "a question", r"[?？]\s*$"),
    Signal("short", -10, "too short to hold a claim", check=lambda text: len(text.split()) < 5),
)

HEADLINE = Signal("headline", 6, "the article's headline says it too")
FRAGMENT = Signal("fragment", -12, "a line that is no sentence: a subheading, a label, a link")


@dataclass(frozen=True)
class Fired:
    name: str
    weight: int
    match: str | None  # the words that fired it

    def as_json(self) -> dict:
        return {"name": self.name, "weight": self.weight, "match": self.match}


def _compiled(signals: tuple[Signal, ...]) -> list[tuple[Signal, re.Pattern | None]]:
    return [(s, re.compile(s.pattern) if s.pattern else None) for s in signals]


_TABLE = _compiled(SIGNALS)


def score(text: str, in_headline: bool = False, table=None, fragment: bool = False) -> tuple[int, list[Fired]]:
    """The sentence's check-worthiness (0..100) and the signals that fired, strongest first."""
    fired: dict[str, Fired] = {}
    for signal, pattern in table or _TABLE:
        if pattern is not None:
            match = pattern.search(text)
            if match:
                fired[signal.name] = Fired(signal.name, signal.weight, match.group().strip())
        elif signal.check is not None and signal.check(text):
            fired[signal.name] = Fired(signal.name, signal.weight, None)
    for signal, _pattern in table or _TABLE:
        if signal.name in fired and any(name in fired for name in signal.unless):
            del fired[signal.name]
    for signal, applies in ((HEADLINE, in_headline), (FRAGMENT, fragment)):
        if applies:
            fired[signal.name] = Fired(signal.name, signal.weight, None)
    total = BASE + sum(f.weight for f in fired.values())
    ordered = sorted(fired.values(), key=lambda f: -abs(f.weight))
    return max(0, min(100, total)), ordered


def tuned(weights: dict[str, int]) -> list[tuple[Signal, re.Pattern | None]]:
    """The table with some weights changed (a newsroom's own), for `score(..., table=...)`."""
    from factcheck.errors import FactcheckError

    unknown = set(weights) - {s.name for s in SIGNALS}
    if unknown:
        known = ", ".join(s.name for s in SIGNALS)
        raise FactcheckError(
            "unknown check-worthiness signal(s): {unknown} (known: {known})",
            unknown=", ".join(sorted(unknown)), known=known)
    if not all(isinstance(w, int) and not isinstance(w, bool) for w in weights.values()):
        raise FactcheckError("check-worthiness weights are whole numbers, e.g. praise: -30")
    from dataclasses import replace

    return _compiled(tuple(replace(s, weight=weights.get(s.name, s.weight)) for s in SIGNALS))


# In the repository's factcheck.yaml, a newsroom's own weights: `check_worthiness: {praise: -30, money: 25}`.
SETTINGS_KEY = "check_worthiness"


def newsroom_table(repo_root) -> list[tuple[Signal, re.Pattern | None]] | None:
    """The signals table as the repository's factcheck.yaml tunes it, or None when it does not."""
    from pathlib import Path

    from factcheck.errors import FactcheckError
    from factcheck.store.names import SETTINGS_FILE

    path = Path(repo_root) / SETTINGS_FILE
    if not path.is_file():
        return None
    from factcheck.store.yaml import parse_yaml, read_text

    data = parse_yaml(read_text(path), path)
    weights = data.get(SETTINGS_KEY) if isinstance(data, dict) else None
    if weights is None:
        return None
    if not isinstance(weights, dict):
        raise FactcheckError(
            "{path}: {settings_key} must map signal names to weights, e.g. praise: -30",
            path=path, settings_key=SETTINGS_KEY)
    try:
        return tuned({str(k): v for k, v in weights.items()})
    except FactcheckError as exc:
        raise FactcheckError("{path}: {exc}", path=path, exc=exc) from None
