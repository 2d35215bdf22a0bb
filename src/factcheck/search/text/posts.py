"""Pasted text as a query: a post, a sentence or a paragraph, cleaned of what no claim holds.

A post carries its subject in its hashtags and handles (#ScarfaceRemake, @UConn) and a lot that is not
the claim: links, emoji, and the signature an embedded tweet ends with ("— Name (@handle) January 14,
2020"), whose name and date of posting would otherwise weigh as much as the claim's own words.

- `clean_post`: links and embed signatures dropped, #hashtags and @handles split into their words
  (camelCase and digits), emoji and symbols dropped, whitespace collapsed.
- `plain_english`: folded text without contraction pieces (don't → do, it's → it) and with dotted
  initials joined (U.S.A. → usa), so that neither leaves single letters behind.
"""

from __future__ import annotations

import functools
import re
import unicodedata

MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"


@functools.cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Compiled on the first post (a few milliseconds a typed query need not pay): links, the signature,
    tags, and the parts of a tag."""
    # Links, also glued to the word before them (#WW3pic.twitter.com/…) or broken by a space (pic .twitter.com/…).
    url = re.compile(r"(?:https?://|www\.)\S+|pic\s?\.twitter\.com/\S+|\b(?:bit\.ly|t\.co|youtu\.be)/\S+", re.I)
    # "— Name (@handle) January 14, 2020" at the end of an embedded tweet, or "… (@handle) 2020년 1월 14일";
    # also inside a post that quotes one ("… — Marco Rubio (@marcorubio) July 25, 2019 Senator, will you …").
    signature = re.compile(
        r"[—–-]{1,2}\s*[^—–\n]{0,80}?\(@\w{1,30}\)\s*"
        rf"(?:(?:{MONTHS})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{MONTHS}),?\s+\d{{4}}|\d{{4}}년\s*\d{{1,2}}월\s*\d{{1,2}}일)(?!\w)",
        re.I,
    )
    # A tag starts a word, or follows another tag with no space between (#consulting#BritishColumbia).
    tag = re.compile(r"(?<![\w@#])[#@]([^\W_][\w]*)|(?<=[^\W_])#([^\W_][\w]*)")
    # camelCase and digit boundaries: DefundTheCBC → Defund The CBC, Covid19 → Covid 19.
    camel = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+|[^\W\d_a-zA-Z]+")
    return url, signature, tag, camel


_POST_MARKS = ("://", "www.", "twitter.com", "t.co/", "bit.ly/", "youtu.be/", "#", "@")
# Symbols, emoji and their joiners: a post's decoration, never a claim's word.
_DECORATION = {"So", "Sk", "Cs", "Co", "Cn"}
_JOINERS = {0x200D, 0xFE0E, 0xFE0F, 0x20E3}


def split_tag(tag: str) -> str:
    """#ScarfaceRemake → 'Scarface Remake'; a tag in one case (#impeachtrump) stays one word."""
    return " ".join(_patterns()[3].findall(tag.replace("_", " "))) or tag


def _split_tags(tag: re.Pattern, text: str) -> str:
    """Each tag as its words; a tag glued to the one before it only when that one was a tag too."""
    out, last, glued = [], 0, False
    for m in tag.finditer(text):
        if m.group(1) is None and not (glued and m.start() == last):  # word#word, not #tag#tag
            continue
        out.append(text[last : m.start()] + " " + split_tag(m.group(1) or m.group(2)) + " ")
        last, glued = m.end(), True
    return "".join(out) + text[last:]


def clean_post(text: str) -> str:
    if any(mark in text for mark in _POST_MARKS):
        url, signature, tag, _camel = _patterns()
        text = url.sub(" ", text)
        text = signature.sub(" ", text)
        text = _split_tags(tag, text)
    if not text.isascii():
        text = "".join(" " if ord(ch) in _JOINERS or unicodedata.category(ch) in _DECORATION else ch for ch in text)
    return " ".join(text.split())


# Contraction pieces an apostrophe leaves (don't → don + t): the negation or verb carries no topic.
_NOT = re.compile(r"\b(ca|wo|sha)n't\b|n't\b")
_CLITIC = re.compile(r"'(?:s|ll|ve|re|m|d)\b")
_INITIALS = re.compile(r"\b(?:[a-z]\.){2,}")


def plain_english(folded: str) -> str:
    """Folded text with English contractions and dotted initials resolved (see the module docstring)."""
    if "'" in folded:
        folded = _NOT.sub(lambda m: {"ca": "can", "wo": "will", "sha": "shall"}.get(m.group(1) or "", ""), folded)
        folded = _CLITIC.sub("", folded)
    if "." in folded:
        folded = _INITIALS.sub(lambda m: m.group().replace(".", "") + " ", folded)
    return folded
