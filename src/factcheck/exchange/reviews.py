"""ClaimReview in: any publisher's review, JSON-LD or a reader's fields, as a valid claim record.

Why the review page's title is the quote of the review's source: a source's quote must be words found at its
URL. Aggregators give a review's title and its rating label; the title is the page's headline (cut at the
aggregator's ellipsis, if any), while a one-word label such as "False" proves nothing when checked. When a
review has no usable title (a spreadsheet row, or a title holding HTML), the claim text is quoted, since a
fact-check page states the claim it checks.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from factcheck.exchange.claimreview import _UNSTORABLE, PLACEHOLDER_CLAIMS, InvalidItem
from factcheck.exchange.ratings import status_for_number, status_for_rating
from factcheck.model import HTTP_URL_RE, ID_RE, VERDICT_BY_CODE
from factcheck.model import today as _today

# --------------------------------------------------------------------------- import: shared by all readers


def clean_text(value: Any, single_line: bool = True) -> str:
    """Text from outside, fit to store: no control characters; on one line unless asked otherwise."""
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    text = _UNSTORABLE.sub("", str(value))
    if single_line:
        return " ".join(text.split())
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def clean_url(value: Any) -> str:
    text = clean_text(value)
    return text if HTTP_URL_RE.match(text) else ""


_DATE_PARTS = re.compile(r"^\s*(\d{4})(?:\s*[-./년]\s*(\d{1,2})(?:\s*[-./월]\s*(\d{1,2})\s*[.일]?)?\s*\.?)?")
NO_DATE = {"", "-", "?", "unknown", "n/a", "na", "none", "미상", "알수없음", "모름", "없음"}


def parse_date(value: Any) -> str | None:
    """YYYY-MM-DD, YYYY.MM.DD, YYYY/M/D, 2023년 5월 1일, ISO date-times, YYYY-MM or YYYY, as an ISO date.

    Returns None for an empty or "unknown" value; raises InvalidItem for anything else it cannot read.
    """
    import datetime as dt

    text = clean_text(value)
    if text.casefold().replace(" ", "") in NO_DATE:
        return None
    match = _DATE_PARTS.match(text)
    rest = text[match.end():] if match else text
    if not match or (rest and not re.match(r"^[T\s]\d|^Z?$", rest)):
        raise InvalidItem("{text!r} is not a date (YYYY-MM-DD, YYYY.MM.DD, YYYY-MM or YYYY)", text=text)
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise InvalidItem("{text!r} is not a real date", text=text) from None
    parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
    return "-".join(parts)


def url_host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def review_quote(title: str, claim: str) -> str:
    """Words of the review page to quote in its source: its title, else the claim it states.

    A title that an aggregator cut short ("… to 'illegal ...") is quoted up to the cut, so every word
    quoted is a word on the page.
    """
    title = re.sub(r"\s*(\.\.\.|…)\s*$", "", clean_text(title))
    if title and "<" not in title:
        return title
    return claim


def claim_key(text: str) -> str:
    """A claim's text for duplicate detection: NFKC, casefolded, without whitespace or punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def review_record(fields: dict, *, fmt: str, imported: str | None = None) -> dict:
    """A valid-shaped claim record from one review's fields, whatever format they were read from.

    `fields`: claim (required), rating (the original label) or status, and optionally claim_en,
    claimant {name, role?, type?}, claim_date, appearance {…}, tags, entities, rationale, review_url,
    publisher, review_title, review_date, language, sources (when the review lists its own sources, as
    our own export does, they are the claim's sources; otherwise the review itself is the one source,
    quoted by `review_quote`), id (kept when it is a valid id).
    Raises InvalidItem when there is no claim text or no rating.
    """
    claim = clean_text(fields.get("claim"))
    if not claim:
        raise InvalidItem("no claim text")
    if claim_key(claim) in PLACEHOLDER_CLAIMS:
        raise InvalidItem("the claim text is only the placeholder {claim!r}", claim=claim)
    rating = clean_text(fields.get("rating"), single_line=False)
    status = fields.get("status") or status_for_rating(rating)
    if not rating and status is None:
        raise InvalidItem("no rating")
    status = status if status in VERDICT_BY_CODE else "unverified"

    given_url = fields.get("review_url")
    review_url = clean_url(given_url)
    publisher = clean_text(fields.get("publisher")) or (url_host(review_url) if review_url else "")
    own_sources = fields.get("sources")  # None: the review lists none; []: it says the claim has none
    sources = list(own_sources or [])
    if not sources and review_url and (own_sources is None or status != "unverified"):
        sources = [_review_source(fields, review_url, publisher, claim)]
    if status != "unverified" and not sources:
        if given_url and not review_url:
            raise InvalidItem("the review URL {given_url!r} is not an http(s) address", given_url=clean_text(given_url))
        raise InvalidItem("rated {rating!r} but has no review URL to keep as its source", rating=rating or status)

    record: dict = {}
    if isinstance(fields.get("id"), str) and ID_RE.match(fields["id"]):
        record["id"] = fields["id"]
    record["claim"] = claim
    if clean_text(fields.get("claim_en")):
        record["claim_en"] = clean_text(fields["claim_en"])
    claimant = _clean_claimant(fields.get("claimant"))
    if claimant:
        record["claimant"] = claimant
    if fields.get("claim_date"):
        record["claim_date"] = fields["claim_date"]
    appearance = {k: v for k, v in (fields.get("appearance") or {}).items() if v}
    if appearance:
        record["appearance"] = appearance
    for key in ("tags", "entities"):
        values = [clean_text(v) for v in fields.get(key) or []]
        values = list(dict.fromkeys(v for v in values if v))
        if values:
            record[key] = values
    record["status"] = status
    rationale = fields.get("rationale")
    if isinstance(rationale, str) and clean_text(rationale, single_line=False):
        record["rationale"] = clean_text(rationale, single_line=False)
    elif isinstance(rationale, dict) and rationale:
        record["rationale"] = rationale
    record["sources"] = sources
    if fields.get("review_date"):
        record["reviewed"] = fields["review_date"]
    origin = {
        "format": fmt,
        "url": review_url,
        "publisher": publisher,
        "rating": rating,
        "language": clean_text(fields.get("language")),
        "imported": imported or _today(),
    }
    record["origin"] = {k: v for k, v in origin.items() if v}
    return record


