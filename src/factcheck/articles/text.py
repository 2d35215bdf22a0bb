"""An article as text: its body paragraphs, headline, byline, publisher and date.

HTML goes through trafilatura, a maintained extractor that scores the page's blocks and reads its
metadata (og:title, article:published_time, author, site name); when it finds no body, or a body it
flattened into one table cell, the page's visible text is used instead. Plain text is taken as given: a headline (and deck lines) before the first blank
line, then the body. Either way the byline opening the body and a copyright line at its end tell the
reporter and the publisher when the metadata does not.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field, replace

from factcheck.articles.boilerplate import Byline, byline_line, copyright_holder, not_a_claim, split_byline

# A headline is short and ends without a full stop ("…1조 원 시대 열었다"); a lede ends with one.
HEADLINE_MAX = 150
_SENTENCE_END = re.compile(r"[.?!。][\"'”’)]?$")
# "입력 2025.09.24 14:30", "기사입력 : 2025-09-24", "2025년 09월 24일 등록": a date printed in the text.
_PRINTED_DATE = re.compile(
    r"(?:입력|등록|승인|기사입력|발행|송고)\s*:?\s*(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})"
)


@dataclass
class Article:
    """What `extract` reads. `paragraphs` are the body's, one string each, in order."""

    paragraphs: list[str]
    title: str | None = None
    headlines: list[str] = field(default_factory=list)  # the title and deck lines, as printed
    url: str | None = None
    publisher: str | None = None
    date: str | None = None  # YYYY-MM-DD when known
    byline: Byline | None = None

    def source(self) -> dict:
        return {
            "url": self.url,
            "title": self.title,
            "publisher": self.publisher,
            "date": self.date,
            "byline": str(self.byline) if self.byline and self.byline.name else None,
        }

    def with_known(self, url=None, title=None, publisher=None, date=None) -> "Article":
        """The article with what the user said about it filling in (or correcting) what it says itself."""
        return replace(
            self,
            url=url or self.url,
            title=title or self.title,
            publisher=publisher or self.publisher,
            date=date or self.date,
        )


def from_plain(text: str) -> Article:
    """Plain text: up to three headline lines (no full stop at the end) before the body, which starts at
    a blank line or at the first line that reads like a sentence."""
    blocks = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [" ".join(line.split()) for line in blocks]
    first = next((i for i, line in enumerate(lines) if line), 0)
    end = first
    while end < len(lines) and end - first < 3 and lines[end] and _is_headline(lines[end]):
        end += 1
    body_follows = end < len(lines) and (not lines[end] or _SENTENCE_END.search(lines[end]))
    headlines = lines[first:end] if end > first and body_follows else []
    body = [line for line in lines[first + len(headlines):] if line]
    return _read_own_marks(Article(body, headlines[0] if headlines else None, headlines))


def _is_headline(line: str) -> bool:
    return 0 < len(line) <= HEADLINE_MAX and not _SENTENCE_END.search(line) and not_a_claim(line) is None


