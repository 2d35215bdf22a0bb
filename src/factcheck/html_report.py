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
import json
import re
from html import escape
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote, urlsplit

from factcheck.claimreview import REPORTS_FOLDER, Settings, settings_from, to_claimreview
from factcheck.errors import DataError, FactcheckError
from factcheck.model import VERDICTS, text_of, verdict
from factcheck.store import atomic_write, check_id

GENERATOR = "factcheck"
CLAIMS_FOLDER = REPORTS_FOLDER  # claims/<id>.html: where ClaimReview's `url` says each report lives
CLAIMREVIEW_FILE = "claimreview.json"
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_GENERATOR_META = f'<meta name="generator" content="{GENERATOR}">'

# Labels are bilingual: the Korean newsroom reads the first part, an English reader the second.
LABELS = {
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
}

# --------------------------------------------------------------------------- small helpers


def e(value: Any) -> str:
    """HTML-escape any value (quotes too, so the result is safe in attributes)."""
    return escape("" if value is None else str(value), quote=True)


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
    label = e(text if text else url)
    if not is_http_url(url):
        if not url or not text or text == url:
            return f'<span class="url">{label}</span>' if url else label
        return f'{label} <span class="url">({e(url)})</span>'
    attr = f' class="{cls}"' if cls else ""
    return f'<a{attr} href="{e(url)}">{label}</a>'


def json_for_script(data: Any) -> str:
    """JSON safe inside <script>: `</` and `<!--` can neither close the block nor change how it is parsed."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<!--", "\\u003c!--").replace("</", "<\\/")


def page_lang(record: dict, settings: Settings) -> str:
    """The claim's own language (an imported claim records it), else the publisher's (ko by default)."""
    origin = record.get("origin") or {}
    lang = origin.get("language") if isinstance(origin, dict) else None
    return lang if isinstance(lang, str) and _LANG_RE.match(lang) else settings.language


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
        f'<span class="badge v-{e(v.code)}{size}" data-verdict="{e(v.code)}">'
        f'<span lang="ko">{e(v.ko)}</span> <span class="badge-en" lang="en">{e(v.en)}</span></span>'
    )


def _time(date: Any) -> str:
    return f'<time datetime="{e(date)}">{e(date)}</time>' if date else ""


_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?。、]")


def linkify(text: str) -> str:
    """Escape text, turning the http(s) URLs written in it (a rationale cites pages) into links."""
    out, end = [], 0
    for match in _URL_IN_TEXT.finditer(text):
        out += [e(text[end:match.start()]), link(match.group(), None, "url")]
        end = match.end()
    return "".join(out) + e(text[end:])


def _paragraphs(text: str, lang: str | None = None, *, links: bool = False) -> str:
    """Blank lines separate paragraphs, single newlines become <br>: the text stays text."""
    attr = f' lang="{e(lang)}"' if lang else ""
    show = linkify if links else e
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


CSS = """
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--soft:#151b23;--link:#4493f8}}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);line-height:1.7;font-size:17px;
 font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR","Nanum Gothic",sans-serif;
 word-break:keep-all;overflow-wrap:break-word}