def _review_source(fields: dict, url: str, publisher: str, claim: str) -> dict:
    source = {"url": url}
    title = clean_text(fields.get("review_title"))
    if title:
        source["title"] = title
    source["publisher"] = publisher
    if fields.get("review_date"):
        source["published"] = fields["review_date"]
    source["quote"] = clean_text(fields.get("quote")) or review_quote(title, claim)
    source["kind"] = "secondary"
    return source


def _clean_claimant(claimant: Any) -> dict:
    if isinstance(claimant, str):
        claimant = {"name": claimant}
    if not isinstance(claimant, dict):
        return {}
    name = clean_text(claimant.get("name"))
    if not name:
        return {}
    out = {"name": name}
    role = clean_text(claimant.get("role"))
    if role:
        out["role"] = role
    if claimant.get("type") in ("Person", "Organization"):
        out["type"] = claimant["type"]
    return out


# --------------------------------------------------------------------------- import: ClaimReview JSON-LD


def first(value: Any) -> Any:
    """JSON-LD allows one value or a list of them anywhere; take the first."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def types_of(node: Any) -> list[str]:
    kind = node.get("@type") if isinstance(node, dict) else None
    kinds = kind if isinstance(kind, list) else [kind]
    # "ClaimReview", "schema:ClaimReview" or "https://schema.org/ClaimReview": the same type
    return [k.rsplit("/", 1)[-1].split(":")[-1] for k in kinds if isinstance(k, str)]


def is_claimreview(node: Any) -> bool:
    return "ClaimReview" in types_of(node)


def _name(node: Any) -> str:
    node = first(node)
    if isinstance(node, str):
        return clean_text(node)
    if isinstance(node, dict):
        return clean_text(first(node.get("name")) or first(node.get("legalName")))
    return ""


def _text_value(value: Any) -> str:
    """A JSON-LD text: a string, a {"@value": …} object, or the first of a list of them."""
    value = first(value)
    if isinstance(value, dict):
        value = value.get("@value")
    return value if isinstance(value, str) else ""


def _date(value: Any, what: str) -> str | None:
    value = _text_value(value)
    try:
        return parse_date(value)
    except InvalidItem as exc:
        raise InvalidItem("{what}: {exc}", what=what, exc=exc) from None


def _claim_text(review: dict, item: dict) -> str:
    """The full claim: itemReviewed.text when claimReviewed is that text or a shortened form of it."""
    short = " ".join(_text_value(review.get("claimReviewed")).split())
    full = " ".join(_text_value(item.get("text")).split())
    if full and (not short or full == short or (short.endswith("…") and full.startswith(short[:-1].rstrip()))):
        return _text_value(item.get("text"))
    return short


def _claimant(item: dict) -> dict:
    author = first(item.get("author"))
    if isinstance(author, str):
        return {"name": author}
    if not isinstance(author, dict):
        return {}
    kinds = types_of(author)
    out = {"name": _name(author), "role": _text_value(author.get("jobTitle") or author.get("description"))}
    for kind in ("Person", "Organization"):
        if kind in kinds:
            out["type"] = kind
    return out


def _work(node: Any, what: str) -> dict:
    """An appearance (a URL or a CreativeWork) as {url, title, publisher, date}."""
    node = first(node)
    if isinstance(node, str):
        return {"url": clean_url(node)}
    if not isinstance(node, dict):
        return {}
    return {
        "publisher": _name(node.get("publisher")) or _name(node.get("author")),
        "title": clean_text(_text_value(node.get("headline")) or _text_value(node.get("name"))),
        "url": clean_url(_text_value(node.get("url"))),
        "date": _date(node.get("datePublished"), f"{what}.datePublished"),
    }


def _rationale(body: Any) -> Any:
    if isinstance(body, str):
        return body
    values = body if isinstance(body, list) else [body]
    tagged: dict = {}
    plain: list[str] = []
    for value in values:
        if isinstance(value, dict) and value.get("@language") in ("ko", "en") and isinstance(value.get("@value"), str):
            tagged[value["@language"]] = clean_text(value["@value"], single_line=False)
        elif _text_value(value):
            plain.append(_text_value(value))
    if tagged and not plain:
        return {k: v for k, v in tagged.items() if v} or None
    return "\n\n".join(plain + list(tagged.values())) or None


def _sources(review: dict) -> list[dict] | None:
    """Citations that carry a quote (`text`) and a URL become the claim's sources, in order.

    None when the review lists no citations we can use (the review itself is then the source); an
    empty list when it says, with `"citation": []`, that the claim has no sources.
    """
    citations = review.get("citation")
    if not isinstance(citations, list):
        return None
    out = []
    for work in citations:
        if not isinstance(work, dict):
            continue
        url, quote = clean_url(_text_value(work.get("url"))), clean_text(_text_value(work.get("text")))
        if not (url and quote):
            continue
        source = {"url": url}
        title = clean_text(_text_value(work.get("name")) or _text_value(work.get("headline")))
        if title:
            source["title"] = title
        source["publisher"] = _name(work.get("publisher")) or url_host(url)
        published = _date(work.get("datePublished"), "citation.datePublished")
        if published:
            source["published"] = published
        source["quote"] = quote
        if _text_value(work.get("genre")) in ("primary", "secondary"):
            source["kind"] = _text_value(work.get("genre"))
        archive = clean_url(_text_value(work.get("archivedAt")))
        if archive:
            source["archive_url"] = archive
        out.append(source)
    return out if out or not citations else None


def _status(rating: dict) -> tuple[str, str | None]:
    """(original label, verdict code or None) from a schema.org Rating."""
    label = _text_value(rating.get("alternateName")) or _text_value(rating.get("name"))
    status = status_for_rating(label)
    if status is None and rating.get("ratingValue") not in (None, ""):
        status = status_for_number(
            first(rating.get("ratingValue")), first(rating.get("bestRating", 5)), first(rating.get("worstRating", 1))
        )
        label = label or f"{first(rating.get('ratingValue'))}/{first(rating.get('bestRating', 5))}"
    return label, status


def claimreview_fields(review: dict) -> dict:
    """The fields `review_record` needs, read from one ClaimReview object."""
    if not isinstance(review, dict):
        raise InvalidItem("not a JSON object but {kind}", kind=type(review).__name__)
    if not is_claimreview(review):
        kinds = ", ".join(types_of(review)) or "none"
        raise InvalidItem("not a ClaimReview (@type: {kinds})", kinds=kinds)
    item = first(review.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    rating = first(review.get("reviewRating"))
    label, status = _status(rating) if isinstance(rating, dict) else ("", None)
    translation = first(item.get("workTranslation"))
    tags = review.get("keywords") or []
    if isinstance(tags, str):
        tags = [t for t in re.split(r"\s*,\s*", tags)]
    elif not isinstance(tags, list):  # "keywords": true once ended the whole import
        tags = []
    about = review.get("about") if isinstance(review.get("about"), list) else [review.get("about")]
    appearance = item.get("firstAppearance") or item.get("appearance")
    return {
        "id": _text_value(review.get("identifier")),
        "claim": _claim_text(review, item),
        "claim_en": _text_value(translation.get("text")) if isinstance(translation, dict) else "",
        "claimant": _claimant(item),
        "claim_date": _date(item.get("datePublished"), "itemReviewed.datePublished"),
        "appearance": _work(appearance, "appearance") if appearance else {},
        "tags": [t for t in tags if isinstance(t, str)],
        "entities": [_name(thing) for thing in about if thing],
        "rating": label,
        "status": status,
        "rationale": _rationale(review.get("reviewBody")),
        "sources": _sources(review),
        "review_url": _text_value(review.get("url")),
        "publisher": _name(review.get("author")) or _name(review.get("publisher")),
        "review_title": _text_value(review.get("headline")) or _text_value(review.get("name")),
        "review_date": _date(review.get("datePublished"), "datePublished"),
        "language": _text_value(review.get("inLanguage")),
    }


def from_claimreview(review: dict, imported: str | None = None) -> dict:
    """One ClaimReview object as a claim record (without an id unless it carries ours as `identifier`)."""
    return review_record(claimreview_fields(review), fmt="claimreview", imported=imported)
