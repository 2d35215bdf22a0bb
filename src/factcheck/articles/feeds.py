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
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        link = canonical(urljoin(base_url or "", link))
        items.append(FeedItem(link, " ".join((entry.get("title") or "").split()) or None, _published(entry)))
    if parsed.bozo and not items:  # broken, and nothing in it to read
        raise ValueError(f"not a readable feed: {' '.join(str(parsed.get('bozo_exception') or 'no items').split())}")
    return list({item.url: item for item in items}.values())


# Query parameters that say how a reader came, not which article: an item must not look new for them.
TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|ref|from|rss|feed)$", re.IGNORECASE)


def canonical(url: str) -> str:
    """The item's address without its fragment and tracking parameters (?utm_source=rss)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _published(entry) -> str | None:
    """The item's day where it was published: "Tue, 10 Nov 2025 07:00:00 +0900" is the 10th, although
    feedparser's parsed form, in UTC, says the 9th."""
    import email.utils

    for key in ("published", "updated"):
        text = (entry.get(key) or "").strip()
        if not text:
            continue
        try:
            return email.utils.parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return _dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            pass
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return _dt.datetime.fromtimestamp(calendar.timegm(stamp), _dt.timezone.utc).date().isoformat()
