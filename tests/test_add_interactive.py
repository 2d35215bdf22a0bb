"""`factcheck add` on a terminal asks for what the flags did not give, checks each answer as it is typed,
shows the claim and asks before writing it.

The questions run in-process with answers from an Environment's stdin; tests drive the real program
through a pseudo-terminal for line editing and the end-to-end run.
"""

import os
import select
import subprocess
import sys
import time

import pytest

from factcheck.store.ids import suggest_id
from factcheck.store.repo import Repo

# (the question, as it begins, and the answer typed), in the order they are asked.
ANSWERS = [
    ("Claim (as said)", "군산시는 새만금 신항을 2030년에 개항한다"),
    ("English translation", "Gunsan will open the Saemangeum new port in 2030"),
    ("Claimant's role", ""),
    ("Date said", "2025-10"),
    ("Where it was said", ""),
    ("Tags", "새만금, 항만"),
    ("People, places and organisations", "군산시, 새만금"),
    ("Verdict", "unverified"),
    ("Rationale", "아직 확인하지 않았다"),
    ("Source URL (Enter: none)", ""),
    ("Id", ""),
    ("Write it to", ""),
]
NEAR_DUPLICATE = ("--claim", "역대 최초로 3년 연속 국가예산 확보 기록을 쓴 정성주 김제시장", "--id", "dup-budget-record",
                  "--claim-en", "A record", "--claimant", "김제시", "--claimant-role", "시청", "--date", "2025",
                  "--rationale", "근거", "--status", "unverified", "--tag", "예산", "--entity", "김제시",
                  "--appearance", "https://example.org/article")
SUGGESTED = "gunsansi-open-saemangeum-new-port-2025-10"


def typed(answers=ANSWERS, **replaced) -> str:
    """The answers as typed lines, with some replaced: typed(Verdict="거짓\n...")."""
    return "".join(replaced.get(prompt.split()[0], answer) + "\n" for prompt, answer in answers)


def assert_the_answers_were_written(claims):
    [path] = list(claims.glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    assert "새만금 신항" in text and "claim_date: 2025-10" in text and "name: 군산시" in text
    assert "tags: [새만금, 항만]" in text and "entities: [군산시, 새만금]" in text
    assert path.name == f"{SUGGESTED}.yaml"


def test_add_asks_for_each_missing_field_in_turn_and_writes_the_answers(on_terminal, empty_claims):
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers=typed())
    assert ran.exit_code == 0, ran.stderr
    asked = [ran.stderr.index(prompt) for prompt, _answer in ANSWERS]
    assert asked == sorted(asked)
    assert "Claimant:" not in ran.stderr  # given by a flag, so not asked
    assert_the_answers_were_written(empty_claims)


def test_add_asks_again_for_a_required_field_left_empty(on_terminal, empty_claims):
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers="\n" + typed())
    assert ran.exit_code == 0, ran.stderr
    assert ran.stderr.count("Claim (as said)") == 2 and "an answer is needed here" in ran.stderr
    assert_the_answers_were_written(empty_claims)


@pytest.mark.parametrize("question, wrong, message", [
    ("Date", "2025년 13월 3일", "is not a date"),
    ("Verdict", "pants-on-fire", "is not a verdict"),
    ("Where", "example.org/article", "is not a web address"),
    ("Claim", "군산시는\x1b[D 새만금", "control characters"),
])
def test_a_wrong_answer_is_asked_again_at_once_and_nothing_typed_is_lost(on_terminal, empty_claims, question,
                                                                           wrong, message):
    right = dict((prompt.split()[0], answer) for prompt, answer in ANSWERS)[question]
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers=typed(**{question: f"{wrong}\n{right}"}))
    assert ran.exit_code == 0, ran.stderr
    assert message in ran.stderr
    asked_again = ran.stderr.index(message)
    assert ran.stderr.index(next(p for p in (q for q, _a in ANSWERS) if p.startswith(question)), asked_again) > 0
    assert_the_answers_were_written(empty_claims)


