"""News feeds: RSS and Atom read with feedparser, which copes with the many ways feeds get them wrong.

A fetched document is a feed when it says so (its media type) or looks like one (an <rss>, <feed> or
RDF root); anything else is taken as an article.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_FEED_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD


def is_feed(document: str, media_type: str | None) -> bool:
    return media_type in FEED_TYPES or bool(_FEED_ROOT.match(document[:2048]))


def feed_items(document: str, base_url: str | None = None) -> list[FeedItem]:
    """The feed's items that link to an article, in the feed's order; raises ValueError for no feed."""
    from urllib.parse import urljoin

    import feedparser

    parsed = feedparser.parse(document)
    if parsed.bozo and not parsed.entries:
        raise ValueError(f"not a readable feed: {parsed.get('bozo_exception') or 'no items'}")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        link = urljoin(base_url or "", link)
        items.append(FeedItem(link, " ".join((entry.get("title") or "").split()) or None, _published(entry)))
    return list({item.url: item for item in items}.values())


def _published(entry) -> str | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return _dt.datetime.fromtimestamp(calendar.timegm(stamp), _dt.timezone.utc).date().isoformat()
