"""An article's sentences, split the way Korean news text needs.

- A sentence ends at . ? ! before a space (or at the paragraph's end), never inside a quotation: a quote
  may hold several clauses and even full stops ("…완수하겠다. 또 …"). Quotes are counted as printed,
  straight and curly mixed ("하나의 목표 … 연결해 줄 것”을); a paragraph whose quotes never close is
  split as if it had none.
- A full stop after a digit is no sentence end (2.0, 8.18.).
- ▲ items are each a sentence of their own, carrying the frame of the sentence that lists them
  ("보고회에서는 신규 업무 계획으로 ▲A ▲B … 점검했다" → "보고회에서는 신규 업무 계획으로 A … 점검했다"), and so are
  lines that start with a list mark after a sentence that announces them ("…은 다음과 같다.").
- Bylines, copyright lines, photo captions and site chrome are dropped (boilerplate.py).
- A paragraph printed twice is read once, and a sentence that says again what another says (a lede
  repeated in the body, a headline) is merged into the fuller one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from factcheck.articles.boilerplate import not_a_claim, split_byline
from factcheck.articles.text import Article

OPEN_QUOTES = "“「『"
CLOSE_QUOTES = "”」』"
STRAIGHT_QUOTE = '"'
SENTENCE_ENDS = ".?!"
INLINE_BULLETS = re.compile(r"\s*[▲△]\s*")
LINE_BULLET = re.compile(r"^\s*(?:[▲△▷○●◆◇■□·•\-]|\d{1,2}[.)]|[①-⑳])\s*")
# Where a list's last item ends and the sentence resumes: "▲… 방안과 같은 …", "▲… 34억 원 등이 반영됐다".
LIST_TAIL = re.compile(r"(?<=[가-힣])[와과]\s?같은(?=\s)|(?:^|\s)등(?:이다|입니다|을|이|의|은|에|으로|과|도)?(?=[\s.,]|$)")
# A sentence announcing the list below it; its ending is dropped when it frames an item.
ANNOUNCES_LIST = re.compile(r"\s+(?:다음과\s?같다|다음과\s?같습니다|아래와\s?같다)\s*[.:]?\s*$|\s*:\s*$")
# A line in the body that ends without a full stop is a subheading, a label or a link, not a sentence.
FULL_STOP = re.compile(r"[.?!。][\"'”’)\]]?$")
SUBHEADING_MAX = 80
SAME_CLAIM = 0.7  # share of the shorter sentence's words the other holds for the two to be one claim
SAME_AS_HEADLINE = 0.6  # a headline says it in fewer and other words
SAME_CLAIM_MIN_WORDS = 4


@dataclass
class Sentence:
    text: str
    position: int  # order in the article: headlines first, then the body
    kind: str = "body"  # body | item | headline | subheading | summary (a lede printed above the byline)
    # What was merged into it, as (kind, text): a headline, a lede printed again in the body.
    merged: list[tuple[str, str]] = field(default_factory=list)

    @property
    def in_headline(self) -> bool:
        return self.kind == "headline" or any(kind == "headline" for kind, _text in self.merged)


# --------------------------------------------------------------------------- one paragraph


def split_sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, quotations kept whole."""
    return _split(paragraph, quotes=True) or _split(paragraph, quotes=False) or []


def _split(text: str, quotes: bool) -> list[str] | None:
    out: list[str] = []
    start, depth = 0, 0
    for i, char in enumerate(text):
        closing = False
        if quotes:
            if char in OPEN_QUOTES:
                depth += 1
            elif char in CLOSE_QUOTES or (char == STRAIGHT_QUOTE and depth):
                depth, closing = max(0, depth - 1), True
            elif char == STRAIGHT_QUOTE:
                depth += 1
        if depth:
            continue
        ends = char in SENTENCE_ENDS or (closing and i and text[i - 1] in SENTENCE_ENDS)
        if ends and _boundary(text, i):
            piece = text[start : i + 1].strip()
            if piece:
                out.append(piece)
            start = i + 1
    if depth:
        return None
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def _boundary(text: str, i: int) -> bool:
    following = text[i + 1] if i + 1 < len(text) else ""
    if text[i] == "." and i and text[i - 1].isdigit():
        return False
    if not following or following.isspace():
        return True
    # "했다.시는": a missing space after a sentence that plainly ended
    return text[i - 1 : i] == "다" and "가" <= following <= "힣"


def inline_items(sentence: str) -> list[str] | None:
    """The ▲ items of a sentence that lists at least two, each framed by the sentence; else None."""
    parts = INLINE_BULLETS.split(sentence)
    if len(parts) < 3:
        return None
    head, items = parts[0].strip(), [p.strip() for p in parts[1:]]
    predicate = ""
    tail = LIST_TAIL.search(items[-1])
    if tail:
        rest = items[-1][tail.start():].split()
        items[-1] = items[-1][: tail.start()].strip()
        predicate = rest[-1] if len(rest) > 1 else ""
    framed = [f"{head} {item}".strip() for item in items if item]
    return [f"{text} … {predicate}" if predicate else text for text in framed] or None


# --------------------------------------------------------------------------- the article


