"""The site's IFCN pages: methodology, corrections policy and log, organisation/funding/contact, and an
archive by month (IFCN asks applicants for their last three months of work).

They are written by `build_site` beside index.html, from the repository's texts (`publish.texts`) and the
claims being published. The rating scale has its own page (publish/ratings.py), which they link to.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from factcheck.publish.bilingual import Labels, label_html, label_text, page_language, primary
from factcheck.publish.html import (
    CLAIMS_FOLDER,
    PAGE_LABELS,
    RATINGS_FILE,
    _head,
    _paragraphs,
    _time,
    badge,
    escaped,
    link,
)
from factcheck.publish.notices import changed_words
from factcheck.publish.texts import SiteTexts, markdown_html, starter_texts
from factcheck.store.desk import previous_verdict, published_on
from factcheck.store.settings import settings_from

ARCHIVE_FOLDER = "archive"
UNDATED = "undated"
# The pages in the order the navigation lists them: (file, label).
PAGES = (
    ("methodology.html", "검증 방법 · Methodology"),
    (RATINGS_FILE, "판정 기준 · Rating scale"),
    ("corrections.html", "정정 · Corrections"),
    ("about.html", "소개 · About us"),
    ("archive.html", "보관함 · Archive"),
)
TITLES = dict(PAGES)
LABELS = Labels({
    "placeholder": "견본 문안 · Placeholder text: 이 편집국은 아직 자기 글을 쓰지 않았습니다 · this newsroom has "
                   "not written its own yet",
    "corrections_log": "정정 기록 · Corrections log",
    "no_corrections": "정정한 판정이 없습니다 · No published verdict has been corrected",
    "claim": "주장 · Claim",
    "date": "날짜 · Date",
    "verdicts": "판정 (이전 → 현재) · Verdict (before → now)",
    "correction": "정정 내용 · Correction",
    "ownership": "소유 · Ownership",
    "funding": "재정 · Funding",
    "team": "구성원 · Team",
    "contact": "연락처 · Contact",
    "not_stated": "밝히지 않음 · Not stated",
    "months": "월별 보관함 · By month",
    "undated": "날짜 없음 · Undated",
    "count": "건 · fact-checks",
    "no_claims": "게시한 팩트체크가 없습니다 · No fact-checks published",
})
CONTACT_LABELS = Labels({"email": "이메일 · Email", "url": "웹사이트 · Website", "phone": "전화 · Phone",
                         "address": "주소 · Address"})


def pages_nav(prefix: str = "", ratings: bool = True) -> str:
    """Links to the IFCN pages; `prefix` leads from the page to the site's root ("../" from a sub-folder).
    `ratings` False leaves out the rating scale, for a page that links to it already."""
    items = "".join(f'<li><a href="{escaped(prefix + page)}">{label_html(label)}</a></li>'
                    for page, label in PAGES if ratings or page != RATINGS_FILE)
    return f'<nav class="pages" aria-label="{label_text("사이트 안내 · About this site")}"><ul>{items}</ul></nav>'


def _month(record: dict) -> str:
    date = published_on(record)
    return date[:7] if len(date) >= 7 else UNDATED


def month_label(month: str) -> str:
    if month == UNDATED:
        return LABELS.text("undated")
    year, number = month.split("-")
    return f"{year}년 {int(number)}월 · {month}"


def _claim_link(record: dict, prefix: str) -> str:
    return f'<a href="{escaped(prefix + CLAIMS_FOLDER)}/{escaped(record["id"])}.html">{escaped(record["claim"])}</a>'


class _Site:
    """What every page shares: settings, navigation and the page frame."""

    def __init__(self, settings: Any):
        self.settings = settings_from(settings)

    def page(self, name: str, label: str, content: str, subtitle: str = "") -> str:
        """A page titled by its bilingual `label` (and `subtitle`, a month say)."""
        depth = name.count("/")
        prefix = "../" * depth
        s = self.settings
        title = label_text(label) + (f": {subtitle}" if subtitle else "")
        full_title = f"{title} — {s.publisher}" if s.publisher else title
        head = _head(full_title, lang=primary(), description=full_title,
                     canonical=f"{s.site}/{name}" if s.site else "")
        by = link(s.publisher_url, s.publisher) if s.publisher_url and s.publisher else escaped(s.publisher)
        home = f'<nav><a href="{escaped(prefix)}index.html">{PAGE_LABELS["all_claims"]}</a></nav>'
        body = [
            "<body>",
            f'<header class="site">{home}<span>{by}</span></header>',
            '<main class="page">',
            f"<h1>{label_html(label)}{escaped(f': {subtitle}' if subtitle else '')}</h1>",
            content,
            f"<footer>{pages_nav(prefix)}</footer>",
            "</main>",
            "</body>",
            "</html>",
        ]
        return head + "\n" + "\n".join(b for b in body if b) + "\n"


def _prose(text) -> str:
    banner = f'<p class="placeholder" role="note">{LABELS["placeholder"]}</p>' if text.placeholder else ""
    return banner + f'<div class="prose">{markdown_html(text.markdown)}</div>'


def _verdicts(correction: dict, record: dict) -> str:
    now = badge(record["status"], small=True)
    was = previous_verdict(correction)
    return f"{badge(was, small=True)} → {now}" if was else now


def corrections_log(records: Iterable[dict], prefix: str = "") -> str:
    """Every correction of the claims given, newest first, as a table."""
    rows = sorted(
        ((str(c.get("date") or ""), r, c) for r in records for c in r.get("corrections") or []),
        key=lambda row: (row[0], row[1]["id"]), reverse=True,
    )
    if not rows:
        return f'<p>{LABELS["no_corrections"]}</p>'
    body = "".join(
        "<tr>"
        f'<td class="date">{_time(date)}</td>'
        f'<td class="claim">{_claim_link(record, prefix)}</td>'
        f'<td>{escaped(c.get("note"))}<br><span class="src-meta">{escaped(changed_words(c))}</span></td>'
        f'<td class="verdict">{_verdicts(c, record)}</td>'
        "</tr>"
        for date, record, c in rows
    )
    head = "".join(f'<th scope="col">{LABELS[k]}</th>' for k in ("date", "claim", "correction", "verdicts"))
    return f'<table id="corrections-log"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _definition(label: str, value: str) -> str:
    return f"<dt>{label}</dt><dd>{value or LABELS['not_stated']}</dd>"


def about_content(texts: SiteTexts, settings) -> str:
    org = texts.organisation
    name = link(settings.publisher_url, settings.publisher) if settings.publisher_url else escaped(settings.publisher)
    funding = "".join(
        f"<li>{link(f['url'], f['name']) if f.get('url') else escaped(f['name'])}"
        f"{' — ' + escaped(f['note']) if f.get('note') else ''}</li>" for f in org.funding
    )
    team = "".join(
        f"<li>{escaped(m['name'])}{' — ' + escaped(m['role']) if m.get('role') else ''}</li>" for m in org.team
    )
    contact = "<br>".join(
        f"{CONTACT_LABELS[k]}: {link(v) if k == 'url' else escaped(v)}" for k, v in org.contact.items()
    )
    facts = (
        _definition(LABELS["ownership"], escaped(org.owner))
        + _definition(LABELS["funding"], f"<ul>{funding}</ul>" if funding else "")
        + _definition(LABELS["team"], f"<ul>{team}</ul>" if team else "")
        + _definition(LABELS["contact"], contact)
    )
    intro = f"<p><b>{name}</b></p>" if settings.publisher else ""
    return intro + _paragraphs(org.about) + f'<dl class="facts">{facts}</dl>'


def _month_list(records: list[dict], prefix: str) -> str:
    items = "".join(
        f'<li>{_time(published_on(r))} {badge(r["status"], small=True)} {_claim_link(r, prefix)}</li>'
        for r in sorted(records, key=lambda r: (published_on(r), r["id"]), reverse=True)
    )
    return f'<ul class="archive">{items}</ul>'


def archive_content(months: dict[str, list[dict]]) -> str:
    if not months:
        return f'<p>{LABELS["no_claims"]}</p>'
    items = "".join(
        f'<li><a href="{ARCHIVE_FOLDER}/{escaped(month)}.html">{escaped(month_label(month))}</a> '
        f'{len(months[month])} {LABELS["count"]}</li>'
        for month in sorted(months, key=lambda m: (m != UNDATED, m), reverse=True)
    )
    return f'<h2>{LABELS["months"]}</h2><ul class="months">{items}</ul>'


def write_pages(records: Iterable[dict], out_dir: Path, settings: Any, texts: SiteTexts | None, built) -> None:
    """Put the IFCN pages and the month archive into `out_dir` through `built` (publish.site.BuiltSite, which
    writes a file only when it changes); month pages of months that no longer have a claim are removed."""
    site = _Site(settings)
    with page_language(site.settings.language):
        _write_pages(list(records), Path(out_dir), site, texts or starter_texts(), built)


def _write_pages(records: list[dict], out_dir: Path, site, texts: SiteTexts, built) -> None:
    months: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        months[_month(record)].append(record)

    policy = _prose(texts.corrections_policy)
    log = f'<h2>{LABELS["corrections_log"]}</h2>' + corrections_log(records)
    pages = {
        "methodology.html": site.page("methodology.html", TITLES["methodology.html"], _prose(texts.methodology)),
        "corrections.html": site.page("corrections.html", TITLES["corrections.html"], policy + log),
        "about.html": site.page("about.html", TITLES["about.html"], about_content(texts, site.settings)),
        "archive.html": site.page("archive.html", TITLES["archive.html"], archive_content(months)),
    }
    for month, chosen in months.items():
        name = f"{ARCHIVE_FOLDER}/{month}.html"
        pages[name] = site.page(name, TITLES["archive.html"], _month_list(chosen, "../"), subtitle=month_label(month))

    (out_dir / ARCHIVE_FOLDER).mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        built.put(out_dir / name, text)
    built.remove_stale((out_dir / ARCHIVE_FOLDER).glob("*.html"), {out_dir / name for name in pages})
