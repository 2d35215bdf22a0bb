"""Publishable HTML: one self-contained page per claim, and a static site of every claim.

Standard library only. Every piece of data goes through `html.escape`, URLs become links only when they
are http(s), and JSON-LD is escaped so that text inside it can never close its <script> block. Each page
carries a Content-Security-Policy that allows no script but the index page's own (by its hash), so even a
mistake in escaping could not run injected code. Links between pages are relative, so the site works on
any static host and straight from disk (file://).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from factcheck.exchange.claimreview import reviewed_elsewhere, to_claimreview
from factcheck.publish.bilingual import Labels, page_language, primary
from factcheck.model import LANGUAGE_RE, VERDICTS, text_of, verdict
from factcheck.store.repo import check_id
from factcheck.store.settings import REPORTS_FOLDER, PublishSettings, settings_from
from factcheck.textclean import json_text, mark_bidi

GENERATOR = "factcheck"
CLAIMS_FOLDER = REPORTS_FOLDER  # claims/<id>.html: where ClaimReview's `url` says each report lives
CLAIMREVIEW_FILE = "claimreview.json"
RATINGS_FILE = "ratings.html"  # the rating scale explained to readers
_GENERATOR_META = f'<meta name="generator" content="{GENERATOR}">'

# Labels are bilingual: the Korean newsroom reads the first part, an English reader the second.
PAGE_LABELS = Labels({
    "all_claims": "← 전체 목록 · All claims",
    "claimant": "발언자 · Claimant",
    "said_on": "발언일 · Said on",
    "appearance": "발언 출처 · Where it was said",
    "rationale": "판단 근거 · Rationale",
    "sources": "출처 · Sources",
    "archive": "보관본 · Archived copy",
    "history": "판정 이력 · History",
    "tags": "태그 · Tags",
    "entities": "관련 · Entities",
    "reviewed": "검토일 · Reviewed",
    "origin": "원 출처 · Imported from",
    "original_rating": "원래 판정 · Original rating",
    "no_sources": "출처 없음 · No sources yet",
    "checked": "링크 확인 · Link checked",
    "primary": "1차 자료 · Primary",
    "secondary": "2차 자료 · Secondary",
    "index_title": "팩트체크 · Fact checks",
    "search": "검색 · Search",
    "verdict": "판정 · Verdict",
    "claim": "주장 · Claim",
    "date": "날짜 · Date",
    "tag": "태그 · Tag",
    "year": "연도 · Year",
    "any": "전체 · All",
    "shown": "표시 · shown",
    "no_results": "결과 없음 · No matching claim",
    "more": "더 보기 · Show more",
    "previous": "← 이전 · Previous",
    "next": "다음 · Next →",
    "pages": "쪽 · Pages",
    "search_all": "전체 검색 · Search all claims",
    "ratings": "판정 기준 · Rating scale",
    "principles": "원칙 · Principles",
})

# --------------------------------------------------------------------------- small helpers


def escaped(value: Any) -> str:
    """HTML-escape any value (quotes too, so the result is safe in attributes)."""
    return escape("" if value is None else mark_bidi(value), quote=True)  # bidi controls visible, never obeyed


def is_http_url(url: Any) -> bool:
    """True only for absolute http(s) URLs with a host: nothing else is ever emitted as an href."""
    if not isinstance(url, str) or not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def link(url: Any, text: Any = None, cls: str = "") -> str:
    """An <a> for an http(s) URL; any other URL (javascript:, data:…) is shown as plain text, never linked."""
    label = escaped(text if text else url)
    if not is_http_url(url):
        if not url or not text or text == url:
            return f'<span class="url">{label}</span>' if url else label
        return f'{label} <span class="url">({escaped(url)})</span>'
    attr = f' class="{cls}"' if cls else ""
    return f'<a{attr} href="{escaped(url)}">{label}</a>'


def json_for_script(data: Any, *, indent: int | None = 2) -> str:
    """JSON safe inside <script>: `</` and `<!--` can neither close the block nor change how it is parsed."""
    text = json_text(data, indent=indent, separators=None if indent else (",", ":"))
    return text.replace("<!--", "\\u003c!--").replace("</", "<\\/")


def page_lang(record: dict, settings: PublishSettings) -> str:
    """The language of the claim's own words (an imported claim records it), else the publisher's (ko by
    default). The page around them is in the page language (publish/bilingual.py)."""
    origin = record.get("origin") or {}
    lang = origin.get("language") if isinstance(origin, dict) else None
    return lang if isinstance(lang, str) and LANGUAGE_RE.match(lang) else settings.language


def _relative_luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def badge_text_colour(hex_colour: str) -> str:
    """Black or white, whichever contrasts more with the badge colour (WCAG contrast ratio)."""
    lum = _relative_luminance(hex_colour)
    return "#000" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#fff"


def badge(code: str, *, small: bool = False) -> str:
    v = verdict(code)
    size = " small" if small else ""
    return (
        f'<span class="badge v-{escaped(v.code)}{size}" data-verdict="{escaped(v.code)}">'
        f'<span lang="ko">{escaped(v.ko)}</span> <span class="badge-en" lang="en">{escaped(v.en)}</span></span>'
    )


def _time(date: Any) -> str:
    return f'<time datetime="{escaped(date)}">{escaped(date)}</time>' if date else ""


_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?。、]")


def linkify(text: str) -> str:
    """Escape text, turning the http(s) URLs written in it (a rationale cites pages) into links."""
    out, end = [], 0
    for match in _URL_IN_TEXT.finditer(text):
        out += [escaped(text[end:match.start()]), link(match.group(), None, "url")]
        end = match.end()
    return "".join(out) + escaped(text[end:])


def _paragraphs(text: str, lang: str | None = None, *, links: bool = False) -> str:
    """Blank lines separate paragraphs, single newlines become <br>: the text stays text."""
    attr = f' lang="{escaped(lang)}"' if lang else ""
    show = linkify if links else escaped
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    return "".join(f"<p{attr}>{'<br>'.join(show(line) for line in b.splitlines())}</p>" for b in blocks)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str | None = None) -> str:
    """No network, no plugins, no script except (optionally) one inline script allowed by its hash."""
    scripts = csp_hash(script) if script else "'none'"
    return (
        f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {scripts}; "
        "base-uri 'none'; form-action 'none'"
    )


# --------------------------------------------------------------------------- CSS


def _verdict_css() -> str:
    return "\n".join(
        f".v-{v.code}{{background:{v.hex};color:{badge_text_colour(v.hex)}}}" for v in VERDICTS
    )


def package_text(name: str) -> str:
    """A text file shipped beside this module (the site's stylesheet and script live as real files)."""
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


CSS = package_text("site.css") + package_text("desk.css")


def _css() -> str:
    return CSS + _verdict_css() + "\n"


def _head(title: str, *, lang: str, description: str = "", canonical: str = "", extra: str = "",
          script: str | None = None) -> str:
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escaped(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{escaped(content_security_policy(script))}">',
        '<meta name="referrer" content="strict-origin-when-cross-origin">',
        _GENERATOR_META,
        f"<title>{escaped(title)}</title>",
    ]
    if description:
        parts.append(f'<meta name="description" content="{escaped(description)}">')
    if is_http_url(canonical):
        parts.append(f'<link rel="canonical" href="{escaped(canonical)}">')
    parts += ['<link rel="icon" href="data:,">', f"<style>{_css()}</style>", extra, "</head>"]
    return "\n".join(p for p in parts if p)


# --------------------------------------------------------------------------- one claim


def _facts(record: dict) -> str:
    """Who said it, when, and where: a definition list, one fact a line."""
    rows = []
    claimant = record.get("claimant") or {}
    if claimant.get("name"):
        role = f" ({escaped(claimant['role'])})" if claimant.get("role") else ""
        rows.append(("claimant", f"<b>{escaped(claimant['name'])}</b>{role}"))
    if record.get("claim_date"):
        rows.append(("said_on", _time(record["claim_date"])))
    app = record.get("appearance") or {}
    if any(app.get(k) for k in ("publisher", "title", "url", "date")):
        title = app.get("title") or app.get("publisher") or app.get("url") or ""
        bits = [link(app["url"], title) if app.get("url") else escaped(title)]
        bits += [escaped(app["publisher"])] if app.get("publisher") and app.get("publisher") != title else []
        bits += [_time(app["date"])] if app.get("date") else []
        rows.append(("appearance", " · ".join(b for b in bits if b)))
    if not rows:
        return ""
    items = "".join(f"<dt>{PAGE_LABELS[key]}</dt><dd>{value}</dd>" for key, value in rows)
    return f'<dl class="facts">{items}</dl>'


def _rationale_section(record: dict) -> str:
    rationale = record.get("rationale")
    if not rationale:
        return ""
    if isinstance(rationale, dict):
        body = "".join(_paragraphs(text_of(rationale, lang), lang, links=True) for lang in ("ko", "en"))
    else:
        body = _paragraphs(text_of(rationale), links=True)
    return f'<section id="rationale"><h2>{PAGE_LABELS["rationale"]}</h2>{body}</section>'


def _source_item(source: dict) -> str:
    url = source.get("url", "")
    title = source.get("title") or source.get("publisher") or url
    meta = [escaped(source["publisher"])] if source.get("publisher") and source["publisher"] != title else []
    if source.get("published"):
        meta.append(_time(source["published"]))
    if source.get("kind") in ("primary", "secondary"):
        meta.append(PAGE_LABELS[source["kind"]])
    lines = [
        f'<p class="src-title">{link(url, title)}</p>',
    ]
    if any(meta):
        lines.append(f'<p class="src-meta">{" · ".join(m for m in meta if m)}</p>')
    if source.get("quote"):
        cite = f' cite="{escaped(url)}"' if is_http_url(url) else ""
        lines.append(f"<blockquote{cite}>{_paragraphs(source['quote'])}</blockquote>")
    if is_http_url(url) and title != url:
        lines.append(f'<p class="src-meta">{link(url, url, "url")}</p>')
    if source.get("archive_url"):
        lines.append(f'<p class="src-meta">{PAGE_LABELS["archive"]}: {link(source["archive_url"], None, "url")}</p>')
    if source.get("checked"):
        status = source.get("check_status", "")
        warn = ' class="src-meta warn"' if status and status != "ok" else ' class="src-meta"'
        lines.append(f'<p{warn}>{PAGE_LABELS["checked"]}: {_time(source["checked"])} {escaped(status)}</p>')
    return "<li>" + "".join(lines) + "</li>"


def _sources_section(record: dict) -> str:
    sources = record.get("sources") or []
    items = "".join(_source_item(s) for s in sources) if sources else ""
    body = f'<ol class="sources">{items}</ol>' if items else f'<p>{PAGE_LABELS["no_sources"]}</p>'
    return f'<section id="sources"><h2>{PAGE_LABELS["sources"]}</h2>{body}</section>'


def _history_section(record: dict) -> str:
    history = record.get("history") or []
    if not history:
        return ""
    items = "".join(
        f"<li>{_time(h.get('date'))} {badge(h['status'], small=True)} {escaped(h.get('note', ''))}</li>"
        for h in history
    )
    return f'<section id="history"><h2>{PAGE_LABELS["history"]}</h2><ul class="history">{items}</ul></section>'


def _chips_section(record: dict, field: str, index: str | None = None) -> str:
    """The field's values as chips; given the site's index page, each one links to the index filtered by it."""
    values = record.get(field) or []
    if not values:
        return ""
    if index is None:
        items = "".join(f"<li>{escaped(v)}</li>" for v in values)
    else:
        items = "".join(f'<li><a href="{escaped(index)}#{escaped(filter_fragment(field, v))}">{escaped(v)}</a></li>'
                        for v in values)
    return f'<section id="{field}"><h2>{PAGE_LABELS[field]}</h2><ul class="chips">{items}</ul></section>'


_FILTERS = {"tags": "tag"}  # which chips the index page can filter by, and the fragment key it reads


def filter_fragment(field: str, value: str) -> str:
    """The index page's URL fragment that shows only the claims with this value (tag=예타%20면제)."""
    return f"{_FILTERS[field]}={quote(value, safe='')}"


def _origin_line(record: dict) -> str:
    origin = record.get("origin") or {}
    if not origin:
        return ""
    who = origin.get("publisher") or origin.get("format") or ""
    bits = [link(origin["url"], who or origin["url"]) if origin.get("url") else escaped(who)]
    if origin.get("rating"):
        bits.append(f'{PAGE_LABELS["original_rating"]}: “{escaped(origin["rating"])}”')
    return f'<p>{PAGE_LABELS["origin"]}: {" · ".join(b for b in bits if b)}</p>'


def render_claim_page(record: dict, settings: Any, *, site_root: str | None = None, others=None) -> str:
    """A complete, self-contained HTML5 page for one claim.

    `settings`: a claimreview.Settings (or a factcheck.yaml-like dict, or None) naming the publisher and
    the site's base URL. `site_root` is the relative path from this page to the site's index.html
    folder ("." beside it, ".." for claims/<id>.html); None, the default, leaves out the link back to
    an index, for a lone report written with `factcheck report ID --format html -o FILE`. `others`: other
    outlets' reviews of the same claim (`exchange.compare.OtherReview`), listed after the sources.
    """
    settings = settings_from(settings)
    with page_language(page_lang(record, settings)):
        return _claim_page(record, settings, site_root, others)


def _claim_page(record: dict, settings: PublishSettings, site_root: str | None, others) -> str:
    from factcheck.publish import notices
    check_id(record.get("id", ""))
    v = verdict(record["status"])
    publisher = settings.publisher
    title = f"{v.ko}: {_short(record['claim'], 60)}" + (f" — {publisher}" if publisher else "")
    description = f"{v.ko} ({v.en}). {_short(record.get('claim_en') or record['claim'], 150)}"
    elsewhere = reviewed_elsewhere(record, settings)
    if elsewhere:
        # Their review lives on their page: this one neither claims it (ClaimReview) nor stands for it.
        ld, canonical = "", ""
    else:
        review = to_claimreview(record, settings)
        ld = f'<script type="application/ld+json">\n{json_for_script(review)}\n</script>'
        canonical = review.get("url", "")
    head = _head(title, lang=primary(), description=description, canonical=canonical, extra=ld)
    claim_lang = escaped(page_lang(record, settings))

    nav, index, scale, pages = "", None, None, ""
    if site_root is not None:
        from factcheck.publish.pages import pages_nav

        root = "" if site_root in ("", ".") else f"{site_root.rstrip('/')}/"
        index, scale = f"{root}index.html", f"{root}{RATINGS_FILE}"
        nav = f'<nav><a href="{escaped(index)}">{PAGE_LABELS["all_claims"]}</a></nav>'
        pages = pages_nav(root)
    verdict_badge = badge(v.code) if scale is None else \
        f'<a href="{escaped(scale)}#{escaped(v.code)}" title="{PAGE_LABELS.text("ratings")}">{badge(v.code)}</a>'
    by = link(settings.publisher_url, publisher) if settings.publisher_url and publisher else escaped(publisher)
    header = f'<header class="site">{nav}<span>{by}</span></header>' if nav or publisher else ""

    claim_en = f'<p class="claim-en" lang="en">{escaped(record["claim_en"])}</p>' if record.get("claim_en") else ""
    footer_bits = [f'{PAGE_LABELS["reviewed"]}: {_time(record["reviewed"])}'] if record.get("reviewed") else []
    footer_bits.append(f"ID: <code>{escaped(record['id'])}</code>")
    if publisher and not elsewhere:  # the footer names who reviewed it: the origin line does, here
        footer_bits.append(escaped(publisher))
    body = [
        "<body>",
        header,
        "<main>",
        "<article>",
        notices.state_banner(record),
        notices.correction_notice(record),
        f'<p class="verdict">{verdict_badge}</p>',
        f'<h1 class="claim" lang="{claim_lang}">{escaped(record["claim"])}</h1>',
        claim_en,
        _facts(record),
        _rationale_section(record),
        _sources_section(record),
        notices.others_section(others),
        _history_section(record),
        _chips_section(record, "tags", index),
        _chips_section(record, "entities"),
        "</article>",
        f'<footer>{_origin_line(record)}<p>{" · ".join(footer_bits)}</p>{pages}</footer>',
        "</main>",
        "</body>",
        "</html>",
    ]
    return head + "\n" + "\n".join(b for b in body if b) + "\n"