def from_html(html: str, url: str | None = None) -> Article:
    """The article in an HTML page: trafilatura's body and metadata, else the page's visible text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, deduplicate=False, favor_recall=True,
                                          config=_extraction_settings(), date_extraction_params=DATE_SEARCH)
    except Exception:  # noqa: BLE001 - a page trafilatura chokes on still has visible text
        doc = None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        return from_plain(_visible_text(html)).with_known(url=url)
    lines = [" ".join(line.split()) for line in body.splitlines()]
    title = _clean(getattr(doc, "title", None))
    if any(_flattened(line) for line in lines):
        visible = from_plain(_visible_text(html))
        paragraphs, headlines = visible.paragraphs, visible.headlines or ([title] if title else [])
    else:
        paragraphs, headlines = [_untabled(line) for line in lines], [title] if title else []
    article = Article(
        [p for p in paragraphs if p],
        title or (headlines[0] if headlines else None),
        headlines,
        url=_clean(getattr(doc, "url", None)) or url,
        publisher=_clean(getattr(doc, "sitename", None)),
        date=_iso_date(getattr(doc, "date", None)),
    )
    author = _clean(getattr(doc, "author", None))
    if author:
        article.byline = byline_line(author) or Byline(author.removesuffix(" 기자").strip())
    return _read_own_marks(article)


# trafilatura falls back to the whole page as one line when the body it finds is under 250 characters;
# a short news brief is still an article, whose paragraphs must stay apart.
MIN_ARTICLE_CHARS = 50


# htmldate's extensive search hands free text to dateparser, which then guesses the language over all its
# locales: 11 s for one Korean page without date metadata. The page's date elements and metadata are read
# all the same, and a date printed in the text ("입력 2025.09.24") is read by _read_own_marks.
DATE_SEARCH = {"extensive_search": False, "original_date": True}


@functools.cache
def _extraction_settings():
    from trafilatura.settings import use_config

    settings = use_config()
    settings.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_ARTICLE_CHARS))
    settings.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return settings


# trafilatura writes a layout table's cell as one line, losing the <br> breaks inside it: a cell with this
# many sentences is an article body flattened, whose lines the page's visible text keeps.
FLATTENED_SENTENCES = 3
_SENTENCE_ENDS_INSIDE = re.compile(r"[.?!][\"'”’)]?\s")


def _flattened(line: str) -> bool:
    return line.startswith("|") and len(_SENTENCE_ENDS_INSIDE.findall(line)) >= FLATTENED_SENTENCES


def _untabled(line: str) -> str:
    """A line of a layout table as trafilatura writes it ("| cell |", bars inside escaped as "\\|")."""
    if line.startswith("|") and line.endswith("|"):
        line = line[1:-1].strip()
    return line.replace("\\|", "|")


def _visible_text(html: str) -> str:
    from factcheck.sources.webtext import visible_text

    return visible_text(html)


def _clean(value) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _iso_date(value) -> str | None:
    try:
        return _dt.date.fromisoformat(str(value)[:10]).isoformat() if value else None
    except ValueError:
        return None


def _read_own_marks(article: Article) -> Article:
    """Fill in the byline, publisher and date from what the text itself prints."""
    for paragraph in article.paragraphs[:4]:
        byline, _rest = split_byline(paragraph)
        if byline:
            # The byline the text opens with says more (the bureau, the publisher) than a page's author
            # metadata, unless it names nobody ("(김제=뉴시스)").
            if byline.name or article.byline is None:
                article.byline = byline
            article.publisher = article.publisher or byline.publisher
            break
    for paragraph in reversed(article.paragraphs[-4:]):
        if not_a_claim(paragraph) == "copyright":
            article.publisher = article.publisher or copyright_holder(paragraph)
        elif article.byline is None and (found := byline_line(paragraph)) and found.name:
            article.byline = found
    if article.date is None:
        article.date = _printed_date(article.paragraphs[:6] + article.paragraphs[-4:])
    return article


def _printed_date(lines: list[str]) -> str | None:
    for line in lines:
        match = _PRINTED_DATE.search(line)
        if match:
            return _iso_date("%s-%02d-%02d" % (match.group(1), int(match.group(2)), int(match.group(3))))
    return None


_LOOKS_HTML = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|article)\b", re.IGNORECASE | re.DOTALL)


def from_document(document: str, media_type: str | None = None, url: str | None = None) -> Article:
    """An article from a decoded document: HTML when it says or looks so, else plain text."""
    html = media_type in ("text/html", "application/xhtml+xml") or (
        media_type in (None, "") and _LOOKS_HTML.match(document[:4096]) is not None
    )
    article = from_html(document, url) if html else from_plain(document)
    return article.with_known(url=url) if url and not article.url else article


def from_bytes(data: bytes, url: str | None = None) -> Article:
    """An article from a file's or stdin's bytes, its charset found as for web pages (EUC-KR too)."""
    from factcheck.sources.webtext import decode

    text, _codec = decode(data)
    return from_document(text, None, url)
