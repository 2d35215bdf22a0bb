"""Make text from claims and web pages safe to show: control characters become visible escapes.

An ANSI escape sequence in a claim could otherwise recolour, hide or rewrite the terminal, and a bidi
override could make text read differently from what it holds. Rich markup is never interpreted because
rendering always wraps data in `rich.text.Text`; this module handles what markup escaping cannot.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: object, single_line: bool = False) -> str:
    """`text` as the characters it holds, with control characters shown as \\xNN escapes."""
    value = _UNSAFE.sub(_escape, str(text))
    if single_line:
        value = " ".join(value.split())
    return value
