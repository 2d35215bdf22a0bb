"""Properties over generated input (hypothesis): every string survives the store exactly, no renderer
lets a control character or markup through, importers never crash on any JSON or table, and search
answers any query. Sized to run in seconds: a property is a floor, not a fuzzing campaign."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from conftest import REPO_CLAIMS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.errors import FactcheckError
from factcheck.store.repo import Repo, quote_line_breaks
from factcheck.store.yaml import _round_trip_yaml, claim_yaml, safe_loader
from factcheck.textclean import json_text

QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Any Unicode text a file can hold (UTF-8 cannot encode lone surrogates), biased towards the characters
# that break things: controls, line breaks YAML knows, bidi marks, quotes and YAML indicators.
AWKWARD = "\x00\x07\t\n\r\x1b\x7f\x85\x9b\x9d\xa0\u2028\u2029\u202e\u2066\ufeff\ufffe\uffff'\"#:-?&*!|>%@`{}[],\\ "
any_char = st.characters(exclude_categories=("Cs",))
text = st.text(st.one_of(any_char, st.sampled_from(AWKWARD)), max_size=40)
# What a terminal, a JSON reader or a browser must never receive raw from data.
UNSAFE_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# --------------------------------------------------------------------------- the store round trip


def _round_trip_editor(value: str) -> str:
    yaml = _round_trip_yaml()
    out = io.StringIO()
    yaml.dump(quote_line_breaks({"k": value, "l": [value]}), out)
    doc = safe_loader().load(out.getvalue())
    assert doc["l"] == [value]
    again = yaml.load(out.getvalue())  # and the editor itself reads back what it wrote
    assert again["k"] == value
    return doc["k"]


@QUICK
@given(text)
def test_every_string_survives_the_fast_emitter_exactly(value):
    assert safe_loader().load(claim_yaml({"k": value, "l": [value], "m": {"n": value}})) == {
        "k": value, "l": [value], "m": {"n": value}}


@QUICK
@given(text)
def test_every_string_survives_the_round_trip_editor_exactly(value):
    assert _round_trip_editor(value) == value


@QUICK
@given(text)
def test_every_string_survives_a_new_claim_file_and_an_edit_of_it(tmp_path_factory, value):
    root = tmp_path_factory.mktemp("claims")
    repo = Repo(root)
    path = root / "exact-claim.yaml"
    path.write_bytes(repo.dump({"id": "exact-claim", "claim": value}, path))
    assert safe_loader().load(path.read_text(encoding="utf-8"))["claim"] == value


def test_every_unicode_character_survives_both_writers():
    """Each code point but the surrogates, in long runs; alone at the edges of a scalar, where plain
    scalars and YAML indicators differ, every character for the fast emitter and the controls, format
    characters, separators and ASCII punctuation for the (slower) round-trip editor."""
    import unicodedata

    points = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
    for start in range(0, len(points), 16384):
        chunk = "".join(map(chr, points[start:start + 16384]))
        for value in (chunk, f"a{chunk}b"):
            assert safe_loader().load(claim_yaml({"k": value})) == {"k": value}
        assert _round_trip_editor(chunk) == chunk
    tricky = {cp for cp in points[:0x10000] if unicodedata.category(chr(cp))[:2] in ("Cc", "Cf", "Zs", "Zl", "Zp")}
    tricky |= {ord(ch) for ch in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}
    for cp in points[:0x3000] + points[-64:]:
        for form in (chr(cp), f" {chr(cp)}", f"{chr(cp)}: x"):
            assert safe_loader().load(claim_yaml({"k": form})) == {"k": form}, hex(cp)
            if cp in tricky:
                assert _round_trip_editor(form) == form, hex(cp)


# --------------------------------------------------------------------------- every renderer


def hostile_record(claim: str, other: str, url_tail: str) -> dict:
    url = f"https://x.example/{url_tail}"
    return {
        "id": "hostile-claim", "claim": claim or "x", "claim_en": other, "status": "false",
        "claimant": {"name": other or "y", "role": claim}, "claim_date": "2025-08-22",
        "appearance": {"title": other, "url": url}, "tags": [claim or "t", other or "u"],
        "rationale": {"ko": claim or "r", "en": other or "r"},
        "sources": [{"url": url, "publisher": other or "p", "quote": claim or "q", "archive_url": url}],
        "history": [{"date": "2025-08-22", "status": "false", "note": other}],
    }


records = st.builds(hostile_record, text, text, text)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@QUICK
@given(records)
def test_markdown_lets_no_control_character_or_html_through(record):
    from markdown_it import MarkdownIt

    from factcheck.publish.markdown import claim_markdown

    markdown = claim_markdown(record)
    assert not UNSAFE_RAW.search(markdown)
    elements = _Elements()
    elements.feed(MarkdownIt("commonmark", {"html": True}).render(markdown))
    allowed = {"h1", "h2", "p", "em", "strong", "ul", "ol", "li", "a", "blockquote", "code"}
    assert {tag for tag, _ in elements.tags} <= allowed
    assert all(attrs["href"].startswith("https://x.example/") for tag, attrs in elements.tags if tag == "a")


@QUICK
@given(records)
def test_an_html_page_runs_no_script_of_the_data_and_shows_no_bidi_control_raw(record):
    from factcheck.publish.html import render_claim_page

    page = render_claim_page(record, None)
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", page)
    elements = _Elements()
    elements.feed(page)
    scripts = [attrs.get("type") for tag, attrs in elements.tags if tag == "script"]
    assert scripts in ([], ["application/ld+json"])
    assert not {tag for tag, _ in elements.tags} & {"img", "svg", "iframe", "object", "embed"}
    attributes = [(name, value or "") for _tag, attrs in elements.tags for name, value in attrs.items()]
    assert not [name for name, _value in attributes if name.startswith("on")]
    links = {value for name, value in attributes if name in ("href", "src")} - {"data:,"}  # the empty favicon
    assert all(value.startswith("https://x.example/") or ":" not in value for value in links)


@QUICK
@given(records)
def test_the_terminal_views_show_every_control_character_as_text(record):
    from rich.console import Console

    from factcheck.terminal import render
    from factcheck.terminal.layout import plain_text, search_lines

    result = SimpleNamespace(record=record, score=90, explain=[record["claim"]])
    assert not UNSAFE_RAW.search(plain_text(search_lines([result], explain=True)))
    out = io.StringIO()
    Console(file=out, width=100, color_system=None, force_terminal=False).print(render.claim_view(record))
    assert not UNSAFE_RAW.search(out.getvalue())


@QUICK
@given(records)
def test_json_outputs_mean_the_record_and_hold_nothing_raw(record):
    from factcheck.publish.formats import export_text

    for fmt in ("json", "jsonl", "claimreview"):
        out = export_text([record], fmt)
        assert not UNSAFE_RAW.search(out.replace("\n", ""))
        loaded = json.loads(out) if fmt != "jsonl" else [json.loads(line) for line in out.splitlines()]
        if fmt != "claimreview":
            assert loaded == [record]
    assert json.loads(json_text(record)) == record


# --------------------------------------------------------------------------- the importers


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["@type", "@id", "@graph", "claimReviewed", "reviewRating", "ratingValue", "bestRating",
                         "worstRating", "alternateName", "url", "itemReviewed", "author", "keywords", "citation",
                         "text", "claims", "claimReview", "textualRating", "datePublished", "name"]) | text,
        children, max_size=5),
    max_leaves=25,
)
review_like = st.fixed_dictionaries(
    {"@type": st.just("ClaimReview"), "claimReviewed": text, "url": st.just("https://x.example/r")},
    optional={"reviewRating": json_values, "itemReviewed": json_values, "keywords": json_values,
              "citation": json_values, "author": json_values, "datePublished": json_values},
)


def _items_are_well_formed(items) -> None:
    from factcheck.model import validate_claim

    for position, item in items:
        assert isinstance(position, str) and position
        assert isinstance(item, (dict, str))
        if isinstance(item, dict):
            validate_claim({"id": "some-claim", **item})  # never raises, whatever it finds


@SLOW
@given(st.one_of(json_values, review_like, st.lists(review_like, max_size=4),
                 st.builds(lambda nodes: {"@graph": nodes}, st.lists(review_like | json_values, max_size=4))))
def test_any_json_gives_items_or_one_clear_error(value):
    from factcheck.exchange.importing.read import read_json_text

    for encoded in (json.dumps(value), "\n".join(json.dumps(v) for v in (value if isinstance(value, list) else [value]))):
        try:
            _kind, items = read_json_text(encoded)
        except FactcheckError:
            continue
        _items_are_well_formed(items)


@SLOW
@given(st.text(st.one_of(any_char, st.sampled_from('",\n\r\t;|')), max_size=200))
def test_any_table_gives_items_or_one_clear_error(body):
    from factcheck.exchange.importing.table import read_table

    for delimiter in (",", "\t"):
        try:
            items = read_table("claim,rating,url,tags,claim_date\n" + body, delimiter=delimiter)
        except FactcheckError:
            continue
        _items_are_well_formed(items)


# --------------------------------------------------------------------------- search


@pytest.fixture(scope="module")
def seed_repo(tmp_path_factory):
    import shutil

    root = tmp_path_factory.mktemp("seed") / "claims"
    shutil.copytree(REPO_CLAIMS, root)
    return Repo(root)


@SLOW
@given(st.text(st.one_of(any_char, st.sampled_from("0123456789.,-/~%원조억만년월일 ㅇㅌ")), min_size=1, max_size=30))
def test_any_query_is_answered(seed_repo, query):
    from factcheck.search.ranking import search_claims
    from factcheck.search.text.numbers import find_numbers

    for expr in find_numbers(query.lower(), query=True):
        assert all(token.isalnum() and token.isascii() for token in expr.tokens)
    if query.strip():
        outcome = search_claims(seed_repo, query, limit=3)
        assert all(result.record.get("id") for result in outcome.results)