main,.site{max-width:46rem;margin:0 auto;padding:0 1rem}
main{padding-top:.5rem}
main.wide,.site.wide{max-width:72rem}
.site{display:flex;flex-wrap:wrap;gap:.5rem 1rem;justify-content:space-between;padding-top:.75rem;padding-bottom:.75rem;border-bottom:1px solid var(--line);font-size:.9rem;color:var(--muted)}
a{color:var(--link)}
.url{overflow-wrap:anywhere}
h1{font-size:1.5rem;line-height:1.45;margin:.5rem 0}
h2{font-size:1.1rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
.badge{display:inline-block;border-radius:.4rem;padding:.2rem .7rem;font-weight:700;line-height:1.4;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.badge.small{font-size:.8rem;padding:.05rem .45rem;white-space:nowrap}
.badge-en{font-weight:400;opacity:.9}
p.verdict{margin:1.5rem 0 .5rem;font-size:1.25rem}
.claim-en{color:var(--muted);margin:.25rem 0 1rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.75rem 0;font-size:.95rem}
.facts dt{color:var(--muted)}
.facts dd{margin:0}
.facts b{font-weight:600}
@media (max-width:480px){.facts{grid-template-columns:1fr;gap:0}.facts dd{margin-bottom:.4rem}}
blockquote{margin:.5rem 0;padding:.5rem .9rem;border-left:4px solid var(--line);background:var(--soft);border-radius:0 .3rem .3rem 0}
blockquote p{margin:0}
blockquote p+p{margin-top:.5rem}
.sources{padding-left:1.25rem}
.sources li{margin-bottom:1.25rem}
.src-title{font-weight:600;margin:0}
.src-meta{margin:0;color:var(--muted);font-size:.9rem}
.warn{color:#b35900}
.chips{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.4rem}
.chips li,.chip{display:inline-block;border:1px solid var(--line);border-radius:1rem;padding:0 .6rem;font-size:.85rem;white-space:nowrap}
.history{list-style:none;padding:0}
.history li{margin:.35rem 0}
footer{margin:2.5rem 0 2rem;padding-top:.75rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
.summary{display:flex;flex-wrap:wrap;gap:.5rem 1.1rem;margin:1rem 0;padding:0;list-style:none}
.summary a,.chips a{text-decoration:none}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:1rem 0;padding:.75rem;background:var(--soft);border-radius:.4rem}
.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
.filters input,.filters select{font:inherit;font-size:1rem;height:2.3rem;padding:.2rem .4rem;min-width:9rem;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:.3rem}
.filters input{min-width:14rem}
.count{font-size:.9rem;color:var(--muted)}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;vertical-align:top;padding:.55rem .5rem;border-bottom:1px solid var(--line)}
th{font-size:.85rem;color:var(--muted);font-weight:600}
th button{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline dotted}
td.date{white-space:nowrap}
@media (min-width:701px){td.verdict,td.date{width:1%;white-space:nowrap}td.claimant{width:8rem}td.tags{width:24%}}
td.claim a{font-weight:600}
.claim-en-row{display:block;color:var(--muted);font-size:.9rem}
@media (max-width:700px){
 body{font-size:16px}
 thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table,tbody,tr,td{display:block;width:100%}
 tr{padding:.6rem 0;border-bottom:1px solid var(--line)}
 td{border:0;padding:.15rem 0}
 td.claimant,td.date{display:inline;width:auto;color:var(--muted);font-size:.9rem}
 td.claimant+td.date::before{content:" · "}
 .filters{gap:.5rem}
 .filters input,.filters select{min-width:0;width:100%}
 .filters label{flex:1 1 28%;min-width:0}
 .filters label[for=q]{flex-basis:100%}
}
@media print{
 :root{--fg:#000;--bg:#fff;--muted:#444;--line:#bbb;--soft:#f3f3f3;--link:#000}
 body{font-size:11pt}
 .site nav,.filters,.noprint{display:none!important}
 a{text-decoration:none}
 .sources a[href]:not(.url)::after,.facts a[href]::after{content:" <" attr(href) ">";font-size:8.5pt;overflow-wrap:anywhere}
 blockquote,li,tr{break-inside:avoid}
}
"""


def _css() -> str:
    return CSS + _verdict_css() + "\n"


def _head(title: str, *, lang: str, description: str = "", canonical: str = "", extra: str = "",
          script: str | None = None) -> str:
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(content_security_policy(script))}">',
        '<meta name="referrer" content="strict-origin-when-cross-origin">',
        _GENERATOR_META,
        f"<title>{e(title)}</title>",
    ]
    if description:
        parts.append(f'<meta name="description" content="{e(description)}">')
    if is_http_url(canonical):
        parts.append(f'<link rel="canonical" href="{e(canonical)}">')
    parts += ['<link rel="icon" href="data:,">', f"<style>{_css()}</style>", extra, "</head>"]
    return "\n".join(p for p in parts if p)


# --------------------------------------------------------------------------- one claim


def _facts(record: dict) -> str:
    """Who said it, when, and where: a definition list, one fact a line."""
    rows = []
    claimant = record.get("claimant") or {}
    if claimant.get("name"):
        role = f" ({e(claimant['role'])})" if claimant.get("role") else ""
        rows.append(("claimant", f"<b>{e(claimant['name'])}</b>{role}"))
    if record.get("claim_date"):
        rows.append(("said_on", _time(record["claim_date"])))
    app = record.get("appearance") or {}
    if any(app.get(k) for k in ("publisher", "title", "url", "date")):
        title = app.get("title") or app.get("publisher") or app.get("url") or ""
        bits = [link(app["url"], title) if app.get("url") else e(title)]
        bits += [e(app["publisher"])] if app.get("publisher") and app.get("publisher") != title else []
        bits += [_time(app["date"])] if app.get("date") else []
        rows.append(("appearance", " · ".join(b for b in bits if b)))
    if not rows:
        return ""
    items = "".join(f"<dt>{LABELS[key]}</dt><dd>{value}</dd>" for key, value in rows)
    return f'<dl class="facts">{items}</dl>'


def _rationale_section(record: dict) -> str:
    rationale = record.get("rationale")
    if not rationale:
        return ""
    if isinstance(rationale, dict):
        body = "".join(_paragraphs(text_of(rationale, lang), lang, links=True) for lang in ("ko", "en"))
    else:
        body = _paragraphs(text_of(rationale), links=True)
    return f'<section id="rationale"><h2>{LABELS["rationale"]}</h2>{body}</section>'


def _source_item(source: dict) -> str:
    url = source.get("url", "")
    title = source.get("title") or source.get("publisher") or url
    meta = [e(source["publisher"])] if source.get("publisher") and source["publisher"] != title else []
    if source.get("published"):
        meta.append(_time(source["published"]))
    if source.get("kind") in ("primary", "secondary"):
        meta.append(LABELS[source["kind"]])
    lines = [
        f'<p class="src-title">{link(url, title)}</p>',
    ]
    if any(meta):
        lines.append(f'<p class="src-meta">{" · ".join(m for m in meta if m)}</p>')
    if source.get("quote"):
        cite = f' cite="{e(url)}"' if is_http_url(url) else ""
        lines.append(f"<blockquote{cite}>{_paragraphs(source['quote'])}</blockquote>")
    if is_http_url(url) and title != url:
        lines.append(f'<p class="src-meta">{link(url, url, "url")}</p>')
    if source.get("archive_url"):
        lines.append(f'<p class="src-meta">{LABELS["archive"]}: {link(source["archive_url"], None, "url")}</p>')
    if source.get("checked"):
        status = source.get("check_status", "")
        warn = ' class="src-meta warn"' if status and status != "ok" else ' class="src-meta"'
        lines.append(f'<p{warn}>{LABELS["checked"]}: {_time(source["checked"])} {e(status)}</p>')
    return "<li>" + "".join(lines) + "</li>"


def _sources_section(record: dict) -> str:
    sources = record.get("sources") or []
    items = "".join(_source_item(s) for s in sources) if sources else ""
    body = f'<ol class="sources">{items}</ol>' if items else f'<p>{LABELS["no_sources"]}</p>'
    return f'<section id="sources"><h2>{LABELS["sources"]}</h2>{body}</section>'


def _history_section(record: dict) -> str:
    history = record.get("history") or []
    if not history:
        return ""
    items = "".join(
        f"<li>{_time(h.get('date'))} {badge(h['status'], small=True)} {e(h.get('note', ''))}</li>"
        for h in history
    )
    return f'<section id="history"><h2>{LABELS["history"]}</h2><ul class="history">{items}</ul></section>'


def _chips_section(record: dict, field: str) -> str:
    values = record.get(field) or []
    if not values:
        return ""
    items = "".join(f"<li>{e(v)}</li>" for v in values)
    return f'<section id="{field}"><h2>{LABELS[field]}</h2><ul class="chips">{items}</ul></section>'


def _origin_line(record: dict) -> str:
    origin = record.get("origin") or {}
    if not origin:
        return ""
    who = origin.get("publisher") or origin.get("format") or ""
    bits = [link(origin["url"], who or origin["url"]) if origin.get("url") else e(who)]
    if origin.get("rating"):
        bits.append(f'{LABELS["original_rating"]}: “{e(origin["rating"])}”')
    return f'<p>{LABELS["origin"]}: {" · ".join(b for b in bits if b)}</p>'


def render_claim_page(record: dict, settings: Any, *, site_root: str | None = None) -> str:
    """A complete, self-contained HTML5 page for one claim.

    `settings`: a claimreview.Settings (or a factcheck.yaml-like dict, or None) naming the publisher and
    the site's base URL. `site_root` is the relative path from this page to the site's index.html
    folder ("." beside it, ".." for claims/<id>.html); None, the default, leaves out the link back to
    an index, for a lone report written with `factcheck report ID --format html -o FILE`.
    """
    check_id(record.get("id", ""))
    settings = settings_from(settings)
    v = verdict(record["status"])
    review = to_claimreview(record, settings)
    publisher = settings.publisher
    title = f"{v.ko}: {_short(record['claim'], 60)}" + (f" — {publisher}" if publisher else "")
    description = f"{v.ko} ({v.en}). {_short(record.get('claim_en') or record['claim'], 150)}"
    ld = f'<script type="application/ld+json">\n{json_for_script(review)}\n</script>'
    head = _head(title, lang=page_lang(record, settings), description=description,
                 canonical=review.get("url", ""), extra=ld)

    nav = ""
    if site_root is not None:
        index = "index.html" if site_root in ("", ".") else f"{site_root.rstrip('/')}/index.html"
        nav = f'<nav><a href="{e(index)}">{LABELS["all_claims"]}</a></nav>'
    by = link(settings.publisher_url, publisher) if settings.publisher_url and publisher else e(publisher)
    header = f'<header class="site">{nav}<span>{by}</span></header>' if nav or publisher else ""

    claim_en = f'<p class="claim-en" lang="en">{e(record["claim_en"])}</p>' if record.get("claim_en") else ""
    footer_bits = [f'{LABELS["reviewed"]}: {_time(record["reviewed"])}'] if record.get("reviewed") else []
    footer_bits.append(f"ID: <code>{e(record['id'])}</code>")
    if publisher:
        footer_bits.append(e(publisher))
    body = [
        "<body>",
        header,
        "<main>",
        "<article>",
        f'<p class="verdict">{badge(v.code)}</p>',
        f'<h1 class="claim">{e(record["claim"])}</h1>',
        claim_en,
        _facts(record),
        _rationale_section(record),
        _sources_section(record),
        _history_section(record),
        _chips_section(record, "tags"),
        _chips_section(record, "entities"),
        "</article>",
        f'<footer>{_origin_line(record)}<p>{" · ".join(footer_bits)}</p></footer>',
        "</main>",
        "</body>",
        "</html>",
    ]
    return head + "\n" + "\n".join(b for b in body if b) + "\n"


# --------------------------------------------------------------------------- the index and the site

# Filters the table in place. The table is complete without it; this only hides rows. State lives in
# the URL fragment (#q=…&verdict=…&tag=…&year=…), so a filtered view can be linked and the verdict
# and tag links on the page work as filters.
INDEX_JS = r"""
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var fields = { q: "q", verdict: "f-verdict", tag: "f-tag", year: "f-year" };
  var input = {};
  Object.keys(fields).forEach(function (k) { input[k] = document.getElementById(fields[k]); });
  var tbody = document.querySelector("#claims tbody");
  var count = document.getElementById("count");
  var sortButton = document.getElementById("sort-date");
  function norm(s) { return (s || "").normalize("NFC").toLowerCase(); }
  var rows = Array.prototype.map.call(tbody.rows, function (tr) {
    return {
      tr: tr,
      text: norm(tr.textContent + " " + (tr.getAttribute("data-search") || "")),
      verdict: tr.getAttribute("data-verdict"),
      tags: JSON.parse(tr.getAttribute("data-tags") || "[]"),
      date: tr.getAttribute("data-date") || ""
    };
  });
  function apply() {
    var words = norm(input.q.value).split(/\s+/).filter(Boolean);
    var v = input.verdict.value, t = input.tag.value, y = input.year.value, shown = 0;
    rows.forEach(function (r) {
      var ok = (!v || r.verdict === v) && (!t || r.tags.indexOf(t) >= 0) &&
        (!y || r.date.slice(0, 4) === y) &&
        words.every(function (w) { return r.text.indexOf(w) >= 0; });
      r.tr.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = shown + " / " + rows.length;
    var params = new URLSearchParams();
    Object.keys(input).forEach(function (k) { if (input[k].value) { params.set(k, input[k].value); } });
    var hash = params.toString();
    try {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch (err) { /* some hosts forbid it; filtering still works */ }
  }
  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    Object.keys(input).forEach(function (k) {
      var value = params.get(k) || "";
      var el = input[k];
      if (el.tagName === "SELECT" && !Array.prototype.some.call(el.options, function (o) { return o.value === value; })) {
        value = "";
      }
      el.value = value;
    });
    apply();
  }
  var descending = true;
  sortButton.addEventListener("click", function () {
    descending = !descending;
    rows.sort(function (a, b) { return (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) * (descending ? -1 : 1); });
    rows.forEach(function (r) { tbody.appendChild(r.tr); });
    sortButton.parentNode.setAttribute("aria-sort", descending ? "descending" : "ascending");
  });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
  window.addEventListener("hashchange", readHash);
  form.hidden = false;
  readHash();
  document.documentElement.setAttribute("data-js", "ready");
})();
"""


def _sort_key(record: dict) -> tuple:
    return (record.get("claim_date") or "", record.get("reviewed") or "", record["id"])


def _index_row(record: dict) -> str:
    v = verdict(record["status"])
    claimant = (record.get("claimant") or {}).get("name", "")
    tags = record.get("tags") or []
    date = record.get("claim_date") or ""
    search = " ".join([record["id"], v.code, *(record.get("entities") or [])])
    claim_en = (f'<span class="claim-en-row" lang="en">{e(record["claim_en"])}</span>'
                if record.get("claim_en") else "")
    tag_links = "".join(
        f'<li><a href="#{e("tag=" + _fragment_value(t))}">{e(t)}</a></li>' for t in tags
    )
    return (
        f'<tr data-verdict="{e(v.code)}" data-date="{e(date)}" '
        f'data-tags="{e(json.dumps(tags, ensure_ascii=False))}" data-search="{e(search)}">'
        f'<td class="verdict">{badge(v.code, small=True)}</td>'
        f'<td class="claim"><a href="{CLAIMS_FOLDER}/{e(record["id"])}.html">{e(record["claim"])}</a>{claim_en}</td>'
        f'<td class="claimant">{e(claimant)}</td>'
        f'<td class="date">{_time(date)}</td>'
        f'<td class="tags"><ul class="chips">{tag_links}</ul></td>'
        "</tr>"
    )


def _fragment_value(value: str) -> str:
    return quote(value, safe="")


def _options(pairs: Iterable[tuple[str, str]]) -> str:
    return f'<option value="">{LABELS["any"]}</option>' + "".join(
        f'<option value="{e(value)}">{e(label)}</option>' for value, label in pairs
    )


def render_index(records: list[dict], settings: Any) -> str:
    """The site's index.html: every claim in one table, newest first, with client-side filters."""
    records = sorted(records, key=_sort_key, reverse=True)
    settings = settings_from(settings)
    publisher = settings.publisher
    heading = publisher or LABELS["index_title"]
    title = f"{publisher} — {LABELS['index_title']}" if publisher else heading
    counts = {v.code: 0 for v in VERDICTS}
    for r in records:
        counts[r["status"]] += 1
    tags = sorted({t for r in records for t in (r.get("tags") or [])})
    years = sorted({(r.get("claim_date") or "")[:4] for r in records} - {""}, reverse=True)
    canonical = f"{settings.site}/index.html" if settings.site else ""

    summary = "".join(
        f'<li><a href="#verdict={e(v.code)}">{badge(v.code, small=True)}</a> {counts[v.code]}</li>'
        for v in VERDICTS if counts[v.code]
    )
    verdict_options = _options((v.code, f"{v.ko} · {v.en}") for v in VERDICTS if counts[v.code])
    filters = (
        '<form id="filters" class="filters" role="search" hidden>'
        f'<label for="q">{LABELS["search"]}<input id="q" type="search" autocomplete="off"></label>'
        f'<label for="f-verdict">{LABELS["verdict"]}<select id="f-verdict">{verdict_options}</select></label>'
        f'<label for="f-tag">{LABELS["tag"]}<select id="f-tag">{_options((t, t) for t in tags)}</select></label>'
        f'<label for="f-year">{LABELS["year"]}<select id="f-year">{_options((y, y) for y in years)}</select></label>'
        f'<span class="count" aria-live="polite"><span id="count">{len(records)} / {len(records)}</span> {LABELS["shown"]}</span>'
        "</form>"
    )
    table = (
        '<table id="claims"><thead><tr>'
        f'<th scope="col">{LABELS["verdict"]}</th><th scope="col">{LABELS["claim"]}</th>'
        f'<th scope="col">{LABELS["claimant"]}</th>'
        f'<th scope="col" aria-sort="descending"><button id="sort-date" type="button">{LABELS["date"]}</button></th>'
        f'<th scope="col">{LABELS["tags"]}</th>'
        "</tr></thead><tbody>"
        + "".join(_index_row(r) for r in records)
        + "</tbody></table>"
    )
    head = _head(title, lang=settings.language, description=title, canonical=canonical, script=INDEX_JS)
    body = [
        "<body>",
        '<main class="wide">',
        f"<h1>{e(heading)}</h1>",
        f'<ul class="summary">{summary}</ul>',
        filters,
        table,
        f'<footer><p><a href="{CLAIMREVIEW_FILE}">ClaimReview JSON-LD</a></p></footer>',
        "</main>",
        f"<script>{INDEX_JS}</script>",
        "</body>",
        "</html>",
    ]
    return head + "\n" + "\n".join(b for b in body if b) + "\n"


def _is_ours(path: Path) -> bool:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            return _GENERATOR_META in handle.read(2048)
    except OSError:
        return False


def build_site(records: Iterable[dict], out_dir: Path, settings: Any) -> list[Path]:
    """Write index.html, claims/<id>.html for every claim and claimreview.json; return the paths written.

    Pages this function wrote before for claims that are gone are removed (they carry its generator
    tag); any other file in the folder is left alone.
    """
    records = list(records)
    settings = settings_from(settings)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise FactcheckError(f"{out_dir}: exists and is not a directory")
    seen: dict[str, dict] = {}
    for record in records:
        claim_id = check_id(record.get("id", ""))
        if claim_id in seen:
            raise DataError(f"two claims share the id {claim_id!r}; the site needs one page per id")
        seen[claim_id] = record
    claims_dir = out_dir / CLAIMS_FOLDER
    claims_dir.mkdir(parents=True, exist_ok=True)

    written: list[Path] = []

    def write(path: Path, text: str) -> None:
        atomic_write(path, text.encode("utf-8"), overwrite=True)
        written.append(path)

    reviews = []
    for record in sorted(records, key=lambda r: r["id"]):
        reviews.append(to_claimreview(record, settings))
        write(claims_dir / f"{record['id']}.html", render_claim_page(record, settings, site_root=".."))
    for stale in sorted(claims_dir.glob("*.html")):
        if stale.stem not in seen and _is_ours(stale):
            stale.unlink()
    write(out_dir / CLAIMREVIEW_FILE, json.dumps(reviews, ensure_ascii=False, indent=2) + "\n")
    write(out_dir / "index.html", render_index(records, settings))
    return written