def article_sentences(article: Article) -> list[Sentence]:
    """Every sentence of the article that could be a claim, duplicates merged, in the article's order."""
    body: list[Sentence] = []
    seen_paragraphs: set[str] = set()
    frame: str | None = None  # the sentence announcing a list of lines below it
    # What a page prints above the byline is a summary of the body (a lede box), and says again what the
    # body says: when the two say one thing, the body's sentence is kept.
    opening = next((i for i, p in enumerate(article.paragraphs[:8]) if split_byline(p)[0]), 0)
    for number, paragraph in enumerate(article.paragraphs):
        kind = "summary" if number < opening else "body"
        _byline, paragraph = split_byline(paragraph)
        key = _key(paragraph)
        if not key or key in seen_paragraphs:
            continue
        seen_paragraphs.add(key)
        if not_a_claim(paragraph):
            continue
        bullet = LINE_BULLET.match(paragraph)
        if bullet and frame is not None:
            if body and body[-1].kind != "item" and ANNOUNCES_LIST.search(body[-1].text):
                body.pop()  # the announcing sentence lives on in each item's frame
            body.append(Sentence(f"{frame} {paragraph[bullet.end():].strip()}".strip(), 0, "item"))
            continue
        frame = None
        for text in split_sentences(paragraph):
            if not_a_claim(text):
                continue
            items = inline_items(text)
            if items:
                body += [Sentence(item, 0, "item") for item in items]
                continue
            fragment = not FULL_STOP.search(text) and len(text) <= SUBHEADING_MAX
            body.append(Sentence(text, 0, "subheading" if fragment else kind))
            if ANNOUNCES_LIST.search(text):
                frame = ANNOUNCES_LIST.sub("", text).strip()
    sentences = [Sentence(h, 0, "headline") for h in _headlines(article)] + body
    for i, sentence in enumerate(sentences):
        sentence.position = i
    return merge_repeats(sentences)


def _headlines(article: Article) -> list[str]:
    lines = list(dict.fromkeys(article.headlines or ([article.title] if article.title else [])))
    return [line for line in lines if line and not not_a_claim(line)]


def _key(paragraph: str) -> str:
    return re.sub(r"[\W_]+", "", paragraph)


def merge_repeats(sentences: list[Sentence]) -> list[Sentence]:
    """Merge each sentence that says again what another says into the fuller one (a body sentence is
    fuller than a headline); what was merged is remembered in `merged`."""
    words = [content_words(s.text) for s in sentences]
    kept: list[int] = []
    for i, sentence in enumerate(sentences):
        twin = next((k for k in kept if _one_claim(sentences[k], words[k], sentences[i], words[i])), None)
        if twin is None:
            kept.append(i)
            continue
        keep, drop = (twin, i) if _fuller(sentences[twin], words[twin], sentences[i], words[i]) else (i, twin)
        sentences[keep].merged += [(sentences[drop].kind, sentences[drop].text), *sentences[drop].merged]
        if keep == i:
            kept[kept.index(twin)] = i
    chosen = sorted(kept, key=lambda k: sentences[k].position)
    return [sentences[k] for k in chosen]


# When two sentences say one thing, the body's wording is kept over a headline's or a summary's.
RESTATEMENTS = ("headline", "subheading", "summary")


def _one_claim(a: Sentence, a_words: frozenset, b: Sentence, b_words: frozenset) -> bool:
    if a.kind == b.kind == "item":
        return False  # two items of one list share their frame, and are two claims all the same
    share = SAME_AS_HEADLINE if {"headline", "subheading"} & {a.kind, b.kind} else SAME_CLAIM
    return same_claim(a_words, b_words, share)


def _fuller(a: Sentence, a_words: frozenset, b: Sentence, b_words: frozenset) -> bool:
    rank_a, rank_b = RESTATEMENTS.count(a.kind), RESTATEMENTS.count(b.kind)
    if rank_a != rank_b:
        return rank_a < rank_b
    return len(a_words) >= len(b_words)


# --------------------------------------------------------------------------- are two sentences one claim


# 1,345억 and 1345억 are one figure: the comma between digit groups is no word boundary.
DIGIT_GROUPS = re.compile(r"(?<=\d),(?=\d{3})")


@functools.lru_cache(maxsize=8192)  # a stored claim's words are asked for once per sentence it may match
def content_words(text: str) -> frozenset[str]:
    """The words that carry a sentence's content: particles and endings stripped, fillers dropped."""
    from factcheck.search.text import korean

    found = set()
    for word in korean.words(korean.fold(DIGIT_GROUPS.sub("", text))):
        if korean.only_grammar(word) or korean.is_stopword(word):
            continue
        stems = korean.stems(word)
        found.add(min(stems, key=len) if stems else word)
    return frozenset(found)


def same_claim(a: frozenset[str], b: frozenset[str], share: float = SAME_CLAIM) -> bool:
    """True when the shorter holds no figure the longer lacks and most of its words are in the longer."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < SAME_CLAIM_MIN_WORDS:
        return False
    if any(w.isdigit() and w not in long for w in short):
        return False
    return sum(1 for w in short if holds(long, w)) >= share * len(short)


def holds(words: frozenset[str], word: str) -> bool:
    """Is `word` among `words`, or one of them with an ending the stemmer did not know?"""
    return word in words or any(_related(word, other) for other in words)


def _related(a: str, b: str) -> bool:
    """편성 / 편성해, 규모 / 규모인: one word is the other with an ending the stemmer did not know;
    시장 / 강릉시장: or the other's head in a compound."""
    if a.isdigit() or b.isdigit() or min(len(a), len(b)) < 2:
        return False
    return a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)
