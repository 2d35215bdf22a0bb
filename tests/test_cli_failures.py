"""A user's mistake is one line and exit 2, never a traceback; Ctrl-C is exit 130, as shells expect."""

import os
import signal
import subprocess
import sys

import pytest

from conftest import write_claim
from test_add_interactive import read_until


@pytest.fixture
def one_claim(empty_claims):
    write_claim(empty_claims, "subway-fare")
    return empty_claims


def assert_one_line_exit_2(result, path):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.stderr.count("\n") == 1
    assert str(path) in result.stderr


@pytest.mark.parametrize("command", [
    ["show", "subway-fare"],
    ["report", "subway-fare", "--format", "html"],
    ["export", "--format", "csv"],
], ids=["show", "report", "export"])
def test_output_into_a_missing_folder_is_one_line_and_exit_2(run, one_claim, tmp_path, command):
    target = tmp_path / "no-such-folder" / "out.txt"
    result = run(one_claim, *command, "-o", str(target))
    assert_one_line_exit_2(result, target)
    assert not target.parent.exists()


def test_a_site_into_a_folder_that_cannot_be_made_is_one_line_and_exit_2(run, one_claim):
    result = run(one_claim, "site", "-o", "/proc/factcheck-site")
    assert_one_line_exit_2(result, "/proc/factcheck-site")


def test_a_site_into_a_file_below_a_file_is_one_line_and_exit_2(run, one_claim, tmp_path):
    (tmp_path / "a-file").write_text("x")
    result = run(one_claim, "site", "-o", str(tmp_path / "a-file" / "site"))
    assert_one_line_exit_2(result, tmp_path / "a-file" / "site")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal and SIGINT")
def test_ctrl_c_in_interactive_add_exits_130_and_writes_nothing(empty_claims):
    main, child = os.openpty()
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "--claims-dir", str(empty_claims), "add"],
        stdin=child, stdout=child, stderr=child, env=env, close_fds=True,
        # Ctrl-C live, as at a terminal, even when the tests run in the background (a shell starts a background
        # job with SIGINT ignored, and Python keeps a signal ignored at its start).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    os.close(child)
    read_until(main, "Claim (as said)")
    os.write(main, "반쯤 쓰다 만 주장".encode())
    read_until(main, "반쯤 쓰다 만 주장")  # echoed: the line editor has read it and waits for more, as at a keyboard
    # A signal that lands while the line editor is between two keys (not waiting for one) is acted on at the
    # next key, by CPython's readline hook; on a loaded machine that can happen here, so, as a person would,
    # press Ctrl-C again until the program answers.
    for _attempt in range(20):
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=1)
            break
        except subprocess.TimeoutExpired:
            continue
    seen = read_until(main, "interrupted")
    assert proc.wait(timeout=30) == 130, seen
    os.close(main)
    assert "Aborted" not in seen and "Traceback" not in seen
    assert list(empty_claims.iterdir()) == []
