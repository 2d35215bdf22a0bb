"""Web pages as text: decoding the bytes, extracting the visible text, and finding a quote in it.

Pure functions, no network: `factcheck.sources` fetches, this module reads what was fetched.

Decoding follows the order a browser uses, with two fixes for Korean pages: a byte-order mark, else
the charset in the Content-Type header, else `<meta charset>` / `http-equiv`, else detection. EUC-KR
is always decoded as CP949, its superset, because Korean sites that say "euc-kr" routinely serve CP949
syllables (똠, 햏...) that strict EUC-KR cannot decode. A declared charset that the bytes contradict
(a legacy EUC-KR page behind a server-wide "charset=utf-8" header is common) falls through to detection.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from html.parser import HTMLParser
from typing import NamedTuple

# WHATWG Encoding Standard labels that Python names differently or more narrowly.
CHARSET_ALIASES = {
    "euc-kr": "cp949",
    "euc_kr": "cp949",
    "euckr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "ksc5601": "cp949",
    "ksc_5601": "cp949",
    "korean": "cp949",
    "windows-949": "cp949",
    "x-windows-949": "cp949",
    "uhc": "cp949",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Browsers look for <meta charset> in the first 1024 bytes; servers padding their <head> get a little more.
META_SCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def python_codec(label: str | None) -> str | None:
    """The Python codec for a charset label from a page, or None when the label names no known codec."""
    if not label:
        return None
    name = CHARSET_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_header(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return python_codec(match.group(1)) if match else None


def charset_from_meta(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:META_SCAN_BYTES])
    return python_codec(match.group(1).decode("ascii")) if match else None


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_korean(text: str) -> bool:
    """True when most non-ASCII characters are Hangul syllables: random bytes read as CP949 are not."""
    wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    return bool(wide) and len(_HANGUL.findall(text)) >= 0.8 * len(wide)


def _certain(body: bytes) -> tuple[str, str] | None:
    """UTF-8 or Korean CP949 when the bytes decode strictly as one of them: the two this project meets most."""
    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    text = _strict(body, "cp949")
    if text is not None and _looks_korean(text):
        return text, "cp949"
    return None


def detect(body: bytes) -> tuple[str, str]:
    """(text, codec) for bytes that declare no charset: UTF-8, then Korean CP949, then charset-normalizer.

    Detectors guess badly on a few Korean words (charset-normalizer calls "김제시" Big5), so the two
    encodings this project meets most are tried strictly first.
    """
    certain = _certain(body)
    if certain is not None:
        return certain
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    codec = (python_codec(best.encoding) if best is not None else None) or "cp1252"
    return body.decode(codec, errors="replace"), codec


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page body: (text, codec used)."""
    for bom, codec in BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), codec
    for codec in (charset_from_header(content_type), charset_from_meta(body)):
        if codec is None:
            continue
        text = _strict(body, codec)
        if text is not None:
            return text, codec
        # The label is wrong, or a few bytes are broken: trust a strict fit, else the label.
        return _certain(body) or (body.decode(codec, errors="replace"), codec)
    return detect(body)


# --------------------------------------------------------------------------- visible text

# Never shown to a reader.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "title", "svg", "iframe", "object"})
# Site chrome; but an <article> or <main> often has its own <header> holding the headline, which is kept.
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
CONTENT_TAGS = frozenset({"article", "main"})
# Tags that break words apart: "a</p><p>b" is two words, "a<b>b</b>" is one.
BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul option button label".split()
)
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # depth inside elements never shown
        self.chrome: list[bool] = []  # one entry per open chrome tag: does it hide its content?
        self.content = 0  # depth inside <article>/<main>

    def hiding(self) -> bool:
        return bool(self.hidden) or any(self.chrome)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":  # whatever a broken <head> left open (an unclosed <title>) ends here
            self.hidden, self.chrome = 0, []
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        if tag in VOID_TAGS:
            return
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in CHROME_TAGS:
            self.chrome.append(not self.content)
        elif tag in CONTENT_TAGS:
            self.content += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in CHROME_TAGS and self.chrome:
            self.chrome.pop()
        elif tag in CONTENT_TAGS:
            self.content = max(0, self.content - 1)
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:  # <nav/> opens and closes nothing
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hiding():
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a reader sees, one line per block, without scripts, styles and site navigation."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- normalising and matching