def test_a_date_typed_the_korean_way_is_read_at_the_prompt(on_terminal, empty_claims):
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", "--id", "gunsan-port",
                      answers=typed(Date="2025년 10월 3일", Id=""))
    assert ran.exit_code == 0, ran.stderr
    assert "claim_date: 2025-10-03" in (empty_claims / "gunsan-port.yaml").read_text(encoding="utf-8")


def test_a_verdict_asks_for_sources_one_after_another_until_none_is_left(on_terminal, empty_claims):
    answers = [*ANSWERS[:7], ("Verdict", "전혀 사실 아님"), ("Rationale", "항만 계획은 2040년이다"),
               ("Source URL", ""), ("Source URL", "https://example.org/plan"), ("Source publisher", "해양수산부"),
               ("Exact quote", "2040년 개항"), ("Another source URL", "https://example.org/news"),
               ("Source publisher", "군산일보"), ("Exact quote", "개항은 2040년"), ("Another source URL", ""),
               ("Id", ""), ("Write it to", "")]
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers=typed(answers))
    assert ran.exit_code == 0, ran.stderr
    assert "an answer is needed here" in ran.stderr, ran.stderr  # a verdict other than unverified needs a source
    record = Repo(empty_claims).load(SUGGESTED)
    assert record["status"] == "false"
    assert [s["publisher"] for s in record["sources"]] == ["해양수산부", "군산일보"]


def test_the_appearance_is_asked_with_its_publisher(on_terminal, empty_claims):
    answers = [*ANSWERS[:4], ("Where it was said", "https://example.org/article"), ("Who published it", "군산일보"),
               *ANSWERS[5:]]
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers=typed(answers))
    assert ran.exit_code == 0, ran.stderr
    text = (empty_claims / f"{SUGGESTED}.yaml").read_text(encoding="utf-8")
    assert "url: https://example.org/article" in text and "publisher: 군산일보" in text


def test_the_rationale_can_be_written_in_the_editor(on_terminal, empty_claims, editor):
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers=typed(Rationale="e"),
                      environ={"EDITOR": str(editor), "NEW_TEXT": "여러 줄의 근거.\n\n둘째 문단."})
    assert ran.exit_code == 0, ran.stderr
    assert "둘째 문단" in (empty_claims / f"{SUGGESTED}.yaml").read_text(encoding="utf-8")


def test_the_suggested_id_is_offered_and_another_can_be_typed(on_terminal, empty_claims):
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers=typed(Id="Bad Id\ngunsan-new-port"))
    assert ran.exit_code == 0, ran.stderr
    assert f"Id [{SUGGESTED}]: " in ran.stderr and "is not an id" in ran.stderr
    assert (empty_claims / "gunsan-new-port.yaml").exists()


def test_the_claim_is_shown_before_it_is_written_and_declining_writes_nothing(on_terminal, empty_claims):
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers=typed(Write="n"))
    assert ran.exit_code == 2 and "not added" in ran.stderr
    preview = ran.stderr[:ran.stderr.index("Write it to")]
    assert f"id: {SUGGESTED}" in preview and "claim: 군산시는 새만금 신항을 2030년에 개항한다" in preview
    assert list(empty_claims.iterdir()) == []


def test_input_ending_before_the_last_question_is_one_line_and_writes_nothing(on_terminal, empty_claims):
    ran = on_terminal(empty_claims, "add", "--claimant", "군산시", answers="군산시는 새만금 신항을 개항한다\n")
    assert ran.exit_code == 2 and "the input ended" in ran.stderr and "Traceback" not in ran.stderr
    assert list(empty_claims.iterdir()) == []


def test_add_with_yes_asks_nothing_even_on_a_terminal(on_terminal, empty_claims):
    ran = on_terminal(empty_claims, "add", "--claim", "지하철 요금 인상", "--status", "unverified", "--yes")
    assert ran.exit_code == 0 and "Claim (as said)" not in ran.stderr
    assert len(list(empty_claims.glob("*.yaml"))) == 1


def test_add_by_flags_gets_a_readable_id(run, empty_claims):
    result = run(empty_claims, "add", "--claim", "김제시는 3년 연속 국가예산 1조 원을 확보했다", "--claimant", "김제시",
                 "--date", "2025-01", "--status", "unverified", "--yes")
    assert result.exit_code == 0, result.output
    assert (empty_claims / "gimjesi-3nyeon-yeonsok-gukgayesan-1jo-2025-01.yaml").exists()


