"""`factcheck add` on a terminal asks for what the flags did not give."""

import os
import select
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def read_until(fd, text: str, timeout: float = 20.0) -> str:
    seen = b""
    deadline = time.monotonic() + timeout
    while text.encode() not in seen:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"never saw {text!r}; got {seen.decode(errors='replace')!r}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            seen += chunk
    return seen.decode(errors="replace")


def test_add_prompts_for_missing_fields_on_a_tty(empty_claims):
    main, child = os.openpty()
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "--claims-dir", str(empty_claims), "add", "--claimant", "군산시"],
        stdin=child, stdout=child, stderr=child, env=env, close_fds=True,
    )
    os.close(child)
    answers = [
        ("Claim (as said)", "군산시는 새만금 신항을 2030년에 개항한다"),
        ("English translation", "Gunsan will open the Saemangeum new port in 2030"),
        ("Claimant's role", ""),
        ("Date said", "2025-10"),
        ("Rationale", "아직 확인하지 않았다"),
        ("Verdict", "unverified"),
    ]
    for prompt, answer in answers:
        read_until(main, prompt)
        os.write(main, answer.encode() + b"\r")
    output = read_until(main, "added ")
    assert proc.wait(timeout=30) == 0, output
    os.close(main)
    [path] = list(empty_claims.glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    assert "새만금 신항" in text and "claim_date: 2025-10" in text and "name: 군산시" in text
    assert path.name.startswith("gunsan-will-open")
