"""Make text from claims and web pages safe to show: control characters become visible escapes.

An ANSI escape sequence in a claim could otherwise recolour, hide or rewrite the terminal, and a bidi
override could make text read differently from what it holds. Rich markup is never interpreted because
rendering always wraps data in `rich.text.Text`; this module handles what markup escaping cannot.
"""

from __future__ import annotations

import functools
import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks.
_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_BIDI = "[\u202a-\u202e\u2066-\u2069]"
# What JSON may hold raw but a terminal or a reader must not get raw: DEL and C1 controls (CSI, OSC…),
# bidi controls, and the line and paragraph separators (which end a line of JavaScript).
_JSON_UNSAFE = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]"


@functools.cache
def _compiled(pattern: str) -> re.Pattern:
    """A pattern above, compiled the first time it is used: each takes half a millisecond, and a search
    uses one at most (that of JSON or that of text), so none is compiled as this module is imported."""
    return re.compile(pattern)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: object, single_line: bool = False) -> str:
    """`text` as the characters it holds, with control characters shown as \\xNN escapes."""
    value = _compiled(_UNSAFE).sub(_escape, str(text))
    if single_line:
        value = " ".join(value.split())
    return value


def terminal_text(text: object) -> str:
    """Text bound for a terminal (an export, a report on stdout): every line as `clean` shows it, so
    no OSC 52, OSC 8, clear-screen or DCS sequence runs; CRLF line ends (CSV) stay line ends."""
    return clean(str(text).replace("\r\n", "\n"))


def mark_bidi(text: object) -> str:
    """Bidi controls shown as \\u202e and the like, so they cannot reorder what a reader sees."""
    return _compiled(_BIDI).sub(_escape, str(text))


def json_text(data: object, indent: int | None = 2, separators: tuple[str, str] | None = None) -> str:
    """JSON for output: UTF-8 text as it is, but DEL, C1 controls, bidi controls and U+2028/U+2029 as
    \\u escapes (json.dumps leaves them raw), so printing it can neither drive a terminal nor reorder it."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return _compiled(_JSON_UNSAFE).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def columns(text: str) -> int:
    """How many terminal columns `text` takes: two for a wide character such as 한, none for a combining mark."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
