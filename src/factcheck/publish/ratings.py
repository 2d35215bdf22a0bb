"""The site's rating-scale page: what each verdict means, for readers, in Korean and English."""

from __future__ import annotations

from typing import Any

from factcheck.model import VERDICTS
from factcheck.publish.bilingual import page_language, primary
from factcheck.publish.html import PAGE_LABELS, RATINGS_FILE, _head, badge, escaped
from factcheck.store.settings import settings_from

# What a reader may take each verdict to mean: (Korean, English), in the order of the scale.
VERDICT_MEANINGS: dict[str, tuple[str, str]] = {
    "true": ("주장이 정확하고, 빠진 중요한 내용이 없습니다.",
             "The claim is accurate and leaves out nothing that matters."),
    "mostly-true": ("주장이 대체로 정확하지만 설명이나 보충이 필요합니다.",
                    "The claim is accurate but needs clarification or more information."),
    "half-true": ("주장의 일부만 정확하고, 중요한 내용을 빠뜨리거나 맥락과 다르게 전합니다.",
                  "The claim is partly accurate but leaves out important details or takes things out of context."),
    "mostly-false": ("주장에 사실인 부분이 있지만, 전체 인상을 바꿀 중요한 사실을 무시합니다.",
                     "The claim holds an element of truth but ignores facts that would give a different impression."),
    "false": ("주장이 사실과 다릅니다.", "The claim is not accurate."),
    "unverified": ("공개된 자료로는 아직 판단할 수 없습니다. 점수를 매기지 않습니다.",
                   "The evidence available does not settle it yet; no rating is given."),
}

PRINCIPLES: tuple[tuple[str, str], ...] = (
    ("판정은 출처보다 강할 수 없습니다. 판정한 주장마다 근거가 되는 문장을 그대로 인용한 출처가 하나 이상 있습니다.",
     "A verdict is never stronger than its sources: every rated claim cites at least one source, quoting the "
     "words that support it."),
    ("새 자료가 나오면 판정을 바꾸고, 바뀐 내용은 각 주장의 판정 이력에 남깁니다.",
     "When new evidence changes a verdict, the change is kept in the claim's history."),
    ("다른 팩트체크 기관의 판정을 옮겨 실을 때는 그 기관을 밝히고, 그 기관의 원래 판정을 함께 보여 줍니다.",
     "A fact-check by another publisher is credited to it, with its original rating."),
)


def render_rating_scale(settings: Any) -> str:
    """ratings.html: the verdict scale explained, each verdict with its badge and its ClaimReview value."""
    settings = settings_from(settings)
    with page_language(settings.language):
        return _rating_scale(settings)


def _rating_scale(settings) -> str:
    title = PAGE_LABELS.text("ratings") + (f" — {settings.publisher}" if settings.publisher else "")
    rows = "".join(
        f'<section id="{escaped(v.code)}"><h2>{badge(v.code)}</h2>'
        f'<p lang="ko">{escaped(VERDICT_MEANINGS[v.code][0])}</p>'
        f'<p lang="en">{escaped(VERDICT_MEANINGS[v.code][1])}</p>'
        f'<p class="src-meta">ClaimReview: {_rating_value(v)}</p></section>'
        for v in VERDICTS
    )
    principles = "".join(f'<li><span lang="ko">{escaped(ko)}</span><br><span lang="en">{escaped(en)}</span></li>'
                         for ko, en in PRINCIPLES)
    canonical = f"{settings.site}/{RATINGS_FILE}" if settings.site else ""
    head = _head(title, lang=primary(), description=title, canonical=canonical)
    body = [
        "<body>",
        f'<header class="site"><nav><a href="index.html">{PAGE_LABELS["all_claims"]}</a></nav>'
        f"<span>{escaped(settings.publisher)}</span></header>",
        "<main>",
        f"<h1>{PAGE_LABELS['ratings']}</h1>",
        rows,
        f'<section id="principles"><h2>{PAGE_LABELS["principles"]}</h2><ul class="history">{principles}</ul></section>',
        "</main>",
        "</body>",
        "</html>",
    ]
    return head + "\n" + "\n".join(body) + "\n"


def _rating_value(v) -> str:
    if v.rating is None:
        return "ratingValue 없음 · no ratingValue"
    return f"ratingValue {v.rating} / bestRating 5, worstRating 1"