# Typographic variants that NFKC leaves alone.
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),  # zero-width characters, soft hyphen
    }
)
_SPACE = re.compile(r"\s+")
# A quote may leave words out: "지난 18일 … 국무회의". NFKC has already turned "…" into "...".
_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|\[\s*\.{3,}\s*\]|\(\s*\.{3,}\s*\)|\(\s*중략\s*\)|\[\s*중략\s*\])\s*")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise_text(text: str) -> str:
    """NFKC, one kind of quote, apostrophe and dash, no zero-width characters, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return _SPACE.sub(" ", text).strip()


def fingerprint(text: str) -> str:
    """A stable fingerprint of a page's visible text: sha256 of its normalised form."""
    return "sha256:" + hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


# A figure with its sign, decimal point and digit groups: 1.5조 is not 15조, nor -3% 3%, nor 8.22 822.
_FIGURE = re.compile(r"(?<![\w.])[-+\u2212]?\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r",(?=\d{3}(?!\d))")


def _skeleton(text: str) -> str:
    """Letters and digits only, casefolded: what is left when spacing and punctuation do not matter.

    Figures stay whole, fenced by "#" (never a letter or digit), so that punctuation dropped around
    words can never join, split or re-sign a number; only thousands separators go (1,000 = 1000).
    """
    folded = text.casefold()
    pieces, start = [], 0
    for figure in _FIGURE.finditer(folded):
        pieces.append(_NOT_WORD.sub("", folded[start : figure.start()]))
        pieces.append("#" + _THOUSANDS.sub("", figure.group()).replace("\u2212", "-") + "#")
        start = figure.end()
    pieces.append(_NOT_WORD.sub("", folded[start:]))
    return "".join(pieces)


class QuoteMatch(NamedTuple):
    found: bool
    score: float  # 100 when found; otherwise how close the best passage on the page comes (0..100)
    passage: str | None  # the closest passage on the page when the quote was not found


def find_quote(quote: str, text: str) -> QuoteMatch:
    """Is `quote` on the page whose visible text is `text`?

    Found means the quote's words are there in order, up to case, spacing, punctuation and
    typographic variants; a quote with an ellipsis is found when each part is there, in order.
    Fuzzy matching (rapidfuzz partial_ratio) never decides "found" on its own: one edited word in a
    60-character quote still scores about 98, and an edited number is exactly what a fact-checker must
    see. The fuzzy score and the closest passage instead tell an edit (score in the 80s-90s) from a
    quote that has gone (low score).
    """
    quote_n = normalise_text(quote).casefold()
    text_n = normalise_text(text).casefold()
    if quote_n and quote_n in text_n:
        return QuoteMatch(True, 100.0, None)
    parts = [_skeleton(part) for part in _ELLIPSIS.split(quote_n)]
    parts = [part for part in parts if part]
    if parts and _in_order(parts, _skeleton(text_n)):
        return QuoteMatch(True, 100.0, None)
    return _closest(quote_n, normalise_text(text))


def _in_order(parts: list[str], haystack: str) -> bool:
    start = 0
    for part in parts:
        at = haystack.find(part, start)
        if at < 0:
            return False
        start = at + len(part)
    return True


def _closest(quote_n: str, text: str) -> QuoteMatch:
    from rapidfuzz import fuzz

    needle = _ELLIPSIS.sub(" ", quote_n).strip()
    if not needle or not text:
        return QuoteMatch(False, 0.0, None)
    folded = text.casefold()
    match = fuzz.partial_ratio_alignment(needle, folded)
    if match is None or match.score == 0:
        return QuoteMatch(False, 0.0, None)
    # casefold() can change a string's length (ß -> ss); then the passage is shown casefolded.
    shown = text if len(folded) == len(text) else folded
    passage = shown[match.dest_start : match.dest_end].strip() or None
    return QuoteMatch(False, round(match.score, 1), passage)
