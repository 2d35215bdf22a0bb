"""`factcheck extract` (an article's check-worthy claims) and `factcheck scan` (feeds watched for repeats)."""

from __future__ import annotations

import re
import sys

import click

from factcheck.cli.app import EXIT_NO_MATCH, State, UserError, cli, json_option, pass_state, print_json, warn

_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
ADD_MIN_SCORE = 50


def _date(_ctx, _param, value: str | None) -> str | None:
    if value is not None and not _DATE.match(value):
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD (or YYYY-MM)")
    return value


fetch_options = [
    click.option("--allow-private", is_flag=True, help="Also fetch loopback and private-network addresses (tests, intranets)."),
    click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 600), help="Seconds to connect, and to wait for each read."),
]


def with_fetch_options(command):
    for option in reversed(fetch_options):
        command = option(command)
    return command


def _show(lines) -> None:
    from factcheck.terminal.layout import plain_text

    if sys.stdout.isatty():
        from factcheck.terminal import render

        render.print_lines(lines)
    else:
        click.echo(plain_text(lines), nl=False)


# --------------------------------------------------------------------------- extract


def _read_article(source: str, allow_private: bool, timeout: float):
    from factcheck.articles.text import from_bytes, from_document

    if source == "-":
        return from_bytes(sys.stdin.buffer.read())
    if re.match(r"^https?://", source, re.IGNORECASE):
        from factcheck.articles.fetch import fetch_documents

        from factcheck.articles.feeds import is_feed

        fetched = fetch_documents([source], allow_private=allow_private, timeout=timeout)[0]
        if not fetched.ok:
            raise UserError(f"{source}: {fetched.error}")
        if is_feed(fetched.document, fetched.media_type):
            raise UserError(f"{source} is a news feed, not an article: factcheck scan {source}")
        return from_document(fetched.document, fetched.media_type, fetched.final_url or source)
    try:
        with open(source, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise UserError(f"{source}: {exc.strerror or exc}") from None
    return from_bytes(data)


@cli.command()
@click.argument("source")
@click.option("--url", help="The article's address (for a file or stdin; recorded as the claims' appearance).")
@click.option("--title", help="The article's headline, when the text does not give it.")
@click.option("--publisher", help="The publisher, when the text does not name it.")
@click.option("--date", "date_", callback=_date, metavar="DATE", help="The article's date, YYYY-MM-DD (or YYYY-MM): relative dates are resolved from it.")
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 1000), help="Candidates shown.")
@click.option("--min-score", type=click.IntRange(0, 100), help=f"Only candidates scoring at least this (with --add: {ADD_MIN_SCORE}).")
@click.option("--add", "add_", is_flag=True, help="Add every candidate scoring --min-score or more, as unverified; never one already stored.")
@with_fetch_options
@json_option
@pass_state
def extract(state: State, source, url, title, publisher, date_, limit, min_score, add_, allow_private, timeout, json_):
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
    """
    from factcheck.articles.extract import extract as extract_claims

    article = _read_article(source, allow_private, timeout).with_known(url, title, publisher, date_)
    if not article.paragraphs:
        raise UserError(f"{source}: no article text found")
    if article.date is None:
        warn("the article gives no date: relative dates (지난 7월 23일, 23일) stay unresolved; give --date YYYY-MM-DD")
    extraction = extract_claims(article, state.repo)
    if add_:
        _add_batch(state, extraction, ADD_MIN_SCORE if min_score is None else min_score, json_)
        return
    min_score = min_score or 0
    if json_:
        print_json(extraction.as_json(min_score))
    elif sys.stdin.isatty() and sys.stdout.isatty() and source != "-":
        _step_through(state, extraction, limit, min_score)
    else:
        from factcheck.terminal.articles import extraction_lines

        _show(extraction_lines(extraction, limit, min_score))
    if not any(c.score >= min_score for c in extraction.candidates):
        sys.exit(EXIT_NO_MATCH)


def _add_batch(state: State, extraction, min_score: int, json_: bool) -> None:
    from factcheck.articles.adding import add_candidates

    results = add_candidates(state.repo, extraction.candidates, extraction.article, min_score)
    if json_:
        print_json({"source": extraction.article.source(), "added": [r.as_json() for r in results]})
    else:
        from factcheck.terminal.articles import added_lines

        _show(added_lines(results))
    added = sum(1 for r in results if r.id)
    click.echo(f"added {added} claim(s), skipped {len(results) - added} already stored", err=True)


def _step_through(state: State, extraction, limit: int, min_score: int) -> None:
    from factcheck.articles.adding import add_candidate
    from factcheck.terminal import render
    from factcheck.terminal.articles import candidate_lines, prompt_hint, source_lines

    render.print_lines(source_lines(extraction.article.source()))
    shown = [c for c in extraction.candidates if c.score >= min_score][:limit]
    for rank, candidate in enumerate(shown, 1):
        render.print_lines(candidate_lines(candidate, rank))
        stored = candidate.stored is not None
        choices = ["s", "q"] if stored else ["a", "e", "s", "q"]
        answer = click.prompt(prompt_hint(candidate), type=click.Choice(choices), default="s",
                              show_choices=False, err=True)
        if answer == "q":
            break
        if answer in ("a", "e"):
            text = click.prompt("claim", default=candidate.text, err=True) if answer == "e" else None
            result = add_candidate(state.repo, candidate, extraction.article, text)
            if result.id:
                click.echo(f"added {result.id} ({result.path})", err=True)
            else:
                warn(f"not added: {result.reason}")
        click.echo("", err=True)


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
def scan(state: State, sources, since, everything, min_score, per_host, allow_private, timeout, json_):
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
    seen = Seen(seen_path(repo.root))
    report = scan_addresses(repo, list(sources), seen, since=since, everything=everything, min_score=min_score,
                            allow_private=allow_private, timeout=timeout, per_host=per_host)
    for failure in report.failures:
        warn(str(failure))
    try:
        seen.save()
    except OSError as exc:
        warn(f"could not remember what was read ({seen.path}): {exc.strerror or exc}")
    if json_:
        print_json(report.as_json())
    else:
        from factcheck.terminal.articles import scan_lines

        _show(scan_lines(report))
    if report.alarming:
        sys.exit(EXIT_NO_MATCH)
