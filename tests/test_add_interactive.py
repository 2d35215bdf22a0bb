"""`factcheck add` on a terminal asks for what the flags did not give.

The questions run in-process with answers from an Environment's stdin; one test drives the real program
through a pseudo-terminal, end to end.
"""

import os
import select
import subprocess
import sys
import time

import pytest

ANSWERS = [
    ("Claim (as said)", "군산시는 새만금 신항을 2030년에 개항한다"),
    ("English translation", "Gunsan will open the Saemangeum new port in 2030"),
    ("Claimant's role", ""),
    ("Date said", "2025-10"),
    ("Rationale", "아직 확인하지 않았다"),
    ("Verdict", "unverified"),
]
NEAR_DUPLICATE = ("--claim", "역대 최초로 3년 연속 국가예산 확보 기록을 쓴 정성주 김제시장", "--id", "dup-budget-record",
                  "--claim-en", "A record", "--claimant", "김제시", "--claimant-role", "시청", "--date", "2025",
                  "--rationale", "근거", "--status", "unverified")


def assert_the_answers_were_written(claims):
    [path] = list(claims.glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    assert "새만금 신항" in text and "claim_date: 2025-10" in text and "name: 군산시" in text
    assert path.name.startswith("gunsan-will-open")


def test_add_asks_for_each_missing_field_in_turn_and_writes_the_answers(on_terminal, empty_claims):
    typed = "".join(answer + "\n" for _prompt, answer in ANSWERS)
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers=typed)
    assert ran.exit_code == 0, ran.stderr
    asked = [ran.stderr.index(prompt) for prompt, _answer in ANSWERS]
    assert asked == sorted(asked)
    assert "Claimant:" not in ran.stderr  # given by a flag, so not asked
    assert_the_answers_were_written(empty_claims)


def test_add_asks_again_for_a_required_field_left_empty(on_terminal, empty_claims):
    typed = "\n" + "".join(answer + "\n" for _prompt, answer in ANSWERS)
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers=typed)
    assert ran.exit_code == 0, ran.stderr
    assert ran.stderr.count("Claim (as said)") == 2
    assert_the_answers_were_written(empty_claims)


def test_add_with_yes_asks_nothing_even_on_a_terminal(on_terminal, empty_claims):
    ran = on_terminal(empty_claims, "add", "--claim", "지하철 요금 인상", "--status", "unverified", "--yes")
    assert ran.exit_code == 0 and "Claim (as said)" not in ran.stderr
    assert len(list(empty_claims.glob("*.yaml"))) == 1


def test_declining_to_add_a_near_duplicate_writes_nothing(on_terminal, claims_dir):
    ran = on_terminal(claims_dir, "add", *NEAR_DUPLICATE, answers="n\n")
    assert ran.exit_code == 2
    assert "gimje-national-budget-three-years-record" in ran.stderr
    assert "Add it anyway? [y/N]: " in ran.stderr and "not added" in ran.stderr
    assert not (claims_dir / "dup-budget-record.yaml").exists()


def test_agreeing_to_add_a_near_duplicate_writes_it(on_terminal, claims_dir):
    ran = on_terminal(claims_dir, "add", *NEAR_DUPLICATE, answers="maybe\ny\n")
    assert ran.exit_code == 0, ran.stderr
    assert "Error: invalid input" in ran.stderr  # asked again after an answer that is neither yes nor no
    assert (claims_dir / "dup-budget-record.yaml").exists()


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


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_add_prompts_for_missing_fields_on_a_tty(empty_claims):
    main, child = os.openpty()
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "--claims-dir", str(empty_claims), "add", "--claimant", "군산시"],
        stdin=child, stdout=child, stderr=child, env=env, close_fds=True,
    )
    os.close(child)
    for prompt, answer in ANSWERS:
        read_until(main, prompt)
        os.write(main, answer.encode() + b"\r")
    output = read_until(main, "added ")
    assert proc.wait(timeout=30) == 0, output
    os.close(main)
    assert_the_answers_were_written(empty_claims)