def test_declining_to_add_a_near_duplicate_writes_nothing(on_terminal, claims_dir):
    ran = on_terminal(claims_dir, "add", *NEAR_DUPLICATE, answers="\n\nn\n")
    assert ran.exit_code == 2
    assert "gimje-national-budget-three-years-record" in ran.stderr
    assert "Add it anyway? [y/N]: " in ran.stderr and "not added" in ran.stderr
    assert not (claims_dir / "dup-budget-record.yaml").exists()


def test_agreeing_to_add_a_near_duplicate_writes_it(on_terminal, claims_dir):
    ran = on_terminal(claims_dir, "add", *NEAR_DUPLICATE, answers="\n\nmaybe\ny\n")
    assert ran.exit_code == 0, ran.stderr
    assert "Error: invalid input" in ran.stderr  # asked again after an answer that is neither yes nor no
    assert (claims_dir / "dup-budget-record.yaml").exists()


# --------------------------------------------------------------------------- the suggested id


def test_an_id_is_made_of_the_claimant_the_claims_words_and_the_date():
    assert suggest_id("김제시는 3년 연속 국가예산 1조 원을 확보했다", claimant="김제시",
                      claim_date="2025-01") == "gimjesi-3nyeon-yeonsok-gukgayesan-1jo-2025-01"


def test_an_english_translation_gives_the_ids_words():
    assert suggest_id("군산시는 새만금 신항을 2030년에 개항한다", "Gunsan will open the Saemangeum new port in 2030",
                      "군산시", "2025-10") == SUGGESTED


def test_a_taken_id_is_numbered():
    assert suggest_id("지하철 요금 인상", claimant="서울시", taken={"seoulsi-jihacheol-yogeum-insang"}) == \
        "seoulsi-jihacheol-yogeum-insang-2"


def test_a_long_claim_makes_an_id_cut_at_a_word():
    made = suggest_id("초고속 " * 40, claim_en=" ".join(f"word{n}" for n in range(40)), claimant="대한민국 정부",
                      claim_date="2025-10-03")
    assert len(made) <= 64 and made.endswith("-2025-10-03") and "--" not in made


def test_a_claim_without_letters_or_digits_gets_no_suggestion():
    assert suggest_id("!!! …") is None


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


def on_a_pty(empty_claims, *args):
    main, child = os.openpty()
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "xterm"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "--claims-dir", str(empty_claims), "add", *args],
        stdin=child, stdout=child, stderr=child, env=env, close_fds=True,
    )
    os.close(child)
    return main, proc


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_add_prompts_for_missing_fields_on_a_tty(empty_claims):
    main, proc = on_a_pty(empty_claims, "--claimant", "군산시")
    for prompt, answer in ANSWERS:
        read_until(main, prompt)
        os.write(main, answer.encode() + b"\r")
    output = read_until(main, "added ")
    assert proc.wait(timeout=30) == 0, output
    os.close(main)
    assert_the_answers_were_written(empty_claims)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_arrow_keys_move_along_the_answer_and_type_nothing_into_it(empty_claims):
    main, proc = on_a_pty(empty_claims, "--claimant", "군산시", "--status", "unverified", "--id", "gunsan-port")
    read_until(main, "Claim (as said)")
    left = b"\x1b[D"  # the left arrow, which once went into a stored claim as \e[D
    os.write(main, "군산시는 신항을 개항한다".encode() + left * 4 + "2030년에 ".encode() + b"\r")
    for prompt, answer in ANSWERS[1:]:
        if prompt not in ("Verdict", "Id"):  # those two are given by flags
            read_until(main, prompt)
            os.write(main, answer.encode() + b"\r")
    output = read_until(main, "added ")
    assert proc.wait(timeout=30) == 0, output
    os.close(main)
    text = (empty_claims / "gunsan-port.yaml").read_text(encoding="utf-8")
    assert "claim: 군산시는 신항을 2030년에 개항한다" in text
