"""`scan`: read news feeds and articles, and catch the sentences that repeat a checked claim.

Each address is fetched once, safely (fetch.py). A feed gives its items; an address that is no feed is an
article itself. Items already read on an earlier run are skipped (seen.py); `everything` takes them all,
and `since` takes those published from that day on, seen or not. Every new article is extracted like `extract` does, and each
sentence that repeats a stored claim is reported with the claim's verdict. One address failing stops
nothing else: it is reported, and tried again next time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.articles.extract import Candidate, extract
from factcheck.articles.feeds import FeedItem, feed_items, is_feed
from factcheck.articles.fetch import Fetched, fetch_documents
from factcheck.articles.text import from_document
from factcheck.i18n import N_, Message, translated

# A repeat of a claim with one of these verdicts is worth an alert (scan exits 1).
ALARMING = frozenset({"false", "mostly-false", "half-true"})
DEFAULT_MIN_SCORE = 50


FAILURE_MESSAGES = {"feed": N_("feed {url}: {reason}"), "article": N_("article {url}: {reason}")}


@dataclass(frozen=True)
class Failure:
    url: str
    what: str  # "feed" or "article"
    reason: str

    def __str__(self) -> str:
        return str(self.message())

    def message(self) -> Message:
        return Message(FAILURE_MESSAGES[self.what], url=self.url, reason=self.reason)

    def translated(self) -> str:
        return translated(self.message())

    def as_json(self) -> dict:
        return {"url": self.url, "kind": self.what, "error": self.reason}


@dataclass
class ArticleReport:
    url: str
    title: str | None
    date: str | None
    repeats: list[Candidate] = field(default_factory=list)  # sentences that repeat a stored claim
    candidates: list[Candidate] = field(default_factory=list)  # new check-worthy ones

    @property
    def alarming(self) -> bool:
        return any(c.stored.status in ALARMING for c in self.repeats)

    def as_json(self) -> dict:
        return {
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "repeats": [
                {"text": c.text, **c.stored.as_json(), "claim": c.stored.claim} for c in self.repeats
            ],
            "candidates": [c.as_json() for c in self.candidates],
        }


@dataclass
class ScanReport:
    articles: list[ArticleReport]
    failures: list[Failure]
    skipped: int  # items already seen

    @property
    def alarming(self) -> bool:
        return any(a.alarming for a in self.articles)

    def as_json(self) -> dict:
        return {
            "articles": [a.as_json() for a in self.articles],
            "failures": [f.as_json() for f in self.failures],
            "skipped": self.skipped,
            "alarming": self.alarming,
        }


def scan(repo, addresses: list[str], seen=None, *, since: str | None = None, everything: bool = False,
         min_score: int = DEFAULT_MIN_SCORE, **fetching) -> ScanReport:
    """Scan feeds and article addresses; `seen` (a Seen) is read and updated, and saved by the caller."""
    failures: list[Failure] = []
    items: dict[str, FeedItem] = {}
    ready: dict[str, Fetched] = {}  # article addresses fetched already (given directly, not in a feed)
    for source in fetch_documents(addresses, **fetching):
        if not source.ok:
            failures.append(Failure(source.url, "feed", source.error or Message("nothing read")))
        elif is_feed(source.document, source.media_type):
            try:
                for item in feed_items(source.document, source.final_url or source.url):
                    items.setdefault(item.url, item)
            except ValueError as exc:
                failures.append(Failure(source.url, "feed", str(exc)))
        else:
            items.setdefault(source.url, FeedItem(source.url))
            ready[source.url] = source
    wanted = [item for item in items.values() if _wanted(item, seen, since, everything)]
    skipped = len(items) - len(wanted)
    missing = [item.url for item in wanted if item.url not in ready]
    ready.update((f.url, f) for f in fetch_documents(missing, **fetching))
    articles = []
    for item in wanted:
        report = _read(repo, item, ready[item.url], min_score, failures)
        if report is not None:
            articles.append(report)
            if seen is not None:
                seen.add(item.url)
    return ScanReport(articles, failures, skipped)


def _wanted(item: FeedItem, seen, since: str | None, everything: bool) -> bool:
    """--all: every item; --since: the items published from that day on, seen or not (one without a
    date, unless seen); otherwise the items not seen before."""
    if everything:
        return True
    if since and item.published:
        return item.published >= since
    return seen is None or item.url not in seen


def _read(repo, item: FeedItem, fetched: Fetched, min_score: int, failures: list[Failure]) -> ArticleReport | None:
    if not fetched.ok:
        failures.append(Failure(item.url, "article", fetched.error or Message("nothing read")))
        return None
    try:
        article = from_document(fetched.document, fetched.media_type, item.url)
    except Exception as exc:  # noqa: BLE001 - one unreadable page must not stop the scan
        failures.append(Failure(item.url, "article", Message("could not read the article: {error}", error=str(exc))))
        return None
    article = article.with_known(title=article.title or item.title, date=article.date or item.published)
    if not article.paragraphs:
        failures.append(Failure(item.url, "article", Message("no article text on the page")))
        return None
    extraction = extract(article, repo)
    report = ArticleReport(item.url, article.title, article.date)
    for candidate in extraction.candidates:
        if candidate.stored is not None:
            report.repeats.append(candidate)
        elif candidate.score >= min_score:
            report.candidates.append(candidate)
    return report
