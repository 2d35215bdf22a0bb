"""The catalogs hold a Korean translation of every message the code shows, with the original's placeholders.

The messages are extracted from the code as it is now (Babel), so a new message without a translation, a
translation whose placeholders differ, or a .mo left behind its .po fails here. To mend:
`python -m factcheck.i18n.catalogs update`, translate in the .po, then `... compile`.
"""

import ast
import functools

import pytest

pytest.importorskip("babel")

from babel.messages.catalog import Message  # noqa: E402

from factcheck.i18n import catalogs  # noqa: E402


@functools.cache
def problems_of(domain: str) -> tuple[str, ...]:
    return tuple(catalogs.problems("ko", domain))  # extracting the messages takes a while: once per domain


def problems_of_kind(domain: str, kind: str) -> list[str]:
    return [p for p in problems_of(domain) if kind in p]


@pytest.mark.parametrize("domain", ["factcheck", "click"])
def test_every_message_in_the_code_has_a_korean_translation(domain):
    assert problems_of_kind(domain, "untranslated") == []


@pytest.mark.parametrize("domain", ["factcheck", "click"])
def test_every_korean_translation_keeps_the_placeholders_of_its_original(domain):
    assert problems_of_kind(domain, "placeholders") == []


@pytest.mark.parametrize("domain", ["factcheck", "click"])
def test_the_catalogs_hold_no_message_the_code_no_longer_has(domain):
    assert problems_of_kind(domain, "no longer in the code") == []


@pytest.mark.parametrize("domain", ["factcheck", "click"])
def test_the_compiled_catalogs_are_those_of_their_sources(domain):
    assert problems_of_kind(domain, "out of date") == []


def test_a_translation_that_drops_a_placeholder_is_a_problem():
    message = Message("{n} claim(s) checked", "주장을 확인했습니다")
    assert catalogs.placeholder_problems(message)


def test_a_translation_that_changes_a_conversion_is_a_problem():
    message = Message("no claim {id!r}", "주장 {id} 없음")
    assert catalogs.placeholder_problems(message)


def test_a_translation_that_reorders_placeholders_is_fine():
    message = Message("{code} ({ko}, {en})", "{ko}({code}, {en})")
    assert catalogs.placeholder_problems(message) == []


def test_a_one_form_plural_translation_holds_the_plural_originals_placeholders():
    good = Message(("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"), ("{possibilities}?",))
    bad = Message(("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"), ("{possibility}?",))
    assert catalogs.placeholder_problems(good) == [] and catalogs.placeholder_problems(bad)


def test_percent_placeholders_are_compared_too():
    assert catalogs.placeholder_problems(Message("%(prog)s, version %(version)s", "%(prog)s 버전"))


def test_command_docstrings_and_option_help_are_messages():
    source = '''
@cli.command()
@click.option("--x", help="Only claims with this tag.")
def show(x):
    """Print one claim."""

def helper():
    """Not shown to anyone."""
'''
    assert sorted(text for _line, text in catalogs.help_texts(ast.parse(source))) == [
        "Only claims with this tag.", "Print one claim.",
    ]


def test_help_is_held_as_click_shows_it_without_indentation():
    assert catalogs.help_message("Search claims.\n\n    Examples:\n      factcheck search x\n    ") == (
        "Search claims.\n\nExamples:\n  factcheck search x"
    )
