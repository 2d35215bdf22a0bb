"""Text from claims reaches terminals, JSON and HTML as the characters it holds: no escape sequence
runs, no C1 control or bidi override is passed raw, and in HTML a bidi override is shown, not obeyed."""

import json
import os
import pty
import subprocess
import sys

import pytest
from conftest import read_terminal, write_claim

from factcheck import textclean

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "요금 \u202e3202" reads as "요금 2023"
ESCAPES = {
    "OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "OSC 8 link": "\x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\",
    "clear screen": "\x1b[2J\x1b[H",
    "DCS": "\x1bP1$tx\x1b\\",
    "C1 CSI": "\x9b31m",
    "C1 OSC": "\x9d0;title\x9c",
}


@pytest.mark.parametrize("sequence", ESCAPES.values(), ids=ESCAPES.keys())
def test_terminal_text_shows_every_escape_sequence_as_text(sequence):
    shown = textclean.terminal_text(f"앞 {sequence} 뒤\r\n다음 줄")
    assert not any(ch in shown for ch in "\x1b\x07\x9b\x9c\x9d\r")
    assert shown.endswith("뒤\n다음 줄")


@pytest.mark.parametrize("text", [*ESCAPES.values(), RLO, "\u2066x\u2069", "\u2028", "\x7f"])
def test_json_text_escapes_c1_bidi_and_separators_and_means_the_same(text):
    out = textclean.json_text({"claim": text})
    assert all(ord(ch) < 0x7f or ord(ch) > 0x9f for ch in out)
    assert RLO not in out and "\u2028" not in out and "\x1b" not in out
    assert json.loads(out) == {"claim": text}


@pytest.fixture
def bidi_claims(empty_claims):
    write_claim(empty_claims, "bidi-claim", claim=f"지하철 요금 {RLO}3202년 인상", tags=[f"{RLO}gat"])
    return empty_claims


@pytest.mark.parametrize("args", [("export", "--format", "json"), ("export", "--format", "jsonl"),
                                  ("export", "--format", "claimreview"), ("list", "--json"),
                                  ("search", "지하철", "--json"), ("show", "bidi-claim", "--format", "json"),
                                  ("show", "bidi-claim", "--format", "claimreview")])
def test_json_outputs_never_carry_a_raw_bidi_override(bidi_claims, run, args):
    result = run(bidi_claims, *args)
    assert result.exit_code == 0
    assert RLO not in result.stdout and "\\u202e" in result.stdout


def _on_a_terminal(claims, *args) -> str:
    """Run the CLI with its stdout on a real pseudo-terminal and return what the terminal received."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "200"}
    process = subprocess.Popen([sys.executable, "-m", "factcheck", "--claims-dir", str(claims), *args],
                               stdout=follower, stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    return read_terminal(leader, process)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_to_a_terminal_shows_bidi_overrides_as_text(bidi_claims, fmt):
    shown = _on_a_terminal(bidi_claims, "export", "--format", fmt)
    assert "bidi-claim" in shown and RLO not in shown and "\\u202e" in shown


def test_export_to_a_file_keeps_the_text_exactly(bidi_claims, run, tmp_path):
    out = tmp_path / "claims.csv"
    assert run(bidi_claims, "export", "--format", "csv", "-o", str(out)).exit_code == 0
    assert RLO in out.read_text(encoding="utf-8")


def test_html_marks_a_bidi_override_visibly_instead_of_obeying_it(bidi_claims, run, tmp_path):
    page = tmp_path / "page.html"
    assert run(bidi_claims, "show", "bidi-claim", "--format", "html", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert RLO not in html and "\\u202e3202년" in html
