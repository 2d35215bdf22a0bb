"""`factcheck extract` (an article's check-worthy claims) and `factcheck scan` (feeds watched for repeats)."""

from __future__ import annotations

import re

import click

from factcheck.cli.app import State, UserError, cli, json_option, pass_state
from factcheck.cli.params import DATE
from factcheck.errors import os_reason
from factcheck.i18n import N_, _, translated
from factcheck.terminal.article_outcomes import CandidatesAdded, Extracted, Scanned

ADD_MIN_SCORE = 50  # as --min-score's help says
NO_DATE = N_("the article gives no date: relative dates (지난 7월 23일, 23일) stay unresolved; give --date YYYY-MM-DD")


def _date(ctx, param, value: str | None) -> str | None:
    """A day or a month, typed in any form `add --date` takes (2025년 9월 1일, 2025.9.1, …), as ISO."""
    if value is None:
        return None
    iso = DATE.convert(value, param, ctx)
    if len(iso) < len("2025-09"):
        raise click.BadParameter(_("{value!r} is a year: give a month or a day, e.g. 2025-09 or 2025년 9월 1일").format(
            value=value))
    return iso


fetch_options = [
    click.option("--allow-private", is_flag=True, help="Also fetch loopback and private-network addresses (for tests, intranets)."),
    click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 600), help="Seconds to connect, and to wait for each read."),
]


def with_fetch_options(command):
    for option in reversed(fetch_options):
        command = option(command)
    return command


# --------------------------------------------------------------------------- extract


def _read_article(state: State, source: str, allow_private: bool, timeout: float):
    from factcheck.articles.text import from_document

    if source == "-":
        stdin = state.env.stdin
        return _readable(source, stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8"))
    if re.match(r"^https?://", source, re.IGNORECASE):
        from factcheck.articles.feeds import is_feed
        from factcheck.articles.fetch import fetch_documents

        fetched = fetch_documents([source], allow_private=allow_private, timeout=timeout)[0]
        if not fetched.ok:
            raise UserError(_("{source}: {error}").format(source=source, error=translated(fetched.error)))
        if is_feed(fetched.document, fetched.media_type):
            raise UserError(_("{source} is a news feed, not an article: factcheck scan {source}").format(source=source))
        return from_document(fetched.document, fetched.media_type, fetched.final_url or source)
    try:
        with open(source, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise UserError(_("{source}: {error}").format(source=source, error=translated(os_reason(exc)))) from None
    return _readable(source, data)


def _readable(source: str, data: bytes):
    from factcheck.articles.text import from_bytes

    if b"\x00" in data[:8192]:  # an image, a PDF, a word-processor file: no text to read as it is
        raise UserError(_("{source}: not a text or HTML file (save the article as text or HTML)").format(source=source))
    return from_bytes(data)


@cli.command()
@click.argument("source")
@click.option("--url", help="The article's address (for a file or stdin; recorded as the claims' appearance).")
@click.option("--title", help="The article's headline, when the text does not give it.")
@click.option("--publisher", help="The publisher, when the text does not name it.")
@click.option("--date", "date_", callback=_date, metavar="DATE", help="The article's date, YYYY-MM-DD (or YYYY-MM): relative dates are resolved from it.")
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 1000), help="Candidates shown.")
@click.option("--min-score", type=click.IntRange(0, 100), help="Only candidates scoring at least this (with --add: 50).")
@click.option("--add", "add_", is_flag=True, help="Add every candidate scoring --min-score or more, as unverified; never one already stored.")
@click.option("--list", "list_", is_flag=True, help="On a terminal too, list the candidates without asking about each.")
@with_fetch_options
@json_option
@pass_state
def extract(state: State, source, url, title, publisher, date_, limit, min_score, add_, list_, allow_private, timeout):
    """Find the check-worthy claims in an article: a file, a URL, or - for stdin.

    Each candidate has a score 0-100 with the signals behind it, its claimant and claim date resolved
    from the article, the entities it names, and the stored claims it repeats with their verdicts.
    On a terminal, step through the candidates: accept (added as unverified, the article as its
    appearance), edit, skip or quit.

    \b
    Examples:
      factcheck extract article.txt --date 2025-09-24
      factcheck extract https://news.example.kr/articleView.html?idxno=1
      curl -s URL | factcheck extract - --json
      factcheck extract article.html --add --min-score 60
      factcheck extract article.txt --list -n 20
    """
    from factcheck.articles.adding import add_candidate, add_candidates
    from factcheck.articles.extract import extract as extract_claims

    article = _read_article(state, source, allow_private, timeout).with_known(url, title, publisher, date_)
    if not article.paragraphs:
        raise UserError(_("{source}: no article text found").format(source=source))
    problems = [] if article.date else [_(NO_DATE)]
    repo = state.repo
    extraction = extract_claims(article, repo)
    if add_:
        chosen = ADD_MIN_SCORE if min_score is None else min_score
        return CandidatesAdded(article.source(), add_candidates(repo, extraction.candidates, article, chosen),
                               problems=problems)
    env = state.env
    if env.stdin_isatty and env.stdout_isatty and source != "-" and not (state.json or list_):
        from factcheck.terminal.articles import step_through

        for problem in problems:
            state.out.warn(problem)
        results = step_through(env, extraction, limit, min_score or 0,
                               lambda candidate, text: add_candidate(repo, candidate, article, text))
        return CandidatesAdded(article.source(), results, listed=False)
    return Extracted(extraction, limit, min_score or 0, problems=problems)


# --------------------------------------------------------------------------- scan


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="FEED_OR_URL...")
@click.option("--since", callback=_date, metavar="DATE", help="Report the items published on or after YYYY-MM-DD, seen or not.")
@click.option("--all", "everything", is_flag=True, help="Report every item, seen before or not.")
@click.option("--min-score", default=50, show_default=True, type=click.IntRange(0, 100), help="New candidates shown from this score.")
# fetch.SCAN_PER_HOST, written out so that loading the CLI does not import asyncio (a test keeps them in step).
@click.option("--per-host", default=2, show_default=True, type=click.IntRange(1, 16), help="Requests at once to one host.")
@with_fetch_options
@json_option
@pass_state
def scan(state: State, sources, since, everything, min_score, per_host, allow_private, timeout):
    """Watch local news: report articles that repeat a checked claim, and new check-worthy claims.

    Reads RSS/Atom feeds and article addresses. What was read before is remembered in the cache
    directory, so a daily run reports only new items (--since and --all override that). Exit 0 when
    nothing repeats a claim rated false, mostly-false or half-true, 1 when something does (for cron).
    A feed or article that fails gets one line on stderr; the rest goes on.

    \b
    Examples:
      factcheck scan https://news.example.kr/rss/region.xml
      factcheck scan FEED1 FEED2 --since 2025-09-01 --json
    """
    from factcheck.articles.scan import scan as scan_addresses
    from factcheck.articles.seen import Seen, seen_path

    repo = state.repo
    seen = Seen(seen_path(repo))
    report = scan_addresses(repo, list(sources), seen, since=since, everything=everything, min_score=min_score,
                            allow_private=allow_private, timeout=timeout, per_host=per_host)
    try:
        seen.save()
    except OSError as exc:
        state.out.warn(_("could not remember what was read ({path}): {error}").format(path=seen.path, error=translated(os_reason(exc))))
    return Scanned(report)
